//! The OFAC Remarks mini-language (`DOB ...; POB ...; Passport X (Country); ...`) as typed properties.
//!
//! OFAC's legacy CSV (and the remarks of the US Consolidated Screening List) carry most facts about
//! an entry as `Key value` segments separated by `;`, a segment prefixed `alt.` giving another value
//! of the same key. [`apply_remarks`] reads them into a [`Record`]'s typed fields; a segment it does
//! not understand is kept verbatim in `record.remarks`.
//!
//! Quoted names in remarks (`a.k.a. 'X'`) are OFAC's *weak* aliases: the XML lists mark exactly these
//! names `<category>weak</category>`, while strong aliases live in `alt.csv`. They become
//! [`NameKind::WeakAlias`]; `f.k.a.` gives a [`NameKind::FormerName`], `n.k.a.` an [`NameKind::Alias`].

use interdict_model::{
    DateValue, IdKind, Identifier, LinkKind, NameKind, Record, Schema, country, record::Gender,
};
use std::sync::LazyLock;

/// What applying one remarks text did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemarksOutcome {
    /// Problems with single values (unreadable dates, unknown countries, bad check digits...).
    pub warnings: Vec<String>,
    /// Segments read into typed fields.
    pub recognised: usize,
    /// Segments kept verbatim in `record.remarks`.
    pub unrecognised: usize,
}

/// Parse `text` (`Key value; Key value; ...`) into the record's typed fields and return warnings.
/// Unrecognised segments are kept in `record.remarks`.
pub fn apply_remarks(text: &str, record: &mut Record) -> Vec<String> {
    parse_remarks(text, record, false).warnings
}

/// Like [`apply_remarks`], with counts. With `truncated`, the text is known to be cut short (OFAC
/// cuts the Remarks column at 1,000 characters and continues it in `sdn_comments.csv`): its last
/// segment is kept verbatim in `record.remarks` instead of being read.
pub fn parse_remarks(text: &str, record: &mut Record, truncated: bool) -> RemarksOutcome {
    let mut out = RemarksOutcome::default();
    let segments = split_segments(text);
    let n = segments.len();
    for (i, seg) in segments.into_iter().enumerate() {
        if truncated && i + 1 == n {
            out.warnings.push(format!(
                "remarks are cut short and not continued; last segment kept as text: `{seg}`"
            ));
            Record::push_unique(&mut record.remarks, seg);
            out.unrecognised += 1;
            continue;
        }
        if apply_segment(seg, record, &mut out.warnings) {
            out.recognised += 1;
        } else {
            Record::push_unique(&mut record.remarks, seg);
            out.unrecognised += 1;
        }
    }
    out
}

