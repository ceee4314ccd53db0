//! Parser for the UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`, with
//! `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`).
//!
//! Mapping:
//! - record id = `REFERENCE_NUMBER` (e.g. `KPi.066`), also added as an [`IdKind::UnReference`]
//!   identifier so other lists quoting it link to the record; `dateGenerated` → list date.
//! - name = `FIRST_NAME` … `FOURTH_NAME` joined in list order (the order varies by culture: a
//!   Korean record gives the family name first). Name parts are positional and simple:
//!   first = `FIRST_NAME`, last = the last non-empty of `SECOND..FOURTH_NAME`, middle = those in
//!   between. `NAME_ORIGINAL_SCRIPT` → alias (no language tag; the script is detectable).
//! - aliases: quality `Good`/`a.k.a.` → alias, `Low` → weak alias, `f.k.a.` → former name.
//!   Empty placeholder aliases (`<QUALITY/><ALIAS_NAME/>`) are ignored. An alias's own date and
//!   place of birth are added to the record's; its note goes to the remarks.
//! - dates of birth: `EXACT` (`DATE` or `YEAR`, a month written in `NOTE` completes a year),
//!   `BETWEEN` (`FROM_YEAR`..`TO_YEAR`), `APPROXIMATELY` (or a `NOTE` "Approximately") → approximate.
//!   Unreadable dates are warned about and kept verbatim in the `birthDate` property.
//! - `DESIGNATION` and `TITLE` values → positions (titles also in the `title` property); gender
//!   from `GENDER`, else from a "Gender: male" statement in `COMMENTS1` (DPRK records).
//! - documents → passport / national id / tax id / other identifiers with the issuing country;
//!   their dates, places, notes and sub-types go to the remarks.
//! - `UN_LIST_TYPE` + `LISTED_ON` → one sanction (authority `UN Security Council`).
//! - entities are `Company` when a name carries a legal form (LLC, Ltd, JSC...), else `Organization`.
//!
//! This module also holds the streaming subtree reader ([`xml`]) and the small helpers that the EU
//! FSF and UK XML parsers share.

use crate::{SourceContext, SourceError};
use interdict_model::{
    Address, DateValue, IdKind, Identifier, NameKind, Record, Sanction, Schema, date::PartialDate,
    record::Gender,
};
use std::path::PathBuf;
use xml::{Item, Node, Stream};

/// Streaming XML reading: the document is read event by event, and only the elements that hold
/// one record are collected into a small tree each.
pub(crate) mod xml {
    use crate::SourceError;
    use quick_xml::Reader;
    use quick_xml::events::{BytesStart, Event};
    use std::borrow::Cow;
    use std::io::BufRead;
    use std::path::{Path, PathBuf};

    /// One element with its attributes, text and children (local names, namespaces dropped).
    #[derive(Debug, Clone, Default)]
    pub(crate) struct Node {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub text: String,
        pub children: Vec<Node>,
    }

    impl Node {
        /// A trimmed, non-empty attribute value.
        pub fn attr(&self, key: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        }

        /// The trimmed text, when not empty.
        pub fn text(&self) -> Option<&str> {
            let t = self.text.trim();
            (!t.is_empty()).then_some(t)
        }

        /// All children with a name.
        pub fn all<'a, 'n>(
            &'a self,
            name: &'n str,
        ) -> impl Iterator<Item = &'a Node> + use<'a, 'n> {
            self.children.iter().filter(move |c| c.name == name)
        }

        /// The first child with a name.
        pub fn child(&self, name: &str) -> Option<&Node> {
            self.children.iter().find(|c| c.name == name)
        }

        /// The first non-empty text of a child with a name.
        pub fn child_text(&self, name: &str) -> Option<&str> {
            self.all(name).find_map(Node::text)
        }

