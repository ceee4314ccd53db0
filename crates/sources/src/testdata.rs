//! Locating the shared real-data folder for tests: `INTERDICT_DATA`, else `../shared/data` beside
//! the checkout. Under `CI=true` a missing folder is a failure; elsewhere tests skip with a message.

use std::path::PathBuf;

/// The shared data folder, or `None` (after printing why) when it is absent outside CI.
///
/// # Panics
/// When `CI=true` and the folder is missing: CI must never silently skip real-data tests.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("INTERDICT_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    };
    if dir.join("lists").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "shared data folder {} is missing (set INTERDICT_DATA); CI requires it",
            dir.display()
        );
    }
    eprintln!(
        "skipping: shared data folder {} not found (set INTERDICT_DATA to run real-data tests)",
        dir.display()
    );
    None
}

/// A path inside the shared `lists/` folder, or `None` when the data folder is absent.
pub fn list(rel: &str) -> Option<PathBuf> {
    data_dir().map(|d| d.join("lists").join(rel))
}