/// The `;`-separated segments of a remarks text, trimmed, without empty ones and placeholders.
pub fn split_segments(text: &str) -> Vec<&str> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-0-" && s.chars().any(char::is_alphanumeric))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Act {
    Dob,
    Pob,
    Nationality,
    Citizen,
    Sex,
    /// A generic identifier `value (Country) [issued ...] [expires ...]`.
    Id(IdKind, Option<&'static str>),
    /// `Tax ID No.`: a Russian one is an INN.
    TaxId,
    /// `Registration Number` and the like: a Russian 13/15-digit one is an OGRN.
    RegNumber,
    /// `Identification Number`: `IMO n` is a company IMO; else a person's national id or an
    /// organisation's registration number.
    IdentNumber,
    /// `Company Number`: `IMO n` is a company IMO; else a registration number.
    CompanyNumber,
    /// `Vessel Registration Identification IMO n` (or a register number without `IMO`).
    VesselReg,
    /// `International Maritime Organization No. (n)`.
    ImoNumber,
    Named(NameKind),
    Rel(LinkKind),
    Prop(&'static str),
    DateProp(&'static str),
    /// A current flag (vessel or aircraft registration country).
    Flag,
    /// A former flag (`pastFlags`).
    PastFlag,
    /// Sanctions provisions and notes (secondary sanctions, directives, CMIC dates...).
    Provision,
    /// `Digital Currency Address - XBT addr`.
    Crypto,
    /// A UN Security Council reference number quoted by the list.
    UnRef,
}

use Act::*;

/// Known keys. Matched case-insensitively at the start of a segment (after an optional `alt.`),
/// longest first.
const KEYS: &[(&str, Act)] = &[
    ("DOB", Dob),
    ("Date of Birth", Dob),
    ("POB", Pob),
    ("Place of Birth", Pob),
    ("nationality", Nationality),
    ("citizen", Citizen),
    ("citizenship", Citizen),
    ("Gender", Sex),
    ("Sex", Sex),
    // Passports and personal documents.
    ("Passport", Id(IdKind::Passport, None)),
    ("Passport No.", Id(IdKind::Passport, None)),
    ("Passport No.:", Id(IdKind::Passport, None)),
    ("Diplomatic Passport", Id(IdKind::Passport, None)),
    ("Passport Booklet:", Id(IdKind::Passport, None)),
    ("National ID No.", Id(IdKind::NationalId, None)),
    ("National ID Number", Id(IdKind::NationalId, None)),
    ("National Foreign ID Number", Id(IdKind::NationalId, None)),
    ("Cedula No.", Id(IdKind::NationalId, None)),
    ("Personal ID Card", Id(IdKind::NationalId, None)),
    ("Identity Card", Id(IdKind::NationalId, None)),
    ("Identity Number", Id(IdKind::NationalId, None)),
    (
        "Turkish Identification Number",
        Id(IdKind::NationalId, Some("TR")),
    ),
    ("Numero de Identidad", Id(IdKind::NationalId, None)),
    ("Citizen's Card Number", Id(IdKind::NationalId, None)),
    ("Kenyan ID No.", Id(IdKind::NationalId, Some("KE"))),
    (
        "Moroccan Personal ID No.",
        Id(IdKind::NationalId, Some("MA")),
    ),
    (
        "Bosnian Personal ID No.",
        Id(IdKind::NationalId, Some("BA")),
    ),
    (
        "Tazkira National ID Card",
        Id(IdKind::NationalId, Some("AF")),
    ),
    (
        "CNP (Personal Numerical Code)",
        Id(IdKind::NationalId, Some("RO")),
    ),
    ("C.U.R.P.", Id(IdKind::NationalId, Some("MX"))),
    ("CURP #", Id(IdKind::NationalId, Some("MX"))),
    ("D.N.I.", Id(IdKind::NationalId, None)),
    ("DNI", Id(IdKind::NationalId, None)),
    ("LE Number", Id(IdKind::NationalId, None)),
    ("SSN", Id(IdKind::NationalId, Some("US"))),
    ("Refugee ID Card", Id(IdKind::NationalId, None)),
    ("Stateless Person ID Card", Id(IdKind::NationalId, None)),
    ("Residency Number", Id(IdKind::Other, None)),
    ("Birth Certificate Number", Id(IdKind::Other, None)),
    ("Driver's License No.", Id(IdKind::Other, None)),
    ("Electoral Registry No.", Id(IdKind::Other, None)),
    (
        "Cartilla de Servicio Militar Nacional",
        Id(IdKind::Other, Some("MX")),
    ),
    ("Military Registration Number", Id(IdKind::Other, None)),
    ("Travel Document Number", Id(IdKind::Other, None)),
    ("VisaNumberID", Id(IdKind::Other, None)),
    ("Immigration No.", Id(IdKind::Other, None)),
    ("Pilot License Number", Id(IdKind::Other, None)),
    (
        "Seafarer's Identification Document",
        Id(IdKind::Other, None),
    ),
    ("SRE Permit No.", Id(IdKind::Other, Some("MX"))),
    (
        "Public Security and Immigration No.",
        Id(IdKind::Other, None),
    ),
    ("Identification Number", IdentNumber),
    // Tax numbers.
    ("Tax ID No.", TaxId),
    ("Tax ID Number", TaxId),
    ("V.A.T. Number", Id(IdKind::TaxId, None)),
    ("VAT Number", Id(IdKind::TaxId, None)),
    ("Italian Fiscal Code", Id(IdKind::TaxId, Some("IT"))),
    ("Fiscal Code", Id(IdKind::TaxId, None)),
    ("R.F.C.", Id(IdKind::TaxId, Some("MX"))),
    ("RFC", Id(IdKind::TaxId, Some("MX"))),
    ("NIT #", Id(IdKind::TaxId, None)),
    ("RUC #", Id(IdKind::TaxId, None)),
    ("C.U.I.T.", Id(IdKind::TaxId, Some("AR"))),
    (
        "Paraguayan tax identification number",
        Id(IdKind::TaxId, Some("PY")),
    ),
    // Company registers.
    ("Registration Number", RegNumber),
    ("Registration ID", RegNumber),
    ("Business Registration Number", RegNumber),
    (
        "Russian State Individual Business Registration Number Pattern (OGRNIP)",
        RegNumber,
    ),
    ("Company Number", CompanyNumber),
    ("UK Company Number", Id(IdKind::Registration, Some("GB"))),
    ("Company ID:", Id(IdKind::Registration, None)),
    (
        "Business Registration Document #",
        Id(IdKind::Registration, None),
    ),
    ("Commercial Registry Number", Id(IdKind::Registration, None)),
    ("Folio Mercantil No.", Id(IdKind::Registration, None)),
    ("Matricula Mercantil No", Id(IdKind::Registration, None)),
    ("Matricula Mercantil No.", Id(IdKind::Registration, None)),
    ("Trade License No.", Id(IdKind::Registration, None)),
    ("Tourism License No.", Id(IdKind::Registration, None)),
    ("Chamber of Commerce Number", Id(IdKind::Registration, None)),
    (
        "Istanbul Chamber of Comm. No.",
        Id(IdKind::Registration, Some("TR")),
    ),
    (
        "Dubai Chamber of Commerce Membership No.",
        Id(IdKind::Registration, Some("AE")),
    ),
    (
        "Central Registration System Number",
        Id(IdKind::Registration, Some("TR")),
    ),
    ("Public Registration Number", Id(IdKind::Registration, None)),
    ("Registered Charity No.", Id(IdKind::Registration, None)),
    (
        "Certificate of Incorporation Number",
        Id(IdKind::Registration, None),
    ),
    (
        "Economic Register Number (CBLS)",
        Id(IdKind::Registration, None),
    ),
    ("Branch Unit Number", Id(IdKind::Registration, None)),
    ("Enterprise Number", Id(IdKind::Registration, None)),
    ("Business Number", Id(IdKind::Registration, None)),
    ("C.R. No.", Id(IdKind::Registration, None)),
    (
        "Registration Certificate Number (Dubai)",
        Id(IdKind::Registration, Some("AE")),
    ),
    ("Organization Code", Id(IdKind::Registration, None)),
    ("D-U-N-S Number", Id(IdKind::Registration, None)),
    ("MSB Registration Number", Id(IdKind::Registration, None)),
    (
        "Afghan Money Service Provider License Number",
        Id(IdKind::Registration, Some("AF")),
    ),
    ("Permit Number", Id(IdKind::Registration, None)),
    ("File Number", Id(IdKind::Other, None)),
    ("Government Gazette Number", Id(IdKind::Other, None)),
    ("BIK (RU)", Id(IdKind::Other, Some("RU"))),
    ("MICEX Code", Id(IdKind::Other, None)),
    (
        "Unified Social Credit Code (USCC)",
        Id(IdKind::Uscc, Some("CN")),
    ),
    (
        "United Social Credit Code Certificate (USCCC)",
        Id(IdKind::Uscc, Some("CN")),
    ),
    ("Legal Entity Number", Id(IdKind::Lei, None)),
    ("SWIFT/BIC", Id(IdKind::Bic, None)),
    // Vessels and aircraft.
    ("Vessel Registration Identification", VesselReg),
    ("International Maritime Organization No.", ImoNumber),
    ("MMSI", Id(IdKind::Mmsi, None)),
    ("Other Vessel Call Sign", Id(IdKind::CallSign, None)),
    ("Vessel Call Sign", Id(IdKind::CallSign, None)),
    ("Other Vessel Type", Prop("vesselType")),
    ("Other Vessel Flag", Flag),
    ("Vessel Flag", Flag),
    ("Nationality of Registration", Flag),
    ("Former Vessel Flag", PastFlag),
    ("Vessel Year of Build", DateProp("buildDate")),
    (
        "Vessel Gross Registered Tonnage",
        Prop("grossRegisteredTonnage"),
    ),
    ("Vessel Tonnage", Prop("tonnage")),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        Id(IdKind::AircraftSerial, None),
    ),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        Id(IdKind::AircraftSerial, None),
    ),
    ("Aircraft Tail Number", Id(IdKind::AircraftTail, None)),
    (
        "Aircraft Serial Identification",
        Id(IdKind::AircraftSerial, None),
    ),
    ("Previous Aircraft Tail Number", Prop("previousTailNumber")),
    ("Aircraft Manufacture Date", DateProp("buildDate")),
    ("Aircraft Model", Prop("model")),
    (
        "Aircraft Mode S Transponder Code",
        Prop("modeSTransponderCode"),
    ),
    ("Aircraft Operator", Rel(LinkKind::OperatedBy)),
    // Names and relations.
    ("a.k.a.", Named(NameKind::WeakAlias)),
    ("f.k.a.", Named(NameKind::FormerName)),
    ("n.k.a.", Named(NameKind::Alias)),
    ("Linked To:", Rel(LinkKind::LinkedTo)),
    // Contact details and descriptions.
    ("Website", Prop("website")),
    ("Email Address", Prop("email")),
    ("Email", Prop("email")),
    ("Phone Number", Prop("phone")),
    ("Phone", Prop("phone")),
    ("Phone No.", Prop("phone")),
    ("Telephone", Prop("phone")),
    ("Telephone No.", Prop("phone")),
    ("Telephone Number:", Prop("phone")),
    (
        "Organization Established Date",
        DateProp("incorporationDate"),
    ),
    ("Organization Type:", Prop("sector")),
    ("Target Type", Prop("classification")),
    ("Equity Ticker", Prop("ticker")),
    ("ISIN", Prop("isinCode")),
    ("Digital Currency Address -", Crypto),
    // Sanctions provisions.
    ("Additional Sanctions Information -", Provision),
    ("Secondary sanctions risk:", Provision),
    ("Transactions Prohibited For", Provision),
    ("Executive Order", Provision),
    ("CAATSA Section", Provision),
    ("IFCA Determination -", Provision),
    ("Listing Date (", Provision),
    ("Effective Date (", Provision),
    ("Purchase/Sales For Divestment Date", Provision),
    ("Issuer Name", Provision),
    ("For more information", Provision),
    ("All offices worldwide", Provision),
    ("and all other offices worldwide", Provision),
    ("and all other locations worldwide", Provision),
    ("All Branches Worldwide", Provision),
    // UN references.
    ("UN Ref", UnRef),
    ("UN Ref.", UnRef),
    ("UN Ref No.", UnRef),
    ("UN Reference", UnRef),
    ("UN Reference Number", UnRef),
    ("UNSC Reference Number", UnRef),
    ("UNSC Ref", UnRef),
];

