//! Turning request bodies into matcher queries: FollowTheMoney examples (yente's `/match`,
//! reconciliation) and Interdict's own `/v1` query form; and reading query strings with repeated
//! keys (`include_dataset=a&include_dataset=b`).

use crate::error::ApiError;
use interdict_matching::Query;
use interdict_model::{DateValue, Identifier, Schema, country, ftm};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The schemas a query may name (FtM names; `Thing` and `LegalEntity` match any party).
pub const QUERY_SCHEMAS: [&str; 7] = [
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "Vessel",
    "Airplane",
    "Thing",
];

/// Schema names a query may give (for the OpenAPI document; parsing also accepts FtM aliases).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, utoipa::ToSchema)]
pub enum QuerySchema {
    Person,
    Organization,
    Company,
    LegalEntity,
    Vessel,
    Airplane,
    Thing,
}

/// An example entity in FollowTheMoney form, as yente's clients send it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct EntityExample {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// FtM schema: Person, Organization, Company, LegalEntity, Vessel, Airplane (or Thing).
    #[schema(value_type = QuerySchema)]
    pub schema: String,
    /// FtM properties: each a list of strings, or one string.
    #[schema(value_type = BTreeMap<String, Vec<String>>, example = json!({"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"], "nationality": ["kp"]}))]
    #[serde(default)]
    pub properties: BTreeMap<String, Value>,
}

/// Parse a schema name, 400 naming the accepted ones otherwise.
pub fn parse_schema(s: &str) -> Result<Schema, ApiError> {
    s.parse::<Schema>()
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// The matcher query for an FtM example. Unparseable dates or countries are ignored (as yente
/// does); an unknown schema is a 400.
pub fn from_example(ex: &EntityExample) -> Result<Query, ApiError> {
    let schema = parse_schema(&ex.schema)?;
    let mut props = Map::new();
    for (k, v) in &ex.properties {
        if k == "interdict" {
            continue;
        }
        let list = match v {
            Value::Array(a) if a.iter().all(Value::is_string) => v.clone(),
            Value::String(_) => Value::Array(vec![v.clone()]),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "property `{k}`: expected a string or a list of strings"
                )));
            }
        };
        props.insert(k.clone(), list);
    }
    let entity = serde_json::json!({
        "id": "query",
        "schema": schema.as_str(),
        "properties": Value::Object(props),
    });
    let (r, _warnings) =
        ftm::record_from_ftm(&entity, "query").map_err(|e| ApiError::bad_request(e.to_string()))?;
    let mut names: Vec<String> = r.names.iter().map(|n| n.value.clone()).collect();
    if names.is_empty() {
        // Names from parts, as FtM's combine_names does.
        let p = &r.name_parts;
        let parts: Vec<&str> = p
            .first
            .iter()
            .chain(&p.middle)
            .chain(&p.patronymic)
            .chain(&p.last)
            .map(String::as_str)
            .collect();
        if !parts.is_empty() {
            names.push(parts.join(" "));
        }
    }
    let mut countries: Vec<String> = Vec::new();
    for c in r
        .all_countries()
        .map(str::to_string)
        .chain(r.addresses.iter().filter_map(|a| a.country.clone()))
    {
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    Ok(Query {
        schema: Some(schema),
        names,
        birth_dates: r.birth_dates.clone(),
        countries,
        identifiers: r.identifiers.clone(),
    })
}

/// An identifier in a `/v1` query: `"imo:9179842"` or `{"kind": "imo", "value": "9179842"}`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum IdInput {
    Text(String),
    Typed {
        kind: String,
        value: String,
        #[serde(default)]
        country: Option<String>,
    },
}

