//! Tokens and their roles: ordinary words, organisation legal forms and common words that must
//! weigh little, particles, initials, and numbers that must weigh a lot.

use super::{arabic, phonetic};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenRole {
    Word,
    /// LLC, OOO, JSC, GmbH, Limited...
    LegalForm,
    /// TRADING, INTERNATIONAL, GROUP...: must not carry a match on their own.
    Common,
    /// al, bin, de, van...
    Particle,
    /// A single letter.
    Initial,
    /// Contains a digit: "224th", "7".
    Number,
    /// A patronymic (Vladimirovich, Ivanovna): often missing from the other name.
    Patronymic,
}

impl TokenRole {
    pub fn weight(self) -> f64 {
        match self {
            TokenRole::Word => 1.0,
            TokenRole::Number => 1.5,
            TokenRole::Initial => 0.4,
            TokenRole::Particle => 0.25,
            TokenRole::Common => 0.35,
            TokenRole::LegalForm => 0.1,
            TokenRole::Patronymic => 0.5,
        }
    }
}

const LEGAL_FORMS: &[&str] = &[
    "llc",
    "ltd",
    "limited",
    "liability",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "sa",
    "ag",
    "gmbh",
    "ooo",
    "oao",
    "zao",
    "ao",
    "pao",
    "jsc",
    "pjsc",
    "ojsc",
    "cjsc",
    "plc",
    "bv",
    "nv",
    "srl",
    "spa",
    "sarl",
    "sas",
    "fzco",
    "fze",
    "fzc",
    "llp",
    "lp",
    "tov",
    "pte",
    "sdn",
    "bhd",
    "kg",
    "ltda",
    "obshchestvo",
    "ogranichennoy",
    "otvetstvennostyu",
    "aktsionernoe",
    "obshchestvennoe",
    "publichnoe",
    "zakrytoe",
    "otkrytoe",
    "joint",
    "stock",
    "public",
    "closed",
    "open",
    "societe",
    "sociedad",
    "anonima",
    "anonyme",
    "de",
    "cv",
    "sl",
    "as",
    "ab",
    "oy",
    "jv",
    "pvt",
    "private",
    "youxian",
    "gongsi",
    "yugen",
    "kaisha",
    "kk",
    "chusik",
    "hoesa",
    "jusikhoesa",
    "establishment",
    "est",
    "ent",
];

const COMMON: &[&str] = &[
    "trading",
    "trade",
    "international",
    "intl",
    "group",
    "holding",
    "holdings",
    "industrial",
    "industries",
    "industry",
    "enterprise",
    "enterprises",
    "general",
    "services",
    "service",
    "import",
    "export",
    "commercial",
    "global",
    "shipping",
    "logistics",
    "investment",
    "investments",
    "development",
    "technology",
    "technologies",
    "tech",
    "bank",
    "the",
    "of",
    "and",
    "for",
    "center",
    "centre",
    "company",
    "national",
    "foundation",
    "organization",
    "organisation",
    "association",
    "management",
    "consulting",
    "energy",
    "engineering",
    "construction",
    "marine",
    "maritime",
    "petroleum",
    "oil",
    "gas",
    "capital",
    "partners",
    "solutions",
    "systems",
    "products",
    "resources",
    "ministry",
    "department",
    "office",
    "institute",
    "university",
    "research",
    "scientific",
    "production",
    "factory",
    "plant",
    "state",
    "federal",
    "republic",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sheikh",
    "haji",
    "hajji",
    "mullah",
    "maulavi",
    "mawlawi",
    "qari",
];

const PATRONYMIC_ENDINGS: &[&str] = &[
    "ovich", "evich", "ovitch", "evitch", "ovych", "evych", "ovic", "evic", "ovici", "ovits",
    "ovitsj", "ovitj", "owitsch", "owicz", "ovics", "ovna", "evna", "ichna", "ovnaa", "yevich",
    "ievich", "ovitx", "iravich", "avich",
];

const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "abou", "ould", "uld", "da", "di", "do", "dos",
    "das", "du", "del", "della", "la", "le", "van", "von", "der", "den", "ter", "y", "e",
];

pub fn role_of(t: &str) -> TokenRole {
    if t.chars().any(|c| c.is_ascii_digit()) {
        TokenRole::Number
    } else if PARTICLES.contains(&t) {
        TokenRole::Particle
    } else if t.len() == 1 {
        TokenRole::Initial
    } else if LEGAL_FORMS.contains(&t) {
        TokenRole::LegalForm
    } else if COMMON.contains(&t) {
        TokenRole::Common
    } else if t.len() >= 8 && PATRONYMIC_ENDINGS.iter().any(|e| t.ends_with(e)) {
        TokenRole::Patronymic
    } else {
        TokenRole::Word
    }
}

/// One token of a romanised name.
///
/// Strings are `CompactString`s: tokens are short, so they live inline without a heap
/// allocation, which keeps prepared entities small and quick to load from a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub text: CompactString,
    pub role: TokenRole,
    pub weight: f64,
    /// Double Metaphone primary and alternate codes.
    pub phonetic: phonetic::Codes,
    /// Consonant skeleton (used when either side is written in Arabic script).
    pub skeleton: CompactString,
    /// The token comes from an Arabic-script name.
    pub arabic: bool,
    /// Length in characters.
    pub len: usize,
    /// The set of characters in the token, one bit per character (hashed beyond a–z and 0–9):
    /// half the differing bits bound the edit distance from below, which rejects most token
    /// pairs without computing it.
    pub chars: u64,
}

/// The character-set signature of a text (see [`Token::chars`]).
pub fn char_set(text: &str) -> u64 {
    text.chars().fold(0u64, |acc, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + (c as u32).wrapping_mul(2_654_435_761) % 28,
        };
        acc | 1 << bit
    })
}

impl Token {
    pub fn new(text: &str, arabic: bool) -> Token {
        let role = role_of(text);
        Token {
            text: text.into(),
            role,
            weight: role.weight(),
            phonetic: phonetic::codes(text),
            skeleton: arabic::skeleton(text).into(),
            arabic,
            len: text.chars().count(),
            chars: char_set(text),
        }
    }

    /// A token in its original script: no phonetic code or skeleton.
    pub fn native(text: &str) -> Token {
        Token {
            text: text.into(),
            role: TokenRole::Word,
            weight: 1.0,
            phonetic: Default::default(),
            skeleton: CompactString::default(),
            arabic: false,
            len: text.chars().count(),
            chars: char_set(text),
        }
    }
}

/// Tokens of a folded (lowercase ASCII, space-separated) name.
/// A word repeated in a name ("Sergey Sergey Shoigu") counts once.
pub fn tokenize(folded: &str, arabic: bool) -> Vec<Token> {
    let mut seen: Vec<&str> = Vec::new();
    folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .filter(|t| {
            let repeat = seen.contains(t);
            seen.push(t);
            !repeat
        })
        .map(|t| Token::new(t, arabic))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(role_of("llc"), TokenRole::LegalForm);
        assert_eq!(role_of("trading"), TokenRole::Common);
        assert_eq!(role_of("224th"), TokenRole::Number);
        assert_eq!(role_of("j"), TokenRole::Initial);
        assert_eq!(role_of("al"), TokenRole::Particle);
        assert_eq!(role_of("putin"), TokenRole::Word);
    }
}
