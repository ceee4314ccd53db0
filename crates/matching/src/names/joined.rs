//! Adjacent words of a listed name written as one ("jong un" → "jongun"), kept as their place
//! in the name and analysed per comparison.
//!
//! A name of n words has up to 2n − 2 joins, and most are unique to their name: analysed up
//! front and kept, they were nine in ten of a listed name's distinct tokens and about a fifth
//! of the memory of a loaded screener (1.3 GB at 2M synthetic entities). A join keeps, in 24
//! bytes, its place in the name, what a comparison reads first (its length, set of letters and
//! skeleton length) and what is costly to compute from its text (the Double Metaphone codes
//! and the word's role); its text comes from its words. A comparison tests a word of the other
//! name against the join's shape ([`JoinedWord::shape`]) and builds the rest only when the
//! word comes close ([`JoinedWord::analysis`]), into a [`JoinScratch`] that lives for one
//! comparison. The consonant skeleton, the costly part, is made only when either side is
//! written in an abjad: the only comparisons that read it. A query's names have their joins
//! analysed whole once ([`super::AnalyzedName::analyse_joins`]), since a query meets many
//! candidates.

use super::arabic;
use super::phonetic::{self, Codes};
use super::tokens::{Token, TokenData, TokenRole, char_set, role_of};
use super::variants::Variants;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;

/// A join: the words `variants[variant][start..start + span]` of its name written as one.
/// Numbered after the name's analysed tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinedWord {
    /// The joined text's set of characters (see [`TokenData::chars`]).
    chars: u64,
    /// Double Metaphone codes of the joined text.
    phonetic: Codes,
    variant: u16,
    /// The joined text's length in characters.
    len: u16,
    start: u8,
    span: u8,
    /// The length of the joined text's consonant skeleton (below [`UNKNOWN_SKELETON`]) and,
    /// in the high bit, whether the name is read by consonant skeletons too (see
    /// [`Token::new`]): one byte, so that a join stays 24 bytes.
    abjad: u8,
    /// The role of the joined text (a join is nearly always a word; its weight follows).
    role: TokenRole,
}

/// What a join test reads before it compares a joined word: its length in characters, its
/// set of characters and whether it comes from an abjad.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub len: u16,
    pub chars: u64,
    pub arabic: bool,
}

impl Shape {
    pub fn of(t: &TokenData) -> Shape {
        Shape {
            len: t.len,
            chars: t.chars,
            arabic: t.arabic,
        }
    }
}

/// The high bit of [`JoinedWord::abjad`]; the others hold a skeleton's length up to
/// [`LONG_SKELETON`].
const ABJAD: u8 = 0x80;
/// A skeleton length kept as "this long or longer".
const LONG_SKELETON: u8 = 0x7f;

impl JoinedWord {
    /// The join of `span` words from `start` of variant `variant`, whose text is `text` and
    /// consonant skeleton `skeleton`.
    pub fn new(
        variant: u16,
        (start, span): (u8, u8),
        arabic: bool,
        text: &str,
        skeleton: &str,
    ) -> JoinedWord {
        let skeleton = u8::try_from(skeleton.len()).map_or(LONG_SKELETON, |n| n.min(LONG_SKELETON));
        JoinedWord {
            chars: char_set(text),
            phonetic: phonetic::codes(text),
            variant,
            len: u16::try_from(text.chars().count()).unwrap_or(u16::MAX),
            start,
            span,
            abjad: skeleton | if arabic { ABJAD } else { 0 },
            role: role_of(text),
        }
    }

