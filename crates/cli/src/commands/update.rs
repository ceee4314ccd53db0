//! `interdict update`: download the current official lists, verify them, import atomically.
//!
//! The work is `interdict_store::update` (shared with the HTTP service's `POST /admin/update`):
//! each list is downloaded into `<data-dir>/downloads/<name>.partial/`, checked (HTTP status,
//! Content-Length against the bytes received, a full parse with records, no source shrinking by
//! more than 20% unless `--force`), and only when every list passes are they imported in one
//! atomic step. Any failure leaves the previous data untouched. A running `interdict serve` on
//! the same data folder notices the new manifest and swaps its index in the background.

use anyhow::Context;
use interdict_store::Store;
use interdict_store::update::{UpdateOptions, update};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

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
    /// Accept a list that shrank by more than 20% against the version it replaces
    #[arg(long)]
    force: bool,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open(dir)?;
    let opts = UpdateOptions {
        base_url: args.base_url,
        only: args.only,
        timeout: Duration::from_secs(args.timeout),
        force: args.force,
    };
    let report = update(&store, &opts, &mut |line| eprintln!("{line}"))
        .context("update failed; the previous data is unchanged")?;
    for s in &report {
        println!(
            "{}  [{}] {} records{}, {} warnings",
            s.key,
            s.format,
            s.records,
            s.previous
                .map(|p| format!(" (was {p})"))
                .unwrap_or_default(),
            s.warnings
        );
    }
    let lists: std::collections::BTreeSet<&str> = report.iter().map(|s| s.list.as_str()).collect();
    println!("updated {} lists", lists.len());
    Ok(ExitCode::SUCCESS)
}
