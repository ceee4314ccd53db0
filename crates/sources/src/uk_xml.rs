//! Parser for the UK Sanctions List XML (`Designations` / `Designation`, schema 4.33).
//!
//! Mapping:
//! - record id = `UniqueID` (e.g. `RUS2183`); `UNReferenceNumber` → an [`IdKind::UnReference`]
//!   identifier; `DateGenerated` (DD/MM/YYYY; or the root's ISO `dateGenerated`) → list date.
//! - `IndividualEntityShip`: Individual → Person, Ship → Vessel, Entity → Company when a name
//!   carries a legal form or the type of entity names a company/business/bank, else Organization.
//! - `Names/Name`: `Name1`..`Name6` joined in order (`Name6` is the family name, or the whole name
//!   of entities and ships); for persons first = `Name1`, middle = `Name2..Name5`, last = `Name6`.
//!   `NameType` Primary Name → primary, Alias → alias (`AliasStrength` "Low quality" → weak
//!   alias), Primary Name Variation → alias. `NonLatinNames` → aliases tagged with their language
//!   (or script type) when given.
//! - `RegimeName` → one sanction: authority `UK`, list = regime, programs = the `UniqueID` prefix
//!   (RUS, DPR, AFG...), listing date = `DateDesignated`, references = [`UniqueID`], reason =
//!   `UKStatementofReasons`. A `DateDesignated` of 31/12/2020 marks a record carried over from the
//!   EU list at Brexit, not a new designation: the date is kept as written and the record gets a
//!   `notes` property saying so.
//! - Dates are DD/MM/YYYY, with `dd`/`mm` placeholders for unknown parts (`dd/mm/1945` → 1945,
//!   `dd/09/1958` → 1958-09); unreadable ones are warned about and kept in `birthDate`.
//! - `ShipDetails`: IMO numbers → vessel IMO identifiers, current flag → flags, previous flags →
//!   `pastFlags`, type → `vesselType`, tonnage → `tonnage`, length → `length`, year built →
//!   `buildDate`, hull numbers → other identifiers, current owner/operator → `OwnedBy` links,
//!   previous ones → remarks.
//! - `IndividualDetails`: DOBs, nationalities, birth places, genders, positions, passports and
//!   national identifiers (issuing country read from the start of the additional information,
//!   e.g. "Afghanistan passport number ..."; the information itself goes to the remarks).
//! - `EntityDetails`: type of entity → `legalForm`, business registration numbers → registration
//!   identifiers (INN / OGRN when labelled so), parent companies → `OwnedBy` links, subsidiaries →
//!   `LinkedTo` links (the model has no "owns" link kind).
//! - `Addresses` → addresses; phone numbers, emails, websites → properties; crypto wallets →
//!   `cryptoWallet`; `OtherInformation` → remarks; `Titles` → `title` property.

use crate::un_xml::xml::{Item, Node, Stream};
use crate::un_xml::{
    add_name_lang, country, entity_schema, has_legal_form, join, read_root, warn_replacement_chars,
};
use crate::{SourceContext, SourceError};
use interdict_model::{
    Address, DateValue, IdKind, Identifier, Link, LinkKind, NameKind, Record, Sanction, Schema,
    date::PartialDate, record::Gender,
};
use std::path::PathBuf;

