//! FollowTheMoney JSON: records out as FtM entities (standard properties, readable by any FtM
//! tool), and FtM entities in as records.
//!
//! Export writes the standard properties plus an `interdict` member holding the typed record, so
//! that export → import loses nothing (date ranges, identifier kinds and countries, name kinds and
//! languages have no lossless FtM property form). Import uses that member when present and maps
//! the standard properties otherwise (for FtM files from other tools).

use crate::{
    DateValue, IdKind, Identifier, NameKind, Record, Schema, country, record::Address,
    record::Gender,
};
use serde_json::{Map, Value, json};

/// Why an FtM entity could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FtmError {
    #[error("entity has no `id`")]
    MissingId,
    #[error("entity `{0}` has no `schema`")]
    MissingSchema(String),
    #[error("entity `{id}` has schema `{schema}`, which is not a screenable schema")]
    UnsupportedSchema { id: String, schema: String },
    #[error("entity `{id}`: bad `interdict` member: {source}")]
    BadExtension {
        id: String,
        source: serde_json::Error,
    },
}

fn push(props: &mut Map<String, Value>, key: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    let arr = props
        .entry(key.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(a) = arr
        && !a.iter().any(|v| v.as_str() == Some(value))
    {
        a.push(Value::String(value.to_string()));
    }
}

/// The standard FtM properties of a record.
pub fn properties(r: &Record) -> Map<String, Value> {
    let mut p = Map::new();
    for n in &r.names {
        push(&mut p, n.kind.ftm_property(), &n.value);
    }
    for (key, vals) in [
        ("firstName", &r.name_parts.first),
        ("middleName", &r.name_parts.middle),
        ("lastName", &r.name_parts.last),
        ("fatherName", &r.name_parts.patronymic),
        ("birthPlace", &r.birth_places),
        ("nationality", &r.nationalities),
        ("citizenship", &r.citizenships),
        ("country", &r.countries),
        ("flag", &r.flags),
        ("position", &r.positions),
        ("notes", &r.remarks),
    ] {
        for v in vals {
            let v = if matches!(key, "nationality" | "citizenship" | "country" | "flag") {
                v.to_ascii_lowercase()
            } else {
                v.clone()
            };
            push(&mut p, key, &v);
        }
    }
    for d in &r.birth_dates {
        // FtM dates are ISO prefixes: a range is written as its two ends.
        push(&mut p, "birthDate", &d.from.to_string());
        if let Some(to) = d.to {
            push(&mut p, "birthDate", &to.to_string());
        }
    }
    if let Some(g) = r.gender {
        push(&mut p, "gender", g.as_str());
    }
    for id in &r.identifiers {
        push(&mut p, id.kind.ftm_property(), &id.value);
    }
    for a in &r.addresses {
        push(&mut p, "address", &a.full);
    }
    for s in &r.sanctions {
        for prog in &s.programs {
            push(&mut p, "program", prog);
        }
    }
    for (k, vals) in &r.properties {
        for v in vals {
            push(&mut p, k, v);
        }
    }
    p
}

/// One FtM entity for a record.
pub fn record_to_ftm(r: &Record) -> Value {
    json!({
        "id": r.id,
        "schema": r.schema.as_str(),
        "caption": r.caption(),
        "properties": Value::Object(properties(r)),
        "datasets": [r.dataset()],
        "referents": [],
        "interdict": r,
    })
}

fn strings<'a>(props: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = &'a str> {
    props
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// Read one FtM entity. `default_dataset` names the dataset when the entity lists none.
/// Returns the record and any warnings about values that could not be typed (kept verbatim).
pub fn record_from_ftm(
    v: &Value,
    default_dataset: &str,
) -> Result<(Record, Vec<String>), FtmError> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .ok_or(FtmError::MissingId)?;
    if let Some(ext) = v.get("interdict") {
        let r: Record =
            serde_json::from_value(ext.clone()).map_err(|source| FtmError::BadExtension {
                id: id.to_string(),
                source,
            })?;
        return Ok((r, Vec::new()));
    }
    let schema_name = v
        .get("schema")
        .and_then(Value::as_str)
        .ok_or_else(|| FtmError::MissingSchema(id.to_string()))?;
    let schema: Schema = schema_name
        .parse()
        .map_err(|_| FtmError::UnsupportedSchema {
            id: id.to_string(),
            schema: schema_name.to_string(),
        })?;
    let dataset = v
        .get("datasets")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .unwrap_or(default_dataset);
    let mut r = Record::new(dataset, id, schema);
    let mut warnings = Vec::new();
    let empty = Map::new();
    let props = v
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (key, kind) in [
        ("name", NameKind::Primary),
        ("alias", NameKind::Alias),
        ("weakAlias", NameKind::WeakAlias),
        ("previousName", NameKind::FormerName),
    ] {
        for s in strings(props, key) {
            r.add_name(s, kind);
        }
    }
    for (key, values) in props {
        let Some(arr) = value_strings(values) else {
            continue;
        };
        for s in arr {
            let s = s.as_str();
            match key.as_str() {
                "name" | "alias" | "weakAlias" | "previousName" => {}
                "firstName" => Record::push_unique(&mut r.name_parts.first, s),
                "middleName" | "secondName" => Record::push_unique(&mut r.name_parts.middle, s),
                "lastName" => Record::push_unique(&mut r.name_parts.last, s),
                "fatherName" => Record::push_unique(&mut r.name_parts.patronymic, s),
                "birthPlace" => Record::push_unique(&mut r.birth_places, s),
                "position" => Record::push_unique(&mut r.positions, s),
                "notes" => Record::push_unique(&mut r.remarks, s),
                "birthDate" => match DateValue::parse_loose(s) {
                    Ok(d) if !r.birth_dates.contains(&d) => r.birth_dates.push(d),
                    Ok(_) => {}
                    Err(e) => {
                        warnings.push(format!("{id}: birthDate `{s}`: {e}"));
                        r.add_property("birthDate", s);
                    }
                },
                "gender" => r.gender = Gender::parse(s),
                "nationality" | "citizenship" | "country" | "jurisdiction" | "flag" => {
                    match country::to_code(s) {
                        Some(c) => {
                            let list = match key.as_str() {
                                "nationality" => &mut r.nationalities,
                                "citizenship" => &mut r.citizenships,
                                "flag" => &mut r.flags,
                                _ => &mut r.countries,
                            };
                            Record::push_unique(list, c);
                        }
                        None => {
                            warnings.push(format!("{id}: unknown country `{s}` in {key}"));
                            r.add_property(key, s);
                        }
                    }
                }
                "address" => r.addresses.push(Address {
                    full: s.to_string(),
                    city: None,
                    country: country::code_in_place(s),
                }),
                other => match id_kind_of(other, schema) {
                    Some(kind) => r.add_identifier(Identifier::new(kind, s)),
                    None => r.add_property(other, s),
                },
            }
        }
    }
    Ok((r, warnings))
}

fn value_strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(a) => Some(
            a.iter()
                .filter_map(|x| match x {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
        ),
        Value::String(s) => Some(vec![s.clone()]),
        _ => None,
    }
}

/// The identifier kind an FtM property carries, if it is one.
pub fn id_kind_of(prop: &str, schema: Schema) -> Option<IdKind> {
    Some(match prop {
        "imoNumber" if schema == Schema::Vessel => IdKind::VesselImo,
        "imoNumber" => IdKind::CompanyImo,
        "mmsi" => IdKind::Mmsi,
        "innCode" => IdKind::Inn,
        "ogrnCode" => IdKind::Ogrn,
        "leiCode" => IdKind::Lei,
        "swiftBic" | "bicCode" => IdKind::Bic,
        "passportNumber" => IdKind::Passport,
        "idNumber" => IdKind::NationalId,
        "taxNumber" | "vatCode" => IdKind::TaxId,
        "registrationNumber" if schema == Schema::Airplane => IdKind::AircraftTail,
        "registrationNumber" => IdKind::Registration,
        "uniqueEntityId" => IdKind::Uscc,
        "callSign" => IdKind::CallSign,
        "serialNumber" => IdKind::AircraftSerial,
        "unscId" => IdKind::UnReference,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_foreign_ftm_and_round_trips_own() {
        let v: Value = serde_json::from_str(
            r#"{"id":"Q1","schema":"Person","datasets":["eu_fsf"],"properties":{
              "name":["Vladimir PLOTNIKOV"],"alias":["Владимир ПЛОТНИКОВ"],"birthDate":["1961-11-30"],
              "nationality":["ru"],"passportNumber":["123"],"topics":["sanction"]}}"#,
        )
        .unwrap();
        let (r, w) = record_from_ftm(&v, "x").unwrap();
        assert!(w.is_empty());
        assert_eq!(r.id, "eu_fsf:Q1");
        assert_eq!(r.names.len(), 2);
        assert_eq!(r.nationalities, vec!["RU"]);
        assert_eq!(r.identifiers[0].kind, IdKind::Passport);
        assert_eq!(r.properties["topics"], vec!["sanction"]);
        let out = record_to_ftm(&r);
        assert_eq!(out["properties"]["nationality"][0], "ru");
        let (back, _) = record_from_ftm(&out, "x").unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn rejects_unscreenable_schema() {
        let v = json!({"id":"a","schema":"Address","properties":{}});
        assert!(matches!(
            record_from_ftm(&v, "x"),
            Err(FtmError::UnsupportedSchema { .. })
        ));
    }
}
