//! Parser: US Consolidated Screening List CSV (also gzipped) — the export lists of Commerce (BIS:
//! Entity List, Denied Persons, Unverified, Military End User), State (ITAR debarred,
//! nonproliferation) and Treasury (SDN and the non-SDN OFAC lists) in one table.
//!
//! Record id: `_id`. The same `_id` appears on several rows when one entity is on several lists
//! (an SDN entry that is also on the SSI or CAPTA list): those rows are one record, each row
//! adding its own `Sanction` (and any names, ids, addresses it adds). The 2022-05 file has 14,160
//! rows, 14,048 distinct ids.
//!
//! Schema from `type`: Individual → Person, Entity → LegalEntity refined to Company when the name
//! has a legal form, Vessel, Aircraft → Airplane. The BIS and State lists leave `type` empty and
//! mix people and firms: those rows are `LegalEntity` (FtM's parent of Person, Company and
//! Organization), or `Company` when the name carries a legal form — a name without one is not
//! evidence of a person. `source` gives `Sanction.list` (the list's name) and its agency gives
//! `Sanction.authority` (Treasury → `OFAC`, Bureau of Industry and Security → `BIS`, State
//! Department → `US State Department`). For Treasury rows `entity_number` is the OFAC `ent_num`,
//! stored as the property `ofacEntNum` (the link to the OFAC list files).
//!
//! `ids` entries are `[country, ]value[, issue date, expiry date], Type`; identifier types map to
//! `IdKind`s, other entries (gender, website, e-mail, directives, secondary-sanctions notes,
//! aircraft details...) to the matching fields, properties or remarks.

use crate::csv_common::{
    Cols, Row, country_code, looks_like_company, parse_date, registration_kind, split_multi,
    tax_kind,
};
use crate::{SourceContext, SourceError};
use interdict_model::record::Gender;
use interdict_model::{
    Address, IdKind, Identifier, Link, LinkKind, NameKind, Record, Sanction, Schema,
};
use std::path::PathBuf;

const REQUIRED: &[&str] = &["_id", "source", "type", "name"];

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    crate::csv_common::parse_merging_rows(files, ctx, REQUIRED, read_row)
}

/// Agency (from the text after the last ` - ` of `source`) → authority.
fn authority(agency: &str) -> String {
    let a = agency.to_ascii_lowercase();
    if a.contains("treasury") {
        "OFAC".into()
    } else if a.contains("industry and security") || a.contains("commerce") {
        "BIS".into()
    } else if a.contains("state") {
        "US State Department".into()
    } else if agency.is_empty() {
        "US".into()
    } else {
        agency.to_string()
    }
}

