//! Folding Latin (and any other) text to lowercase ASCII words: NFKC, diacritics removed,
//! remaining non-ASCII letters transliterated with any_ascii, punctuation to spaces.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII words separated by single spaces.
pub fn to_ascii(name: &str) -> String {
    let mut stripped = String::with_capacity(name.len());
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            // Invisible joiners, tatweel and bidi marks carry nothing.
            '\u{200c}' | '\u{200d}' | '\u{0640}' | '\u{200e}' | '\u{200f}' | '\u{feff}' => {}
            _ => stripped.push(c),
        }
    }
    let ascii = if stripped.is_ascii() {
        stripped
    } else {
        any_ascii::any_ascii(&stripped)
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
