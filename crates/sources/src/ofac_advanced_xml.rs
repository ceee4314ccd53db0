//! OFAC advanced XML (`Sanctions` / `DistinctParties`), in both namespaces
//! (`http://www.un.org/sanctions/1.0` and `.../exports/ADVANCED_XML`), also gzipped.
//!
//! The file is relational: parties point by id into reference value sets, locations and
//! identity documents that come before them, and are themselves pointed at by relationships and
//! sanctions entries that come after. The parser reads the reference sets, locations and
//! documents into maps, builds one record per `Profile` (id = profile ID = the SDN `ent_num`),
//! then applies relationships and sanctions entries before handing the records over.

use crate::ofac_xml::{
    Node, Relation, XmlStream, add_address, add_link, add_name_lang, alias_kind, apply_fact,
    date_from_span, entity_schema, list_name, outside_record_id, relation,
};
use crate::{SourceContext, SourceError};
use interdict_model::date::PartialDate;
use interdict_model::{DateValue, Link, LinkKind, NameKind, Record, Sanction, Schema, Script};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        parse_file(path, ctx)?;
    }
    Ok(())
}

/// One value of a reference value set: its text and attributes.
struct RefVal {
    text: String,
    attrs: Vec<(String, String)>,
}

impl RefVal {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// The reference value sets, by element name (`AliasType`, `Country`...) and ID.
#[derive(Default)]
struct Refs {
    sets: HashMap<String, HashMap<String, RefVal>>,
}

impl Refs {
    fn load(&mut self, sets: &Node) {
        for set in &sets.children {
            for v in &set.children {
                let Some(id) = v.attr("ID") else { continue };
                self.sets.entry(v.name.clone()).or_default().insert(
                    id.to_string(),
                    RefVal {
                        text: v.text.trim().to_string(),
                        attrs: v.attrs.clone(),
                    },
                );
            }
        }
    }

    fn get(&self, set: &str, id: Option<&str>) -> Option<&RefVal> {
        self.sets.get(set)?.get(id?)
    }

    fn text(&self, set: &str, id: Option<&str>) -> Option<&str> {
        self.get(set, id)
            .map(|v| v.text.as_str())
            .filter(|t| !t.is_empty())
    }

    /// A country id as (ISO alpha-2 when given, name).
    fn country(&self, id: Option<&str>) -> Option<(Option<String>, String)> {
        let c = self.get("Country", id)?;
        Some((c.attr("ISO2").map(str::to_string), c.text.clone()))
    }
}

/// A resolved `Locations/Location`.
struct Location {
    parts: Vec<(String, String)>,
    country_code: Option<String>,
    country_name: Option<String>,
}

impl Location {
    fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.country_code.is_none() && self.country_name.is_none()
    }

    /// The place as one line of text (for a place of birth).
    fn full(&self) -> String {
        let mut texts: Vec<&str> = self.parts.iter().map(|(_, v)| v.as_str()).collect();
        if let Some(c) = &self.country_name {
            texts.push(c);
        }
        texts.join(", ")
    }
}

/// A resolved `IDRegDocuments/IDRegDocument`.
struct Document {
    id: String,
    kind: String,
    number: String,
    /// ISO code when the file gives one, else the country name.
    issuer: Option<String>,
    fraudulent: bool,
}

/// Everything read so far from one file.
#[derive(Default)]
struct State {
    refs: Refs,
    locations: HashMap<String, Location>,
    /// Documents by the identity they belong to.
    documents: HashMap<String, Vec<Document>>,
    records: Vec<Record>,
    by_profile: HashMap<String, usize>,
}