fn read_row(row: &Row, cols: &Cols, ctx: &mut SourceContext) -> Option<Record> {
    let get = |name: &str| cols.get(row, name);
    let loc = row.location();
    let id = get("_id");
    if id.is_empty() {
        ctx.skip(&loc, "row has no _id");
        return None;
    }
    let name = get("name");
    if interdict_model::name::clean_name(name).is_none() {
        ctx.skip(&loc, format!("{id} has no name"));
        return None;
    }
    let typ = get("type");
    let company = looks_like_company(name);
    let schema = match typ.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" | "" if company => Schema::Company,
        "entity" | "" => Schema::LegalEntity,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        other => {
            ctx.skip(&loc, format!("{id}: unsupported type `{other}`"));
            return None;
        }
    };
    let mut r = Record::new(&ctx.dataset, id, schema);
    r.add_name(name, NameKind::Primary);
    for alt in split_multi(get("alt_names")) {
        r.add_name(&alt, NameKind::Alias);
    }

    let source = get("source");
    let (list, agency) = match source.rsplit_once(" - ") {
        Some((l, a)) => (l.trim(), a.trim()),
        None => (source, ""),
    };
    let authority = authority(agency);
    let entity_number = get("entity_number");
    if !entity_number.is_empty() {
        let prop = if authority == "OFAC" {
            "ofacEntNum"
        } else {
            "entityNumber"
        };
        r.add_property(prop, entity_number);
    }

    // Dates of birth, places, countries
    for v in split_multi(get("dates_of_birth")) {
        match parse_date(&v) {
            Ok(d) => {
                if !r.birth_dates.contains(&d) {
                    r.birth_dates.push(d);
                }
            }
            Err(e) => {
                ctx.warn(&loc, format!("{id}: unreadable date of birth `{v}`: {e}"));
                r.add_property("birthDate", v);
            }
        }
    }
    for v in split_multi(get("places_of_birth")) {
        Record::push_unique(&mut r.birth_places, v);
    }
    for (col, prop) in [
        ("nationalities", "nationality"),
        ("citizenships", "citizenship"),
        ("vessel_flag", "flag"),
    ] {
        for v in split_multi(get(col)) {
            if v.eq_ignore_ascii_case("None Identified") {
                continue;
            }
            let Some(code) = country_code(&v) else {
                ctx.warn(&loc, format!("{id}: unknown country `{v}` in {col}"));
                r.add_property(prop, v);
                continue;
            };
            let target = match col {
                "nationalities" => &mut r.nationalities,
                "citizenships" => &mut r.citizenships,
                _ => &mut r.flags,
            };
            Record::push_unique(target, code);
        }
    }
    for v in split_multi(get("addresses")) {
        // "street, city, postal code, CC": the last part is an ISO code.
        let last = v.rsplit(',').next().unwrap_or("").trim();
        let country = country_code(last).or_else(|| interdict_model::country::code_in_place(&v));
        r.addresses.push(Address {
            full: v,
            city: None,
            country,
        });
    }

    // Titles, vessel details, remarks
    for v in split_multi(get("title")) {
        Record::push_unique(&mut r.positions, v);
    }
    let call_sign = get("call_sign");
    if !call_sign.is_empty() {
        r.add_identifier(Identifier::new(IdKind::CallSign, call_sign));
    }
    for (col, prop) in [
        ("vessel_type", "vesselType"),
        ("gross_tonnage", "tonnage"),
        ("gross_registered_tonnage", "grossRegisteredTonnage"),
        ("standard_order", "standardOrder"),
        ("license_requirement", "licenseRequirement"),
        ("license_policy", "licensePolicy"),
        ("source_list_url", "sourceUrl"),
        ("source_information_url", "sourceUrl"),
    ] {
        let v = get(col);
        if !v.is_empty() {
            r.add_property(prop, v);
        }
    }
    let owner = get("vessel_owner");
    if !owner.is_empty() {
        r.links.push(Link {
            kind: LinkKind::OwnedBy,
            target_name: owner.to_string(),
            target_id: None,
        });
    }
    for v in split_multi(get("remarks")) {
        read_remark(&mut r, &v);
    }
    for entry in split_multi(get("ids")) {
        read_id_entry(&mut r, &entry, ctx, &loc);
    }

    // Sanction
    let start = get("start_date");
    let listing_date = if start.is_empty() {
        None
    } else {
        match parse_date(start) {
            Ok(d) => Some(d),
            Err(e) => {
                ctx.warn(&loc, format!("{id}: unreadable start_date `{start}`: {e}"));
                r.add_property("startDate", start);
                None
            }
        }
    };
    let end = get("end_date");
    if !end.is_empty() {
        if let Err(e) = parse_date(end) {
            ctx.warn(&loc, format!("{id}: unreadable end_date `{end}`: {e}"));
        }
        r.add_property("endDate", end);
    }
    r.sanctions.push(Sanction {
        authority,
        list: (!list.is_empty()).then(|| list.to_string()),
        programs: split_multi(get("programs")),
        listing_date,
        references: split_multi(get("federal_register_notice")),
        reason: None,
    });
    Some(r)
}

/// A remark: `(Linked To: NAME)` becomes a link, anything else a remark.
fn read_remark(r: &mut Record, v: &str) {
    let t = v.trim();
    let inner = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t);
    if let Some(target) = inner.strip_prefix("Linked To:") {
        let link = Link {
            kind: LinkKind::LinkedTo,
            target_name: target.trim().trim_end_matches('.').to_string(),
            target_id: None,
        };
        if !link.target_name.is_empty() && !r.links.contains(&link) {
            r.links.push(link);
        }
        return;
    }
    Record::push_unique(&mut r.remarks, t);
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The identifier kind of an `ids` entry type, or `None` for entries that are not identifiers.
fn id_kind(label: &str, schema: Schema) -> Option<IdKind> {
    let l = label
        .trim()
        .trim_end_matches([':', '-'])
        .trim()
        .to_ascii_lowercase();
    Some(match l.as_str() {
        "passport" | "diplomatic passport" | "travel document number" => IdKind::Passport,
        "national id no."
        | "cedula no."
        | "c.u.r.p."
        | "d.n.i."
        | "identification number"
        | "personal id card"
        | "turkish identification number"
        | "citizen's card number"
        | "tazkira national id card"
        | "numero de identidad"
        | "national foreign id number"
        | "kenyan id no."
        | "c.u.i."
        | "ssn"
        | "c.u.i.p."
        | "i.f.e."
        | "credencial electoral" => IdKind::NationalId,
        "tax id no."
        | "r.f.c."
        | "rfc"
        | "nit #"
        | "ruc #"
        | "rif #"
        | "c.u.i.t."
        | "v.a.t. number"
        | "us fein"
        | "italian fiscal code"
        | "c.i.f." => IdKind::TaxId,
        "registration number"
        | "registration id"
        | "business registration number"
        | "company number"
        | "uk company number"
        | "commercial registry number"
        | "business registration document #"
        | "certificate of incorporation number"
        | "chamber of commerce number"
        | "trade license no."
        | "license"
        | "matricula mercantil no"
        | "folio mercantil no."
        | "public registration number"
        | "enterprise number"
        | "legal entity number"
        | "business number"
        | "c.r. no."
        | "registered charity no."
        | "file number"
        | "government gazette number"
        | "branch unit number"
        | "le number"
        | "d-u-n-s number"
        | "dubai chamber of commerce membership no." => IdKind::Registration,
        "unified social credit code (uscc)" | "united social credit code certificate (usccc)" => {
            IdKind::Uscc
        }
        "swift/bic" => IdKind::Bic,
        "vessel registration identification" if schema == Schema::Vessel => IdKind::VesselImo,
        "vessel registration identification" => IdKind::CompanyImo,
        "mmsi" => IdKind::Mmsi,
        "aircraft tail number" | "previous aircraft tail number" => IdKind::AircraftTail,
        "aircraft manufacturer's serial number (msn)"
        | "aircraft serial identification"
        | "aircraft construction number (also called l/n or s/n or f/n)" => IdKind::AircraftSerial,
        "electoral registry no."
        | "birth certificate number"
        | "residency number"
        | "driver's license no."
        | "visanumberid"
        | "cartilla de servicio militar nacional"
        | "bik (ru)"
        | "rtn"
        | "chinese commercial code"
        | "aircraft mode s transponder code"
        | "un/locode" => IdKind::Other,
        _ => return None,
    })
}

