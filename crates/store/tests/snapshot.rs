//! The snapshot lifecycle: written at import, read back, rebuilt when it does not fit.

use interdict_matching::Query;
use interdict_model::{NameKind, Record, Schema};
use interdict_sources::{Format, ParsedSource};
use interdict_store::{SnapshotOrigin, Store};

fn source(key: &str, dataset: &str, names: &[&str]) -> ParsedSource {
    let records = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut r = Record::new(dataset, &i.to_string(), Schema::Person);
            r.add_name(n, NameKind::Primary);
            r
        })
        .collect();
    ParsedSource {
        key: key.into(),
        format: Format::FtmJson,
        dataset: dataset.into(),
        records,
        warnings: Vec::new(),
        skipped: 0,
        list_date: None,
        files: Vec::new(),
    }
}

fn finds(store: &Store, name: &str) -> bool {
    let opened = store.screener().unwrap();
    let q = Query {
        names: vec![name.into()],
        ..Query::default()
    };
    opened
        .screener
        .screen(&q, 5, 0.75)
        .iter()
        .any(|h| h.is_match)
}

#[test]
fn written_at_import_read_back_and_rebuilt_when_stale_or_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.screener().unwrap().origin, SnapshotOrigin::Empty);

    store
        .import(&[source("/lists/a", "a", &["Ivan Petrov", "Acme Holdings"])])
        .unwrap();
    let snap = dir.path().join("snapshot.bin");
    assert!(snap.exists());
    let opened = store.screener().unwrap();
    assert_eq!(opened.origin, SnapshotOrigin::Snapshot);
    assert_eq!(opened.screener.records.len(), 2);
    assert!(finds(&store, "Ivan Petrov"));

    // A corrupt snapshot is rebuilt from the sources and rewritten.
    let mut bytes = std::fs::read(&snap).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&snap, &bytes).unwrap();
    match store.screener().unwrap().origin {
        SnapshotOrigin::Rebuilt { reason, saved } => {
            assert!(reason.contains("checksum"), "{reason}");
            assert!(saved);
        }
        o => panic!("{o:?}"),
    }
    assert_eq!(store.screener().unwrap().origin, SnapshotOrigin::Snapshot);

    // Another format version: rejected with a clear reason, rebuilt.
    let mut bytes = std::fs::read(&snap).unwrap();
    bytes[b"interdict-snapshot".len()] = 0xee;
    std::fs::write(&snap, &bytes).unwrap();
    match store.screener().unwrap().origin {
        SnapshotOrigin::Rebuilt { reason, .. } => assert!(reason.contains("version"), "{reason}"),
        o => panic!("{o:?}"),
    }

    // A crash after the new manifest but before the new snapshot: the old snapshot no longer
    // fits the manifest, so the new data is screened (rebuilt), never the old index.
    let old = std::fs::read(&snap).unwrap();
    store
        .import(&[source("/lists/b", "b", &["Maria Gonzalez"])])
        .unwrap();
    std::fs::write(&snap, &old).unwrap();
    let opened = store.screener().unwrap();
    assert!(matches!(opened.origin, SnapshotOrigin::Rebuilt { .. }));
    assert_eq!(opened.screener.records.len(), 3);
    assert!(finds(&store, "Maria Gonzalez"));
    assert!(!finds(&store, "Olga Smirnova"));
}

#[test]
fn snapshot_built_from_the_parsed_records_equals_one_rebuilt_from_disk() {
    // Import builds the snapshot from the records it has just parsed, not from what it wrote;
    // both must give the same snapshot, byte for byte, with a source already on disk beside a
    // new one, and records carrying more than a name.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store
        .import(&[source("/lists/a", "a", &["Ivan Petrov", "Acme Holdings"])])
        .unwrap();
    let mut b = source("/lists/b", "b", &["Kim Jong Un", "Владимир Путин"]);
    b.records[0].add_name("김정은", NameKind::Alias);
    b.records[0]
        .birth_dates
        .push(interdict_model::DateValue::parse_loose("1984-01-08").unwrap());
    b.records[0].nationalities.push("kp".into());
    store.import(&[b]).unwrap();
    let snap = dir.path().join("snapshot.bin");
    let from_parsed = std::fs::read(&snap).unwrap();

    std::fs::remove_file(&snap).unwrap();
    match store.screener().unwrap().origin {
        SnapshotOrigin::Rebuilt { saved, .. } => assert!(saved),
        o => panic!("{o:?}"),
    }
    assert!(from_parsed == std::fs::read(&snap).unwrap());
    assert!(finds(&store, "Kim Jong Un") && finds(&store, "Ivan Petrov"));
}
