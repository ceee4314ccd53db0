//! OFAC classic XML (`sdnList`): `sdn.xml` and `consolidated.xml` share one schema.
//!
//! Each `sdnEntry` is read as a small element tree (one entry at a time, so memory stays flat)
//! and mapped to a record whose id is the entry `uid` (the SDN `ent_num`).
//!
//! This module also holds what the three OFAC XML parsers share (`ofac_enhanced_xml`,
//! `ofac_advanced_xml`): the element-tree reader over quick-xml, and the mapping of OFAC's
//! identifier and feature types (the same names appear in all three formats) onto the model.

use crate::{SourceContext, SourceError};
use interdict_model::date::PartialDate;
use interdict_model::{
    Address, DateValue, IdKind, Identifier, Link, LinkKind, NameKind, Record, Sanction, Schema,
    country,
};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;
use std::path::{Path, PathBuf};

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        parse_file(path, ctx)?;
    }
    Ok(())
}

fn parse_file(path: &Path, ctx: &mut SourceContext) -> Result<(), SourceError> {
    let list = if ctx.dataset.contains("cons") {
        "Consolidated"
    } else {
        "SDN"
    };
    let mut xs = XmlStream::open(path)?;
    xs.expect_root("sdnList")?;
    let mut declared_count: Option<usize> = None;
    let mut entries = 0usize;
    while let Some((node, empty)) = xs.next_open()? {
        match node.name.as_str() {
            "publshInformation" | "publishInformation" => {
                let info = xs.read_element(node, empty)?;
                if let Some(d) = info.child_text("Publish_Date") {
                    match us_date(d) {
                        Some(iso) => ctx.set_list_date(iso),
                        None => ctx.warn(
                            "publshInformation",
                            format!("unreadable Publish_Date `{d}`"),
                        ),
                    }
                }
                if let Some(n) = info.child_text("Record_Count") {
                    declared_count = n.parse().ok();
                }
            }
            "sdnEntry" => {
                entries += 1;
                let entry = xs.read_element(node, empty)?;
                sdn_entry(ctx, &entry, list, entries);
            }
            _ => {}
        }
    }
    if let Some(n) = declared_count
        && n != entries
    {
        ctx.warn(
            "publshInformation",
            format!("Record_Count says {n} entries, the file holds {entries}"),
        );
    }
    Ok(())
}

fn sdn_entry(ctx: &mut SourceContext, n: &Node, list: &str, ordinal: usize) {
    let Some(uid) = n.child_text("uid") else {
        ctx.skip(format!("sdnEntry #{ordinal}"), "entry without uid");
        return;
    };
    let loc = format!("uid {uid}");
    let first = n.child_text("firstName");
    let last = n.child_text("lastName");
    let full = join_last_first(last, first);
    let sdn_type = n.child_text("sdnType").unwrap_or("");
    let schema = match sdn_type.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        "entity" | "" => Schema::Organization,
        other => {
            ctx.warn(
                &loc,
                format!("unknown sdnType `{other}`, read as an entity"),
            );
            Schema::Organization
        }
    };
    let mut r = Record::new(&ctx.dataset, uid, schema);
    if !r.add_name(&full, NameKind::Primary) {
        ctx.warn(&loc, "entry without a name");
    }
    if schema == Schema::Person {
        if let Some(f) = first {
            Record::push_unique(&mut r.name_parts.first, f);
        }
        if let Some(l) = last {
            Record::push_unique(&mut r.name_parts.last, l);
        }
    }
    if let Some(t) = n.child_text("title") {
        Record::push_unique(&mut r.positions, t);
    }
    let programs: Vec<String> = n
        .path(&["programList", "program"])
        .filter_map(Node::text)
        .map(str::to_string)
        .collect();
    r.sanctions.push(Sanction {
        authority: "OFAC".into(),
        list: Some(list.to_string()),
        programs,
        ..Sanction::default()
    });
    for aka in n.path(&["akaList", "aka"]) {
        let name = join_last_first(aka.child_text("lastName"), aka.child_text("firstName"));
        let weak = aka
            .child_text("category")
            .is_some_and(|c| c.eq_ignore_ascii_case("weak"));
        let kind = alias_kind(aka.child_text("type").unwrap_or(""), weak);
        r.add_name(&name, kind);
    }
    if r.schema == Schema::Organization {
        r.schema = entity_schema(r.names.iter().map(|n| n.value.as_str()));
    }
    for a in n.path(&["addressList", "address"]) {
        let parts: Vec<(&str, &str)> = [
            ("ADDRESS1", "address1"),
            ("ADDRESS2", "address2"),
            ("ADDRESS3", "address3"),
            ("CITY", "city"),
            ("STATE/PROVINCE", "stateOrProvince"),
            ("POSTAL CODE", "postalCode"),
            ("REGION", "region"),
        ]
        .iter()
        .filter_map(|(kind, tag)| a.child_text(tag).map(|v| (*kind, v)))
        .collect();
        add_address(ctx, &mut r, &loc, &parts, a.child_text("country"), None);
    }
    for id in n.path(&["idList", "id"]) {
        let (Some(kind), Some(value)) = (id.child_text("idType"), id.child_text("idNumber")) else {
            ctx.warn(&loc, "id without idType or idNumber");
            continue;
        };
        apply_fact(ctx, &mut r, &loc, kind, value, id.child_text("idCountry"));
    }
    for c in n.path(&["nationalityList", "nationality"]) {
        if let Some(v) = c.child_text("country") {
            apply_fact(ctx, &mut r, &loc, "Nationality Country", v, None);
        }
    }
    for c in n.path(&["citizenshipList", "citizenship"]) {
        if let Some(v) = c.child_text("country") {
            apply_fact(ctx, &mut r, &loc, "Citizenship Country", v, None);
        }
    }
    for d in n.path(&["dateOfBirthList", "dateOfBirthItem"]) {
        if let Some(v) = d.child_text("dateOfBirth") {
            apply_fact(ctx, &mut r, &loc, "Birthdate", v, None);
        }
    }
    for p in n.path(&["placeOfBirthList", "placeOfBirthItem"]) {
        if let Some(v) = p.child_text("placeOfBirth") {
            apply_fact(ctx, &mut r, &loc, "Place of Birth", v, None);
        }
    }
    if let Some(v) = n.child("vesselInfo") {
        for (tag, kind) in [
            ("callSign", "Vessel Call Sign"),
            ("vesselType", "VESSEL TYPE"),
            ("vesselFlag", "Vessel Flag"),
            ("vesselOwner", "Vessel Owner"),
            ("tonnage", "Vessel Tonnage"),
            ("grossRegisteredTonnage", "Vessel Gross Registered Tonnage"),
        ] {
            if let Some(value) = v.child_text(tag) {
                apply_fact(ctx, &mut r, &loc, kind, value, None);
            }
        }
    }
    if let Some(rem) = n.child_text("remarks") {
        // The classic format has no relationship elements: links live in the remarks.
        for target in linked_to(rem) {
            add_link(
                &mut r,
                Link {
                    kind: LinkKind::LinkedTo,
                    target_name: target,
                    target_id: None,
                },
            );
        }
        Record::push_unique(&mut r.remarks, rem);
    }
    ctx.push(r);
}

