//! The entity model: one typed, FollowTheMoney-compatible shape that every sanctions list is parsed
//! into, plus the rules that group source records of the same real-world entity.

pub mod canonical;
pub mod country;
pub mod date;
pub mod ftm;
pub mod identifier;
pub mod name;
pub mod record;
pub mod schema;

pub use canonical::{CanonicalEntity, group_records};
pub use date::DateValue;
pub use identifier::{IdKind, Identifier};
pub use name::{Name, NameKind, NameParts, Script};
pub use record::{Address, Gender, Link, LinkKind, Provenance, Record, Sanction};
pub use schema::Schema;
