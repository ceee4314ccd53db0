//! `interdict batch INPUT -o OUTPUT`: screen a CSV or JSON-lines file of queries.
//!
//! The input is read in chunks; each chunk is screened in parallel while the chunk before it
//! is written, in input order, and the one after it read, so memory follows the chunk size,
//! not the file size. A bad row (unparseable date, unknown country or schema, bad identifier,
//! no name and no identifier, malformed CSV record or JSON line) is reported on stderr with its
//! line number, counted and left out of the output; it never stops the run.
//!
//! Line numbers are physical lines of the input file: in a CSV file the header is line 1 and a
//! record is numbered by the line it starts on.

use super::screen::build_query;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use interdict_index::{Hit, Screener};
use interdict_matching::{ALGORITHM, DEFAULT_THRESHOLD};
use interdict_model::Schema;
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Rejected rows listed in the summary.
const SUMMARY_REJECTED: usize = 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// CSV with a header row
    Csv,
    /// JSON lines: one object per line
    Jsonl,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format of a file from its extension: `.csv`; `.jsonl`, `.ndjson`, `.json`.
    fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Input file: CSV with a header row (.csv) or JSON lines, one object per line (.jsonl,
    /// .ndjson, .json)
    input: PathBuf,
    /// Output file, overwritten: CSV (.csv) or JSON lines (.jsonl, .ndjson, .json)
    #[arg(short, long)]
    output: PathBuf,
    /// Input columns (CSV headers or JSON keys) as FIELD=COLUMN,...; fields: name, birth_date,
    /// country, id, schema [default: name=name|full_name, birth_date=birth_date|date_of_birth|dob,
    /// country=country|nationality, id=id, schema=schema]. Several birth dates, countries or
    /// ids (KIND:VALUE) in one cell are separated by `;`
    #[arg(long)]
    columns: Option<String>,
    /// Schema of rows whose schema column is missing or empty: Person, Organization, Company,
    /// LegalEntity, Vessel, Airplane
    #[arg(long)]
    schema: Option<String>,
    /// Score at or above which a result is a match
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Results kept per row
    #[arg(long, default_value_t = 3)]
    limit: usize,
    /// Input format, instead of the one the extension tells
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Rows read, screened in parallel and written per step
    #[arg(long, default_value_t = 4096)]
    chunk_size: usize,
    /// Also print the summary as JSON on stdout
    #[arg(long)]
    json_summary: bool,
    /// When a query holds a match, score every listed entity sharing a name key with it, so that
    /// no weaker match (another listing, an alias) is left out; slower for matching queries
    #[arg(long)]
    exhaustive: bool,
}

// ---------------------------------------------------------------------------------------------
// Column mapping.

/// The query fields an input row maps to, in `Columns` order.
const FIELDS: [&str; 5] = ["name", "birth_date", "country", "id", "schema"];
const NAME: usize = 0;
const BIRTH_DATE: usize = 1;
const COUNTRY: usize = 2;
const ID: usize = 3;
const SCHEMA: usize = 4;

/// Per field, the column names to look for, in order of preference; `explicit` when given by
/// `--columns` (then the column must exist).
struct Columns {
    candidates: [Vec<String>; 5],
    explicit: [bool; 5],
}

impl Columns {
    fn parse(spec: Option<&str>) -> anyhow::Result<Columns> {
        let owned = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut columns = Columns {
            candidates: [
                owned(&["name", "full_name"]),
                owned(&["birth_date", "date_of_birth", "dob"]),
                owned(&["country", "nationality"]),
                owned(&["id"]),
                owned(&["schema"]),
            ],
            explicit: [false; 5],
        };
        for part in spec
            .unwrap_or("")
            .split(',')
            .filter(|p| !p.trim().is_empty())
        {
            let Some((field, column)) = part.split_once('=') else {
                bail!("--columns `{part}`: expected FIELD=COLUMN, e.g. name=full_name");
            };
            let field = field.trim().to_ascii_lowercase().replace('-', "_");
            let Some(i) = FIELDS.iter().position(|f| *f == field) else {
                bail!(
                    "--columns `{part}`: unknown field `{field}` (fields: {})",
                    FIELDS.join(", ")
                );
            };
            let column = column.trim();
            if column.is_empty() {
                bail!("--columns `{part}`: empty column name");
            }
            columns.candidates[i] = vec![column.to_string()];
            columns.explicit[i] = true;
        }
        Ok(columns)
    }

