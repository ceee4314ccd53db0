//! `interdict bench`: measure import, load, query latency, batch throughput and memory.
//!
//! * Default: on the imported data. Import time re-parses every active source (by its key, the
//!   path it was imported from) and writes it, with its snapshot, into a temporary store; load
//!   time (`snapshot_load_s`) is `Store::screener` reading the data folder's snapshot (built
//!   first if it is missing or stale, `rebuild_s`); latency is the wall time of each
//!   `Screener::screen` call on one thread
//!   (after a warm-up); batch throughput screens all queries with rayon on every core; memory is
//!   the peak (`VmHWM`) and current (`VmRSS`) resident size of this process. The peak is reset
//!   after the import timing (`/proc/self/clear_refs`), so `memory.peak_rss_mb` is the serving
//!   peak (load, index, queries) and `import.peak_rss_mb` the import's.
//! * `--synthetic N`: the imported records plus N synthetic ones drawn from their name
//!   distributions (see `synthetic.rs`), grouped and indexed (index build time and the build's
//!   peak memory, `build_memory`), then written as a snapshot that a fresh process (this binary
//!   re-executed with `--serve-snapshot FILE`) loads and screens: snapshot load time, latency,
//!   throughput and memory are that serving process's, as a deployment would see them (the
//!   build process also holds the generated records and the build's transient buffers).
//! * `--sizes A,B,...`: `--synthetic` for each size, each in a fresh child process (this binary
//!   re-executed with `--synthetic N --json`) so that the peak memory is per size.
//!
//! Queries: `--queries FILE` (repeatable), CSV with a `full_name` column and optional
//! `date_of_birth` and `nationality`, screened as Person queries like `interdict eval screening`.
//! Default: the first 2,000 rows of `negatives_global.csv` and all of `positives_un_treated.csv`
//! of `eval/yente_candidate_generation_benchmark` in the shared data folder (`INTERDICT_DATA`, else
//! `../shared/data` from the current folder).