fn is_true(v: Option<&str>) -> bool {
    v.is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

fn parse_file(path: &Path, ctx: &mut SourceContext) -> Result<(), SourceError> {
    let mut xs = XmlStream::open(path)?;
    xs.expect_root("Sanctions")?;
    let mut st = State::default();
    let mut parties = 0usize;
    while let Some((node, empty)) = xs.next_open()? {
        match node.name.as_str() {
            "DateOfIssue" => {
                let d = xs.read_element(node, empty)?;
                match date_point(&d).map(|(y, m, day)| PartialDate::new(y, Some(m), Some(day))) {
                    Some(Ok(p)) => ctx.set_list_date(p.to_string()),
                    _ => ctx.warn("DateOfIssue", "unreadable DateOfIssue"),
                }
            }
            "ReferenceValueSets" => {
                let sets = xs.read_element(node, empty)?;
                st.refs.load(&sets);
            }
            "Location" => {
                let l = xs.read_element(node, empty)?;
                st.read_location(ctx, &l);
            }
            "IDRegDocument" => {
                let d = xs.read_element(node, empty)?;
                st.read_document(ctx, &d);
            }
            "DistinctParty" => {
                parties += 1;
                let p = xs.read_element(node, empty)?;
                st.read_party(ctx, &p, parties);
            }
            "ProfileRelationship" => {
                let p = xs.read_element(node, empty)?;
                st.read_relationship(ctx, &p);
            }
            "SanctionsEntry" => {
                let e = xs.read_element(node, empty)?;
                st.read_sanctions_entry(ctx, &e);
            }
            _ => {}
        }
    }
    let mut leftovers: Vec<(String, Document)> = st
        .documents
        .drain()
        .flat_map(|(identity, docs)| docs.into_iter().map(move |d| (identity.clone(), d)))
        .collect();
    leftovers.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    for (identity, d) in leftovers {
        ctx.warn(
            format!("IDRegDocument {}", d.id),
            format!(
                "{} {} belongs to identity {identity}, which no party of the file has",
                d.kind, d.number
            ),
        );
    }
    for mut r in st.records {
        if r.sanctions.is_empty() {
            r.sanctions.push(Sanction {
                authority: "OFAC".into(),
                ..Sanction::default()
            });
        }
        ctx.push(r);
    }
    Ok(())
}

/// `Year`, `Month`, `Day` children; a missing month or day reads as 1.
fn date_point(n: &Node) -> Option<(i32, u8, u8)> {
    let y = n.child_text("Year")?.parse().ok()?;
    let m = n.child_text("Month").map_or(Some(1), |m| m.parse().ok())?;
    let d = n.child_text("Day").map_or(Some(1), |d| d.parse().ok())?;
    Some((y, m, d))
}

/// The end of a period given by a point: a missing month or day reads as the last one.
fn date_point_end(n: &Node) -> Option<(i32, u8, u8)> {
    let y = n.child_text("Year")?.parse().ok()?;
    let m: u8 = n.child_text("Month").map_or(Some(12), |m| m.parse().ok())?;
    let d = match n.child_text("Day") {
        Some(d) => d.parse().ok()?,
        None => match m {
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        },
    };
    Some((y, m, d))
}

/// A `DatePeriod` (`Start`/`End`, each `From`/`To`) as a date value: the span from the earliest
/// possible start to the latest possible end. `None` for an empty period.
fn date_period(dp: &Node) -> Option<Result<DateValue, String>> {
    let start = dp.child("Start");
    let end = dp.child("End");
    if start.is_none() && end.is_none() {
        return None;
    }
    fn pick<'a>(b: Option<&'a Node>, which: &str) -> Option<&'a Node> {
        b.and_then(|b| b.child(which))
    }
    let lo = pick(start, "From")
        .and_then(date_point)
        .or_else(|| pick(start, "To").and_then(date_point))
        .or_else(|| pick(end, "From").and_then(date_point));
    let hi = pick(end, "To")
        .and_then(date_point_end)
        .or_else(|| pick(end, "From").and_then(date_point_end))
        .or_else(|| pick(start, "To").and_then(date_point_end));
    let Some(lo) = lo else {
        return Some(Err("date period without a year".into()));
    };
    let approx = [start, end]
        .iter()
        .flatten()
        .any(|b| is_true(b.attr("Approximate")));
    Some(date_from_span(lo, hi.unwrap_or(lo), approx).map_err(|e| e.to_string()))
}

