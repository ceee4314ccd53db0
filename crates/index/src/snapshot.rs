//! The screener on disk: prepared entities, the name index and the records, written once at
//! import and loaded in a fraction of the time it takes to prepare them.
//!
//! Layout (little-endian): the magic `interdict-snapshot`, the format version (u32), the
//! analysis fingerprint (u64: a hash of how a fixed set of probe names is analysed, so a binary
//! whose name analysis differs rejects the file instead of screening with stale keys), the
//! caller's tag (u32 length + UTF-8; the store puts the digest of the manifest it was built
//! from), then three sections, each a u64 length, a u64 XXH3 checksum and a body (bincode for
//! sections 0 and 1, raw text for section 2). Sections are checksummed, and 0 and 1 decoded,
//! in parallel. Section 0 holds the distinct name tokens, then the prepared
//! entities, whose names give each token as its number in that table: a word is stored and
//! loaded once however many names repeat it, and every loaded name shares it. Section 1 holds
//! the rest but the records' text: the canonical entities, captions, the name index and the
//! record offsets. Section 2 is the records' JSON text, not decoded: it is checksummed when the
//! file is loaded and then left in the file, which the loaded screener keeps open and reads a
//! record from when a result needs it (an import renames a new file over it; on unix the open
//! file stays whole, and a server reads its records from the file it loaded). Any mismatch is an error that names what differs; the
//! caller rebuilds from the sources.

use crate::records::RecordTable;
use crate::{NameIndex, Screener};
use interdict_matching::PreparedEntity;
use interdict_matching::names::{Token, read_sharing, write_sharing};
use interdict_model::CanonicalEntity;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::sync::LazyLock;

/// Bump when the layout, the index keys or the analysis of listed names change (17: every
/// country's English name is a place; 16: keys of
/// the acronyms a name's words spell; 15: a token says whether it names a place; 14: an entity's
/// token numbers of two bytes when they fit, with their names' ends in one array; 13: a name's
/// readings and joins in one array; 12: joined words of listed names kept as their place in
/// the name; 11: postings of three bytes; 10: Ukrainian given names in German and Polish spellings, "Wolodymyr",
/// "Jurij", read in their Russian form; 9: Han names read in Korean only after a Korean
/// surname, Korean-shaped Hangul names not read with joined syllables, Han and Hangul names
/// keep repeated syllables and a leading "bin").
pub const FORMAT_VERSION: u32 = 17;
const MAGIC: &[u8] = b"interdict-snapshot";

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("not an Interdict snapshot")]
    NotASnapshot,
    #[error("snapshot format version {found}, this build reads version {expected}")]
    Version { found: u32, expected: u32 },
    #[error("snapshot was written by a build that analyses names differently")]
    Analysis,
    #[error("snapshot was built from other data (tag `{found}`, expected `{expected}`)")]
    Stale { found: String, expected: String },
    #[error("snapshot is truncated")]
    Truncated,
    #[error("snapshot section {0} fails its checksum")]
    Checksum(usize),
    #[error("snapshot section {section} cannot be decoded: {message}")]
    Decode { section: usize, message: String },
    #[error("cannot read snapshot: {0}")]
    Io(String),
    #[error("cannot write snapshot: {0}")]
    Write(String),
}

/// Everything but the prepared entities and the records' text (section 1).
#[derive(Serialize, Deserialize)]
struct Rest {
    /// Boundaries of the records in section 2 (see [`RecordTable`]).
    record_offsets: Vec<u64>,
    entities: Vec<CanonicalEntity>,
    /// `entities[i].members` (not part of the entity's own serialised form).
    members: Vec<Vec<u32>>,
    captions: Vec<String>,
    index: NameIndex,
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_fixed_int_encoding()
}

/// Names in the scripts and styles the analyser handles; their analysis is hashed.
const PROBES: &[&str] = &[
    "Vladimir Vladimirovich PUTIN",
    "Владимир Путин",
    "김정은",
    "金正恩",
    "محمد علي",
    "OOO Gazprom Neft Aktiengesellschaft",
    "Kim Jong Un",
    "224th Flight Unit",
    "Zhōu Ēnlái",
    "Μιχάλης Παπαδόπουλος",
    "Frost, William G.",
    "Brigade Fourty-four",
];

