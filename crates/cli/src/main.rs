//! The `interdict` command: import official sanctions lists, screen names and identifiers against
//! them, export FollowTheMoney, and update from the publishers.
//!
//! Exit codes: 0 no match, 1 at least one match (screen), 2 usage or input error.

mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "interdict",
    version,
    about = "Sanctions and export-control screening engine"
)]
struct Cli {
    /// Data folder holding imported lists [default: the platform data folder + /interdict]
    #[arg(long, global = true, env = "INTERDICT_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import list files or folders (folders are scanned recursively)
    Import(commands::import::Args),
    /// Show imported sources and totals
    Stats(commands::stats::Args),
    /// Screen a name and/or identifiers against the imported lists
    Screen(commands::screen::Args),
    /// Export imported records
    Export(commands::export::Args),
    /// Download the current official lists (OFAC, UN, EU, UK), verify and import them atomically
    Update(commands::update::Args),
    /// Measure match quality on labelled data
    Eval(commands::eval::Args),
    /// Measure import, load, query latency, batch throughput and memory
    Bench(commands::bench::Args),
    /// Screen a CSV or JSON-lines file of queries, in parallel, keeping input order
    Batch(commands::batch::Args),
    /// Run the screening HTTP service (yente-compatible API, reconciliation, /v1, metrics)
    Serve(commands::serve::Args),
}

fn data_dir(arg: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match arg {
        Some(d) => Ok(d),
        None => dirs::data_dir()
            .map(|d| d.join("interdict"))
            .ok_or_else(|| anyhow::anyhow!("no platform data folder; pass --data-dir")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = data_dir(cli.data_dir).and_then(|dir| match cli.command {
        Command::Import(a) => commands::import::run(&dir, a),
        Command::Stats(a) => commands::stats::run(&dir, a),
        Command::Screen(a) => commands::screen::run(&dir, a),
        Command::Export(a) => commands::export::run(&dir, a),
        Command::Update(a) => commands::update::run(&dir, a),
        Command::Eval(a) => commands::eval::run(&dir, a),
        Command::Bench(a) => commands::bench::run(&dir, a),
        Command::Batch(a) => commands::batch::run(&dir, a),
        Command::Serve(a) => commands::serve::run(&dir, a),
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