use super::synthetic::Distributions;
use anyhow::{Context, anyhow, bail};
use interdict_index::Screener;
use interdict_matching::{ALGORITHM, DEFAULT_THRESHOLD, Query};
use interdict_model::{DateValue, Schema, country, group_records};
use interdict_store::{SnapshotOrigin, Store};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Results fetched per query (as `interdict eval screening`).
const RESULTS_PER_QUERY: usize = 10;
/// Queries screened before latency timing starts (not counted).
const WARMUP: usize = 50;
/// Default query files, relative to the shared data folder, with their row limits.
const DEFAULT_QUERIES: [(&str, Option<usize>); 2] = [
    (
        "eval/yente_candidate_generation_benchmark/negatives_global.csv",
        Some(2000),
    ),
    (
        "eval/yente_candidate_generation_benchmark/positives_un_treated.csv",
        None,
    ),
];
/// Default number of queries with `--synthetic` / `--sizes`.
const SYNTHETIC_QUERIES: usize = 500;
const TIMING: &str = "latency: wall time of each Screener::screen call (10 results) on a \
    one-thread rayon pool after a warm-up of 50 queries; batch: all queries with rayon par_iter \
    on every core, median of the runs; memory: VmHWM / VmRSS of /proc/self/status";

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Query CSV file (full_name, date_of_birth, nationality); repeatable [default: 2,000
    /// negatives_global.csv rows and positives_un_treated.csv of the shared data folder]
    #[arg(long = "queries", value_name = "FILE")]
    queries: Vec<PathBuf>,
    /// Screen against the imported records plus N synthetic records drawn from their name
    /// distributions
    #[arg(long, value_name = "N", conflicts_with = "sizes")]
    synthetic: Option<usize>,
    /// Run --synthetic for each size in a fresh process (peak memory per size), e.g.
    /// 50000,200000,1000000
    #[arg(long, value_delimiter = ',', value_name = "N,...")]
    sizes: Vec<usize>,
    /// Use at most N queries, spread evenly over the query files [default: all; 500 with
    /// --synthetic or --sizes]
    #[arg(long, value_name = "N")]
    max_queries: Option<usize>,
    /// Seed of the synthetic generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Score threshold of the screen calls (alerts are counted against it)
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Batch throughput runs; the median is reported [default: 3; 1 with --synthetic]
    #[arg(long, value_name = "N")]
    batch_runs: Option<usize>,
    /// Skip the import timing (default mode)
    #[arg(long)]
    no_import: bool,
    /// Load this snapshot (written by `--synthetic`) and measure screening with it: the serving
    /// process of `--synthetic`
    #[arg(long, value_name = "FILE", hide = true)]
    serve_snapshot: Option<PathBuf>,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    if args.batch_runs == Some(0) {
        bail!("--batch-runs must be at least 1");
    }
    if let Some(path) = &args.serve_snapshot {
        let out = serve_snapshot(path, &args)?;
        println!("{}", serde_json::to_string(&out)?);
    } else if !args.sizes.is_empty() {
        sizes(dir, &args)?;
    } else if let Some(n) = args.synthetic {
        let out = synthetic(dir, &args, n)?;
        print_single(&out, args.json)?;
    } else {
        let out = imported(dir, &args)?;
        print_single(&out, args.json)?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// Queries.

struct QuerySet {
    queries: Vec<Query>,
    files: Vec<Value>,
}

/// The shared data folder: `INTERDICT_DATA`, else `../shared/data` from the current folder.
fn shared_data() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("INTERDICT_DATA") {
        let d = PathBuf::from(d);
        if d.is_dir() {
            return Some(d);
        }
    }
    let d = PathBuf::from("../shared/data");
    d.is_dir().then_some(d)
}

fn load_queries(args: &Args, default_max: Option<usize>) -> anyhow::Result<QuerySet> {
    let files: Vec<(PathBuf, Option<usize>)> = if args.queries.is_empty() {
        let base = shared_data().ok_or_else(|| {
            anyhow!(
                "no query file: pass --queries FILE (CSV with a full_name column), or set \
                 INTERDICT_DATA to the shared data folder"
            )
        })?;
        let found: Vec<_> = DEFAULT_QUERIES
            .iter()
            .map(|(rel, limit)| (base.join(rel), *limit))
            .filter(|(p, _)| p.is_file())
            .collect();
        if found.is_empty() {
            bail!(
                "no default query file under {}; pass --queries FILE",
                base.display()
            );
        }
        found
    } else {
        args.queries.iter().map(|p| (p.clone(), None)).collect()
    };
    let mut queries = Vec::new();
    let mut meta = Vec::new();
    for (path, limit) in &files {
        let (q, skipped) = read_queries(path, *limit)?;
        meta.push(json!({
            "file": path.display().to_string(),
            "row_limit": limit,
            "queries": q.len(),
            "skipped_empty_names": skipped,
        }));
        queries.extend(q);
    }
    if queries.is_empty() {
        bail!("the query files hold no names");
    }
    if let Some(m) = args.max_queries.or(default_max)
        && m > 0
        && queries.len() > m
    {
        let n = queries.len();
        queries = (0..m).map(|i| queries[i * n / m].clone()).collect();
    }
    Ok(QuerySet {
        queries,
        files: meta,
    })
}

/// Read Person queries from a CSV with `full_name` and optional `date_of_birth`, `nationality`.
fn read_queries(path: &Path, limit: Option<usize>) -> anyhow::Result<(Vec<Query>, usize)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header", path.display()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let c_name =
        col("full_name").ok_or_else(|| anyhow!("{}: no `full_name` column", path.display()))?;
    let c_dob = col("date_of_birth");
    let c_nat = col("nationality");
    let mut out = Vec::new();
    let mut skipped = 0;
    for (i, rec) in rdr.records().enumerate() {
        if limit.is_some_and(|n| i >= n) {
            break;
        }
        let rec = rec.with_context(|| format!("{}: cannot read a row", path.display()))?;
        let field = |c: Option<usize>| c.and_then(|i| rec.get(i)).map(str::trim).unwrap_or("");
        let name = field(Some(c_name));
        if name.is_empty() {
            skipped += 1;
            continue;
        }
        let birth_dates = match field(c_dob) {
            "" => Vec::new(),
            d => DateValue::parse_loose(d).into_iter().collect(),
        };
        let countries = match field(c_nat) {
            "" => Vec::new(),
            n => country::to_code(n).into_iter().collect(),
        };
        out.push(Query {
            schema: Some(Schema::Person),
            names: vec![name.to_string()],
            birth_dates,
            countries,
            identifiers: Vec::new(),
        });
    }
    Ok((out, skipped))
}

