//! Name analysis: each name becomes one or more romanised token lists (variants), one per
//! plausible romanisation of its script, with token roles, weights, phonetic codes and consonant
//! skeletons. One module per concern.

pub mod acronym;
pub mod align;
pub mod arabic;
pub mod cyrillic;
pub mod fold;
pub mod han;
pub mod hangul;
pub mod joined;
pub mod legal;
pub mod numbers;
pub mod partial;
pub mod phonetic;
pub mod places;
pub mod shared;
pub mod spelling;
pub mod syllables;
pub mod tokens;
pub mod variants;

pub use align::{
    Alignment, Ids, Side, SimCache, compare, compare_as, compare_cached, compare_score,
};
pub use joined::{JoinScratch, JoinedWord, Shape};
pub use shared::{TokenInterner, read_sharing, write_sharing};
pub use tokens::{Token, TokenData, TokenRole};
pub use variants::{Join, Variants};

use interdict_model::Script;
use serde::{Deserialize, Serialize};

/// Tokens kept per name variant: longer "names" are free text, and the aligner tracks tokens in
/// 64-bit sets.
pub const MAX_TOKENS: usize = 32;

/// A name prepared for comparison.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnalyzedName {
    pub original: Box<str>,
    pub script: Script,
    /// The distinct analysed words of every variant: a word that several romanisations share
    /// is stored, and compared, once. Numbered from 0; joins are numbered after them.
    pub tokens: Box<[Token]>,
    /// The distinct joins of every variant that are not also a word of the name: token number
    /// `tokens.len() + i` is `joined[i]` (see [`joined`]).
    pub joined: Box<[JoinedWord]>,
    /// The joins analysed whole, `joined[i]` as `analysed_joins[i]`: a query's (see
    /// [`AnalyzedName::analyse_joins`]); empty for a listed name, whose joins are analysed
    /// per comparison.
    #[serde(skip)]
    pub analysed_joins: Box<[Token]>,
    /// Alternative romanisations as indices into `tokens`, the first the primary one, and the
    /// adjacent words each writes as one (its joins). From `bare_from` on, the romanisations
    /// of the name read without its parenthesised parts.
    pub variants: Variants,
    /// Tokens in the name's own (non-Latin) script, for comparing two names written in the same
    /// script without the collisions of romanisation; CJK characters are one token each.
    pub native: Box<[Token]>,
    /// Variants from this one on read the name without its parenthesised parts. They are
    /// compared only with names that have none: "Bank of China (Hong Kong)" and "Bank of
    /// China (Singapore)" differ by what their parentheses say.
    pub bare_from: u16,
}

impl AnalyzedName {
    /// Whether the two compare alike with every other name: the same tokens, variants, joins
    /// and native-script tokens (only the original text differs).
    pub fn compares_as(&self, other: &AnalyzedName) -> bool {
        self.script == other.script
            && self.tokens == other.tokens
            && self.joined == other.joined
            && self.variants == other.variants
            && self.native == other.native
            && self.bare_from == other.bare_from
    }

    /// Whether variant `v` reads the name without its parenthesised parts.
    pub fn is_bare(&self, v: usize) -> bool {
        v >= usize::from(self.bare_from)
    }

    /// Whether some variant reads the name without its parenthesised parts.
    pub fn has_bare(&self) -> bool {
        usize::from(self.bare_from) < self.variants.len()
    }

    pub fn is_empty(&self) -> bool {
        self.variants.iter().all(|v| v.is_empty())
    }

    /// The tokens of variant `v`.
    pub fn variant(&self, v: usize) -> impl Iterator<Item = &Token> {
        self.variants
            .get(v)
            .into_iter()
            .flatten()
            .map(|&i| &self.tokens[i as usize])
    }
}

impl AnalyzedName {
    /// The number of tokens, analysed words and joins.
    pub fn token_count(&self) -> usize {
        self.tokens.len() + self.joined.len()
    }

    /// Token number `i` analysed whole: a word, or a join (analysed now unless it was).
    pub fn token_analysed(&self, i: u16) -> Option<Token> {
        let i = usize::from(i);
        if let Some(t) = self.tokens.get(i) {
            return Some(t.clone());
        }
        let k = i - self.tokens.len();
        match self.analysed_joins.get(k) {
            Some(t) => Some(t.clone()),
            None => Some(self.joined.get(k)?.token(&self.tokens, &self.variants)),
        }
    }

    /// Whether a word of the name comes from an abjad (and is compared by its consonant
    /// skeleton too): a join compared with it needs its own skeleton.
    pub fn has_abjad(&self) -> bool {
        self.tokens.iter().any(|t| t.arabic) || self.joined.iter().any(|j| j.arabic())
    }

    /// Analyse every join whole and keep the analyses: for a query, which meets many
    /// candidates.
    pub fn analyse_joins(&mut self) {
        self.analysed_joins = self
            .joined
            .iter()
            .map(|j| j.token(&self.tokens, &self.variants))
            .collect();
    }
}

/// Analyse a name for a query: [`analyze_listed`], its joins analysed whole.
pub fn analyze(name: &str) -> AnalyzedName {
    let mut a = analyze_listed(name);
    a.analyse_joins();
    a
}