    fn parts<'a>(
        &self,
        tokens: &'a [Token],
        variants: &'a Variants,
    ) -> impl Iterator<Item = &'a Token> + 'a {
        let v = variants.get(usize::from(self.variant)).unwrap_or(&[]);
        let (start, end) = (usize::from(self.start), usize::from(self.start + self.span));
        v.get(start..end)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| tokens.get(usize::from(i)))
    }

    /// Whether the name is read by consonant skeletons too.
    pub fn arabic(&self) -> bool {
        self.abjad & ABJAD != 0
    }

    /// The joined text.
    pub fn text(&self, tokens: &[Token], variants: &Variants) -> CompactString {
        let mut buf = [0u8; 64];
        let mut n = 0;
        for t in self.parts(tokens, variants) {
            let b = t.text.as_bytes();
            match buf.get_mut(n..n + b.len()) {
                Some(slot) => slot.copy_from_slice(b),
                None => {
                    return self
                        .parts(tokens, variants)
                        .map(|t| t.text.as_str())
                        .collect();
                }
            }
            n += b.len();
        }
        // Whole words of valid UTF-8 joined.
        std::str::from_utf8(&buf[..n])
            .map_or_else(|_| CompactString::default(), CompactString::from)
    }

    /// Length and characters of the joined text.
    pub fn shape(&self) -> Shape {
        Shape {
            len: self.len,
            chars: self.chars,
            arabic: self.arabic(),
        }
    }

    /// The length of the joined text's consonant skeleton; `None` for a long one (of
    /// [`LONG_SKELETON`] bytes or more), whose length is not kept.
    pub fn skeleton_len(&self) -> Option<usize> {
        let n = self.abjad & !ABJAD;
        (n < LONG_SKELETON).then_some(usize::from(n))
    }

    /// The analysis of the joined text. With `skeleton` (or for a join from an abjad) it is
    /// [`TokenData::analyse`] of the text; without, the consonant skeleton is left empty, which
    /// only comparisons of two words written in Latin letters may use (they never read it).
    pub fn analysis(&self, tokens: &[Token], variants: &Variants, skeleton: bool) -> TokenData {
        let text = self.text(tokens, variants);
        let skeleton = if skeleton || self.arabic() {
            let parts = self
                .parts(tokens, variants)
                .map(|t| (t.text.as_str(), t.skeleton.as_str()));
            // From the words' skeletons where no rule reads across two words.
            arabic::joined_skeleton(parts)
                .unwrap_or_else(|| arabic::skeleton(&text))
                .into()
        } else {
            CompactString::default()
        };
        let place = super::places::is_place(&text);
        TokenData {
            text,
            role: self.role,
            weight: self.role.weight(),
            phonetic: self.phonetic,
            skeleton,
            arabic: self.arabic(),
            place,
            len: self.len,
            chars: self.chars,
        }
    }

    /// The full analysis as a shared token (a query's joins; the index's keys).
    pub fn token(&self, tokens: &[Token], variants: &Variants) -> Token {
        Token::from(self.analysis(tokens, variants, true))
    }
}

/// The joins analysed during one comparison of a query with a listed entity, by their number
/// in the comparison's similarity cache (see [`super::Side`]). Reset for each entity.
#[derive(Debug, Default)]
pub struct JoinScratch {
    slots: Vec<OnceCell<TokenData>>,
    /// Analyse with consonant skeletons: the query has a word from an abjad.
    skeletons: bool,
}

impl JoinScratch {
    /// Room for joins numbered below `n`, none analysed; `skeletons`: the other side of the
    /// comparison has a word from an abjad.
    pub fn reset(&mut self, n: usize, skeletons: bool) {
        self.slots.clear();
        self.slots.resize_with(n, OnceCell::new);
        self.skeletons = skeletons;
    }

    /// A scratch for joins numbered below `n`.
    pub fn new(n: usize, skeletons: bool) -> JoinScratch {
        let mut s = JoinScratch::default();
        s.reset(n, skeletons);
        s
    }

    /// The analysis of `join` (numbered `id`), made on first use.
    pub fn get<'a>(
        &'a self,
        id: u32,
        join: &JoinedWord,
        tokens: &[Token],
        variants: &Variants,
    ) -> &'a TokenData {
        self.slots[id as usize].get_or_init(|| join.analysis(tokens, variants, self.skeletons))
    }
}

/// A name's tokens while it is analysed: words analysed at once, joins by their text only.
/// Equal texts share one number, as words shared by several romanisations do.
#[derive(Default)]
pub(super) struct Numbering {
    slots: Vec<(CompactString, Slot)>,
}

enum Slot {
    Word(Token),
    Joined(JoinedWord),
}

impl Numbering {
    /// The number of a word.
    pub fn word(&mut self, t: Token) -> u16 {
        if let Some(i) = self.slots.iter().position(|(x, _)| *x == t.text) {
            // A word that an earlier variant joins ("jongun" / "jong un") takes the join's
            // analysis, as when every join was analysed up front and shared by text.
            if let Slot::Joined(j) = &self.slots[i].1 {
                let analysed = Token::new_once(&self.slots[i].0, j.arabic());
                self.slots[i].1 = Slot::Word(analysed);
            }
            return i as u16;
        }
        self.slots.push((t.text.clone(), Slot::Word(t)));
        (self.slots.len() - 1) as u16
    }

