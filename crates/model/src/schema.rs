//! Entity schemas (a subset of FollowTheMoney's) and which of them may describe the same thing.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of thing a record describes. Names follow FollowTheMoney.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Schema {
    Person,
    Organization,
    Company,
    LegalEntity,
    Vessel,
    Airplane,
}

impl Schema {
    pub const ALL: [Schema; 6] = [
        Schema::Person,
        Schema::Organization,
        Schema::Company,
        Schema::LegalEntity,
        Schema::Vessel,
        Schema::Airplane,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::LegalEntity => "LegalEntity",
            Schema::Vessel => "Vessel",
            Schema::Airplane => "Airplane",
        }
    }

    /// True for the schemas that describe a legal or natural party (not an asset).
    pub fn is_party(self) -> bool {
        !matches!(self, Schema::Vessel | Schema::Airplane)
    }

    /// Whether a query of schema `self` may match a listed entity of schema `other`.
    /// `LegalEntity` is the FtM parent of Person, Organization and Company, so it matches all three;
    /// Organization and Company are interchangeable in practice; a person never matches a vessel.
    pub fn compatible(self, other: Schema) -> bool {
        use Schema::*;
        match (self, other) {
            (a, b) if a == b => true,
            (LegalEntity, b) | (b, LegalEntity) => b.is_party(),
            (Organization, Company) | (Company, Organization) => true,
            _ => false,
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown schema name.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown schema `{0}` (expected one of Person, Organization, Company, LegalEntity, Vessel, Airplane)"
)]
pub struct UnknownSchema(pub String);

impl FromStr for Schema {
    type Err = UnknownSchema;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Ok(match lower.as_str() {
            "person" | "individual" => Schema::Person,
            "organization" | "organisation" => Schema::Organization,
            "company" => Schema::Company,
            "legalentity" | "entity" | "thing" => Schema::LegalEntity,
            "vessel" | "ship" => Schema::Vessel,
            "airplane" | "aircraft" => Schema::Airplane,
            _ => return Err(UnknownSchema(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_never_matches_vessel() {
        assert!(!Schema::Person.compatible(Schema::Vessel));
        assert!(Schema::LegalEntity.compatible(Schema::Company));
        assert!(!Schema::LegalEntity.compatible(Schema::Airplane));
        assert!(Schema::Company.compatible(Schema::Organization));
        assert_eq!("individual".parse::<Schema>().unwrap(), Schema::Person);
        assert!("boat-ish".parse::<Schema>().is_err());
    }
}