// ---------------------------------------------------------------------------------------------
// Measurements.

/// `field` of /proc/self/status in MB (the file gives kB), when available.
fn status_mb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line[field.len()..]
        .trim_start_matches(':')
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(round(kb / 1024.0, 1))
}

/// Reset the peak resident size to the current one (Linux `clear_refs` 5).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn memory() -> Value {
    json!({"peak_rss_mb": status_mb("VmHWM"), "rss_mb": status_mb("VmRSS")})
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

fn secs(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Single-query latency on one thread: percentiles in ms, and the alert rate.
fn latency(screener: &Screener, queries: &[Query], threshold: f64) -> anyhow::Result<Value> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let (mut ms, alerts) = pool.install(|| {
        for q in queries.iter().take(WARMUP) {
            black_box(screener.screen(q, RESULTS_PER_QUERY, threshold));
        }
        let mut alerts = 0usize;
        let ms: Vec<f64> = queries
            .iter()
            .map(|q| {
                let start = Instant::now();
                let hits = screener.screen(q, RESULTS_PER_QUERY, threshold);
                let t = start.elapsed().as_secs_f64() * 1000.0;
                alerts += usize::from(hits.first().is_some_and(|h| h.score >= threshold));
                black_box(hits);
                t
            })
            .collect();
        (ms, alerts)
    });
    ms.sort_by(f64::total_cmp);
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    Ok(json!({
        "queries": ms.len(),
        "p50": round(percentile(&ms, 0.50), 4),
        "p90": round(percentile(&ms, 0.90), 4),
        "p99": round(percentile(&ms, 0.99), 4),
        "max": round(ms.last().copied().unwrap_or(0.0), 4),
        "mean": round(mean, 4),
        "alert_rate": round(alerts as f64 / ms.len().max(1) as f64, 4),
    }))
}

