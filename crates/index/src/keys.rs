//! The lookup keys of a name: what two names that the matcher could align must share.

use interdict_matching::names::{AnalyzedName, Token};

/// Joined tokens longer than this many bytes (letters: joins are romanised) get no one-deletion
/// keys: a name written as one long word with a typo is rare, and the deletions of long joins
/// (each unique to its name) would be most of the index.
const JOIN_DELETIONS_MAX_LEN: usize = 10;

/// Keys of one token, appended to `out` as 64-bit hashes tagged by kind; `deletions`: with its
/// one-deletion neighbourhood.
fn token_keys(t: &Token, deletions: bool, out: &mut Vec<u64>) {
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
    if deletions && b.len() >= 4 {
        out.push(hash(b'd', b));
        let mut buf = Vec::with_capacity(b.len());
        for i in 0..b.len() {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.extend_from_slice(&b[i + 1..]);
            out.push(hash(b'd', &buf));
        }
    } else if deletions && b.len() == 3 {
        // A three-letter word is one deletion of a four-letter one ("cho" / "choe").
        out.push(hash(b'd', b));
    }
}

/// The keys of one token of a name: a token's keys count once, by the rarest one shared.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyGroup {
    pub keys: Vec<u64>,
    /// The token is adjacent words joined ("jongun"), not a word of the name.
    pub joined: bool,
    /// The token's keys came earlier in the name (a repeated word, or a word that several
    /// romanisations share).
    pub repeated: bool,
}

/// Keys of every token of every variant of a name, grouped by token (one group per token, so a
/// token's keys count once), including adjacent tokens joined ("jong un" → "jongun") and all
/// tokens joined.
pub fn name_keys(name: &AnalyzedName) -> Vec<KeyGroup> {
    let mut groups: Vec<KeyGroup> = Vec::new();
    // Tokens seen in this name, by their text key (the first key of a token).
    let mut seen: Vec<u64> = Vec::new();
    let mut push = |t: &Token, joined: bool| {
        let mut keys = Vec::new();
        token_keys(
            t,
            !joined || t.text.len() <= JOIN_DELETIONS_MAX_LEN,
            &mut keys,
        );
        let text_key = hash(b't', t.text.as_bytes());
        let repeated = seen.contains(&text_key);
        if !repeated {
            seen.push(text_key);
        }
        groups.push(KeyGroup {
            keys,
            joined,
            repeated,
        });
    };
    for (vi, v) in name.variants.iter().enumerate() {
        let toks: Vec<&Token> = name.variant(vi).collect();
        toks.iter().for_each(|t| push(t, false));
        let joins = name.joins.get(vi).filter(|j| !j.is_empty());
        match joins {
            // Prepared joins: pairs, and the whole name when it has more than two tokens.
            Some(joins) => joins
                .iter()
                .filter(|j| j.span == 2 || (j.span as usize == v.len() && v.len() > 2))
                .for_each(|j| push(&name.tokens[j.token as usize], true)),
            // Long names have no prepared joins: build those keys here.
            None if toks.len() > 1 => {
                let arabic = toks[0].arabic;
                for w in toks.windows(2) {
                    let joined = format!("{}{}", w[0].text, w[1].text);
                    push(&Token::new(&joined, arabic), true);
                }
                if toks.len() > 2 {
                    let all: String = toks.iter().map(|t| t.text.as_str()).collect();
                    push(&Token::new(&all, arabic), true);
                }
            }
            None => {}
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

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_matching::names::analyze;

    fn all_keys(name: &str) -> Vec<u64> {
        name_keys(&analyze(name))
            .into_iter()
            .flat_map(|g| g.keys)
            .collect()
    }

    #[test]
    fn short_joins_keep_their_deletions_long_joins_do_not() {
        // "kimjongun" (9 letters): a one-letter typo of the joined word still shares a key.
        let keys = all_keys("Kim Jong Un");
        assert!(keys.contains(&hash(b'd', b"kimjongn")));
        assert!(keys.contains(&hash(b't', b"kimjongun")));
        // "abdulrahmanyusufzai" (19 letters): the joined word itself, no deletions.
        let keys = all_keys("Abdulrahman Yusufzai");
        assert!(keys.contains(&hash(b't', b"abdulrahmanyusufzai")));
        assert!(!keys.contains(&hash(b'd', b"abdulrahmanyusufza")));
        // Single words keep theirs whatever their length.
        assert!(keys.contains(&hash(b'd', b"abdulrahmn")));
    }

    #[test]
    fn a_three_letter_word_shares_a_key_with_its_four_letter_spelling() {
        let (short, long) = (all_keys("Cho Yon"), all_keys("Choe Yong"));
        assert!(short.contains(&hash(b'd', b"cho")) && long.contains(&hash(b'd', b"cho")));
        assert!(short.contains(&hash(b'd', b"yon")) && long.contains(&hash(b'd', b"yon")));
        // Two-letter words get no deletion key: it would match most short words.
        assert!(!all_keys("Ri Yon").contains(&hash(b'd', b"ri")));
    }

    #[test]
    fn a_word_several_romanisations_share_is_marked_repeated() {
        // The romanisations of a Cyrillic name share most words: each word counts once.
        let name = analyze("Дмитрий Медведев");
        assert!(name.variants.len() > 1);
        let mut distinct: Vec<&str> = (0..name.variants.len())
            .flat_map(|v| name.variant(v).map(|t| t.text.as_str()))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let groups = name_keys(&name);
        let words = groups.iter().filter(|g| !g.joined);
        assert_eq!(
            words.clone().filter(|g| !g.repeated).count(),
            distinct.len()
        );
        assert!(words.clone().any(|g| g.repeated));
    }
}
