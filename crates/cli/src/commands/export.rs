//! `interdict export --format ftm [-o FILE]`

use anyhow::{Context, bail};
use interdict_store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Output format (only `ftm`: FollowTheMoney JSON lines)
    #[arg(long, default_value = "ftm")]
    format: String,
    /// Output file [default: standard output]
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if args.format != "ftm" {
        bail!("unknown export format `{}` (supported: ftm)", args.format);
    }
    let store = Store::open(dir)?;
    let loaded = store.load()?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(out);
    for r in &loaded.records {
        serde_json::to_writer(&mut w, &interdict_model::ftm::record_to_ftm(r))?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    if let Some(p) = &args.output {
        eprintln!(
            "exported {} records to {}",
            loaded.records.len(),
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