/// The keys, longest first, so that the most specific key wins.
static SORTED_KEYS: LazyLock<Vec<(&'static str, Act)>> = LazyLock::new(|| {
    let mut v = KEYS.to_vec();
    v.sort_by_key(|k| std::cmp::Reverse(k.0.len()));
    v
});

/// `rest` when `body` starts with `key` (ASCII case-insensitive) at a word boundary.
fn strip_key<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    let k = key.len();
    if body.len() < k || !body.is_char_boundary(k) {
        return None;
    }
    if !body.as_bytes()[..k].eq_ignore_ascii_case(key.as_bytes()) {
        return None;
    }
    let rest = &body[k..];
    let key_ends_word = key.chars().last().is_some_and(char::is_alphanumeric);
    if key_ends_word
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '_')
    {
        return None;
    }
    Some(rest.trim())
}

/// Words that end with a period as part of the name (`CO.`, `LTD.`), so that a sentence period
/// after them is not removed.
const ABBREVIATIONS: &[&str] = &[
    "co", "ltd", "inc", "corp", "jr", "sr", "cia", "ltda", "bhd", "pte", "pvt", "no", "st", "bros",
    "mfg", "dr", "mr", "mrs", "gen", "col", "intl", "assn", "dept", "univ", "est", "sdn",
];