/// The names in `(Linked To: NAME)` / `Linked To: NAME;` remarks (names may hold parentheses).
fn linked_to(remarks: &str) -> Vec<String> {
    const KEY: &str = "Linked To:";
    let mut out = Vec::new();
    let mut rest = remarks;
    while let Some(i) = rest.find(KEY) {
        let after = rest.get(i + KEY.len()..).unwrap_or("");
        let mut depth = 0usize;
        let mut end = after.len();
        for (j, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = j;
                    break;
                }
                ')' => depth -= 1,
                ';' if depth == 0 => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        let mut name = after.get(..end).unwrap_or("").trim();
        // `(Linked To: X CO., LTD.)` keeps its dot; `...; Linked To: X.` ends a sentence.
        if !after.get(end..).unwrap_or("").starts_with(')') {
            name = name.trim_end_matches('.').trim();
        }
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        rest = after.get(end..).unwrap_or("");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Element-tree reader shared by the three OFAC XML parsers.
// ---------------------------------------------------------------------------------------------

/// One XML element with its attributes, text and children; names are local (no namespace).
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// An attribute value, trimmed; `None` when absent or empty.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The element's own text, trimmed; `None` when empty.
    pub fn text(&self) -> Option<&str> {
        Some(self.text.trim()).filter(|t| !t.is_empty())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child of that name.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(Node::text)
    }

    /// Every element reached by following the names from this one (`["akaList", "aka"]`).
    pub fn path<'a>(&'a self, names: &'a [&'a str]) -> Box<dyn Iterator<Item = &'a Node> + 'a> {
        match names.split_first() {
            None => Box::new(std::iter::once(self)),
            Some((first, rest)) => Box::new(self.children(first).flat_map(move |c| c.path(rest))),
        }
    }
}

/// A streaming reader that hands out start tags and reads chosen elements whole.
pub(crate) struct XmlStream<'p> {
    reader: Reader<Box<dyn BufRead>>,
    buf: Vec<u8>,
    path: &'p Path,
    open: Vec<String>,
    seen_root: bool,
}

enum Item {
    Open(Node, bool),
    Close,
    Text(String),
    Eof,
}

fn local_name(raw: &[u8]) -> String {
    let name = match raw.iter().rposition(|b| *b == b':') {
        Some(i) => raw.get(i + 1..).unwrap_or(raw),
        None => raw,
    };
    String::from_utf8_lossy(name).into_owned()
}

