//! Parser: UK derived CSV tables — normalised tables built from the UK Sanctions List CSV:
//! `subjects.csv` (one row per designation, the primary table) and the companions
//! `subject_names.csv`, `subject_dobs.csv`, `subject_identifiers.csv`, `subject_countries.csv`,
//! all keyed by `unique_id`. The files are one source; tables are recognised by their header
//! columns, not their file names.
//!
//! Record id: `unique_id` (e.g. `RUS2183`); its letter prefix is the regime (`RUS`, `DPR`, `IRN`,
//! ...) and becomes `Sanction.list`. `subject_type` individual / entity / ship → Person /
//! Company (entity whose name carries a legal form) or Organization / Vessel. A designation date
//! of 31/12/2020 marks an EU designation carried over at Brexit, noted in `Sanction.reason`.
//! Companion rows whose `unique_id` is not in `subjects.csv` are reported as warnings.

use crate::csv_common::{
    Cols, Row, Table, country_code, labelled_codes, leading_country, looks_like_company,
    parse_date, registration_kind, row_is_blank, tax_kind, width_problem,
};
use crate::{SourceContext, SourceError, Warning};
use interdict_model::date::PartialDate;
use interdict_model::{DateValue, IdKind, Identifier, NameKind, Record, Sanction, Schema};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

const BREXIT_CARRY_OVER: &str = "31/12/2020";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Subjects,
    Names,
    Dobs,
    Identifiers,
    Countries,
}

/// Which table a file is, from its header.
fn classify(path: &Path) -> Result<Option<Kind>, SourceError> {
    let t = Table::open(path, b',', &["unique_id"])?;
    Ok(if t.has("subject_type") {
        Some(Kind::Subjects)
    } else if t.has("name_type") {
        Some(Kind::Names)
    } else if t.has("precision") || t.has("year") {
        Some(Kind::Dobs)
    } else if t.has("identifier_type") {
        Some(Kind::Identifiers)
    } else if t.has("country_type") {
        Some(Kind::Countries)
    } else {
        None
    })
}

/// A companion row kept until its subject is built.
struct Pending {
    /// The file's path, shared by its rows.
    file: Rc<str>,
    line: u64,
    apply: Fact,
}

enum Fact {
    Name {
        kind: NameKind,
        full: String,
        parts: [String; 6],
    },
    Dob(DateValue),
    BadDob(String),
    Id(String, String, String),
    Country {
        kind: String,
        raw: String,
        iso: String,
    },
}

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    let mut subjects: Option<&PathBuf> = None;
    let mut companions: Vec<(&PathBuf, Kind)> = Vec::new();
    for f in files {
        match classify(f)? {
            Some(Kind::Subjects) => {
                if subjects.is_some() {
                    return Err(SourceError::malformed(
                        f,
                        "line 1",
                        "a second subjects table in one source",
                    ));
                }
                subjects = Some(f);
            }
            Some(t) => companions.push((f, t)),
            None => {
                ctx.begin_file(f)?;
                ctx.warn(
                    "line 1",
                    "not one of the UK tables (subjects, names, dobs, identifiers, countries); ignored",
                );
            }
        }
    }
    let Some(subjects) = subjects else {
        let first = files.first().cloned().unwrap_or_default();
        return Err(SourceError::malformed(
            first,
            "line 1",
            "subjects.csv (the primary table with unique_id, subject_type) is missing",
        ));
    };

    let mut pending: HashMap<String, Vec<Pending>> = HashMap::new();
    for (path, kind) in companions {
        ctx.begin_file(path)?;
        read_companion(path, kind, ctx, &mut pending)?;
    }

    ctx.begin_file(subjects)?;
    let mut table = Table::open(
        subjects,
        b',',
        &["unique_id", "subject_type", "date_designated"],
    )?;
    let cols = table.columns();
    let width = table.width();
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(row) = table.next_row()? {
        if row_is_blank(&row) {
            continue;
        }
        let loc = row.location();
        if let Some(p) = width_problem(&row, width) {
            ctx.warn(&loc, p);
        }
        let uid = cols.get(&row, "unique_id").to_string();
        if uid.is_empty() {
            ctx.skip(&loc, "row has no unique_id");
            continue;
        }
        if !seen.insert(uid.clone()) {
            ctx.skip(&loc, format!("unique_id `{uid}` repeats an earlier row"));
            continue;
        }
        let facts = pending.remove(&uid).unwrap_or_default();
        if let Some(r) = build(&row, &cols, &uid, facts, ctx) {
            ctx.push(r);
        }
    }

    // Companion rows without a subject.
    let mut orphans: Vec<(String, Pending)> = pending
        .into_iter()
        .flat_map(|(uid, ps)| ps.into_iter().map(move |p| (uid.clone(), p)))
        .collect();
    orphans.sort_by(|a, b| (&a.1.file, a.1.line).cmp(&(&b.1.file, b.1.line)));
    for (uid, p) in orphans {
        ctx.warnings.push(Warning {
            file: p.file.to_string(),
            location: format!("line {}", p.line),
            message: format!("unique_id `{uid}` is not in subjects.csv; row ignored"),
        });
    }
    Ok(())
}