/// Drop the sentence period that ends a remarks text, unless it belongs to an abbreviation
/// (`LTD.`, `S.A.`, `C.V.`).
fn strip_sentence_period(s: &str) -> &str {
    let Some(body) = s.strip_suffix('.') else {
        return s;
    };
    if body.ends_with('.') {
        // "LTD.." : the name's own period followed by the sentence's.
        return body;
    }
    let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word = last.trim_end_matches('.');
    // S.A. / C.V. / L.L.C.: letter groups of one or two separated by periods.
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    if dotted || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
        s
    } else {
        body
    }
}

/// Read one segment into the record. Returns false when the segment is not understood.
fn apply_segment(seg: &str, record: &mut Record, warnings: &mut Vec<String>) -> bool {
    let body = strip_key(seg, "alt.").unwrap_or(seg);
    let body = strip_sentence_period(body.trim()).trim();
    if body.is_empty() {
        return true;
    }
    for (key, act) in SORTED_KEYS.iter() {
        if let Some(rest) = strip_key(body, key) {
            return apply_act(*act, key, rest, body, record, warnings);
        }
    }
    // A position already given in the Title column.
    if record
        .positions
        .iter()
        .any(|p| p.trim_end_matches('.').eq_ignore_ascii_case(body))
    {
        return true;
    }
    false
}