/// The property an `ids` entry that is not an identifier goes to, when it has one.
fn id_property(label: &str) -> Option<&'static str> {
    let l = label
        .trim()
        .trim_end_matches([':', '-'])
        .trim()
        .to_ascii_lowercase();
    Some(match l.as_str() {
        "website" => "website",
        "email address" => "email",
        "phone number" => "phone",
        "organization established date" => "incorporationDate",
        "organization type" | "target type" => "legalForm",
        "aircraft model" => "model",
        "aircraft manufacture date" => "buildDate",
        "other vessel type" => "vesselType",
        "former vessel flag" => "pastFlags",
        "equity ticker" => "ticker",
        "isin" => "isinCode",
        "issuer name" => "issuer",
        _ if l.starts_with("digital currency address") => "cryptoWallet",
        _ => return None,
    })
}

/// One `ids` entry: `CA, BC166787, Passport`, `RU, 2017-05-30, 515458008, Passport`,
/// `IMO 8898831, Vessel Registration Identification`, `Male, Gender`.
fn read_id_entry(r: &mut Record, entry: &str, ctx: &mut SourceContext, loc: &str) {
    let parts: Vec<&str> = entry.split(", ").map(str::trim).collect();
    let Some((label, rest)) = parts.split_last() else {
        return;
    };
    if rest.is_empty() {
        Record::push_unique(&mut r.remarks, entry.trim());
        return;
    }
    if label.eq_ignore_ascii_case("gender") {
        r.gender = Gender::parse(rest.join(" ").as_str());
        return;
    }
    if let Some(kind) = id_kind(label, r.schema) {
        let mut rest: Vec<&str> = rest.to_vec();
        let mut country = None;
        if rest.len() > 1
            && let Some(first) = rest.first()
            && first.len() == 2
            && let Some(c) = country_code(first)
        {
            country = Some(c);
            rest.remove(0);
        }
        let dates: Vec<&str> = rest.iter().copied().filter(|p| is_iso_date(p)).collect();
        let value = rest
            .iter()
            .copied()
            .filter(|p| !is_iso_date(p))
            .collect::<Vec<_>>()
            .join(", ");
        if value.is_empty() {
            ctx.warn(loc, format!("identifier without a value: `{entry}`"));
            return;
        }
        let kind = match kind {
            IdKind::TaxId => tax_kind(&value, country.as_deref()),
            IdKind::Registration => registration_kind(&value, country.as_deref()),
            k => k,
        };
        let id = Identifier::new(kind, value).with_country(country);
        if kind == IdKind::VesselImo && !id.is_valid() {
            ctx.warn(
                loc,
                format!("{}: IMO number `{}` fails its check", r.id, id.value),
            );
        }
        if !dates.is_empty() {
            Record::push_unique(
                &mut r.remarks,
                format!("{label} {}: dates {}", id.value, dates.join(", ")),
            );
        }
        r.add_identifier(id);
        return;
    }
    let value = rest.join(", ");
    if label.eq_ignore_ascii_case("Nationality of Registration") {
        match country_code(&value) {
            Some(c) => Record::push_unique(&mut r.flags, c),
            None => r.add_property("flag", value),
        }
        return;
    }
    if label.eq_ignore_ascii_case("Aircraft Operator") {
        let link = Link {
            kind: LinkKind::OperatedBy,
            target_name: value,
            target_id: None,
        };
        if !r.links.contains(&link) {
            r.links.push(link);
        }
        return;
    }
    match id_property(label) {
        Some(prop) => r.add_property(prop, value),
        None => Record::push_unique(&mut r.remarks, format!("{label} {value}")),
    }
}
