//! `interdict stats`

use interdict_store::Store;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open(dir)?;
    let loaded = store.load()?;
    let m = &loaded.manifest;
    let total_records: usize = m.sources.iter().map(|s| s.records).sum();
    if args.json {
        let sources: Vec<_> = m
            .sources
            .iter()
            .map(|s| {
                serde_json::json!({
                    "path": s.key, "format": s.format, "dataset": s.dataset,
                    "records": s.records, "by_schema": s.by_schema, "warnings": s.warnings,
                    "warning_samples": s.warning_samples, "skipped": s.skipped,
                    "list_date": s.list_date, "imported_at": s.imported_at, "files": s.files,
                    "superseded_by": s.superseded_by,
                })
            })
            .collect();
        let out = serde_json::json!({
            "data_dir": dir.display().to_string(),
            "sources": sources,
            "totals": {
                "source_records": total_records,
                "active_records": loaded.records.len(),
                "canonical_entities": loaded.entities.len(),
            }
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    for s in &m.sources {
        println!(
            "{}  [{}] {}: {} records, {} warnings, {} skipped, list date {}{}",
            s.key,
            s.format,
            s.dataset,
            s.records,
            s.warnings,
            s.skipped,
            s.list_date.as_deref().unwrap_or("-"),
            s.superseded_by
                .as_deref()
                .map(|w| format!(" (superseded by {w})"))
                .unwrap_or_default()
        );
    }
    println!(
        "{} sources, {} source records ({} active), {} canonical entities",
        m.sources.len(),
        total_records,
        loaded.records.len(),
        loaded.entities.len()
    );
    Ok(ExitCode::SUCCESS)
}
