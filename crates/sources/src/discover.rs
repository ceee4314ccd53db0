//! Finding lists on disk: walks folders, detects each file's format and groups the files of
//! multi-file lists (OFAC CSV, EU journal CSV folder, UK CSV tables, FtM delta versions) into one
//! source unit each.

use crate::SourceError;
use crate::detect::{Format, Role, detect_file};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One list to import: its files and format. `key` (an absolute path) identifies the source, so
/// importing the same path again replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUnit {
    pub key: String,
    pub format: Format,
    pub files: Vec<PathBuf>,
}

/// A file or group of files that was found but not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SkippedInput {
    pub path: String,
    pub reason: String,
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let meta = std::fs::metadata(path).map_err(|e| SourceError::io(path, e))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| SourceError::io(path, e))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| SourceError::io(path, e))?;
    entries.sort();
    for e in entries {
        let name = e
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        walk(&e, out)?;
    }
    Ok(())
}

fn is_multi_file(format: Format) -> bool {
    matches!(
        format,
        Format::OfacCsv | Format::EuJournalCsv | Format::UkCsv | Format::FtmDelta
    )
}

/// The folder that groups the files of a multi-file list.
fn group_key(format: Format, file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new("."));
    match format {
        // Versions live in sibling folders: <list>/<version>/entities.delta.json
        Format::FtmDelta => dir.parent().unwrap_or(dir).to_path_buf(),
        Format::OfacCsv => {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase());
            if name.is_some_and(|n| n.starts_with("cons_")) {
                dir.join("cons_*")
            } else {
                dir.to_path_buf()
            }
        }
        _ => dir.to_path_buf(),
    }
}

/// Find every list under `paths`. With `forced`, every file is taken to be of that format.
pub fn discover(
    paths: &[PathBuf],
    forced: Option<Format>,
) -> Result<(Vec<SourceUnit>, Vec<SkippedInput>), SourceError> {
    let mut files = Vec::new();
    for p in paths {
        walk(p, &mut files)?;
    }
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    // group folder -> (format, files, has primary)
    let mut groups: BTreeMap<(PathBuf, Format), (Vec<PathBuf>, bool)> = BTreeMap::new();
    for f in files {
        let abs = std::fs::canonicalize(&f).unwrap_or(f.clone());
        let detected = match forced {
            Some(fmt) => Some((fmt, detect_file(&abs).map_or(Role::Primary, |(_, r)| r))),
            None => detect_file(&abs),
        };
        let Some((format, role)) = detected else {
            skipped.push(SkippedInput {
                path: abs.display().to_string(),
                reason: "not a recognised sanctions-list format".into(),
            });
            continue;
        };
        if is_multi_file(format) {
            let g = groups
                .entry((group_key(format, &abs), format))
                .or_insert_with(|| (Vec::new(), false));
            g.0.push(abs);
            g.1 |= role == Role::Primary;
        } else {
            units.push(SourceUnit {
                key: abs.display().to_string(),
                format,
                files: vec![abs],
            });
        }
    }
    for ((dir, format), (files, has_primary)) in groups {
        if !has_primary {
            let names: Vec<String> = files
                .iter()
                .filter_map(|f| f.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .collect();
            let wanted = match format {
                Format::UkCsv => "subjects.csv",
                _ => "sdn.csv or cons_prim.csv",
            };
            skipped.push(SkippedInput {
                path: dir.display().to_string(),
                reason: format!(
                    "{format} companion files ({}) without their primary file {wanted}",
                    names.join(", ")
                ),
            });
            continue;
        }
        units.push(SourceUnit {
            key: dir.display().to_string(),
            format,
            files,
        });
    }
    units.sort_by(|a, b| a.key.cmp(&b.key));
    Ok((units, skipped))
}
