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
    words(&ascii)
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
}
