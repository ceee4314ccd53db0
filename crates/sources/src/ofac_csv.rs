//! Parser: OFAC legacy CSV — `sdn.csv` (+ `add.csv`, `alt.csv`, `sdn_comments.csv`) or the
//! consolidated list's `cons_prim.csv` (+ `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv`).
//!
//! No header; `-0-` (often with a trailing space) means empty; files may end with a 0x1A byte.
//! The primary file is read first and its records pushed; companion rows are then attached by
//! `ent_num` (an unknown one is a warning). Remarks are read last, once `sdn_comments.csv` has
//! continued the ones OFAC cut at 1,000 characters (the continuation may start mid-word).

use crate::context::Warning;
use crate::{SourceContext, SourceError};
use interdict_model::{
    Address, IdKind, Identifier, Link, LinkKind, NameKind, Record, Sanction, Schema,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// OFAC cuts the Remarks column at this many characters.
const REMARKS_LIMIT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Primary,
    Comments,
    Alt,
    Add,
}

fn role_of(path: &Path) -> Role {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".gz")
        .unwrap_or(&name)
        .trim_end_matches(".csv")
        .trim_end_matches(".txt");
    let stem = stem.strip_prefix("cons_").unwrap_or(stem);
    match stem {
        "add" => Role::Add,
        "alt" => Role::Alt,
        "sdn_comments" | "comments" => Role::Comments,
        _ => Role::Primary,
    }
}

/// A primary row whose remarks wait for their continuation.
struct Pending {
    /// Index into `ctx.records`.
    index: usize,
    ent_num: String,
    remarks: String,
    cut: bool,
    continued: bool,
}

struct State {
    pending: Vec<Pending>,
    /// ent_num -> index into `pending`.
    by_ent: HashMap<String, usize>,
    list: &'static str,
}

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    let mut ordered: Vec<(Role, &PathBuf)> = files.iter().map(|f| (role_of(f), f)).collect();
    ordered.sort_by_key(|(r, _)| *r);
    let Some(first) = files.first() else {
        return Ok(());
    };
    if !ordered.iter().any(|(r, _)| *r == Role::Primary) {
        return Err(SourceError::malformed(
            first,
            "files",
            "OFAC CSV companion files without their primary file (sdn.csv or cons_prim.csv)",
        ));
    }
    let list = if ctx.dataset.contains("cons") {
        "Consolidated"
    } else {
        "SDN"
    };
    let mut st = State {
        pending: Vec::new(),
        by_ent: HashMap::new(),
        list,
    };
    let mut primary_file = String::new();
    for (role, path) in ordered {
        ctx.begin_file(path)?;
        match role {
            Role::Primary => {
                primary_file = ctx.file().to_string();
                read_rows(path, ctx, 12, |ctx, line, f| {
                    primary_row(ctx, &mut st, line, f)
                })?;
            }
            Role::Comments => read_rows(path, ctx, 2, |ctx, line, f| {
                comment_row(ctx, &mut st, line, f)
            })?,
            Role::Alt => read_rows(path, ctx, 5, |ctx, line, f| alt_row(ctx, &st, line, f))?,
            Role::Add => read_rows(path, ctx, 6, |ctx, line, f| add_row(ctx, &st, line, f))?,
        }
    }
    for p in st.pending {
        let Some(record) = ctx.records.get_mut(p.index) else {
            continue;
        };
        let truncated = p.cut && !p.continued;
        let mut warnings = Vec::new();
        if !p.remarks.is_empty() {
            warnings = crate::ofac_remarks::parse_remarks(&p.remarks, record, truncated).warnings;
        }
        for message in warnings {
            ctx.warnings.push(Warning {
                file: primary_file.clone(),
                location: format!("record {}", p.ent_num),
                message,
            });
        }
    }
    Ok(())
}

/// A field's text: `-0-` and blanks become empty.
fn value(field: &str) -> &str {
    let t = field.trim();
    if t == "-0-" { "" } else { t }
}