fn node_from(e: &BytesStart<'_>) -> Result<Node, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let key = a.key.as_ref();
        if key.starts_with(b"xmlns") {
            continue;
        }
        let value = a.unescape_value().map_err(|err| err.to_string())?;
        attrs.push((local_name(key), value.into_owned()));
    }
    Ok(Node {
        name: local_name(e.name().as_ref()),
        attrs,
        ..Node::default()
    })
}

impl<'p> XmlStream<'p> {
    pub fn open(path: &'p Path) -> Result<Self, SourceError> {
        let input = crate::input::open(path)?;
        let mut reader = Reader::from_reader(input);
        reader.config_mut().check_end_names = true;
        Ok(XmlStream {
            reader,
            buf: Vec::with_capacity(8 * 1024),
            path,
            open: Vec::new(),
            seen_root: false,
        })
    }

    fn malformed(&self, msg: impl Into<String>) -> SourceError {
        SourceError::malformed(
            self.path,
            format!("byte {}", self.reader.buffer_position()),
            msg,
        )
    }

    fn next_item(&mut self) -> Result<Item, SourceError> {
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(err) => {
                    let pos = self.reader.error_position();
                    return Err(SourceError::xml(self.path, pos, err));
                }
            };
            let item = match event {
                Event::Start(e) => {
                    let node = node_from(&e);
                    match node {
                        Ok(n) => {
                            self.open.push(n.name.clone());
                            Item::Open(n, false)
                        }
                        Err(msg) => return Err(self.malformed(msg)),
                    }
                }
                Event::Empty(e) => match node_from(&e) {
                    Ok(n) => Item::Open(n, true),
                    Err(msg) => return Err(self.malformed(msg)),
                },
                Event::End(_) => {
                    self.open.pop();
                    Item::Close
                }
                Event::Text(t) => Item::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::CData(t) => Item::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => {
                            let name = String::from_utf8_lossy(&r).into_owned();
                            quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                        }
                        Err(_) => None,
                    };
                    match resolved {
                        Some(s) => Item::Text(s),
                        None => {
                            let name = String::from_utf8_lossy(&r).into_owned();
                            return Err(
                                self.malformed(format!("unknown entity reference `&{name};`"))
                            );
                        }
                    }
                }
                Event::Eof => {
                    if let Some(inside) = self.open.last() {
                        let msg =
                            format!("unexpected end of file inside <{inside}> (file truncated?)");
                        return Err(self.malformed(msg));
                    }
                    if !self.seen_root {
                        return Err(self.malformed("no XML root element"));
                    }
                    Item::Eof
                }
                _ => continue,
            };
            if let Item::Open(..) = item {
                self.seen_root = true;
            }
            return Ok(item);
        }
    }

    /// Read the root element and check its name.
    pub fn expect_root(&mut self, name: &str) -> Result<(), SourceError> {
        loop {
            match self.next_item()? {
                Item::Open(n, _) if n.name == name => return Ok(()),
                Item::Open(n, _) => {
                    let msg = format!("expected a <{name}> document, found <{}>", n.name);
                    return Err(self.malformed(msg));
                }
                Item::Text(t) if t.trim().is_empty() || t.trim() == "\u{feff}" => {}
                Item::Text(_) | Item::Close => {
                    return Err(self.malformed(format!("expected a <{name}> document")));
                }
                Item::Eof => return Err(self.malformed("no XML root element")),
            }
        }
    }

    /// The next start tag (and whether it is an empty element), or `None` at the end of a
    /// well-formed document.
    pub fn next_open(&mut self) -> Result<Option<(Node, bool)>, SourceError> {
        loop {
            match self.next_item()? {
                Item::Open(n, empty) => return Ok(Some((n, empty))),
                Item::Eof => return Ok(None),
                Item::Close | Item::Text(_) => {}
            }
        }
    }

    /// Read the rest of an element whose start tag `next_open` returned.
    pub fn read_element(&mut self, node: Node, empty: bool) -> Result<Node, SourceError> {
        if empty {
            return Ok(node);
        }
        let mut stack = vec![node];
        loop {
            match self.next_item()? {
                Item::Open(n, true) => {
                    if let Some(top) = stack.last_mut() {
                        top.children.push(n);
                    }
                }
                Item::Open(n, false) => stack.push(n),
                Item::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&t);
                    }
                }
                Item::Close => {
                    let Some(done) = stack.pop() else {
                        return Err(self.malformed("unbalanced end tag"));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Item::Eof => return Err(self.malformed("unexpected end of file")),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared mapping helpers.
// ---------------------------------------------------------------------------------------------

/// `MM/DD/YYYY` (OFAC's Publish_Date) to ISO.
fn us_date(s: &str) -> Option<String> {
    let mut it = s.trim().split('/');
    let m: u8 = it.next()?.trim().parse().ok()?;
    let d: u8 = it.next()?.trim().parse().ok()?;
    let y: i32 = it.next()?.trim().parse().ok()?;
    if it.next().is_some() {
        return None;
    }
    let p = PartialDate::new(y, Some(m), Some(d)).ok()?;
    Some(p.to_string())
}

/// `LAST, First` as OFAC writes individuals (just `LAST` when there is no first name).
pub(crate) fn join_last_first(last: Option<&str>, first: Option<&str>) -> String {
    match (last.map(str::trim), first.map(str::trim)) {
        (Some(l), Some(f)) if !l.is_empty() && !f.is_empty() => format!("{l}, {f}"),
        (Some(l), _) if !l.is_empty() => l.to_string(),
        (_, Some(f)) => f.to_string(),
        _ => String::new(),
    }
}

/// The name kind of an OFAC alias type (`a.k.a.`, `f.k.a.`, `n.k.a.`), weak ones first: a
/// weak alias must never alert on its own, whatever its type.
pub(crate) fn alias_kind(alias_type: &str, weak: bool) -> NameKind {
    if weak {
        return NameKind::WeakAlias;
    }
    let t: String = alias_type
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    match t.as_str() {
        "fka" => NameKind::FormerName,
        _ => NameKind::Alias,
    }
}

/// Remove bidirectional control characters (OFAC wraps Arabic names in U+202B…U+202C).
pub(crate) fn strip_bidi(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                *c,
                '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
        })
        .collect()
}