fn apply_act(
    act: Act,
    key: &str,
    rest: &str,
    body: &str,
    record: &mut Record,
    warnings: &mut Vec<String>,
) -> bool {
    if rest.is_empty() && !matches!(act, Provision) {
        return false;
    }
    match act {
        Dob => match parse_dob(rest) {
            Ok(d) => {
                if !record.birth_dates.contains(&d) {
                    record.birth_dates.push(d);
                }
            }
            Err(e) => {
                warnings.push(format!("unreadable date of birth `{rest}`: {e}"));
                record.add_property("birthDate", rest);
            }
        },
        Pob => {
            Record::push_unique(&mut record.birth_places, rest);
            if let Some(c) = country::code_in_place(rest) {
                record.add_property("birthCountry", c);
            }
        }
        Nationality => {
            if let Some(c) = country_or_warn(rest, "nationality", record, warnings) {
                Record::push_unique(&mut record.nationalities, c);
            }
        }
        Citizen => {
            if let Some(c) = country_or_warn(rest, "citizenship", record, warnings) {
                Record::push_unique(&mut record.citizenships, c);
            }
        }
        Sex => match Gender::parse(rest) {
            Some(g) => match record.gender {
                Some(old) if old != g => {
                    warnings.push(format!(
                        "second gender `{rest}` differs from `{}`; first kept",
                        old.as_str()
                    ));
                    record.add_property("gender", rest);
                }
                _ => record.gender = Some(g),
            },
            None => return false,
        },
        Id(kind, default_country) => {
            return add_id(kind, rest, default_country, record, warnings);
        }
        TaxId => {
            let Some(p) = parse_id_value(IdKind::TaxId, rest, None, warnings) else {
                return false;
            };
            // A Russian tax number is an INN: stated as Russian (10 or 12 digits), or without a
            // country on a Russia-related record when its check digits hold.
            let stated_ru = p.country.as_deref() == Some("RU")
                && p.value.chars().all(|c| c.is_ascii_digit())
                && matches!(p.value.len(), 10 | 12);
            let inferred_ru =
                is_russian(&p, record) && interdict_model::identifier::inn_valid(&p.value);
            let kind = if stated_ru || inferred_ru {
                IdKind::Inn
            } else {
                IdKind::TaxId
            };
            push_id(kind, p, record, warnings);
        }
        RegNumber => {
            let Some(p) = parse_id_value(IdKind::TaxId, rest, None, warnings) else {
                return false;
            };
            let digits = p.value.chars().all(|c| c.is_ascii_digit());
            let kind = if digits
                && matches!(p.value.len(), 13 | 15)
                && (p.country.as_deref() == Some("RU")
                    || (is_russian(&p, record)
                        && interdict_model::identifier::ogrn_valid(&p.value)))
            {
                IdKind::Ogrn
            } else {
                IdKind::Registration
            };
            push_id(kind, p, record, warnings);
        }
        IdentNumber | CompanyNumber => {
            if let Some(imo) = strip_key(rest, "IMO") {
                return add_id(imo_kind(record), imo, None, record, warnings);
            }
            let kind = if matches!(act, IdentNumber) && record.schema == Schema::Person {
                IdKind::NationalId
            } else {
                IdKind::Registration
            };
            return add_id(kind, rest, None, record, warnings);
        }
        VesselReg => {
            // OFAC labels ship IMO numbers `IMO`; other values are national register numbers
            // (`RS 150443 (Russia)`). On a company the IMO number is the company's own.
            return match strip_key(rest, "IMO") {
                Some(imo) => add_id(imo_kind(record), imo, None, record, warnings),
                None => add_id(IdKind::Registration, rest, None, record, warnings),
            };
        }
        ImoNumber => {
            let v = rest.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
            return add_id(imo_kind(record), v, None, record, warnings);
        }
        Named(kind) => {
            let name = unquote(rest);
            if name.is_empty() {
                return false;
            }
            record.add_name(name, kind);
        }
        Rel(kind) => {
            let target = rest.trim_end_matches(';').trim();
            if target.is_empty() {
                return false;
            }
            let exists = record
                .links
                .iter()
                .any(|l| l.kind == kind && l.target_name == target);
            if !exists {
                record.links.push(interdict_model::Link {
                    kind,
                    target_name: target.to_string(),
                    target_id: None,
                });
            }
        }
        Prop(prop) => record.add_property(prop, rest),
        DateProp(prop) => match DateValue::parse_loose(rest) {
            Ok(d) => record.add_property(prop, d.to_string()),
            Err(e) => {
                warnings.push(format!("unreadable date `{rest}` ({key}): {e}"));
                record.add_property(prop, rest);
            }
        },
        Flag | PastFlag if is_unknown_place(rest) => {}
        Flag => match to_country(rest) {
            Some(c) => Record::push_unique(&mut record.flags, c),
            None => {
                warnings.push(format!("unknown flag country `{rest}`"));
                record.add_property("flag", rest);
            }
        },
        PastFlag => match to_country(rest) {
            Some(c) => record.add_property("pastFlags", c),
            None => {
                warnings.push(format!("unknown former flag country `{rest}`"));
                record.add_property("pastFlags", rest);
            }
        },
        Provision => record.add_property("provisions", body),
        Crypto => record.add_property("cryptoWallet", rest),
        UnRef => {
            let v = rest.trim_start_matches([':', '#', '.']).trim();
            if !looks_like_un_ref(v) {
                return false;
            }
            record.add_identifier(Identifier::new(IdKind::UnReference, v));
        }
    }
    true
}

