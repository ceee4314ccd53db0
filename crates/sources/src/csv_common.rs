//! Helpers shared by the CSV list parsers (EU journal CSV, UK CSV tables, US CSL, BIS DPL, China
//! MFA): reading rows with columns looked up by header name, splitting multi-valued cells, and
//! resolving the free-text countries, dates and identifiers these lists write.

use crate::{SourceContext, SourceError};
use interdict_model::country;
use interdict_model::date::PartialDate;
use interdict_model::identifier::{inn_valid, ogrn_valid};
use interdict_model::{DateValue, IdKind, Name, NameKind, Record};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One data row: its fields (UTF-8, invalid bytes replaced) and its 1-based line number.
pub(crate) struct Row {
    pub line: u64,
    /// The fields in one buffer (a field each would be an allocation each).
    fields: csv::StringRecord,
    /// The row had invalid UTF-8 that was replaced.
    pub lossy: bool,
    /// Number of fields in the row (may differ from the header's).
    pub len: usize,
}

impl Row {
    /// The trimmed value of a column, or "" when the column is absent or the row is short.
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|i| self.fields.get(i))
            .map_or("", |s| s.trim())
    }

    pub fn location(&self) -> String {
        format!("line {}", self.line)
    }
}

/// A CSV reader over one list file, with columns resolved by header name.
pub(crate) struct Table {
    path: PathBuf,
    rdr: csv::Reader<Box<dyn BufRead>>,
    columns: FxHashMap<String, usize>,
    width: usize,
    buf: csv::ByteRecord,
    ahead: Option<Row>,
    started: bool,
}

fn header_key(h: &str) -> String {
    crate::input::strip_bom(h)
        .trim()
        .trim_matches('"')
        .trim()
        .to_ascii_lowercase()
}

impl Table {
    /// Open `path` (gzip/zip transparently), read its header row and check the required columns.
    pub fn open(path: &Path, delimiter: u8, required: &[&str]) -> Result<Table, SourceError> {
        let reader = crate::input::open(path)?;
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .from_reader(reader);
        let headers = rdr
            .byte_headers()
            .map_err(|e| SourceError::csv(path, &e))?
            .clone();
        let mut columns = FxHashMap::default();
        for (i, h) in headers.iter().enumerate() {
            let h = String::from_utf8_lossy(h);
            columns.entry(header_key(&h)).or_insert(i);
        }
        for r in required {
            if !columns.contains_key(&r.to_ascii_lowercase()) {
                return Err(SourceError::malformed(
                    path,
                    "line 1",
                    format!("required column `{r}` is missing from the header"),
                ));
            }
        }
        Ok(Table {
            path: path.to_path_buf(),
            rdr,
            columns,
            width: headers.len(),
            buf: csv::ByteRecord::new(),
            ahead: None,
            started: false,
        })
    }

    /// The column map, to look columns up while rows are being read.
    pub fn columns(&self) -> Cols {
        Cols {
            map: self.columns.clone(),
        }
    }

    /// Whether the header has a column (case-insensitive).
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(&name.to_ascii_lowercase())
    }

    /// Number of header columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The next row, `None` at the end. A read error (I/O, broken compression) is a whole-file
    /// error, and so is a last row with fewer fields than the header: the file was cut short.
    pub fn next_row(&mut self) -> Result<Option<Row>, SourceError> {
        let current = match self.ahead.take() {
            Some(r) => Some(r),
            None if self.started => None,
            None => self.read_one()?,
        };
        self.started = true;
        let Some(row) = current else {
            return Ok(None);
        };
        self.ahead = self.read_one()?;
        if self.ahead.is_none() && row.len < self.width {
            return Err(SourceError::malformed(
                &self.path,
                row.location(),
                format!(
                    "the last row has {} of the header's {} fields: the file looks truncated",
                    row.len, self.width
                ),
            ));
        }
        Ok(Some(row))
    }

    fn read_one(&mut self) -> Result<Option<Row>, SourceError> {
        match self.rdr.read_byte_record(&mut self.buf) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let line = self.buf.position().map_or(0, |p| p.line());
                let (fields, lossy) = match csv::StringRecord::from_byte_record(self.buf.clone()) {
                    Ok(fields) => (fields, false),
                    Err(e) => {
                        let mut fields = csv::StringRecord::new();
                        for f in e.into_byte_record().iter() {
                            fields.push_field(&String::from_utf8_lossy(f));
                        }
                        (fields, true)
                    }
                };
                let len = fields.len();
                Ok(Some(Row {
                    line,
                    fields,
                    lossy,
                    len,
                }))
            }
            Err(e) => Err(SourceError::csv(&self.path, &e)),
        }
    }
}

