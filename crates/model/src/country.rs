//! Country names and codes as lists write them, resolved to ISO 3166-1 alpha-2.

use isocountry::CountryCode;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Names lists use that the ISO short names do not cover.
const ALIASES: &[(&str, &str)] = &[
    ("russia", "RU"),
    ("ussr", "SU"),
    ("soviet union", "SU"),
    ("iran", "IR"),
    ("north korea", "KP"),
    ("korea north", "KP"),
    ("korea dprk", "KP"),
    ("dprk", "KP"),
    ("democratic peoples republic of korea", "KP"),
    ("south korea", "KR"),
    ("korea south", "KR"),
    ("republic of korea", "KR"),
    ("korea", "KR"),
    ("syria", "SY"),
    ("syrian arab republic", "SY"),
    ("burma", "MM"),
    ("myanmar", "MM"),
    ("laos", "LA"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("venezuela", "VE"),
    ("bolivia", "BO"),
    ("tanzania", "TZ"),
    ("united republic of tanzania", "TZ"),
    ("state of palestine", "PS"),
    ("former soviet union", "SU"),
    ("china hong kong special administrative region", "HK"),
    ("china macao special administrative region", "MO"),
    ("hong kong sar", "HK"),
    ("hong kong special administrative region", "HK"),
    ("macao special administrative region", "MO"),
    ("moldova", "MD"),
    ("republic of moldova", "MD"),
    ("macedonia", "MK"),
    ("north macedonia", "MK"),
    ("palestine", "PS"),
    ("palestinian territories", "PS"),
    ("west bank", "PS"),
    ("gaza", "PS"),
    ("taiwan", "TW"),
    ("china", "CN"),
    ("peoples republic of china", "CN"),
    ("hong kong", "HK"),
    ("macau", "MO"),
    ("macao", "MO"),
    ("uk", "GB"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("usa", "US"),
    ("united states", "US"),
    ("united states of america", "US"),
    ("us", "US"),
    ("uae", "AE"),
    ("united arab emirates", "AE"),
    ("congo democratic republic of the", "CD"),
    ("democratic republic of the congo", "CD"),
    ("democratic republic of congo", "CD"),
    ("drc", "CD"),
    ("congo", "CG"),
    ("republic of the congo", "CG"),
    ("congo republic of the", "CG"),
    ("cote divoire", "CI"),
    ("ivory coast", "CI"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("türkiye", "TR"),
    ("the gambia", "GM"),
    ("gambia", "GM"),
    ("the bahamas", "BS"),
    ("bahamas", "BS"),
    ("brunei", "BN"),
    ("cape verde", "CV"),
    ("cabo verde", "CV"),
    ("swaziland", "SZ"),
    ("eswatini", "SZ"),
    ("micronesia", "FM"),
    ("vatican", "VA"),
    ("holy see", "VA"),
    ("kosovo", "XK"),
    ("crimea", "UA"),
    ("region crimea", "UA"),
    ("st kitts and nevis", "KN"),
    ("saint kitts and nevis", "KN"),
    ("st vincent and the grenadines", "VC"),
    ("saint vincent and the grenadines", "VC"),
    ("st lucia", "LC"),
    ("curacao", "CW"),
    ("sint maarten", "SX"),
    ("netherlands antilles", "AN"),
    ("yugoslavia", "YU"),
    ("serbia and montenegro", "CS"),
    ("east timor", "TL"),
    ("timor leste", "TL"),
    ("the netherlands", "NL"),
    ("netherlands", "NL"),
    ("holland", "NL"),
    ("bosnia", "BA"),
    ("bosnia and herzegovina", "BA"),
    ("bosnia herzegovina", "BA"),
    ("falkland islands", "FK"),
    ("british virgin islands", "VG"),
    ("virgin islands british", "VG"),
    ("us virgin islands", "VI"),
    ("south sudan", "SS"),
    ("sudan", "SD"),
    ("libya", "LY"),
    ("the philippines", "PH"),
    ("philippines", "PH"),
    ("the sudan", "SD"),
];

fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            space = true;
        }
    }
    out
}