/// Add a name and tag it with the script the list declares for it.
pub(crate) fn add_name_lang(r: &mut Record, value: &str, kind: NameKind, lang: Option<&str>) {
    let value = strip_bidi(value);
    if r.add_name(&value, kind)
        && let (Some(lang), Some(name)) = (lang, r.names.last_mut())
    {
        name.lang = Some(lang.to_string());
    }
}

/// Organization, or Company when one of the names carries a legal form.
pub(crate) fn entity_schema<'a>(mut names: impl Iterator<Item = &'a str>) -> Schema {
    if names.any(has_legal_form) {
        Schema::Company
    } else {
        Schema::Organization
    }
}

const LEGAL_FORM_TOKENS: &[&str] = &[
    "LLC",
    "LTD",
    "LIMITED",
    "JSC",
    "OJSC",
    "PJSC",
    "CJSC",
    "OAO",
    "ZAO",
    "PAO",
    "AO",
    "OOO",
    "TOO",
    "INC",
    "INCORPORATED",
    "CORP",
    "CORPORATION",
    "COMPANY",
    "CO",
    "GMBH",
    "AG",
    "SA",
    "SAS",
    "SARL",
    "SRL",
    "SPA",
    "BV",
    "NV",
    "PLC",
    "LLP",
    "LP",
    "FZE",
    "FZCO",
    "FZC",
    "DMCC",
    "PTE",
    "PTY",
    "KG",
    "AB",
    "AS",
    "OY",
    "SL",
    "SDN",
    "BHD",
    "TBK",
    "JSCB",
    "OOD",
    "EOOD",
    "DOO",
    "KFT",
    "SPZOO",
    "PJS",
    "JV",
    "PVT",
    "ООО",
    "АО",
    "ОАО",
    "ЗАО",
    "ПАО",
    "ТОВ",
];

const LEGAL_FORM_PHRASES: &[&str] = &[
    "JOINT STOCK",
    "LIMITED LIABILITY",
    "AKTSIONERNOE OBSHCHESTVO",
    "OBSHCHESTVO S OGRANICHENNOI",
    "OBSHCHESTVO S OGRANICHENNOY",
    "TOVARYSTVO Z OBMEZHENOIU",
    "YOUXIAN GONGSI",
    "SOCIEDAD ANONIMA",
    "SOCIETE ANONYME",
    "SHERKAT-E SAHAMI",
    "有限公司",
    "股份公司",
    "주식회사",
    "ОБЩЕСТВО С ОГРАНИЧЕННОЙ",
    "АКЦИОНЕРНОЕ ОБЩЕСТВО",
];

fn has_legal_form(name: &str) -> bool {
    let upper = name.to_uppercase();
    if LEGAL_FORM_PHRASES.iter().any(|p| upper.contains(p)) {
        return true;
    }
    let squeezed = upper.replace('.', "");
    squeezed
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| LEGAL_FORM_TOKENS.contains(&t))
}

/// Resolve a country as OFAC writes it (names, ISO codes, `Palestinian`, `Region: Gaza`).
/// `Ok(None)` for empty text and regions that are not countries; `Err(())` when unknown.
pub(crate) fn ofac_country(raw: &str) -> Result<Option<String>, ()> {
    let t = raw.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("undetermined") {
        return Ok(None);
    }
    if let Some(c) = country::to_code(t) {
        return Ok(Some(c));
    }
    let lower = t.to_ascii_lowercase();
    if lower == "palestinian" {
        return Ok(Some("PS".into()));
    }
    if let Some(region) = lower.strip_prefix("region:") {
        // "Region: Gaza", "Region: Crimea", "Region: Kurdistan Region": a place, not a country.
        return Ok(country::to_code(region.trim()).filter(|c| c == "PS"));
    }
    Err(())
}

