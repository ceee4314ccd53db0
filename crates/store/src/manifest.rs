//! The manifest: which sources the data folder holds, and which version of each list is active.

use interdict_sources::ParsedSource;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One imported source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    /// The path it was imported from (file or folder): importing it again replaces it.
    pub key: String,
    pub format: String,
    pub dataset: String,
    pub folder: String,
    pub records: usize,
    pub by_schema: BTreeMap<String, usize>,
    pub warnings: usize,
    pub skipped: usize,
    /// The first warnings, for display (all are counted in `warnings`).
    #[serde(default)]
    pub warning_samples: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_date: Option<String>,
    pub imported_at: String,
    pub files: Vec<interdict_sources::context::FileInfo>,
    /// Set when a newer version of the same list is also imported: this one is kept but not screened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

impl SourceMeta {
    pub fn from_parsed(p: &ParsedSource, folder: String, stamp: &str) -> Self {
        SourceMeta {
            key: p.key.clone(),
            format: p.format.as_str().to_string(),
            dataset: p.dataset.clone(),
            folder,
            records: p.records.len(),
            by_schema: crate::by_schema(&p.records),
            warnings: p.warnings.len(),
            skipped: p.skipped,
            warning_samples: p
                .warnings
                .iter()
                .take(20)
                .map(ToString::to_string)
                .collect(),
            list_date: p.list_date.clone(),
            imported_at: stamp.to_string(),
            files: p.files.clone(),
            superseded_by: None,
        }
    }

    /// Which list this source is a version of: dataset and format, and for single-file formats
    /// the file name without digits (`IRGC_sanctions.xml` and `yemen_sanctions.xml` are different
    /// lists; `sdn.csv` of 2021 with its companions and of 2024 alone are versions of one list).
    pub fn list_identity(&self) -> String {
        let multi_file = matches!(
            self.format.as_str(),
            "ofac-csv" | "eu-journal-csv" | "uk-csv" | "ftm-delta"
        );
        if multi_file {
            return format!("{}|{}", self.dataset, self.format);
        }
        let names: Vec<String> = self
            .files
            .iter()
            .filter_map(|f| std::path::Path::new(&f.path).file_name())
            .map(|n| {
                n.to_string_lossy()
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect()
            })
            .collect();
        format!("{}|{}|{}", self.dataset, self.format, names.join(","))
    }

    /// Ordering key for versions: the list's own date, then the import time.
    fn version_key(&self) -> (String, String) {
        (
            self.list_date.clone().unwrap_or_default(),
            self.imported_at.clone(),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub sources: Vec<SourceMeta>,
}

impl Manifest {
    /// Add a source or replace the one with the same key.
    pub fn upsert(&mut self, meta: SourceMeta) {
        match self.sources.iter_mut().find(|s| s.key == meta.key) {
            Some(slot) => *slot = meta,
            None => self.sources.push(meta),
        }
        self.sources.sort_by(|a, b| a.key.cmp(&b.key));
    }

    /// Mark every version of a list but the newest as superseded.
    pub fn resolve_versions(&mut self) {
        let mut newest: BTreeMap<String, (String, String, String)> = BTreeMap::new();
        for s in &self.sources {
            let (d, t) = s.version_key();
            let e =
                newest
                    .entry(s.list_identity())
                    .or_insert((d.clone(), t.clone(), s.key.clone()));
            if (d.clone(), t.clone()) > (e.0.clone(), e.1.clone()) {
                *e = (d, t, s.key.clone());
            }
        }
        for s in &mut self.sources {
            let winner = &newest[&s.list_identity()].2;
            s.superseded_by = (winner != &s.key).then(|| winner.clone());
        }
    }

    pub fn active(&self) -> impl Iterator<Item = &SourceMeta> {
        self.sources.iter().filter(|s| s.superseded_by.is_none())
    }
}

/// A sortable UTC timestamp `YYYYMMDDTHHMMSS.nnnnnnnnnZ` for import times and folder names.
pub fn now_stamp() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    let (y, m, dd) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{dd:02}T{:02}{:02}{:02}.{:09}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60,
        d.subsec_nanos()
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_000), (2024, 10, 4));
    }
}
