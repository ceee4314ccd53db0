//! The prepared screener of the active sources, kept beside the manifest it was built from.

use crate::{Manifest, Store, StoreError, io, manifest_bytes};
use interdict_index::{Screener, snapshot};
use interdict_model::Record;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How the screener was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotOrigin {
    /// Read from `snapshot.bin`.
    Snapshot,
    /// Rebuilt from the sources, with the reason the snapshot was not used (missing, stale,
    /// another format version, corrupt) and whether the new snapshot could be written.
    Rebuilt { reason: String, saved: bool },
    /// Nothing is imported.
    Empty,
}

/// A screener opened from a data folder.
pub struct Opened {
    pub manifest: Manifest,
    pub screener: Screener,
    pub origin: SnapshotOrigin,
    /// Wall time to obtain the screener.
    pub took: Duration,
}

/// A snapshot written beside the current one, waiting for its manifest.
pub(crate) struct Staged {
    tmp: PathBuf,
}

impl Staged {
    /// Remove a staged snapshot whose import failed.
    pub(crate) fn discard(self) {
        let _ = fs::remove_file(&self.tmp);
    }
}

fn tag(manifest_bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(manifest_bytes))
}

impl Store {
    fn snapshot_path(&self) -> PathBuf {
        self.dir.join("snapshot.bin")
    }

    fn write_snapshot(&self, screener: &Screener, tag: &str) -> Result<Staged, StoreError> {
        let tmp = self
            .dir
            .join(format!("snapshot.bin.tmp-{}", std::process::id()));
        let f = fs::File::create(&tmp).map_err(io(&tmp))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        snapshot::write(screener, tag, &mut w).map_err(|e| StoreError::Corrupt {
            path: tmp.clone(),
            message: e.to_string(),
        })?;
        w.flush().map_err(io(&tmp))?;
        let f = w.into_inner().map_err(|e| io(&tmp)(e.into_error()))?;
        f.sync_all().map_err(io(&tmp))?;
        Ok(Staged { tmp })
    }

    /// Build the screener of the sources `manifest` names and write it beside the current
    /// snapshot (the sources must already be on disk; those in `fresh` are taken as given).
    pub(crate) fn stage_snapshot(
        &self,
        manifest: &Manifest,
        fresh: &HashMap<String, &[Record]>,
    ) -> Result<Staged, StoreError> {
        let bytes = manifest_bytes(manifest, &self.manifest_path())?;
        // The active sources in manifest order: those just parsed are borrowed, the others
        // read back from disk.
        let active: Vec<_> = manifest
            .sources
            .iter()
            .filter(|s| s.superseded_by.is_none())
            .collect();
        let read = active
            .iter()
            .filter(|s| !fresh.contains_key(&s.folder))
            .map(|s| self.read_source(s))
            .collect::<Result<Vec<Vec<Record>>, _>>()?;
        let mut read = read.iter();
        let mut records: Vec<&Record> = Vec::new();
        for s in active {
            match fresh.get(&s.folder) {
                Some(given) => records.extend(given.iter()),
                None => records.extend(read.next().into_iter().flatten()),
            }
        }
        let entities = interdict_model::group_records(&records);
        let screener = Screener::try_from_records(&records, entities)?;
        self.write_snapshot(&screener, &tag(&bytes))
    }

    /// Move a staged snapshot into place (after its manifest was written).
    pub(crate) fn commit_snapshot(&self, staged: &Staged) -> Result<(), StoreError> {
        let p = self.snapshot_path();
        fs::rename(&staged.tmp, &p).map_err(io(&p))
    }

    /// The screener of the active sources: from the snapshot when it matches the manifest,
    /// otherwise rebuilt from the sources (and the snapshot rewritten).
    pub fn screener(&self) -> Result<Opened, StoreError> {
        let start = Instant::now();
        let mp = self.manifest_path();
        let bytes = match fs::read(&mp) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Opened {
                    manifest: Manifest::default(),
                    screener: Screener::new(Vec::new(), Vec::new()),
                    origin: SnapshotOrigin::Empty,
                    took: start.elapsed(),
                });
            }
            Err(e) => return Err(io(&mp)(e)),
        };
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path: mp.clone(),
                message: e.to_string(),
            })?;
        let tag = tag(&bytes);
        let sp = self.snapshot_path();
        let reason = if sp.exists() {
            match snapshot::read_file(&sp, &tag) {
                Ok(screener) => {
                    return Ok(Opened {
                        manifest,
                        screener,
                        origin: SnapshotOrigin::Snapshot,
                        took: start.elapsed(),
                    });
                }
                Err(e) => e.to_string(),
            }
        } else {
            "no snapshot".to_string()
        };
        let loaded = self.load_manifest(manifest.clone())?;
        let screener = Screener::try_new(loaded.records, loaded.entities)?;
        // A read-only data folder still screens; it just rebuilds every time.
        let saved = self
            .write_snapshot(&screener, &tag)
            .and_then(|s| self.commit_snapshot(&s))
            .is_ok();
        Ok(Opened {
            manifest,
            screener,
            origin: SnapshotOrigin::Rebuilt { reason, saved },
            took: start.elapsed(),
        })
    }
}