/// Columns of a table by header name.
pub(crate) struct Cols {
    /// Looked up for every field of every row: a fast hash of short names.
    map: FxHashMap<String, usize>,
}

impl Cols {
    /// The trimmed value of the named column in `row` ("" when the column or field is absent).
    pub fn get<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        // Callers name columns in lower case: only another spelling pays for folding it.
        let index = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.map.get(&name.to_ascii_lowercase())
        } else {
            self.map.get(name)
        };
        row.get(index.copied())
    }
}

/// Whether a row is completely empty (a blank line or only separators).
pub(crate) fn row_is_blank(row: &Row) -> bool {
    row.fields.iter().all(|f| f.trim().is_empty())
}

/// Check the row's field count against the header's. A row with a different number of fields is
/// usually a truncated or mis-quoted line: say so (the caller decides whether to keep it).
pub(crate) fn width_problem(row: &Row, width: usize) -> Option<String> {
    (row.len != width).then(|| format!("row has {} fields, the header has {width}", row.len))
}

/// Strip one pair of enclosing double quotes (when they pair with each other), or a single stray
/// quote at either end.
pub(crate) fn strip_quotes(s: &str) -> &str {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix('"').and_then(|x| x.strip_suffix('"'))
        && !inner.contains('"')
    {
        return inner.trim();
    }
    if t.matches('"').count() == 1 && (t.starts_with('"') || t.ends_with('"')) {
        return t.trim_matches('"').trim();
    }
    t
}

