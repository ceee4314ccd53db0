//! Parser: China's counter-sanctions (OpenSanctions' curated CSV of the decisions of the Ministry
//! of Foreign Affairs, the Ministry of Commerce and the Taiwan Affairs Office): Type, QID, Name,
//! Alias, Chinese name, Country, Topics, Summary, Chinese summary, Body, List, Date, End date,
//! Source URL, Address.
//!
//! Record id: the Wikidata QID when present, else `short_hash(Name)`. A row per decision: the
//! same person or company appears once per decision that names it (Marco Rubio in 2020-07 and
//! 2020-08; Lockheed Martin units on four lists). Rows with the same id are one record, each row
//! adding its `Sanction`: the 2026-08 file has 610 rows and 465 distinct ids.
//!
//! `Type` (Person / Organization / Company) gives the schema; `Chinese name` becomes an alias
//! tagged `zh`; aliases are `;`-separated. `Sanction.authority` is `China MFA` for every row, the
//! issuing body (`Body`) is kept in `Sanction.programs` and the decision's list name (or the body,
//! when the list is empty) in `Sanction.list`. Dates are `dd.mm.yyyy` or `dd.mm.yy`.

use crate::csv_common::{Cols, Row, add_name_lang, country_code, parse_date, split_multi};
use crate::{SourceContext, SourceError};
use interdict_model::canonical::short_hash;
use interdict_model::{Address, NameKind, Record, Sanction, Schema};
use std::path::PathBuf;

const REQUIRED: &[&str] = &["Type", "QID", "Name", "Chinese name", "Date"];

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    crate::csv_common::parse_merging_rows(files, ctx, REQUIRED, read_row)
}

fn read_row(row: &Row, cols: &Cols, ctx: &mut SourceContext) -> Option<Record> {
    let get = |name: &str| cols.get(row, name);
    let loc = row.location();
    let name = get("Name");
    let chinese = get("Chinese name");
    if interdict_model::name::clean_name(name).is_none()
        && interdict_model::name::clean_name(chinese).is_none()
    {
        ctx.skip(&loc, "row has no name");
        return None;
    }
    let schema = match get("Type").to_ascii_lowercase().as_str() {
        "person" => Schema::Person,
        "organization" | "organisation" => Schema::Organization,
        "company" => Schema::Company,
        "legalentity" => Schema::LegalEntity,
        "vessel" => Schema::Vessel,
        "airplane" => Schema::Airplane,
        other => {
            ctx.skip(&loc, format!("unsupported type `{other}` for `{name}`"));
            return None;
        }
    };
    let qid = get("QID");
    let id = if qid.is_empty() {
        short_hash(if name.is_empty() { chinese } else { name })
    } else {
        qid.to_string()
    };
    let mut r = Record::new(&ctx.dataset, &id, schema);
    if !qid.is_empty() {
        r.add_property("wikidataId", qid);
    }
    let primary_kind = if r.add_name(name, NameKind::Primary) {
        NameKind::Alias
    } else {
        NameKind::Primary
    };
    for v in split_multi(chinese) {
        add_name_lang(&mut r, &v, primary_kind, "zh");
    }
    for v in split_multi(get("Alias")) {
        r.add_name(&v, NameKind::Alias);
    }

    for v in split_multi(get("Country")) {
        match country_code(&v) {
            Some(c) => Record::push_unique(&mut r.countries, c),
            None => {
                ctx.warn(&loc, format!("unknown country `{v}`"));
                r.add_property("country", v);
            }
        }
    }
    for v in split_multi(get("Address")) {
        r.addresses.push(Address {
            full: v,
            city: None,
            country: None,
        });
    }
    for v in split_multi(get("Topics")) {
        r.add_property("topics", v);
    }
    for col in ["Summary", "Chinese summary"] {
        let v = get(col);
        if !v.is_empty() {
            Record::push_unique(&mut r.remarks, v);
        }
    }
    let url = get("Source URL");
    if !url.is_empty() {
        r.add_property("sourceUrl", url);
    }
    let date = get("Date");
    let listing_date = if date.is_empty() {
        None
    } else {
        match parse_date(date) {
            Ok(d) => Some(d),
            Err(e) => {
                ctx.warn(&loc, format!("unreadable Date `{date}`: {e}"));
                r.add_property("startDate", date);
                None
            }
        }
    };
    let end = get("End date");
    if !end.is_empty() {
        match parse_date(end) {
            Ok(d) => r.add_property("endDate", d.to_string()),
            Err(e) => {
                ctx.warn(&loc, format!("unreadable End date `{end}`: {e}"));
                r.add_property("endDate", end);
            }
        }
    }
    let body = get("Body");
    let list = match get("List") {
        "" => body,
        l => l,
    };
    r.sanctions.push(Sanction {
        authority: "China MFA".into(),
        list: (!list.is_empty()).then(|| list.to_string()),
        programs: if body.is_empty() {
            Vec::new()
        } else {
            vec![body.to_string()]
        },
        listing_date,
        references: if url.is_empty() {
            Vec::new()
        } else {
            vec![url.to_string()]
        },
        reason: None,
    });
    Some(r)
}
