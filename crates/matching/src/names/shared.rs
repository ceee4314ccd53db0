//! Tokens shared between names: a listed entity's names, and the entities of a list, repeat the
//! same words (Mohammed, Trading, LLC) millions of times at scale, so a name holds each token
//! through a pointer to one shared analysis ([`Token`]), equal tokens are made one
//! ([`TokenInterner`]), and a snapshot stores each distinct token once and names by number
//! ([`write_sharing`], [`read_sharing`]).

use super::tokens::TokenData;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::hash::BuildHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::Mutex;

/// One token of a romanised name: a shared, immutable [`TokenData`] (read through `Deref`).
#[derive(Clone)]
pub struct Token(Arc<TokenData>);

impl From<TokenData> for Token {
    fn from(t: TokenData) -> Token {
        Token(Arc::new(t))
    }
}

impl std::ops::Deref for Token {
    type Target = TokenData;
    fn deref(&self) -> &TokenData {
        &self.0
    }
}

impl Token {
    /// Whether both are the one shared analysis (not merely equal).
    pub fn is_shared_with(&self, other: &Token) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// Change the token's weight (a copy is made if the analysis is shared).
    pub fn set_weight(&mut self, weight: f64) {
        Arc::make_mut(&mut self.0).weight = weight;
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Token) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

/// Weights are finite: equality is an equivalence.
impl Eq for Token {}

/// By text alone (the rest of an analysis follows from it but for the weight, which equality
/// still compares): cheap, and interning hashes every token of a list.
impl Hash for Token {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.text.hash(h);
    }
}

/// Makes equal tokens one shared analysis; usable from many threads at once (the distinct
/// tokens are split over independently locked shards by text).
pub struct TokenInterner {
    shards: Vec<Mutex<FxHashSet<Token>>>,
}

/// Shards of a [`TokenInterner`]: enough that threads preparing entities seldom meet.
const SHARDS: usize = 64;