/// Resolve a country, warning (and keeping the raw text in `prop`) when it is unknown.
fn country_or_warn(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    raw: &str,
    prop: &str,
) -> Option<String> {
    match ofac_country(raw) {
        Ok(c) => c,
        Err(()) => {
            ctx.warn(loc, format!("unknown country `{}` ({prop})", raw.trim()));
            r.add_property(prop, raw);
            None
        }
    }
}

/// Add a postal address from its typed parts (`ADDRESS1`, `CITY`, `STATE/PROVINCE`...) and a
/// country (name or ISO code). `country_code` overrides the resolution of `country_name`.
pub(crate) fn add_address(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    parts: &[(&str, &str)],
    country_name: Option<&str>,
    country_code: Option<&str>,
) {
    const ORDER: [&str; 7] = [
        "ADDRESS1",
        "ADDRESS2",
        "ADDRESS3",
        "CITY",
        "STATE/PROVINCE",
        "POSTAL CODE",
        "REGION",
    ];
    let rank = |k: &str| {
        ORDER
            .iter()
            .position(|o| o.eq_ignore_ascii_case(k))
            .unwrap_or(ORDER.len())
    };
    let mut sorted: Vec<(&str, &str)> = parts
        .iter()
        .map(|(k, v)| (*k, v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    sorted.sort_by_key(|(k, _)| rank(k));
    let mut texts: Vec<String> = Vec::new();
    for (_, v) in &sorted {
        let v = strip_bidi(v);
        if !texts.contains(&v) {
            texts.push(v);
        }
    }
    let city = sorted
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("CITY"))
        .map(|(_, v)| strip_bidi(v));
    let country = match (country_code, country_name) {
        (Some(code), _) => Some(code.to_string()),
        (None, Some(name)) => country_or_warn(ctx, r, loc, name, "country"),
        (None, None) => None,
    };
    if let Some(name) = country_name.map(str::trim).filter(|n| !n.is_empty())
        && !name.eq_ignore_ascii_case("undetermined")
        && !texts.iter().any(|t| t == name)
    {
        texts.push(name.to_string());
    }
    if texts.is_empty() {
        return;
    }
    let addr = Address {
        full: texts.join(", "),
        city,
        country,
    };
    if !r.addresses.contains(&addr) {
        r.addresses.push(addr);
    }
}

/// Add a birth date (or keep the raw text and warn when it cannot be read).
pub(crate) fn add_birth_date(ctx: &mut SourceContext, r: &mut Record, loc: &str, raw: &str) {
    match DateValue::parse_loose(raw) {
        Ok(d) => {
            if !r.birth_dates.contains(&d) {
                r.birth_dates.push(d);
            }
        }
        Err(e) => {
            ctx.warn(loc, format!("birth date `{}`: {e}", raw.trim()));
            r.add_property("birthDate", raw);
        }
    }
}

/// A date property kept in its ISO-like text form (raw text with a warning when unreadable).
fn add_date_property(ctx: &mut SourceContext, r: &mut Record, loc: &str, prop: &str, raw: &str) {
    match DateValue::parse_loose(raw) {
        Ok(d) => r.add_property(prop, d.to_string()),
        Err(e) => {
            ctx.warn(loc, format!("{prop} `{}`: {e}", raw.trim()));
            r.add_property(prop, raw);
        }
    }
}

/// A date span given as its earliest and latest possible day, as OFAC's enhanced and advanced
/// formats do, reduced to the coarsest exact form: `1962-01-01…1962-12-31` is the year 1962,
/// `1955-03-01…1955-03-31` is March 1955, `1951-01-01…1953-12-31` is `1951..1953`.
pub(crate) fn date_from_span(
    lo: (i32, u8, u8),
    hi: (i32, u8, u8),
    approximate: bool,
) -> Result<DateValue, interdict_model::date::DateError> {
    let (lo, hi) = if hi < lo { (hi, lo) } else { (lo, hi) };
    let last_day = |y: i32, m: u8| -> u8 {
        match m {
            4 | 6 | 9 | 11 => 30,
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        }
    };
    let whole_years = lo.1 == 1 && lo.2 == 1 && hi.1 == 12 && hi.2 == 31;
    let whole_months = lo.2 == 1 && hi.2 == last_day(hi.0, hi.1);
    let (a, b) = if whole_years {
        (
            PartialDate::new(lo.0, None, None)?,
            PartialDate::new(hi.0, None, None)?,
        )
    } else if whole_months {
        (
            PartialDate::new(lo.0, Some(lo.1), None)?,
            PartialDate::new(hi.0, Some(hi.1), None)?,
        )
    } else {
        (
            PartialDate::new(lo.0, Some(lo.1), Some(lo.2))?,
            PartialDate::new(hi.0, Some(hi.1), Some(hi.2))?,
        )
    };
    let v = if a == b {
        DateValue::from_partial(a)
    } else {
        DateValue::range(a, b)
    };
    Ok(if approximate { v.approx() } else { v })
}

/// How an OFAC relationship type maps onto a link of the record that states it.
pub(crate) enum Relation {
    /// A link from the stating record to the related one.
    Forward(LinkKind),
    /// The related record is the one linked: "X owns, controls, or operates Y" is Y owned by X.
    Inverse(LinkKind),
}

pub(crate) fn relation(kind: &str) -> Relation {
    let k = kind.trim().to_ascii_lowercase();
    if k.starts_with("owned or controlled by") || k.starts_with("property in the interest of") {
        Relation::Forward(LinkKind::OwnedBy)
    } else if k.starts_with("owns, controls, or operates") {
        Relation::Inverse(LinkKind::OwnedBy)
    } else if k.starts_with("associate of") || k.starts_with("family member of") {
        Relation::Forward(LinkKind::Associate)
    } else {
        // Acting for or on behalf of, Providing support to, Leader or official of, playing a
        // significant role in, Principal Executive Officer, and anything new.
        Relation::Forward(LinkKind::LinkedTo)
    }
}

/// The record id of an OFAC entry that is not in the file being read. Entry numbers are shared
/// by the SDN and the consolidated (non-SDN) lists, and an entry a consolidated-list record
/// points at but the consolidated list lacks is on the SDN list.
pub(crate) fn outside_record_id(dataset: &str, ent_num: &str) -> String {
    match dataset.strip_suffix("_cons") {
        Some(base) => format!("{base}_sdn:{ent_num}"),
        None => format!("{dataset}:{ent_num}"),
    }
}

/// Push a link unless the same one is there.
pub(crate) fn add_link(r: &mut Record, link: Link) {
    if !r.links.contains(&link) {
        r.links.push(link);
    }
}

/// OFAC list names (`SDN List`, `Consolidated List`) in the short form the CSV and classic XML
/// imply (`SDN`, `Consolidated`); other lists keep their full name.
pub(crate) fn list_name(raw: &str) -> String {
    let t = raw.trim();
    match t {
        "SDN List" => "SDN".into(),
        "Consolidated List" => "Consolidated".into(),
        _ => t.to_string(),
    }
}

fn norm_type(kind: &str) -> String {
    kind.trim()
        .trim_end_matches([':', '-', ' ', '.'])
        .trim()
        .to_ascii_lowercase()
        .replace('’', "'")
}

/// Apply one OFAC fact (an `idList/id` of the classic XML, a feature or identity document of
/// the enhanced and advanced XML: they share type names) to a record. `issuer` is the issuing
/// country of an identity document (name or ISO code).
pub(crate) fn apply_fact(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    kind: &str,
    value: &str,
    issuer: Option<&str>,
) {
    let value = strip_bidi(value);
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let t = norm_type(kind);
    let issuer_code = issuer.and_then(|c| country_or_warn(ctx, r, loc, c, "idCountry"));
    let ident = |k: IdKind| Identifier::new(k, value).with_country(issuer_code.clone());
    let is_ru = issuer_code.as_deref() == Some("RU");
    let other = |r: &mut Record| {
        r.add_identifier(ident(IdKind::Other));
        let note = match issuer {
            Some(c) => format!("{} {value} ({})", kind.trim(), c.trim()),
            None => format!("{} {value}", kind.trim()),
        };
        Record::push_unique(&mut r.remarks, note);
    };
    match t.as_str() {
        // Person facts.
        "birthdate" | "dob" | "date of birth" => add_birth_date(ctx, r, loc, value),
        "place of birth" | "pob" => Record::push_unique(&mut r.birth_places, value),
        "nationality country" | "nationality" => {
            if let Some(c) = country_or_warn(ctx, r, loc, value, "nationality") {
                Record::push_unique(&mut r.nationalities, c);
            }
        }
        "citizenship country" | "citizenship" => {
            if let Some(c) = country_or_warn(ctx, r, loc, value, "citizenship") {
                Record::push_unique(&mut r.citizenships, c);
            }
        }
        "gender" => match interdict_model::record::Gender::parse(value) {
            Some(g) => r.gender = Some(g),
            None => r.add_property("gender", value),
        },
        "title" => Record::push_unique(&mut r.positions, value),
        // Contact and company facts.
        "email address" | "email" => r.add_property("email", value),
        "website" => r.add_property("website", value),
        "phone number" => r.add_property("phone", value),
        "organization established date" => {
            add_date_property(ctx, r, loc, "incorporationDate", value)
        }
        "organization type" => r.add_property("sector", value),
        "target type" => r.add_property("classification", value),
        "nationality of registration" | "registration country" => {
            if let Some(c) = country_or_warn(ctx, r, loc, value, "jurisdiction") {
                Record::push_unique(&mut r.countries, c);
            }
        }
        "isin" => r.add_property("isinCode", value),
        "equity ticker" | "micex code" => r.add_property("ticker", value),
        "issuer name" => r.add_property("issuerName", value),
        "d-u-n-s number" => r.add_property("dunsCode", value),
        // Vessels and aircraft.
        "vessel call sign" | "other vessel call sign" | "call sign" => {
            r.add_identifier(ident(IdKind::CallSign))
        }
        "vessel flag" | "other vessel flag" => {
            if let Some(c) = country_or_warn(ctx, r, loc, value, "flag") {
                Record::push_unique(&mut r.flags, c);
            }
        }
        "former vessel flag" => match ofac_country(value) {
            Ok(Some(c)) => r.add_property("pastFlags", c),
            _ => r.add_property("pastFlags", value),
        },
        "vessel type" | "other vessel type" => r.add_property("vesselType", value),
        "vessel tonnage" | "tonnage" => r.add_property("tonnage", value),
        "vessel gross registered tonnage" | "gross registered tonnage" => {
            r.add_property("grossRegisteredTonnage", value)
        }
        "vessel year of build" | "aircraft manufacture date" => {
            add_date_property(ctx, r, loc, "buildDate", value)
        }
        "vessel owner" => add_link(
            r,
            Link {
                kind: LinkKind::OwnedBy,
                target_name: value.to_string(),
                target_id: None,
            },
        ),
        "aircraft operator" => add_link(
            r,
            Link {
                kind: LinkKind::OperatedBy,
                target_name: value.to_string(),
                target_id: None,
            },
        ),
        "aircraft model" => r.add_property("model", value),
        "location" => add_address(ctx, r, loc, &[("ADDRESS1", value)], None, None),
        "aircraft tail number" | "previous aircraft tail number" => {
            r.add_identifier(ident(IdKind::AircraftTail))
        }
        "aircraft manufacturer's serial number (msn)" | "aircraft serial identification" => {
            r.add_identifier(ident(IdKind::AircraftSerial))
        }
        "mmsi" => r.add_identifier(ident(IdKind::Mmsi)),
        "vessel registration identification" => {
            if value.to_ascii_uppercase().contains("IMO") {
                r.add_identifier(ident(IdKind::VesselImo));
            } else {
                r.add_identifier(ident(IdKind::Registration));
            }
        }
        // Identity documents.
        "passport"
        | "diplomatic passport"
        | "british national overseas passport"
        | "stateless person passport" => r.add_identifier(ident(IdKind::Passport)),
        "national id no"
        | "personal id card"
        | "cedula no"
        | "dni"
        | "d.n.i"
        | "kenyan id no"
        | "bosnian personal id no"
        | "moroccan personal id no"
        | "turkish identification number"
        | "tazkira national id card"
        | "uae identification"
        | "citizen's card number"
        | "c.u.r.p"
        | "numero de identidad"
        | "national foreign id number"
        | "cnp (personal numerical code)"
        | "ssn" => r.add_identifier(ident(IdKind::NationalId)),
        "identification number" => {
            if value.to_ascii_uppercase().contains("IMO") {
                r.add_identifier(ident(IdKind::CompanyImo));
            } else if r.schema == Schema::Person {
                r.add_identifier(ident(IdKind::NationalId));
            } else {
                r.add_identifier(ident(IdKind::Registration));
            }
        }
        "tax id no" if is_ru => r.add_identifier(ident(IdKind::Inn)),
        "inn" => r.add_identifier(ident(IdKind::Inn)),
        "ogrn" | "ogrnip" => r.add_identifier(ident(IdKind::Ogrn)),
        "tax id no"
        | "r.f.c"
        | "rfc"
        | "nit #"
        | "ruc #"
        | "us fein"
        | "c.u.i.t"
        | "italian fiscal code"
        | "fiscal code"
        | "v.a.t. number"
        | "rif #"
        | "n.i.f"
        | "c.i.f"
        | "rtn"
        | "paraguayan tax identification number"
        | "numero unico de identificacao tributaria (nuit)"
        | "romanian tax registration"
        | "rsin" => r.add_identifier(ident(IdKind::TaxId)),
        "registration id" | "registration number" | "public registration number"
            if is_ru && value.len() >= 13 && value.chars().all(|c| c.is_ascii_digit()) =>
        {
            r.add_identifier(ident(IdKind::Ogrn))
        }
        "russian state individual business registration number pattern (ogrnip)" => {
            r.add_identifier(ident(IdKind::Ogrn))
        }
        "registration id"
        | "registration number"
        | "public registration number"
        | "business registration number"
        | "business registration document #"
        | "commercial registry number"
        | "company number"
        | "uk company number"
        | "c.r. no"
        | "certificate of incorporation number"
        | "trade license no"
        | "chamber of commerce number"
        | "enterprise number"
        | "business number"
        | "registered charity no"
        | "matricula mercantil no"
        | "folio mercantil no"
        | "romanian c.r"
        | "istanbul chamber of comm. no"
        | "dubai chamber of commerce membership no"
        | "registration certificate number (dubai)"
        | "license"
        | "organization code"
        | "branch unit number"
        | "central registration system number"
        | "economic register number (cbls)"
        | "msb registration number"
        | "government gazette number"
        | "le number"
        | "chinese commercial code" => r.add_identifier(ident(IdKind::Registration)),
        "legal entity number" | "lei" => r.add_identifier(ident(IdKind::Lei)),
        "swift/bic" | "bic" => r.add_identifier(ident(IdKind::Bic)),
        "unified social credit code (uscc)" | "united social credit code certificate (usccc)" => {
            r.add_identifier(ident(IdKind::Uscc))
        }
        _ if t.starts_with("digital currency address") => {
            let currency = kind.rsplit('-').next().unwrap_or("").trim();
            r.add_property("cryptoWallet", format!("{currency} {value}"));
        }
        // Facts about the designation itself: directives, listing and effective dates,
        // secondary-sanctions notes. Kept as remarks in OFAC's own "Type value" wording.
        _ if is_sanction_note(&t) => {
            Record::push_unique(&mut r.remarks, format!("{} {value}", kind.trim()));
        }
        // Any other document type (driver's licence, birth certificate, BIK...): an identifier
        // of kind Other, with its type kept in a remark.
        _ => other(r),
    }
}

fn is_sanction_note(t: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "additional sanctions information",
        "secondary sanctions risk",
        "executive order",
        "caatsa",
        "effective date",
        "listing date",
        "purchase/sales for divestment date",
        "ifca determination",
        "peesa information",
        "transactions prohibited",
        "sanctions risk",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_reduce_to_the_coarsest_form() {
        let s = |lo, hi, a| date_from_span(lo, hi, a).unwrap().to_string();
        assert_eq!(s((1962, 1, 1), (1962, 12, 31), false), "1962");
        assert_eq!(s((1951, 1, 1), (1953, 12, 31), false), "1951..1953");
        assert_eq!(s((1955, 3, 1), (1956, 3, 31), false), "1955-03..1956-03");
        assert_eq!(s((1966, 2, 13), (1966, 2, 13), false), "1966-02-13");
        assert_eq!(s((1960, 1, 1), (1960, 12, 31), true), "~1960");
        assert_eq!(
            s((1965, 3, 21), (1966, 3, 20), false),
            "1965-03-21..1966-03-20"
        );
        assert!(date_from_span((1960, 2, 30), (1960, 3, 1), false).is_err());
    }

    #[test]
    fn legal_forms_make_companies() {
        let c = |n: &str| entity_schema(std::iter::once(n));
        assert_eq!(c("ROSNEFT OIL COMPANY"), Schema::Company);
        assert_eq!(c("CHINA TELECOM CO., LTD."), Schema::Company);
        assert_eq!(c("GAZPROM NEFT PJSC"), Schema::Company);
        assert_eq!(c("HAMAS"), Schema::Organization);
        assert_eq!(c("IRGC GROUND FORCES"), Schema::Organization);
        assert_eq!(c("ООО ГКГ"), Schema::Company);
    }

    #[test]
    fn countries_and_dates() {
        assert_eq!(us_date("03/28/2025").as_deref(), Some("2025-03-28"));
        assert_eq!(us_date("13/28/2025"), None);
        assert_eq!(ofac_country("Palestinian"), Ok(Some("PS".into())));
        assert_eq!(ofac_country("Region: Gaza"), Ok(Some("PS".into())));
        assert_eq!(ofac_country("undetermined"), Ok(None));
        assert_eq!(
            outside_record_id("us_ofac_cons", "13109"),
            "us_ofac_sdn:13109"
        );
        assert_eq!(
            outside_record_id("us_ofac_sdn", "13109"),
            "us_ofac_sdn:13109"
        );
        assert_eq!(ofac_country("Russia"), Ok(Some("RU".into())));
        assert_eq!(ofac_country("Atlantis"), Err(()));
        assert_eq!(
            join_last_first(Some("HANIYA"), Some("Ismail")),
            "HANIYA, Ismail"
        );
        assert_eq!(alias_kind("f.k.a.", false), NameKind::FormerName);
        assert_eq!(alias_kind("F.K.A.", true), NameKind::WeakAlias);
        assert_eq!(strip_bidi("\u{202b}لواء\u{202c}"), "لواء");
        assert_eq!(
            linked_to(
                "x; (Linked To: CHINA UNICOM (HONG KONG) CO., LTD.); Linked To: ABC BANK.; x"
            ),
            vec!["CHINA UNICOM (HONG KONG) CO., LTD.", "ABC BANK"]
        );
    }
}