    fn looked_for(&self, field: usize) -> String {
        self.candidates[field]
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// The query values of one row, as written in the input.
#[derive(Default, Debug)]
struct Input {
    name: Option<String>,
    schema: Option<String>,
    birth_dates: Vec<String>,
    countries: Vec<String>,
    ids: Vec<String>,
}

impl Input {
    fn json(&self) -> Value {
        json!({"name": self.name, "schema": self.schema, "birth_dates": self.birth_dates,
               "countries": self.countries, "ids": self.ids})
    }
}

/// One row read: its line, the input bytes it took (for progress) and its values or why they
/// cannot be read.
struct Item {
    line: u64,
    bytes: u64,
    input: Result<Input, String>,
}

fn split_multi(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

enum Source {
    Csv {
        rdr: csv::Reader<File>,
        /// Column index per field.
        cols: [Option<usize>; 5],
        rec: csv::StringRecord,
        pos: u64,
    },
    Jsonl {
        rdr: BufReader<File>,
        columns: Columns,
        buf: Vec<u8>,
        line: u64,
        pos: u64,
        /// Non-blank lines and objects read, and whether any object had a name or id key.
        nonblank: u64,
        objects: u64,
        keyed: bool,
    },
}

impl Source {
    fn open(
        path: &Path,
        format: Format,
        columns: Columns,
    ) -> anyhow::Result<(Source, [String; 5])> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        match format {
            Format::Csv => {
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .from_reader(file);
                let headers: Vec<String> = rdr
                    .headers()
                    .with_context(|| format!("{}: cannot read the header row", path.display()))?
                    .iter()
                    .map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_string())
                    .collect();
                if headers.iter().all(String::is_empty) {
                    bail!("{}: empty file, expected a CSV header row", path.display());
                }
                let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
                let mut cols = [None; 5];
                let mut labels: [String; 5] = FIELDS.map(String::from);
                for f in 0..FIELDS.len() {
                    cols[f] = columns.candidates[f].iter().find_map(|c| find(c));
                    match cols[f] {
                        Some(i) => labels[f] = headers[i].clone(),
                        None if columns.explicit[f] => bail!(
                            "{}: no column `{}` (--columns {}={}); its columns are: {}",
                            path.display(),
                            columns.candidates[f][0],
                            FIELDS[f],
                            columns.candidates[f][0],
                            headers.join(", ")
                        ),
                        None => {}
                    }
                }
                if cols[NAME].is_none() && cols[ID].is_none() {
                    bail!(
                        "{}: no name column (looked for {}) and no id column (looked for {}); \
                         its columns are: {}; name one with --columns name=COLUMN",
                        path.display(),
                        columns.looked_for(NAME),
                        columns.looked_for(ID),
                        headers.join(", ")
                    );
                }
                let pos = rdr.position().byte();
                let rec = csv::StringRecord::new();
                Ok((
                    Source::Csv {
                        rdr,
                        cols,
                        rec,
                        pos,
                    },
                    labels,
                ))
            }
            Format::Jsonl => {
                let labels = std::array::from_fn(|f| {
                    if columns.explicit[f] {
                        columns.candidates[f][0].clone()
                    } else {
                        FIELDS[f].to_string()
                    }
                });
                Ok((
                    Source::Jsonl {
                        rdr: BufReader::new(file),
                        columns,
                        buf: Vec::new(),
                        line: 0,
                        pos: 0,
                        nonblank: 0,
                        objects: 0,
                        keyed: false,
                    },
                    labels,
                ))
            }
        }
    }

    /// The next row, `None` at the end. Errors only for unreadable input (I/O), never for a bad
    /// row.
    fn next(&mut self, path: &Path) -> anyhow::Result<Option<Item>> {
        match self {
            Source::Csv {
                rdr,
                cols,
                rec,
                pos,
            } => {
                let read = rdr.read_record(rec);
                let end = rdr.position().byte();
                let bytes = end.saturating_sub(*pos);
                *pos = end;
                match read {
                    Ok(false) => Ok(None),
                    Ok(true) => {
                        let line = rec.position().map_or(0, |p| p.line());
                        let field = |f: usize| {
                            cols[f]
                                .and_then(|i| rec.get(i))
                                .map(str::trim)
                                .filter(|v| !v.is_empty())
                        };
                        let input = Input {
                            name: field(NAME).map(String::from),
                            schema: field(SCHEMA).map(String::from),
                            birth_dates: field(BIRTH_DATE).map(split_multi).unwrap_or_default(),
                            countries: field(COUNTRY).map(split_multi).unwrap_or_default(),
                            ids: field(ID).map(split_multi).unwrap_or_default(),
                        };
                        Ok(Some(Item {
                            line,
                            bytes,
                            input: Ok(input),
                        }))
                    }
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        let reason = match e.kind() {
                            csv::ErrorKind::Io(_) => {
                                return Err(e)
                                    .with_context(|| format!("{}: cannot read", path.display()));
                            }
                            csv::ErrorKind::UnequalLengths {
                                expected_len, len, ..
                            } => format!(
                                "malformed CSV record: {len} field{} where the header has \
                                 {expected_len}",
                                if *len == 1 { "" } else { "s" }
                            ),
                            csv::ErrorKind::Utf8 { .. } => {
                                "malformed CSV record: invalid UTF-8".to_string()
                            }
                            _ => format!("malformed CSV record: {e}"),
                        };
                        Ok(Some(Item {
                            line,
                            bytes,
                            input: Err(reason),
                        }))
                    }
                }
            }
            Source::Jsonl {
                rdr,
                columns,
                buf,
                line,
                pos,
                nonblank,
                objects,
                keyed,
            } => {
                let start = *pos;
                loop {
                    buf.clear();
                    let n = rdr
                        .read_until(b'\n', buf)
                        .with_context(|| format!("{}: cannot read", path.display()))?;
                    if n == 0 {
                        return Ok(None);
                    }
                    *line += 1;
                    *pos += n as u64;
                    let text = buf.trim_ascii();
                    if text.is_empty() {
                        continue;
                    }
                    if *objects == 0 && *nonblank == 0 && text.starts_with(b"[") {
                        bail!(
                            "{}: a JSON array; expected JSON lines (one object per line)",
                            path.display()
                        );
                    }
                    *nonblank += 1;
                    let input = match serde_json::from_slice::<Value>(text) {
                        Err(e) => Err(format!("malformed JSON: {e}")),
                        Ok(Value::Object(o)) => {
                            *objects += 1;
                            from_object(&o, columns, keyed)
                        }
                        Ok(_) => Err("not a JSON object".to_string()),
                    };
                    return Ok(Some(Item {
                        line: *line,
                        bytes: *pos - start,
                        input,
                    }));
                }
            }
        }
    }

