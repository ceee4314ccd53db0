//! The lookup keys of a name: what two names that the matcher could align must share.

use interdict_matching::names::{AnalyzedName, Token, TokenData, acronym};

/// Joined tokens longer than this many bytes (letters: joins are romanised) get no one-deletion
/// keys: a name written as one long word with a typo is rare, and the deletions of long joins
/// (each unique to its name) would be most of the index.
const JOIN_DELETIONS_MAX_LEN: usize = 10;

/// Keys of one token, appended to `out` as 64-bit hashes tagged by kind, its text key first;
/// `deletions`: with its one-deletion neighbourhood.
fn token_keys(t: &TokenData, deletions: bool, out: &mut Vec<u64>) {
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
        out.extend((0..b.len()).map(|i| hash_parts(b'd', &b[..i], &b[i + 1..])));
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

/// The text keys of a query word's beginnings that its one-deletion keys do not already give:
/// from three letters to two short of the word ("jan" of "janan"; "jana" is a deletion key). The matcher counts a
/// word that starts another as a short form of it (Ben / Benjamin).
fn prefix_keys(t: &TokenData, out: &mut Vec<u64>) {
    let b = t.text.as_bytes();
    if t.text.is_ascii() && b.len() >= 5 {
        out.extend((3..b.len() - 1).map(|k| hash(b't', &b[..k])));
    }
}

/// The key groups of names in one buffer, reused from query to query.
#[derive(Debug, Default)]
pub struct KeyGroups {
    keys: Vec<u64>,
    /// (end of the group's own keys in `keys`, end of its prefix keys, joined, repeated).
    groups: Vec<(u32, u32, bool, bool)>,
    /// Text keys of the tokens of the name being added.
    seen: Vec<u64>,
}

impl KeyGroups {
    /// The number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
        self.groups.clear();
        self.seen.clear();
    }

    /// Every key of every group, in the order of [`KeyGroups::iter`]: each group's own keys,
    /// then its prefix keys.
    pub fn all_keys(&self) -> &[u64] {
        &self.keys
    }

    /// The groups in order: (keys, prefix keys, joined, repeated). Prefix keys (of queries
    /// only, see [`KeyGroups::add_query`]) stand for a weaker likeness than the group's own.
    pub fn iter(&self) -> impl Iterator<Item = (&[u64], &[u64], bool, bool)> {
        let mut start = 0usize;
        self.groups
            .iter()
            .map(move |&(end, prefix_end, joined, repeated)| {
                let keys = &self.keys[start..end as usize];
                let prefixes = &self.keys[end as usize..prefix_end as usize];
                start = prefix_end as usize;
                (keys, prefixes, joined, repeated)
            })
    }

    /// Append the groups of one name (see [`name_keys`]).
    pub fn add(&mut self, name: &AnalyzedName) {
        self.add_name(name, false);
    }

    /// Append the groups of one query name: a word's groups also hold the text keys of its
    /// beginnings, so that a listed short form is gathered ("Jan" for "Janan").
    pub fn add_query(&mut self, name: &AnalyzedName) {
        self.add_name(name, true);
    }

    fn add_name(&mut self, name: &AnalyzedName, query: bool) {
        self.seen.clear();
        let push = |out: &mut KeyGroups, t: &TokenData, joined: bool| {
            let start = out.keys.len();
            let deletions = !joined || t.text.len() <= JOIN_DELETIONS_MAX_LEN;
            token_keys(t, deletions, &mut out.keys);
            let end = out.keys.len() as u32;
            if query && !joined {
                prefix_keys(t, &mut out.keys);
            }
            // Seen earlier in this name: the same text key (a token's first key).
            let text_key = out.keys[start];
            let repeated = out.seen.contains(&text_key);
            if !repeated {
                out.seen.push(text_key);
            }
            out.groups
                .push((end, out.keys.len() as u32, joined, repeated));
        };
        for (vi, v) in name.variants.iter().enumerate() {
            for &i in v {
                push(self, &name.tokens[i as usize], false);
            }
            let joins = name.variants.joins(vi);
            match (joins.len() > 0).then_some(joins) {
                // Prepared joins: pairs, and the whole name when it has more than two tokens.
                Some(joins) => joins
                    .filter(|j| j.span == 2 || (j.span as usize == v.len() && v.len() > 2))
                    .filter_map(|j| name.token_analysed(j.token))
                    .for_each(|t| push(self, &t, true)),
                // Long names have no prepared joins: build those keys here.
                None if v.len() > 1 => {
                    let text = |i: &u16| name.tokens[*i as usize].text.as_str();
                    let arabic = name.tokens[v[0] as usize].arabic;
                    for w in v.windows(2) {
                        let joined = format!("{}{}", text(&w[0]), text(&w[1]));
                        push(self, &Token::new_once(&joined, arabic), true);
                    }
                    if v.len() > 2 {
                        let all: String = v.iter().map(text).collect();
                        push(self, &Token::new_once(&all, arabic), true);
                    }
                }
                None => {}
            }
        }
        // The acronyms a listed name's words spell, and a query written as one ("IRGC"): a
        // group of one key each, not a word of the name.
        let acronyms = if query {
            acronym::as_acronym(name)
                .map(|a| vec![a.into()])
                .unwrap_or_default()
        } else {
            acronym::initials(name)
        };
        for a in acronyms {
            self.keys.push(hash(b'a', a.as_bytes()));
            let end = self.keys.len() as u32;
            self.groups.push((end, end, true, false));
        }
    }
}