/// OFAC's feature type ids are stable across exports and formats (the enhanced XML uses the same
/// numbers): the core ones, for files whose reference values leave them out.
fn standard_feature_type(id: &str) -> Option<&'static str> {
    Some(match id {
        "1" => "Vessel Call Sign",
        "2" => "VESSEL TYPE",
        "3" => "Vessel Flag",
        "4" => "Vessel Owner",
        "5" => "Vessel Tonnage",
        "6" => "Vessel Gross Registered Tonnage",
        "8" => "Birthdate",
        "9" => "Place of Birth",
        "10" => "Nationality Country",
        "11" => "Citizenship Country",
        "13" => "SWIFT/BIC",
        "14" => "Website",
        "21" => "Email Address",
        "25" => "Location",
        "26" => "Title",
        "224" => "Gender",
        _ => return None,
    })
}

/// Join the parts of a documented name: `LAST, Given names` for Latin and Cyrillic names with
/// a last name (as OFAC writes them), the parts in order otherwise (no spaces between Han or
/// kana parts).
fn compose_name(parts: &[(&str, String)], script: Option<&str>) -> String {
    let is_last = |t: &str| t.eq_ignore_ascii_case("Last Name");
    let last: Vec<&str> = parts
        .iter()
        .filter(|(t, _)| is_last(t))
        .map(|(_, v)| v.as_str())
        .collect();
    let rest: Vec<&str> = parts
        .iter()
        .filter(|(t, _)| !is_last(t))
        .map(|(_, v)| v.as_str())
        .collect();
    let comma_style = script
        .is_none_or(|s| s.eq_ignore_ascii_case("latin") || s.eq_ignore_ascii_case("cyrillic"));
    if comma_style && !last.is_empty() && !rest.is_empty() {
        return format!("{}, {}", last.join(" "), rest.join(" "));
    }
    let all: Vec<&str> = parts.iter().map(|(_, v)| v.as_str()).collect();
    let ideographic = all
        .iter()
        .all(|p| matches!(Script::detect(p), Script::Han | Script::Kana));
    all.join(if ideographic { "" } else { " " })
}

impl State {
    fn read_location(&mut self, ctx: &mut SourceContext, n: &Node) {
        let Some(id) = n.attr("ID") else {
            ctx.warn("Locations", "location without ID");
            return;
        };
        let mut parts = Vec::new();
        for lp in n.children("LocationPart") {
            let kind = self
                .refs
                .text("LocPartType", lp.attr("LocPartTypeID"))
                .unwrap_or("Unknown")
                .to_string();
            let values: Vec<&Node> = lp.children("LocationPartValue").collect();
            let chosen = values
                .iter()
                .find(|v| is_true(v.attr("Primary")))
                .or(values.first());
            if let Some(v) = chosen.and_then(|v| v.child_text("Value")) {
                parts.push((kind, v.to_string()));
            }
        }
        let mut country_code = None;
        let mut country_name = None;
        if let Some(lc) = n.child("LocationCountry") {
            match self.refs.country(lc.attr("CountryID")) {
                Some((code, name)) => {
                    country_code = code;
                    country_name = Some(name);
                }
                None => ctx.warn(
                    format!("location {id}"),
                    format!("unknown CountryID {}", lc.attr("CountryID").unwrap_or("?")),
                ),
            }
        } else if let Some(ac) = n.child("LocationAreaCode") {
            // An area code without a country: the code is ISO alpha-2 (or "undetermined").
            if let Some(a) = self.refs.get("AreaCode", ac.attr("AreaCodeID")) {
                let desc = a.attr("Description").unwrap_or("");
                if !desc.eq_ignore_ascii_case("undetermined") {
                    country_code = Some(a.text.clone()).filter(|t| !t.is_empty());
                    country_name = Some(desc.to_string()).filter(|t| !t.is_empty());
                }
            }
        }
        self.locations.insert(
            id.to_string(),
            Location {
                parts,
                country_code,
                country_name,
            },
        );
    }

