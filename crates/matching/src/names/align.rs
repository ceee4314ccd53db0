//! Comparing two analysed names: tokens aligned one-to-one regardless of order (greedy on
//! similarity, best first), adjacent tokens merged when one side splits a word the other joins
//! ("Jong Un" / "Jongun"), every pair of romanisation variants tried.

use super::{AnalyzedName, Token, TokenRole};
use interdict_model::Script;
use serde::Serialize;

/// One aligned token pair of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    pub query: String,
    pub listed: String,
    pub similarity: f64,
}

/// Edit distance with adjacent transpositions (optimal string alignment), over characters.
fn edits(a: &Token, b: &Token) -> usize {
    if a.text.is_ascii() && b.text.is_ascii() {
        rapidfuzz::distance::osa::distance(a.text.bytes(), b.text.bytes())
    } else {
        rapidfuzz::distance::osa::distance(a.text.chars(), b.text.chars())
    }
}

/// A word without a nominative ending (-as, -os, -is, -us, -es, -er, -s).
fn stem(w: &str) -> &str {
    for e in ["as", "os", "is", "us", "es", "er", "s"] {
        if let Some(s) = w.strip_suffix(e)
            && s.len() >= 4
        {
            return s;
        }
    }
    w
}

/// Similarity of two tokens in [0, 1].
///
/// Equal tokens 1; numbers must be equal; an initial or a short form that starts the other word
/// counts partly; otherwise normalised edit distance, allowed up to 1 edit from 3 letters, 2
/// from 7 and 3 from 10; sound-alike (Double Metaphone) and, across Arabic script, equal
/// consonant skeletons lift the similarity.
pub fn token_similarity(a: &Token, b: &Token) -> f64 {
    if a.text == b.text {
        return 1.0;
    }
    if a.role == TokenRole::Number || b.role == TokenRole::Number {
        return 0.0;
    }
    let (la, lb) = (a.len, b.len);
    let (min, max) = (la.min(lb), la.max(lb));
    if min == 1 {
        let (short, long) = if la == 1 { (a, b) } else { (b, a) };
        return if long.text.starts_with(&short.text) {
            0.7
        } else {
            0.0
        };
    }
    let mut sim = 0.0;
    let allowed = match max {
        0..=2 => 0,
        3..=6 => 1,
        7..=9 => 2,
        _ => 3,
    };
    if max - min <= allowed {
        let d = edits(a, b);
        if d <= allowed {
            let raw = 1.0 - d as f64 / max as f64;
            // Every further edit is stronger evidence of a different word.
            sim = if d >= 2 { raw * 0.9 } else { raw };
        }
    }
    if sim < 0.6 && min >= 3 {
        let (short, long) = if la < lb { (a, b) } else { (b, a) };
        if long.text.starts_with(&short.text) {
            // Ben / Benjamin, Abiy / Abiyot.
            sim = 0.6;
        }
    }
    if sim < 0.9 && min >= 4 && a.text.is_ascii() && b.text.is_ascii() {
        // Nominative endings of Greek, Baltic and other languages: Alexandros / Alexander,
        // Vladimiras / Vladimir.
        let (sa, sb) = (stem(&a.text), stem(&b.text));
        if sa.len() >= 4 && sb.len() >= 4 && (sa != a.text || sb != b.text) {
            let d = rapidfuzz::distance::osa::distance(sa.bytes(), sb.bytes());
            if d == 0 {
                sim = sim.max(0.9);
            } else if d == 1 && sa.len().max(sb.len()) >= 6 {
                sim = sim.max(0.8);
            }
        }
    }
    if sim < 0.8 && max >= 4 && super::phonetic::agree(&a.phonetic, &b.phonetic) {
        // Sound-alike spellings: Mohammed / Muhammad, Jakob / Yakov stay below an exact match.
        let d = edits(a, b);
        if d <= 2 && d * 3 <= max {
            sim = 0.8;
        }
    }
    if (a.arabic || b.arabic) && sim < 0.97 && !a.skeleton.is_empty() {
        if a.skeleton == b.skeleton {
            // Arabic script writes no short vowels: equal consonants are all the evidence there is.
            sim = if a.skeleton.len() >= 2 { 0.97 } else { 0.9 };
        } else if a.skeleton.len() >= 3
            && rapidfuzz::distance::levenshtein::distance(a.skeleton.bytes(), b.skeleton.bytes())
                == 1
        {
            sim = sim.max(0.75);
        }
    }
    sim
}

/// Exponent applied to the weighted share of aligned tokens: above 1 it widens the gap between
/// a typo and a different name.
const SHARPNESS: f64 = 1.2;

