//! Parser: BIS Denied Persons List (`dpl.txt`), tab-separated with quoted fields: Name,
//! Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
//! Standard_Order, Last_Update, Action, FR_Citation. Dates are month-first (`06/19/2003`),
//! `Last_Update` is ISO.
//!
//! The list has no stable id: the record id is `short_hash(name | street | city | state |
//! country | postal code | effective date)`. A row repeating an earlier row's key (the 2023-11
//! file has 2 exact duplicate rows: DAQING ZHOU, NEI-CHIEN CHU) is skipped with a warning naming
//! both lines, so 665 rows give 663 records.
//!
//! The list mixes people and firms without saying which: records are `LegalEntity` (FtM's
//! parent of Person, Company and Organization, compatible with all three in matching), or
//! `Company` when the name carries a legal form (`LTD`, `LLC`, `GMBH`...). A name without a legal
//! form is not evidence of a person (`AL NASER WINGS AIRLINES`).
//!
//! Impossible or implausible dates (the real typos `3033-09-30` and `1023-11-01` in
//! Last_Update; any year outside 1900–2100) give a warning naming the line; the record is kept
//! with the raw text in a property.

use crate::csv_common::{
    Cols, Row, Table, country_code, looks_like_company, parse_date, parse_us_date, row_is_blank,
    width_problem,
};
use crate::{SourceContext, SourceError};
use interdict_model::canonical::short_hash;
use interdict_model::{Address, NameKind, Record, Sanction, Schema};
use std::collections::HashMap;
use std::path::PathBuf;

const REQUIRED: &[&str] = &["Name", "Street_Address", "Country", "Effective_Date"];

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        let mut table = Table::open(path, b'\t', REQUIRED)?;
        let cols = table.columns();
        let width = table.width();
        let mut lines: HashMap<String, u64> = HashMap::new();
        while let Some(row) = table.next_row()? {
            if row_is_blank(&row) {
                continue;
            }
            let loc = row.location();
            if let Some(p) = width_problem(&row, width) {
                ctx.warn(&loc, p);
            }
            if row.lossy {
                ctx.warn(&loc, "invalid UTF-8 replaced");
            }
            let Some(r) = read_row(&row, &cols, ctx) else {
                continue;
            };
            if let Some(first) = lines.get(&r.id) {
                ctx.skip(
                    &loc,
                    format!(
                        "duplicate of line {first} (same name, address and effective date); \
                         left out"
                    ),
                );
                continue;
            }
            lines.insert(r.id.clone(), row.line);
            ctx.push(r);
        }
    }
    Ok(())
}

fn read_row(row: &Row, cols: &Cols, ctx: &mut SourceContext) -> Option<Record> {
    let get = |name: &str| cols.get(row, name);
    let loc = row.location();
    let name = get("Name");
    if interdict_model::name::clean_name(name).is_none() {
        ctx.skip(&loc, "row has no name");
        return None;
    }
    let street = get("Street_Address");
    let city = get("City");
    let state = get("State");
    let country_raw = get("Country");
    let postal = get("Postal_Code");
    let effective = get("Effective_Date");
    let key = [name, street, city, state, country_raw, postal, effective].join("|");
    let schema = if looks_like_company(name) {
        Schema::Company
    } else {
        Schema::LegalEntity
    };
    let mut r = Record::new(&ctx.dataset, &short_hash(&key), schema);
    r.add_name(name, NameKind::Primary);

    let country = if country_raw.is_empty() {
        None
    } else {
        match country_code(country_raw) {
            Some(c) => Some(c),
            None => {
                ctx.warn(&loc, format!("unknown country `{country_raw}`"));
                r.add_property("country", country_raw);
                None
            }
        }
    };
    if let Some(c) = &country {
        Record::push_unique(&mut r.countries, c.clone());
    }
    let full = [street, city, state, postal, country_raw]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if !full.is_empty() {
        r.addresses.push(Address {
            full,
            city: (!city.is_empty()).then(|| city.to_string()),
            country,
        });
    }

    let mut date = |col: &str, us: bool, r: &mut Record, prop: &str| -> Option<_> {
        let raw = get(col);
        if raw.is_empty() {
            return None;
        }
        let parsed = if us {
            parse_us_date(raw)
        } else {
            parse_date(raw)
        };
        match parsed {
            Ok(d) if (1900..=2100).contains(&d.from.year) => Some(d),
            Ok(d) => {
                ctx.warn(
                    &loc,
                    format!("{col} `{raw}` has an implausible year {}", d.from.year),
                );
                r.add_property(prop, raw);
                None
            }
            Err(e) => {
                ctx.warn(&loc, format!("{col} `{raw}` is not a valid date ({e})"));
                r.add_property(prop, raw);
                None
            }
        }
    };
    let listing_date = date("Effective_Date", true, &mut r, "startDate");
    if let Some(d) = date("Expiration_Date", true, &mut r, "endDate") {
        r.add_property("endDate", d.to_string());
    }
    if let Some(d) = date("Last_Update", false, &mut r, "modifiedAt") {
        r.add_property("modifiedAt", d.to_string());
    }
    for (col, prop) in [("Standard_Order", "standardOrder"), ("Action", "bisAction")] {
        let v = get(col);
        if !v.is_empty() {
            r.add_property(prop, v);
        }
    }
    let citation = get("FR_Citation");
    r.sanctions.push(Sanction {
        authority: "BIS".into(),
        list: Some("Denied Persons List".into()),
        programs: Vec::new(),
        listing_date,
        references: if citation.is_empty() {
            Vec::new()
        } else {
            vec![citation.to_string()]
        },
        reason: None,
    });
    Some(r)
}