        /// The non-empty texts of every element at a path of child names.
        pub fn texts<'a>(&'a self, path: &[&str]) -> Vec<&'a str> {
            let mut nodes: Vec<&Node> = vec![self];
            for step in path {
                nodes = nodes.iter().flat_map(|n| n.all(step)).collect();
            }
            nodes.into_iter().filter_map(Node::text).collect()
        }

        /// Whether the element holds no text or attribute value at any depth (a placeholder).
        pub fn is_blank(&self) -> bool {
            self.text().is_none()
                && self.attrs.iter().all(|(_, v)| v.trim().is_empty())
                && self.children.iter().all(Node::is_blank)
        }
    }

    /// Records are a few levels deep; anything deeper is not a list file (and would make the
    /// recursive tree functions overflow the stack).
    const MAX_DEPTH: usize = 64;

    /// What the stream yields.
    pub(crate) enum Item {
        /// An element outside the collected ones was opened (`depth` 0 is the root).
        Open {
            name: String,
            attrs: Vec<(String, String)>,
            depth: usize,
        },
        /// A complete collected element.
        Subtree(Node),
    }

    /// A reader that yields opened elements and, for the named ones (below the root), the whole
    /// subtree. A file that ends inside an element is an error naming the file.
    pub(crate) struct Stream<R: BufRead> {
        reader: Reader<R>,
        buf: Vec<u8>,
        path: PathBuf,
        open: Vec<String>,
        collect: &'static [&'static str],
        seen_root: bool,
    }

    fn lossy(bytes: &[u8]) -> String {
        let s = String::from_utf8_lossy(bytes);
        if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.into_owned()
        }
    }

    fn start_node(e: &BytesStart<'_>) -> Result<Node, quick_xml::Error> {
        let name = lossy(e.local_name().as_ref());
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(quick_xml::Error::from)?;
            let key = lossy(a.key.local_name().as_ref());
            // Attribute-value normalisation (XML 1.0 §3.3.3): line breaks and tabs become spaces.
            let raw = lossy(&a.value).replace(['\n', '\t'], " ");
            // An unknown entity in a value is kept verbatim rather than failing the file.
            let value = match quick_xml::escape::unescape(&raw) {
                Ok(Cow::Owned(v)) => v,
                Ok(Cow::Borrowed(_)) | Err(_) => raw.clone(),
            };
            attrs.push((key, value));
        }
        Ok(Node {
            name,
            attrs,
            ..Node::default()
        })
    }

    fn entity_text(name: &str) -> String {
        if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            if let Some(c) = code.and_then(char::from_u32) {
                return c.to_string();
            }
        } else if let Some(t) = quick_xml::escape::resolve_predefined_entity(name) {
            return t.to_string();
        }
        format!("&{name};")
    }

    impl<R: BufRead> Stream<R> {
        pub fn new(path: &Path, input: R, collect: &'static [&'static str]) -> Self {
            Stream {
                reader: Reader::from_reader(input),
                buf: Vec::new(),
                path: path.to_path_buf(),
                open: Vec::new(),
                collect,
                seen_root: false,
            }
        }

        fn xml_err(&self, e: impl std::fmt::Display) -> SourceError {
            SourceError::xml(&self.path, self.reader.buffer_position(), e)
        }

        fn truncated(&self, inside: &str) -> SourceError {
            SourceError::malformed(
                &self.path,
                format!("byte {}", self.reader.buffer_position()),
                format!("unexpected end of file inside <{inside}> (truncated file?)"),
            )
        }

        /// The next item, or `None` at the end of a complete document.
        pub fn next(&mut self) -> Result<Option<Item>, SourceError> {
            loop {
                self.buf.clear();
                let ev = match self.reader.read_event_into(&mut self.buf) {
                    Ok(ev) => ev,
                    Err(e) => {
                        return Err(SourceError::xml(
                            &self.path,
                            self.reader.buffer_position(),
                            e,
                        ));
                    }
                };
                match ev {
                    Event::Start(e) => {
                        let node = start_node(&e).map_err(|err| {
                            SourceError::xml(&self.path, self.reader.buffer_position(), err)
                        })?;
                        self.seen_root = true;
                        if !self.open.is_empty() && self.collect.contains(&node.name.as_str()) {
                            return self.subtree(node).map(|n| Some(Item::Subtree(n)));
                        }
                        let depth = self.open.len();
                        self.open.push(node.name.clone());
                        return Ok(Some(Item::Open {
                            name: node.name,
                            attrs: node.attrs,
                            depth,
                        }));
                    }
                    Event::Empty(e) => {
                        let node = start_node(&e).map_err(|err| {
                            SourceError::xml(&self.path, self.reader.buffer_position(), err)
                        })?;
                        self.seen_root = true;
                        if !self.open.is_empty() && self.collect.contains(&node.name.as_str()) {
                            return Ok(Some(Item::Subtree(node)));
                        }
                        return Ok(Some(Item::Open {
                            name: node.name,
                            attrs: node.attrs,
                            depth: self.open.len(),
                        }));
                    }
                    Event::End(_) => {
                        self.open.pop();
                    }
                    Event::Eof => {
                        if let Some(inside) = self.open.last() {
                            return Err(self.truncated(inside));
                        }
                        if !self.seen_root {
                            return Err(SourceError::malformed(
                                &self.path,
                                "byte 0",
                                "no XML element found (empty or not an XML file)",
                            ));
                        }
                        return Ok(None);
                    }
                    _ => {}
                }
            }
        }

        /// Read the rest of an element whose start tag was just read.
        fn subtree(&mut self, root: Node) -> Result<Node, SourceError> {
            let mut stack = vec![root];
            loop {
                self.buf.clear();
                let ev = match self.reader.read_event_into(&mut self.buf) {
                    Ok(ev) => ev,
                    Err(e) => {
                        return Err(SourceError::xml(
                            &self.path,
                            self.reader.buffer_position(),
                            e,
                        ));
                    }
                };
                match ev {
                    Event::Start(e) => {
                        let node = start_node(&e).map_err(|err| {
                            SourceError::xml(&self.path, self.reader.buffer_position(), err)
                        })?;
                        if stack.len() >= MAX_DEPTH {
                            return Err(self.xml_err(format!(
                                "elements nested more than {MAX_DEPTH} deep inside <{}>",
                                stack.first().map_or("?", |n| n.name.as_str())
                            )));
                        }
                        stack.push(node);
                    }
                    Event::Empty(e) => {
                        let node = start_node(&e).map_err(|err| {
                            SourceError::xml(&self.path, self.reader.buffer_position(), err)
                        })?;
                        if let Some(top) = stack.last_mut() {
                            top.children.push(node);
                        }
                    }
                    Event::End(_) => {
                        let Some(done) = stack.pop() else {
                            return Err(self.xml_err("unbalanced end tag"));
                        };
                        match stack.last_mut() {
                            Some(parent) => parent.children.push(done),
                            None => return Ok(done),
                        }
                    }
                    Event::Text(t) => {
                        let s = lossy(&t);
                        if let Some(top) = stack.last_mut() {
                            top.text.push_str(&s);
                        }
                    }
                    Event::CData(t) => {
                        let s = lossy(&t);
                        if let Some(top) = stack.last_mut() {
                            top.text.push_str(&s);
                        }
                    }
                    Event::GeneralRef(r) => {
                        let s = entity_text(&lossy(&r));
                        if let Some(top) = stack.last_mut() {
                            top.text.push_str(&s);
                        }
                    }
                    Event::Eof => {
                        let inside = stack.last().map_or("?", |n| n.name.as_str()).to_string();
                        return Err(self.truncated(&inside));
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Legal-form words (compared after dropping dots, upper-cased) that make an entity a company.
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
    "GMBH",
    "SA",
    "SARL",
    "SRL",
    "SPA",
    "SAL",
    "SAS",
    "JSC",
    "OJSC",
    "PJSC",
    "CJSC",
    "OAO",
    "ZAO",
    "OOO",
    "AO",
    "PAO",
    "PLC",
    "LLP",
    "BV",
    "NV",
    "AG",
    "KG",
    "FZE",
    "FZCO",
    "FZC",
    "BHD",
    "PTE",
    "PVT",
    "ООО",
    "АО",
    "ОАО",
    "ЗАО",
    "ПАО",
    "АТ",
    "ТОВ",
];

/// Whether a name carries a company legal form (`LLC`, `Co., Ltd`, `S.A.`, `ООО`, `有限公司`...).
pub(crate) fn has_legal_form(name: &str) -> bool {
    if ["公司", "株式会社", "주식회사"]
        .iter()
        .any(|w| name.contains(w))
    {
        return true;
    }
    name.split(|c: char| c.is_whitespace() || ",;()\"«»“”/".contains(c))
        .map(|w| w.replace('.', "").to_uppercase())
        .any(|w| LEGAL_FORMS.contains(&w.as_str()))
}

/// `Company` when any primary name or alias carries a legal form, else `Organization`.
pub(crate) fn entity_schema(r: &Record) -> Schema {
    if r.names
        .iter()
        .any(|n| n.kind != NameKind::WeakAlias && has_legal_form(&n.value))
    {
        Schema::Company
    } else {
        Schema::Organization
    }
}

/// The `yyyy-mm-dd` day at the start of an ISO date or date-time, when valid.
pub(crate) fn iso_day(s: &str) -> Option<String> {
    let day = s.trim().get(..10)?;
    let mut it = day.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let p = PartialDate::new(
        y.parse().ok()?,
        Some(m.parse().ok()?),
        Some(d.parse().ok()?),
    )
    .ok()?;
    Some(p.to_string())
}

/// Official names the model's country table does not know yet (UN style).
fn country_fallback(raw: &str) -> Option<String> {
    let key: String = raw
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let code = match key.as_str() {
        "united republic of tanzania" => "TZ",
        "türkiye" | "republic of türkiye" => "TR",
        "state of palestine" => "PS",
        "former soviet union" | "former ussr" => "SU",
        "china hong kong special administrative region" | "hong kong sar" => "HK",
        "china macao special administrative region" | "macao sar" => "MO",
        _ => return None,
    };
    Some(code.to_string())
}

/// Resolve a country name or code; an unknown one is warned about and kept in property `prop`.
pub(crate) fn country(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    raw: &str,
    prop: &str,
) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let code = interdict_model::country::to_code(raw).or_else(|| country_fallback(raw));
    if code.is_none() {
        ctx.warn(loc, format!("unknown country `{raw}` (kept in `{prop}`)"));
        r.add_property(prop, raw);
    }
    code
}

/// Add a name with an optional language tag; returns whether it was added.
pub(crate) fn add_name_lang(
    r: &mut Record,
    value: &str,
    kind: NameKind,
    lang: Option<&str>,
) -> bool {
    let added = r.add_name(value, kind);
    if added
        && let Some(l) = lang.map(str::trim).filter(|l| !l.is_empty())
        && let Some(n) = r.names.last_mut()
    {
        n.lang = Some(l.to_string());
    }
    added
}

/// Warn once per name that holds U+FFFD replacement characters (the text is kept as is).
pub(crate) fn warn_replacement_chars(ctx: &mut SourceContext, r: &Record, loc: &str) {
    for n in &r.names {
        if n.value.contains('\u{FFFD}') {
            ctx.warn(
                loc,
                format!(
                    "name `{}` contains U+FFFD replacement characters (kept as is)",
                    n.value
                ),
            );
        }
    }
}

/// Join the parts that hold a letter or digit (not empty, not a `-` placeholder) with `sep`,
/// collapsing whitespace.
pub(crate) fn join(parts: &[Option<&str>], sep: &str) -> String {
    parts
        .iter()
        .flatten()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Parse a date that may be written "Between Aug. and Sep. 1977" (year only on the second part)
/// as well as every layout [`DateValue::parse_loose`] reads.
pub(crate) fn parse_date_text(raw: &str) -> Option<DateValue> {
    if let Ok(v) = DateValue::parse_loose(raw) {
        return Some(v);
    }
    let lower = raw.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("between ")?;
    let (a, b) = rest.split_once(" and ")?;
    let year = b.split_whitespace().last()?;
    DateValue::parse_loose(&format!("between {a} {year} and {b}")).ok()
}

/// Check that the document's root element is `expected`, and take the list date from its
/// `date_attr` attribute (warning when it cannot be read). Shared by the UN, EU and UK parsers.
pub(crate) fn read_root(
    ctx: &mut SourceContext,
    path: &std::path::Path,
    name: &str,
    attrs: &[(String, String)],
    expected: &str,
    date_attr: &str,
) -> Result<(), SourceError> {
    if name != expected {
        return Err(SourceError::malformed(
            path,
            "root element",
            format!("expected <{expected}>, found <{name}>"),
        ));
    }
    if let Some((_, g)) = attrs.iter().find(|(k, _)| k == date_attr) {
        match iso_day(g) {
            Some(day) => ctx.set_list_date(day),
            None => ctx.warn("root", format!("unreadable {date_attr} `{g}`")),
        }
    }
    Ok(())
}

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        let input = crate::input::open(path)?;
        let mut stream = Stream::new(path, input, &["INDIVIDUAL", "ENTITY"]);
        let mut ordinal = 0usize;
        while let Some(item) = stream.next()? {
            match item {
                Item::Open {
                    name,
                    attrs,
                    depth: 0,
                } => {
                    read_root(
                        ctx,
                        path,
                        &name,
                        &attrs,
                        "CONSOLIDATED_LIST",
                        "dateGenerated",
                    )?;
                }
                Item::Subtree(node) => {
                    ordinal += 1;
                    un_record(ctx, &node, ordinal);
                }
                Item::Open { .. } => {}
            }
        }
    }
    Ok(())
}

fn un_record(ctx: &mut SourceContext, node: &Node, ordinal: usize) {
    let is_person = node.name == "INDIVIDUAL";
    let reference = node.child_text("REFERENCE_NUMBER");
    let (rid, loc) = match (reference, node.child_text("DATAID")) {
        (Some(r), _) => (r.to_string(), format!("record {r}")),
        (None, Some(d)) => {
            let loc = format!("record DATAID {d}");
            ctx.warn(&loc, "no REFERENCE_NUMBER; DATAID used as the record id");
            (format!("dataid-{d}"), loc)
        }
        (None, None) => {
            ctx.skip(
                format!("{} #{ordinal}", node.name),
                "record without REFERENCE_NUMBER or DATAID",
            );
            return;
        }
    };
    let schema = if is_person {
        Schema::Person
    } else {
        Schema::Organization
    };
    let mut r = Record::new(&ctx.dataset, &rid, schema);
    if let Some(reference) = reference {
        r.add_identifier(Identifier::new(IdKind::UnReference, reference));
    }

    // Names.
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|t| node.child_text(t))
        .collect();
    let primary = join(&parts.iter().map(|p| Some(*p)).collect::<Vec<_>>(), " ");
    if !r.add_name(&primary, NameKind::Primary) {
        ctx.warn(&loc, "record without a name");
    }
    if !is_person && primary.contains(';') {
        for part in primary.split(';') {
            r.add_name(part, NameKind::Alias);
        }
    }
    if is_person && let Some((first, rest)) = parts.split_first() {
        Record::push_unique(&mut r.name_parts.first, *first);
        if let Some((last, middle)) = rest.split_last() {
            Record::push_unique(&mut r.name_parts.last, *last);
            for m in middle {
                Record::push_unique(&mut r.name_parts.middle, *m);
            }
        }
    }
    for original in node.all("NAME_ORIGINAL_SCRIPT").filter_map(Node::text) {
        r.add_name(original, NameKind::Alias);
    }
    let alias_tag = if is_person {
        "INDIVIDUAL_ALIAS"
    } else {
        "ENTITY_ALIAS"
    };
    for alias in node.all(alias_tag) {
        un_alias(ctx, &mut r, &loc, alias);
    }

    // Person details.
    for dob in node.all("INDIVIDUAL_DATE_OF_BIRTH") {
        un_birth_date(ctx, &mut r, &loc, dob);
    }
    for pob in node.all("INDIVIDUAL_PLACE_OF_BIRTH") {
        let place = join(
            &[
                pob.child_text("STREET"),
                pob.child_text("CITY"),
                pob.child_text("STATE_PROVINCE"),
                pob.child_text("COUNTRY"),
            ],
            ", ",
        );
        Record::push_unique(&mut r.birth_places, place);
        if let Some(note) = pob.child_text("NOTE") {
            Record::push_unique(&mut r.remarks, format!("Place of birth: {note}"));
        }
    }
    for nat in node.texts(&["NATIONALITY", "VALUE"]) {
        if let Some(code) = country(ctx, &mut r, &loc, nat, "nationality") {
            Record::push_unique(&mut r.nationalities, code);
        }
    }
    if let Some(g) = node.child_text("GENDER") {
        r.gender = Gender::parse(g);
    }
    let comments = node.child_text("COMMENTS1");
    if r.gender.is_none()
        && let Some(c) = comments
    {
        let lower = c.to_ascii_lowercase();
        if lower.contains("gender: male") {
            r.gender = Some(Gender::Male);
        } else if lower.contains("gender: female") {
            r.gender = Some(Gender::Female);
        }
    }
    for d in node.texts(&["DESIGNATION", "VALUE"]) {
        Record::push_unique(&mut r.positions, d);
    }
    for t in node.texts(&["TITLE", "VALUE"]) {
        Record::push_unique(&mut r.positions, t);
        r.add_property("title", t);
    }
    for doc in node.all("INDIVIDUAL_DOCUMENT") {
        un_document(ctx, &mut r, &loc, doc);
    }

    // Addresses.
    let addr_tag = if is_person {
        "INDIVIDUAL_ADDRESS"
    } else {
        "ENTITY_ADDRESS"
    };
    for a in node.all(addr_tag) {
        let country_raw = a.child_text("COUNTRY");
        let full = join(
            &[
                a.child_text("STREET"),
                a.child_text("CITY"),
                a.child_text("STATE_PROVINCE"),
                a.child_text("ZIP_CODE"),
                country_raw,
            ],
            ", ",
        );
        if !full.is_empty() {
            let code = country_raw.and_then(|c| country(ctx, &mut r, &loc, c, "country"));
            let address = Address {
                full: full.clone(),
                city: a.child_text("CITY").map(str::to_string),
                country: code,
            };
            if !r.addresses.contains(&address) {
                r.addresses.push(address);
            }
        }
        if let Some(note) = a.child_text("NOTE") {
            let text = if full.is_empty() {
                format!("Address: {note}")
            } else {
                format!("Address {full}: {note}")
            };
            Record::push_unique(&mut r.remarks, text);
        }
    }

    // Sanction.
    let list_type = node.child_text("UN_LIST_TYPE");
    let listing_date = match node.child_text("LISTED_ON") {
        // Some carry a time-zone offset: `2015-04-07-04:00`.
        Some(d) => match iso_day(d)
            .as_deref()
            .map_or_else(|| DateValue::parse_loose(d), DateValue::parse_loose)
        {
            Ok(v) => Some(v),
            Err(e) => {
                ctx.warn(&loc, format!("unreadable LISTED_ON `{d}`: {e}"));
                r.add_property("listingDate", d);
                None
            }
        },
        None => None,
    };
    r.sanctions.push(Sanction {
        authority: "UN Security Council".into(),
        list: list_type.map(str::to_string),
        programs: list_type.map(str::to_string).into_iter().collect(),
        listing_date,
        references: reference.map(str::to_string).into_iter().collect(),
        reason: None,
    });
    if let Some(c) = comments {
        Record::push_unique(&mut r.remarks, c);
    }
    if let Some(updated) = node.texts(&["LAST_DAY_UPDATED", "VALUE"]).into_iter().max() {
        r.add_property("modifiedAt", updated);
    }

    if !is_person {
        r.schema = entity_schema(&r);
    }
    warn_replacement_chars(ctx, &r, &loc);
    ctx.push(r);
}

