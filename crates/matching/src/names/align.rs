//! Comparing two analysed names: tokens aligned one-to-one regardless of order (greedy on
//! similarity, best first), adjacent tokens merged when one side splits a word the other joins
//! ("Jong Un" / "Jongun"), every pair of romanisation variants tried.

use super::{AnalyzedName, Token, TokenRole};
use serde::Serialize;

/// One aligned token pair of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    pub query: String,
    pub listed: String,
    pub similarity: f64,
}

/// Edits allowed for a token of this length: none up to 3 letters, then one per 4 letters.
fn budget(len: usize) -> usize {
    if len <= 3 { 0 } else { len / 4 }
}

/// Similarity of two tokens in [0, 1].
pub fn token_similarity(a: &Token, b: &Token) -> f64 {
    if a.text == b.text {
        return 1.0;
    }
    if a.role == TokenRole::Number || b.role == TokenRole::Number {
        return 0.0;
    }
    let (la, lb) = (a.text.len(), b.text.len());
    if la == 1 || lb == 1 {
        let (short, long) = if la == 1 { (a, b) } else { (b, a) };
        return if long.text.starts_with(&short.text) {
            0.7
        } else {
            0.0
        };
    }
    let max = la.max(lb);
    let mut sim = 0.0;
    if la.abs_diff(lb) <= budget(max) {
        let d = rapidfuzz::distance::levenshtein::distance(a.text.bytes(), b.text.bytes());
        if d <= budget(max) {
            sim = 1.0 - d as f64 / max as f64;
        }
    }
    if sim < 0.8 && max >= 4 && super::phonetic::agree(&a.phonetic, &b.phonetic) {
        // Sound-alike spellings: Mohammed / Muhammad, Jakob / Yakov stay below an exact match.
        let d = rapidfuzz::distance::levenshtein::distance(a.text.bytes(), b.text.bytes());
        if d * 2 <= max {
            sim = 0.8;
        }
    }
    if (a.arabic || b.arabic) && sim < 0.9 && !a.skeleton.is_empty() {
        if a.skeleton == b.skeleton {
            sim = if a.skeleton.len() >= 2 { 0.9 } else { 0.8 };
        } else if a.skeleton.len() >= 3
            && rapidfuzz::distance::levenshtein::distance(a.skeleton.bytes(), b.skeleton.bytes())
                == 1
        {
            sim = sim.max(0.75);
        }
    }
    sim
}

/// Weighted alignment score of two token lists and the aligned pairs.
fn align(q: &[Token], c: &[Token]) -> (f64, Vec<Alignment>) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::with_capacity(q.len() * c.len());
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            let s = token_similarity(qt, ct);
            if s > 0.0 {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut q_used = vec![false; q.len()];
    let mut c_used = vec![false; c.len()];
    let (mut matched, mut total) = (0.0, 0.0);
    let mut alignment = Vec::new();
    let mut substantive = false;
    for (s, i, j) in pairs {
        if q_used[i] || c_used[j] {
            continue;
        }
        q_used[i] = true;
        c_used[j] = true;
        let w = q[i].weight.max(c[j].weight);
        matched += s * w;
        total += w;
        if matches!(q[i].role, TokenRole::Word | TokenRole::Number)
            || matches!(c[j].role, TokenRole::Word | TokenRole::Number)
        {
            substantive = true;
        }
        alignment.push(Alignment {
            query: q[i].text.clone(),
            listed: c[j].text.clone(),
            similarity: s,
        });
    }
    for (i, used) in q_used.iter().enumerate() {
        if !used {
            total += q[i].weight;
        }
    }
    for (j, used) in c_used.iter().enumerate() {
        if !used {
            total += c[j].weight * 0.5;
        }
    }
    let mut score = if total > 0.0 { matched / total } else { 0.0 };
    if !substantive {
        // Names that share only legal forms, common words or particles are different names.
        score = score.min(0.3);
    }
    (score, alignment)
}

/// Variants of a token list with one adjacent pair merged, and with all tokens merged.
fn merges(t: &[Token]) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    if t.len() < 2 || t.len() > 6 {
        return out;
    }
    let arabic = t.iter().any(|x| x.arabic);
    for i in 0..t.len() - 1 {
        let mut v: Vec<Token> = Vec::with_capacity(t.len() - 1);
        v.extend_from_slice(&t[..i]);
        v.push(Token::new(
            &format!("{}{}", t[i].text, t[i + 1].text),
            arabic,
        ));
        v.extend_from_slice(&t[i + 2..]);
        out.push(v);
    }
    if t.len() > 2 {
        let all: String = t.iter().map(|x| x.text.as_str()).collect();
        out.push(vec![Token::new(&all, arabic)]);
    }
    out
}

/// Compare two analysed names: the best score over all variant pairs and merges.
pub fn compare(q: &AnalyzedName, c: &AnalyzedName) -> (f64, Vec<Alignment>) {
    let mut best = (0.0, Vec::new());
    for qv in &q.variants {
        for cv in &c.variants {
            let r = align(qv, cv);
            if r.0 > best.0 {
                best = r;
            }
            if best.0 >= 1.0 {
                return best;
            }
            if qv.len() != cv.len() {
                let (longer_is_q, longer) = if qv.len() > cv.len() {
                    (true, qv)
                } else {
                    (false, cv)
                };
                for m in merges(longer) {
                    let r = if longer_is_q {
                        align(&m, cv)
                    } else {
                        align(qv, &m)
                    };
                    // A merge is a small liberty: never quite as good as the same tokens.
                    let s = r.0 * 0.98;
                    if s > best.0 {
                        best = (s, r.1);
                    }
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        compare(&analyze(a), &analyze(b)).0
    }

    #[test]
    fn order_typos_scripts_and_common_words() {
        assert!(s("KIM, Jong Un", "Jong Un Kim") > 0.99);
        assert!(
            s(
                "Vladimir Vladimirovich Putin",
                "Vladimir Vladimirovich Putn"
            ) > 0.9
        );
        assert!(s("Kim Jongun", "Kim Jong Un") > 0.9);
        assert!(s("Владимир Путин", "Vladimir Putin") > 0.95);
        assert!(s("김정은", "Kim Jong Un") > 0.9);
        assert!(s("金正恩", "Kim Jong Un") > 0.75);
        assert!(s("محمد علي", "Mohamed Ali") > 0.85);
        assert!(s("Acme Trading LLC", "Global Trading LLC") < 0.5);
        assert!(s("John Smith", "Maria Garcia") < 0.2);
        assert!(s("224th Flight Unit", "225th Flight Unit") < 0.7);
        assert!(s("Angela Merkur", "Angela Merkel") < 0.7);
    }
}