/// Remove an enumeration marker such as `(a) `, `a) `, `(ii) ` at the start of a value.
pub(crate) fn strip_enum(s: &str) -> &str {
    let t = s.trim();
    let body = t.strip_prefix('(').unwrap_or(t);
    if let Some(close) = body.find(')') {
        let marker = &body[..close];
        let is_marker = !marker.is_empty()
            && marker.len() <= 4
            && marker.chars().all(|c| c.is_ascii_lowercase())
            && (marker.len() == 1 || marker.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
        if is_marker {
            return body[close + 1..].trim_start();
        }
    }
    t
}

/// Split a multi-valued cell on `;` outside parentheses and double quotes; trims values, strips
/// enclosing quotes and enumeration markers, drops empty values.
pub(crate) fn split_multi(cell: &str) -> Vec<String> {
    let cell = strip_quotes(cell);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut cur = String::new();
    for c in cell.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' if !quoted => depth += 1,
            ')' | ']' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == ';' && depth == 0 && !quoted {
            push_value(&mut out, &cur);
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    push_value(&mut out, &cur);
    out
}

fn push_value(out: &mut Vec<String>, raw: &str) {
    let v = strip_enum(strip_quotes(raw)).trim();
    let v = v.trim_end_matches([',', ';']).trim();
    if !v.is_empty() && !out.iter().any(|x| x == v) {
        out.push(v.to_string());
    }
}

/// Adjectives of nationality that lists use instead of country names.
const DEMONYMS: &[(&str, &str)] = &[
    ("afghan", "AF"),
    ("albanian", "AL"),
    ("algerian", "DZ"),
    ("american", "US"),
    ("angolan", "AO"),
    ("argentine", "AR"),
    ("argentinian", "AR"),
    ("armenian", "AM"),
    ("australian", "AU"),
    ("austrian", "AT"),
    ("azerbaijani", "AZ"),
    ("bahraini", "BH"),
    ("bangladeshi", "BD"),
    ("belarusian", "BY"),
    ("belarussian", "BY"),
    ("belgian", "BE"),
    ("bolivian", "BO"),
    ("bosnian", "BA"),
    ("brazilian", "BR"),
    ("british", "GB"),
    ("bulgarian", "BG"),
    ("burkinabe", "BF"),
    ("burmese", "MM"),
    ("burundian", "BI"),
    ("cambodian", "KH"),
    ("cameroonian", "CM"),
    ("canadian", "CA"),
    ("central african", "CF"),
    ("chadian", "TD"),
    ("chilean", "CL"),
    ("chinese", "CN"),
    ("colombian", "CO"),
    ("comorian", "KM"),
    ("croatian", "HR"),
    ("cuban", "CU"),
    ("cypriot", "CY"),
    ("czech", "CZ"),
    ("danish", "DK"),
    ("djiboutian", "DJ"),
    ("dutch", "NL"),
    ("ecuadorian", "EC"),
    ("egyptian", "EG"),
    ("emirati", "AE"),
    ("eritrean", "ER"),
    ("estonian", "EE"),
    ("ethiopian", "ET"),
    ("filipino", "PH"),
    ("finnish", "FI"),
    ("french", "FR"),
    ("gabonese", "GA"),
    ("georgian", "GE"),
    ("german", "DE"),
    ("ghanaian", "GH"),
    ("greek", "GR"),
    ("guatemalan", "GT"),
    ("guinean", "GN"),
    ("haitian", "HT"),
    ("honduran", "HN"),
    ("hungarian", "HU"),
    ("indian", "IN"),
    ("indonesian", "ID"),
    ("iranian", "IR"),
    ("iraqi", "IQ"),
    ("irish", "IE"),
    ("israeli", "IL"),
    ("italian", "IT"),
    ("ivorian", "CI"),
    ("japanese", "JP"),
    ("jordanian", "JO"),
    ("kazakh", "KZ"),
    ("kazakhstani", "KZ"),
    ("kenyan", "KE"),
    ("kosovar", "XK"),
    ("kuwaiti", "KW"),
    ("kyrgyz", "KG"),
    ("latvian", "LV"),
    ("lebanese", "LB"),
    ("libyan", "LY"),
    ("lithuanian", "LT"),
    ("macedonian", "MK"),
    ("malaysian", "MY"),
    ("malian", "ML"),
    ("maltese", "MT"),
    ("mauritanian", "MR"),
    ("mexican", "MX"),
    ("moldovan", "MD"),
    ("mongolian", "MN"),
    ("montenegrin", "ME"),
    ("moroccan", "MA"),
    ("mozambican", "MZ"),
    ("nepalese", "NP"),
    ("nicaraguan", "NI"),
    ("nigerian", "NG"),
    ("nigerien", "NE"),
    ("north korean", "KP"),
    ("norwegian", "NO"),
    ("omani", "OM"),
    ("pakistani", "PK"),
    ("palestinian", "PS"),
    ("panamanian", "PA"),
    ("paraguayan", "PY"),
    ("peruvian", "PE"),
    ("polish", "PL"),
    ("portuguese", "PT"),
    ("qatari", "QA"),
    ("romanian", "RO"),
    ("russian", "RU"),
    ("rwandan", "RW"),
    ("salvadoran", "SV"),
    ("saudi", "SA"),
    ("saudi arabian", "SA"),
    ("senegalese", "SN"),
    ("serbian", "RS"),
    ("singaporean", "SG"),
    ("slovak", "SK"),
    ("somali", "SO"),
    ("south african", "ZA"),
    ("south korean", "KR"),
    ("south sudanese", "SS"),
    ("spanish", "ES"),
    ("sri lankan", "LK"),
    ("sudanese", "SD"),
    ("swedish", "SE"),
    ("swiss", "CH"),
    ("syrian", "SY"),
    ("togolese", "TG"),
    ("taiwanese", "TW"),
    ("tajik", "TJ"),
    ("tanzanian", "TZ"),
    ("thai", "TH"),
    ("trinidadian", "TT"),
    ("tunisian", "TN"),
    ("turkish", "TR"),
    ("turkmen", "TM"),
    ("ugandan", "UG"),
    ("ukrainian", "UA"),
    ("uruguayan", "UY"),
    ("uzbek", "UZ"),
    ("uzbekistani", "UZ"),
    ("venezuelan", "VE"),
    ("vietnamese", "VN"),
    ("yemeni", "YE"),
    ("zambian", "ZM"),
    ("zimbabwean", "ZW"),
];

fn demonym(s: &str) -> Option<String> {
    let k: String = s
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    DEMONYMS
        .iter()
        .find(|(d, _)| *d == k)
        .map(|(_, c)| (*c).to_string())
}

/// A country name, code or nationality adjective → ISO alpha-2.
pub(crate) fn country_code(s: &str) -> Option<String> {
    let t = strip_enum(s).trim().trim_end_matches('.').trim();
    if t.is_empty() {
        return None;
    }
    if let Some(c) = country::to_code(t).or_else(|| demonym(t)) {
        return Some(c);
    }
    if t.eq_ignore_ascii_case("PRC") {
        return Some("CN".into());
    }
    if t.contains('&') {
        return country_code(&t.replace('&', " and "));
    }
    let lower = t.to_lowercase();
    for prefix in [
        "of the ",
        "the ",
        "former ",
        "united republic of ",
        "republic of ",
        "possibly ",
        "allegedly ",
        "assumed ",
        "probably ",
        "or ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return country_code(rest);
        }
    }
    None
}

/// Resolve a free-text country cell that may hold several countries (`Ukrainian, Russian`,
/// `Syrian/Iranian`, `(a) German, (b) Moroccan`, `Russian and Ukrainian`, `Italian since 1990`,
/// `Indonesian. National Identification No.: ...`). Returns the codes found, and the values
/// that could not be (fully) resolved.
pub(crate) fn country_codes(text: &str) -> (Vec<String>, Vec<String>) {
    let mut codes = Vec::new();
    let mut unresolved = Vec::new();
    for value in split_multi(text) {
        if let Some(c) = country_code(&value) {
            Record::push_unique(&mut codes, c);
            continue;
        }
        // Keep the first sentence and drop a trailing remark in parentheses.
        let mut head = value.as_str();
        if let Some(i) = head.find(". ") {
            head = &head[..i];
        }
        let mut missed = false;
        let mut found = false;
        for e in split_enumerated(head.trim()) {
            let e = match e.find(" (") {
                Some(i) => &e[..i],
                None => e.as_str(),
            };
            if let Some(c) = country_code(e) {
                found = true;
                Record::push_unique(&mut codes, c);
                continue;
            }
            for part in e.split([',', '/']).flat_map(|p| p.split(" and ")) {
                let p = strip_enum(part.trim()).trim();
                if p.is_empty() {
                    continue;
                }
                match country_code(p).or_else(|| leading_country(p)) {
                    Some(c) => {
                        found = true;
                        Record::push_unique(&mut codes, c);
                    }
                    None => missed = true,
                }
            }
        }
        if missed || !found {
            unresolved.push(value.clone());
        }
    }
    (codes, unresolved)
}

/// The country named at the start of a free text (`Syrian Arab Republic national identification
/// card number`, `Afghanistan number D0010367, issued ...`, `Syrian Passport`).
pub(crate) fn leading_country(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    (1..=words.len())
        .rev()
        .find_map(|n| country_code(&words[..n].join(" ")))
}

/// Parse a date as lists write it. Beyond `DateValue::parse_loose`: two-digit years (`13.07.20`
/// → 2020-07-13), year ranges `1959/1960` and `1955-1958`, `possibly`/`probably`/`around`
/// (approximate), `8 Oct.1970`, and a date followed by other text (`7.10.1952 POB: ...`).
pub(crate) fn parse_date(raw: &str) -> Result<DateValue, String> {
    let s = strip_enum(strip_quotes(raw))
        .trim()
        .trim_end_matches('.')
        .trim();
    let s = s
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(s)
        .trim();
    let err = match DateValue::parse_loose(s) {
        Ok(d) => return Ok(d),
        Err(e) => e.to_string(),
    };
    let lower = s.to_lowercase();
    for prefix in [
        "possibly ",
        "probably ",
        "(probably) ",
        "around ",
        "approx. ",
        "approximately ",
        "circa ",
        "ca. ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return parse_date(rest).map(DateValue::approx);
        }
    }
    let parts: Vec<&str> = s.split(['.', '/']).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 2
        && [d, m, y]
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<i32>())
    {
        let year = if y > 50 { 1900 + y } else { 2000 + y };
        return PartialDate::new(year, Some(m), Some(d))
            .map(DateValue::from_partial)
            .map_err(|e| e.to_string());
    }
    let years: Vec<&str> = s.split(['-', '/', '–']).map(str::trim).collect();
    if let [a, b] = years.as_slice()
        && a.len() == 4
        && b.len() == 4
        && let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>())
    {
        let a = PartialDate::new(a, None, None).map_err(|e| e.to_string())?;
        let b = PartialDate::new(b, None, None).map_err(|e| e.to_string())?;
        return Ok(DateValue::range(a, b));
    }
    // "8 Oct.1970"
    if s.contains('.') && s.chars().any(char::is_alphabetic) {
        let spaced = s.replace('.', ". ");
        if let Ok(d) = DateValue::parse_loose(&spaced) {
            return Ok(d);
        }
    }
    // A numeric date followed by other text.
    if let Some((first, _)) = s.split_once(char::is_whitespace)
        && first.chars().filter(|c| c.is_ascii_digit()).count() >= 6
        && let Ok(d) = DateValue::parse_loose(first)
    {
        return Ok(d);
    }
    Err(err)
}

