//! Organisation legal forms written out in full are replaced by their usual abbreviation before
//! comparison ("Aktiengesellschaft" → "ag", "Limited Liability Company" → "llc"), so that the two
//! spellings compare equal; the abbreviations then weigh little (see `tokens`).

use super::tokens::char_set;

/// (phrase in folded words, abbreviation). Longer phrases first.
const PHRASES: &[(&str, &str)] = &[
    ("obshchestvo s ogranichennoy otvetstvennostyu", "ooo"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "ooo"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("societatea cu raspundere limitata", "srl"),
    ("societa a responsabilita limitata", "srl"),
    ("sociedad de responsabilidad limitada", "srl"),
    ("public joint stock company", "pjsc"),
    ("closed joint stock company", "cjsc"),
    ("open joint stock company", "ojsc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("publichnoe aktsionernoe obshchestvo", "pao"),
    ("otkrytoe aktsionernoe obshchestvo", "oao"),
    ("zakrytoe aktsionernoe obshchestvo", "zao"),
    ("aktsionernoe obshchestvo", "ao"),
    ("avtonomnaya nekommercheskaya organizatsiya", "ano"),
    ("joint stock company", "jsc"),
    ("spolka z ograniczona odpowiedzialnoscia", "spzoo"),
    ("sp z o o", "spzoo"),
    ("sp zoo", "spzoo"),
    ("societe anonyme", "sa"),
    ("sociedad anonima", "sa"),
    ("sociedade anonima", "sa"),
    ("societa per azioni", "spa"),
    ("public limited company", "plc"),
    ("private limited company", "ltd"),
    ("private limited", "ltd"),
    ("aktiengesellschaft", "ag"),
    ("kommanditgesellschaft", "kg"),
    ("limited partnership", "lp"),
    ("incorporated", "inc"),
    ("corporation", "corp"),
    ("limited", "ltd"),
    ("company", "co"),
    ("l l c", "llc"),
    ("s a", "sa"),
    ("s p a", "spa"),
    ("s r l", "srl"),
    ("l p", "lp"),
    ("b v", "bv"),
    ("n v", "nv"),
    ("youxian gongsi", "co"),
    ("you xian gong si", "co"),
    ("jusik hoesa", "co"),
    ("ju sik hoe sa", "co"),
];

/// A word with the set of its letters ([`char_set`]): each edit changes the set by at most two,
/// so differing sets bound the edit distance from below without computing it.
struct Word {
    text: String,
    letters: u64,
}

impl Word {
    fn new(w: &str) -> Word {
        // Phrases are spelled as `fold` leaves them (`ck` as `k`: stock is `stok`).
        let text = if w.contains("ck") {
            w.replace("ck", "k")
        } else {
            w.to_string()
        };
        let letters = char_set(&text);
        Word { text, letters }
    }
}

/// The phrases split into words once.
static PHRASE_WORDS: std::sync::LazyLock<Vec<(Vec<Word>, &'static str)>> =
    std::sync::LazyLock::new(|| {
        PHRASES
            .iter()
            .map(|(p, abbr)| (p.split(' ').map(Word::new).collect(), *abbr))
            .collect()
    });

/// Whether a word of the name stands for a word of a legal-form phrase: equal, or (for long
/// words) within one edit per six letters, or cut short ("compan" for "company").
fn word_fits(word: &Word, phrase_word: &Word) -> bool {
    let (w, p) = (word.text.as_str(), phrase_word.text.as_str());
    if w == p {
        return true;
    }
    let n = p.len();
    if n < 5 {
        return false;
    }
    if n >= 6 && w.len() >= n - 1 && p.starts_with(w) {
        return true;
    }
    // One edit from five letters ("joynt stock company"), one more per six letters.
    let allowed = (n / 6).max(1);
    w.len().abs_diff(n) <= allowed
        && ((word.letters ^ phrase_word.letters).count_ones() as usize).div_ceil(2) <= allowed
        && rapidfuzz::distance::osa::distance(w.bytes(), p.bytes()) <= allowed
}

/// Replace legal-form phrases in a folded name (lowercase ASCII words separated by spaces),
/// tolerating typos and truncation in their longer words.
pub fn abbreviate(folded: &str) -> String {
    let mut words: Vec<Word> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(Word::new)
        .collect();
    for (pw, abbr) in PHRASE_WORDS.iter() {
        let mut i = 0;
        while i + pw.len() <= words.len() {
            if pw.iter().zip(&words[i..]).all(|(p, w)| word_fits(w, p)) {
                words.splice(i..i + pw.len(), [Word::new(abbr)]);
            }
            i += 1;
        }
    }
    let mut out = String::with_capacity(folded.len());
    for w in &words {
        if !out.is_empty() {
            out.push(' ');
        }
        let e = EQUIVALENT.iter().find(|(f, _)| *f == w.text);
        out.push_str(e.map_or(w.text.as_str(), |(_, e)| e));
    }
    out
}

/// Legal forms that are one form under two names: the Russian and Ukrainian forms and their
/// English translations (ООО = LLC; АО, ОАО, ЗАО, ПАО = joint-stock companies, open or closed,
/// public or not, which registers and lists render JSC, OJSC, CJSC, PJSC).
///
/// Likewise the English words for an incorporated company, which no register distinguishes in
/// a name (Homs Refinery Corporation / The Homs Refinery Company): Corp and Inc compare as Co.
const EQUIVALENT: &[(&str, &str)] = &[
    ("corp", "co"),
    ("inc", "co"),
    ("ooo", "llc"),
    ("tov", "llc"),
    ("ao", "jsc"),
    ("oao", "jsc"),
    ("zao", "jsc"),
    ("pao", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviates() {
        assert_eq!(abbreviate("siemens aktiengesellschaft"), "siemens ag");
        assert_eq!(abbreviate("acme limited liability company"), "acme llc");
        assert_eq!(
            abbreviate("faberlic europe sp z o o"),
            "faberlic europe spzoo"
        );
        assert_eq!(
            abbreviate("societatea cu raspundere limitata pro traffic"),
            "srl pro traffic"
        );
        assert_eq!(abbreviate("company of heroes"), "co of heroes");
        assert_eq!(abbreviate("siemens aktiengeselschaft"), "siemens ag");
        assert_eq!(
            abbreviate("tactical missiles corp joint stock compan"),
            "tactical missiles co jsc"
        );
        assert_eq!(abbreviate("compass limited"), "compass ltd");
        assert_eq!(abbreviate("missiles joynt stock company"), "missiles jsc");
        assert_eq!(abbreviate("joint venture"), "joint venture");
    }

    #[test]
    fn one_form_under_two_names() {
        assert_eq!(abbreviate("oao gazprom"), "jsc gazprom");
        assert_eq!(abbreviate("gazprom ojsc"), "gazprom jsc");
        assert_eq!(abbreviate("ooo romashka"), "llc romashka");
        assert_eq!(
            abbreviate("public joint stock company sberbank"),
            abbreviate("pao sberbank")
        );
        assert_eq!(abbreviate("deutsche bank ag"), "deutsche bank ag");
        assert_eq!(
            abbreviate("homs refinery corporation"),
            abbreviate("homs refinery company")
        );
    }
}