    fn read_document(&mut self, ctx: &mut SourceContext, n: &Node) {
        let id = n.attr("ID").unwrap_or("?").to_string();
        let loc = format!("IDRegDocument {id}");
        let Some(identity) = n.attr("IdentityID") else {
            ctx.warn(loc, "document without IdentityID");
            return;
        };
        let Some(number) = n.child_text("IDRegistrationNo") else {
            ctx.warn(loc, "document without IDRegistrationNo");
            return;
        };
        // Russian registrations name their register in IssuingAuthority (`INN`, `OGRN`).
        let authority = n.child_text("IssuingAuthority").filter(|a| {
            ["INN", "OGRN", "OGRNIP"]
                .iter()
                .any(|k| a.eq_ignore_ascii_case(k))
        });
        let kind = match (
            self.refs.text("IDRegDocType", n.attr("IDRegDocTypeID")),
            authority,
        ) {
            (Some(_), Some(a)) => a.to_ascii_uppercase(),
            (Some(k), None) => k.to_string(),
            (None, _) => {
                ctx.warn(
                    &loc,
                    format!(
                        "unknown IDRegDocTypeID {}",
                        n.attr("IDRegDocTypeID").unwrap_or("?")
                    ),
                );
                "Identification Number".to_string()
            }
        };
        let issuer = match n.attr("IssuedBy-CountryID") {
            Some(cid) => match self.refs.country(Some(cid)) {
                Some((code, name)) => code.or(Some(name)),
                None => {
                    ctx.warn(&loc, format!("unknown IssuedBy-CountryID {cid}"));
                    None
                }
            },
            None => None,
        };
        let fraudulent = self
            .refs
            .text("Validity", n.attr("ValidityID"))
            .is_some_and(|v| v.eq_ignore_ascii_case("fraudulent"));
        self.documents
            .entry(identity.to_string())
            .or_default()
            .push(Document {
                id,
                kind,
                number: number.to_string(),
                issuer,
                fraudulent,
            });
    }

    fn schema_of(&self, ctx: &mut SourceContext, loc: &str, sub_type: Option<&str>) -> Schema {
        let sub = self.refs.get("PartySubType", sub_type);
        let sub_text = sub.map(|s| s.text.to_ascii_lowercase()).unwrap_or_default();
        let party_type = sub
            .and_then(|s| s.attr("PartyTypeID"))
            .and_then(|t| self.refs.text("PartyType", Some(t)))
            .unwrap_or("")
            .to_ascii_lowercase();
        match (sub_text.as_str(), party_type.as_str()) {
            ("vessel", _) => Schema::Vessel,
            ("aircraft", _) => Schema::Airplane,
            (_, "individual") => Schema::Person,
            (_, "entity") | (_, "other entity") => Schema::Organization,
            _ => {
                ctx.warn(
                    loc,
                    format!(
                        "unknown party type (PartySubTypeID {}), read as a legal entity",
                        sub_type.unwrap_or("?")
                    ),
                );
                Schema::LegalEntity
            }
        }
    }

    fn read_party(&mut self, ctx: &mut SourceContext, dp: &Node, ordinal: usize) {
        let profiles: Vec<&Node> = dp.children("Profile").collect();
        if profiles.is_empty() {
            ctx.skip(
                format!("DistinctParty {}", dp.attr("FixedRef").unwrap_or("?")),
                "party without a profile",
            );
        }
        for p in profiles {
            let Some(pid) = p.attr("ID").or(dp.attr("FixedRef")) else {
                ctx.skip(format!("DistinctParty #{ordinal}"), "profile without ID");
                continue;
            };
            let loc = format!("profile {pid}");
            let schema = self.schema_of(ctx, &loc, p.attr("PartySubTypeID"));
            let mut r = Record::new(&ctx.dataset, pid, schema);
            if let Some(c) = dp.child_text("Comment") {
                Record::push_unique(&mut r.remarks, c);
            }
            let identities: Vec<&Node> = p.children("Identity").collect();
            let single = identities.len() == 1;
            for ident in &identities {
                self.read_identity(ctx, &mut r, &loc, ident, single);
            }
            if r.names.is_empty() {
                ctx.warn(&loc, "party without a name");
            }
            if r.schema == Schema::Organization {
                r.schema = entity_schema(r.names.iter().map(|n| n.value.as_str()));
            }
            for f in p.children("Feature") {
                self.read_feature(ctx, &mut r, &loc, f);
            }
            if self.by_profile.contains_key(pid) {
                ctx.warn(
                    &loc,
                    "profile ID repeated; the later profile is kept separately",
                );
            }
            self.by_profile.insert(pid.to_string(), self.records.len());
            self.records.push(r);
        }
    }