/// An IMO number on a vessel is the ship's; on anything else it is a company's (registered owner,
/// manager, operator) and never a ship's.
fn imo_kind(record: &Record) -> IdKind {
    if record.schema == Schema::Vessel {
        IdKind::VesselImo
    } else {
        IdKind::CompanyImo
    }
}

/// Placeholders meaning "no country".
pub fn is_unknown_place(s: &str) -> bool {
    matches!(
        s.trim().trim_end_matches('.').to_ascii_lowercase().as_str(),
        "none identified" | "unknown" | "undetermined" | "not identified" | "none"
    )
}

/// A UN reference such as `KPe.001`, `QDi.123`, `IQe.005`, `CDi.001`.
fn looks_like_un_ref(v: &str) -> bool {
    let Some((a, b)) = v.split_once('.') else {
        return false;
    };
    let letters: Vec<char> = a.chars().collect();
    letters.len() == 3
        && letters[0].is_ascii_uppercase()
        && letters[1].is_ascii_uppercase()
        && matches!(letters[2], 'i' | 'e')
        && !b.is_empty()
        && b.len() <= 4
        && b.chars().all(|c| c.is_ascii_digit())
}

/// The text of a quoted name: between the first and the last single quote (names themselves may
/// contain apostrophes: `'AL-QA'QA'`). Without quotes, the whole text.
fn unquote(rest: &str) -> &str {
    let t = rest.trim();
    match (t.find('\''), t.rfind('\'')) {
        (Some(a), Some(b)) if b > a => t[a + 1..b].trim(),
        (Some(0), _) => t[1..].trim(),
        _ => t,
    }
}

/// Dates of birth: the loose layouts, plus `1975-1977` and `circa 1975-1977` year ranges.
fn parse_dob(raw: &str) -> Result<DateValue, interdict_model::date::DateError> {
    let s = raw.trim().trim_end_matches('.');
    let (approx, core) = match s.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("circa ") => (true, s[6..].trim()),
        _ => (false, s),
    };
    if let Some((a, b)) = core.split_once('-')
        && a.len() == 4
        && b.len() == 4
        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    {
        let d = DateValue::parse_loose(&format!("{a} to {b}"))?;
        return Ok(if approx { d.approx() } else { d });
    }
    DateValue::parse_loose(s)
}

/// Country names as OFAC writes them, resolved to alpha-2.
pub fn to_country(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_start_matches([':', ' '])
        .trim_end_matches('.')
        .trim();
    let t = t.strip_prefix("Region: ").unwrap_or(t);
    let t = t.strip_prefix("possibly ").unwrap_or(t);
    if let Some(c) = country::to_code(t) {
        return Some(c);
    }
    let key = t.to_ascii_lowercase().replace('&', "and");
    let code = match key.as_str() {
        "palestinian" | "palestinian territories" | "gaza strip" => "PS",
        "st. kitts and nevis" => "KN",
        "st. vincent and the grenadines" => "VC",
        "korea, north" | "north korea" => "KP",
        "korea, south" => "KR",
        "north macedonia, the republic of" => "MK",
        "man, isle of" => "IM",
        "eritrean" => "ER",
        "bahamas, the" => "BS",
        "cote d ivoire" => "CI",
        _ => {
            return country::to_code(&key)
                .or_else(|| country::to_code(&key.replace("st. ", "saint ")));
        }
    };
    Some(code.to_string())
}

/// The country code of `rest`, or a warning and the raw text kept in property `prop`.
fn country_or_warn(
    rest: &str,
    prop: &str,
    record: &mut Record,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let c = to_country(rest);
    if c.is_none() {
        warnings.push(format!("unknown country `{rest}` ({prop})"));
        record.add_property(prop, rest);
    }
    c
}

/// An identifier value read from `value (Country) issued ... expires ...`.
struct IdValue {
    value: String,
    country: Option<String>,
}

/// Top-level parenthesised groups of `s`: (start, end, inner text).
fn paren_groups(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1, &s[start + 1..i]));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a parenthesised text reads like a place name (so an unknown one is a country to warn
/// about, not part of the value).
fn looks_like_place(s: &str) -> bool {
    let t = s.trim();
    t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && t.chars().any(|c| c.is_ascii_lowercase())
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '.' | '\'' | '-'))
}

