//! Folding Latin (and any other) text to lowercase ASCII words: NFKC, diacritics removed,
//! remaining non-ASCII letters transliterated with any_ascii, punctuation to spaces.

use interdict_model::Script;
use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII words separated by single spaces.
pub fn to_ascii(name: &str) -> String {
    // Greek and Armenian digraphs that any_ascii renders letter by letter.
    let mut pre = name.to_lowercase();
    for (from, to) in [
        ("ντ", "d"),
        ("μπ", "b"),
        ("γκ", "g"),
        ("ου", "u"),
        ("ού", "u"),
        ("ու", "u"),
    ] {
        if pre.contains(from) {
            pre = pre.replace(from, to);
        }
    }
    if pre.chars().any(|c| ('\u{05d0}'..='\u{05ea}').contains(&c)) {
        pre = hebrew_letters(&pre);
    }
    let mut stripped = String::with_capacity(pre.len());
    let mut base_strips = true;
    for c in pre.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            // Diacritics of alphabets are dropped; vowel signs of abugidas (Devanagari, Kannada,
            // Bengali, Thai...) carry the vowels and are kept.
            if !base_strips {
                stripped.push(c);
            }
            continue;
        }
        base_strips = matches!(
            Script::of_char(c),
            None | Some(
                Script::Latin | Script::Greek | Script::Cyrillic | Script::Arabic | Script::Hebrew
            )
        );
        match c {
            // Invisible joiners, tatweel and bidi marks carry nothing.
            '\u{200c}' | '\u{200d}' | '\u{0640}' | '\u{200e}' | '\u{200f}' | '\u{feff}' => {}
            _ => stripped.push(c),
        }
    }
    let ascii = if stripped.is_ascii() {
        stripped
    } else {
        let composed: String = stripped.nfc().collect();
        any_ascii::any_ascii(&composed)
    };
    let folded = hungarian_palatals(&words(&ascii));
    // `ck` is a doubled k of English and German spelling that transliterations from scripts
    // without it never write: Barack / Барак → Barak.
    if folded.contains("ck") {
        folded.replace("ck", "k")
    } else {
        folded
    }
}

/// Hebrew פ starts a word as `p` (with dagesh: Peres, Putin) and is `f` elsewhere.
fn hebrew_letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == 'פ' && prev.is_none_or(|p| !p.is_alphabetic()) {
            out.push('p');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Hungarian spelling of palatalised Slavic consonants before `i` (Vlagyimir Putyin for
/// Vladimir Putin, Nyikolaj for Nikolai): `gyi`, `tyi`, `nyi`, `lyi` are read as `di`, `ti`,
/// `ni`, `li`.
fn hungarian_palatals(folded: &str) -> String {
    if !folded.contains("yi") {
        return folded.to_string();
    }
    folded
        .replace("gyi", "di")
        .replace("tyi", "ti")
        .replace("nyi", "ni")
        .replace("lyi", "li")
}

/// Lowercase alphanumeric words of ASCII text; apostrophes join (O'Brien → obrien).
pub fn words(ascii: &str) -> String {
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '`' || c == '’' {
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(to_ascii("José  ÁLVAREZ-Núñez"), "jose alvarez nunez");
        assert_eq!(to_ascii("O'Brien, Ltd."), "obrien ltd");
        assert_eq!(to_ascii("Straße Øresund Łódź"), "strasse oresund lodz");
        assert_eq!(to_ascii("Αλέξανδρος"), "alexandros");
    }

    #[test]
    fn hebrew_pe_by_position() {
        assert!(to_ascii("פרס").starts_with('p'), "{}", to_ascii("פרס"));
        assert!(to_ascii("יוסף").ends_with('f'), "{}", to_ascii("יוסף"));
    }

    #[test]
    fn ck_is_k() {
        assert_eq!(to_ascii("Barack Obama"), "barak obama");
        assert_eq!(to_ascii("Jackson"), "jakson");
    }

    #[test]
    fn hungarian_palatals_before_i() {
        assert_eq!(to_ascii("Vlagyimir Putyin"), "vladimir putin");
        assert_eq!(to_ascii("Nyikolaj"), "nikolaj");
        assert_eq!(to_ascii("György Nagy"), "gyorgy nagy");
    }
}