/// Throughput of all queries on every core; the median of `runs` runs.
fn batch(screener: &Screener, queries: &[Query], threshold: f64, runs: usize) -> Value {
    let mut qps = Vec::new();
    let mut seconds = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let total: usize = queries
            .par_iter()
            .map(|q| screener.screen(q, RESULTS_PER_QUERY, threshold).len())
            .sum();
        black_box(total);
        let s = secs(start);
        seconds.push(s);
        qps.push(if s > 0.0 {
            queries.len() as f64 / s
        } else {
            0.0
        });
    }
    json!({
        "threads": rayon::current_num_threads(),
        "queries": queries.len(),
        "runs": runs,
        "qps": round(median(&qps), 1),
        "qps_runs": qps.iter().map(|x| round(*x, 1)).collect::<Vec<_>>(),
        "seconds_median": round(median(&seconds), 4),
    })
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let p =
            std::env::temp_dir().join(format!("interdict-bench-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).with_context(|| format!("creating {}", p.display()))?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Re-parse the active sources and write them into a temporary store.
fn time_import(keys: &[String]) -> anyhow::Result<Value> {
    let tmp = TempDir::new()?;
    let mut missing = Vec::new();
    let start = Instant::now();
    let mut units = Vec::new();
    for key in keys {
        // A key is the path the source was imported from; the OFAC consolidated CSV files are
        // keyed `<folder>/cons_*`, so a key that is not a path is looked up in its folder.
        let path = PathBuf::from(key);
        let folder = if path.exists() {
            Some(path)
        } else {
            path.parent().filter(|p| p.is_dir()).map(Path::to_path_buf)
        };
        let before = units.len();
        if let Some(folder) = folder {
            let (found, _) = interdict_sources::discover(&[folder], None)?;
            units.extend(found.into_iter().filter(|u| u.key == *key));
        }
        if units.len() == before {
            missing.push(key.clone());
        }
    }
    let parsed = super::import::parse_units(&units, &indicatif::ProgressBar::hidden())?;
    let parse_s = secs(start);
    let start = Instant::now();
    Store::open(&tmp.0)?.import(&parsed)?;
    let write_s = secs(start);
    let records: usize = parsed.iter().map(|p| p.records.len()).sum();
    let sources = parsed.len();
    drop(parsed);
    Ok(json!({
        "sources": sources,
        "records": records,
        "missing_sources": missing,
        "parse_s": round(parse_s, 4),
        "write_s": round(write_s, 4),
        "import_s": round(parse_s + write_s, 4),
    }))
}

fn config(screener: &Screener, threshold: f64) -> serde_json::Map<String, Value> {
    let (keys, postings) = screener.index().size();
    let mut by_schema = std::collections::BTreeMap::<&str, usize>::new();
    for e in &screener.entities {
        *by_schema.entry(e.schema.as_str()).or_default() += 1;
    }
    let v = json!({
        "kind": "bench",
        "version": env!("CARGO_PKG_VERSION"),
        "algorithm": ALGORITHM,
        "threshold": threshold,
        "candidates": screener.candidates,
        "results_per_query": RESULTS_PER_QUERY,
        "threads": rayon::current_num_threads(),
        "records": screener.records.len(),
        "entities": screener.entities.len(),
        "entities_by_schema": by_schema,
        "index": {"keys": keys, "postings": postings},
        "timing": TIMING,
    });
    match v {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Modes.

fn imported(dir: &Path, args: &Args) -> anyhow::Result<Value> {
    let qs = load_queries(args, None)?;
    let store = Store::open(dir)?;
    let manifest = store.manifest()?;
    let keys: Vec<String> = manifest.active().map(|s| s.key.clone()).collect();
    if keys.is_empty() {
        bail!(
            "no lists imported in {}; run `interdict import PATH` first",
            dir.display()
        );
    }
    let import = if args.no_import {
        Value::Null
    } else {
        let mut v = time_import(&keys)?;
        v["peak_rss_mb"] = json!(status_mb("VmHWM"));
        v
    };
    let peak_reset = reset_peak();

    // Make sure a current snapshot exists, then time loading it into a fresh screener.
    let first = store.screener()?;
    let rebuild_s = match first.origin {
        SnapshotOrigin::Rebuilt { .. } => Some(first.took.as_secs_f64()),
        _ => None,
    };
    drop(first);
    let peak_reset = reset_peak() && peak_reset;
    let rss_before_index = status_mb("VmRSS");
    let opened = store.screener()?;
    if opened.origin != SnapshotOrigin::Snapshot {
        bail!(
            "the snapshot in {} could not be read back: {:?}",
            dir.display(),
            opened.origin
        );
    }
    let snapshot_load_s = opened.took.as_secs_f64();
    let sources = opened.manifest.active().count();
    let screener = opened.screener;

    let latency = latency(&screener, &qs.queries, args.threshold)?;
    let batch = batch(
        &screener,
        &qs.queries,
        args.threshold,
        args.batch_runs.unwrap_or(3),
    );
    let mut out = config(&screener, args.threshold);
    out.insert("mode".into(), json!("imported"));
    out.insert("data_dir".into(), json!(dir.display().to_string()));
    out.insert("sources".into(), json!(sources));
    out.insert("import".into(), import);
    out.insert("rebuild_s".into(), json!(rebuild_s.map(|s| round(s, 4))));
    out.insert("snapshot_load_s".into(), json!(round(snapshot_load_s, 4)));
    out.insert(
        "queries".into(),
        json!({"count": qs.queries.len(), "files": qs.files, "warmup": WARMUP}),
    );
    out.insert("latency_ms".into(), latency);
    out.insert("batch".into(), batch);
    let mut mem = memory();
    mem["rss_before_index_mb"] = json!(rss_before_index);
    mem["peak_is_serving_only"] = json!(peak_reset);
    out.insert("memory".into(), mem);
    Ok(Value::Object(out))
}

fn synthetic(dir: &Path, args: &Args, n: usize) -> anyhow::Result<Value> {
    // Read here only to report a bad query file before the build; the serving process screens.
    load_queries(args, Some(SYNTHETIC_QUERIES))?;
    let store = Store::open(dir)?;
    let start = Instant::now();
    let loaded = store.load()?;
    let store_load_s = secs(start);
    if loaded.records.is_empty() {
        bail!(
            "no lists imported in {}; --synthetic learns from the imported records: run \
             `interdict import PATH` first",
            dir.display()
        );
    }
    let real_records = loaded.records.len();
    let real_entities = loaded.entities.len();
    let mut records = loaded.records;
    drop(loaded.entities);

    let start = Instant::now();
    let dist = Distributions::learn(&records);
    let learn_s = secs(start);
    let start = Instant::now();
    let generated = dist.generate(n, args.seed);
    let generate_s = secs(start);
    let samples: Vec<String> = generated
        .iter()
        .take(8)
        .map(|r| format!("{} [{}]", r.caption(), r.schema))
        .collect();
    records.extend(generated);
    let start = Instant::now();
    let entities = group_records(&records);
    let group_s = secs(start);
    let rss_before_index = status_mb("VmRSS");
    let start = Instant::now();
    let screener = Screener::try_new(records, entities)?;
    let index_build_s = secs(start);
    let mut out = config(&screener, args.threshold);

    // Serving: the screener written as a snapshot, loaded and screened by a fresh process.
    let tmp = TempDir::new()?;
    let path = tmp.0.join("snapshot.bin");
    let start = Instant::now();
    {
        let file =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        interdict_index::snapshot::write(&screener, SYNTHETIC_TAG, &mut w)
            .with_context(|| format!("writing {}", path.display()))?;
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let snapshot_write_s = secs(start);
    let snapshot_mb = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6);
    let mut build_memory = memory();
    build_memory["rss_before_index_mb"] = json!(rss_before_index);
    drop(screener);
    let mut summary = dist.summary();
    drop(dist);
    let serving = serve_in_child(dir, args, &path)?;

    out.insert("mode".into(), json!("synthetic"));
    out.insert("data_dir".into(), json!(dir.display().to_string()));
    summary["n"] = json!(n);
    summary["seed"] = json!(args.seed);
    summary["real_records"] = json!(real_records);
    summary["real_entities"] = json!(real_entities);
    summary["learn_s"] = json!(round(learn_s, 4));
    summary["generate_s"] = json!(round(generate_s, 4));
    summary["group_s"] = json!(round(group_s, 4));
    summary["samples"] = json!(samples);
    out.insert("synthetic".into(), summary);
    out.insert("store_load_s".into(), json!(round(store_load_s, 4)));
    out.insert("index_build_s".into(), json!(round(index_build_s, 4)));
    out.insert("build_memory".into(), build_memory);
    out.insert("snapshot_write_s".into(), json!(round(snapshot_write_s, 4)));
    out.insert("snapshot_mb".into(), json!(round(snapshot_mb, 1)));
    for k in [
        "snapshot_load_s",
        "queries",
        "latency_ms",
        "batch",
        "memory",
    ] {
        out.insert(k.into(), serving[k].clone());
    }
    Ok(Value::Object(out))
}

/// Tag of the snapshots `--synthetic` writes for its serving process.
const SYNTHETIC_TAG: &str = "bench --synthetic";

/// Run the serving process of `--synthetic` on `snapshot` and return its measurements.
fn serve_in_child(dir: &Path, args: &Args, snapshot: &Path) -> anyhow::Result<Value> {
    let mut cmd = child_bench(dir, args)?;
    cmd.arg("--serve-snapshot").arg(snapshot);
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running the serving process")?;
    if !out.status.success() {
        bail!("the serving process exited with {}", out.status);
    }
    serde_json::from_slice(&out.stdout).context("the serving process printed no JSON")
}

/// `--serve-snapshot`: load a `--synthetic` snapshot, then latency, throughput and memory.
fn serve_snapshot(path: &Path, args: &Args) -> anyhow::Result<Value> {
    let qs = load_queries(args, Some(SYNTHETIC_QUERIES))?;
    let rss_before_index = status_mb("VmRSS");
    let start = Instant::now();
    let screener = interdict_index::snapshot::read_file(path, SYNTHETIC_TAG)
        .with_context(|| format!("loading {}", path.display()))?;
    let snapshot_load_s = secs(start);
    let latency = latency(&screener, &qs.queries, args.threshold)?;
    let batch = batch(
        &screener,
        &qs.queries,
        args.threshold,
        args.batch_runs.unwrap_or(1),
    );
    let mut mem = memory();
    mem["rss_before_index_mb"] = json!(rss_before_index);
    Ok(json!({
        "snapshot_load_s": round(snapshot_load_s, 4),
        "queries": {"count": qs.queries.len(), "files": qs.files, "warmup": WARMUP},
        "latency_ms": latency,
        "batch": batch,
        "memory": mem,
    }))
}

/// This binary's `bench` with the data folder and the query options of `args`: a child process
/// of `--sizes` or `--synthetic`, which adds its mode.
fn child_bench(dir: &Path, args: &Args) -> anyhow::Result<std::process::Command> {
    let exe = std::env::current_exe().context("cannot find the interdict executable")?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("--data-dir")
        .arg(dir)
        .arg("bench")
        .arg("--threshold")
        .arg(args.threshold.to_string());
    for q in &args.queries {
        cmd.arg("--queries").arg(q);
    }
    if let Some(m) = args.max_queries {
        cmd.arg("--max-queries").arg(m.to_string());
    }
    if let Some(r) = args.batch_runs {
        cmd.arg("--batch-runs").arg(r.to_string());
    }
    Ok(cmd)
}

/// `--sizes`: one child process per size.
fn sizes(dir: &Path, args: &Args) -> anyhow::Result<()> {
    let mut runs = Vec::new();
    for &n in &args.sizes {
        eprintln!("bench: --synthetic {n} in a child process ...");
        let mut cmd = child_bench(dir, args)?;
        cmd.arg("--json")
            .arg("--synthetic")
            .arg(n.to_string())
            .arg("--seed")
            .arg(args.seed.to_string());
        let start = Instant::now();
        let out = cmd
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("running the child bench")?;
        let wall = secs(start);
        let mut v = if out.status.success() {
            serde_json::from_slice::<Value>(&out.stdout)
                .unwrap_or_else(|e| json!({"error": format!("child output is not JSON: {e}")}))
        } else {
            json!({"error": format!("child exited with {}", out.status)})
        };
        v["size"] = json!(n);
        v["process_wall_s"] = json!(round(wall, 3));
        if !args.json {
            eprintln!("{}", size_row(&v));
        }
        runs.push(v);
    }
    if args.json {
        let out = json!({"kind": "bench_sizes", "runs": runs});
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if let Some(first) = runs.iter().find(|r| r.get("error").is_none()) {
        println!(
            "interdict bench --sizes  (algorithm {}, threshold {}, candidates {}, {} threads, {} \
             queries, real records {})",
            first["algorithm"].as_str().unwrap_or("?"),
            first["threshold"],
            first["candidates"],
            first["threads"],
            first["queries"]["count"],
            first["synthetic"]["real_records"],
        );
    }
    println!("{}", size_header());
    for r in &runs {
        println!("{}", size_row(r));
    }
    Ok(())
}

fn size_header() -> String {
    format!(
        "{:>9} {:>9} {:>9} {:>10} {:>11} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "N",
        "records",
        "entities",
        "keys",
        "postings",
        "group s",
        "build s",
        "p50 ms",
        "p99 ms",
        "q/s",
        "serve MB",
        "build MB"
    )
}

fn size_row(r: &Value) -> String {
    if let Some(e) = r.get("error") {
        return format!(
            "{:>9} error: {}",
            r["size"].to_string(),
            e.as_str().unwrap_or("")
        );
    }
    let f = |v: &Value, d: usize| v.as_f64().map_or("-".into(), |x| format!("{x:.d$}"));
    let n = |v: &Value| v.to_string();
    format!(
        "{:>9} {:>9} {:>9} {:>10} {:>11} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8}",
        n(&r["size"]),
        n(&r["records"]),
        n(&r["entities"]),
        n(&r["index"]["keys"]),
        n(&r["index"]["postings"]),
        f(&r["synthetic"]["group_s"], 2),
        f(&r["index_build_s"], 2),
        f(&r["latency_ms"]["p50"], 3),
        f(&r["latency_ms"]["p99"], 3),
        f(&r["batch"]["qps"], 0),
        f(&r["memory"]["peak_rss_mb"], 0),
        f(&r["build_memory"]["peak_rss_mb"], 0),
    )
}

// ---------------------------------------------------------------------------------------------
// Output.

fn print_single(v: &Value, json_out: bool) -> anyhow::Result<()> {
    if json_out {
        println!("{}", serde_json::to_string_pretty(v)?);
        return Ok(());
    }
    let f = |v: &Value, d: usize| v.as_f64().map_or("-".into(), |x| format!("{x:.d$}"));
    println!(
        "interdict bench ({})  version {}, algorithm {}, threshold {}, candidates {}, {} threads",
        v["mode"].as_str().unwrap_or(""),
        v["version"].as_str().unwrap_or(""),
        v["algorithm"].as_str().unwrap_or(""),
        v["threshold"],
        v["candidates"],
        v["threads"],
    );
    println!("data: {}", v["data_dir"].as_str().unwrap_or(""));
    if let Some(s) = v.get("synthetic") {
        println!(
            "synthetic: {} records (seed {}) drawn from {} real records, vocabulary {} tokens",
            s["n"], s["seed"], s["real_records"], s["vocabulary"]
        );
        if let Some(a) = s["samples"].as_array() {
            let list: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            println!("samples: {}", list.join("; "));
        }
    }
    let q = &v["queries"];
    let files: Vec<String> = q["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    let p = x["file"].as_str().unwrap_or("");
                    let name = Path::new(p)
                        .file_name()
                        .map_or(p.to_string(), |s| s.to_string_lossy().to_string());
                    format!("{name} {}", x["queries"])
                })
                .collect()
        })
        .unwrap_or_default();
    let read: u64 = q["files"]
        .as_array()
        .map_or(0, |a| a.iter().filter_map(|x| x["queries"].as_u64()).sum());
    if q["count"].as_u64().is_some_and(|c| c < read) {
        println!(
            "queries: {} spread evenly over {read} read ({})",
            q["count"],
            files.join(", ")
        );
    } else {
        println!("queries: {} ({})", q["count"], files.join(", "));
    }
    println!();
    let row = |k: &str, val: String| println!("{k:<34} {val}");
    row(
        "records / entities",
        format!("{} / {}", v["records"], v["entities"]),
    );
    row(
        "index keys / postings",
        format!("{} / {}", v["index"]["keys"], v["index"]["postings"]),
    );
    if let Some(i) = v.get("import").filter(|i| !i.is_null()) {
        row(
            "import (parse + write)",
            format!(
                "{} s  (parse {} s, write {} s; {} sources, {} records)",
                f(&i["import_s"], 3),
                f(&i["parse_s"], 3),
                f(&i["write_s"], 3),
                i["sources"],
                i["records"]
            ),
        );
        row("import peak RSS", format!("{} MB", f(&i["peak_rss_mb"], 0)));
    }
    if let Some(s) = v.get("synthetic") {
        row(
            "synthetic learn / generate / group",
            format!(
                "{} / {} / {} s",
                f(&s["learn_s"], 3),
                f(&s["generate_s"], 3),
                f(&s["group_s"], 3)
            ),
        );
    }
    if v.get("store_load_s").is_some() {
        row("store load", format!("{} s", f(&v["store_load_s"], 3)));
        row("index build", format!("{} s", f(&v["index_build_s"], 3)));
    }
    if let Some(m) = v.get("build_memory") {
        row(
            "build peak RSS",
            format!(
                "{} MB  (generated records and build buffers included)",
                f(&m["peak_rss_mb"], 0)
            ),
        );
        row(
            "snapshot write / size",
            format!(
                "{} s / {} MB  (loaded and screened by a fresh process below)",
                f(&v["snapshot_write_s"], 3),
                f(&v["snapshot_mb"], 0)
            ),
        );
    }
    if v.get("snapshot_load_s").is_some() {
        row(
            "snapshot load",
            format!("{} s", f(&v["snapshot_load_s"], 3)),
        );
    }
    let l = &v["latency_ms"];
    row(
        "latency p50 / p90 / p99 / max",
        format!(
            "{} / {} / {} / {} ms  (mean {} ms, one thread)",
            f(&l["p50"], 3),
            f(&l["p90"], 3),
            f(&l["p99"], 3),
            f(&l["max"], 3),
            f(&l["mean"], 3)
        ),
    );
    row("alert rate", f(&l["alert_rate"], 4));
    let b = &v["batch"];
    row(
        "batch throughput",
        format!(
            "{} queries/s  ({} threads, median of {} runs)",
            f(&b["qps"], 1),
            b["threads"],
            b["runs"]
        ),
    );
    let m = &v["memory"];
    row(
        "peak RSS / current RSS",
        format!(
            "{} MB / {} MB  (before loading the screener {} MB)",
            f(&m["peak_rss_mb"], 0),
            f(&m["rss_mb"], 0),
            f(&m["rss_before_index_mb"], 0)
        ),
    );
    println!();
    println!("{}", v["timing"].as_str().unwrap_or(""));
    Ok(())
}
