//! Parser for the EU Financial Sanctions Files XML (`export` / `sanctionEntity`, schema FSF 1.1).
//!
//! Mapping:
//! - record id = `logicalId`; `generationDate` → list date; `unitedNationId` → an
//!   [`IdKind::UnReference`] identifier; `subjectType@code` `person` → Person, `enterprise` →
//!   Company when a name carries a legal form, else Organization.
//! - `nameAlias`: `wholeName` (or first/middle/last joined) with `nameLanguage` as the name's
//!   language. The primary name is the strong alias in English or without a language that was
//!   entered first (lowest `logicalId`: the list's own order is arbitrary and often puts a French
//!   spelling or a later alias first), else the first-entered strong alias; other strong aliases
//!   are aliases, `strong="false"` → weak alias. For persons, first/middle/last names of every alias
//!   go to the name parts. `gender`, `function` (→ positions) and `title` (→ `title` property) are
//!   taken from the aliases.
//! - `regulation` → one sanction per regulation: authority `EU`, list and programs = `programme`,
//!   listing date = the entity's `designationDate` or else the regulation's `publicationDate`,
//!   references = `numberTitle` and `euReferenceNumber`, reason = `designationDetails`.
//! - `citizenship` → citizenships; `birthdate` (`birthdate`, or `year`/`monthOfYear`/`dayOfMonth`,
//!   or `yearRangeFrom`..`yearRangeTo`; `circa` → approximate) → birth dates, with
//!   city/region/place/country → birth places. Dates in a non-Gregorian calendar are not converted:
//!   they are warned about and kept in `birthDate`.
//! - `identification` → identifiers by `identificationTypeCode` (passport, id, fiscalcode,
//!   regnumber, swiftbic, imo...; `other` is refined by its description: INN, OGRN...).
//! - `address` → addresses (`contactInfo` phone/email/web → properties); `remark`s → remarks.
//! - Country code `00` means "unknown" in this format and is ignored.

use crate::un_xml::xml::{Item, Node, Stream};
use crate::un_xml::{add_name_lang, entity_schema, join, read_root, warn_replacement_chars};
use crate::{SourceContext, SourceError};
use interdict_model::{
    Address, DateValue, IdKind, Identifier, NameKind, Record, Sanction, Schema, date::PartialDate,
    record::Gender,
};
use std::path::PathBuf;

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        let input = crate::input::open(path)?;
        let mut stream = Stream::new(path, input, &["sanctionEntity"]);
        let mut ordinal = 0usize;
        while let Some(item) = stream.next()? {
            match item {
                Item::Open {
                    name,
                    attrs,
                    depth: 0,
                } => {
                    read_root(ctx, path, &name, &attrs, "export", "generationDate")?;
                }
                Item::Subtree(node) => {
                    ordinal += 1;
                    eu_entity(ctx, &node, ordinal);
                }
                Item::Open { .. } => {}
            }
        }
    }
    Ok(())
}

/// A country code of this format: `00` (unknown) and empty give `None` silently.
fn eu_country(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    n: &Node,
    prop: &str,
) -> Option<String> {
    let code = n.attr("countryIso2Code")?;
    if code == "00" {
        return None;
    }
    let found = interdict_model::country::to_code(code);
    if found.is_none() {
        let desc = n.attr("countryDescription").unwrap_or("");
        ctx.warn(
            loc,
            format!("unknown country code `{code}` ({desc}) (kept in `{prop}`)"),
        );
        r.add_property(prop, code);
    }
    found
}

/// The country name as written, unless it is the `UNKNOWN` placeholder.
fn country_description(n: &Node) -> Option<&str> {
    n.attr("countryDescription")
        .filter(|d| !d.eq_ignore_ascii_case("unknown") && n.attr("countryIso2Code") != Some("00"))
}

