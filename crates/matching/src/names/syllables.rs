//! Chinese and Korean names read syllable by syllable: which tokens are the syllables of which
//! written word, the order of a given name's syllables, and which spellings are one syllable.
//!
//! The aligner pairs words in any order, as names are written surname first or last; but the
//! syllables of a given name are one word read in one order: 광수 (Gwang-su) and 수광 (Su-gwang)
//! are two names, as are 은정 (Eun-jeong) and "Tong-Un". A name in Hangul or Han letters is read
//! one token per syllable in every syllable-by-syllable romanisation and in its own script; two
//! syllables of one of its words that align the other way round make the two names different.

use super::AnalyzedName;
use interdict_model::Script;
use smallvec::SmallVec;

/// The highest score of two names that align two syllables of a given name the other way round.
pub const SWAPPED_SYLLABLES_MAX: f64 = 0.6;

/// No order is fixed for this syllable.
const FREE: u8 = u8::MAX;

/// A name written in Hangul or Han, syllable by syllable: per syllable, the written word it
/// belongs to, or [`FREE`]. Found once per comparison of two names, then asked of each word
/// list (variant) compared.
///
/// The first syllable of a word of three or more is free: a name written as one word starts
/// with the surname ("김정은", listed "Jong Un Kim"). Both syllables of a word of two are free
/// when that word is the whole name (surname and given name: "김철", listed "Chol Kim").
pub struct SyllableWords(Option<SmallVec<[u8; 8]>>);

impl SyllableWords {
    /// `None` inside for a name in another script, or with a letter that is not a syllable.
    pub fn of(n: &AnalyzedName) -> SyllableWords {
        if !matches!(n.script, Script::Hangul | Script::Han) {
            return SyllableWords(None);
        }
        let words: SmallVec<[&str; 4]> = n.original.split_whitespace().collect();
        let mut out: SmallVec<[u8; 8]> = SmallVec::new();
        for (w, word) in words.iter().enumerate() {
            let count = word.chars().count();
            for (k, c) in word.chars().enumerate() {
                if !matches!(Script::of_char(c), Some(Script::Hangul | Script::Han)) {
                    return SyllableWords(None);
                }
                let free = (k == 0 && count >= 3) || (count == 2 && words.len() == 1);
                out.push(if free { FREE } else { w.min(254) as u8 });
            }
        }
        SyllableWords(Some(out))
    }

    /// The words of a word list of `len` tokens: `None` unless it reads the name one token per
    /// syllable (not a romanisation that joins a word's syllables, nor a joined view).
    fn of_list(&self, len: usize) -> Option<&[u8]> {
        self.0.as_deref().filter(|w| w.len() == len)
    }

    /// Whether a word list of `len` tokens reads the name one token per syllable.
    pub fn read_by_syllables(&self, len: usize) -> bool {
        self.of_list(len).is_some()
    }
}

/// Whether two aligned pairs (positions in the query's and the listed word lists, of `q_len`
/// and `c_len` tokens) put two syllables of one given name, on either side, in the other order.
pub fn swapped(
    q: &SyllableWords,
    q_len: usize,
    c: &SyllableWords,
    c_len: usize,
    aligned: &[(u8, u8, f64)],
) -> bool {
    let positions = |query: bool| {
        aligned.iter().map(move |&(i, j, _)| {
            let (i, j) = (usize::from(i), usize::from(j));
            if query { (i, j) } else { (j, i) }
        })
    };
    q.of_list(q_len)
        .is_some_and(|w| crossed(w, positions(true)))
        || c.of_list(c_len)
            .is_some_and(|w| crossed(w, positions(false)))
}

/// Whether two pairs (own position, other position) of two syllables of one word, by `words`,
/// are in the other order on the other side.
fn crossed(words: &[u8], pairs: impl Iterator<Item = (usize, usize)> + Clone) -> bool {
    let word = |p: usize| words.get(p).copied().unwrap_or(FREE);
    pairs.clone().enumerate().any(|(k, (a, a_other))| {
        word(a) != FREE
            && pairs
                .clone()
                .skip(k + 1)
                .any(|(b, b_other)| word(b) == word(a) && (a < b) != (a_other < b_other))
    })
}

/// Whether two syllable-sized words (six letters or fewer) can spell one Korean or Chinese
/// syllable: the same consonants by sound, in order, and vowels of the same sound as
/// romanisations write it (ŏ as o, eo or u: "Sung", "Song", "Seong"; ae as e; i as ee; "Young"
/// as "Yong"; k as g: "Kim", "Gim").
/// The romanisations of a Han or Hangul name already spell each syllable every usual way (RR,
/// McCune–Reischauer, DPRK, pinyin): a word one letter from a syllable otherwise is another
/// syllable (jong / yong, chin / chon, so / sop), not a typo. Longer words are not judged.
pub fn alike(a: &super::TokenData, b: &super::TokenData) -> bool {
    let (a, b) = (a.text.as_str(), b.text.as_str());
    if a.len() > 6 || b.len() > 6 || !a.is_ascii() || !b.is_ascii() {
        return true;
    }
    sound_key(a) == sound_key(b)
}

