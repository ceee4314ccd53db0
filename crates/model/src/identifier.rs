//! Identifiers (IMO, MMSI, INN, OGRN, LEI, BIC, passports...): their kinds, normalisation and
//! check-digit validation.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an identifier identifies. Kinds are namespaces: equal values of different kinds mean nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// IMO ship identification number (7 digits with a check digit).
    VesselImo,
    /// IMO unique company / registered owner number: not a ship's.
    CompanyImo,
    Mmsi,
    Inn,
    Ogrn,
    Lei,
    Bic,
    Passport,
    NationalId,
    TaxId,
    Registration,
    /// Chinese unified social credit code (18 characters).
    Uscc,
    CallSign,
    AircraftTail,
    AircraftSerial,
    /// A UN Security Council reference number such as `KPe.001`.
    UnReference,
    Other,
}

impl IdKind {
    pub const ALL: [IdKind; 17] = [
        IdKind::VesselImo,
        IdKind::CompanyImo,
        IdKind::Mmsi,
        IdKind::Inn,
        IdKind::Ogrn,
        IdKind::Lei,
        IdKind::Bic,
        IdKind::Passport,
        IdKind::NationalId,
        IdKind::TaxId,
        IdKind::Registration,
        IdKind::Uscc,
        IdKind::CallSign,
        IdKind::AircraftTail,
        IdKind::AircraftSerial,
        IdKind::UnReference,
        IdKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::VesselImo => "imo",
            IdKind::CompanyImo => "company_imo",
            IdKind::Mmsi => "mmsi",
            IdKind::Inn => "inn",
            IdKind::Ogrn => "ogrn",
            IdKind::Lei => "lei",
            IdKind::Bic => "bic",
            IdKind::Passport => "passport",
            IdKind::NationalId => "national_id",
            IdKind::TaxId => "tax_id",
            IdKind::Registration => "registration",
            IdKind::Uscc => "uscc",
            IdKind::CallSign => "call_sign",
            IdKind::AircraftTail => "tail_number",
            IdKind::AircraftSerial => "aircraft_serial",
            IdKind::UnReference => "un_reference",
            IdKind::Other => "other",
        }
    }

    /// The FollowTheMoney property that carries this kind.
    pub fn ftm_property(self) -> &'static str {
        match self {
            IdKind::VesselImo | IdKind::CompanyImo => "imoNumber",
            IdKind::Mmsi => "mmsi",
            IdKind::Inn => "innCode",
            IdKind::Ogrn => "ogrnCode",
            IdKind::Lei => "leiCode",
            IdKind::Bic => "swiftBic",
            IdKind::Passport => "passportNumber",
            IdKind::NationalId => "idNumber",
            IdKind::TaxId => "taxNumber",
            IdKind::Registration => "registrationNumber",
            IdKind::Uscc => "uniqueEntityId",
            IdKind::CallSign => "callSign",
            IdKind::AircraftTail => "registrationNumber",
            IdKind::AircraftSerial => "serialNumber",
            IdKind::UnReference => "unscId",
            IdKind::Other => "idNumber",
        }
    }

    /// Strong identifiers name exactly one entity: two records sharing one (same kind, same value,
    /// and for passports and national ids the same issuing country) are the same entity.
    pub fn is_strong(self) -> bool {
        matches!(
            self,
            IdKind::VesselImo
                | IdKind::CompanyImo
                | IdKind::Mmsi
                | IdKind::Inn
                | IdKind::Ogrn
                | IdKind::Lei
                | IdKind::Uscc
                | IdKind::UnReference
                | IdKind::Passport
                | IdKind::NationalId
        )
    }

    /// Whether this kind needs the issuing country to be a strong key.
    pub fn needs_country(self) -> bool {
        matches!(self, IdKind::Passport | IdKind::NationalId)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown identifier kind name.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown identifier kind `{0}` (expected one of: imo, company_imo, mmsi, inn, ogrn, lei, bic, passport, national_id, tax_id, registration, uscc, call_sign, tail_number, aircraft_serial, un_reference, other)"
)]
pub struct UnknownIdKind(pub String);

impl FromStr for IdKind {
    type Err = UnknownIdKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let alias = match l.as_str() {
            "vessel_imo" | "imonumber" => Some(IdKind::VesselImo),
            "swift" | "swiftbic" | "swift_bic" => Some(IdKind::Bic),
            "national" | "idnumber" | "id" => Some(IdKind::NationalId),
            "tax" | "taxnumber" => Some(IdKind::TaxId),
            "unsc" | "unscid" => Some(IdKind::UnReference),
            _ => None,
        };
        alias
            .or_else(|| IdKind::ALL.iter().copied().find(|k| k.as_str() == l))
            .ok_or_else(|| UnknownIdKind(s.to_string()))
    }
}

/// One identifier of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdKind,
    /// The value as the list wrote it (trimmed).
    pub value: String,
    /// ISO 3166 alpha-2 code of the issuing country, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Identifier {
    pub fn new(kind: IdKind, value: impl Into<String>) -> Self {
        Identifier {
            kind,
            value: value.into().trim().to_string(),
            country: None,
        }
    }

    pub fn with_country(mut self, country: Option<String>) -> Self {
        self.country = country;
        self
    }

    /// The comparable form of the value: see [`normalize`].
    pub fn normalized(&self) -> String {
        normalize(self.kind, &self.value)
    }

    /// Whether the value passes the format and check-digit rules of its kind
    /// (kinds without rules are valid when non-empty).
    pub fn is_valid(&self) -> bool {
        validate(self.kind, &self.normalized())
    }

    /// Key used to group records: kind, normalised value and (for passports and ids) the country.
    pub fn strong_key(&self) -> Option<String> {
        if !self.kind.is_strong() || !self.is_valid() {
            return None;
        }
        let n = self.normalized();
        if self.kind.needs_country() {
            let c = self.country.as_deref()?;
            Some(format!("{}:{}:{}", self.kind, c, n))
        } else {
            Some(format!("{}:{}", self.kind, n))
        }
    }
}