fn eu_entity(ctx: &mut SourceContext, node: &Node, ordinal: usize) {
    let Some(id) = node.attr("logicalId") else {
        ctx.skip(
            format!("sanctionEntity #{ordinal}"),
            "sanctionEntity without logicalId",
        );
        return;
    };
    let loc = format!("entity {id}");
    let subject = node
        .child("subjectType")
        .and_then(|s| s.attr("code"))
        .unwrap_or("");
    let schema = match subject.to_ascii_lowercase().as_str() {
        "person" => Schema::Person,
        "enterprise" => Schema::Organization,
        other => {
            ctx.warn(
                &loc,
                format!("unknown subjectType `{other}`; taken as a legal entity"),
            );
            Schema::LegalEntity
        }
    };
    let is_person = schema == Schema::Person;
    let mut r = Record::new(&ctx.dataset, id, schema);

    if let Some(un) = node.attr("unitedNationId") {
        r.add_identifier(Identifier::new(IdKind::UnReference, un));
    }

    // Names: choose the primary one first.
    let aliases: Vec<&Node> = node.all("nameAlias").collect();
    let strong = |a: &&Node| {
        a.attr("strong")
            .is_none_or(|s| !s.eq_ignore_ascii_case("false"))
    };
    let english = |a: &&Node| {
        a.attr("nameLanguage")
            .is_none_or(|l| l.eq_ignore_ascii_case("en"))
    };
    // The list's own order is arbitrary; the alias entered first (lowest logicalId) is the name
    // the entity was listed under.
    let primary_index = aliases
        .iter()
        .enumerate()
        .min_by_key(|(i, a)| {
            let rank = match (strong(a), english(a)) {
                (true, true) => 0,
                (true, false) => 1,
                (false, _) => 2,
            };
            let id = a
                .attr("logicalId")
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(u64::MAX);
            (rank, id, *i)
        })
        .map(|(i, _)| i);
    let mut order: Vec<usize> = (0..aliases.len()).collect();
    if let Some(p) = primary_index {
        order.retain(|&i| i != p);
        order.insert(0, p);
    }
    for (n, &i) in order.iter().enumerate() {
        let Some(a) = aliases.get(i) else { continue };
        let first = a.attr("firstName");
        let middle = a.attr("middleName");
        let last = a.attr("lastName");
        let whole = match a.attr("wholeName") {
            Some(w) => w.to_string(),
            None => join(&[first, middle, last], " "),
        };
        let kind = if !strong(a) {
            NameKind::WeakAlias
        } else if n == 0 {
            NameKind::Primary
        } else {
            NameKind::Alias
        };
        let added = add_name_lang(&mut r, &whole, kind, a.attr("nameLanguage"));
        if !added && n == 0 {
            ctx.warn(&loc, "primary nameAlias without a name");
        }
        if is_person {
            for (part, list) in [
                (first, &mut r.name_parts.first),
                (middle, &mut r.name_parts.middle),
                (last, &mut r.name_parts.last),
            ] {
                if let Some(p) = part {
                    Record::push_unique(list, p);
                }
            }
        }
        if let Some(g) = a.attr("gender")
            && r.gender.is_none()
            && g != "?"
        {
            r.gender = Gender::parse(g);
        }
        if let Some(f) = a.attr("function") {
            Record::push_unique(&mut r.positions, f);
        }
        if let Some(t) = a.attr("title") {
            r.add_property("title", t);
        }
        for remark in a.all("remark").filter_map(Node::text) {
            Record::push_unique(&mut r.remarks, remark);
        }
    }
    if r.names.is_empty() {
        ctx.warn(&loc, "entity without a name");
    }

    // Sanctions.
    let designation_date = node.attr("designationDate").and_then(|d| {
        DateValue::parse_loose(d)
            .map_err(|e| ctx.warn(&loc, format!("unreadable designationDate `{d}`: {e}")))
            .ok()
    });
    let eu_reference = node.attr("euReferenceNumber");
    let reason = node.attr("designationDetails").map(str::to_string);
    let regulations: Vec<&Node> = node.all("regulation").collect();
    if regulations.is_empty() {
        r.sanctions.push(Sanction {
            authority: "EU".into(),
            listing_date: designation_date,
            references: eu_reference.map(str::to_string).into_iter().collect(),
            reason: reason.clone(),
            ..Sanction::default()
        });
    }
    for reg in regulations {
        let programme = reg.attr("programme");
        let published = reg.attr("publicationDate").and_then(|d| {
            DateValue::parse_loose(d)
                .map_err(|e| {
                    ctx.warn(
                        &loc,
                        format!("unreadable regulation publicationDate `{d}`: {e}"),
                    )
                })
                .ok()
        });
        let mut references: Vec<String> = Vec::new();
        for rf in [reg.attr("numberTitle"), eu_reference]
            .into_iter()
            .flatten()
        {
            Record::push_unique(&mut references, rf);
        }
        r.sanctions.push(Sanction {
            authority: "EU".into(),
            list: programme.map(str::to_string),
            programs: programme.map(str::to_string).into_iter().collect(),
            listing_date: designation_date.or(published),
            references,
            reason: reason.clone(),
        });
    }
    if let Some(d) = node.attr("delistingDate") {
        r.add_property("endDate", d);
    }

    for c in node.all("citizenship") {
        if let Some(code) = eu_country(ctx, &mut r, &loc, c, "citizenship") {
            Record::push_unique(&mut r.citizenships, code);
        }
    }
    for b in node.all("birthdate") {
        eu_birthdate(ctx, &mut r, &loc, b);
    }
    for ident in node.all("identification") {
        eu_identification(ctx, &mut r, &loc, ident, schema);
    }
    for a in node.all("address") {
        eu_address(ctx, &mut r, &loc, a);
    }
    for remark in node.all("remark").filter_map(Node::text) {
        Record::push_unique(&mut r.remarks, remark);
    }
    for info in node.all("additionalInformation") {
        if let (Some(k), Some(v)) = (info.attr("key"), info.attr("value")) {
            Record::push_unique(&mut r.remarks, format!("{k}: {v}"));
        }
    }

    if schema == Schema::Organization {
        r.schema = entity_schema(&r);
    }
    warn_replacement_chars(ctx, &r, &loc);
    ctx.push(r);
}

