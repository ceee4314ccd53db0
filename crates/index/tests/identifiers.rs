//! Screening by identifier: the sorted (hash, entity) array finds every entity holding the
//! identifier asked for, of that kind only.

use interdict_index::Screener;
use interdict_matching::Query;
use interdict_model::canonical::group_records;
use interdict_model::{IdKind, Identifier, NameKind, Record, Schema};

fn record(id: &str, schema: Schema, name: &str, ids: &[(IdKind, &str)]) -> Record {
    let mut r = Record::new("test", id, schema);
    r.add_name(name, NameKind::Primary);
    for &(kind, value) in ids {
        r.add_identifier(Identifier::new(kind, value));
    }
    r
}

#[test]
fn an_identifier_finds_every_holder_of_its_kind_and_no_other() {
    let records = vec![
        record(
            "v1",
            Schema::Vessel,
            "OCEAN STAR",
            &[(IdKind::VesselImo, "IMO 9074729")],
        ),
        record(
            "v2",
            Schema::Vessel,
            "SEA BREEZE",
            &[(IdKind::VesselImo, "9074729")],
        ),
        // The same digits as another kind of identifier: another namespace.
        record(
            "c1",
            Schema::Company,
            "ALPHA TRADING",
            &[(IdKind::Registration, "9074729")],
        ),
        record(
            "c2",
            Schema::Company,
            "BETA SHIPPING",
            &[(IdKind::Registration, "1234567")],
        ),
    ];
    let entities = group_records(&records);
    let screener = Screener::new(records, entities);
    let found = |kind: IdKind, value: &str| -> Vec<String> {
        let q = Query {
            names: vec!["Unrelated Name".into()],
            identifiers: vec![Identifier::new(kind, value)],
            ..Query::default()
        };
        let mut ids: Vec<String> = screener
            .screen(&q, 10, 0.0)
            .iter()
            .flat_map(|h| screener.entities[h.entity].referents.clone())
            .collect();
        ids.sort();
        ids
    };
    let vessels = found(IdKind::VesselImo, "IMO 9074729");
    assert_eq!(vessels.len(), 2, "{vessels:?}");
    assert!(vessels.iter().all(|r| r.contains("v")), "{vessels:?}");
    let companies = found(IdKind::Registration, "9074729");
    assert_eq!(companies.len(), 1, "{companies:?}");
    assert!(companies[0].ends_with("c1"), "{companies:?}");
    assert!(found(IdKind::Inn, "9074729").is_empty());
}