fn un_alias(ctx: &mut SourceContext, r: &mut Record, loc: &str, alias: &Node) {
    let Some(name) = alias.child_text("ALIAS_NAME") else {
        if !alias.is_blank() {
            ctx.warn(
                loc,
                "alias without ALIAS_NAME (its other fields are ignored)",
            );
        }
        return;
    };
    let quality = alias.child_text("QUALITY").unwrap_or("");
    let kind = match quality.to_ascii_lowercase().as_str() {
        "" | "good" | "a.k.a." | "aka" | "a.k.a" => NameKind::Alias,
        "low" => NameKind::WeakAlias,
        "f.k.a." | "fka" | "f.k.a" => NameKind::FormerName,
        other => {
            ctx.warn(
                loc,
                format!("unknown alias QUALITY `{other}`; taken as an alias"),
            );
            NameKind::Alias
        }
    };
    r.add_name(name, kind);
    if let Some(d) = alias.child_text("DATE_OF_BIRTH") {
        match parse_date_text(d) {
            Some(v) => {
                if !r.birth_dates.contains(&v) {
                    r.birth_dates.push(v);
                }
            }
            None => {
                ctx.warn(loc, format!("unreadable alias DATE_OF_BIRTH `{d}`"));
                r.add_property("birthDate", d);
            }
        }
    }
    let place = join(
        &[
            alias.child_text("CITY_OF_BIRTH"),
            alias.child_text("COUNTRY_OF_BIRTH"),
        ],
        ", ",
    );
    Record::push_unique(&mut r.birth_places, place);
    if let Some(note) = alias.child_text("NOTE") {
        Record::push_unique(&mut r.remarks, format!("{name}: {note}"));
    }
}

