//! Candidate retrieval and screening. The index maps every key the matcher compares (romanised
//! tokens of every name variant, merged adjacent tokens, Double Metaphone codes, Arabic consonant
//! skeletons, one-deletion neighbourhoods of longer tokens, identifiers) to the entities that
//! have it. A query gathers candidates, pre-scores them by the rarity of the keys they share, and
//! only the best few hundred get the full score.

pub mod keys;
pub mod postings;
pub mod records;
pub mod screen;
pub mod snapshot;

pub use postings::NameIndex;
pub use records::{RecordError, RecordTable};
pub use screen::{Hit, Screener, TooManyEntities};
pub use snapshot::SnapshotError;
