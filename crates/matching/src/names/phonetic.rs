//! Phonetic codes (Double Metaphone, primary and alternate) for Latin tokens.

use compact_str::CompactString;
use rphonetic::DoubleMetaphone;
use std::sync::LazyLock;

static DM: LazyLock<DoubleMetaphone> = LazyLock::new(DoubleMetaphone::default);

/// Primary and alternate codes (short: stored inline).
pub type Codes = (CompactString, CompactString);

/// Primary and alternate Double Metaphone codes; empty for tokens shorter than 3 letters or
/// with digits (codes of very short words collide too often to be evidence).
pub fn codes(token: &str) -> Codes {
    if token.len() < 3 || token.chars().any(|c| c.is_ascii_digit()) {
        return Codes::default();
    }
    let r = DM.double_metaphone(token);
    (r.primary().into(), r.alternate().into())
}

/// Whether two code pairs share a non-empty code.
pub fn agree(a: &Codes, b: &Codes) -> bool {
    if a.0.is_empty() || b.0.is_empty() {
        return false;
    }
    a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || (!a.1.is_empty() && a.1 == b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_alike() {
        assert!(agree(&codes("mohammed"), &codes("muhammad")));
        assert!(agree(&codes("schmidt"), &codes("smith")));
        assert!(!agree(&codes("putin"), &codes("merkel")));
        assert_eq!(codes("al").0, "");
    }
}