    /// After the first chunk of JSON lines: fail when objects were read but none had a name or
    /// id key (a wrong or missing column mapping, not bad rows).
    fn check_keys(&self, path: &Path) -> anyhow::Result<()> {
        if let Source::Jsonl {
            columns,
            objects,
            keyed,
            ..
        } = self
            && *objects > 0
            && !keyed
        {
            bail!(
                "{}: no name key (looked for {}) and no id key (looked for {}) in the first \
                 {objects} objects; name one with --columns name=KEY",
                path.display(),
                columns.looked_for(NAME),
                columns.looked_for(ID)
            );
        }
        Ok(())
    }
}

/// The values of a JSON object; a value is a string, a number, or (for birth dates, countries
/// and ids) an array of them or a string separated by `;`.
fn from_object(
    o: &Map<String, Value>,
    columns: &Columns,
    keyed: &mut bool,
) -> Result<Input, String> {
    let get = |f: usize| -> Option<(&String, &Value)> {
        columns.candidates[f]
            .iter()
            .find_map(|c| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(c)))
    };
    if get(NAME).is_some() || get(ID).is_some() {
        *keyed = true;
    }
    let single = |f: usize| -> Result<Option<String>, String> {
        match get(f) {
            None | Some((_, Value::Null)) => Ok(None),
            Some((_, Value::String(s))) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Some((_, v @ (Value::Number(_) | Value::Bool(_)))) => Ok(Some(v.to_string())),
            Some((k, _)) => Err(format!("`{k}`: expected a string")),
        }
    };
    let multi = |f: usize| -> Result<Vec<String>, String> {
        let scalar = |k: &str, v: &Value| -> Result<Vec<String>, String> {
            match v {
                Value::Null => Ok(Vec::new()),
                Value::String(s) => Ok(split_multi(s)),
                Value::Number(n) => Ok(vec![n.to_string()]),
                _ => Err(format!("`{k}`: expected a string or an array of strings")),
            }
        };
        match get(f) {
            None => Ok(Vec::new()),
            Some((k, Value::Array(a))) => a.iter().try_fold(Vec::new(), |mut acc, v| {
                acc.extend(scalar(k, v)?);
                Ok(acc)
            }),
            Some((k, v)) => scalar(k, v),
        }
    };
    Ok(Input {
        name: single(NAME)?,
        schema: single(SCHEMA)?,
        birth_dates: multi(BIRTH_DATE)?,
        countries: multi(COUNTRY)?,
        ids: multi(ID)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Screening and writing.

/// Screen one row; the error is the reason it is rejected, naming the input column.
fn screen_row(
    screener: &Screener,
    input: &Input,
    default_schema: Option<&str>,
    labels: &[String; 5],
    limit: usize,
    threshold: f64,
    explain: bool,
) -> Result<Vec<Hit>, String> {
    let schema = input.schema.as_deref().or(default_schema);
    let query = build_query(
        input.name.as_deref(),
        schema,
        &input.birth_dates,
        &input.countries,
        &input.ids,
    )
    .map_err(|e| {
        // The messages of `build_query` name command-line options; name the columns instead.
        let msg = format!("{e:#}");
        if msg.starts_with("give a NAME") {
            return format!("empty {} and no {}", labels[NAME], labels[ID]);
        }
        msg.replace("--birth-date `", &format!("{} `", labels[BIRTH_DATE]))
            .replace("--country `", &format!("{} `", labels[COUNTRY]))
            .replace("--id `", &format!("{} `", labels[ID]))
    })?;
    Ok(screener.screen_with(&query, limit, threshold, explain))
}

enum Sink {
    Csv(Box<csv::Writer<File>>),
    Jsonl(BufWriter<File>),
}

impl Sink {
    fn create(path: &Path, format: Format) -> anyhow::Result<Sink> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(file);
                w.write_record([
                    "line",
                    "input_name",
                    "match",
                    "score",
                    "entity_id",
                    "caption",
                    "schema",
                    "datasets",
                    "top_matches",
                ])?;
                Sink::Csv(Box::new(w))
            }
            Format::Jsonl => Sink::Jsonl(BufWriter::new(file)),
        })
    }

    fn write(
        &mut self,
        screener: &Screener,
        line: u64,
        input: &Input,
        default_schema: Option<&str>,
        hits: &[Hit],
    ) -> anyhow::Result<()> {
        let any_match = hits.iter().any(|h| h.is_match);
        match self {
            Sink::Csv(w) => {
                let top: Vec<Value> = hits
                    .iter()
                    .map(|h| {
                        json!({"id": screener.entities[h.entity].id,
                               "caption": screener.caption(h.entity), "score": h.score})
                    })
                    .collect();
                let (score, id, caption, schema, datasets) = match hits.first() {
                    Some(h) => {
                        let e = &screener.entities[h.entity];
                        (
                            format!("{:.3}", h.score),
                            e.id.to_string(),
                            screener.caption(h.entity).to_string(),
                            e.schema.to_string(),
                            e.datasets.join(";"),
                        )
                    }
                    None => Default::default(),
                };
                w.write_record([
                    line.to_string(),
                    input.name.clone().unwrap_or_default(),
                    any_match.to_string(),
                    score,
                    id,
                    caption,
                    schema,
                    datasets,
                    serde_json::to_string(&top)?,
                ])?;
            }
            Sink::Jsonl(w) => {
                let results: Vec<Value> = hits
                    .iter()
                    .map(|h| {
                        let e = &screener.entities[h.entity];
                        json!({
                            "id": e.id, "caption": screener.caption(h.entity), "schema": e.schema,
                            "score": h.score, "match": h.is_match, "datasets": e.datasets,
                            "referents": e.referents, "explanations": h.explanations,
                        })
                    })
                    .collect();
                let mut input = input.json();
                if input["schema"].is_null()
                    && let Some(s) = default_schema
                {
                    input["schema"] = json!(s);
                }
                let row = json!({"line": line, "input": input, "match": any_match,
                                 "results": results});
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Jsonl(mut w) => w.flush(),
        }
    }
}