fn eu_birthdate(ctx: &mut SourceContext, r: &mut Record, loc: &str, b: &Node) {
    let place = join(
        &[
            b.attr("city"),
            b.attr("region"),
            b.attr("place"),
            country_description(b),
        ],
        ", ",
    );
    Record::push_unique(&mut r.birth_places, place);
    let num = |k: &str| b.attr(k).and_then(|v| v.parse::<i64>().ok());
    let small = |v: Option<i64>| v.and_then(|v| u8::try_from(v).ok());
    let year = num("year").and_then(|y| i32::try_from(y).ok());
    let raw = join(
        &[
            b.attr("birthdate"),
            b.attr("year"),
            b.attr("monthOfYear"),
            b.attr("dayOfMonth"),
            b.attr("yearRangeFrom"),
            b.attr("yearRangeTo"),
        ],
        " ",
    );
    if raw.is_empty() {
        return;
    }
    let calendar = b.attr("calendarType").unwrap_or("GREGORIAN");
    if !calendar.eq_ignore_ascii_case("GREGORIAN") {
        ctx.warn(loc, format!("birth date `{raw}` in the {calendar} calendar is not converted (kept in `birthDate`)"));
        r.add_property("birthDate", format!("{raw} ({calendar})"));
        return;
    }
    let value: Result<DateValue, String> = if let Some(d) = b.attr("birthdate") {
        DateValue::parse_loose(d).map_err(|e| e.to_string())
    } else if let Some(y) = year {
        let month = small(num("monthOfYear"));
        let day = month.and(small(num("dayOfMonth")));
        PartialDate::new(y, month, day)
            .map(DateValue::from_partial)
            .map_err(|e| e.to_string())
    } else {
        let from = num("yearRangeFrom").and_then(|y| i32::try_from(y).ok());
        let to = num("yearRangeTo").and_then(|y| i32::try_from(y).ok());
        match (from, to) {
            (Some(a), Some(b)) => PartialDate::new(a, None, None)
                .and_then(|a| Ok(DateValue::range(a, PartialDate::new(b, None, None)?)))
                .map_err(|e| e.to_string()),
            (Some(a), None) | (None, Some(a)) => DateValue::year(a).map_err(|e| e.to_string()),
            (None, None) => Err("no year".to_string()),
        }
    };
    match value {
        Ok(mut v) => {
            if b.attr("circa")
                .is_some_and(|c| c.eq_ignore_ascii_case("true"))
            {
                v = v.approx();
            }
            if !r.birth_dates.contains(&v) {
                r.birth_dates.push(v);
            }
        }
        Err(e) => {
            ctx.warn(
                loc,
                format!("unreadable birth date `{raw}`: {e} (kept in `birthDate`)"),
            );
            r.add_property("birthDate", raw);
        }
    }
}

