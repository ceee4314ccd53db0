//! Updating a data folder from the publishers: download the current lists, verify them, and
//! import them in one atomic step.
//!
//! Each list is downloaded into `<data-dir>/downloads/<name>.partial/` and checked: HTTP status,
//! Content-Length against the bytes received, a full parse (a malformed file fails the update),
//! at least one record, and no source shrinking by more than [`MAX_SHRINK`] against the version
//! being replaced unless forced. Only when every list passes are they imported together and
//! moved to `<data-dir>/downloads/<name>/`. Any failure leaves the previous data untouched.

use crate::{Manifest, Store, StoreError};
use interdict_sources::ParsedSource;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A source may lose at most this share of its records in one update unless forced.
pub const MAX_SHRINK: f64 = 0.2;

/// A list the publishers offer for download.
pub struct Published {
    pub name: &'static str,
    /// (URL at the publisher, local file name)
    pub files: &'static [(&'static str, &'static str)],
}

/// OFAC file URLs (kept together so the base stays in one place).
mod ofac_urls {
    macro_rules! ofac {
        ($f:literal) => {
            concat!(
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
                $f
            )
        };
    }
    pub const SDN: &str = ofac!("SDN.CSV");
    pub const ADD: &str = ofac!("ADD.CSV");
    pub const ALT: &str = ofac!("ALT.CSV");
    pub const COMMENTS: &str = ofac!("SDN_COMMENTS.CSV");
    pub const CONS_PRIM: &str = ofac!("CONS_PRIM.CSV");
    pub const CONS_ADD: &str = ofac!("CONS_ADD.CSV");
    pub const CONS_ALT: &str = ofac!("CONS_ALT.CSV");
    pub const CONS_COMMENTS: &str = ofac!("CONS_COMMENTS.CSV");
}

/// Every list `update` knows.
pub const PUBLISHED: &[Published] = &[
    Published {
        name: "ofac_sdn",
        files: &[
            (ofac_urls::SDN, "sdn.csv"),
            (ofac_urls::ADD, "add.csv"),
            (ofac_urls::ALT, "alt.csv"),
            (ofac_urls::COMMENTS, "sdn_comments.csv"),
        ],
    },
    Published {
        name: "ofac_cons",
        files: &[
            (ofac_urls::CONS_PRIM, "cons_prim.csv"),
            (ofac_urls::CONS_ADD, "cons_add.csv"),
            (ofac_urls::CONS_ALT, "cons_alt.csv"),
            (ofac_urls::CONS_COMMENTS, "cons_comments.csv"),
        ],
    },
    Published {
        name: "un_sc",
        files: &[(
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            "consolidated.xml",
        )],
    },
    Published {
        name: "eu_fsf",
        files: &[(
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
            "eu_fsf.xml",
        )],
    },
    Published {
        name: "uk_fcdo",
        files: &[(
            "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
            "UK-Sanctions-List.xml",
        )],
    },
];

/// What to update and how.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Fetch `BASE/<list>/<file>` from a mirror instead of the publishers.
    pub base_url: Option<String>,
    /// Only these lists (empty: all of [`PUBLISHED`]).
    pub only: Vec<String>,
    /// HTTP timeout per file.
    pub timeout: Duration,
    /// Accept a source that shrank by more than [`MAX_SHRINK`].
    pub force: bool,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            base_url: None,
            only: Vec::new(),
            timeout: Duration::from_secs(120),
            force: false,
        }
    }
}

/// One source written by an update.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UpdatedSource {
    pub list: String,
    pub key: String,
    pub format: String,
    pub records: usize,
    pub warnings: usize,
    /// Records of the version it replaced, if any.
    pub previous: Option<usize>,
}

/// Why an update failed; the previous data is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("unknown list `{0}` (known: ofac_sdn, ofac_cons, un_sc, eu_fsf, uk_fcdo)")]
    UnknownList(String),
    #[error("downloading {url}: {message}")]
    Download { url: String, message: String },
    #[error("verifying {list}: {message}")]
    Parse { list: String, message: String },
    #[error("verifying {list}: {key} has no records")]
    NoRecords { list: String, key: String },
    #[error(
        "verifying {list}: {key} shrank from {previous} to {records} records (more than {}%); pass --force to accept",
        (MAX_SHRINK * 100.0).round()
    )]
    Shrunk {
        list: String,
        key: String,
        previous: usize,
        records: usize,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> UpdateError + '_ {
    move |source| UpdateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Download one URL into `dest`; returns the bytes written.
fn download(url: &str, dest: &Path, timeout: Duration) -> Result<u64, UpdateError> {
    let fail = |message: String| UpdateError::Download {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .build()
        .into();
    let resp = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    let expected: Option<u64> = resp
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let mut reader = resp.into_body().into_reader();
    let mut f = std::fs::File::create(dest).map_err(io(dest))?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| fail(format!("connection broke after {total} bytes: {e}")))?;
        if n == 0 {
            break;
        }
        f.write_all(&buf[..n]).map_err(io(dest))?;
        total += n as u64;
    }
    f.sync_all().map_err(io(dest))?;
    if let Some(exp) = expected
        && exp != total
    {
        return Err(fail(format!("truncated, got {total} of {exp} bytes")));
    }
    if total == 0 {
        return Err(fail("empty response".into()));
    }
    Ok(total)
}