/// Interdict's own query form (`/v1/screen`, one line of `/v1/batch`). At least one of `name`,
/// `names` or `identifiers` must be given. Values that cannot be read are reported in
/// `warnings` and left out.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenQuery {
    /// Echoed back in `/v1/batch` output to correlate lines.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub key: Option<Value>,
    #[serde(default)]
    pub name: Option<String>,
    /// More names (aliases) of the same party.
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Option<QuerySchema>)]
    pub schema: Option<String>,
    /// Dates as `1970-05-07`, `1970`, `07 May 1970`, ...
    #[serde(default)]
    pub birth_dates: Vec<String>,
    /// Country names or ISO codes.
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub identifiers: Vec<IdInput>,
    /// Most results (default 10).
    #[serde(default, deserialize_with = "de_count")]
    pub limit: Option<usize>,
    /// Match threshold (default 0.75).
    #[serde(default)]
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub threshold: Option<f64>,
    /// A dataset or collection (default `default`).
    #[serde(default)]
    pub dataset: Option<String>,
    /// When the query matches something, score every listed entity sharing a name key with it,
    /// so that no weaker match (another list's listing, an alias) is left out; slower for
    /// matching queries (default false).
    #[serde(default)]
    pub exhaustive: Option<bool>,
}

impl ScreenQuery {
    /// The matcher query, and warnings for values that could not be read and were left out
    /// (a date or country left out can only widen the results; an identifier of an unknown
    /// kind is kept as kind `other`). 400 when an identifier is malformed (no `KIND:VALUE`, a
    /// blank value: a silently dropped identifier could hide a match), when nothing is left to
    /// screen, or when the threshold is out of range.
    pub fn to_query(&self) -> Result<(Query, Vec<String>), ApiError> {
        let mut warnings = Vec::new();
        let schema = self.schema.as_deref().map(parse_schema).transpose()?;
        let mut birth_dates = Vec::new();
        for d in &self.birth_dates {
            match DateValue::parse_loose(d) {
                Ok(v) => birth_dates.push(v),
                Err(e) => warnings.push(format!("birth date `{d}` left out: {e}")),
            }
        }
        let mut countries = Vec::new();
        for c in &self.countries {
            match country::to_code(c) {
                Some(code) => countries.push(code),
                None => warnings.push(format!("unknown country `{c}` left out")),
            }
        }
        let mut identifiers = Vec::new();
        for i in &self.identifiers {
            let (kind, value, country) = match i {
                IdInput::Text(s) => match s.split_once(':') {
                    Some((k, v)) => (k, v, None),
                    None => {
                        return Err(ApiError::bad_request(format!(
                            "identifier `{s}`: expected KIND:VALUE, e.g. imo:9179842"
                        )));
                    }
                },
                IdInput::Typed {
                    kind,
                    value,
                    country,
                } => (kind.as_str(), value.as_str(), country.as_deref()),
            };
            if value.trim().is_empty() {
                return Err(ApiError::bad_request(format!(
                    "identifier `{kind}:` has no value"
                )));
            }
            let kind = kind.parse().unwrap_or_else(|_| {
                warnings.push(format!(
                    "unknown identifier kind `{kind}`: compared as `other`"
                ));
                interdict_model::IdKind::Other
            });
            let country = country.and_then(country::to_code);
            identifiers.push(Identifier::new(kind, value.trim()).with_country(country));
        }
        let names: Vec<String> = self
            .name
            .iter()
            .chain(&self.names)
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect();
        if names.is_empty() && identifiers.is_empty() {
            return Err(ApiError::bad_request(
                "nothing to screen: give a `name` or at least one identifier",
            ));
        }
        if let Some(t) = self.threshold
            && !(0.0..=1.0).contains(&t)
        {
            return Err(ApiError::bad_request("`threshold` must be between 0 and 1"));
        }
        Ok((
            Query {
                schema,
                names,
                birth_dates,
                countries,
                identifiers,
            },
            warnings,
        ))
    }
}

/// Query-string pairs, percent-decoded, repeated keys kept in order.
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A non-negative integral number as a count, saturating at `usize::MAX`.
fn count_from_f64(v: Option<f64>) -> Option<usize> {
    let v = v?;
    // Large floats may come out of JSON parsing an ulp or two off an integer.
    // `as` saturates at usize::MAX.
    (v.is_finite() && v >= 0.0 && (v - v.round()).abs() <= v * 4.0 * f64::EPSILON)
        .then_some(v.round() as usize)
}

/// Deserialize an optional count: JSON integers, integral floats (`5.0`) and integers too
/// large for `usize` (saturated) are accepted, as JSON Schema's `integer` allows them.
pub fn de_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    let v: Option<f64> = Option::deserialize(d)?;
    match v {
        None => Ok(None),
        Some(f) => count_from_f64(Some(f)).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!("`{f}` is not a non-negative integer"))
        }),
    }
}