fn read_companion(
    path: &Path,
    kind: Kind,
    ctx: &mut SourceContext,
    pending: &mut HashMap<String, Vec<Pending>>,
) -> Result<(), SourceError> {
    let required: &[&str] = match kind {
        Kind::Names => &["unique_id", "name_type", "full_name"],
        Kind::Dobs => &["unique_id", "year"],
        Kind::Identifiers => &["unique_id", "raw_value", "identifier_type"],
        Kind::Countries => &["unique_id", "raw_value", "country_type"],
        Kind::Subjects => &["unique_id"],
    };
    let mut table = Table::open(path, b',', required)?;
    let cols = table.columns();
    let width = table.width();
    let file: Rc<str> = path.display().to_string().into();
    while let Some(row) = table.next_row()? {
        if row_is_blank(&row) {
            continue;
        }
        let loc = row.location();
        if let Some(p) = width_problem(&row, width) {
            ctx.warn(&loc, p);
        }
        let uid = cols.get(&row, "unique_id");
        if uid.is_empty() {
            ctx.skip(&loc, "row has no unique_id");
            continue;
        }
        let fact = match kind {
            Kind::Names => name_fact(&row, &cols, ctx),
            Kind::Dobs => Some(dob_fact(&row, &cols)),
            Kind::Identifiers => {
                let raw = cols.get(&row, "raw_value");
                if raw.is_empty() {
                    ctx.skip(&loc, "identifier row without a value");
                    None
                } else {
                    Some(Fact::Id(
                        raw.to_string(),
                        cols.get(&row, "identifier_type").to_ascii_lowercase(),
                        cols.get(&row, "additional_info").to_string(),
                    ))
                }
            }
            Kind::Countries => Some(Fact::Country {
                kind: cols.get(&row, "country_type").to_ascii_lowercase(),
                raw: cols.get(&row, "raw_value").to_string(),
                iso: cols.get(&row, "iso").to_ascii_uppercase(),
            }),
            Kind::Subjects => None,
        };
        if let Some(apply) = fact {
            pending.entry(uid.to_string()).or_default().push(Pending {
                file: file.clone(),
                line: row.line,
                apply,
            });
        }
    }
    Ok(())
}