/// Decode a field: UTF-8 when valid, else Latin-1 (OFAC files are ASCII; older ones Latin-1).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// Stream the rows of one header-less CSV file. Rows with the wrong number of fields are
/// reported (primary rows skipped); a short row at the very end means the file was cut off.
fn read_rows(
    path: &Path,
    ctx: &mut SourceContext,
    expected: usize,
    mut on_row: impl FnMut(&mut SourceContext, u64, Vec<String>),
) -> Result<(), SourceError> {
    let reader = crate::input::open(path)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut rec = csv::ByteRecord::new();
    let mut short: Option<(u64, usize)> = None;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(SourceError::csv(path, &e)),
        }
        let line = rec.position().map_or(0, |p| p.line());
        let mut fields: Vec<String> = rec.iter().map(decode).collect();
        if let Some(last) = fields.last_mut()
            && last.ends_with('\u{1a}')
        {
            let keep = last.trim_end_matches('\u{1a}').len();
            last.truncate(keep);
        }
        if fields.iter().all(|f| {
            f.trim_matches(|c: char| c == '\u{1a}' || c.is_whitespace())
                .is_empty()
        }) {
            continue;
        }
        if let Some((l, n)) = short.take() {
            bad_row(ctx, expected, l, n);
        }
        // Tolerate extra empty trailing fields (a trailing comma).
        while fields.len() > expected && fields.last().is_some_and(|f| value(f).is_empty()) {
            fields.pop();
        }
        if fields.len() < expected {
            short = Some((line, fields.len()));
            continue;
        }
        if fields.len() > expected {
            bad_row(ctx, expected, line, fields.len());
            continue;
        }
        on_row(ctx, line, fields);
    }
    if let Some((l, n)) = short {
        return Err(SourceError::malformed(
            path,
            format!("line {l}"),
            format!("file ends inside a row ({n} of {expected} fields): truncated file?"),
        ));
    }
    Ok(())
}

fn bad_row(ctx: &mut SourceContext, expected: usize, line: u64, n: usize) {
    let msg = format!("row has {n} fields, expected {expected}; row left out");
    if expected == 12 {
        ctx.skip(format!("line {line}"), msg);
    } else {
        ctx.warn(format!("line {line}"), msg);
    }
}

/// Legal forms that make an OFAC entity a company rather than another organisation, written
/// without their periods (`S.A.` -> `SA`, `L.L.C` -> `LLC`).
const LEGAL_FORMS: &[&str] = &[
    "LLC",
    "LTD",
    "LIMITED",
    "CO",
    "COMPANY",
    "CORP",
    "CORPORATION",
    "INC",
    "INCORPORATED",
    "SA",
    "SAS",
    "SARL",
    "SL",
    "SRL",
    "SPA",
    "SAC",
    "SAL",
    "SACI",
    "SAPI",
    "SAOG",
    "SAOC",
    "WLL",
    "GMBH",
    "AG",
    "OOO",
    "OAO",
    "ZAO",
    "AO",
    "PAO",
    "JSC",
    "PJSC",
    "OJSC",
    "CJSC",
    "PLC",
    "LLP",
    "BV",
    "NV",
    "FZE",
    "FZCO",
    "FZC",
    "FZ-LLC",
    "DMCC",
    "PTE",
    "PVT",
    "BHD",
    "KFT",
    "DOO",
    "EOOD",
    "OOD",
    "AD",
    "SIRKETI",
    "LTDA",
    "CIA",
    "CA",
    "CV",
    "RL",
    "EIRL",
    "SPZOO",
    "TOO",
    "TOV",
    "PT",
    "KK",
    "OY",
    "SCI",
    "COMPANIA",
    "EMPRESA",
    "SOCIEDAD",
    "AKTSIONERNOE",
    "AKTSIONERNOYE",
    "OBSHCHESTVO",
    "TOVARYSTVO",
    "ENTERPRISE",
    "ENTERPRISES",
];

/// Forms only recognised with their punctuation (the bare letters are common words).
const DOTTED_FORMS: &[&str] = &["A.S.", "A/S", "A.B.", "S.A", "S. A."];

/// Phrases of legal forms written out.
const LEGAL_PHRASES: &[&str] = &[
    "JOINT STOCK",
    "JOINT-STOCK",
    "LIMITED LIABILITY",
    "SOCIEDAD ANONIMA",
    "S. DE R.L.",
    "S. EN C.",
];