/// Split a text at enumeration markers: `1.1.1968, (b) 23.4.1968`, `5.1.1974 (b) 1977`,
/// `1.1.1969 b) 1971`, `11.4.1963, (ii) 11.4.1960`.
fn split_enumerated(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let words: Vec<&str> = s.split(' ').collect();
    for w in words {
        let body = w.strip_prefix('(').unwrap_or(w);
        let is_marker = body.len() >= 2
            && body.ends_with(')')
            && body[..body.len() - 1]
                .chars()
                .all(|c| c.is_ascii_lowercase())
            && (body.len() == 2
                || body[..body.len() - 1]
                    .chars()
                    .all(|c| matches!(c, 'i' | 'v' | 'x')));
        if is_marker {
            if !cur.trim().is_empty() {
                out.push(cur.trim().trim_end_matches([',', ';']).trim().to_string());
            }
            cur.clear();
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().trim_end_matches([',', ';']).trim().to_string());
    }
    out
}

/// Parse a US month-first date `MM/DD/YYYY` (also ISO `YYYY-MM-DD`).
pub(crate) fn parse_us_date(raw: &str) -> Result<DateValue, String> {
    let s = raw.trim();
    let parts: Vec<&str> = s.split('/').collect();
    if let [m, d, y] = parts.as_slice() {
        let m: u8 = m
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not MM/DD/YYYY"))?;
        let d: u8 = d
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not MM/DD/YYYY"))?;
        let y: i32 = y
            .trim()
            .parse()
            .map_err(|_| format!("`{s}` is not MM/DD/YYYY"))?;
        return PartialDate::new(y, Some(m), Some(d))
            .map(DateValue::from_partial)
            .map_err(|e| e.to_string());
    }
    DateValue::parse_loose(s).map_err(|e| e.to_string())
}