fn un_birth_date(ctx: &mut SourceContext, r: &mut Record, loc: &str, dob: &Node) {
    let kind = dob
        .child_text("TYPE_OF_DATE")
        .unwrap_or("")
        .to_ascii_uppercase();
    let date = dob.child_text("DATE");
    let year = dob.child_text("YEAR");
    let from = dob.child_text("FROM_YEAR");
    let to = dob.child_text("TO_YEAR");
    let note = dob.child_text("NOTE");
    if date.is_none() && year.is_none() && from.is_none() && to.is_none() && note.is_none() {
        return; // placeholder
    }
    let mut note_used = false;
    let mut approx = kind == "APPROXIMATELY";
    if let Some(n) = note
        && n.trim_end_matches('.')
            .eq_ignore_ascii_case("approximately")
    {
        approx = true;
        note_used = true;
    }
    let year_of = |y: &str| {
        y.trim()
            .parse::<i32>()
            .ok()
            .and_then(|y| PartialDate::new(y, None, None).ok())
    };
    let value: Option<DateValue> = if let Some(d) = date {
        parse_date_text(d)
    } else if let Some(y) = year {
        // "Sep." in NOTE with YEAR 1958 → 1958-09.
        let with_note = match note {
            Some(n) if !note_used => {
                parse_date_text(&format!("{n} {y}")).filter(|v| v.to.is_none())
            }
            _ => None,
        };
        if with_note.is_some() {
            note_used = true;
            with_note
        } else {
            year_of(y).map(DateValue::from_partial)
        }
    } else if from.is_some() || to.is_some() {
        match (from.and_then(year_of), to.and_then(year_of)) {
            (Some(a), Some(b)) => Some(DateValue::range(a, b)),
            (Some(a), None) | (None, Some(a)) => Some(DateValue::from_partial(a)),
            (None, None) => None,
        }
    } else {
        note_used = true;
        note.and_then(parse_date_text)
    };
    match value {
        Some(mut v) => {
            if approx {
                v = v.approx();
            }
            if !r.birth_dates.contains(&v) {
                r.birth_dates.push(v);
            }
        }
        None => {
            let raw = join(&[date, year, from, to, note], " ");
            ctx.warn(
                loc,
                format!("unreadable date of birth `{raw}` (kept in `birthDate`)"),
            );
            r.add_property("birthDate", raw);
            note_used = true;
        }
    }
    if let Some(n) = note
        && !note_used
    {
        Record::push_unique(&mut r.remarks, format!("Date of birth: {n}"));
    }
}