    fn read_identity(
        &mut self,
        ctx: &mut SourceContext,
        r: &mut Record,
        loc: &str,
        ident: &Node,
        single: bool,
    ) {
        let primary_identity = single || is_true(ident.attr("Primary"));
        let groups: HashMap<&str, &str> = ident
            .path(&["NamePartGroups", "MasterNamePartGroup", "NamePartGroup"])
            .filter_map(|g| {
                Some((
                    g.attr("ID")?,
                    self.refs.text("NamePartType", g.attr("NamePartTypeID"))?,
                ))
            })
            .collect();
        for alias in ident.children("Alias") {
            let alias_type = self
                .refs
                .text("AliasType", alias.attr("AliasTypeID"))
                .unwrap_or("");
            let base = if is_true(alias.attr("Primary")) && primary_identity {
                NameKind::Primary
            } else {
                alias_kind(alias_type, is_true(alias.attr("LowQuality")))
            };
            struct Doc<'a> {
                parts: Vec<(&'a str, String)>,
                script: Option<&'a str>,
                primary_latin: bool,
            }
            let docs: Vec<Doc> = alias
                .children("DocumentedName")
                .map(|dn| {
                    let values: Vec<&Node> =
                        dn.path(&["DocumentedNamePart", "NamePartValue"]).collect();
                    let script = values
                        .first()
                        .and_then(|v| self.refs.text("Script", v.attr("ScriptID")));
                    let parts = values
                        .iter()
                        .filter_map(|v| {
                            let kind = v
                                .attr("NamePartGroupID")
                                .and_then(|g| groups.get(g).copied())
                                .unwrap_or("");
                            Some((kind, crate::ofac_xml::strip_bidi(v.text()?)))
                        })
                        .collect();
                    let primary_latin = self
                        .refs
                        .text("DocNameStatus", dn.attr("DocNameStatusID"))
                        .is_some_and(|s| s.eq_ignore_ascii_case("primary latin"));
                    Doc {
                        parts,
                        script,
                        primary_latin,
                    }
                })
                .collect();
            let main = docs
                .iter()
                .position(|d| d.primary_latin)
                .or_else(|| {
                    docs.iter()
                        .position(|d| d.script.is_none_or(|s| s.eq_ignore_ascii_case("latin")))
                })
                .unwrap_or(0);
            for (i, d) in docs.iter().enumerate() {
                let kind = if base == NameKind::Primary && i != main {
                    NameKind::Alias
                } else {
                    base
                };
                let full = compose_name(&d.parts, d.script);
                if full.trim().is_empty() {
                    ctx.warn(loc, "documented name without parts");
                    continue;
                }
                add_name_lang(r, &full, kind, d.script);
                if kind == NameKind::Primary && r.schema == Schema::Person {
                    for (ptype, value) in &d.parts {
                        let np = &mut r.name_parts;
                        let slot = match ptype.to_ascii_lowercase().as_str() {
                            "first name" => &mut np.first,
                            "middle name" => &mut np.middle,
                            "last name" | "maiden name" => &mut np.last,
                            "patronymic" => &mut np.patronymic,
                            _ => continue,
                        };
                        Record::push_unique(slot, value.as_str());
                    }
                }
            }
        }
        if let Some(docs) = ident.attr("ID").and_then(|id| self.documents.remove(id)) {
            for d in docs {
                apply_fact(ctx, r, loc, &d.kind, &d.number, d.issuer.as_deref());
                if d.fraudulent {
                    Record::push_unique(
                        &mut r.remarks,
                        format!("{} {} (fraudulent)", d.kind, d.number),
                    );
                }
            }
        }
    }