/// Whether an entity's name carries a company legal form (LLC, LTD, S.A., GMBH, OOO, JSC...).
pub fn has_legal_form(name: &str) -> bool {
    let upper = name.to_uppercase();
    if LEGAL_PHRASES.iter().any(|p| upper.contains(p)) {
        return true;
    }
    upper
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '"' | ';'))
        .filter(|t| !t.is_empty())
        .any(|t| {
            let bare: String = t.chars().filter(|&c| c != '.').collect();
            LEGAL_FORMS.contains(&bare.as_str()) || DOTTED_FORMS.contains(&t)
        })
}

fn schema_of(sdn_type: &str, name: &str) -> Option<Schema> {
    match value(sdn_type).to_ascii_lowercase().as_str() {
        "individual" => Some(Schema::Person),
        "vessel" => Some(Schema::Vessel),
        "aircraft" => Some(Schema::Airplane),
        "" | "entity" => Some(if has_legal_form(name) {
            Schema::Company
        } else {
            Schema::Organization
        }),
        _ => None,
    }
}

/// `SDGT] [IFSR` -> [SDGT, IFSR].
fn programs(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in value(raw).split("] [") {
        let p = p.trim().trim_matches(['[', ']']).trim();
        if !p.is_empty() && p != "-0-" {
            Record::push_unique(&mut out, p);
        }
    }
    out
}

fn primary_row(ctx: &mut SourceContext, st: &mut State, line: u64, f: Vec<String>) {
    let ent_num = value(&f[0]).to_string();
    if ent_num.is_empty() || !ent_num.chars().all(|c| c.is_ascii_digit()) {
        ctx.skip(
            format!("line {line}"),
            format!("ent_num `{ent_num}` is not a number; row left out"),
        );
        return;
    }
    // A repeated ent_num (a defect) keeps its row under a suffixed id; companion rows with
    // that ent_num go to the first record.
    let mut record_id = ent_num.clone();
    let mut n = 1;
    while st.by_ent.contains_key(&record_id) {
        n += 1;
        record_id = format!("{ent_num}-{n}");
    }
    if n > 1 {
        ctx.warn(
            format!("line {line}"),
            format!("duplicate ent_num {ent_num}; row kept as record {record_id}"),
        );
    }
    let ent_num = record_id;
    let loc = format!("record {ent_num}");
    let name = value(&f[1]);
    let schema = match schema_of(&f[2], name) {
        Some(s) => s,
        None => {
            ctx.warn(
                &loc,
                format!("unknown SDN_Type `{}`; read as LegalEntity", value(&f[2])),
            );
            Schema::LegalEntity
        }
    };
    let mut r = Record::new(&ctx.dataset, &ent_num, schema);
    if !r.add_name(name, NameKind::Primary) {
        ctx.warn(&loc, "record has no name");
    }
    if schema == Schema::Person {
        match name.split_once(',') {
            Some((last, given)) => {
                Record::push_unique(&mut r.name_parts.last, last.trim());
                Record::push_unique(&mut r.name_parts.first, given.trim());
            }
            None => Record::push_unique(&mut r.name_parts.last, name.trim()),
        }
    }
    r.sanctions.push(Sanction {
        authority: "OFAC".into(),
        list: Some(st.list.to_string()),
        programs: programs(&f[3]),
        ..Sanction::default()
    });
    let title = value(&f[4]);
    if !title.is_empty() {
        Record::push_unique(&mut r.positions, title);
    }
    let call_sign = value(&f[5]);
    if !call_sign.is_empty() {
        r.add_identifier(Identifier::new(IdKind::CallSign, call_sign));
    }
    r.add_property("vesselType", value(&f[6]));
    r.add_property("tonnage", value(&f[7]));
    r.add_property("grossRegisteredTonnage", value(&f[8]));
    let flag = value(&f[9]);
    if !flag.is_empty() && !crate::ofac_remarks::is_unknown_place(flag) {
        match crate::ofac_remarks::to_country(flag) {
            Some(c) => Record::push_unique(&mut r.flags, c),
            None => {
                ctx.warn(&loc, format!("unknown vessel flag `{flag}`"));
                r.add_property("flag", flag);
            }
        }
    }
    let owner = value(&f[10]);
    if !owner.is_empty() {
        r.links.push(Link {
            kind: LinkKind::OwnedBy,
            target_name: owner.to_string(),
            target_id: None,
        });
    }
    let remarks = value(&f[11]).to_string();
    // Keep the raw field (with its trailing space) for the continuation: OFAC cuts at exactly
    // 1,000 characters and the comment row goes on from there.
    let raw_remarks = if remarks.is_empty() {
        String::new()
    } else {
        f[11].clone()
    };
    let cut = raw_remarks.chars().count() >= REMARKS_LIMIT;
    ctx.push(r);
    let index = ctx.records.len() - 1;
    st.by_ent.insert(ent_num.clone(), st.pending.len());
    st.pending.push(Pending {
        index,
        ent_num,
        remarks: raw_remarks,
        cut,
        continued: false,
    });
}