/// Parse a UK date: `DD/MM/YYYY` with `dd`/`mm` placeholders, else any layout
/// [`DateValue::parse_loose`] reads.
pub(crate) fn parse_uk_date(raw: &str) -> Result<DateValue, String> {
    let s = raw.trim();
    let parts: Vec<&str> = s.split('/').map(str::trim).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
        && let Ok(year) = y.parse::<i32>()
    {
        let number = |p: &str| -> Option<u8> {
            if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
                p.parse::<u8>().ok().filter(|&v| v != 0)
            } else {
                None
            }
        };
        let placeholder = |p: &str, ph: &str| {
            p.is_empty() || p.eq_ignore_ascii_case(ph) || p.chars().all(|c| c == '0')
        };
        let month = number(m);
        if month.is_none() && !placeholder(m, "mm") {
            return Err(format!("unreadable month in `{s}`"));
        }
        let day = number(d);
        if day.is_none() && !placeholder(d, "dd") {
            return Err(format!("unreadable day in `{s}`"));
        }
        let day = month.and(day);
        return PartialDate::new(year, month, day)
            .map(DateValue::from_partial)
            .map_err(|e| e.to_string());
    }
    DateValue::parse_loose(s).map_err(|e| e.to_string())
}

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        let input = crate::input::open(path)?;
        let mut stream = Stream::new(path, input, &["Designation", "DateGenerated"]);
        let mut ordinal = 0usize;
        while let Some(item) = stream.next()? {
            match item {
                Item::Open {
                    name,
                    attrs,
                    depth: 0,
                } => {
                    read_root(ctx, path, &name, &attrs, "Designations", "dateGenerated")?;
                }
                Item::Subtree(node) if node.name == "DateGenerated" => {
                    if let Some(t) = node.text() {
                        match parse_uk_date(t) {
                            Ok(v) if v.from.day.is_some() && v.to.is_none() => {
                                ctx.set_list_date(v.from.to_string());
                            }
                            _ => {
                                ctx.warn("DateGenerated", format!("unreadable DateGenerated `{t}`"))
                            }
                        }
                    }
                }
                Item::Subtree(node) => {
                    ordinal += 1;
                    uk_designation(ctx, &node, ordinal);
                }
                Item::Open { .. } => {}
            }
        }
    }
    Ok(())
}