/// Several dates in one cell: `6.3.1955 or 15.3.1955`, `(a) 1.10.1983; (b) 15.3.1983`,
/// `1967; 1966`, `1.1.1968, (b) 23.4.1968`, `10.2.1983 (or 10.3.1983)`, `1979, 1980`.
/// Returns the dates read and the values that could not be read.
pub(crate) fn parse_dates(cell: &str) -> (Vec<DateValue>, Vec<String>) {
    let mut dates = Vec::new();
    let mut bad = Vec::new();
    for v in split_multi(cell) {
        let v = v.replace("(or ", " or ");
        for e in split_enumerated(&v) {
            for p in e.split(" or ") {
                let mut p = p.trim().trim_end_matches(',').trim();
                if !p.contains('(') {
                    p = p.trim_end_matches(')').trim();
                }
                if p.is_empty() {
                    continue;
                }
                let parsed = parse_date(p).map(|d| vec![d]).or_else(|e| {
                    // "1979, 1980", "21.11.1964 / 1965"
                    let pieces: Vec<&str> = p
                        .split([',', '/'])
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .collect();
                    if pieces.len() < 2 {
                        return Err(e);
                    }
                    pieces
                        .iter()
                        .map(|x| parse_date(x))
                        .collect::<Result<Vec<_>, _>>()
                });
                match parsed {
                    Ok(ds) => {
                        for d in ds {
                            if !dates.contains(&d) {
                                dates.push(d);
                            }
                        }
                    }
                    Err(_) => bad.push(p.to_string()),
                }
            }
        }
    }
    (dates, bad)
}