/// Weighted alignment score of two token lists and the aligned pairs.
fn align(q: &[Token], c: &[Token]) -> (f64, Vec<Alignment>) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::with_capacity(q.len() * c.len());
    let mut aligned: Vec<(usize, usize)> = Vec::new();
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
        aligned.push((i, j));
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
    // Unmatched tokens: a token missing on one side (a middle name, a patronymic) costs less
    // than a substitution (both sides have a word the other lacks), which costs both words fully.
    let unmatched = |toks: &[Token], used: &[bool]| -> (f64, bool) {
        let mut w = 0.0;
        let mut substantive = false;
        for (t, u) in toks.iter().zip(used) {
            if !u {
                w += t.weight;
                substantive |= matches!(t.role, TokenRole::Word | TokenRole::Number);
            }
        }
        (w, substantive)
    };
    let (uq, q_sub) = unmatched(q, &q_used);
    let (uc, c_sub) = unmatched(c, &c_used);
    if q_sub && c_sub {
        total += uq + uc;
    } else {
        total += uq * 0.7 + uc * 0.5;
    }
    let raw = if total > 0.0 { matched / total } else { 0.0 };
    // Sharpen the cliff between "same name with a typo" and "another name sharing words".
    let mut score = raw.powf(SHARPNESS);
    if !substantive {
        // Names that share only legal forms, common words or particles are different names.
        score = score.min(0.3);
    }
    if filiation_swapped(q, c, &aligned) {
        // "Omar bin Abdullah" is the son of "Abdullah bin Omar", not the same person.
        score = score.min(0.5);
    }
    let legal = |t: &[Token], used: &[bool]| {
        t.iter()
            .zip(used)
            .any(|(t, u)| !u && t.role == TokenRole::LegalForm)
    };
    if legal(q, &q_used) && legal(c, &c_used) {
        // Different legal forms (AG / GmbH) suggest different companies.
        score *= 0.9;
    }
    (score, alignment)
}

/// Whether a name with a filiation particle (bin, ibn, ben, bint, ould) has the names around it
/// aligned in the opposite order in the other name.
fn filiation_swapped(q: &[Token], c: &[Token], aligned: &[(usize, usize)]) -> bool {
    let pos = |t: &[Token]| {
        t.iter()
            .position(|x| matches!(x.text.as_str(), "bin" | "ibn" | "ben" | "bint" | "ould"))
    };
    let (Some(pq), Some(pc)) = (pos(q), pos(c)) else {
        return false;
    };
    aligned
        .iter()
        .any(|&(i, j)| q[i].role == TokenRole::Word && ((i < pq && j > pc) || (i > pq && j < pc)))
}

/// Variants of a token list with one adjacent pair merged, and with all tokens merged.
pub fn merges(t: &[Token]) -> Vec<Vec<Token>> {
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
    for i in 0..t.len().saturating_sub(2) {
        let mut v: Vec<Token> = Vec::with_capacity(t.len() - 2);
        v.extend_from_slice(&t[..i]);
        v.push(Token::new(
            &format!("{}{}{}", t[i].text, t[i + 1].text, t[i + 2].text),
            arabic,
        ));
        v.extend_from_slice(&t[i + 3..]);
        out.push(v);
    }
    if t.len() > 3 {
        let all: String = t.iter().map(|x| x.text.as_str()).collect();
        out.push(vec![Token::new(&all, arabic)]);
    }
    out
}

/// Compare two analysed names: the best score over all variant pairs and merges.
pub fn compare(q: &AnalyzedName, c: &AnalyzedName) -> (f64, Vec<Alignment>) {
    if q.script == c.script
        && matches!(q.script, Script::Han | Script::Hangul | Script::Kana)
        && !q.native.is_empty()
        && !c.native.is_empty()
    {
        // Same non-Latin script: compare as written (romanisations collide: 정 and 종 both give "jong").
        return align(&q.native, &c.native);
    }
    let mut best = (0.0, Vec::new());
    for (qi, qv) in q.variants.iter().enumerate() {
        for (ci, cv) in c.variants.iter().enumerate() {
            let r = align(qv, cv);
            let direct = r.0;
            if r.0 > best.0 {
                best = r;
            }
            if best.0 >= 1.0 {
                return best;
            }
            // Split or joined words only matter for names that already share something.
            if best.0 < 0.95 && (direct >= 0.25 || qv.len() != cv.len()) {
                // Split or joined words ("Jong Un" / "Jongun", "Patr ushev" / "Patrushev").
                let joined_q = q.merged.get(qi).into_iter().flatten().map(|m| align(m, cv));
                let joined_c = c.merged.get(ci).into_iter().flatten().map(|m| align(qv, m));
                for r in joined_q.chain(joined_c) {
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
