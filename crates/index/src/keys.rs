//! The lookup keys of a name: what two names that the matcher could align must share.

use interdict_matching::names::{AnalyzedName, Token};

/// Keys of one token, appended to `out` as 64-bit hashes tagged by kind.
fn token_keys(t: &Token, out: &mut Vec<u64>) {
    out.push(hash(b't', t.text.as_bytes()));
    if !t.phonetic.0.is_empty() {
        out.push(hash(b'p', t.phonetic.0.as_bytes()));
        if !t.phonetic.1.is_empty() && t.phonetic.1 != t.phonetic.0 {
            out.push(hash(b'p', t.phonetic.1.as_bytes()));
        }
    }
    if !t.skeleton.is_empty() {
        out.push(hash(b's', t.skeleton.as_bytes()));
    }
    // One-deletion neighbourhood: two tokens within one edit share a key.
    let b = t.text.as_bytes();
    if b.len() >= 4 {
        out.push(hash(b'd', b));
        let mut buf = Vec::with_capacity(b.len());
        for i in 0..b.len() {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.extend_from_slice(&b[i + 1..]);
            out.push(hash(b'd', &buf));
        }
    }
}

/// Keys of every token of every variant of a name, grouped by token (one group per token, so a
/// token's keys count once), including adjacent tokens merged ("jong un" → "jongun").
pub fn name_keys(name: &AnalyzedName) -> Vec<Vec<u64>> {
    let mut groups: Vec<Vec<u64>> = Vec::new();
    for v in &name.variants {
        for t in v {
            let mut k = Vec::new();
            token_keys(t, &mut k);
            groups.push(k);
        }
        for w in v.windows(2) {
            let merged = Token::new(&format!("{}{}", w[0].text, w[1].text), w[0].arabic);
            let mut k = Vec::new();
            token_keys(&merged, &mut k);
            groups.push(k);
        }
        if v.len() > 2 {
            let all: String = v.iter().map(|t| t.text.as_str()).collect();
            let mut k = Vec::new();
            token_keys(&Token::new(&all, v[0].arabic), &mut k);
            groups.push(k);
        }
    }
    groups
}

/// FNV-1a over a kind tag and bytes.
pub fn hash(kind: u8, bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ kind as u64;
    h = h.wrapping_mul(0x100000001b3);
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}
