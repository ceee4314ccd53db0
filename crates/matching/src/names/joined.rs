//! Adjacent words of a name written as one ("jong un" → "jongun"), analysed only when a
//! comparison first needs them.
//!
//! A name of n words has up to 2n − 2 joins, and most are unique to their name: analysed up
//! front they were nine in ten of a listed name's distinct tokens and about a fifth of the
//! memory of a loaded screener (1.3 GB at 2M synthetic entities). Most are never compared in
//! depth, since a join is tried only where names already share something and a word of the
//! other name comes close to it in length and letters ([`JoinedWord::shape`] answers that
//! from the joined words' own analyses). The analysis built on first use is
//! [`Token::new_once`] of the joined text, as before, so scores do not change.

use super::tokens::Token;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A join: the words `variants[variant][start..start + span]` of its name written as one.
/// Numbered after the name's analysed tokens (see [`super::AnalyzedName::token`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinedWord {
    variant: u16,
    start: u8,
    span: u8,
    /// The name is read by consonant skeletons too (see [`Token::new`]).
    arabic: bool,
    /// The analysis, made on first use and kept with the name.
    #[serde(skip)]
    analysis: OnceLock<Token>,
}

impl PartialEq for JoinedWord {
    fn eq(&self, other: &JoinedWord) -> bool {
        (self.variant, self.start, self.span, self.arabic)
            == (other.variant, other.start, other.span, other.arabic)
    }
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
    pub fn of(t: &Token) -> Shape {
        Shape {
            len: t.len,
            chars: t.chars,
            arabic: t.arabic,
        }
    }
}

impl JoinedWord {
    fn parts<'a>(&self, tokens: &'a [Token], variants: &'a [Box<[u16]>]) -> Vec<&'a Token> {
        let v = variants
            .get(usize::from(self.variant))
            .map_or(&[][..], |v| &v[..]);
        let (start, end) = (usize::from(self.start), usize::from(self.start + self.span));
        v.get(start..end)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| tokens.get(usize::from(i)))
            .collect()
    }

    /// Whether the name is read by consonant skeletons too.
    pub fn arabic(&self) -> bool {
        self.arabic
    }

    /// The joined text.
    pub fn text(&self, tokens: &[Token], variants: &[Box<[u16]>]) -> String {
        self.parts(tokens, variants)
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }

    /// Length and characters of the joined text, from its words' analyses.
    pub fn shape(&self, tokens: &[Token], variants: &[Box<[u16]>]) -> Shape {
        if let Some(t) = self.analysis.get() {
            return Shape::of(t);
        }
        let parts = self.parts(tokens, variants);
        Shape {
            len: parts.iter().fold(0u16, |n, t| n.saturating_add(t.len)),
            chars: parts.iter().fold(0, |set, t| set | t.chars),
            arabic: self.arabic,
        }
    }

    /// The analysis of the joined text, made on first use and kept.
    pub fn token<'a>(&'a self, tokens: &[Token], variants: &[Box<[u16]>]) -> &'a Token {
        self.analysis
            .get_or_init(|| Token::new_once(&self.text(tokens, variants), self.arabic))
    }

    /// The analysis of the joined text without keeping it (the index's keys of every listed
    /// name are built once at import; keeping them would keep every join analysed).
    pub fn token_once(&self, tokens: &[Token], variants: &[Box<[u16]>]) -> Token {
        match self.analysis.get() {
            Some(t) => t.clone(),
            None => Token::new_once(&self.text(tokens, variants), self.arabic),
        }
    }
}

/// Token number `i` of a name: one of its analysed `tokens`, or the join numbered after them,
/// analysed now if it was not yet.
#[inline]
pub fn token_at<'a>(
    tokens: &'a [Token],
    joined: &'a [JoinedWord],
    variants: &[Box<[u16]>],
    i: u16,
) -> &'a Token {
    let i = usize::from(i);
    match tokens.get(i) {
        Some(t) => t,
        None => joined[i - tokens.len()].token(tokens, variants),
    }
}

