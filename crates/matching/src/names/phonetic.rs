//! Phonetic codes (Double Metaphone, primary and alternate) for Latin tokens.

use rphonetic::DoubleMetaphone;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Double Metaphone with its default code length of four.
static DM: LazyLock<DoubleMetaphone> = LazyLock::new(DoubleMetaphone::default);
const CODE_LEN: usize = 4;

/// One Double Metaphone code: up to four ASCII characters, zero-padded (all zero: no code).
/// Eight bytes hold a token's two codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Code([u8; CODE_LEN]);

impl Code {
    fn new(code: &str) -> Code {
        let mut c = [0u8; CODE_LEN];
        for (slot, b) in c.iter_mut().zip(code.bytes().filter(|b| *b != 0)) {
            *slot = b;
        }
        Code(c)
    }

    /// The code's characters.
    pub fn as_bytes(&self) -> &[u8] {
        let n = self.0.iter().position(|&b| b == 0).unwrap_or(CODE_LEN);
        &self.0[..n]
    }

    pub fn is_empty(&self) -> bool {
        self.0[0] == 0
    }
}

/// Primary and alternate codes.
pub type Codes = (Code, Code);

/// Primary and alternate Double Metaphone codes; empty for tokens shorter than 3 letters or
/// with digits (codes of very short words collide too often to be evidence).
pub fn codes(token: &str) -> Codes {
    if token.len() < 3 || token.chars().any(|c| c.is_ascii_digit()) {
        return Codes::default();
    }
    let r = DM.double_metaphone(token);
    (Code::new(&r.primary()), Code::new(&r.alternate()))
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
        assert!(codes("al").0.is_empty());
        // Codes are at most four characters: nothing is lost in eight bytes.
        let (p, a) = codes("schwarzenegger");
        let r = DM.double_metaphone("schwarzenegger");
        assert_eq!(p.as_bytes(), r.primary().as_bytes());
        assert_eq!(a.as_bytes(), r.alternate().as_bytes());
        assert_eq!(p.as_bytes().len(), 4);
    }
}
