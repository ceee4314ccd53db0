//! A source record: one entry of one list, typed, with its stable id and provenance.

use crate::{DateValue, Identifier, Name, NameKind, NameParts, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a record came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Dataset name, e.g. `us_ofac_sdn`, `un_sc_sanctions`. The first part of the record id.
    pub dataset: String,
    /// File the record was read from (as given to the importer).
    pub file: String,
    /// SHA-256 of the file's bytes (hex).
    pub content_hash: String,
    /// The list's own publication date, when the file states one (ISO form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_date: Option<String>,
}

/// A postal address. `full` is always set; parts are kept when the list gives them separately.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub full: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A sanctions designation of the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    /// Who imposed it: `OFAC`, `UN Security Council`, `EU`, `UK OFSI/FCDO`, `BIS`, `China MFA`.
    pub authority: String,
    /// The list or regime, e.g. `SDN`, `DPRK`, a CELEX regulation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing_date: Option<DateValue>,
    /// Reference numbers the authority gives the designation (UN `KPe.001`, UK `RUS2183`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How two entities are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// OFAC "Linked To": an unspecified sanctions-relevant relationship.
    LinkedTo,
    /// The target owns this record (a vessel's registered owner, a parent company).
    OwnedBy,
    /// The target operates or manages this vessel or aircraft.
    OperatedBy,
    /// A family member or associate.
    Associate,
}

/// A typed link from this record to another entity, by name and (once resolved) by record id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub target_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
}

/// Gender as lists state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "m" | "male" | "man" => Some(Gender::Male),
            "f" | "female" | "woman" => Some(Gender::Female),
            "" | "unknown" | "-" | "n/a" | "?" | "u" | "not known" => None,
            _ => Some(Gender::Other),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Other => "other",
        }
    }
}

/// One entry of one list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id `<dataset>:<record id>`, e.g. `us_ofac_sdn:36`, `un_sc_sanctions:KPi.066`.
    pub id: String,
    pub schema: Schema,
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "NameParts::is_empty")]
    pub name_parts: NameParts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<String>,
    /// ISO alpha-2 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citizenships: Vec<String>,
    /// Countries of residence, jurisdiction or address (ISO alpha-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Vessel or aircraft flag (ISO alpha-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions: Vec<Sanction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Titles, positions, designations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    /// Other FollowTheMoney properties kept verbatim (vessel type, tonnage, build date, topics...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Vec<String>>,
    pub provenance: Provenance,
}

impl Record {
    pub fn new(dataset: &str, record_id: &str, schema: Schema) -> Self {
        Record {
            id: format!("{dataset}:{record_id}"),
            schema,
            names: Vec::new(),
            name_parts: NameParts::default(),
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            countries: Vec::new(),
            flags: Vec::new(),
            gender: None,
            identifiers: Vec::new(),
            addresses: Vec::new(),
            sanctions: Vec::new(),
            links: Vec::new(),
            positions: Vec::new(),
            remarks: Vec::new(),
            properties: BTreeMap::new(),
            provenance: Provenance {
                dataset: dataset.to_string(),
                ..Provenance::default()
            },
        }
    }

    /// The dataset part of the id.
    pub fn dataset(&self) -> &str {
        &self.provenance.dataset
    }

    /// The primary name (first `Primary`, else the first name at all).
    pub fn caption(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .or_else(|| self.names.first())
            .map_or(self.id.as_str(), |n| n.value.as_str())
    }

    /// Add a name unless the same text of the same or a stronger kind is already there.
    /// Returns false when the name was empty or a duplicate.
    pub fn add_name(&mut self, value: &str, kind: NameKind) -> bool {
        let Some(clean) = crate::name::clean_name(value) else {
            return false;
        };
        if self
            .names
            .iter()
            .any(|n| n.value == clean && n.kind <= kind)
        {
            return false;
        }
        self.names.push(Name::new(clean, kind));
        true
    }

    /// Add a value to a list unless it is already there.
    pub fn push_unique(list: &mut Vec<String>, value: impl Into<String>) {
        let v = value.into();
        if !v.is_empty() && !list.contains(&v) {
            list.push(v);
        }
    }

    /// Add an identifier unless an equal one is already there.
    pub fn add_identifier(&mut self, id: Identifier) {
        if id.value.is_empty() {
            return;
        }
        let n = id.normalized();
        if !self
            .identifiers
            .iter()
            .any(|x| x.kind == id.kind && x.normalized() == n && x.country == id.country)
        {
            self.identifiers.push(id);
        }
    }

    /// Every country the record names, in any role (nationality, citizenship, country, flag,
    /// address). Used by the matcher's country feature.
    pub fn all_countries(&self) -> impl Iterator<Item = &str> {
        self.nationalities
            .iter()
            .chain(&self.citizenships)
            .chain(&self.countries)
            .chain(&self.flags)
            .map(String::as_str)
            .chain(self.addresses.iter().filter_map(|a| a.country.as_deref()))
    }

    /// Set a verbatim FtM property value (deduplicated).
    pub fn add_property(&mut self, prop: &str, value: impl Into<String>) {
        let v = value.into();
        let v = v.trim();
        if v.is_empty() || v == "-0-" {
            return;
        }
        Self::push_unique(self.properties.entry(prop.to_string()).or_default(), v);
    }
}
