//! `interdict import PATH...`

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use interdict_sources::{Format, ParsedSource, discover, parse_unit};
use interdict_store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to import
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Force a format instead of detecting it (ofac-csv, un-xml, ...)
    #[arg(long)]
    format: Option<String>,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

/// Discover and parse every list under `paths`; fails (naming the file) if any list is malformed.
pub fn parse_all(
    paths: &[PathBuf],
    format: Option<Format>,
    quiet: bool,
) -> anyhow::Result<(Vec<ParsedSource>, Vec<interdict_sources::SkippedInput>)> {
    let (units, skipped) = discover(paths, format)?;
    if units.is_empty() {
        bail!(
            "no recognised list found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let bar = if !quiet && std::io::stderr().is_terminal() && units.len() > 1 {
        let b = ProgressBar::new(units.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} sources {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let parsed = parse_units(&units, &bar)?;
    bar.finish_and_clear();
    Ok((parsed, skipped))
}

/// Parse source units on every core, in their order; when several fail, the error is the
/// first failing unit's in that order (the same whichever core finished first).
pub fn parse_units(
    units: &[interdict_sources::SourceUnit],
    bar: &ProgressBar,
) -> anyhow::Result<Vec<ParsedSource>> {
    use rayon::prelude::*;
    let parsed: Vec<anyhow::Result<ParsedSource>> = units
        .par_iter()
        .map(|u| {
            let p = parse_unit(u).with_context(|| format!("importing {}", u.key));
            bar.inc(1);
            p
        })
        .collect();
    parsed.into_iter().collect()
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .as_deref()
        .map(str::parse::<Format>)
        .transpose()?;
    let started = std::time::Instant::now();
    let (parsed, skipped) = parse_all(&args.paths, format, args.json)?;
    let store = Store::open(dir)?;
    let manifest = store.import(&parsed)?;
    let elapsed = started.elapsed();
    if args.json {
        let sources: Vec<_> = manifest
            .sources
            .iter()
            .filter(|s| parsed.iter().any(|p| p.key == s.key))
            .collect();
        let out = serde_json::json!({
            "imported": sources,
            "skipped": skipped,
            "seconds": elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    for p in &parsed {
        let meta = manifest.sources.iter().find(|s| s.key == p.key);
        let by: Vec<String> = interdict_store::by_schema(&p.records)
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!(
            "{}  [{}] {} records ({}), {} warnings, {} skipped{}{}",
            p.key,
            p.format,
            p.records.len(),
            by.join(", "),
            p.warnings.len(),
            p.skipped,
            p.list_date
                .as_deref()
                .map(|d| format!(", list date {d}"))
                .unwrap_or_default(),
            meta.and_then(|m| m.superseded_by.as_deref())
                .map(|w| format!(", superseded by newer version {w}"))
                .unwrap_or_default(),
        );
        for w in p.warnings.iter().take(3) {
            println!("    warning: {w}");
        }
        if p.warnings.len() > 3 {
            println!(
                "    ... {} more warnings (interdict stats --json lists the first 20)",
                p.warnings.len() - 3
            );
        }
    }
    for s in &skipped {
        println!("skipped {}: {}", s.path, s.reason);
    }
    let total: usize = parsed.iter().map(|p| p.records.len()).sum();
    println!(
        "imported {} sources, {} records in {:.2}s into {}",
        parsed.len(),
        total,
        elapsed.as_secs_f64(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