/// A bar over the input bytes with the rows screened, their rate and the alerts; hidden when
/// stderr is not a terminal.
fn progress_bar(total_bytes: u64, rows: &Arc<AtomicU64>, alerts: &Arc<AtomicU64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    let (r1, r2, a) = (rows.clone(), rows.clone(), alerts.clone());
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {percent:>3}%  {rows} rows  {rate} rows/s  {alerts} \
         alerts  ETA {eta}",
    )
    .expect("valid template")
    .progress_chars("=> ")
    .with_key(
        "rows",
        move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", r1.load(Ordering::Relaxed));
        },
    )
    .with_key(
        "rate",
        move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let secs = s.elapsed().as_secs_f64();
            let rate = if secs > 0.0 {
                r2.load(Ordering::Relaxed) as f64 / secs
            } else {
                0.0
            };
            let _ = write!(w, "{rate:.0}");
        },
    )
    .with_key(
        "alerts",
        move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", a.load(Ordering::Relaxed));
        },
    );
    pb.set_style(style);
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

/// A row's outcome: its results, or why it was rejected.
type Outcome = Result<Vec<Hit>, String>;

/// What the summary counts: rows read, screened and alerting, and the rows rejected.
#[derive(Default)]
struct Tally {
    rows: u64,
    screened: u64,
    alerts: u64,
    /// The first [`SUMMARY_REJECTED`] rejected rows with their reasons.
    rejected: Vec<(u64, String)>,
    rejected_count: u64,
}