/// Analyse a name: detect its script, romanise it into every useful variant and tokenise. Its
/// joins are kept as their places in the name (see [`joined`]).
pub fn analyze_listed(name: &str) -> AnalyzedName {
    let script = Script::detect(name);
    // Abjads and abugidas write no (or implicit) short vowels: their romanisations are compared
    // by consonant skeletons too.
    let arabic = matches!(
        script,
        Script::Arabic | Script::Hebrew | Script::Thai | Script::Devanagari | Script::Other
    );
    let syllabic = matches!(script, Script::Han | Script::Hangul);
    let romanize = |name: &str| match script {
        Script::Cyrillic => cyrillic::romanize_all(name),
        Script::Hangul => hangul::romanize_all(name),
        Script::Han => han::romanize_all(name),
        Script::Arabic => arabic::romanize_all(name),
        _ => vec![fold::to_ascii(name)],
    };
    // A parenthesised part qualifies the name ("Deutsche Bank (Schweiz) AG", "Gazprom (UK)
    // Ltd"): the name is also read without it (`bare`).
    let texts = romanize(name).into_iter().map(|t| (t, false));
    let bare = without_parentheses(name)
        .map(|b| romanize(&b))
        .unwrap_or_default();
    let texts: Vec<(String, bool)> = texts.chain(bare.into_iter().map(|t| (t, true))).collect();
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut numbering = joined::Numbering::default();
    let (mut variants, mut joins_of) = (Vec::<Box<[u16]>>::new(), Vec::<Box<[Join]>>::new());
    let mut bare_from = u16::MAX;
    for (t, bare) in texts {
        let t = legal::abbreviate(&numbers::normalize(&join_initials(&t)));
        let mut toks = tokens::tokenize_as(&t, arabic, syllabic);
        toks.truncate(MAX_TOKENS);
        let texts: Vec<String> = toks.iter().map(|t| t.text.to_string()).collect();
        if toks.is_empty() || seen.contains(&texts) {
            continue;
        }
        seen.push(texts);
        let joins = align::joins(&toks, script == Script::Latin);
        let arabic = toks.iter().any(|x| x.arabic);
        let v = variants.len() as u16;
        let variant = toks.iter().map(|t| numbering.word(t.clone())).collect();
        let joins = joins
            .into_iter()
            .map(|(start, span, text)| {
                let parts = toks
                    .get(usize::from(start)..usize::from(start + span))
                    .unwrap_or(&[]);
                Join {
                    start,
                    span,
                    token: numbering.join(v, (start, span), arabic, parts, text),
                }
            })
            .collect();
        if bare && bare_from == u16::MAX {
            bare_from = v;
        }
        variants.push(variant);
        joins_of.push(joins);
    }
    let (tokens, joined, numbers) = numbering.finish();
    let renumber = |i: &mut u16| *i = numbers[usize::from(*i)];
    variants
        .iter_mut()
        .flat_map(|v| v.iter_mut())
        .for_each(renumber);
    joins_of
        .iter_mut()
        .flat_map(|j| j.iter_mut())
        .for_each(|j| renumber(&mut j.token));
    let mut native = Vec::new();
    if script != Script::Latin {
        native = native_tokens(name, script);
        native.truncate(MAX_TOKENS);
    }
    // Listed names are kept for the life of the process: boxed slices, no spare capacity.
    AnalyzedName {
        original: name.into(),
        script,
        tokens: tokens.into(),
        joined: joined.into(),
        analysed_joins: Box::default(),
        variants: Variants::new(&variants, &joins_of),
        native: native.into(),
        bare_from,
    }
}

/// Tokens in the original script: marks and punctuation removed, lowercase; Han, Hangul and
/// Kana split into single characters (each is a syllable or morpheme).
fn native_tokens(name: &str, script: Script) -> Vec<Token> {
    use unicode_normalization::UnicodeNormalization;
    let cjk = matches!(script, Script::Han | Script::Hangul | Script::Kana);
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in name.nfkc() {
        if unicode_normalization::char::is_combining_mark(c)
            || matches!(c, '\u{200c}' | '\u{200d}' | '\u{0640}')
        {
            continue;
        }
        if c.is_alphanumeric() {
            if cjk && Script::of_char(c).is_some_and(|s| s != Script::Latin) {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                words.push(c.to_string());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words.iter().map(|w| Token::native(w)).collect()
}

/// The name with its parenthesised parts left out, when that leaves a word and differs.
fn without_parentheses(name: &str) -> Option<String> {
    if !name.contains('(') {
        return None;
    }
    let (mut out, mut depth) = (String::with_capacity(name.len()), 0u32);
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (out.chars().any(char::is_alphanumeric) && depth == 0).then_some(out)
}

/// Join runs of single letters: acronyms written with dots or spaces ("A.B.C.", "G.m.b.H.").
fn join_initials(folded: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Three or more single letters are an acronym; one or two are initials ("V. V. Putin").
    fn flush(run: &mut Vec<&str>, out: &mut Vec<String>) {
        if run.len() >= 3 {
            out.push(run.concat());
        } else {
            out.extend(run.iter().map(|s| s.to_string()));
        }
        run.clear();
    }
    let mut run: Vec<&str> = Vec::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(w);
            continue;
        }
        flush(&mut run, &mut out);
        out.push(w.to_string());
    }
    flush(&mut run, &mut out);
    out.join(" ")
}