fn parse_id_value(
    kind: IdKind,
    rest: &str,
    default_country: Option<&str>,
    warnings: &mut Vec<String>,
) -> Option<IdValue> {
    let lower = rest.to_ascii_lowercase();
    let cut = [
        " issued",
        ", issued",
        " expires",
        " expired",
        ", expire",
        " issue date",
        " expire date",
        " expiration",
    ]
    .iter()
    .filter_map(|p| lower.find(p))
    .min()
    .unwrap_or(rest.len());
    let head = rest[..cut].trim().trim_end_matches(',').trim();
    let groups = paren_groups(rest);
    let mut country = None;
    let mut value = head.to_string();
    if let Some((s, e, inner, code)) = groups
        .iter()
        .rev()
        .find_map(|&(s, e, inner)| to_country(inner).map(|c| (s, e, inner, c)))
    {
        let _ = inner;
        country = Some(code);
        if e <= head.len() {
            value = format!("{} {}", &head[..s], &head[e..]);
        }
    } else if let Some(&(s, e, inner)) = groups.last()
        && e == head.len()
        && looks_like_place(inner)
    {
        warnings.push(format!("unknown issuing country `{inner}` for `{head}`"));
        value = head[..s].to_string();
    }
    let value = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches(['#', ':', ' '])
        .trim_end_matches([',', ' '])
        .to_string();
    let value = value
        .strip_prefix("No.")
        .map(|v| v.trim_start_matches([':', ' ', '#']).to_string())
        .unwrap_or(value);
    // Codes that may be all letters (BIC, call sign, tail number); others hold a number.
    let letters_ok = matches!(
        kind,
        IdKind::Bic | IdKind::CallSign | IdKind::AircraftTail | IdKind::AircraftSerial
    );
    let plausible = if letters_ok {
        !value.contains(' ') || value.len() <= 12
    } else {
        value.chars().any(|c| c.is_ascii_digit())
    };
    if value.is_empty() || value.len() > 40 || !plausible {
        return None;
    }
    Some(IdValue {
        value,
        country: country.or_else(|| default_country.map(str::to_string)),
    })
}

fn is_russian(p: &IdValue, record: &Record) -> bool {
    match p.country.as_deref() {
        Some(c) => c == "RU",
        None => {
            record.all_countries().any(|c| c == "RU")
                || record.sanctions.iter().any(|s| {
                    s.programs
                        .iter()
                        .any(|p| p.starts_with("RUSSIA") || p.starts_with("UKRAINE"))
                })
        }
    }
}

fn add_id(
    kind: IdKind,
    rest: &str,
    default_country: Option<&str>,
    record: &mut Record,
    warnings: &mut Vec<String>,
) -> bool {
    match parse_id_value(kind, rest, default_country, warnings) {
        Some(p) => {
            push_id(kind, p, record, warnings);
            true
        }
        None => false,
    }
}

