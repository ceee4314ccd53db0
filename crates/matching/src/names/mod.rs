//! Name analysis: each name becomes one or more romanised token lists (variants), one per
//! plausible romanisation of its script, with token roles, weights, phonetic codes and consonant
//! skeletons. One module per concern.

pub mod align;
pub mod arabic;
pub mod cyrillic;
pub mod fold;
pub mod han;
pub mod hangul;
pub mod phonetic;
pub mod tokens;

pub use align::{Alignment, compare};
pub use tokens::{Token, TokenRole};

use interdict_model::Script;

/// A name prepared for comparison.
#[derive(Debug, Clone)]
pub struct AnalyzedName {
    pub original: String,
    pub script: Script,
    /// Alternative romanisations, each a list of tokens; the first is the primary one.
    pub variants: Vec<Vec<Token>>,
}

impl AnalyzedName {
    pub fn is_empty(&self) -> bool {
        self.variants.iter().all(Vec::is_empty)
    }
}

/// Analyse a name: detect its script, romanise it into every useful variant and tokenise.
pub fn analyze(name: &str) -> AnalyzedName {
    let script = Script::detect(name);
    let arabic = script == Script::Arabic;
    let texts: Vec<String> = match script {
        Script::Cyrillic => cyrillic::romanize_all(name),
        Script::Hangul => hangul::romanize_all(name),
        Script::Han => han::romanize_all(name),
        Script::Arabic => arabic::romanize_all(name),
        _ => vec![fold::to_ascii(name)],
    };
    let mut variants: Vec<Vec<Token>> = Vec::new();
    for t in texts {
        let toks = tokens::tokenize(&t, arabic);
        if !toks.is_empty() && !variants.iter().any(|v| same_texts(v, &toks)) {
            variants.push(toks);
        }
    }
    AnalyzedName {
        original: name.to_string(),
        script,
        variants,
    }
}

fn same_texts(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.text == y.text)
}