/// Typed access to query-string pairs with 400s for bad values.
pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn from_raw(raw: Option<&str>) -> Params {
        Params(query_pairs(raw))
    }
    /// The value of a single-valued `key`; giving it more than once is an error
    /// (the API declares these parameters as scalars, and silently taking one of
    /// several values would hide a client's bug).
    pub fn get(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut found = self.0.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| v.as_str());
        let more = found.count();
        if more > 0 {
            return Err(ApiError::bad_request(format!(
                "`{key}` is given {} times; it takes one value",
                more + 1
            )));
        }
        Ok(first)
    }
    /// Every value of a repeated `key`.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
    /// Every non-empty value of a repeated free-text `key` (an empty value filters nothing).
    pub fn all_nonempty(&self, key: &str) -> Vec<String> {
        self.all(key)
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
    }
    /// A count (`limit`, `offset`): a non-negative integer written in digits, saturating when
    /// huge. A query string has no number types: `5.0` or `1e3` is refused, as the OpenAPI
    /// `integer` of a query parameter is read (JSON bodies take integral floats, see
    /// [`de_count`]).
    pub fn count(&self, key: &str) -> Result<Option<usize>, ApiError> {
        self.get(key)?
            .map(|v| {
                let t = v.trim();
                if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ApiError::bad_request(format!(
                        "`{key}`: `{v}` is not a non-negative integer"
                    )));
                }
                Ok(t.parse::<usize>().unwrap_or(usize::MAX))
            })
            .transpose()
    }
    pub fn num<T: std::str::FromStr>(&self, key: &str) -> Result<Option<T>, ApiError> {
        self.get(key)?
            .map(|v| {
                v.trim().parse::<T>().map_err(|_| {
                    ApiError::bad_request(format!("`{key}`: `{v}` is not a valid number"))
                })
            })
            .transpose()
    }
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key)?.map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(false),
            Some(v) if ["true", "1", "yes", "on"].contains(&v.as_str()) => Ok(true),
            Some(v) if ["false", "0", "no", "off"].contains(&v.as_str()) => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!(
                "`{key}`: `{v}` is not true or false"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs() {
        let p = Params::from_raw(Some("q=Kim+Jong%20Un&a=1&a=2&x=%zz&t=%4"));
        assert_eq!(p.get("q").unwrap(), Some("Kim Jong Un"));
        assert_eq!(p.all("a"), vec!["1", "2"]);
        assert_eq!(p.get("x").unwrap(), Some("%zz"));
        assert_eq!(p.get("t").unwrap(), Some("%4"));
        // A scalar given twice is refused, by every typed getter too.
        assert_eq!(p.get("a").unwrap_err().status, 400);
        assert!(p.num::<f64>("a").is_err() && p.count("a").is_err() && p.flag("a").is_err());
        assert!(p.num::<usize>("q").is_err());
        let p = Params::from_raw(Some(
            "a=5&b=5.0&c=1e40&d=-1&e=2.5&f=&g=99999999999999999999999999",
        ));
        assert_eq!(p.count("a").unwrap(), Some(5));
        // A query string's count is digits: no decimal point, no exponent.
        assert!(p.count("b").is_err() && p.count("c").is_err());
        assert_eq!(p.count("g").unwrap(), Some(usize::MAX));
        assert!(p.count("d").is_err() && p.count("e").is_err() && p.count("f").is_err());
        assert_eq!(p.count("zz").unwrap(), None);
    }

    #[test]
    fn example_to_query() {
        let ex: EntityExample = serde_json::from_value(serde_json::json!({
            "schema": "Person",
            "properties": {"firstName": ["Jong Un"], "lastName": "Kim", "birthDate": ["1984-01-08", "junk"],
                           "nationality": ["kp", "zz"], "passportNumber": ["836410048"]}
        }))
        .unwrap();
        let q = from_example(&ex).unwrap();
        assert_eq!(q.names, vec!["Jong Un Kim"]);
        assert_eq!(q.countries, vec!["KP"]);
        assert_eq!(q.birth_dates.len(), 1);
        assert_eq!(q.identifiers.len(), 1);
        let bad = EntityExample {
            schema: "Spaceship".into(),
            ..ex
        };
        assert_eq!(from_example(&bad).unwrap_err().status, 400);
    }
}
