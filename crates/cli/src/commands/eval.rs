//! `interdict eval pairs|entities|screening`: measure match quality and speed on labelled data.
//!
//! * `pairs` scores the name pairs of a name-bench CSV (columns `schema`, `name1`, `name2`,
//!   `is_match`; others such as `case_group` are kept for error listings).
//! * `entities` scores the whole-entity checks of an entity-bench YAML file (`checks:` list of
//!   `{match, schema, query, candidate, label?}`).
//! * `screening` screens the people of candidate-generation CSV files against the imported lists:
//!   recall of UN-listed positives, alert rate of synthetic negatives, queries per second.
//!
//! Dev/test split (fixed, so that tuning on `dev` can be checked on `test`): a labelled item is
//! `dev` when the 64-bit FNV-1a hash of its key is even, else `test`. The key of a pair is
//! `name1 + U+001F + name2`. The key of an entity check is `side(query) + U+001F +
//! side(candidate)`, where `side` joins `property=value` for every value of every property in
//! file order with U+001E.

use anyhow::{Context, anyhow, bail};
use interdict_matching::{
    ALGORITHM, DEFAULT_THRESHOLD, Explanation, PreparedEntity, PreparedQuery, Query, score,
    score_value,
};
use interdict_model::canonical::short_hash;
use interdict_model::{DateValue, IdKind, Identifier, NameKind, Record, Schema, country};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The rule that decides whether a screening positive was found, shown in help and output.
const UN_RULE: &str = "a positive counts as found at k when one of the top-k results has a \
    referent (source record id) starting with `un_sc_sanctions:` (the files carry no record ids)";
/// The split rule, shown in output.
const PAIR_SPLIT: &str = "dev when FNV-1a-64(name1 + U+001F + name2) is even, else test";
const ENTITY_SPLIT: &str = "dev when FNV-1a-64(side(query) + U+001F + side(candidate)) is even, \
    else test; side = `property=value` of every value in file order, joined with U+001E";
/// Timing runs; the fastest counts.
const RUNS: usize = 3;
/// Results fetched per screening query.
const SCREEN_LIMIT: usize = 10;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: EvalCommand,
}

#[derive(clap::Subcommand)]
enum EvalCommand {
    /// Score labelled name pairs (name-bench CSV: schema,name1,name2,is_match,...)
    Pairs(PairsArgs),
    /// Score labelled whole-entity checks (entity-bench YAML: checks: [{match, schema, query, candidate}])
    Entities(EntitiesArgs),
    /// Screen people from CSV files against the imported lists: recall of UN-listed positives
    /// (found at k when a top-k result has a referent starting with `un_sc_sanctions:`), alert
    /// rate of negatives, queries per second
    Screening(ScreeningArgs),
}

