//! Name normalisation and token alignment: case, diacritics and scripts folded to ASCII tokens,
//! legal forms and common words weighed low, tokens aligned regardless of order.

use unicode_normalization::UnicodeNormalization;

/// Words that say little about identity: organisation legal forms and very common words.
const LOW_WEIGHT: &[&str] = &[
    "llc", "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated", "sa",
    "s", "a", "ag", "gmbh", "ooo", "oao", "zao", "ao", "pao", "jsc", "pjsc", "ojsc", "cjsc", "plc",
    "bv", "nv", "srl", "spa", "sarl", "fzco", "fze", "llp", "lp", "the", "of", "and", "de", "del",
    "la", "el", "al", "bin", "ibn", "trading", "international", "group", "holding", "holdings",
    "industrial", "industries", "enterprise", "enterprises", "general", "services", "service",
    "import", "export", "commercial", "company", "tov", "pte", "sdn", "bhd", "kg", "ltda",
    "obshchestvo", "s.a", "mr", "mrs", "dr", "general", "shipping", "global",
];

/// Fold a name to lowercase ASCII words: NFKC, diacritics removed, other scripts transliterated.
pub fn normalize(name: &str) -> String {
    let nfkc: String = name.nfkc().collect();
    let stripped: String = nfkc
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let ascii = any_ascii::any_ascii(&stripped);
    let mut out = String::with_capacity(ascii.len());
    let mut prev_space = true;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            prev_space = false;
        } else if c == '\'' || c == '`' {
            // O'Brien, Ma'ruf: apostrophes join
        } else if !prev_space {
            out.push(' ');
            prev_space = true;
        }
    }
    out.trim_end().to_string()
}

/// A name prepared for comparison.
#[derive(Debug, Clone)]
pub struct NameTokens {
    pub tokens: Vec<String>,
    pub weights: Vec<f64>,
    pub joined: String,
}

impl NameTokens {
    pub fn new(name: &str) -> Self {
        let norm = normalize(name);
        let tokens: Vec<String> = norm.split(' ').filter(|t| !t.is_empty()).map(String::from).collect();
        let weights = tokens.iter().map(|t| token_weight(t)).collect();
        let mut sorted = tokens.clone();
        sorted.sort();
        NameTokens {
            joined: tokens.concat(),
            tokens,
            weights,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

fn token_weight(t: &str) -> f64 {
    if LOW_WEIGHT.contains(&t) {
        0.15
    } else if t.chars().all(|c| c.is_ascii_digit()) {
        2.0
    } else if t.len() == 1 {
        0.5
    } else {
        1.0
    }
}

/// Similarity of two tokens in [0, 1]: equal 1; numbers must be equal; an initial matches a
/// word it starts; otherwise edit distance within a length-aware budget.
pub fn token_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    // Numbers must be equal: "224th" is not "225th".
    if a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return 0.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la == 1 || lb == 1 {
        let (short, long) = if la == 1 { (a, b) } else { (b, a) };
        return if long.starts_with(short) { 0.8 } else { 0.0 };
    }
    let d = rapidfuzz::distance::levenshtein::distance(a.chars(), b.chars());
    let max = la.max(lb);
    // Budget: 1 edit from 4 letters, 2 from 8, 3 from 12.
    let budget = (max / 4).max(if max >= 4 { 1 } else { 0 });
    if d > budget {
        return 0.0;
    }
    1.0 - d as f64 / max as f64 * 0.9
}

/// One aligned token pair of an explanation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alignment {
    pub query: String,
    pub listed: String,
    pub similarity: f64,
}

/// Compare two prepared names. Returns the score and the token alignment.
///
/// Tokens are aligned one-to-one greedily by similarity (order does not matter). The score is the
/// weighted share of aligned similarity, where unmatched query tokens count fully and unmatched
/// listed tokens count half (lists carry middle names and patronymics that queries often lack).
pub fn compare(q: &NameTokens, c: &NameTokens) -> (f64, Vec<Alignment>) {
    if q.is_empty() || c.is_empty() {
        return (0.0, Vec::new());
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, qt) in q.tokens.iter().enumerate() {
        for (j, ct) in c.tokens.iter().enumerate() {
            let s = token_similarity(qt, ct);
            if s > 0.0 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut q_used = vec![false; q.tokens.len()];
    let mut c_used = vec![false; c.tokens.len()];
    let mut matched = 0.0;
    let mut total = 0.0;
    let mut alignment = Vec::new();
    for (s, i, j) in pairs {
        if q_used[i] || c_used[j] {
            continue;
        }
        q_used[i] = true;
        c_used[j] = true;
        let w = q.weights[i].max(c.weights[j]);
        matched += s * w;
        total += w;
        alignment.push(Alignment {
            query: q.tokens[i].clone(),
            listed: c.tokens[j].clone(),
            similarity: s,
        });
    }
    for (i, used) in q_used.iter().enumerate() {
        if !used {
            total += q.weights[i];
        }
    }
    for (j, used) in c_used.iter().enumerate() {
        if !used {
            total += c.weights[j] * 0.5;
        }
    }
    let mut score = if total > 0.0 { matched / total } else { 0.0 };
    // Spacing variants: "Jongun" vs "Jong Un", "AlQaida" vs "Al Qaida".
    if q.tokens.len() != c.tokens.len() {
        let joined = token_similarity(&q.joined, &c.joined);
        if joined > score {
            score = joined * 0.98;
            alignment = vec![Alignment {
                query: q.joined.clone(),
                listed: c.joined.clone(),
                similarity: joined,
            }];
        }
    }
    // A match made only of low-weight words (TRADING, INTERNATIONAL) is no match.
    if alignment.iter().all(|a| LOW_WEIGHT.contains(&a.listed.as_str())) {
        score = score.min(0.3);
    }
    (score.clamp(0.0, 1.0), alignment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        compare(&NameTokens::new(a), &NameTokens::new(b)).0
    }

    #[test]
    fn normalizes_across_scripts_and_marks() {
        assert_eq!(normalize("José  ÁLVAREZ-Núñez"), "jose alvarez nunez");
        assert_eq!(normalize("Путин"), "putin");
        assert_eq!(normalize("O'Brien"), "obrien");
    }

    #[test]
    fn order_typos_and_common_words() {
        assert!(s("KIM, Jong Un", "Jong Un Kim") > 0.99);
        assert!(s("Vladimir Vladimirovich Putin", "Vladimir Vladimirovich Putn") > 0.9);
        assert!(s("Kim Jongun", "Kim Jong Un") > 0.9);
        assert!(s("Acme Trading LLC", "Global Trading LLC") < 0.5);
        assert!(s("John Smith", "Maria Garcia") < 0.2);
        assert!(s("224th Flight Unit", "225th Flight Unit") < 0.7);
    }
}