/// The identifier kind of a UN document from its type and sub-type.
fn un_document_kind(t1: &str, t2: &str) -> IdKind {
    let t1 = t1.to_lowercase();
    let t2 = t2.to_lowercase();
    let is_passport =
        |s: &str| s.contains("passport") || s.contains("pasaporte") || s.contains("passeport");
    if is_passport(&t2) {
        return IdKind::Passport;
    }
    if t2.contains("fiscal") || t2.contains("tax") {
        return IdKind::TaxId;
    }
    const OTHER: &[&str] = &[
        "birth cert",
        "ration",
        "driver",
        "voter",
        "student",
        "residen",
        "military",
        "serviceman",
        "certificate of",
        "fardc",
        "other id",
    ];
    if OTHER.iter().any(|w| t2.contains(w)) {
        return IdKind::Other;
    }
    if is_passport(&t1) {
        IdKind::Passport
    } else if t1.contains("identification") || t1.contains("identity") {
        IdKind::NationalId
    } else {
        IdKind::Other
    }
}

fn un_document(ctx: &mut SourceContext, r: &mut Record, loc: &str, doc: &Node) {
    if doc.is_blank() {
        return; // placeholder
    }
    let clean = |s: Option<&str>| s.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "));
    let t1 = clean(doc.child_text("TYPE_OF_DOCUMENT")).unwrap_or_default();
    let t2 = clean(doc.child_text("TYPE_OF_DOCUMENT2")).unwrap_or_default();
    let kind = un_document_kind(&t1, &t2);
    let issuer = doc
        .child_text("ISSUING_COUNTRY")
        .or_else(|| doc.child_text("COUNTRY_OF_ISSUE"));
    let code = issuer.and_then(|c| country(ctx, r, loc, c, "documentCountry"));
    let label = join(&[Some(t1.as_str()), Some(t2.as_str())], " / ");
    let label = if label.is_empty() {
        "Document".to_string()
    } else {
        label
    };
    let details = join(
        &[
            doc.child_text("DATE_OF_ISSUE")
                .map(|d| format!("issued {d}"))
                .as_deref(),
            doc.child_text("CITY_OF_ISSUE")
                .map(|c| format!("in {c}"))
                .as_deref(),
            issuer.map(|c| format!("by {c}")).as_deref(),
            doc.child_text("NOTE"),
        ],
        "; ",
    );
    match doc.child_text("NUMBER") {
        Some(number) => {
            r.add_identifier(Identifier::new(kind, number).with_country(code));
            let extra = !t2.is_empty()
                || doc.child_text("NOTE").is_some()
                || doc.child_text("DATE_OF_ISSUE").is_some();
            if extra {
                Record::push_unique(&mut r.remarks, format!("{label} {number}: {details}"));
            }
        }
        None => {
            ctx.warn(loc, format!("{label} without NUMBER (kept in the remarks)"));
            Record::push_unique(&mut r.remarks, format!("{label}: {details}"));
        }
    }
}
