//! Screening by acronym: an organisation's initials written as one word in capitals find it
//! through the index, as scoring every entity would; persons' initials find no one.

use interdict_index::Screener;
use interdict_matching::Query;
use interdict_model::canonical::group_records;
use interdict_model::{NameKind, Record, Schema};

fn record(id: &str, schema: Schema, name: &str) -> Record {
    let mut r = Record::new("test", id, schema);
    r.add_name(name, NameKind::Primary);
    r
}

#[test]
fn an_acronym_in_capitals_finds_the_organisation_whose_words_it_abbreviates() {
    let records = vec![
        record(
            "o1",
            Schema::Organization,
            "Islamic Revolutionary Guard Corps",
        ),
        record(
            "o2",
            Schema::Company,
            "Industrial and Commercial Bank of China Limited",
        ),
        record("o3", Schema::Company, "Iran Air"),
        // A person whose initials spell the same: persons are not named by initials.
        record("p1", Schema::Person, "Ivan Ruslan Gennadyevich Chekov"),
    ];
    let entities = group_records(&records);
    let screener = Screener::new(records, entities);
    let screen = |name: &str| {
        let q = Query {
            names: vec![name.into()],
            ..Query::default()
        };
        let hits: Vec<(String, f64)> = screener
            .screen(&q, 10, 0.75)
            .iter()
            .map(|h| (screener.entities[h.entity].referents.join(","), h.score))
            .collect();
        let brute: Vec<(String, f64)> = screener
            .screen_brute_force(&q, 10, 0.75)
            .iter()
            .map(|h| (screener.entities[h.entity].referents.join(","), h.score))
            .collect();
        assert_eq!(hits, brute, "{name}");
        hits
    };
    let irgc = screen("IRGC");
    assert_eq!(
        irgc.first(),
        Some(&("test:o1".to_string(), 0.8)),
        "{irgc:?}"
    );
    assert!(irgc.iter().all(|(r, _)| r != "test:p1"), "{irgc:?}");
    let icbc = screen("ICBC");
    assert_eq!(
        icbc.first(),
        Some(&("test:o2".to_string(), 0.8)),
        "{icbc:?}"
    );
    // Not in capitals: a word, which names nothing here.
    assert!(screen("Irgc").iter().all(|(_, s)| *s < 0.75));
}