    fn read_feature(&self, ctx: &mut SourceContext, r: &mut Record, loc: &str, f: &Node) {
        let type_id = f.attr("FeatureTypeID");
        let kind = match self.refs.text("FeatureType", type_id) {
            Some(k) => k,
            None => match type_id.and_then(standard_feature_type) {
                Some(k) => {
                    ctx.warn(
                        loc,
                        format!(
                            "FeatureTypeID {} is not in the file's reference values; read as OFAC's `{k}`",
                            type_id.unwrap_or("?")
                        ),
                    );
                    k
                }
                None => {
                    ctx.warn(
                        loc,
                        format!("unknown FeatureTypeID {}", type_id.unwrap_or("?")),
                    );
                    return;
                }
            },
        };
        let lower = kind.trim().to_ascii_lowercase();
        for v in f.children("FeatureVersion") {
            let mut locations: Vec<&Location> = Vec::new();
            let mut missing = false;
            for vl in v.children("VersionLocation") {
                match vl.attr("LocationID").and_then(|id| self.locations.get(id)) {
                    Some(l) => locations.push(l),
                    None => {
                        missing = true;
                        ctx.warn(
                            loc,
                            format!(
                                "{kind}: unknown LocationID {}",
                                vl.attr("LocationID").unwrap_or("?")
                            ),
                        );
                    }
                }
            }
            if lower == "location" || lower == "address" {
                for l in locations {
                    let parts: Vec<(&str, &str)> = l
                        .parts
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    add_address(
                        ctx,
                        r,
                        loc,
                        &parts,
                        l.country_name.as_deref(),
                        l.country_code.as_deref(),
                    );
                }
                continue;
            }
            let detail = v.child("VersionDetail");
            let mut value: Option<String> = detail
                .and_then(Node::text)
                .or_else(|| {
                    detail
                        .and_then(|d| d.attr("DetailReferenceID"))
                        .and_then(|id| self.refs.text("DetailReference", Some(id)))
                })
                .map(str::to_string);
            if value.is_none()
                && let Some(span) = v.child("DatePeriod").and_then(date_period)
            {
                match span {
                    Ok(d) => value = Some(d.to_string()),
                    Err(e) => ctx.warn(loc, format!("{kind}: {e}")),
                }
            }
            if value.is_none()
                && let Some(l) = locations.iter().find(|l| !l.is_empty())
            {
                let country_feature = lower.contains("country")
                    || lower.contains("flag")
                    || lower == "nationality of registration";
                value = if country_feature {
                    l.country_code.clone().or_else(|| l.country_name.clone())
                } else {
                    Some(l.full())
                };
            }
            match value {
                Some(val) => apply_fact(ctx, r, loc, kind, &val, None),
                None if missing || !locations.is_empty() => {}
                None => ctx.warn(loc, format!("feature `{kind}` without a value")),
            }
        }
    }

    fn read_relationship(&mut self, ctx: &mut SourceContext, n: &Node) {
        let loc = format!("ProfileRelationship {}", n.attr("ID").unwrap_or("?"));
        let (Some(from), Some(to)) = (n.attr("From-ProfileID"), n.attr("To-ProfileID")) else {
            ctx.warn(loc, "relationship without From-ProfileID or To-ProfileID");
            return;
        };
        let kind = self
            .refs
            .text("RelationType", n.attr("RelationTypeID"))
            .unwrap_or("");
        let (holder, target, link_kind) = match relation(kind) {
            Relation::Forward(k) => (from, to, k),
            Relation::Inverse(k) => match self.by_profile.get(to) {
                Some(_) => (to, from, k),
                None => (from, to, LinkKind::LinkedTo),
            },
        };
        let Some(&hi) = self.by_profile.get(holder) else {
            ctx.warn(
                loc,
                format!(
                    "`{kind}` from profile {from} to {to}: profile {holder} is not in the file"
                ),
            );
            return;
        };
        let target_name = match self
            .by_profile
            .get(target)
            .and_then(|&i| self.records.get(i))
        {
            Some(t) => t.caption().to_string(),
            None => {
                ctx.warn(
                    &loc,
                    format!("`{kind}`: related profile {target} is not in the file"),
                );
                format!("OFAC profile {target}")
            }
        };
        let target_id = if self.by_profile.contains_key(target) {
            format!("{}:{target}", ctx.dataset)
        } else {
            outside_record_id(&ctx.dataset, target)
        };
        let link = Link {
            kind: link_kind,
            target_name,
            target_id: Some(target_id),
        };
        if let Some(r) = self.records.get_mut(hi) {
            add_link(r, link);
        }
    }

