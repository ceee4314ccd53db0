//! The source records behind the entities, kept as compact JSON and parsed only when a result
//! needs them: a few records per query, instead of every record held as structures in memory.
//! A screener built in this process holds the JSON text; one loaded from a snapshot leaves it
//! in the file and reads a record's span when asked (the text is a tenth of a snapshot, and a
//! query needs the records of its results only).

use interdict_model::Record;
use std::borrow::Cow;
use std::fs::File;
use std::sync::Arc;

/// Why a record could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("record {0} is out of range")]
    OutOfRange(usize),
    #[error("cannot read record {record} from the snapshot file: {message}")]
    Io { record: usize, message: String },
    #[error("record {record} is not valid JSON: {message}")]
    Json { record: usize, message: String },
}

/// Where the records' JSON text lives.
#[derive(Debug, Clone)]
enum Text {
    Memory(String),
    /// `len` bytes of `file` from `start` (a snapshot section, checksummed when loaded).
    File {
        file: Arc<File>,
        start: u64,
        len: u64,
    },
}

/// Records stored as their JSON text, back to back.
#[derive(Debug, Clone)]
pub struct RecordTable {
    text: Text,
    /// Record i is the text's bytes `offsets[i]..offsets[i + 1]`.
    offsets: Vec<u64>,
}

impl Default for RecordTable {
    fn default() -> Self {
        RecordTable {
            text: Text::Memory(String::new()),
            offsets: vec![0],
        }
    }
}

impl RecordTable {
    pub fn new<R: std::borrow::Borrow<Record>>(records: &[R]) -> Self {
        let mut json = String::new();
        let mut offsets = Vec::with_capacity(records.len() + 1);
        offsets.push(0);
        for r in records {
            // A Record always serialises (plain strings, numbers and maps with string keys).
            if let Ok(text) = serde_json::to_string(r.borrow()) {
                json.push_str(&text);
            }
            offsets.push(json.len() as u64);
        }
        RecordTable {
            text: Text::Memory(json),
            offsets,
        }
    }

    /// A table whose text is `len` bytes of `file` from `start`, split at `offsets`.
    pub(crate) fn in_file(file: File, start: u64, len: u64, offsets: Vec<u64>) -> Self {
        RecordTable {
            text: Text::File {
                file: Arc::new(file),
                start,
                len,
            },
            offsets,
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record boundaries within the text (`len() + 1` of them, the first 0).
    pub(crate) fn offsets(&self) -> &[u64] {
        &self.offsets
    }

    /// The whole JSON text when it is held in memory (a screener built in this process).
    #[cfg(test)]
    fn text_in_memory(&self) -> Option<&str> {
        match &self.text {
            Text::Memory(s) => Some(s),
            Text::File { .. } => None,
        }
    }

    /// Write the whole JSON text (copied from the file in blocks when it is left there).
    pub(crate) fn write_text(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        match &self.text {
            Text::Memory(s) => w.write_all(s.as_bytes()),
            Text::File { file, start, len } => {
                let mut buf = vec![0u8; 1 << 20];
                let mut done = 0u64;
                while done < *len {
                    let n = (*len - done).min(buf.len() as u64) as usize;
                    read_exact_at(file, &mut buf[..n], start + done)?;
                    w.write_all(&buf[..n])?;
                    done += n as u64;
                }
                Ok(())
            }
        }
    }

    fn text_len(&self) -> u64 {
        match &self.text {
            Text::Memory(s) => s.len() as u64,
            Text::File { len, .. } => *len,
        }
    }

    /// The JSON text of record `i`.
    pub fn json(&self, i: usize) -> Result<Cow<'_, str>, RecordError> {
        let (Some(&a), Some(&b)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return Err(RecordError::OutOfRange(i));
        };
        match &self.text {
            Text::Memory(s) => s
                .get(a as usize..b as usize)
                .map(Cow::Borrowed)
                .ok_or(RecordError::OutOfRange(i)),
            Text::File { file, start, .. } => {
                let size = b.checked_sub(a).ok_or(RecordError::OutOfRange(i))?;
                let mut buf = vec![0u8; size as usize];
                read_exact_at(file, &mut buf, start + a).map_err(|e| RecordError::Io {
                    record: i,
                    message: e.to_string(),
                })?;
                String::from_utf8(buf)
                    .map(Cow::Owned)
                    .map_err(|e| RecordError::Json {
                        record: i,
                        message: e.to_string(),
                    })
            }
        }
    }

    /// Record `i`, parsed.
    pub fn get(&self, i: usize) -> Result<Record, RecordError> {
        serde_json::from_str(&self.json(i)?).map_err(|e| RecordError::Json {
            record: i,
            message: e.to_string(),
        })
    }

    /// Every record, parsed in order (a file's text read through one buffered sequential
    /// reader, not a read per record).
    pub fn iter(&self) -> Box<dyn Iterator<Item = Result<Record, RecordError>> + '_> {
        let Text::File { file, start, len } = &self.text else {
            return Box::new((0..self.len()).map(|i| self.get(i)));
        };
        let mut reader =
            std::io::BufReader::with_capacity(1 << 20, AtReader::new(file, *start, *len));
        Box::new((0..self.len()).map(move |i| {
            use std::io::Read;
            let size = self.offsets[i + 1]
                .checked_sub(self.offsets[i])
                .ok_or(RecordError::OutOfRange(i))?;
            let mut buf = vec![0u8; size as usize];
            reader.read_exact(&mut buf).map_err(|e| RecordError::Io {
                record: i,
                message: e.to_string(),
            })?;
            serde_json::from_slice(&buf).map_err(|e| RecordError::Json {
                record: i,
                message: e.to_string(),
            })
        }))
    }