#[derive(clap::Args)]
struct PairsArgs {
    /// Name-bench CSV file
    file: PathBuf,
    /// Score at or above which a pair is predicted a match
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// List up to N false positives and N false negatives of the `--errors-slice` slice
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Slice whose errors are listed: test, dev (the one to tune on) or all
    #[arg(long, default_value = "test", value_parser = ["dev", "test", "all"])]
    errors_slice: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct EntitiesArgs {
    /// Entity-bench YAML file
    file: PathBuf,
    /// Score at or above which a check is predicted a match
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// List up to N false positives and N false negatives of the `--errors-slice` slice
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Slice whose errors are listed: test, dev (the one to tune on) or all
    #[arg(long, default_value = "test", value_parser = ["dev", "test", "all"])]
    errors_slice: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct ScreeningArgs {
    /// CSV files of people who are on the UN list (full_name, date_of_birth, nationality, ...)
    #[arg(long, num_args = 1..)]
    positives: Vec<PathBuf>,
    /// CSV files of people who should not match anything
    #[arg(long, num_args = 1..)]
    negatives: Vec<PathBuf>,
    /// Score at or above which the top result is an alert
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Use only the first N rows of each file
    #[arg(long)]
    limit_queries: Option<usize>,
    /// List up to N missed positives and N false alerts per file
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Also score every entity for each query (slow) and report how often the index gives the
    /// same matches (results at or above the threshold, ranked, with scores) as brute force
    #[arg(long)]
    check_index: bool,
    /// When a query holds a match, score every listed entity sharing a name key with it, so that
    /// no weaker match (another listing, an alias) is left out; slower for matching queries
    #[arg(long)]
    exhaustive: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        EvalCommand::Pairs(a) => pairs(a),
        EvalCommand::Entities(a) => entities(a),
        EvalCommand::Screening(a) => screening(dir, a),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn check_threshold(t: f64) -> anyhow::Result<()> {
    if !(0.0..=1.0).contains(&t) {
        bail!("--threshold must be between 0 and 1");
    }
    Ok(())
}

/// Whether a key falls in the dev slice: its FNV-1a-64 hash is even.
pub fn is_dev(key: &str) -> bool {
    let h = short_hash(key);
    let last = h.chars().last().and_then(|c| c.to_digit(16)).unwrap_or(0);
    last & 1 == 0
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

// ---------------------------------------------------------------------------------------------
// Metrics shared by pairs and entities.

/// One scored labelled item.
struct Scored {
    score: f64,
    truth: bool,
    dev: bool,
    schema: Schema,
    /// File line of the item.
    line: u64,
    /// Extra fields shown in error listings.
    detail: Value,
    /// The score's feature explanations, one line each (shown in error listings).
    features: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn of<'a>(items: impl Iterator<Item = &'a Scored>, t: f64) -> Counts {
        let mut c = Counts::default();
        for s in items {
            match (s.score >= t, s.truth) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, true) => c.fn_ += 1,
                (false, false) => c.tn += 1,
            }
        }
        c
    }
    fn total(self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    fn accuracy(self) -> f64 {
        ratio(self.tp + self.tn, self.total())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Metrics of one slice.
struct SliceMetrics {
    counts: Counts,
    best_f1: (f64, f64),
    best_accuracy: (f64, f64),
}

impl SliceMetrics {
    fn of(items: &[&Scored], t: f64) -> SliceMetrics {
        let counts = Counts::of(items.iter().copied(), t);
        let mut best_f1 = (-1.0, 0.0);
        let mut best_accuracy = (-1.0, 0.0);
        // Thresholds 0.01..=0.99; ties keep the highest threshold (as nomenklatura's figures do).
        for i in 1..=99 {
            let th = f64::from(i) / 100.0;
            let c = Counts::of(items.iter().copied(), th);
            if c.f1() >= best_f1.0 {
                best_f1 = (c.f1(), th);
            }
            if c.accuracy() >= best_accuracy.0 {
                best_accuracy = (c.accuracy(), th);
            }
        }
        SliceMetrics {
            counts,
            best_f1,
            best_accuracy,
        }
    }

    fn json(&self) -> Value {
        let c = self.counts;
        json!({
            "rows": c.total(),
            "positives": c.tp + c.fn_,
            "tp": c.tp, "fp": c.fp, "fn": c.fn_, "tn": c.tn,
            "precision": round(c.precision(), 4),
            "recall": round(c.recall(), 4),
            "f1": round(c.f1(), 4),
            "accuracy": round(c.accuracy(), 4),
            "best_f1": {"f1": round(self.best_f1.0, 4), "threshold": self.best_f1.1},
            "best_accuracy": {"accuracy": round(self.best_accuracy.0, 4), "threshold": self.best_accuracy.1},
        })
    }
}

/// Everything reported for a labelled file.
struct Report {
    kind: &'static str,
    file: PathBuf,
    threshold: f64,
    split: &'static str,
    us_per_item: f64,
    us_per_score: f64,
    us_per_explained: f64,
    slices: Vec<(&'static str, SliceMetrics)>,
    by_schema: Vec<(Schema, Counts)>,
    fps: Vec<usize>,
    fns: Vec<usize>,
    /// The slice whose errors are listed.
    errors_slice: &'static str,
    items: Vec<Scored>,
    extra: serde_json::Map<String, Value>,
}

fn build_report(
    kind: &'static str,
    file: &Path,
    threshold: f64,
    split: &'static str,
    [us_per_item, us_per_score, us_per_explained]: [f64; 3],
    items: Vec<Scored>,
    (errors, errors_slice): (usize, &str),
) -> Report {
    let all: Vec<&Scored> = items.iter().collect();
    let dev: Vec<&Scored> = items.iter().filter(|s| s.dev).collect();
    let test: Vec<&Scored> = items.iter().filter(|s| !s.dev).collect();
    let slices = vec![
        ("all", SliceMetrics::of(&all, threshold)),
        ("dev", SliceMetrics::of(&dev, threshold)),
        ("test", SliceMetrics::of(&test, threshold)),
    ];
    let mut by_schema: BTreeMap<Schema, Vec<&Scored>> = BTreeMap::new();
    for s in &items {
        by_schema.entry(s.schema).or_default().push(s);
    }
    let by_schema = by_schema
        .into_iter()
        .map(|(k, v)| (k, Counts::of(v.into_iter(), threshold)))
        .collect();
    // Errors of the chosen slice: the most confident mistakes first.
    let in_slice = |s: &Scored| match errors_slice {
        "dev" => s.dev,
        "test" => !s.dev,
        _ => true,
    };
    let mut fps: Vec<usize> = (0..items.len())
        .filter(|&i| in_slice(&items[i]) && !items[i].truth && items[i].score >= threshold)
        .collect();
    fps.sort_by(|&a, &b| items[b].score.total_cmp(&items[a].score).then(a.cmp(&b)));
    fps.truncate(errors);
    let mut fns: Vec<usize> = (0..items.len())
        .filter(|&i| in_slice(&items[i]) && items[i].truth && items[i].score < threshold)
        .collect();
    fns.sort_by(|&a, &b| items[a].score.total_cmp(&items[b].score).then(a.cmp(&b)));
    fns.truncate(errors);
    Report {
        kind,
        file: file.to_path_buf(),
        threshold,
        split,
        us_per_item,
        us_per_score,
        us_per_explained,
        slices,
        by_schema,
        fps,
        fns,
        errors_slice: match errors_slice {
            "dev" => "dev",
            "test" => "test",
            _ => "all",
        },
        items,
        extra: serde_json::Map::new(),
    }
}

impl Report {
    fn error_json(&self, list: &[usize]) -> Vec<Value> {
        list.iter()
            .map(|&i| {
                let s = &self.items[i];
                let mut v = json!({
                    "line": s.line, "schema": s.schema, "score": round(s.score, 4),
                });
                if let (Some(o), Value::Object(d)) = (v.as_object_mut(), &s.detail) {
                    o.extend(d.clone());
                    o.insert("features".into(), json!(s.features));
                }
                v
            })
            .collect()
    }

    fn json(&self, errors: usize) -> Value {
        let slices: serde_json::Map<String, Value> = self
            .slices
            .iter()
            .map(|(k, m)| ((*k).to_string(), m.json()))
            .collect();
        let by_schema: serde_json::Map<String, Value> = self
            .by_schema
            .iter()
            .map(|(s, c)| {
                (
                    s.to_string(),
                    json!({
                        "rows": c.total(), "positives": c.tp + c.fn_,
                        "precision": round(c.precision(), 4), "recall": round(c.recall(), 4),
                        "f1": round(c.f1(), 4), "accuracy": round(c.accuracy(), 4),
                    }),
                )
            })
            .collect();
        let mut out = json!({
            "kind": self.kind,
            "file": self.file.display().to_string(),
            "algorithm": ALGORITHM,
            "threshold": self.threshold,
            "rows": self.items.len(),
            "split": self.split,
            "us_per_item": round(self.us_per_item, 3),
            "us_per_score_value": round(self.us_per_score, 3),
            "us_per_explained_score": round(self.us_per_explained, 3),
            "timing": format!("us_per_item: wall time of prepare query + prepare entity + score \
                with explanations; us_per_score_value: the score alone on prepared sides (what screening \
                computes per candidate); us_per_explained_score: the score with its explanations \
                on prepared sides; one thread, averaged over all rows, fastest of {RUNS} runs"),
            "slices": slices,
            "by_schema": by_schema,
        });
        let o = out.as_object_mut().expect("object");
        o.extend(self.extra.clone());
        if errors > 0 {
            o.insert(
                "errors".into(),
                json!({
                    "slice": self.errors_slice,
                    "false_positives": self.error_json(&self.fps),
                    "false_negatives": self.error_json(&self.fns),
                }),
            );
        }
        out
    }

    fn print(&self, errors: usize, unit: &str, describe: impl Fn(&Scored) -> String) {
        let dev = self.items.iter().filter(|s| s.dev).count();
        println!(
            "interdict eval {}  {}  ({} {unit}s, algorithm {ALGORITHM}, threshold {:.2})",
            self.kind,
            self.file.display(),
            self.items.len(),
            self.threshold
        );
        println!(
            "split: {} ({dev} dev, {} test)",
            self.split,
            self.items.len() - dev
        );
        println!();
        println!(
            "{:<6} {:>5} {:>5} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6} {:>6}  {:>13}  {:>13}",
            "slice",
            "rows",
            "TP",
            "FP",
            "FN",
            "TN",
            "prec",
            "recall",
            "F1",
            "acc",
            "best F1 @t",
            "best acc @t"
        );
        for (name, m) in &self.slices {
            let c = m.counts;
            println!(
                "{:<6} {:>5} {:>5} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3} {:>6.3}  {:>7.3} @{:.2}  {:>7.3} @{:.2}",
                name,
                c.total(),
                c.tp,
                c.fp,
                c.fn_,
                c.tn,
                c.precision(),
                c.recall(),
                c.f1(),
                c.accuracy(),
                m.best_f1.0,
                m.best_f1.1,
                m.best_accuracy.0,
                m.best_accuracy.1
            );
        }
        println!();
        println!(
            "{:<13} {:>5} {:>5}  {:>6} {:>6} {:>6} {:>6}   (slice all)",
            "schema", "rows", "pos", "prec", "recall", "F1", "acc"
        );
        for (s, c) in &self.by_schema {
            println!(
                "{:<13} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
                s.as_str(),
                c.total(),
                c.tp + c.fn_,
                c.precision(),
                c.recall(),
                c.f1(),
                c.accuracy()
            );
        }
        println!();
        println!(
            "speed: {:.2} µs per {unit} (prepare query + prepare entity + explained score); \
             prepared sides: {:.2} µs for the score (as screening runs it per candidate), {:.2} µs \
             with explanations; one thread, fastest of {RUNS} runs",
            self.us_per_item, self.us_per_score, self.us_per_explained
        );
        if errors > 0 {
            for (title, list) in [
                ("false positives", &self.fps),
                ("false negatives", &self.fns),
            ] {
                println!();
                println!("{title} ({} slice, up to {errors}):", self.errors_slice);
                if list.is_empty() {
                    println!("  none");
                }
                for &i in list.iter() {
                    let s = &self.items[i];
                    println!(
                        "  {:.3}  {:<12} line {:<5} {}",
                        s.score,
                        s.schema.as_str(),
                        s.line,
                        describe(s)
                    );
                    for f in &s.features {
                        println!("         {f}");
                    }
                }
            }
        }
    }
}

/// A score with its explanation lines.
type ScoreLines = (f64, Vec<String>);

/// Fastest mean µs per item over `RUNS` runs of `f` on every item.
fn fastest_us<T>(items: &[T], mut f: impl FnMut(&T)) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let start = Instant::now();
        items.iter().for_each(&mut f);
        best = best.min(start.elapsed().as_secs_f64() * 1e6 / items.len().max(1) as f64);
    }
    best
}

/// Score the inputs `RUNS` times; returns the scores and the fastest mean µs per item of:
/// preparing both sides and scoring with explanations; the score alone on prepared sides (what
/// screening computes per candidate); the score with its explanations on prepared sides.
fn timed_scores(inputs: &[(Query, Record)]) -> (Vec<ScoreLines>, [f64; 3]) {
    let mut best = f64::INFINITY;
    let mut scores = Vec::new();
    for _ in 0..RUNS {
        let queries: Vec<Query> = inputs.iter().map(|(q, _)| q.clone()).collect();
        let mut out = Vec::with_capacity(inputs.len());
        let start = Instant::now();
        for (q, (_, r)) in queries.into_iter().zip(inputs) {
            let pq = PreparedQuery::new(q);
            let pe = PreparedEntity::new(r.schema, &[r]);
            out.push(black_box(score(&pq, &pe).score));
        }
        let us = start.elapsed().as_secs_f64() * 1e6 / inputs.len().max(1) as f64;
        best = best.min(us);
        scores = out;
    }
    let prepared: Vec<(PreparedQuery, PreparedEntity)> = inputs
        .iter()
        .map(|(q, r)| {
            (
                PreparedQuery::new(q.clone()),
                PreparedEntity::new(r.schema, &[r]),
            )
        })
        .collect();
    let us_value = fastest_us(&prepared, |(pq, pe)| {
        black_box(score_value(pq, pe));
    });
    let us_explained = fastest_us(&prepared, |(pq, pe)| {
        black_box(score(pq, pe).score);
    });
    let scored = scores
        .into_iter()
        .zip(&prepared)
        .map(|(s, (pq, pe))| (s, feature_lines(&score(pq, pe).explanations)))
        .collect();
    (scored, [best, us_value, us_explained])
}

/// One line per explanation: feature, score, detail and the token alignment of names.
fn feature_lines(ex: &[Explanation]) -> Vec<String> {
    ex.iter()
        .map(|e| {
            let al: Vec<String> = e
                .alignment
                .iter()
                .map(|a| format!("{}={}:{:.2}", a.query, a.listed, a.similarity))
                .collect();
            format!(
                "{} {:+.3} {}{}",
                e.feature,
                e.score,
                e.detail,
                if al.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", al.join(" "))
                }
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Pairs.

fn open_csv(path: &Path) -> anyhow::Result<(csv::Reader<std::fs::File>, HashMap<String, usize>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("{}: cannot open", path.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}:1: cannot read the header", path.display()))?;
    let cols = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i))
        .collect();
    Ok((rdr, cols))
}

fn column(cols: &HashMap<String, usize>, path: &Path, name: &str) -> anyhow::Result<usize> {
    cols.get(name).copied().ok_or_else(|| {
        let mut have: Vec<&str> = cols.keys().map(String::as_str).collect();
        have.sort_unstable();
        anyhow!(
            "{}:1: missing column `{name}` (columns: {})",
            path.display(),
            have.join(", ")
        )
    })
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "t" => Some(true),
        "false" | "0" | "no" | "n" | "f" => Some(false),
        _ => None,
    }
}

fn pairs(args: PairsArgs) -> anyhow::Result<()> {
    check_threshold(args.threshold)?;
    let path = &args.file;
    let (mut rdr, cols) = open_csv(path)?;
    let c_schema = column(&cols, path, "schema")?;
    let c_name1 = column(&cols, path, "name1")?;
    let c_name2 = column(&cols, path, "name2")?;
    let c_match = column(&cols, path, "is_match")?;
    let c_group = cols.get("case_group").copied();
    let c_category = cols.get("category").copied();

    struct Row {
        line: u64,
        schema: Schema,
        name1: String,
        name2: String,
        truth: bool,
        group: String,
        category: String,
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.with_context(|| format!("{}: cannot read a row", path.display()))?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: usize, name: &str| -> anyhow::Result<String> {
            rec.get(i)
                .map(str::to_string)
                .ok_or_else(|| anyhow!("{}:{line}: row has no `{name}` field", path.display()))
        };
        let schema_raw = get(c_schema, "schema")?;
        let schema: Schema = schema_raw
            .parse()
            .with_context(|| format!("{}:{line}: column schema", path.display()))?;
        let m = get(c_match, "is_match")?;
        let truth = parse_bool(&m).ok_or_else(|| {
            anyhow!(
                "{}:{line}: is_match `{m}` is not true or false",
                path.display()
            )
        })?;
        let opt = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        rows.push(Row {
            line,
            schema,
            name1: get(c_name1, "name1")?,
            name2: get(c_name2, "name2")?,
            truth,
            group: opt(c_group),
            category: opt(c_category),
        });
    }
    if rows.is_empty() {
        bail!("{}: no rows", path.display());
    }
    let inputs: Vec<(Query, Record)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let q = Query {
                schema: Some(r.schema),
                names: vec![r.name1.clone()],
                ..Query::default()
            };
            let mut rec = Record::new("eval", &format!("row{}", i + 1), r.schema);
            rec.add_name(&r.name2, NameKind::Primary);
            (q, rec)
        })
        .collect();
    let (scores, us) = timed_scores(&inputs);
    let items: Vec<Scored> = rows
        .iter()
        .zip(scores)
        .map(|(r, (score, features))| Scored {
            score,
            features,
            truth: r.truth,
            dev: is_dev(&format!("{}\u{1f}{}", r.name1, r.name2)),
            schema: r.schema,
            line: r.line,
            detail: json!({
                "name1": r.name1, "name2": r.name2, "is_match": r.truth,
                "case_group": r.group, "category": r.category,
            }),
        })
        .collect();
    let report = build_report(
        "pairs",
        path,
        args.threshold,
        PAIR_SPLIT,
        us,
        items,
        (args.errors, &args.errors_slice),
    );
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.json(args.errors))?
        );
    } else {
        report.print(args.errors, "pair", |s| {
            format!(
                "\"{}\" ~ \"{}\"  [{}{}]",
                s.detail["name1"].as_str().unwrap_or(""),
                s.detail["name2"].as_str().unwrap_or(""),
                s.detail["case_group"].as_str().unwrap_or(""),
                match s.detail["category"].as_str() {
                    Some(c) if !c.is_empty() => format!(", {c}"),
                    _ => String::new(),
                }
            )
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Entities.

/// One side of an entity check, converted.
#[derive(Default)]
struct Side {
    names: Vec<(String, NameKind)>,
    first: Vec<String>,
    middle: Vec<String>,
    father: Vec<String>,
    last: Vec<String>,
    birth_dates: Vec<DateValue>,
    nationalities: Vec<String>,
    countries: Vec<String>,
    identifiers: Vec<Identifier>,
    /// `property=value` of every value in file order (the split key).
    key_parts: Vec<String>,
}

impl Side {
    /// The name composed from parts, "first middle father last", when any part is present.
    fn composed(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.first, &self.middle, &self.father, &self.last]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    fn all_names(&self) -> Vec<(String, NameKind)> {
        let mut out = self.names.clone();
        if let Some(c) = self.composed()
            && !out.iter().any(|(n, _)| *n == c)
        {
            out.push((c, NameKind::Primary));
        }
        out
    }

    fn query(&self, schema: Schema) -> Query {
        let mut countries = self.nationalities.clone();
        for c in &self.countries {
            if !countries.contains(c) {
                countries.push(c.clone());
            }
        }
        Query {
            schema: Some(schema),
            names: self.all_names().into_iter().map(|(n, _)| n).collect(),
            birth_dates: self.birth_dates.clone(),
            countries,
            identifiers: self.identifiers.clone(),
        }
    }

    fn record(&self, schema: Schema, id: &str) -> Record {
        let mut r = Record::new("eval", id, schema);
        for (n, k) in self.all_names() {
            r.add_name(&n, k);
        }
        r.name_parts.first = self.first.clone();
        r.name_parts.middle = self.middle.clone();
        r.name_parts.last = self.last.clone();
        r.name_parts.patronymic = self.father.clone();
        r.birth_dates = self.birth_dates.clone();
        r.nationalities = self.nationalities.clone();
        r.countries = self.countries.clone();
        for id in &self.identifiers {
            r.add_identifier(id.clone());
        }
        r
    }
}

fn yaml_scalar(v: &serde_yaml_ng::Value) -> Option<String> {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Convert one side (`query:` or `candidate:`); unknown properties go to `ignored`.
fn parse_side(
    v: &serde_yaml_ng::Value,
    at: &str,
    ignored: &mut BTreeSet<String>,
) -> anyhow::Result<Side> {
    let map = v
        .as_mapping()
        .ok_or_else(|| anyhow!("{at}: expected a mapping of properties"))?;
    let mut side = Side::default();
    for (k, val) in map {
        let prop = k
            .as_str()
            .ok_or_else(|| anyhow!("{at}: property names must be strings"))?;
        let values: Vec<String> = match val {
            serde_yaml_ng::Value::Sequence(seq) => seq
                .iter()
                .map(|x| {
                    yaml_scalar(x).ok_or_else(|| anyhow!("{at}: `{prop}` has a non-scalar value"))
                })
                .collect::<anyhow::Result<_>>()?,
            serde_yaml_ng::Value::Null => Vec::new(),
            x => vec![
                yaml_scalar(x).ok_or_else(|| anyhow!("{at}: `{prop}` has a non-scalar value"))?,
            ],
        };
        for value in values {
            side.key_parts.push(format!("{prop}={value}"));
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            match prop {
                "name" => side.names.push((value, NameKind::Primary)),
                "alias" => side.names.push((value, NameKind::Alias)),
                "weakAlias" => side.names.push((value, NameKind::WeakAlias)),
                "previousName" => side.names.push((value, NameKind::FormerName)),
                "firstName" => side.first.push(value),
                "middleName" | "secondName" => side.middle.push(value),
                "fatherName" | "patronymic" => side.father.push(value),
                "lastName" => side.last.push(value),
                "birthDate" => match DateValue::parse_loose(&value) {
                    Ok(d) => side.birth_dates.push(d),
                    Err(_) => {
                        ignored.insert(format!("birthDate (unparseable `{value}`)"));
                    }
                },
                "nationality" | "citizenship" | "country" | "jurisdiction" | "flag" => {
                    match country::to_code(&value) {
                        Some(c) if prop == "nationality" || prop == "citizenship" => {
                            Record::push_unique(&mut side.nationalities, c)
                        }
                        Some(c) => Record::push_unique(&mut side.countries, c),
                        None => {
                            ignored.insert(format!("{prop} (unknown country `{value}`)"));
                        }
                    }
                }
                _ => {
                    let kind = match prop {
                        "imoNumber" => Some(IdKind::VesselImo),
                        "mmsi" => Some(IdKind::Mmsi),
                        "innCode" => Some(IdKind::Inn),
                        "ogrnCode" => Some(IdKind::Ogrn),
                        "leiCode" => Some(IdKind::Lei),
                        "swiftBic" | "bicCode" => Some(IdKind::Bic),
                        "passportNumber" => Some(IdKind::Passport),
                        "idNumber" => Some(IdKind::NationalId),
                        "taxNumber" | "vatCode" => Some(IdKind::TaxId),
                        "registrationNumber" => Some(IdKind::Registration),
                        "uniqueEntityId" | "unscId" => Some(IdKind::UnReference),
                        "callSign" => Some(IdKind::CallSign),
                        _ => None,
                    };
                    match kind {
                        Some(k) => side.identifiers.push(Identifier::new(k, value)),
                        None => {
                            ignored.insert(prop.to_string());
                        }
                    }
                }
            }
        }
    }
    Ok(side)
}

/// File lines where the items of the top-level `checks:` list start (best effort, for messages).
fn check_lines(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut in_checks = false;
    let mut indent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty() {
            in_checks = line.trim_end().starts_with("checks:");
            continue;
        }
        if !in_checks {
            continue;
        }
        let body = line.trim_start();
        let ind = line.len() - body.len();
        if body.starts_with("- ") || body == "-" {
            let want = *indent.get_or_insert(ind);
            if ind == want {
                out.push(i as u64 + 1);
            }
        }
    }
    out
}

fn entities(args: EntitiesArgs) -> anyhow::Result<()> {
    check_threshold(args.threshold)?;
    let path = &args.file;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).map_err(|e| {
        let line = e.location().map_or(0, |l| l.line());
        anyhow!("{}:{line}: invalid YAML: {e}", path.display())
    })?;
    let checks = doc
        .get("checks")
        .and_then(|c| c.as_sequence())
        .ok_or_else(|| anyhow!("{}:1: no top-level `checks:` list", path.display()))?;
    let lines = check_lines(&text);
    let mut ignored = BTreeSet::new();

    struct Check {
        line: u64,
        schema: Schema,
        truth: bool,
        label: String,
        query: Side,
        candidate: Side,
    }
    let mut parsed = Vec::new();
    for (i, c) in checks.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0);
        let at = format!("{}:{line} (check {})", path.display(), i + 1);
        let truth = c
            .get("match")
            .and_then(serde_yaml_ng::Value::as_bool)
            .ok_or_else(|| anyhow!("{at}: missing boolean `match`"))?;
        let schema: Schema = c
            .get("schema")
            .and_then(serde_yaml_ng::Value::as_str)
            .ok_or_else(|| anyhow!("{at}: missing `schema`"))?
            .parse()
            .with_context(|| at.clone())?;
        let label = c.get("label").and_then(yaml_scalar).unwrap_or_default();
        let side = |k: &str, ignored: &mut BTreeSet<String>| {
            let v = c.get(k).ok_or_else(|| anyhow!("{at}: missing `{k}`"))?;
            parse_side(v, &format!("{at}: {k}"), ignored)
        };
        let query = side("query", &mut ignored)?;
        let candidate = side("candidate", &mut ignored)?;
        if query.all_names().is_empty() {
            bail!("{at}: the query has no name");
        }
        parsed.push(Check {
            line,
            schema,
            truth,
            label,
            query,
            candidate,
        });
    }
    if parsed.is_empty() {
        bail!("{}: no checks", path.display());
    }
    let inputs: Vec<(Query, Record)> = parsed
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.query.query(c.schema),
                c.candidate.record(c.schema, &format!("check{}", i + 1)),
            )
        })
        .collect();
    let (scores, us) = timed_scores(&inputs);
    let names = |s: &Side| {
        s.all_names()
            .into_iter()
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
    };
    let items: Vec<Scored> = parsed
        .iter()
        .zip(scores)
        .map(|(c, (score, mut features))| Scored {
            score,
            features: {
                let props = |s: &Side| {
                    s.key_parts
                        .iter()
                        .filter(|p| !p.starts_with("name=") && !p.starts_with("alias="))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                features.insert(0, format!("candidate: {}", props(&c.candidate)));
                features.insert(0, format!("query: {}", props(&c.query)));
                features
            },
            truth: c.truth,
            dev: is_dev(&format!(
                "{}\u{1f}{}",
                c.query.key_parts.join("\u{1e}"),
                c.candidate.key_parts.join("\u{1e}")
            )),
            schema: c.schema,
            line: c.line,
            detail: json!({
                "query": names(&c.query), "candidate": names(&c.candidate),
                "match": c.truth, "label": c.label,
            }),
        })
        .collect();
    let mut report = build_report(
        "entities",
        path,
        args.threshold,
        ENTITY_SPLIT,
        us,
        items,
        (args.errors, &args.errors_slice),
    );
    report.extra.insert(
        "ignored_properties".into(),
        json!(ignored.iter().collect::<Vec<_>>()),
    );
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.json(args.errors))?
        );
    } else {
        report.print(args.errors, "check", |s| {
            let join = |v: &Value| {
                v.as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(|x| format!("\"{x}\""))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    })
                    .unwrap_or_default()
            };
            let label = s.detail["label"].as_str().unwrap_or("");
            format!(
                "{} ~ {}{}",
                join(&s.detail["query"]),
                join(&s.detail["candidate"]),
                if label.is_empty() {
                    String::new()
                } else {
                    format!("  [{label}]")
                }
            )
        });
        if !ignored.is_empty() {
            println!();
            println!(
                "ignored properties: {}",
                ignored.iter().cloned().collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Screening.

struct Person {
    line: u64,
    name: String,
    query: Query,
}

fn read_people(path: &Path, limit: Option<usize>) -> anyhow::Result<(Vec<Person>, usize)> {
    let (mut rdr, cols) = open_csv(path)?;
    let c_name = column(&cols, path, "full_name")?;
    let c_dob = cols.get("date_of_birth").copied();
    let c_nat = cols.get("nationality").copied();
    let mut out = Vec::new();
    let mut skipped = 0;
    for (i, rec) in rdr.records().enumerate() {
        if limit.is_some_and(|n| i >= n) {
            break;
        }
        let rec = rec.with_context(|| format!("{}: cannot read a row", path.display()))?;
        let line = rec.position().map_or(0, |p| p.line());
        let name = rec
            .get(c_name)
            .ok_or_else(|| anyhow!("{}:{line}: row has no `full_name` field", path.display()))?
            .trim()
            .to_string();
        if name.is_empty() {
            skipped += 1;
            continue;
        }
        let field = |c: Option<usize>| c.and_then(|i| rec.get(i)).map(str::trim).unwrap_or("");
        let birth_dates = match field(c_dob) {
            "" => Vec::new(),
            d => DateValue::parse_loose(d).into_iter().collect(),
        };
        let countries = match field(c_nat) {
            "" => Vec::new(),
            n => country::to_code(n).into_iter().collect(),
        };
        out.push(Person {
            line,
            name: name.clone(),
            query: Query {
                schema: Some(Schema::Person),
                names: vec![name],
                birth_dates,
                countries,
                identifiers: Vec::new(),
            },
        });
    }
    Ok((out, skipped))
}

fn screening(dir: &Path, args: ScreeningArgs) -> anyhow::Result<()> {
    check_threshold(args.threshold)?;
    if args.positives.is_empty() && args.negatives.is_empty() {
        bail!("give at least one --positives or --negatives FILE");
    }
    // Read every file first so that a bad file fails before the lists are loaded.
    let mut files = Vec::new();
    for (paths, positive) in [(&args.positives, true), (&args.negatives, false)] {
        for p in paths {
            let (people, skipped) = read_people(p, args.limit_queries)?;
            files.push((p.clone(), positive, people, skipped));
        }
    }
    // The same screener `screen` and `batch` use: the import's snapshot (rebuilt if stale).
    let start = Instant::now();
    let mut screener = super::open::screener(dir)?.screener;
    screener.exhaustive = args.exhaustive;
    let build_secs = start.elapsed().as_secs_f64();
    let un_records = screener
        .entities
        .iter()
        .flat_map(|e| &e.referents)
        .filter(|r| r.starts_with("un_sc_sanctions:"))
        .count();
    if un_records == 0 && !args.positives.is_empty() {
        eprintln!(
            "warning: no un_sc_sanctions records are imported: every positive will be missed"
        );
    }
    let record_count = screener.records.len();
    let is_un = |e: usize| {
        screener.entities[e]
            .referents
            .iter()
            .any(|r| r.starts_with("un_sc_sanctions:"))
    };
    let t = args.threshold;

    let mut reports = Vec::new();
    for (path, positive, people, skipped) in &files {
        let mut elapsed = 0.0;
        let mut found1 = 0;
        let mut found1_tied = 0;
        let mut found5 = 0;
        let mut un_match = 0;
        let mut alerts = 0;
        let mut alert_captions: HashMap<String, usize> = HashMap::new();
        let mut misses = Vec::new();
        let mut false_alerts = Vec::new();
        let mut agree = 0usize;
        let mut disagreements = Vec::new();
        for p in people {
            let start = Instant::now();
            let hits = screener.screen_with(&p.query, SCREEN_LIMIT, t, false);
            elapsed += start.elapsed().as_secs_f64();
            if args.check_index {
                // The screening result: the matches (score at or above the threshold), in rank
                // order with their scores.
                let relevant = |h: &[interdict_index::Hit]| -> Vec<(usize, f64)> {
                    h.iter()
                        .filter(|x| x.is_match)
                        .map(|x| (x.entity, x.score))
                        .collect()
                };
                let brute = screener.screen_brute_force(&p.query, SCREEN_LIMIT, t);
                let same = relevant(&brute) == relevant(&hits);
                agree += usize::from(same);
                if !same && disagreements.len() < args.errors {
                    let show = |h: &[interdict_index::Hit]| -> Vec<Value> {
                        h.iter()
                            .filter(|x| x.is_match)
                            .map(|x| json!([screener.caption(x.entity), round(x.score, 3)]))
                            .collect()
                    };
                    disagreements.push(json!({"line": p.line, "name": p.name,
                        "index": show(&hits), "brute_force": show(&brute)}));
                }
            }
            let top = hits.first();
            let alert = top.is_some_and(|h| h.score >= t);
            alerts += usize::from(alert);
            let top_json = top.map(|h| {
                json!({"caption": screener.caption(h.entity), "score": h.score,
                       "referents": screener.entities[h.entity].referents})
            });
            if *positive {
                let rank = hits.iter().position(|h| is_un(h.entity));
                found1 += usize::from(rank == Some(0));
                found1_tied += usize::from(rank.is_some_and(|r| hits[r].score >= hits[0].score));
                found5 += usize::from(rank.is_some_and(|r| r < 5));
                if let Some(r) = rank
                    && hits[r].score >= t
                {
                    un_match += 1;
                }
                if rank.is_none_or(|r| r >= 5) {
                    misses.push(json!({"line": p.line, "name": p.name, "top": top_json}));
                }
            } else if alert {
                let h = &hits[0];
                *alert_captions
                    .entry(screener.caption(h.entity).to_string())
                    .or_default() += 1;
                false_alerts.push((
                    h.score,
                    json!({"line": p.line, "name": p.name, "top": top_json}),
                ));
            }
        }
        let n = people.len();
        let mut top_alerts: Vec<(String, usize)> = alert_captions.into_iter().collect();
        top_alerts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        top_alerts.truncate(10);
        false_alerts.sort_by(|a, b| b.0.total_cmp(&a.0));
        misses.truncate(args.errors);
        false_alerts.truncate(args.errors);
        let ms = if n == 0 {
            0.0
        } else {
            elapsed * 1000.0 / n as f64
        };
        let qps = if elapsed > 0.0 {
            n as f64 / elapsed
        } else {
            0.0
        };
        let mut r = json!({
            "file": path.display().to_string(),
            "kind": if *positive { "positives" } else { "negatives" },
            "queries": n,
            "skipped_empty_names": skipped,
            "alert_rate": round(ratio(alerts, n), 4),
            "ms_per_query": round(ms, 3),
            "queries_per_second": round(qps, 1),
        });
        if args.check_index {
            r.as_object_mut()
                .expect("object")
                .insert("index_agreement".into(), json!(round(ratio(agree, n), 4)));
            if args.errors > 0 {
                r.as_object_mut()
                    .expect("object")
                    .insert("index_disagreements".into(), json!(disagreements));
            }
        }
        let o = r.as_object_mut().expect("object");
        if *positive {
            o.insert("recall_at_1".into(), json!(round(ratio(found1, n), 4)));
            o.insert(
                "recall_at_1_tied".into(),
                json!(round(ratio(found1_tied, n), 4)),
            );
            o.insert("recall_at_5".into(), json!(round(ratio(found5, n), 4)));
            o.insert("un_match_rate".into(), json!(round(ratio(un_match, n), 4)));
            if args.errors > 0 {
                o.insert("missed".into(), json!(misses));
            }
        } else {
            o.insert(
                "top_false_alerts".into(),
                json!(
                    top_alerts
                        .iter()
                        .map(|(c, k)| json!({"caption": c, "count": k}))
                        .collect::<Vec<_>>()
                ),
            );
            if args.errors > 0 {
                o.insert(
                    "false_alerts".into(),
                    json!(false_alerts.into_iter().map(|(_, v)| v).collect::<Vec<_>>()),
                );
            }
        }
        reports.push(r);
    }

    if args.json {
        let out = json!({
            "kind": "screening",
            "algorithm": ALGORITHM,
            "threshold": t,
            "limit_queries": args.limit_queries,
            "results_per_query": SCREEN_LIMIT,
            "records": record_count,
            "entities": screener.entities.len(),
            "un_sc_records": un_records,
            "screener_build_seconds": round(build_secs, 3),
            "found_rule": UN_RULE,
            "tied_rule": "recall_at_1_tied also counts a UN result that scores as high as the top result",
            "un_match_rule": "share of positives whose best-ranked un_sc_sanctions result (within the top 10) scores at or above the threshold",
            "alert_rule": "share of queries whose top result scores at or above the threshold",
            "timing": "wall time of Screener::screen calls only, one thread",
            "files": reports,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!(
        "interdict eval screening  ({record_count} records, {} entities, {un_records} UN records; \
         algorithm {ALGORITHM}, threshold {t:.2}; screener loaded in {build_secs:.2} s)",
        screener.entities.len()
    );
    println!("found: {UN_RULE}");
    println!(
        "UN match: the best-ranked UN result (top {SCREEN_LIMIT}) scores >= threshold; alerts: the top result scores >= threshold"
    );
    println!(
        "R@1 tied: a UN result scores as high as the top result (listings of other lists not merged with the UN one tie with it)"
    );
    println!("speed: wall time of screen() calls only, one thread");
    println!();
    println!(
        "{:<32} {:<9} {:>7} {:>6} {:>8} {:>6} {:>8} {:>7} {:>9} {:>8}",
        "file",
        "kind",
        "queries",
        "R@1",
        "R@1 tied",
        "R@5",
        "UN match",
        "alerts",
        "ms/query",
        "q/s"
    );
    for r in &reports {
        let f = |k: &str| {
            r[k].as_f64()
                .map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
        };
        let file = r["file"].as_str().unwrap_or("");
        let short = Path::new(file)
            .file_name()
            .map_or(file.to_string(), |s| s.to_string_lossy().to_string());
        println!(
            "{:<32} {:<9} {:>7} {:>6} {:>8} {:>6} {:>8} {:>7} {:>9.3} {:>8.1}",
            short,
            r["kind"].as_str().unwrap_or(""),
            r["queries"].as_u64().unwrap_or(0),
            f("recall_at_1"),
            f("recall_at_1_tied"),
            f("recall_at_5"),
            f("un_match_rate"),
            f("alert_rate"),
            r["ms_per_query"].as_f64().unwrap_or(0.0),
            r["queries_per_second"].as_f64().unwrap_or(0.0)
        );
        if let Some(a) = r["index_agreement"].as_f64() {
            println!(
                "{:<32} index results equal brute force in {:.2}% of queries",
                "",
                a * 100.0
            );
        }
    }
    for r in &reports {
        let file = r["file"].as_str().unwrap_or("");
        if let Some(list) = r["top_false_alerts"].as_array()
            && !list.is_empty()
        {
            println!();
            println!("most common false-alert captions ({file}):");
            for x in list {
                println!(
                    "  {:>4}  {}",
                    x["count"],
                    x["caption"].as_str().unwrap_or("")
                );
            }
        }
        for (key, title) in [
            ("missed", "missed positives"),
            ("false_alerts", "false alerts"),
        ] {
            if let Some(list) = r[key].as_array() {
                println!();
                println!("{title} ({file}, up to {}):", args.errors);
                if list.is_empty() {
                    println!("  none");
                }
                for x in list {
                    println!(
                        "  line {:<6} \"{}\"  top: {} ({})",
                        x["line"],
                        x["name"].as_str().unwrap_or(""),
                        x["top"]["caption"].as_str().unwrap_or("-"),
                        x["top"]["score"]
                    );
                }
            }
        }
    }
    Ok(())
}