/// Keys of every token of every variant of a name, grouped by token (one group per token, so a
/// token's keys count once), including adjacent tokens joined ("jong un" → "jongun") and all
/// tokens joined.
pub fn name_keys(name: &AnalyzedName) -> Vec<KeyGroup> {
    let mut buf = KeyGroups::default();
    buf.add(name);
    buf.iter()
        .map(|(keys, _, joined, repeated)| KeyGroup {
            keys: keys.to_vec(),
            joined,
            repeated,
        })
        .collect()
}

/// FNV-1a over a kind tag and bytes.
pub fn hash(kind: u8, bytes: &[u8]) -> u64 {
    hash_parts(kind, bytes, &[])
}

/// [`hash`] of two byte strings written one after the other.
fn hash_parts(kind: u8, a: &[u8], b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ kind as u64;
    h = h.wrapping_mul(0x100000001b3);
    for x in a.iter().chain(b) {
        h ^= *x as u64;
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
    fn a_query_word_gathers_the_listed_words_that_start_it() {
        let mut query = KeyGroups::default();
        query.add_query(&analyze("Janan Agha"));
        let (own, prefixes, _, _) = query.iter().next().expect("a group per word");
        assert!(prefixes.contains(&hash(b't', b"jan")));
        // "jana" is already a one-deletion key of "janan"; the word itself is no prefix.
        assert!(own.contains(&hash(b'd', b"jana")));
        assert!(!prefixes.contains(&hash(b't', b"jana")));
        assert!(!prefixes.contains(&hash(b't', b"janan")));
        // Listed names carry no prefix keys.
        let listed = name_keys(&analyze("Agha Jan"));
        assert!(listed.iter().any(|g| g.keys.contains(&hash(b't', b"jan"))));
        let mut buf = KeyGroups::default();
        buf.add(&analyze("Janan Agha"));
        assert!(buf.iter().all(|(_, prefixes, _, _)| prefixes.is_empty()));
        // Words under five letters, words in other scripts and joined words give none.
        let mut query = KeyGroups::default();
        query.add_query(&analyze("Ivan Петров"));
        query.add_query(&analyze("Abdulrahman Yusufzai"));
        let groups: Vec<_> = query.iter().collect();
        assert!(
            groups
                .iter()
                .all(|(_, p, joined, _)| !joined || p.is_empty())
        );
        let ivan = groups
            .iter()
            .find(|(own, ..)| own.contains(&hash(b't', b"ivan")));
        assert!(ivan.is_some_and(|(_, p, ..)| p.is_empty()));
        assert!(
            groups
                .iter()
                .any(|(_, p, ..)| p.contains(&hash(b't', b"abdulrahm")))
        );
    }

    #[test]
    fn an_acronym_in_capitals_shares_a_key_with_the_words_it_abbreviates() {
        let key = hash(b'a', b"irgc");
        assert!(all_keys("Islamic Revolutionary Guard Corps").contains(&key));
        let mut query = KeyGroups::default();
        query.add_query(&analyze("IRGC"));
        let (keys, _, joined, _) = query.iter().last().expect("the acronym's group");
        assert_eq!((keys, joined), (&[key][..], true));
        // A word not in capitals is a name, not an acronym; a listed name of one word has
        // no initials.
        let mut query = KeyGroups::default();
        query.add_query(&analyze("Irgc"));
        assert!(!query.all_keys().contains(&key));
        assert!(!all_keys("IRGC").contains(&key));
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