fn push_id(kind: IdKind, p: IdValue, record: &mut Record, warnings: &mut Vec<String>) {
    let id = Identifier::new(kind, p.value).with_country(p.country);
    if matches!(
        kind,
        IdKind::VesselImo | IdKind::CompanyImo | IdKind::Mmsi | IdKind::Lei | IdKind::Uscc
    ) && !id.is_valid()
    {
        warnings.push(format!(
            "{kind} `{}` fails its format or check digit",
            id.value
        ));
    }
    record.add_identifier(id);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(schema: Schema) -> Record {
        Record::new("t", "1", schema)
    }

    #[test]
    fn reads_person_remarks() {
        let mut r = rec(Schema::Person);
        let w = apply_remarks(
            "DOB 07 May 1966; alt. DOB circa 1960; alt. DOB 1967 to 1969; POB Beirut, Lebanon; \
             nationality Lebanon; citizen Syria; Gender Male; Passport 722759197 (Russia) issued \
             24 Jan 2013 expires 24 Jan 2023; National ID No. 7/KATAKHA(N)007836 (Burma); \
             Tax ID No. 7707083893 (Russia); a.k.a. 'AL-QA'QA'; f.k.a. 'OLD'; n.k.a. 'NEW'; \
             Linked To: KPD S.A.; Something else entirely.",
            &mut r,
        );
        assert!(w.is_empty(), "{w:?}");
        let dates: Vec<String> = r.birth_dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(dates, ["1966-05-07", "~1960", "1967..1969"]);
        assert_eq!(r.birth_places, ["Beirut, Lebanon"]);
        assert!(r.countries.is_empty());
        assert_eq!(r.nationalities, ["LB"]);
        assert_eq!(r.citizenships, ["SY"]);
        assert_eq!(r.gender, Some(Gender::Male));
        let ids: Vec<(IdKind, &str, Option<&str>)> = r
            .identifiers
            .iter()
            .map(|i| (i.kind, i.value.as_str(), i.country.as_deref()))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Passport, "722759197", Some("RU")),
                (IdKind::NationalId, "7/KATAKHA(N)007836", Some("MM")),
                (IdKind::Inn, "7707083893", Some("RU")),
            ]
        );
        assert!(
            r.names
                .iter()
                .any(|n| n.value == "AL-QA'QA" && n.kind == NameKind::WeakAlias)
        );
        assert!(
            r.names
                .iter()
                .any(|n| n.value == "OLD" && n.kind == NameKind::FormerName)
        );
        assert!(
            r.names
                .iter()
                .any(|n| n.value == "NEW" && n.kind == NameKind::Alias)
        );
        assert_eq!(r.links[0].target_name, "KPD S.A.");
        assert_eq!(r.remarks, ["Something else entirely."]);
    }

    #[test]
    fn reads_vessel_and_company_ids() {
        let mut v = rec(Schema::Vessel);
        apply_remarks(
            "Vessel Registration Identification IMO 9179842; MMSI 123456789; Former Vessel Flag \
             Malta; Vessel Year of Build 1999; Vessel Registration Identification RS 150443 \
             (Russia).",
            &mut v,
        );
        let kinds: Vec<IdKind> = v.identifiers.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [IdKind::VesselImo, IdKind::Mmsi, IdKind::Registration]
        );
        assert_eq!(v.identifiers[2].country.as_deref(), Some("RU"));
        assert!(v.identifiers[0].is_valid());
        assert_eq!(v.properties["pastFlags"], ["MT"]);
        assert_eq!(v.properties["buildDate"], ["1999"]);

        let mut c = rec(Schema::Company);
        let w = apply_remarks(
            "Legal Entity Number 5493000IBP32UQZ0KL24; SWIFT/BIC CNOVRUMM; Unified Social Credit \
             Code (USCC) 91310115MA1K4DLAXM (China); Registration Number 1027700132195 (Russia); \
             Identification Number IMO 6246853; Aircraft Construction Number (also called L/N or S/N or \
             F/N) 8401; Website www.vtb.com; Email Address a@b.ru; Phone Number 123; \
             Organization Established Date 01 Sep 2009; Secondary sanctions risk: section 1(b).",
            &mut c,
        );
        assert!(w.is_empty(), "{w:?}");
        let kinds: Vec<IdKind> = c.identifiers.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                IdKind::Lei,
                IdKind::Bic,
                IdKind::Uscc,
                IdKind::Ogrn,
                IdKind::CompanyImo,
                IdKind::AircraftSerial
            ]
        );
        assert_eq!(c.properties["website"], ["www.vtb.com"]);
        assert_eq!(c.properties["email"], ["a@b.ru"]);
        assert_eq!(c.properties["incorporationDate"], ["2009-09-01"]);
        assert_eq!(
            c.properties["provisions"],
            ["Secondary sanctions risk: section 1(b)"]
        );
    }

    #[test]
    fn warns_and_keeps_bad_values() {
        let mut r = rec(Schema::Person);
        let w = apply_remarks(
            "DOB 31 Feb 1970; nationality Atlantis; UN Ref KPi.066",
            &mut r,
        );
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(r.properties["birthDate"], ["31 Feb 1970"]);
        assert_eq!(r.properties["nationality"], ["Atlantis"]);
        assert_eq!(r.identifiers[0].kind, IdKind::UnReference);
        let out = parse_remarks("DOB 1960; a.k.a. 'TRUNC", &mut r, true);
        assert_eq!((out.recognised, out.unrecognised), (1, 1));
        assert!(r.remarks.contains(&"a.k.a. 'TRUNC".to_string()));
    }

    #[test]
    fn sentence_periods() {
        assert_eq!(
            strip_sentence_period("Linked To: HAMAS."),
            "Linked To: HAMAS"
        );
        assert_eq!(
            strip_sentence_period("Linked To: NEW LTD."),
            "Linked To: NEW LTD."
        );
        assert_eq!(
            strip_sentence_period("Linked To: X, S.A. DE C.V."),
            "Linked To: X, S.A. DE C.V."
        );
        assert_eq!(
            strip_sentence_period("Email Address a@b.ru."),
            "Email Address a@b.ru"
        );
    }
}
