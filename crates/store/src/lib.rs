//! The data folder: imported sources are kept on disk and replaced atomically; loading gives the
//! active records (newest version of each list) and their canonical entities.
//!
//! Layout: `manifest.json` (the commit point, replaced by rename), `sources/<dir>/records.jsonl`
//! (one record per line) and `snapshot.bin` (the prepared screener, see
//! [`interdict_index::snapshot`]). An import writes new source folders and, at the same time, a
//! new snapshot beside the old one; once both are on disk, the new manifest; then it moves the
//! snapshot into place and removes
//! folders no manifest names; a crash at any point leaves the previous manifest and every folder
//! it names intact. The snapshot carries the digest of the manifest it was built from: a
//! snapshot that does not match the manifest (a crash between the two renames, another format
//! version, a build that analyses names differently, a failed checksum) is rebuilt from the
//! sources when the screener is opened.

mod manifest;
mod snapshot;
pub mod update;

pub use snapshot::{Opened, SnapshotOrigin};

pub use manifest::{Manifest, SourceMeta};

use interdict_model::{CanonicalEntity, Record, group_records};
use interdict_sources::ParsedSource;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: corrupt store file: {message}")]
    Corrupt { path: PathBuf, message: String },
    #[error("the active sources: {0}")]
    TooManyEntities(#[from] interdict_index::TooManyEntities),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A data folder.
pub struct Store {
    dir: PathBuf,
}

/// The loaded, active data.
pub struct Loaded {
    pub manifest: Manifest,
    /// Records of the active sources.
    pub records: Vec<Record>,
    pub entities: Vec<CanonicalEntity>,
}

impl Store {
    /// Open (creating if needed) a data folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let dir = dir.into();
        fs::create_dir_all(dir.join("sources")).map_err(io(&dir))?;
        Ok(Store { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("manifest.json")
    }

    /// The current manifest (empty when nothing was imported).
    pub fn manifest(&self) -> Result<Manifest, StoreError> {
        let p = self.manifest_path();
        match fs::read(&p) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path: p.clone(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(io(&p)(e)),
        }
    }

    /// Add or replace sources (matched by key) in one atomic step. The sources' files are
    /// written while the snapshot is built from the records in memory (on another core); the
    /// manifest is written only once both are on disk.
    pub fn import(&self, parsed: &[ParsedSource]) -> Result<Manifest, StoreError> {
        let mut manifest = self.manifest()?;
        let stamp = manifest::now_stamp();
        let folders: Vec<String> = (0..parsed.len())
            .map(|n| {
                format!(
                    "{}-{stamp}-{n}",
                    interdict_model::canonical::short_hash(&parsed[n].key)
                )
            })
            .collect();
        // The records just parsed, by the folder they are written to: the snapshot is built
        // from them instead of reading back what was written.
        let mut fresh: HashMap<String, &[Record]> = HashMap::new();
        for (p, folder) in parsed.iter().zip(&folders) {
            fresh.insert(folder.clone(), &p.records);
            manifest.upsert(SourceMeta::from_parsed(p, folder.clone(), &stamp));
        }
        manifest.resolve_versions();
        let (written, staged) = rayon::join(
            || {
                parsed
                    .iter()
                    .zip(&folders)
                    .try_for_each(|(p, folder)| self.write_source(p, folder))
            },
            || self.stage_snapshot(&manifest, &fresh),
        );
        let staged = match (written, staged) {
            (Ok(()), Ok(staged)) => staged,
            (Err(e), staged) => {
                if let Ok(staged) = staged {
                    staged.discard();
                }
                return Err(e);
            }
            (Ok(()), Err(e)) => return Err(e),
        };
        self.write_manifest(&manifest)?;
        self.commit_snapshot(&staged)?;
        self.remove_unreferenced(&manifest);
        Ok(manifest)
    }

    /// Write one parsed source's records into its (new) folder, one JSON record per line.
    fn write_source(&self, p: &ParsedSource, folder: &str) -> Result<(), StoreError> {
        let dir = self.dir.join("sources").join(folder);
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join("records.jsonl");
        let f = fs::File::create(&path).map_err(io(&path))?;
        let mut w = BufWriter::new(f);
        for r in &p.records {
            serde_json::to_writer(&mut w, r).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: e.to_string(),
            })?;
            w.write_all(b"\n").map_err(io(&path))?;
        }
        let f = w.into_inner().map_err(|e| io(&path)(e.into_error()))?;
        f.sync_all().map_err(io(&path))
    }

    fn write_manifest(&self, m: &Manifest) -> Result<(), StoreError> {
        let p = self.manifest_path();
        let tmp = self
            .dir
            .join(format!("manifest.json.tmp-{}", std::process::id()));
        let bytes = manifest_bytes(m, &p)?;
        {
            let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
            f.write_all(&bytes).map_err(io(&tmp))?;
            f.sync_all().map_err(io(&tmp))?;
        }
        fs::rename(&tmp, &p).map_err(io(&p))?;
        Ok(())
    }

    /// Remove source folders the manifest does not name (left by replaced or failed imports).
    fn remove_unreferenced(&self, m: &Manifest) {
        let keep: Vec<&str> = m.sources.iter().map(|s| s.folder.as_str()).collect();
        if let Ok(entries) = fs::read_dir(self.dir.join("sources")) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if !keep.contains(&name.as_str()) {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }

    /// Read the records of one source.
    pub fn read_source(&self, meta: &SourceMeta) -> Result<Vec<Record>, StoreError> {
        let path = self
            .dir
            .join("sources")
            .join(&meta.folder)
            .join("records.jsonl");
        let f = fs::File::open(&path).map_err(io(&path))?;
        let mut out = Vec::with_capacity(meta.records);
        for (i, line) in BufReader::new(f).lines().enumerate() {
            let line = line.map_err(io(&path))?;
            let r: Record = serde_json::from_str(&line).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: format!("line {}: {e}", i + 1),
            })?;
            out.push(r);
        }
        Ok(out)
    }

    /// Load the active sources and group their records into canonical entities.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        self.load_manifest(self.manifest()?)
    }

    /// Load the active sources a manifest names.
    fn load_manifest(&self, manifest: Manifest) -> Result<Loaded, StoreError> {
        let mut records = Vec::new();
        for s in manifest
            .sources
            .iter()
            .filter(|s| s.superseded_by.is_none())
        {
            records.extend(self.read_source(s)?);
        }
        let entities = group_records(&records);
        Ok(Loaded {
            manifest,
            records,
            entities,
        })
    }
}

/// The manifest exactly as written to disk (its digest tags the snapshot).
fn manifest_bytes(m: &Manifest, path: &Path) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec_pretty(m).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Records per schema, as shown in summaries.
pub fn by_schema(records: &[Record]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for r in records {
        *m.entry(r.schema.as_str().to_string()).or_insert(0) += 1;
    }
    m
}
