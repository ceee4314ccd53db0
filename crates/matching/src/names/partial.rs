//! A person named by part of their name: "Akhtar Mansour" for the listed "Akhtar Mohammad Mansour
//! Shah Mohammed", "Fazl Rabi" for "Fazl Rabi Abdul Hamid", "Boris Johnson" for "Alexandre Boris
//! de Pfeffel Johnson".
//!
//! Lists write long names in full (given name, father's and grandfather's names, tribe, place);
//! a payment or a customer file gives two or three of them. The aligner charges each word the
//! other name lacks, so such a name scores about 0.5 however exactly its words match. When every
//! word of one name is found in the other, alike and in the same order (checked when both are
//! written in spoken order: a "SURNAME, Given" listing is not), and both are persons' names (the
//! screener says so from the schemas; here: no legal form first or last, common word or number),
//! the pair scores at least [`PART_OF_NAME`] times the similarity of the words found: an alert
//! for an analyst to read, not a certainty. Chinese and Korean names (no middle
//! names) and names read from an abjad (words found by their consonants alone) are left out.

use super::{TokenData, TokenRole};

/// The score of a name found whole, word for word, in a longer one.
pub const PART_OF_NAME: f64 = 0.8;

/// Least similarity of each pair of words found: a spelling (0.8) counts, a short form or an
/// initial does not.
const FOUND: f64 = 0.8;

/// Whether one name is found whole in the other: `q` and `c` are the two word lists in order,
/// `aligned` the aligned (query position, listed position, similarity); `ordered`: both names
/// are written in their spoken order, so that the order of the words found is checked.
pub fn named_in_part(
    q: &[&TokenData],
    c: &[&TokenData],
    aligned: &[(u8, u8, f64)],
    ordered: bool,
) -> bool {
    if aligned.len() < 2 || aligned.iter().any(|p| p.2 < FOUND) {
        return false;
    }
    if !personal(q) || !personal(c) || east_asian(q) || east_asian(c) {
        return false;
    }
    // Words read from an abjad are found by their consonants (احسان and Hussein both read
    // "hsn"): too weak a likeness to name a person by part of the name.
    if q.iter().chain(c).any(|t| t.arabic) {
        return false;
    }
    // Every word of one side is aligned (particles may be left over), and not every word of the
    // other: that would be a name matched whole, which the aligner already scores.
    let whole = |toks: &[&TokenData], aligned_at: &dyn Fn(usize) -> bool| {
        toks.iter()
            .enumerate()
            .all(|(k, t)| t.role == TokenRole::Particle || aligned_at(k))
    };
    let q_whole = whole(q, &|k| aligned.iter().any(|p| usize::from(p.0) == k));
    let c_whole = whole(c, &|k| aligned.iter().any(|p| usize::from(p.1) == k));
    if q_whole == c_whole {
        return false;
    }
    let words = aligned
        .iter()
        .filter(|p| {
            q.get(usize::from(p.0))
                .is_some_and(|t| t.role == TokenRole::Word)
                && c.get(usize::from(p.1))
                    .is_some_and(|t| t.role == TokenRole::Word)
        })
        .count();
    if words < 2 {
        return false;
    }
    if ordered {
        let mut by_query: smallvec::SmallVec<[(u8, u8); 16]> =
            aligned.iter().map(|p| (p.0, p.1)).collect();
        by_query.sort_unstable();
        if by_query.windows(2).any(|w| w[0].1 > w[1].1) {
            return false;
        }
    }
    true
}

/// Whether a word list can be a person's name: no common word or number, and no legal form
/// first or last (OOO Romashka, Sweden AB). A legal form inside the name is a particle that
/// legal forms share ("de" of "S.A. de C.V.", "Boris de Pfeffel Johnson").
fn personal(words: &[&TokenData]) -> bool {
    let legal = |t: Option<&&TokenData>| t.is_some_and(|t| t.role == TokenRole::LegalForm);
    !legal(words.first())
        && !legal(words.last())
        && !words
            .iter()
            .any(|t| matches!(t.role, TokenRole::Common | TokenRole::Number))
}

/// Whether a word list reads like a Chinese or Korean name: words of six letters or fewer, with
/// a common Chinese or Korean surname spelling first or last (which also takes in a few Western
/// names: "Lee Oswald", "Song"; they only lose this rule) ("Kim Jong Un", "Chang Su Ha", "Wang Ting Yu"). Such
/// names have no middle name to leave out: "Kim Jong" is not "Kim Jong Un".
fn east_asian(words: &[&TokenData]) -> bool {
    let surname = |t: Option<&&TokenData>| {
        t.is_some_and(|t| {
            super::hangul::is_surname_spelling(&t.text) || super::han::is_pinyin_surname(&t.text)
        })
    };
    words.iter().all(|t| t.text.len() <= 6) && (surname(words.first()) || surname(words.last()))
}

#[cfg(test)]
mod tests {
    use super::super::{TokenData, analyze, compare};
    use super::named_in_part;

    fn s(a: &str, b: &str) -> f64 {
        compare(&analyze(a), &analyze(b)).0
    }

    #[test]
    fn a_person_named_by_part_of_the_name() {
        for (a, b) in [
            ("Akhtar Mansour", "Akhtar Mohammad Mansour Shah Mohammed"),
            ("Fazl Rabi Abdul Hamid", "Fazl Rabi"),
            ("Boris Johnson", "Alexandre Boris de Pfeffel Johnson"),
        ] {
            assert!(s(a, b) >= 0.78, "{a} / {b}: {}", s(a, b));
        }
    }

    #[test]
    fn not_in_order_not_whole_or_not_a_person() {
        for (a, b) in [
            // Another order of the words found: the son, not the father.
            (
                "Ibrahim bin Al-Din Al-Masri",
                "Saif-Al-Din bin Ibrahim Al-Masri",
            ),
            // A word of each name the other lacks.
            ("John Michael Smith", "John Peter Smith"),
            // One word found.
            ("Barack Obama", "George Hussein Onyango Obama"),
        ] {
            assert!(s(a, b) < 0.75, "{a} / {b}: {}", s(a, b));
        }
    }

    /// The rule alone, on words aligned where they are equal.
    fn in_part(a: &str, b: &str) -> bool {
        let (x, y) = (analyze(a), analyze(b));
        let (q, c): (Vec<&TokenData>, Vec<&TokenData>) = (
            x.variant(0).map(|t| &**t).collect(),
            y.variant(0).map(|t| &**t).collect(),
        );
        let mut aligned = Vec::new();
        for (i, t) in q.iter().enumerate() {
            if let Some(j) = c.iter().position(|u| u.text == t.text) {
                aligned.push((i as u8, j as u8, 1.0));
            }
        }
        named_in_part(&q, &c, &aligned, true)
    }

    #[test]
    fn organisations_are_not_named_in_part() {
        assert!(in_part("Akhtar Mansour", "Akhtar Mohammad Mansour Shah"));
        assert!(in_part("Boris Johnson", "Boris de Pfeffel Johnson"));
        assert!(!in_part(
            "Banco Santander S.A.",
            "Banco Santander Chile S.A."
        ));
        assert!(!in_part("OOO Romashka Trade", "OOO Romashka Trade Neva"));
        assert!(!in_part("Sweden Mendez", "L H Mendez Sweden"));
        assert!(!in_part("Chang Ha", "Chang Su Ha"));
        assert!(!in_part("Kim Jong", "Kim Jong Un"));
        assert!(!in_part("Wang Ting", "Wang Ting Yu"));
    }
}