/// The identifier kind for an `identificationTypeCode` and its description.
fn eu_id_kind(code: &str, description: &str, schema: Schema) -> IdKind {
    match code.to_ascii_lowercase().as_str() {
        "passport" | "nationalpassport" | "diplomaticpassport" => return IdKind::Passport,
        "id" | "nationalid" | "idcard" | "ssn" => return IdKind::NationalId,
        "fiscalcode" | "tin" | "taxid" | "tax" => return IdKind::TaxId,
        "regnumber" | "registration" | "registrationnumber" => return IdKind::Registration,
        "swiftbic" | "bic" | "swift" => return IdKind::Bic,
        "imo" if schema == Schema::Vessel => return IdKind::VesselImo,
        "imo" => return IdKind::CompanyImo,
        "lei" => return IdKind::Lei,
        _ => {}
    }
    let words: Vec<String> = description
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let d = description.to_ascii_lowercase();
    if has("inn") {
        IdKind::Inn
    } else if has("ogrn") {
        IdKind::Ogrn
    } else if has("lei") {
        IdKind::Lei
    } else if d.contains("passport") {
        IdKind::Passport
    } else if d.contains("tax") || d.contains("fiscal") {
        IdKind::TaxId
    } else if d.contains("registration") {
        IdKind::Registration
    } else if d.contains("identity") || d.contains("identification") {
        IdKind::NationalId
    } else {
        IdKind::Other
    }
}

fn eu_identification(ctx: &mut SourceContext, r: &mut Record, loc: &str, n: &Node, schema: Schema) {
    let code = n.attr("identificationTypeCode").unwrap_or("");
    let description = n.attr("identificationTypeDescription").unwrap_or("");
    let kind = eu_id_kind(code, description, schema);
    let country = eu_country(ctx, r, loc, n, "documentCountry");
    let number = n.attr("number").or_else(|| n.attr("latinNumber"));
    let label = if description.is_empty() {
        code
    } else {
        description
    };
    let remarks: Vec<&str> = n.all("remark").filter_map(Node::text).collect();
    match number {
        Some(num) => {
            r.add_identifier(Identifier::new(kind, num).with_country(country));
            let details = join(
                &[
                    n.attr("issuedBy")
                        .map(|i| format!("issued by {i}"))
                        .as_deref(),
                    n.attr("issueDate")
                        .map(|i| format!("issued {i}"))
                        .as_deref(),
                    n.attr("validTo")
                        .map(|i| format!("valid to {i}"))
                        .as_deref(),
                    n.attr("nameOnDocument")
                        .map(|i| format!("name on document {i}"))
                        .as_deref(),
                    (n.attr("knownFalse") == Some("true")).then_some("known false"),
                    (n.attr("knownExpired") == Some("true")).then_some("known expired"),
                    (n.attr("diplomatic") == Some("true")).then_some("diplomatic"),
                    (!remarks.is_empty()).then(|| remarks.join("; ")).as_deref(),
                ],
                "; ",
            );
            if !details.is_empty() {
                Record::push_unique(&mut r.remarks, format!("{label} {num}: {details}"));
            }
        }
        None => {
            ctx.warn(loc, format!("identification `{label}` without a number"));
            for rm in remarks {
                Record::push_unique(&mut r.remarks, format!("{label}: {rm}"));
            }
        }
    }
}

fn eu_address(ctx: &mut SourceContext, r: &mut Record, loc: &str, a: &Node) {
    let po_box = a.attr("poBox").map(|p| format!("PO Box {p}"));
    let full = join(
        &[
            a.attr("street"),
            po_box.as_deref(),
            a.attr("zipCode"),
            a.attr("city"),
            a.attr("region"),
            a.attr("place"),
            country_description(a),
        ],
        ", ",
    );
    let code = eu_country(ctx, r, loc, a, "country");
    if !full.is_empty() {
        let address = Address {
            full,
            city: a.attr("city").map(str::to_string),
            country: code,
        };
        if !r.addresses.contains(&address) {
            r.addresses.push(address);
        }
    }
    for info in a.all("contactInfo") {
        let (Some(k), Some(v)) = (info.attr("key"), info.attr("value")) else {
            continue;
        };
        let key = k.to_ascii_lowercase();
        let prop = if key.contains("phone") || key.contains("fax") || key.contains("tel") {
            "phone"
        } else if key.contains("mail") {
            "email"
        } else if key.contains("web") || key.contains("url") {
            "website"
        } else {
            Record::push_unique(&mut r.remarks, format!("{k}: {v}"));
            continue;
        };
        r.add_property(prop, v);
    }
    for remark in a.all("remark").filter_map(Node::text) {
        Record::push_unique(&mut r.remarks, remark);
    }
}