fn uk_designation(ctx: &mut SourceContext, node: &Node, ordinal: usize) {
    let unique_id = node.child_text("UniqueID");
    let (rid, loc) = match (unique_id, node.child_text("OFSIGroupID")) {
        (Some(u), _) => (u.to_string(), format!("designation {u}")),
        (None, Some(g)) => {
            let loc = format!("designation OFSIGroupID {g}");
            ctx.warn(&loc, "no UniqueID; OFSIGroupID used as the record id");
            (format!("ofsi-{g}"), loc)
        }
        (None, None) => {
            ctx.skip(
                format!("Designation #{ordinal}"),
                "designation without UniqueID or OFSIGroupID",
            );
            return;
        }
    };
    let kind = node.child_text("IndividualEntityShip").unwrap_or("");
    let schema = match kind.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "entity" => Schema::Organization,
        "ship" => Schema::Vessel,
        other => {
            ctx.warn(
                &loc,
                format!("unknown IndividualEntityShip `{other}`; taken as a legal entity"),
            );
            Schema::LegalEntity
        }
    };
    let is_person = schema == Schema::Person;
    let mut r = Record::new(&ctx.dataset, &rid, schema);
    if let Some(un) = node.child_text("UNReferenceNumber") {
        r.add_identifier(Identifier::new(IdKind::UnReference, un));
    }
    if let Some(g) = node.child_text("OFSIGroupID") {
        r.add_property("ofsiGroupId", g);
    }

    // Names.
    for name in node.child("Names").into_iter().flat_map(|n| n.all("Name")) {
        let parts: Vec<Option<&str>> = ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"]
            .iter()
            .map(|t| name.child_text(t))
            .collect();
        let whole = join(&parts, " ");
        let name_type = name
            .child_text("NameType")
            .unwrap_or("")
            .to_ascii_lowercase();
        let strength = name
            .child_text("AliasStrength")
            .unwrap_or("")
            .to_ascii_lowercase();
        let kind = if name_type.starts_with("primary") && !name_type.contains("variation") {
            NameKind::Primary
        } else if name_type.contains("former") || name_type.contains("previous") {
            NameKind::FormerName
        } else if strength.contains("low") {
            NameKind::WeakAlias
        } else {
            if !name_type.starts_with("alias") && !name_type.contains("variation") {
                ctx.warn(
                    &loc,
                    format!("unknown NameType `{name_type}`; taken as an alias"),
                );
            }
            NameKind::Alias
        };
        if !r.add_name(&whole, kind) && whole.is_empty() {
            ctx.warn(&loc, "Name without Name1..Name6");
        }
        if is_person && kind != NameKind::WeakAlias {
            if let Some(Some(f)) = parts.first() {
                Record::push_unique(&mut r.name_parts.first, *f);
            }
            for m in parts.iter().skip(1).take(4).flatten() {
                Record::push_unique(&mut r.name_parts.middle, *m);
            }
            if let Some(Some(l)) = parts.get(5) {
                Record::push_unique(&mut r.name_parts.last, *l);
            }
        }
    }
    for nl in node
        .child("NonLatinNames")
        .into_iter()
        .flat_map(|n| n.all("NonLatinName"))
    {
        if let Some(v) = nl.child_text("NameNonLatinScript") {
            let lang = nl
                .child_text("NonLatinScriptLanguage")
                .or_else(|| nl.child_text("NonLatinScriptType"));
            add_name_lang(&mut r, v, NameKind::Alias, lang);
        }
    }
    if r.names.is_empty() {
        ctx.warn(&loc, "designation without a name");
    }
    for t in node.texts(&["Titles", "Title"]) {
        r.add_property("title", t);
    }

    // Sanction.
    let listing_date = node
        .child_text("DateDesignated")
        .and_then(|d| match parse_uk_date(d) {
            Ok(v) => Some(v),
            Err(e) => {
                ctx.warn(&loc, format!("unreadable DateDesignated `{d}`: {e}"));
                r.add_property("listingDate", d);
                None
            }
        });
    if listing_date.is_some_and(|v| v.to_string() == "2020-12-31") {
        r.add_property(
            "notes",
            "DateDesignated 31/12/2020: carried over from the EU list at Brexit, not a new designation",
        );
    }
    let regime = node.child_text("RegimeName");
    let prefix: String = unique_id
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    r.sanctions.push(Sanction {
        authority: "UK".into(),
        list: regime.map(str::to_string),
        programs: if prefix.is_empty() {
            Vec::new()
        } else {
            vec![prefix]
        },
        listing_date,
        references: unique_id.map(str::to_string).into_iter().collect(),
        reason: node.child_text("UKStatementofReasons").map(str::to_string),
    });
    if let Some(s) = node.child_text("DesignationSource") {
        r.add_property("designationSource", s);
    }
    for m in node.child_text("SanctionsImposed").unwrap_or("").split('|') {
        r.add_property("sanctionsImposed", m);
    }
    if let Some(u) = node.child_text("LastUpdated") {
        match parse_uk_date(u) {
            Ok(v) => r.add_property("modifiedAt", v.to_string()),
            Err(_) => r.add_property("modifiedAt", u),
        }
    }
    if let Some(o) = node.child_text("OtherInformation") {
        Record::push_unique(&mut r.remarks, o);
    }

    // Addresses and contacts.
    for a in node
        .child("Addresses")
        .into_iter()
        .flat_map(|n| n.all("Address"))
    {
        let country_raw = a.child_text("AddressCountry");
        let full = join(
            &[
                a.child_text("AddressLine1"),
                a.child_text("AddressLine2"),
                a.child_text("AddressLine3"),
                a.child_text("AddressLine4"),
                a.child_text("AddressLine5"),
                a.child_text("AddressLine6"),
                a.child_text("AddressPostalCode"),
                country_raw,
            ],
            ", ",
        );
        if full.is_empty() {
            continue;
        }
        let code = country_raw.and_then(|c| country(ctx, &mut r, &loc, c, "country"));
        let address = Address {
            full,
            city: None,
            country: code,
        };
        if !r.addresses.contains(&address) {
            r.addresses.push(address);
        }
    }
    for (path, prop) in [
        (["PhoneNumbers", "PhoneNumber"], "phone"),
        (["EmailAddresses", "EmailAddress"], "email"),
        (["Websites", "Website"], "website"),
        (
            ["CryptoWalletAddresses", "CryptoWalletAddress"],
            "cryptoWallet",
        ),
    ] {
        for v in node.texts(&path) {
            r.add_property(prop, v);
        }
    }

    for ind in node
        .child("IndividualDetails")
        .into_iter()
        .flat_map(|n| n.all("Individual"))
    {
        uk_individual(ctx, &mut r, &loc, ind);
    }
    for ent in node
        .child("EntityDetails")
        .into_iter()
        .flat_map(|n| n.all("Entity"))
    {
        uk_entity(ctx, &mut r, &loc, ent);
    }
    for ship in node
        .child("ShipDetails")
        .into_iter()
        .flat_map(|n| n.all("Ship"))
    {
        uk_ship(ctx, &mut r, &loc, ship);
    }

    if schema == Schema::Organization {
        let typed_company = r.properties.get("legalForm").is_some_and(|forms| {
            forms.iter().any(|f| {
                let l = f.to_lowercase();
                has_legal_form(f)
                    || ["compan", "corporat", "enterprise", "business", "bank"]
                        .iter()
                        .any(|w| l.contains(w))
            })
        });
        r.schema = if typed_company {
            Schema::Company
        } else {
            entity_schema(&r)
        };
    }
    warn_replacement_chars(ctx, &r, &loc);
    ctx.push(r);
}