/// Refuse empty sources and sources that shrank by more than [`MAX_SHRINK`] against the active
/// version they replace (same key, else same dataset and format), unless `force`.
pub fn validate(
    list: &str,
    previous: &Manifest,
    parsed: &ParsedSource,
    force: bool,
) -> Result<Option<usize>, UpdateError> {
    if parsed.records.is_empty() {
        return Err(UpdateError::NoRecords {
            list: list.to_string(),
            key: parsed.key.clone(),
        });
    }
    let format = parsed.format.as_str();
    let old = previous
        .active()
        .find(|s| s.key == parsed.key)
        .or_else(|| {
            previous
                .active()
                .find(|s| s.dataset == parsed.dataset && s.format == format)
        })
        .map(|s| s.records);
    if let Some(prev) = old
        && !force
        && (parsed.records.len() as f64) < (prev as f64) * (1.0 - MAX_SHRINK)
    {
        return Err(UpdateError::Shrunk {
            list: list.to_string(),
            key: parsed.key.clone(),
            previous: prev,
            records: parsed.records.len(),
        });
    }
    Ok(old)
}

/// Download, verify and import the chosen lists in one atomic step. `progress` receives one line
/// per downloaded file.
pub fn update(
    store: &Store,
    opts: &UpdateOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<UpdatedSource>, UpdateError> {
    for o in &opts.only {
        if !PUBLISHED.iter().any(|p| p.name == o) {
            return Err(UpdateError::UnknownList(o.clone()));
        }
    }
    let lists: Vec<&Published> = PUBLISHED
        .iter()
        .filter(|p| opts.only.is_empty() || opts.only.iter().any(|o| o == p.name))
        .collect();
    let downloads = store.dir().join("downloads");
    std::fs::create_dir_all(&downloads).map_err(io(&downloads))?;
    let previous = store.manifest()?;
    let partial_of = |name: &str| downloads.join(format!("{name}.partial"));
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut parsed_all = Vec::new();
    let mut report = Vec::new();
    let result = (|| -> Result<(), UpdateError> {
        for list in &lists {
            let partial = partial_of(list.name);
            let _ = std::fs::remove_dir_all(&partial);
            std::fs::create_dir_all(&partial).map_err(io(&partial))?;
            for (url, file) in list.files {
                let url = match &opts.base_url {
                    Some(b) => format!("{}/{}/{}", b.trim_end_matches('/'), list.name, file),
                    None => (*url).to_string(),
                };
                let bytes = download(&url, &partial.join(file), opts.timeout)?;
                progress(&format!("downloaded {url} ({bytes} bytes)"));
            }
            let parsed = parse_folder(list.name, &partial)?;
            let final_dir = downloads.join(list.name);
            let (from, to) = (
                partial.display().to_string(),
                final_dir.display().to_string(),
            );
            for mut p in parsed {
                p.key = to.clone();
                for r in &mut p.records {
                    r.provenance.file = r.provenance.file.replace(&from, &to);
                }
                for f in &mut p.files {
                    f.path = f.path.replace(&from, &to);
                }
                let prev = validate(list.name, &previous, &p, opts.force)?;
                report.push(UpdatedSource {
                    list: list.name.to_string(),
                    key: p.key.clone(),
                    format: p.format.as_str().to_string(),
                    records: p.records.len(),
                    warnings: p.warnings.len(),
                    previous: prev,
                });
                parsed_all.push(p);
            }
            staged.push((partial, final_dir));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for list in &lists {
            let _ = std::fs::remove_dir_all(partial_of(list.name));
        }
        return Err(e);
    }
    store.import(&parsed_all)?;
    for (partial, final_dir) in staged {
        let _ = std::fs::remove_dir_all(&final_dir);
        std::fs::rename(&partial, &final_dir).map_err(io(&final_dir))?;
    }
    Ok(report)
}

/// Discover and fully parse the lists in one downloaded folder.
fn parse_folder(list: &str, folder: &Path) -> Result<Vec<ParsedSource>, UpdateError> {
    let fail = |message: String| UpdateError::Parse {
        list: list.to_string(),
        message,
    };
    let (units, _) = interdict_sources::discover(&[folder.to_path_buf()], None)
        .map_err(|e| fail(e.to_string()))?;
    if units.is_empty() {
        return Err(fail(format!("no recognised list in {}", folder.display())));
    }
    units
        .iter()
        .map(|u| interdict_sources::parse_unit(u).map_err(|e| fail(format!("{}: {e}", u.key))))
        .collect()
}