/// Split an identifier cell value such as `C2002515 (Iran)`, `R00012098, South Sudan`,
/// `Z050399 (Tunisian passport, issued on 9.12.2003)` into the number and the issuing country.
pub(crate) fn id_number_and_country(text: &str) -> (String, Option<String>) {
    let t = strip_enum(strip_quotes(text)).trim();
    let (head, tail) = match t.find(['(', ',']) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let number = head
        .trim()
        .trim_end_matches(['.', ',', ':'])
        .trim()
        .to_string();
    let tail = tail.trim_start_matches([',', '(']).trim();
    let country = if tail.is_empty() {
        None
    } else {
        let inner = tail.split([')', ';']).next().unwrap_or(tail);
        country_code(inner)
            .or_else(|| country_code(inner.split(',').next().unwrap_or(inner)))
            .or_else(|| leading_country(inner))
    };
    let number = if number.is_empty() {
        t.to_string()
    } else {
        number
    };
    (number, country)
}

/// The kind a tax number gets: Russian INN when it is one, else a generic tax id.
pub(crate) fn tax_kind(value: &str, country: Option<&str>) -> IdKind {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let plain = value
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace());
    if plain && matches!(country, None | Some("RU")) && inn_valid(&digits) {
        IdKind::Inn
    } else {
        IdKind::TaxId
    }
}

/// The kind a registration number gets: Russian OGRN when it is one, else a registration number.
pub(crate) fn registration_kind(value: &str, country: Option<&str>) -> IdKind {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let plain = value
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace());
    if plain && matches!(country, None | Some("RU")) && ogrn_valid(&digits) {
        IdKind::Ogrn
    } else {
        IdKind::Registration
    }
}

/// Labelled Russian codes inside a free text: `INN: 7720603527 OGRN: 1077764566373`,
/// `OGRN – 1125261000040; INN – 5261079332; KPP - 526101001`, `Russia TIN - 8602060555`.
/// Returns (label, digits) pairs with label one of INN, OGRN, KPP, TIN.
pub(crate) fn labelled_codes(text: &str) -> Vec<(&'static str, String)> {
    const LABELS: [&str; 5] = ["OGRNIP", "OGRN", "INN", "KPP", "TIN"];
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let mut matched = None;
        for label in LABELS {
            if text[i..].starts_with(label) {
                let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphabetic();
                let after = i + label.len();
                let after_ok = after >= bytes.len() || !bytes[after].is_ascii_alphabetic();
                if before_ok && after_ok {
                    matched = Some(label);
                    break;
                }
            }
        }
        let Some(label) = matched else {
            // advance one char (keep UTF-8 boundaries)
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut j = i + label.len();
        // skip separators (spaces, colons, dashes, en dashes, "No.") up to a few characters
        let mut skipped = 0;
        while j < bytes.len() && !bytes[j].is_ascii_digit() && skipped < 12 {
            if text[j..].starts_with("No") {
                j += 2;
                skipped += 1;
                continue;
            }
            if bytes[j].is_ascii_alphabetic() {
                break;
            }
            j += text[j..].chars().next().map_or(1, char::len_utf8);
            skipped += 1;
        }
        let start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > start {
            let label = if label == "OGRNIP" { "OGRN" } else { label };
            out.push((label, text[start..j].to_string()));
        }
        i = j.max(i + label.len());
    }
    out
}