/// A fingerprint of the name analysis of this build.
pub fn analysis_fingerprint() -> u64 {
    static FP: LazyLock<u64> = LazyLock::new(|| {
        let analysed: Vec<_> = PROBES
            .iter()
            .map(|p| interdict_matching::names::analyze(p))
            .collect();
        let bytes = bincode::serde::encode_to_vec(&analysed, config()).unwrap_or_default();
        xxhash_rust::xxh3::xxh3_64(&bytes)
    });
    *FP
}

/// Section 1 as written: [`Rest`] borrowed from the screener (same encoding), so that writing
/// copies none of it.
#[derive(Serialize)]
struct RestRef<'a> {
    record_offsets: &'a [u64],
    entities: &'a [CanonicalEntity],
    members: Vec<Vec<u32>>,
    captions: &'a [String],
    index: &'a NameIndex,
}

/// A writer that keeps nothing: it counts and hashes what goes through it, so that a
/// section's length and checksum can precede it without the section held in memory.
struct Digest {
    len: u64,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl Digest {
    fn new() -> Digest {
        Digest {
            len: 0,
            hash: xxhash_rust::xxh3::Xxh3::new(),
        }
    }
}

impl Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len += buf.len() as u64;
        self.hash.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Entities from which the prepared entities are streamed into the snapshot instead of
/// encoded into memory first (see [`write`]).
const STREAM_ENTITIES_FROM: usize = 200_000;

/// Write a screener with a tag identifying the data it was built from.
pub fn write(screener: &Screener, tag: &str, w: impl Write) -> Result<(), SnapshotError> {
    write_streaming_from(screener, tag, w, STREAM_ENTITIES_FROM)
}

/// [`write`], streaming the prepared entities when there are at least `stream_from`.
fn write_streaming_from(
    screener: &Screener,
    tag: &str,
    mut w: impl Write,
    stream_from: usize,
) -> Result<(), SnapshotError> {
    let (records, entities, captions, prepared, index) = screener.parts();
    let rest = RestRef {
        record_offsets: records.offsets(),
        entities,
        members: entities
            .iter()
            .map(|e| e.members.iter().map(|&m| m as u32).collect())
            .collect(),
        captions,
        index,
    };
    let enc = |e: bincode::error::EncodeError| SnapshotError::Write(e.to_string());
    let io = |e: std::io::Error| SnapshotError::Write(e.to_string());
    w.write_all(MAGIC).map_err(io)?;
    w.write_all(&FORMAT_VERSION.to_le_bytes()).map_err(io)?;
    w.write_all(&analysis_fingerprint().to_le_bytes())
        .map_err(io)?;
    w.write_all(&(tag.len() as u32).to_le_bytes()).map_err(io)?;
    w.write_all(tag.as_bytes()).map_err(io)?;
    // Section 0: the distinct tokens, then the prepared entities naming them by number. The
    // table is known only once the entities are encoded, and the section's length and checksum
    // come first. A large list's entities are encoded three times (to find the table, to hash,
    // to write) instead of into memory, where they are gigabytes at millions of entities; a
    // small list's are encoded once into memory, which is faster. Tokens are numbered in the
    // order the encoding meets them, so every pass writes the same bytes.
    let entities_into = |mut out: &mut dyn Write| {
        write_sharing(|| bincode::serde::encode_into_std_write(prepared, &mut out, config()))
    };
    let section = |w: &mut dyn Write, bytes: &[u8]| -> std::io::Result<()> {
        w.write_all(&(bytes.len() as u64).to_le_bytes())?;
        w.write_all(&xxhash_rust::xxh3::xxh3_64(bytes).to_le_bytes())?;
        w.write_all(bytes)
    };
    if prepared.len() < stream_from {
        // A small list's sections 0 and 1 are encoded into memory, on two cores.
        let (section0, section1) = rayon::join(
            || {
                let (bytes, tokens) =
                    write_sharing(|| bincode::serde::encode_to_vec(prepared, config()));
                let mut section0 = bincode::serde::encode_to_vec(&tokens, config())?;
                section0.extend(bytes?);
                Ok(section0)
            },
            || bincode::serde::encode_to_vec(&rest, config()),
        );
        section(&mut w, &section0.map_err(enc)?).map_err(io)?;
        section(&mut w, &section1.map_err(enc)?).map_err(io)?;
    } else {
        let (found, tokens) = entities_into(&mut Digest::new());
        found.map_err(enc)?;
        let mut digest = Digest::new();
        bincode::serde::encode_into_std_write(&tokens, &mut digest, config()).map_err(enc)?;
        entities_into(&mut digest).0.map_err(enc)?;
        w.write_all(&digest.len.to_le_bytes()).map_err(io)?;
        w.write_all(&digest.hash.digest().to_le_bytes())
            .map_err(io)?;
        bincode::serde::encode_into_std_write(&tokens, &mut w, config()).map_err(enc)?;
        drop(tokens);
        entities_into(&mut w).0.map_err(enc)?;
        // Section 1 is encoded twice, once to measure and hash it and once into `w`, instead
        // of into memory: the records, the index and their encoding held at once are
        // gigabytes at millions of entities.
        let mut digest = Digest::new();
        bincode::serde::encode_into_std_write(&rest, &mut digest, config()).map_err(enc)?;
        w.write_all(&digest.len.to_le_bytes()).map_err(io)?;
        w.write_all(&digest.hash.digest().to_le_bytes())
            .map_err(io)?;
        bincode::serde::encode_into_std_write(&rest, &mut w, config()).map_err(enc)?;
    }
    // Section 2: the records' text as it is.
    let mut digest = Digest::new();
    records.write_text(&mut digest).map_err(io)?;
    w.write_all(&digest.len.to_le_bytes()).map_err(io)?;
    w.write_all(&digest.hash.digest().to_le_bytes())
        .map_err(io)?;
    records.write_text(&mut w).map_err(io)?;
    Ok(())
}

/// A cursor over the snapshot bytes.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        if self.0.len() < n {
            return Err(SnapshotError::Truncated);
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, SnapshotError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, SnapshotError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

fn header(c: &mut Cursor) -> Result<String, SnapshotError> {
    if c.take(MAGIC.len()).ok() != Some(MAGIC) {
        return Err(SnapshotError::NotASnapshot);
    }
    let found = c.u32()?;
    if found != FORMAT_VERSION {
        return Err(SnapshotError::Version {
            found,
            expected: FORMAT_VERSION,
        });
    }
    if c.u64()? != analysis_fingerprint() {
        return Err(SnapshotError::Analysis);
    }
    let n = c.u32()? as usize;
    String::from_utf8(c.take(n)?.to_vec()).map_err(|_| SnapshotError::NotASnapshot)
}

/// Read a snapshot file written with `expected_tag`, streaming: each section is checksummed in
/// one pass and decoded in a second, all sections in parallel, so that loading never holds the
/// file's bytes and the decoded screener in memory at once. The file is opened once: every
/// section is read, and the records are later read, from that one open file (by positioned
/// reads), so a snapshot renamed over `path` meanwhile cannot mix with this one.
pub fn read_file(path: &std::path::Path, expected_tag: &str) -> Result<Screener, SnapshotError> {
    use crate::records::{AtReader, read_exact_at};
    use std::io::{BufReader, Read};
    let io = |e: std::io::Error| SnapshotError::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let file_len = file.metadata().map_err(io)?.len();
    // The header is small: read a generous prefix and parse it with the slice reader.
    let mut head = Vec::with_capacity(4096);
    AtReader::new(&file, 0, 4096)
        .read_to_end(&mut head)
        .map_err(io)?;
    let mut c = Cursor(&head);
    let found = header(&mut c)?;
    if found != expected_tag {
        return Err(SnapshotError::Stale {
            found,
            expected: expected_tag.to_string(),
        });
    }
    let mut offset = (head.len() - c.0.len()) as u64;
    let mut sections = Vec::new();
    for i in 0..3 {
        let mut b = [0u8; 16];
        read_exact_at(&file, &mut b, offset).map_err(|_| SnapshotError::Truncated)?;
        let mut c = Cursor(&b);
        let (len, sum) = (c.u64()?, c.u64()?);
        let start = offset + 16;
        if start.checked_add(len).is_none_or(|end| end > file_len) {
            return Err(SnapshotError::Truncated);
        }
        sections.push((i, sum, start, len));
        offset = start + len;
    }
    let section = |(i, sum, start, len): (usize, u64, u64, u64)| {
        let open = || BufReader::with_capacity(1 << 20, AtReader::new(&file, start, len));
        let mut r = open();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = r.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
        if h.digest() != sum {
            return Err(SnapshotError::Checksum(i));
        }
        Ok(open())
    };
    let (prepared, (rest, records)) = rayon::join(
        || -> Result<Vec<PreparedEntity>, SnapshotError> {
            let mut r = section(sections[0])?;
            let tokens: Vec<Token> = decode_from(0, &mut r)?;
            read_sharing(tokens, || decode_from(0, &mut r))
        },
        || {
            rayon::join(
                || -> Result<Rest, SnapshotError> {
                    let mut r = section(sections[1])?;
                    decode_from(1, &mut r)
                },
                // The records' text is only checksummed: it stays in the file.
                || section(sections[2]).map(drop),
            )
        },
    );
    let (_, _, start, len) = sections[2];
    records?;
    let mut rest = rest?;
    let mut offsets = std::mem::take(&mut rest.record_offsets);
    offsets.shrink_to_fit();
    assemble(
        prepared?,
        rest,
        RecordTable::in_file(file, start, len, offsets),
    )
}

fn decode_from<T: serde::de::DeserializeOwned>(
    section: usize,
    r: &mut impl std::io::Read,
) -> Result<T, SnapshotError> {
    bincode::serde::decode_from_std_read(r, config()).map_err(|e| SnapshotError::Decode {
        section,
        message: e.to_string(),
    })
}

fn assemble(
    mut prepared: Vec<PreparedEntity>,
    mut rest: Rest,
    records: RecordTable,
) -> Result<Screener, SnapshotError> {
    if prepared.len() != rest.entities.len() || rest.members.len() != rest.entities.len() {
        return Err(SnapshotError::Decode {
            section: 1,
            message: "entity counts disagree".into(),
        });
    }
    let broken = |message: String| SnapshotError::Decode {
        section: 1,
        message,
    };
    records.check().map_err(broken)?;
    // Decoded vectors grow by doubling: drop their spare capacity.
    rest.index.shrink_to_fit();
    rest.entities.shrink_to_fit();
    rest.captions.shrink_to_fit();
    prepared.shrink_to_fit();
    rest.index.check(prepared.len()).map_err(broken)?;
    for (e, m) in rest.entities.iter_mut().zip(rest.members) {
        if m.iter().any(|&i| i as usize >= records.len()) {
            return Err(SnapshotError::Decode {
                section: 1,
                message: format!("entity {} names a record out of range", e.id),
            });
        }
        e.members = m.into_iter().map(|i| i as usize).collect();
    }
    Ok(Screener::from_parts(
        records,
        rest.entities,
        rest.captions,
        prepared,
        rest.index,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_matching::Query;
    use interdict_model::{NameKind, Record, Schema, group_records};

    fn screener() -> Screener {
        let mut a = Record::new("t", "1", Schema::Person);
        a.add_name("Ivan Petrov", NameKind::Primary);
        let mut b = Record::new("t", "2", Schema::Organization);
        b.add_name("Acme Trading LLC", NameKind::Primary);
        let records = vec![a, b];
        let entities = group_records(&records);
        Screener::new(records, entities)
    }

    /// Read `bytes` as a snapshot file.
    fn read(bytes: &[u8], tag: &str) -> Result<Screener, SnapshotError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.bin");
        std::fs::write(&path, bytes).unwrap();
        read_file(&path, tag)
    }

    #[test]
    fn streamed_and_buffered_writes_are_the_same_bytes() {
        let s = screener();
        let (mut streamed, mut buffered) = (Vec::new(), Vec::new());
        write_streaming_from(&s, "tag", &mut streamed, 0).unwrap();
        write_streaming_from(&s, "tag", &mut buffered, usize::MAX).unwrap();
        assert!(streamed.len() > 200);
        assert_eq!(streamed, buffered);
        assert!(read(&streamed, "tag").is_ok());
    }

    #[test]
    fn round_trip_and_rejections() {
        let s = screener();
        let mut bytes = Vec::new();
        write(&s, "tag-1", &mut bytes).unwrap();
        let back = read(&bytes, "tag-1").unwrap();
        let q = Query {
            names: vec!["Ivan Petrov".into()],
            ..Query::default()
        };
        let (h1, h2) = (s.screen(&q, 5, 0.75), back.screen(&q, 5, 0.75));
        assert_eq!(h1.len(), 1);
        assert_eq!(h1[0].score, h2[0].score);
        assert_eq!(back.caption(h2[0].entity), "Ivan Petrov");
        let members: Vec<Record> = back.members(h2[0].entity).map(Result::unwrap).collect();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].caption(), "Ivan Petrov");
        // The loaded records' text stays in the file: only the offsets are held.
        assert_eq!(back.records.heap_size(), 3 * 8);
        assert!(s.records.heap_size() > 3 * 8);
        // Written again from the file, the snapshot is the same bytes.
        let mut again = Vec::new();
        write(&back, "tag-1", &mut again).unwrap();
        assert_eq!(again, bytes);

        assert!(matches!(
            read(&bytes, "tag-2"),
            Err(SnapshotError::Stale { .. })
        ));
        assert!(matches!(
            read(b"garbage", "tag-1"),
            Err(SnapshotError::NotASnapshot)
        ));
        let mut other = bytes.clone();
        other[MAGIC.len()] = 99;
        assert!(matches!(
            read(&other, "tag-1"),
            Err(SnapshotError::Version { found: 99, .. })
        ));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            read(&flipped, "tag-1"),
            Err(SnapshotError::Checksum(2))
        ));
        for cut in [10, 40, bytes.len() / 2, bytes.len() - 1] {
            assert!(read(&bytes[..cut], "tag-1").is_err(), "cut at {cut}");
        }
    }

    /// Unix lets a file be renamed over one that is open.
    #[cfg(unix)]
    #[test]
    fn a_loaded_screener_reads_its_records_from_the_file_it_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.bin");
        let mut bytes = Vec::new();
        write(&screener(), "tag", &mut bytes).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let loaded = read_file(&path, "tag").unwrap();
        // An import renames another snapshot over the path while the screener serves.
        let mut r = Record::new("t", "9", Schema::Person);
        r.add_name("Somebody Else Entirely", NameKind::Primary);
        let other = Screener::new(vec![r.clone()], group_records(&[r]));
        let mut other_bytes = Vec::new();
        write(&other, "tag", &mut other_bytes).unwrap();
        let next = dir.path().join("snapshot.next");
        std::fs::write(&next, &other_bytes).unwrap();
        std::fs::rename(&next, &path).unwrap();
        let names: Vec<String> = (0..loaded.entities.len())
            .flat_map(|e| loaded.members(e))
            .map(|r| r.unwrap().caption().to_string())
            .collect();
        assert_eq!(names, ["Ivan Petrov", "Acme Trading LLC"]);
    }

    #[test]
    fn loaded_names_share_their_words() {
        let mut records = Vec::new();
        for (id, name) in [("1", "Ivan Petrov"), ("2", "Petrov Ivan Sergeyevich")] {
            let mut r = Record::new("t", id, Schema::Person);
            r.add_name(name, NameKind::Primary);
            records.push(r);
        }
        let entities = group_records(&records);
        assert_eq!(entities.len(), 2);
        let s = Screener::new(records, entities);
        let petrov = |s: &Screener, e: usize| {
            let (_, _, n) = s.prepared(e).names().next().unwrap();
            n.tokens
                .iter()
                .find(|t| t.text == "petrov")
                .cloned()
                .unwrap()
        };
        assert!(petrov(&s, 0).is_shared_with(&petrov(&s, 1)));
        let mut bytes = Vec::new();
        write(&s, "tag", &mut bytes).unwrap();
        let back = read(&bytes, "tag").unwrap();
        assert!(petrov(&back, 0).is_shared_with(&petrov(&back, 1)));
        assert!(!petrov(&back, 0).is_shared_with(&petrov(&s, 0)));
        let q = Query {
            names: vec!["Ivan Petrov".into()],
            ..Query::default()
        };
        let scores =
            |s: &Screener| -> Vec<f64> { s.screen(&q, 5, 0.5).iter().map(|h| h.score).collect() };
        assert_eq!(scores(&s), scores(&back));
    }
}