    /// The number of the join of `span` words from `start` of variant `variant`, whose words
    /// are `parts` (`arabic`: the name is read by consonant skeletons too).
    pub fn join(
        &mut self,
        variant: u16,
        (start, span): (u8, u8),
        arabic: bool,
        parts: &[Token],
        text: String,
    ) -> u16 {
        if let Some(i) = self.slots.iter().position(|(x, _)| *x == text) {
            return i as u16;
        }
        let skeleton =
            arabic::joined_skeleton(parts.iter().map(|t| (t.text.as_str(), t.skeleton.as_str())))
                .unwrap_or_else(|| arabic::skeleton(&text));
        let j = JoinedWord::new(variant, (start, span), arabic, &text, &skeleton);
        self.slots.push((text.into(), Slot::Joined(j)));
        (self.slots.len() - 1) as u16
    }

    /// The analysed tokens, the joins (numbered after them) and the map from the numbers
    /// handed out to the final ones.
    pub fn finish(self) -> (Vec<Token>, Vec<JoinedWord>, Vec<u16>) {
        let words = self
            .slots
            .iter()
            .filter(|(_, s)| matches!(s, Slot::Word(_)))
            .count();
        let (mut tokens, mut joined) = (Vec::with_capacity(words), Vec::new());
        let mut renumber = Vec::with_capacity(self.slots.len());
        for (_, s) in self.slots {
            match s {
                Slot::Word(t) => {
                    renumber.push(tokens.len() as u16);
                    tokens.push(t);
                }
                Slot::Joined(j) => {
                    renumber.push((words + joined.len()) as u16);
                    joined.push(j);
                }
            }
        }
        (tokens, joined, renumber)
    }
}

#[cfg(test)]
mod tests {
    use super::super::analyze_listed;
    use super::*;

    #[test]
    fn a_joins_analysis_is_the_analysis_of_its_text() {
        for name in [
            "Kim Jong Un",
            "Abdul Hai Al Rahman",
            "عبد الرحمن",
            "Ivan Petrovich Sidorov",
            "Mohammed bin Salman Al Saud",
        ] {
            let n = analyze_listed(name);
            assert!(!n.joined.is_empty(), "{name}");
            for j in &n.joined {
                let full = Token::new_once(&j.text(&n.tokens, &n.variants), j.arabic());
                assert_eq!(*j.token(&n.tokens, &n.variants), *full, "{name}");
                assert_eq!(j.analysis(&n.tokens, &n.variants, true), *full, "{name}");
                let latin = j.analysis(&n.tokens, &n.variants, false);
                if j.arabic() {
                    assert_eq!(latin, *full, "{name}");
                } else {
                    // All but the skeleton, which only a comparison across an abjad reads.
                    let without = TokenData {
                        skeleton: CompactString::default(),
                        ..(*full).clone()
                    };
                    assert_eq!(latin, without, "{name}");
                }
                assert_eq!(j.shape(), Shape::of(&full), "{name}");
                assert_eq!(j.skeleton_len(), Some(full.skeleton.len()), "{name}");
            }
        }
    }

    #[test]
    fn a_join_stays_24_bytes() {
        assert_eq!(std::mem::size_of::<JoinedWord>(), 24);
    }

    #[test]
    fn a_word_that_an_earlier_variant_joins_takes_the_joins_analysis() {
        let mut numbering = Numbering::default();
        let jong = numbering.word(Token::new_once("jong", false));
        let un = numbering.word(Token::new_once("un", false));
        let parts = [Token::new_once("jong", false), Token::new_once("un", false)];
        let join = numbering.join(0, (0, 2), false, &parts, "jongun".into());
        let word = numbering.word(Token::new_once("jongun", false));
        let again = numbering.join(1, (0, 2), false, &parts, "jongun".into());
        assert_eq!((join, again), (word, word));
        let (tokens, joined, numbers) = numbering.finish();
        assert!(joined.is_empty());
        assert_eq!(tokens.len(), 3);
        assert_eq!(numbers, vec![jong, un, word]);
        assert_eq!(*tokens[2], *Token::new_once("jongun", false));
    }

    #[test]
    fn the_scratch_analyses_a_join_once_and_forgets_it_on_reset() {
        let n = analyze_listed("Kim Jong Un");
        let j = &n.joined[0];
        let mut scratch = JoinScratch::new(2, false);
        let a: *const TokenData = scratch.get(1, j, &n.tokens, &n.variants);
        let b: *const TokenData = scratch.get(1, j, &n.tokens, &n.variants);
        assert_eq!(a, b);
        assert!(scratch.slots[0].get().is_none());
        scratch.reset(2, true);
        assert!(scratch.slots.iter().all(|s| s.get().is_none()));
    }
}