/// A name's tokens while it is analysed: words analysed at once, joins by their text only.
/// Equal texts share one number, as words shared by several romanisations do.
#[derive(Default)]
pub(super) struct Numbering {
    slots: Vec<(String, Slot)>,
}

enum Slot {
    Word(Token),
    Joined(JoinedWord),
}

impl Numbering {
    /// The number of a word of variant `variant`.
    pub fn word(&mut self, t: Token) -> u16 {
        if let Some(i) = self.slots.iter().position(|(x, _)| *x == t.text) {
            // A word that an earlier variant joins ("jongun" / "jong un") takes the join's
            // analysis, as when every join was analysed up front.
            if let Slot::Joined(j) = &self.slots[i].1 {
                let analysed = Token::new_once(&self.slots[i].0, j.arabic);
                self.slots[i].1 = Slot::Word(analysed);
            }
            return i as u16;
        }
        self.slots.push((t.text.to_string(), Slot::Word(t)));
        (self.slots.len() - 1) as u16
    }

    /// The number of the join of `span` words from `start` of variant `variant`.
    pub fn join(&mut self, variant: u16, start: u8, span: u8, arabic: bool, text: String) -> u16 {
        if let Some(i) = self.slots.iter().position(|(x, _)| *x == text) {
            return i as u16;
        }
        let j = JoinedWord {
            variant,
            start,
            span,
            arabic,
            analysis: OnceLock::new(),
        };
        self.slots.push((text, Slot::Joined(j)));
        (self.slots.len() - 1) as u16
    }

    /// The analysed tokens and the joins, numbered after them; `renumber` maps the numbers
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
        joined.shrink_to_fit();
        (tokens, joined, renumber)
    }
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::*;

    #[test]
    fn joins_are_numbered_after_the_words_and_analysed_on_first_use() {
        let n = analyze("Kim Jong Un");
        let words = n.tokens.len();
        assert_eq!(words, 3);
        let joins: Vec<u16> = n.joins.iter().flatten().map(|j| j.token).collect();
        assert!(!joins.is_empty());
        assert!(joins.iter().all(|&j| usize::from(j) >= words));
        assert!(n.joined.iter().all(|j| j.analysis.get().is_none()));
        let jongun = joins
            .iter()
            .copied()
            .find(|&j| n.token_once(j).text == "jongun")
            .expect("the join of Jong Un");
        // Not kept when asked for once (the index's keys), kept when compared.
        assert!(n.joined.iter().all(|j| j.analysis.get().is_none()));
        let t = n.token(jongun);
        assert_eq!(**t, *Token::new_once("jongun", false));
        assert!(n.joined.iter().any(|j| j.analysis.get().is_some()));
    }

    #[test]
    fn a_joins_shape_is_its_analysis_shape() {
        for name in [
            "Kim Jong Un",
            "Abdul Hai Al Rahman",
            "عبد الرحمن",
            "Ivan Petrovich Sidorov",
        ] {
            let n = analyze(name);
            assert!(!n.joined.is_empty(), "{name}");
            for j in &n.joined {
                let shape = j.shape(&n.tokens, &n.variants);
                assert_eq!(
                    shape,
                    Shape::of(&j.token_once(&n.tokens, &n.variants)),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_word_that_an_earlier_variant_joins_takes_the_joins_analysis() {
        let mut numbering = Numbering::default();
        let jong = numbering.word(Token::new_once("jong", false));
        let un = numbering.word(Token::new_once("un", false));
        let join = numbering.join(0, 0, 2, false, "jongun".into());
        let word = numbering.word(Token::new_once("jongun", false));
        let again = numbering.join(1, 0, 2, false, "jongun".into());
        assert_eq!((join, again), (word, word));
        let (tokens, joined, numbers) = numbering.finish();
        assert!(joined.is_empty());
        assert_eq!(tokens.len(), 3);
        assert_eq!(numbers, vec![jong, un, word]);
        assert_eq!(*tokens[2], *Token::new_once("jongun", false));
    }
}