    /// Whether the record spans cover the text, in order (see [`crate::NameIndex::check`]);
    /// for text held in memory, also on character boundaries (a file's text is checked as
    /// each record is read).
    pub fn check(&self) -> Result<(), String> {
        let ends_right = self.offsets.first() == Some(&0)
            && self.offsets.last().copied() == Some(self.text_len());
        let boundaries = match &self.text {
            Text::Memory(s) => self.offsets.iter().all(|&o| s.is_char_boundary(o as usize)),
            Text::File { .. } => true,
        };
        if !ends_right || self.offsets.windows(2).any(|w| w[0] > w[1]) || !boundaries {
            return Err("record offsets do not cover the record text".into());
        }
        Ok(())
    }

    /// Bytes held in memory (the text only when it is not left in the file).
    pub fn heap_size(&self) -> usize {
        let text = match &self.text {
            Text::Memory(s) => s.len(),
            Text::File { .. } => 0,
        };
        text + self.offsets.len() * 8
    }
}

/// Read from `file` at `offset` without moving a shared file position (threads read records
/// of one open file at once).
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<usize> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "reading a snapshot needs positioned reads (unix or windows)",
    ))
}

/// Fill `buf` from `file` at `offset`.
pub(crate) fn read_exact_at(
    file: &File,
    mut buf: &mut [u8],
    mut offset: u64,
) -> std::io::Result<()> {
    while !buf.is_empty() {
        match read_at(file, buf, offset) {
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A reader over `len` bytes of a file from `start`, by positioned reads: several can read one
/// open file at once.
pub(crate) struct AtReader<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
}

impl<'a> AtReader<'a> {
    pub(crate) fn new(file: &'a File, start: u64, len: u64) -> Self {
        AtReader {
            file,
            pos: start,
            end: start.saturating_add(len),
        }
    }
}

impl std::io::Read for AtReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.end.saturating_sub(self.pos);
        let n = (buf.len() as u64).min(left) as usize;
        if n == 0 {
            return Ok(0);
        }
        let got = read_at(self.file, &mut buf[..n], self.pos)?;
        self.pos += got as u64;
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{NameKind, Schema};
    use std::io::Write;

    fn two() -> (Record, Record) {
        let mut a = Record::new("t", "1", Schema::Person);
        a.add_name("Ivan Petrov", NameKind::Primary);
        (a, Record::new("t", "2", Schema::Vessel))
    }

    #[test]
    fn round_trip() {
        let (a, b) = two();
        let t = RecordTable::new(&[a.clone(), b.clone()]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(0).unwrap(), a);
        let all: Vec<Record> = t.iter().collect::<Result<_, _>>().unwrap();
        assert_eq!(all, vec![a, b]);
        assert!(matches!(t.get(2), Err(RecordError::OutOfRange(2))));
    }

    #[test]
    fn records_read_from_a_file_span() {
        let (a, b) = two();
        let t = RecordTable::new(&[a.clone(), b.clone()]);
        let text = t.text_in_memory().unwrap().to_string();
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(b"header").unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f.write_all(b"trailer").unwrap();
        let len = text.len() as u64;
        let in_file = RecordTable::in_file(f, 6, len, t.offsets().to_vec());
        assert!(in_file.check().is_ok());
        assert_eq!(in_file.get(1).unwrap(), b);
        assert_eq!(in_file.get(0).unwrap(), a);
        assert_eq!(in_file.heap_size(), 3 * 8);
        // Offsets that do not end at the text's end are refused.
        let f = tempfile::tempfile().unwrap();
        let short = RecordTable::in_file(f, 0, len + 1, t.offsets().to_vec());
        assert!(short.check().is_err());
        // A span the file does not hold is an error, not a panic.
        let f = tempfile::tempfile().unwrap();
        let empty = RecordTable::in_file(f, 0, len, t.offsets().to_vec());
        assert!(matches!(
            empty.get(0),
            Err(RecordError::Io { record: 0, .. })
        ));
    }
}