/// Words that mark an organisation name as a company (legal forms and trading words).
const COMPANY_WORDS: &[&str] = &[
    "llc",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "company",
    "jsc",
    "ojsc",
    "pjsc",
    "cjsc",
    "ojs",
    "ao",
    "oao",
    "zao",
    "pao",
    "ooo",
    "tov",
    "gmbh",
    "ag",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "llp",
    "fze",
    "fzco",
    "fzc",
    "dmcc",
    "pte",
    "pvt",
    "bhd",
    "kft",
    "sro",
    "ltda",
    "jv",
    "holding",
    "holdings",
    "trading",
    "enterprise",
    "enterprises",
    "bank",
    "shipping",
    "industries",
    "plant",
    "factory",
    "concern",
];

/// Whether an organisation's name carries a legal form or trading word that makes it a company.
pub(crate) fn looks_like_company(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.contains("joint stock")
        || lower.contains("joint-stock")
        || lower.contains("s.a.")
        || lower.contains("co.,")
        || lower.contains("l.l.c")
    {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| COMPANY_WORDS.contains(&w))
}

/// Add a name with a language tag (deduplicated like `Record::add_name`).
pub(crate) fn add_name_lang(r: &mut Record, value: &str, kind: NameKind, lang: &str) -> bool {
    let Some(clean) = interdict_model::name::clean_name(value) else {
        return false;
    };
    if r.names.iter().any(|n| n.value == clean && n.kind <= kind) {
        return false;
    }
    r.names.push(Name::new(clean, kind).with_lang(lang));
    true
}

/// Merge a record read from a later row of the same list entry into the first one: names (a
/// second primary name becomes an alias), sanctions, identifiers and every list field, deduplicated.
pub(crate) fn merge_record(into: &mut Record, from: Record) {
    let has_primary = into.names.iter().any(|n| n.kind == NameKind::Primary);
    for n in from.names {
        let kind = if n.kind == NameKind::Primary && has_primary {
            NameKind::Alias
        } else {
            n.kind
        };
        if !into
            .names
            .iter()
            .any(|x| x.value == n.value && x.kind <= kind)
        {
            into.names.push(Name { kind, ..n });
        }
    }
    let parts = from.name_parts;
    for (dst, src) in [
        (&mut into.name_parts.first, parts.first),
        (&mut into.name_parts.middle, parts.middle),
        (&mut into.name_parts.last, parts.last),
        (&mut into.name_parts.patronymic, parts.patronymic),
    ] {
        for v in src {
            Record::push_unique(dst, v);
        }
    }
    for d in from.birth_dates {
        if !into.birth_dates.contains(&d) {
            into.birth_dates.push(d);
        }
    }
    for (dst, src) in [
        (&mut into.birth_places, from.birth_places),
        (&mut into.nationalities, from.nationalities),
        (&mut into.citizenships, from.citizenships),
        (&mut into.countries, from.countries),
        (&mut into.flags, from.flags),
        (&mut into.positions, from.positions),
        (&mut into.remarks, from.remarks),
    ] {
        for v in src {
            Record::push_unique(dst, v);
        }
    }
    if into.gender.is_none() {
        into.gender = from.gender;
    }
    for id in from.identifiers {
        into.add_identifier(id);
    }
    for a in from.addresses {
        if !into.addresses.contains(&a) {
            into.addresses.push(a);
        }
    }
    for s in from.sanctions {
        if !into.sanctions.contains(&s) {
            into.sanctions.push(s);
        }
    }
    for l in from.links {
        if !into.links.contains(&l) {
            into.links.push(l);
        }
    }
    for (k, vs) in from.properties {
        for v in vs {
            into.add_property(&k, v);
        }
    }
}