/// A syllable's consonants by sound and its vowels by sound class. Lists mix romanisation
/// styles within one name ("Kim Gwang Su": McCune–Reischauer's surname, the Revised
/// Romanisation's given name), which write the same consonant k or g, t or d, p or b, ch or j,
/// r or l, s or sh.
fn sound_key(w: &str) -> SmallVec<[u8; 8]> {
    let spelt = respelt(w);
    let mut out = SmallVec::new();
    let bytes = spelt.as_slice();
    let mut k = 0;
    while k < bytes.len() {
        let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
        if !vowel(bytes[k]) {
            out.push(match bytes[k] {
                b'g' => b'k',
                b'd' => b't',
                b'b' => b'p',
                b'l' => b'r',
                c => c,
            });
            k += 1;
            continue;
        }
        let start = k;
        while k < bytes.len() && vowel(bytes[k]) {
            k += 1;
        }
        match &bytes[start..k] {
            b"a" => out.push(b'A'),
            b"ae" | b"ai" | b"e" => out.push(b'E'),
            b"i" | b"ee" | b"ui" | b"eui" => out.push(b'I'),
            b"o" | b"eo" | b"u" | b"oo" | b"ou" | b"eu" => out.push(b'O'),
            b"oe" | b"oi" => out.push(b'W'),
            run => out.extend_from_slice(run),
        }
    }
    out
}

/// The word with sh written s, ch written j and a leading "woo" written u; without
/// allocating (words are short, and this runs for many word pairs of a comparison).
fn respelt(w: &str) -> SmallVec<[u8; 16]> {
    let mut spelt: SmallVec<[u8; 16]> = SmallVec::new();
    let mut rest = w.as_bytes();
    while let Some(&c) = rest.first() {
        let (letter, taken) = match rest {
            [b's', b'h', ..] => (b's', 2),
            [b'c', b'h', ..] => (b'j', 2),
            _ => (c, 1),
        };
        spelt.push(letter);
        rest = &rest[taken..];
    }
    if spelt.starts_with(b"woo") {
        spelt.drain(..2);
        spelt[0] = b'u';
    }
    spelt
}

#[cfg(test)]
mod tests {
    use crate::names::{analyze, compare_score};

    /// The respelling as first written, with string replacements: the allocation-free one
    /// must agree with it.
    fn respelt_by_replacing(w: &str) -> String {
        let w = w.replace("sh", "s").replace("ch", "j");
        match w.strip_prefix("woo") {
            Some(rest) => format!("u{rest}"),
            None => w,
        }
    }

    #[test]
    fn respelling_writes_sh_ch_and_woo_as_replacements_would() {
        // Every word of up to five letters over the letters the spellings involve.
        let letters = b"schwoaeuigk";
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.len() == words.last().map_or(0, String::len))
                .flat_map(|w| letters.iter().map(move |&c| format!("{w}{}", c as char)))
                .collect();
            words.extend(longer);
        }
        assert!(words.len() > 170_000);
        for w in &words {
            assert_eq!(
                super::respelt(w).as_slice(),
                respelt_by_replacing(w).as_bytes(),
                "{w}"
            );
        }
    }

    fn s(a: &str, b: &str) -> f64 {
        compare_score(&analyze(a), &analyze(b))
    }

    #[test]
    fn given_name_syllables_in_the_other_order_are_another_name() {
        for (a, b) in [
            ("광수 김", "KIM Su Gwang"),
            ("광수 김", "김수광"),
            ("은정 김", "Tong-Un Kim"),
            ("정남 김", "Kim Nam Ung"),
            ("서준 김", "KIM Chun-sop"),
        ] {
            assert!(
                s(a, b) <= super::SWAPPED_SYLLABLES_MAX,
                "{a} / {b}: {}",
                s(a, b)
            );
        }
    }

    #[test]
    fn syllables_alike_only_as_romanisations_spell_them() {
        let t = |w: &str| crate::names::Token::new(w, false);
        for (a, b) in [
            ("sung", "seong"),
            ("yong", "young"),
            ("chol", "cheol"),
            ("shin", "sin"),
            ("woo", "u"),
            ("hee", "hui"),
            ("gim", "kim"),
            ("gwang", "kwang"),
            ("jeong", "chong"),
            ("bong", "pong"),
        ] {
            assert!(super::alike(&t(a), &t(b)), "{a} / {b}");
        }
        for (a, b) in [
            ("jong", "yong"),
            ("chin", "chon"),
            ("so", "sop"),
            ("sang", "song"),
            ("rim", "rin"),
            ("hyon", "yon"),
        ] {
            assert!(!super::alike(&t(a), &t(b)), "{a} / {b}");
        }
    }

    #[test]
    fn a_syllable_that_one_name_lacks_makes_another_name() {
        for (a, b) in [
            ("婷 王", "Wang Ting-yu"),
            ("飞 林", "Lin Fei-fan"),
            ("정수 김", "KIM Jong Su Chol"),
        ] {
            assert!(s(a, b) < 0.75, "{a} / {b}: {}", s(a, b));
        }
    }

    #[test]
    fn names_in_either_order_of_surname_and_given_name_still_match() {
        for (a, b) in [
            ("광수 김", "KIM Kwang Su"),
            ("광수 김", "Kim Gwang Su"),
            ("김광수", "Kwang Su Kim"),
            ("김정은", "Jong Un Kim"),
            ("金正恩", "Kim Jong Un"),
            ("김철", "Chol Kim"),
            ("병철 김", "KIM Pyong Chol"),
            ("王婷", "Wang Ting"),
            ("习近平", "Xi Jinping"),
            ("김정은", "KIM Jong-un"),
        ] {
            assert!(s(a, b) >= 0.9, "{a} / {b}: {}", s(a, b));
        }
    }
}