/// Uppercase, drop spaces, dashes, dots and slashes; drop an `IMO` prefix; drop leading zeros
/// of passports and national ids.
pub fn normalize(kind: IdKind, value: &str) -> String {
    let mut s: String = value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    match kind {
        IdKind::VesselImo | IdKind::CompanyImo => {
            if let Some(rest) = s.strip_prefix("IMO") {
                s = rest.to_string();
            }
        }
        IdKind::Passport | IdKind::NationalId | IdKind::TaxId => {
            let trimmed = s.trim_start_matches('0');
            if !trimmed.is_empty() {
                s = trimmed.to_string();
            }
        }
        IdKind::UnReference => {
            // Keep the dot form `KPe.001`: case matters in UN references (i = individual, e = entity).
            return value.trim().replace(' ', "");
        }
        _ => {}
    }
    s
}

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// IMO ship number check: 7 digits, (d1·7 + d2·6 + … + d6·2) mod 10 == d7.
pub fn imo_valid(s: &str) -> bool {
    match digits(s) {
        Some(d) if d.len() == 7 => {
            let sum: u32 = d[..6].iter().zip((2..=7).rev()).map(|(a, w)| a * w).sum();
            sum % 10 == d[6]
        }
        _ => false,
    }
}

/// Russian INN: 10 digits (organisation) or 12 (person), with check digits.
pub fn inn_valid(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    let check = |weights: &[u32], n: usize| -> bool {
        let sum: u32 = weights.iter().zip(&d).map(|(w, x)| w * x).sum();
        (sum % 11) % 10 == d[n]
    };
    match d.len() {
        10 => check(&[2, 4, 10, 3, 5, 9, 4, 6, 8], 9),
        12 => {
            check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10)
                && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11)
        }
        _ => false,
    }
}

/// LEI: 20 alphanumerics, ISO 7064 mod 97-10 over the letters-as-numbers expansion.
pub fn lei_valid(s: &str) -> bool {
    if s.len() != 20 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let mut rem: u32 = 0;
    for c in s.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        for digit in v.to_string().chars() {
            rem = (rem * 10 + digit.to_digit(10).unwrap_or(0)) % 97;
        }
    }
    rem == 1
}

/// OGRN: 13 digits (mod 11 check) or OGRNIP 15 digits (mod 13 check).
pub fn ogrn_valid(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    let num = |k: usize| d[..k].iter().fold(0u64, |acc, x| acc * 10 + *x as u64);
    match d.len() {
        13 => (num(12) % 11 % 10) as u32 == d[12],
        15 => (num(14) % 13 % 10) as u32 == d[14],
        _ => false,
    }
}

/// Format and check-digit rules per kind, on a normalised value.
pub fn validate(kind: IdKind, n: &str) -> bool {
    match kind {
        IdKind::VesselImo => imo_valid(n),
        IdKind::CompanyImo => n.len() == 7 && n.chars().all(|c| c.is_ascii_digit()),
        IdKind::Mmsi => n.len() == 9 && n.chars().all(|c| c.is_ascii_digit()),
        IdKind::Inn => inn_valid(n),
        IdKind::Ogrn => ogrn_valid(n),
        IdKind::Lei => lei_valid(n),
        IdKind::Bic => {
            (n.len() == 8 || n.len() == 11)
                && n[..6.min(n.len())].chars().all(|c| c.is_ascii_alphabetic())
        }
        IdKind::Uscc => n.len() == 18,
        IdKind::UnReference => n.len() >= 6 && n.contains('.'),
        _ => !n.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imo_check_digit() {
        assert!(imo_valid("9179842"));
        assert!(imo_valid("7406784"));
        assert!(!imo_valid("9179843"));
        assert!(!imo_valid("917984"));
        assert_eq!(normalize(IdKind::VesselImo, "IMO 9179842"), "9179842");
    }

    #[test]
    fn inn_and_lei_and_ogrn() {
        assert!(inn_valid("7707083893")); // Sberbank
        assert!(!inn_valid("7707083894"));
        assert!(inn_valid("500100732259"));
        assert!(lei_valid("5493000IBP32UQZ0KL24"));
        assert!(!lei_valid("5493000IBP32UQZ0KL25"));
        assert!(ogrn_valid("1027700132195")); // Sberbank OGRN
    }

    #[test]
    fn strong_keys_respect_kind_and_country() {
        let a = Identifier::new(IdKind::VesselImo, "IMO 9179842");
        let b = Identifier::new(IdKind::CompanyImo, "9179842");
        assert_ne!(a.strong_key(), b.strong_key());
        let p = Identifier::new(IdKind::Passport, "00123-456");
        assert_eq!(
            p.strong_key(),
            None,
            "passport without country is not strong"
        );
        let p = p.with_country(Some("RU".into()));
        assert_eq!(p.strong_key().as_deref(), Some("passport:RU:123456"));
        assert_eq!("imo".parse::<IdKind>().unwrap(), IdKind::VesselImo);
    }
}