/// The issuing country stated at the start of a document's description
/// ("Afghanistan passport number ...", "Russia. Passport ...").
fn leading_country(info: &str) -> Option<String> {
    let words: Vec<&str> = info
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ':')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    (1..=words.len().min(3)).rev().find_map(|n| {
        words
            .get(..n)
            .and_then(|w| interdict_model::country::to_code(&w.join(" ")))
    })
}

fn uk_individual(ctx: &mut SourceContext, r: &mut Record, loc: &str, ind: &Node) {
    for dob in ind.texts(&["DOBs", "DOB"]) {
        match parse_uk_date(dob) {
            Ok(v) => {
                if !r.birth_dates.contains(&v) {
                    r.birth_dates.push(v);
                }
            }
            Err(e) => {
                ctx.warn(
                    loc,
                    format!("unreadable DOB `{dob}`: {e} (kept in `birthDate`)"),
                );
                r.add_property("birthDate", dob);
            }
        }
    }
    for nat in ind.texts(&["Nationalities", "Nationality"]) {
        if let Some(code) = country(ctx, r, loc, nat, "nationality") {
            Record::push_unique(&mut r.nationalities, code);
        }
    }
    for place in ind
        .child("BirthDetails")
        .into_iter()
        .flat_map(|b| b.all("Location"))
    {
        let text = join(
            &[
                place.child_text("TownOfBirth"),
                place.child_text("CountryOfBirth"),
            ],
            ", ",
        );
        Record::push_unique(&mut r.birth_places, text);
    }
    for g in ind.texts(&["Genders", "Gender"]) {
        if r.gender.is_none() {
            r.gender = Gender::parse(g);
        }
    }
    for p in ind.texts(&["Positions", "Position"]) {
        Record::push_unique(&mut r.positions, p);
    }
    for p in ind
        .child("PassportDetails")
        .into_iter()
        .flat_map(|d| d.all("Passport"))
    {
        uk_document(
            ctx,
            r,
            loc,
            p,
            IdKind::Passport,
            "PassportNumber",
            "PassportAdditionalInformation",
            "Passport",
        );
    }
    for p in ind
        .child("NationalIdentifierDetails")
        .into_iter()
        .flat_map(|d| d.all("NationalIdentifier"))
    {
        uk_document(
            ctx,
            r,
            loc,
            p,
            IdKind::NationalId,
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
            "National identifier",
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn uk_document(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    doc: &Node,
    kind: IdKind,
    number_tag: &str,
    info_tag: &str,
    label: &str,
) {
    let info = doc.child_text(info_tag);
    match doc.child_text(number_tag) {
        Some(number) => {
            let issuer = info.and_then(leading_country);
            r.add_identifier(Identifier::new(kind, number).with_country(issuer));
            if let Some(i) = info {
                Record::push_unique(&mut r.remarks, format!("{label} {number}: {i}"));
            }
        }
        None => {
            if let Some(i) = info {
                ctx.warn(
                    loc,
                    format!("{label} without a number (kept in the remarks)"),
                );
                Record::push_unique(&mut r.remarks, format!("{label}: {i}"));
            }
        }
    }
}

/// A business registration number, typed INN / OGRN when its label says so.
fn registration_identifier(raw: &str) -> Identifier {
    let upper = raw.to_uppercase();
    let digits_after = |label: &str| -> Option<String> {
        let pos = upper.find(label)?;
        let rest = upper.get(pos + label.len()..)?;
        let digits: String = rest
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        (!digits.is_empty()).then_some(digits)
    };
    let labelled = |label: &str| {
        upper
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == label)
    };
    if labelled("INN")
        && let Some(d) = digits_after("INN")
        && (d.len() == 10 || d.len() == 12)
    {
        return Identifier::new(IdKind::Inn, d);
    }
    if labelled("OGRN")
        && let Some(d) = digits_after("OGRN")
        && (d.len() == 13 || d.len() == 15)
    {
        return Identifier::new(IdKind::Ogrn, d);
    }
    Identifier::new(IdKind::Registration, raw)
}

fn uk_entity(_ctx: &mut SourceContext, r: &mut Record, _loc: &str, ent: &Node) {
    for t in ent.texts(&["TypeOfEntities", "TypeOfEntity"]) {
        r.add_property("legalForm", t);
    }
    for b in ent.texts(&["BusinessRegistrationNumbers", "BusinessRegistrationNumber"]) {
        r.add_identifier(registration_identifier(b));
    }
    for (path, kind) in [
        (["ParentCompanies", "ParentCompany"], LinkKind::OwnedBy),
        (["Subsidiaries", "Subsidiary"], LinkKind::LinkedTo),
    ] {
        for target in ent.texts(&path) {
            let link = Link {
                kind,
                target_name: target.to_string(),
                target_id: None,
            };
            if !r.links.contains(&link) {
                r.links.push(link);
            }
        }
    }
}

fn uk_ship(ctx: &mut SourceContext, r: &mut Record, loc: &str, ship: &Node) {
    for imo in ship.texts(&["IMONumbers", "IMONumber"]) {
        let id = Identifier::new(IdKind::VesselImo, imo);
        if !id.is_valid() {
            ctx.warn(
                loc,
                format!("IMO number `{imo}` fails the check digit (kept)"),
            );
        }
        r.add_identifier(id);
    }
    for hin in ship.texts(&["HullIdentificationNumbers", "HullIdentificationNumber"]) {
        r.add_identifier(Identifier::new(IdKind::Other, hin));
    }
    for flag in ship.texts(&["CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"]) {
        if let Some(code) = country(ctx, r, loc, flag, "flag") {
            Record::push_unique(&mut r.flags, code);
        }
    }
    for flag in ship.texts(&["PreviousFlags", "PreviousFlag"]) {
        let value = interdict_model::country::to_code(flag).unwrap_or_else(|| flag.to_string());
        r.add_property("pastFlags", value);
    }
    for owner in ship.texts(&["CurrentOwnerOperators", "CurrentOwnerOperator"]) {
        let link = Link {
            kind: LinkKind::OwnedBy,
            target_name: owner.to_string(),
            target_id: None,
        };
        if !r.links.contains(&link) {
            r.links.push(link);
        }
    }
    for owner in ship.texts(&["PreviousOwnerOperators", "PreviousOwnerOperator"]) {
        Record::push_unique(&mut r.remarks, format!("Previous owner/operator: {owner}"));
    }
    for (path, prop) in [
        (["TypeOfShipDetails", "TypeOfShip"], "vesselType"),
        (["TonnageOfShipDetails", "TonnageOfShip"], "tonnage"),
        (["LengthOfShipDetails", "LengthOfShip"], "length"),
        (["YearsBuilt", "YearBuilt"], "buildDate"),
    ] {
        for v in ship.texts(&path) {
            r.add_property(prop, v);
        }
    }
}