    fn read_sanctions_entry(&mut self, ctx: &mut SourceContext, n: &Node) {
        let loc = format!("SanctionsEntry {}", n.attr("ID").unwrap_or("?"));
        let Some(pid) = n.attr("ProfileID") else {
            ctx.warn(loc, "sanctions entry without ProfileID");
            return;
        };
        let Some(r) = self
            .by_profile
            .get(pid)
            .and_then(|&i| self.records.get_mut(i))
        else {
            ctx.warn(loc, format!("profile {pid} is not in the file"));
            return;
        };
        let list = match n.attr("ListID") {
            Some(id) => match self.refs.text("List", Some(id)) {
                Some(l) => Some(list_name(l)),
                None => {
                    ctx.warn(&loc, format!("unknown ListID {id}"));
                    None
                }
            },
            None => None,
        };
        let mut listing_date: Option<DateValue> = None;
        for ev in n.children("EntryEvent") {
            if let Some(d) = ev.child("Date") {
                match date_point(d).map(|(y, m, day)| DateValue::exact(y, m, day)) {
                    Some(Ok(v)) => {
                        if listing_date.is_none_or(|cur| v < cur) {
                            listing_date = Some(v);
                        }
                    }
                    _ => ctx.warn(&loc, "unreadable EntryEvent date"),
                }
            }
            if let Some(lb) = self.refs.get("LegalBasis", ev.attr("LegalBasisID")) {
                let text = lb.attr("LegalBasisShortRef").unwrap_or(lb.text.as_str());
                if !text.eq_ignore_ascii_case("unknown") {
                    r.add_property("legalBasis", text);
                }
            }
        }
        let mut programs = Vec::new();
        for m in n.children("SanctionsMeasure") {
            let t = self.refs.text("SanctionsType", m.attr("SanctionsTypeID"));
            match t {
                Some(t) if t.eq_ignore_ascii_case("program") => {
                    if let Some(c) = m.child_text("Comment") {
                        Record::push_unique(&mut programs, c);
                    }
                }
                Some(t) => {
                    r.add_property("provisions", t);
                    if let Some(c) = m.child_text("Comment") {
                        Record::push_unique(&mut r.remarks, format!("{t}: {c}"));
                    }
                }
                None => ctx.warn(
                    &loc,
                    format!(
                        "unknown SanctionsTypeID {}",
                        m.attr("SanctionsTypeID").unwrap_or("?")
                    ),
                ),
            }
        }
        for s in n.path(&["SupportingInfo", "Text"]).filter_map(Node::text) {
            Record::push_unique(&mut r.remarks, s);
        }
        r.sanctions.push(Sanction {
            authority: "OFAC".into(),
            list,
            programs,
            listing_date,
            ..Sanction::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_names_like_ofac() {
        let p = |v: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
            v.iter().map(|(k, s)| (*k, s.to_string())).collect()
        };
        assert_eq!(
            compose_name(
                &p(&[
                    ("Last Name", "HANIYA"),
                    ("First Name", "Ismail Abdul Salah")
                ]),
                Some("Latin")
            ),
            "HANIYA, Ismail Abdul Salah"
        );
        assert_eq!(
            compose_name(
                &p(&[("First Name", "حسن"), ("Last Name", "سبری نژاد")]),
                Some("Arabic")
            ),
            "حسن سبری نژاد"
        );
        assert_eq!(
            compose_name(
                &p(&[("Last Name", "金"), ("First Name", "正恩")]),
                Some("Chinese Simplified")
            ),
            "金正恩"
        );
        assert_eq!(
            compose_name(&p(&[("Entity Name", "HAMAS")]), Some("Latin")),
            "HAMAS"
        );
    }
}