/// The record an ent_num refers to, or a warning.
fn lookup(
    ctx: &mut SourceContext,
    by_ent: &HashMap<String, usize>,
    line: u64,
    ent: &str,
    what: &str,
) -> Option<usize> {
    let found = by_ent.get(value(ent)).copied();
    if found.is_none() {
        ctx.warn(
            format!("line {line}"),
            format!("{what} row for unknown ent_num `{}` left out", value(ent)),
        );
    }
    found
}

fn comment_row(ctx: &mut SourceContext, st: &mut State, line: u64, f: Vec<String>) {
    let Some(i) = lookup(ctx, &st.by_ent, line, &f[0], "comments") else {
        return;
    };
    if let Some(p) = st.pending.get_mut(i) {
        let text = &f[1];
        if value(text).is_empty() {
            return;
        }
        p.remarks.push_str(text);
        p.continued = true;
    }
}

fn alt_row(ctx: &mut SourceContext, st: &State, line: u64, f: Vec<String>) {
    let Some(i) = lookup(ctx, &st.by_ent, line, &f[0], "alias") else {
        return;
    };
    let Some(index) = st.pending.get(i).map(|p| p.index) else {
        return;
    };
    let alt_type = value(&f[2]).to_ascii_lowercase();
    let kind = match alt_type.trim_end_matches('.').replace('.', "").as_str() {
        "aka" | "nka" => NameKind::Alias,
        "fka" => NameKind::FormerName,
        _ => {
            ctx.warn(
                format!("line {line}"),
                format!("unknown alias type `{alt_type}`; read as a.k.a."),
            );
            NameKind::Alias
        }
    };
    let name = value(&f[3]);
    let remarks = value(&f[4]);
    let Some(r) = ctx.records.get_mut(index) else {
        return;
    };
    let added = r.add_name(name, kind);
    if !remarks.is_empty() {
        Record::push_unique(&mut r.remarks, format!("{name}: {remarks}"));
    }
    if !added {
        let msg = if name.is_empty() {
            "empty alias".to_string()
        } else {
            format!("alias `{name}` repeats a name of the record")
        };
        ctx.warn(format!("line {line}"), msg);
    }
}

fn add_row(ctx: &mut SourceContext, st: &State, line: u64, f: Vec<String>) {
    let Some(i) = lookup(ctx, &st.by_ent, line, &f[0], "address") else {
        return;
    };
    let Some(index) = st.pending.get(i).map(|p| p.index) else {
        return;
    };
    let street = value(&f[2]);
    let city = value(&f[3]);
    let country_raw = value(&f[4]);
    let remarks = value(&f[5]);
    let country = if country_raw.is_empty() || crate::ofac_remarks::is_unknown_place(country_raw) {
        None
    } else {
        let c = crate::ofac_remarks::to_country(country_raw);
        if c.is_none() {
            ctx.warn(
                format!("line {line}"),
                format!("unknown address country `{country_raw}`"),
            );
        }
        c
    };
    let parts: Vec<&str> = [street, city, country_raw]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    let Some(r) = ctx.records.get_mut(index) else {
        return;
    };
    if !remarks.is_empty() {
        Record::push_unique(&mut r.remarks, remarks);
    }
    if parts.is_empty() {
        return;
    }
    let address = Address {
        full: parts.join(", "),
        city: (!city.is_empty()).then(|| city.to_string()),
        country,
    };
    if r.addresses.contains(&address) {
        ctx.warn(
            format!("line {line}"),
            format!("address `{}` repeats one of the record", address.full),
        );
        return;
    }
    r.addresses.push(address);
}