impl Default for TokenInterner {
    fn default() -> TokenInterner {
        TokenInterner {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

impl TokenInterner {
    /// Replace `t` by the shared token equal to it, or make it the shared one.
    pub fn intern(&self, t: &mut Token) {
        let shard = (FxBuildHasher.hash_one(&*t) >> 58) as usize % SHARDS;
        // A poisoned shard only means another thread panicked mid-insert: the set is whole.
        let mut seen = self.shards[shard]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match seen.get(t) {
            Some(shared) => *t = shared.clone(),
            None => {
                seen.insert(t.clone());
            }
        }
    }

    /// Distinct tokens seen.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map_or(0, |s| s.len()))
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How tokens are (de)serialised on this thread: in full, or as numbers into a table.
enum Table {
    Full,
    /// Numbers by the address of the shared analysis: tokens interned alike get one number
    /// (equal tokens not interned get one each, which reads back the same). `tokens` keeps
    /// every numbered token alive, so no address is reused while writing.
    Write {
        numbers: FxHashMap<usize, u32>,
        tokens: Vec<Token>,
    },
    Read(Vec<Token>),
}

thread_local! {
    static TABLE: RefCell<Table> = const { RefCell::new(Table::Full) };
}

/// Restores full (de)serialisation when dropped, even on unwinding.
struct Reset;

impl Drop for Reset {
    fn drop(&mut self) {
        TABLE.with_borrow_mut(|t| *t = Table::Full);
    }
}

/// Run `f` (which serialises values holding tokens) with each token written as its number in a
/// table of distinct tokens; returns `f`'s result and the table, which the reader needs first
/// (see [`read_sharing`]). Tokens are written in full outside `f`.
pub fn write_sharing<R>(f: impl FnOnce() -> R) -> (R, Vec<Token>) {
    TABLE.with_borrow_mut(|t| {
        *t = Table::Write {
            numbers: FxHashMap::default(),
            tokens: Vec::new(),
        }
    });
    let reset = Reset;
    let r = f();
    let table = TABLE.with_borrow_mut(|t| match std::mem::replace(t, Table::Full) {
        Table::Write { tokens, .. } => tokens,
        _ => Vec::new(),
    });
    drop(reset);
    (r, table)
}

/// Run `f` (which deserialises what [`write_sharing`] wrote) with token numbers read from
/// `table`: every name then shares the table's tokens.
pub fn read_sharing<R>(table: Vec<Token>, f: impl FnOnce() -> R) -> R {
    TABLE.with_borrow_mut(|t| *t = Table::Read(table));
    let _reset = Reset;
    f()
}

impl Serialize for Token {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let number = TABLE.with_borrow_mut(|t| match t {
            Table::Write { numbers, tokens } => Some(
                *numbers
                    .entry(Arc::as_ptr(&self.0) as usize)
                    .or_insert_with(|| {
                        tokens.push(self.clone());
                        (tokens.len() - 1) as u32
                    }),
            ),
            _ => None,
        });
        match number {
            Some(n) => s.serialize_u32(n),
            None => self.0.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Token {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Token, D::Error> {
        if TABLE.with_borrow(|t| matches!(t, Table::Read(_))) {
            let n = u32::deserialize(d)?;
            TABLE
                .with_borrow(|t| match t {
                    Table::Read(tokens) => tokens.get(n as usize).cloned(),
                    _ => None,
                })
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("token {n} is not in the token table"))
                })
        } else {
            TokenData::deserialize(d).map(Token::from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::analyze;

    #[test]
    fn a_token_is_a_pointer_to_a_small_analysis() {
        // Millions of names hold tokens: the handle is one pointer, the analysis fits 80 bytes.
        assert_eq!(std::mem::size_of::<Token>(), 8);
        assert!(std::mem::size_of::<TokenData>() <= 80);
    }

    #[test]
    fn interned_tokens_are_shared_and_compare_as_before() {
        let mut a = analyze("Mohammed Ali Hassan");
        let mut b = analyze("Ali Mohammed");
        let interner = TokenInterner::default();
        for t in a.tokens.iter_mut().chain(b.tokens.iter_mut()) {
            interner.intern(t);
        }
        let ali = |n: &crate::names::AnalyzedName| {
            n.tokens.iter().find(|t| t.text == "ali").cloned().unwrap()
        };
        assert!(Arc::ptr_eq(&ali(&a).0, &ali(&b).0));
        let distinct: std::collections::HashSet<&str> = a
            .tokens
            .iter()
            .chain(&b.tokens)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(interner.len(), distinct.len());
        assert_eq!(
            crate::names::compare_score(&a, &b),
            crate::names::compare_score(&analyze("Mohammed Ali Hassan"), &analyze("Ali Mohammed"))
        );
    }

    #[test]
    fn a_token_table_round_trips_and_shares() {
        let mut names = vec![analyze("Ivan Petrov"), analyze("Petrov Ivan Ivanovich")];
        let interner = TokenInterner::default();
        names
            .iter_mut()
            .flat_map(|n| n.tokens.iter_mut())
            .for_each(|t| interner.intern(t));
        let full = serde_json::to_string(&names).unwrap();
        let (numbered, table) = write_sharing(|| serde_json::to_string(&names).unwrap());
        // Each distinct token once in the table; names hold numbers.
        let distinct: std::collections::HashSet<&str> = names
            .iter()
            .flat_map(|n| &n.tokens)
            .map(|t| t.text.as_str())
            .collect();
        assert!(distinct.contains("petrov"));
        assert_eq!(table.len(), distinct.len());
        assert!(numbered.len() < full.len());
        let table_json = serde_json::to_string(&table).unwrap();
        let table: Vec<Token> = serde_json::from_str(&table_json).unwrap();
        let back: Vec<crate::names::AnalyzedName> =
            read_sharing(table, || serde_json::from_str(&numbered).unwrap());
        assert!(
            back.iter()
                .zip(&names)
                .all(|(a, b)| a.compares_as(b) && a.original == b.original)
        );
        let petrov = |n: &crate::names::AnalyzedName| {
            n.tokens
                .iter()
                .find(|t| t.text == "petrov")
                .cloned()
                .unwrap()
        };
        assert!(Arc::ptr_eq(&petrov(&back[0]).0, &petrov(&back[1]).0));
        // Outside the closures tokens are written in full again.
        assert_eq!(serde_json::to_string(&names).unwrap(), full);
        // A number outside the table is an error, not a panic.
        let bad: Result<Vec<crate::names::AnalyzedName>, _> =
            read_sharing(Vec::new(), || serde_json::from_str(&numbered));
        assert!(
            bad.unwrap_err()
                .to_string()
                .contains("not in the token table")
        );
    }
}