static TABLE: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for c in CountryCode::iter() {
        let name = c.name();
        m.insert(key(name), c.alpha2());
        if let Some((short, _)) = name.split_once(" (") {
            m.entry(key(short)).or_insert(c.alpha2());
        }
        if let Some((short, _)) = name.split_once(',') {
            m.entry(key(short)).or_insert(c.alpha2());
        }
        m.insert(key(c.alpha3()), c.alpha2());
    }
    for (name, code) in ALIASES {
        m.insert(key(name), code);
    }
    m
});

/// Resolve a country name or code to ISO 3166-1 alpha-2 (uppercase). Returns `None` when unknown.
/// Accepts alpha-2 and alpha-3 codes, ISO short names and the names lists commonly use.
pub fn to_code(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches('.');
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        let up = t.to_ascii_uppercase();
        if CountryCode::for_alpha2(&up).is_ok() || matches!(up.as_str(), "XK" | "SU" | "YU") {
            return Some(up);
        }
    }
    let k = key(t);
    if let Some(c) = TABLE.get(&k) {
        return Some((*c).to_string());
    }
    // "Former USSR (now Russia)" / "Russian Federation (as of ...)": try the text in parentheses
    // and the text before them.
    if let Some((before, after)) = t.split_once('(') {
        let inner = after.trim_end_matches(')');
        let inner = inner.strip_prefix("now ").unwrap_or(inner);
        return to_code(inner).or_else(|| to_code(before));
    }
    None
}

/// The countries' names of one word (ISO short names and the names lists use, lowercase:
/// "chile", "russia", "burma"), not their codes: words of four letters or more only.
pub fn one_word_names() -> impl Iterator<Item = &'static str> {
    TABLE
        .keys()
        .map(String::as_str)
        .filter(|k| k.len() >= 4 && !k.contains(' '))
}

/// The country code found at the end of a free-text place such as `Beirut, Lebanon` or
/// `Pyongyang, Korea, North` (tries the last one, two and three comma-separated parts).
pub fn code_in_place(place: &str) -> Option<String> {
    let parts: Vec<&str> = place.split(',').map(str::trim).collect();
    for take in 1..=3.min(parts.len()) {
        let tail = parts[parts.len() - take..].join(", ");
        if let Some(c) = to_code(&tail) {
            return Some(c);
        }
    }
    to_code(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_list_spellings() {
        assert_eq!(to_code("Russia").as_deref(), Some("RU"));
        assert_eq!(to_code("Russian Federation").as_deref(), Some("RU"));
        assert_eq!(to_code("Korea, North").as_deref(), Some("KP"));
        assert_eq!(to_code("Iran (Islamic Republic of)").as_deref(), Some("IR"));
        assert_eq!(to_code("Iran").as_deref(), Some("IR"));
        assert_eq!(
            to_code("Democratic People's Republic of Korea").as_deref(),
            Some("KP")
        );
        assert_eq!(to_code("ir").as_deref(), Some("IR"));
        assert_eq!(to_code("IRN").as_deref(), Some("IR"));
        assert_eq!(
            to_code("Democratic Republic of the Congo").as_deref(),
            Some("CD")
        );
        assert_eq!(to_code("Atlantis"), None);
        assert_eq!(
            code_in_place("Pyongyang, Korea, North").as_deref(),
            Some("KP")
        );
        assert_eq!(code_in_place("Beirut, Lebanon").as_deref(), Some("LB"));
    }

    #[test]
    fn country_names_are_told_from_codes() {
        let names: Vec<&str> = one_word_names().collect();
        for name in ["chile", "russia", "burma", "czechia", "korea", "oman"] {
            assert!(names.contains(&name), "{name}");
        }
        // Codes (alpha-2 and alpha-3), names of several words and other words are not.
        for word in [
            "cl",
            "chl",
            "and",
            "per",
            "santander",
            "Chile",
            "united states",
        ] {
            assert!(!names.contains(&word), "{word}");
        }
    }
}
