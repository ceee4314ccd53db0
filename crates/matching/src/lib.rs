//! Decides whether a query and a listed entity are the same, with a score in [0, 1] and an
//! explanation of every feature that contributed.
//!
//! Score meaning: the name similarity of the best-aligned query/listed name pair, adjusted by
//! identifiers (an equal strong identifier decides a match; a different one of the same kind
//! counts against), birth dates and countries. One typo in a long name stays above 0.9; names
//! that share only a common word stay below 0.5. The default alert threshold is
//! [`DEFAULT_THRESHOLD`].

pub mod names;
pub mod score;

pub use score::{
    Explanation, MatchResult, PreparedEntity, PreparedQuery, Query, Scored, explain, score,
    score_value, scored,
};

/// Scores at or above this raise an alert (`match: true`).
pub const DEFAULT_THRESHOLD: f64 = 0.75;
/// Identifies the scoring logic in results, for reproducibility.
pub const ALGORITHM: &str = "interdict-name-v1";