impl Tally {
    /// Count a row's outcome; a rejected row is reported on stderr. Returns the row's input
    /// and results when it was screened.
    fn count<'a>(
        &mut self,
        item: &'a Item,
        outcome: Outcome,
        path: &Path,
        pb: &ProgressBar,
    ) -> anyhow::Result<Option<(&'a Input, Vec<Hit>)>> {
        self.rows += 1;
        match (outcome, &item.input) {
            (Ok(hits), Ok(input)) => {
                self.screened += 1;
                if hits.iter().any(|h| h.is_match) {
                    self.alerts += 1;
                }
                Ok(Some((input, hits)))
            }
            (Ok(_), Err(_)) => bail!("line {}: a row that cannot be read was screened", item.line),
            (Err(reason), _) => {
                pb.suspend(|| eprintln!("{}:{}: rejected: {reason}", path.display(), item.line));
                self.rejected_count += 1;
                if self.rejected.len() < SUMMARY_REJECTED {
                    self.rejected.push((item.line, reason));
                }
                Ok(None)
            }
        }
    }
}

fn read_chunk(source: &mut Source, path: &Path, size: usize) -> anyhow::Result<Vec<Item>> {
    let mut chunk = Vec::with_capacity(size.min(65_536));
    while chunk.len() < size {
        match source.next(path)? {
            Some(item) => chunk.push(item),
            None => break,
        }
    }
    Ok(chunk)
}

