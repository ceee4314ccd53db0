//! Opening the imported lists for screening: the snapshot when it is current, else a rebuild.

use anyhow::bail;
use interdict_store::{Manifest, Opened, SnapshotOrigin, Store};
use serde_json::{Value, json};
use std::path::Path;

/// The screener of the imported lists; an error when nothing is imported. A rebuilt snapshot is
/// reported on stderr with the reason.
pub fn screener(dir: &Path) -> anyhow::Result<Opened> {
    let opened = Store::open(dir)?.screener()?;
    if opened.screener.records.is_empty() {
        bail!(
            "no lists imported in {}; run `interdict import PATH` first",
            dir.display()
        );
    }
    if let SnapshotOrigin::Rebuilt { reason, saved } = &opened.origin {
        eprintln!(
            "note: screening index rebuilt from the sources ({reason}){}",
            if *saved {
                ""
            } else {
                "; the new snapshot could not be saved"
            }
        );
    }
    Ok(opened)
}

/// The list versions screened against, for results.
pub fn versions(manifest: &Manifest) -> Vec<Value> {
    manifest
        .active()
        .map(|s| {
            json!({"path": s.key, "dataset": s.dataset, "list_date": s.list_date,
                   "sha256": s.files.iter().map(|f| f.sha256.as_str()).collect::<Vec<_>>()})
        })
        .collect()
}
