//! Opening list files: transparent gzip and zip decompression, streaming, and content hashing.

use crate::SourceError;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 3, 4];

/// SHA-256 (hex) and size of a file's raw bytes, read in a stream.
pub fn hash_file(path: &Path) -> Result<(String, u64), SourceError> {
    let mut f = File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(|e| SourceError::io(path, e))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex::encode(h.finalize()), total))
}

fn magic(path: &Path) -> Result<[u8; 4], SourceError> {
    let mut f = File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut m = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        let n = f
            .read(&mut m[got..])
            .map_err(|e| SourceError::io(path, e))?;
        if n == 0 {
            break;
        }
        got += n;
    }
    Ok(m)
}

/// Open a list file for reading, decompressing gzip (streamed) and zip (the first entry that is
/// not a folder; zip members are read into memory because zip needs seeking).
pub fn open(path: &Path) -> Result<Box<dyn BufRead>, SourceError> {
    let m = magic(path)?;
    let f = File::open(path).map_err(|e| SourceError::io(path, e))?;
    if m[..2] == GZIP_MAGIC {
        return Ok(Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::read::MultiGzDecoder::new(BufReader::new(f)),
        )));
    }
    if m == ZIP_MAGIC {
        let mut archive = zip::ZipArchive::new(f).map_err(|e| SourceError::Archive {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(|e| SourceError::Archive {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            if entry.is_dir() {
                continue;
            }
            let mut data = Vec::with_capacity(entry.size() as usize);
            entry
                .read_to_end(&mut data)
                .map_err(|e| SourceError::Archive {
                    path: path.to_path_buf(),
                    message: format!("member `{}`: {e}", entry.name()),
                })?;
            return Ok(Box::new(Cursor::new(data)));
        }
        return Err(SourceError::Archive {
            path: path.to_path_buf(),
            message: "zip archive has no file".into(),
        });
    }
    Ok(Box::new(BufReader::with_capacity(256 * 1024, f)))
}

/// The first `n` bytes of the (decompressed) content, for format detection. Errors in the middle
/// of a compressed stream are ignored here: the parser reports them.
pub fn sniff(path: &Path, n: usize) -> Result<Vec<u8>, SourceError> {
    let reader = open(path)?;
    let mut buf = Vec::with_capacity(n);
    let _ = reader.take(n as u64).read_to_end(&mut buf);
    Ok(buf)
}

/// Strip a UTF-8 byte-order mark.
pub fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}