/// The screener over the imported lists, and the list versions screened against.
fn load(dir: &Path) -> anyhow::Result<(Screener, Vec<Value>)> {
    let opened = super::open::screener(dir)?;
    let versions = super::open::versions(&opened.manifest);
    Ok((opened.screener, versions))
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    if args.chunk_size == 0 {
        bail!("--chunk-size must be at least 1");
    }
    if let Some(s) = &args.schema {
        s.parse::<Schema>()
            .with_context(|| format!("--schema `{s}`"))?;
    }
    let columns = Columns::parse(args.columns.as_deref())?;
    let in_format = match args.format.or_else(|| Format::from_path(&args.input)) {
        Some(f) => f,
        None => bail!(
            "{}: cannot tell the format from the extension (.csv, .jsonl, .ndjson, .json); \
             give --format csv|jsonl",
            args.input.display()
        ),
    };
    let Some(out_format) = Format::from_path(&args.output) else {
        bail!(
            "{}: cannot tell the output format from the extension; use .csv or .jsonl",
            args.output.display()
        );
    };
    if args.output.exists()
        && let (Ok(a), Ok(b)) = (args.input.canonicalize(), args.output.canonicalize())
        && a == b
    {
        bail!("the output {} is the input file", args.output.display());
    }
    if let Some(parent) = args.output.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        bail!(
            "cannot create {}: no folder {}",
            args.output.display(),
            parent.display()
        );
    }
    let total_bytes = std::fs::metadata(&args.input)
        .with_context(|| format!("cannot open {}", args.input.display()))?
        .len();
    let (mut source, labels) = Source::open(&args.input, in_format, columns)?;
    // Read the first chunk before loading the lists, so that a wrong file fails fast.
    let mut chunk = read_chunk(&mut source, &args.input, args.chunk_size)?;
    source.check_keys(&args.input)?;

    let load_start = Instant::now();
    let spinner = if std::io::stderr().is_terminal() {
        let s = ProgressBar::new_spinner();
        s.set_message(format!("loading the lists from {}", dir.display()));
        s.enable_steady_tick(Duration::from_millis(100));
        s
    } else {
        ProgressBar::hidden()
    };
    let loaded = load(dir);
    spinner.finish_and_clear();
    let (mut screener, versions) = loaded?;
    screener.exhaustive = args.exhaustive;
    let load_secs = load_start.elapsed().as_secs_f64();
    let mut sink = Sink::create(&args.output, out_format)?;

    let start = Instant::now();
    let rows_done = Arc::new(AtomicU64::new(0));
    let alerts_done = Arc::new(AtomicU64::new(0));
    let pb = progress_bar(total_bytes, &rows_done, &alerts_done);
    let default_schema = args.schema.as_deref();
    // CSV output shows scores only; JSON lines carry each result's explanations.
    let explain = matches!(out_format, Format::Jsonl);
    let mut tally = Tally::default();
    let screen_chunk = |chunk: &[Item]| -> Vec<Outcome> {
        chunk
            .par_iter()
            .map(|item| {
                let out = item.input.as_ref().map_err(Clone::clone).and_then(|input| {
                    screen_row(
                        &screener,
                        input,
                        default_schema,
                        &labels,
                        args.limit,
                        args.threshold,
                        explain,
                    )
                });
                rows_done.fetch_add(1, Ordering::Relaxed);
                pb.inc(item.bytes);
                out
            })
            .collect()
    };
    let mut write_chunk = |chunk: &[Item], outcomes: Vec<Outcome>| -> anyhow::Result<()> {
        for (item, outcome) in chunk.iter().zip(outcomes) {
            if let Some(input) = tally.count(item, outcome, &args.input, &pb)? {
                if input.1.iter().any(|h| h.is_match) {
                    alerts_done.fetch_add(1, Ordering::Relaxed);
                }
                sink.write(&screener, item.line, input.0, default_schema, &input.1)
                    .with_context(|| format!("cannot write {}", args.output.display()))?;
            }
        }
        Ok(())
    };
    // Each chunk is screened on every core while this thread writes the chunk before it and
    // reads the one after it: the cores never wait for the files.
    let mut screened_chunk: Option<(Vec<Item>, Vec<Outcome>)> = None;
    while !chunk.is_empty() {
        let (outcomes, written, next) = std::thread::scope(|s| {
            let screening = s.spawn(|| screen_chunk(&chunk));
            let written = match screened_chunk.take() {
                Some((done, outcomes)) => write_chunk(&done, outcomes),
                None => Ok(()),
            };
            let next = read_chunk(&mut source, &args.input, args.chunk_size);
            (screening.join(), written, next)
        });
        let outcomes = outcomes.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        match next {
            Ok(next) => {
                screened_chunk = Some((std::mem::replace(&mut chunk, next), outcomes));
            }
            Err(e) => {
                // What was screened is written, as when chunks were read one after another.
                write_chunk(&chunk, outcomes)?;
                return Err(e);
            }
        }
    }
    if let Some((done, outcomes)) = screened_chunk {
        write_chunk(&done, outcomes)?;
    }
    let Tally {
        rows,
        screened,
        alerts,
        rejected,
        rejected_count,
    } = tally;
    sink.finish()
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    pb.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    let rate = if secs > 0.0 { rows as f64 / secs } else { 0.0 };

    let mut text = format!(
        "{}: {rows} rows, {screened} screened, {alerts} alerts, {rejected_count} rejected in \
         {secs:.1} s ({rate:.0} rows/s; lists loaded in {load_secs:.1} s) -> {}",
        args.input.display(),
        args.output.display()
    );
    if rejected_count > 0 {
        let _ = write!(
            text,
            "\nrejected rows{}:",
            if rejected_count > SUMMARY_REJECTED as u64 {
                format!(" (first {SUMMARY_REJECTED})")
            } else {
                String::new()
            }
        );
        for (line, reason) in &rejected {
            let _ = write!(text, "\n  line {line}: {reason}");
        }
    }
    eprintln!("{text}");
    if args.json_summary {
        let summary = json!({
            "input": args.input.display().to_string(),
            "output": args.output.display().to_string(),
            "input_format": in_format.name(), "output_format": out_format.name(),
            "algorithm": ALGORITHM, "threshold": args.threshold, "limit": args.limit,
            "lists": versions,
            "rows": rows, "screened": screened, "alerts": alerts, "rejected": rejected_count,
            "rejected_rows": rejected.iter().map(|(line, reason)| json!({"line": line, "reason": reason})).collect::<Vec<_>>(),
            "load_seconds": load_secs, "seconds": secs, "rows_per_second": rate,
        });
        println!("{}", serde_json::to_string_pretty(&summary)?);
    }
    Ok(if alerts > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
