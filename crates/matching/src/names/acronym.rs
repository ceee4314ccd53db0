//! Acronyms: an organisation named by the initials of its words, "IRGC" for "Islamic
//! Revolutionary Guard Corps", "ICBC" for "Industrial and Commercial Bank of China", "BOC" for
//! "Bank of China". A name is read as an acronym only when it is one word of three to six
//! letters written in capitals: "Omar" and "Ali" are names, not initials.

use super::AnalyzedName;
use super::tokens::TokenRole;
use compact_str::CompactString;
use interdict_model::Script;

/// The score of a name and the acronym of its words: a match at the default threshold, below
/// the same name written out (a few words share their initials by chance).
pub const ACRONYM_SCORE: f64 = 0.8;

/// Words an acronym usually skips besides particles ("Bank of China" is also "BC").
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "et", "und", "in", "on", "at", "to",
];

/// Letters an acronym may have.
const LETTERS: std::ops::RangeInclusive<usize> = 3..=6;

/// The word a name is written as when it may be an acronym: one word of three to six Latin
/// letters, every letter of the original a capital ("IRGC", "P.L.A.").
pub fn as_acronym(name: &AnalyzedName) -> Option<&str> {
    let [token] = &name.tokens[..] else {
        return None;
    };
    let text = token.text.as_str();
    let mut letters = name.original.chars().filter(|c| c.is_alphabetic());
    (LETTERS.contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_lowercase())
        && letters.clone().count() == text.len()
        && letters.all(|c| c.is_ascii_uppercase()))
    .then_some(text)
}

/// The acronyms a name's words may be written as, for each of its readings: the initials of
/// its words, and of its words other than particles and function words ("of", "and"); single
/// letters and legal forms are left out of both. Only those of three to six letters, and only
/// of names written in Latin letters: the romanisation of a name in another script spells no
/// acronym anyone uses (a Thai company name read "brisath oskuos chmakad" is not "BOC").
pub fn initials(name: &AnalyzedName) -> Vec<CompactString> {
    let mut out: Vec<CompactString> = Vec::new();
    if name.script != Script::Latin {
        return out;
    }
    for v in 0..name.variants.len() {
        let words: Vec<&str> = name
            .variant(v)
            .filter(|t| !matches!(t.role, TokenRole::Initial | TokenRole::LegalForm))
            .map(|t| t.text.as_str())
            .collect();
        let all = first_letters(words.iter().copied());
        let content = first_letters(words.iter().copied().filter(|w| {
            !FUNCTION_WORDS.contains(w) && super::tokens::role_of(w) != TokenRole::Particle
        }));
        for i in [all, content].into_iter().flatten() {
            if LETTERS.contains(&i.len()) && !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

/// The first letters of words written in Latin letters; `None` when a word is not.
fn first_letters<'a>(words: impl Iterator<Item = &'a str>) -> Option<CompactString> {
    words
        .map(|w| w.chars().next().filter(char::is_ascii_lowercase))
        .collect()
}

/// Whether one name is the acronym of the other's words (either way round).
pub fn acronym_of(q: &AnalyzedName, c: &AnalyzedName) -> bool {
    // Cheap first: an acronym is a name of one word.
    let one_word = |n: &AnalyzedName| n.tokens.len() == 1;
    if !one_word(q) && !one_word(c) {
        return false;
    }
    let spells = |short: &AnalyzedName, long: &AnalyzedName| {
        as_acronym(short).is_some_and(|a| initials(long).iter().any(|i| i == a))
    };
    spells(q, c) || spells(c, q)
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::*;

    #[test]
    fn a_word_in_capitals_is_the_acronym_of_the_initials_of_another_names_words() {
        for (short, long) in [
            ("IRGC", "Islamic Revolutionary Guard Corps"),
            ("ICBC", "Industrial and Commercial Bank of China Limited"),
            ("BOC", "Bank of China"),
            ("PLA", "People’s Liberation Army"),
            ("P.L.A.", "People's Liberation Army"),
            ("KCNA", "Korean Central News Agency"),
        ] {
            let (s, l) = (analyze(short), analyze(long));
            assert!(acronym_of(&s, &l), "{short} / {long}: {:?}", initials(&l));
            assert!(acronym_of(&l, &s), "{long} / {short}");
        }
        for (short, long) in [
            // Not in capitals, too short, too long, or other initials.
            ("Pla", "People's Liberation Army"),
            ("pla", "People's Liberation Army"),
            ("BC", "Bank China"),
            ("ABCDEFG", "Alpha Bravo Charlie Delta Echo Foxtrot Golf"),
            ("IRGC", "Islamic Republic Guard"),
            // A name in another script: its romanisation's initials are no acronym.
            ("BOC", "บริษัท โซกุโซ่ จำกัด"),
            ("SKB", "Саровский Коммерческий Банк"),
            // One word against one word: no initials to spell.
            ("BOC", "Boc"),
            ("IRGC", "IRGC"),
        ] {
            let (s, l) = (analyze(short), analyze(long));
            assert!(!acronym_of(&s, &l), "{short} / {long}: {:?}", initials(&l));
        }
    }
}