fn name_fact(row: &Row, cols: &Cols, ctx: &mut SourceContext) -> Option<Fact> {
    let loc = row.location();
    let name_type = cols.get(row, "name_type").to_ascii_lowercase();
    let strength = cols.get(row, "alias_strength").to_ascii_lowercase();
    let kind = match name_type.as_str() {
        "primary" => NameKind::Primary,
        "primary_variation" | "non_latin" | "non-latin" | "nonlatin" => NameKind::Alias,
        "alias" if strength.starts_with("low") || strength.starts_with("weak") => {
            NameKind::WeakAlias
        }
        "alias" => NameKind::Alias,
        "former" | "previous" | "former_name" => NameKind::FormerName,
        other => {
            ctx.warn(
                &loc,
                format!("unknown name_type `{other}`; read as an alias"),
            );
            NameKind::Alias
        }
    };
    let parts = ["name_1", "name_2", "name_3", "name_4", "name_5", "name_6"].map(|c| {
        cols.get(row, c)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut full = cols.get(row, "full_name").to_string();
    if full.is_empty() {
        full = parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
    }
    if interdict_model::name::clean_name(&full).is_none() {
        ctx.skip(&loc, "name row without a name");
        return None;
    }
    Some(Fact::Name { kind, full, parts })
}

fn dob_fact(row: &Row, cols: &Cols) -> Fact {
    let raw_y = cols.get(row, "year");
    let raw_m = cols.get(row, "month");
    let raw_d = cols.get(row, "day");
    let precision = cols.get(row, "precision").to_ascii_lowercase();
    let text = [raw_y, raw_m, raw_d]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("-");
    let year = raw_y.parse::<i32>().ok();
    let month = raw_m.parse::<u8>().ok();
    let day = raw_d.parse::<u8>().ok();
    let (month, day) = match precision.as_str() {
        "year_only" => (None, None),
        "month_year" => (month, None),
        _ => (month, day.filter(|_| month.is_some())),
    };
    match year.map(|y| PartialDate::new(y, month, day)) {
        Some(Ok(p)) => Fact::Dob(DateValue::from_partial(p)),
        _ => Fact::BadDob(if text.is_empty() {
            "(empty)".into()
        } else {
            text
        }),
    }
}

fn build(
    row: &Row,
    cols: &Cols,
    uid: &str,
    facts: Vec<Pending>,
    ctx: &mut SourceContext,
) -> Option<Record> {
    let loc = row.location();
    let subject_type = cols.get(row, "subject_type").to_ascii_lowercase();
    let primary_name = facts.iter().find_map(|p| match &p.apply {
        Fact::Name {
            kind: NameKind::Primary,
            full,
            ..
        } => Some(full.as_str()),
        _ => None,
    });
    let schema = match subject_type.as_str() {
        "individual" | "person" => Schema::Person,
        "ship" | "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        "entity" if primary_name.is_some_and(looks_like_company) => Schema::Company,
        "entity" => Schema::Organization,
        other => {
            ctx.skip(
                &loc,
                format!("unsupported subject_type `{other}` for {uid}"),
            );
            return None;
        }
    };
    let mut r = Record::new(&ctx.dataset, uid, schema);
    let mut warnings: Vec<(String, String, String)> = Vec::new();
    let mut has_primary = false;
    for p in facts {
        let here = |msg: String| (p.file.to_string(), format!("line {}", p.line), msg);
        match p.apply {
            Fact::Name { kind, full, parts } => {
                let kind = if kind == NameKind::Primary && has_primary {
                    NameKind::Alias
                } else {
                    kind
                };
                if r.add_name(&full, kind) && kind == NameKind::Primary {
                    has_primary = true;
                    if schema == Schema::Person {
                        let [n1, n2, n3, n4, n5, n6] = parts;
                        Record::push_unique(&mut r.name_parts.first, n1);
                        for m in [n2, n3, n4, n5] {
                            Record::push_unique(&mut r.name_parts.middle, m);
                        }
                        Record::push_unique(&mut r.name_parts.last, n6);
                    }
                }
            }
            Fact::Dob(d) => {
                if !r.birth_dates.contains(&d) {
                    r.birth_dates.push(d);
                }
            }
            Fact::BadDob(text) => {
                warnings.push(here(format!("unreadable date of birth `{text}`")));
                r.add_property("birthDate", text);
            }
            Fact::Id(value, kind, info) => add_identifier(&mut r, &value, &kind, &info),
            Fact::Country { kind, raw, iso } => {
                let code = if iso.len() == 2 {
                    Some(iso)
                } else {
                    country_code(&raw)
                };
                let Some(code) = code else {
                    warnings.push(here(format!("unknown country `{raw}` ({kind})")));
                    r.add_property("country", raw);
                    continue;
                };
                match kind.as_str() {
                    "birth" => {
                        Record::push_unique(&mut r.birth_places, raw);
                        r.add_property("birthCountry", code);
                    }
                    "nationality" => Record::push_unique(&mut r.nationalities, code),
                    "citizenship" => Record::push_unique(&mut r.citizenships, code),
                    "flag" => Record::push_unique(&mut r.flags, code),
                    _ => Record::push_unique(&mut r.countries, code),
                }
            }
        }
    }
    let mut said: HashSet<String> = HashSet::new();
    for (file, location, message) in warnings {
        if !said.insert(message.clone()) {
            continue;
        }
        ctx.warnings.push(Warning {
            file,
            location,
            message: format!("{uid}: {message}"),
        });
    }
    if r.names.is_empty() {
        ctx.warn(&loc, format!("{uid} has no name in subject_names.csv"));
    } else if !has_primary {
        ctx.warn(&loc, format!("{uid} has no primary name"));
    }

    let un_ref = cols.get(row, "un_reference_number");
    if !un_ref.is_empty() {
        r.add_identifier(Identifier::new(IdKind::UnReference, un_ref));
    }
    let group = cols.get(row, "ofsi_group_id");
    if !group.is_empty() {
        r.add_property("ofsiGroupId", group);
    }
    let updated = cols.get(row, "last_updated");
    if !updated.is_empty() {
        match parse_date(updated) {
            Ok(d) => r.add_property("modifiedAt", d.to_string()),
            Err(e) => {
                ctx.warn(&loc, format!("unreadable last_updated `{updated}`: {e}"));
                r.add_property("modifiedAt", updated);
            }
        }
    }
    let designated = cols.get(row, "date_designated");
    let listing_date = if designated.is_empty() {
        None
    } else {
        match parse_date(designated) {
            Ok(d) => Some(d),
            Err(e) => {
                ctx.warn(
                    &loc,
                    format!("unreadable date_designated `{designated}`: {e}"),
                );
                r.add_property("startDate", designated);
                None
            }
        }
    };
    let regime: String = uid.chars().take_while(char::is_ascii_alphabetic).collect();
    r.sanctions.push(Sanction {
        authority: "UK".into(),
        list: (!regime.is_empty()).then_some(regime),
        programs: Vec::new(),
        listing_date,
        references: vec![uid.to_string()],
        reason: (designated == BREXIT_CARRY_OVER).then(|| {
            "designation date 31/12/2020: carried over from the EU list at Brexit, not a new \
             UK designation"
                .to_string()
        }),
    });
    Some(r)
}

/// Map an identifier row: `passport`, `national`, `business_registration_numbers` (free text with
/// labelled INN / OGRN / KPP / TIN codes), `imo` (a ship's IMO on ships, else a company IMO).
fn add_identifier(r: &mut Record, value: &str, kind: &str, info: &str) {
    let country = leading_country(info);
    let value = value.trim().trim_matches(['\'', '"']).trim();
    if labelled_codes(info).iter().any(|(l, _)| *l == "INN") || info.trim() == "INN" {
        let k = tax_kind(value, Some("RU"));
        r.add_identifier(Identifier::new(k, value).with_country(country));
        return;
    }
    match kind {
        "passport" => {
            r.add_identifier(Identifier::new(IdKind::Passport, value).with_country(country))
        }
        "national" | "national_id" => {
            r.add_identifier(Identifier::new(IdKind::NationalId, value).with_country(country))
        }
        "imo" | "ship" => {
            let k = if r.schema == Schema::Vessel {
                IdKind::VesselImo
            } else {
                IdKind::CompanyImo
            };
            r.add_identifier(Identifier::new(k, value));
        }
        "business_registration_numbers" | "registration" => {
            let codes = labelled_codes(value);
            if codes.is_empty() {
                let k = registration_kind(value, country.as_deref());
                r.add_identifier(Identifier::new(k, value).with_country(country));
                return;
            }
            for (label, digits) in codes {
                match label {
                    "INN" | "TIN" => {
                        let k = tax_kind(&digits, Some("RU"));
                        r.add_identifier(
                            Identifier::new(k, digits).with_country(Some("RU".into())),
                        );
                    }
                    "OGRN" => r.add_identifier(
                        Identifier::new(IdKind::Ogrn, digits).with_country(Some("RU".into())),
                    ),
                    _ => r.add_property("kppCode", digits),
                }
            }
        }
        _ => r.add_identifier(Identifier::new(IdKind::Other, value).with_country(country)),
    }
}
