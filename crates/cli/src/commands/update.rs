//! `interdict update`: download the current official lists, verify them, import atomically.
//!
//! Each list is downloaded into `<data-dir>/downloads/<name>.partial/`, checked (HTTP status,
//! Content-Length against the bytes received, then a full parse with at least one record), and
//! only when every list passes are they imported in one atomic step and moved to
//! `<data-dir>/downloads/<name>/`. Any failure leaves the previous data untouched.

use anyhow::{Context, bail};
use interdict_store::Store;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A list the publishers offer for download.
pub struct Published {
    pub name: &'static str,
    /// (URL at the publisher, local file name)
    pub files: &'static [(&'static str, &'static str)],
}

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

#[derive(clap::Args)]
pub struct Args {
    /// Fetch from a mirror instead of the publishers: files are read from BASE/<list>/<file>
    /// (lists: ofac_sdn, ofac_cons, un_sc, eu_fsf, uk_fcdo)
    #[arg(long)]
    base_url: Option<String>,
    /// Only these lists (repeatable)
    #[arg(long)]
    only: Vec<String>,
    /// HTTP timeout per file, in seconds
    #[arg(long, default_value_t = 120)]
    timeout: u64,
}

fn download(url: &str, dest: &Path, timeout: u64) -> anyhow::Result<u64> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(timeout)))
        .build()
        .into();
    let resp = agent
        .get(url)
        .call()
        .with_context(|| format!("downloading {url}"))?;
    let expected: Option<u64> = resp
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let mut reader = resp.into_body().into_reader();
    let mut f =
        std::fs::File::create(dest).with_context(|| format!("creating {}", dest.display()))?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .with_context(|| format!("downloading {url}: connection broke after {total} bytes"))?;
        if n == 0 {
            break;
        }
        f.write_all(&buf[..n])?;
        total += n as u64;
    }
    f.sync_all()?;
    if let Some(exp) = expected
        && exp != total
    {
        bail!("downloading {url}: truncated, got {total} of {exp} bytes");
    }
    if total == 0 {
        bail!("downloading {url}: empty response");
    }
    Ok(total)
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    for o in &args.only {
        if !PUBLISHED.iter().any(|p| p.name == o) {
            bail!(
                "--only `{o}`: unknown list (known: ofac_sdn, ofac_cons, un_sc, eu_fsf, uk_fcdo)"
            );
        }
    }
    let lists: Vec<&Published> = PUBLISHED
        .iter()
        .filter(|p| args.only.is_empty() || args.only.iter().any(|o| o == p.name))
        .collect();
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut parsed_all = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for list in &lists {
            let partial = downloads.join(format!("{}.partial", list.name));
            let _ = std::fs::remove_dir_all(&partial);
            std::fs::create_dir_all(&partial)?;
            for (url, file) in list.files {
                let url = match &args.base_url {
                    Some(b) => format!("{}/{}/{}", b.trim_end_matches('/'), list.name, file),
                    None => (*url).to_string(),
                };
                let bytes = download(&url, &partial.join(file), args.timeout)?;
                eprintln!("downloaded {url} ({bytes} bytes)");
            }
            let (mut parsed, _) =
                super::import::parse_all(std::slice::from_ref(&partial), None, true)
                    .with_context(|| format!("verifying {}", list.name))?;
            let final_dir = downloads.join(list.name);
            for p in &mut parsed {
                if p.records.is_empty() {
                    bail!("verifying {}: {} has no records", list.name, p.key);
                }
                p.key = final_dir.display().to_string();
                let (from, to) = (
                    partial.display().to_string(),
                    final_dir.display().to_string(),
                );
                for r in &mut p.records {
                    r.provenance.file = r.provenance.file.replace(&from, &to);
                }
                for f in &mut p.files {
                    f.path = f.path.replace(&from, &to);
                }
            }
            staged.push((partial, final_dir));
            parsed_all.extend(parsed);
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (partial, _) in &staged {
            let _ = std::fs::remove_dir_all(partial);
        }
        for list in &lists {
            let _ = std::fs::remove_dir_all(downloads.join(format!("{}.partial", list.name)));
        }
        return Err(e.context("update failed; the previous data is unchanged"));
    }
    let store = Store::open(dir)?;
    store.import(&parsed_all)?;
    for (partial, final_dir) in staged {
        let _ = std::fs::remove_dir_all(&final_dir);
        std::fs::rename(&partial, &final_dir)
            .with_context(|| format!("moving {} to {}", partial.display(), final_dir.display()))?;
    }
    for p in &parsed_all {
        println!(
            "{}  [{}] {} records, {} warnings",
            p.key,
            p.format,
            p.records.len(),
            p.warnings.len()
        );
    }
    println!("updated {} lists", lists.len());
    Ok(ExitCode::SUCCESS)
}