/// Read every row of every file with `read_row`; a row that repeats a record id is merged into
/// the first record with that id (one sanction per row), with a warning when it adds nothing.
pub(crate) fn parse_merging_rows(
    files: &[PathBuf],
    ctx: &mut SourceContext,
    required: &[&str],
    read_row: impl Fn(&Row, &Cols, &mut SourceContext) -> Option<Record>,
) -> Result<(), SourceError> {
    let mut index: HashMap<String, usize> = HashMap::new();
    for path in files {
        ctx.begin_file(path)?;
        let mut table = Table::open(path, b',', required)?;
        let cols = table.columns();
        let width = table.width();
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
            match index.get(&r.id) {
                Some(&i) if i < ctx.records.len() => {
                    if ctx.records[i].schema != r.schema {
                        ctx.warn(
                            &loc,
                            format!(
                                "{} repeats as a {} (first read as {}); kept {}",
                                r.id, r.schema, ctx.records[i].schema, ctx.records[i].schema
                            ),
                        );
                    }
                    if r.sanctions
                        .iter()
                        .all(|s| ctx.records[i].sanctions.contains(s))
                    {
                        ctx.warn(
                            &loc,
                            format!("{} repeats an earlier row of the same list; merged", r.id),
                        );
                    }
                    merge_record(&mut ctx.records[i], r);
                }
                _ => {
                    index.insert(r.id.clone(), ctx.records.len());
                    ctx.push(r);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cells() {
        assert_eq!(
            split_multi("\"(a) 17.8.1972; (b) 1.1.1972\""),
            vec!["17.8.1972", "1.1.1972"]
        );
        assert_eq!(
            split_multi("A; \"B (x; y)\"; C"),
            vec!["A", "B (x; y)", "C"]
        );
        assert_eq!(split_multi(" ; "), Vec::<String>::new());
    }

    #[test]
    fn resolves_countries() {
        assert_eq!(country_code("Iranian").as_deref(), Some("IR"));
        let (c, bad) = country_codes("Ukrainian, Russian");
        assert_eq!(c, vec!["UA", "RU"]);
        assert!(bad.is_empty());
        let (c, _) = country_codes("(a) German, (b) Moroccan");
        assert_eq!(c, vec!["DE", "MA"]);
        assert_eq!(leading_country("Syrian Passport").as_deref(), Some("SY"));
        assert_eq!(
            leading_country("Syrian Arab Republic national identification card number").as_deref(),
            Some("SY")
        );
    }

    #[test]
    fn reads_dates_and_ids() {
        assert_eq!(parse_date("13.07.20").unwrap().to_string(), "2020-07-13");
        assert_eq!(
            parse_us_date("06/05/2003").unwrap().to_string(),
            "2003-06-05"
        );
        assert!(parse_us_date("13/05/2003").is_err());
        let (d, bad) = parse_dates("6.3.1955 or 15.3.1955");
        assert_eq!(d.len(), 2);
        assert!(bad.is_empty());
        assert_eq!(
            id_number_and_country("C2002515 (Iran)"),
            ("C2002515".to_string(), Some("IR".to_string()))
        );
        assert_eq!(
            id_number_and_country("Z050399 (Tunisian passport, issued on 9.12.2003)"),
            ("Z050399".to_string(), Some("TN".to_string()))
        );
        assert_eq!(
            labelled_codes("OGRN – 1125261000040; INN – 5261079332; KPP - 526101001"),
            vec![
                ("OGRN", "1125261000040".to_string()),
                ("INN", "5261079332".to_string()),
                ("KPP", "526101001".to_string())
            ]
        );
        assert_eq!(
            labelled_codes("INN: 6608003052OGRN: 1026600000460"),
            vec![
                ("INN", "6608003052".to_string()),
                ("OGRN", "1026600000460".to_string())
            ]
        );
        assert!(looks_like_company("Minotor-Service Enterprise"));
        assert!(!looks_like_company("Ministry of Petroleum"));
    }
}
