//! Scoring cost per pair on the labelled name pairs (nomenklatura name_bench `cases.csv`), with
//! the preparation of both names included, and with both sides prepared once (as in screening,
//! where listed entities are prepared at load time and a query once for all its candidates), with
//! and without explanations.

use criterion::{Criterion, criterion_group, criterion_main};
use interdict_matching::{PreparedEntity, PreparedQuery, Query, score, score_value};
use interdict_model::{NameKind, Record, Schema};
use std::hint::black_box;

fn pairs() -> Vec<(Schema, String, String)> {
    let dir = std::env::var("INTERDICT_DATA").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").to_string()
    });
    let path = format!("{dir}/eval/nomenklatura_name_bench/cases.csv");
    let mut out = Vec::new();
    if let Ok(mut rdr) = csv::Reader::from_path(&path) {
        for row in rdr.records().flatten() {
            let schema = row
                .get(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(Schema::LegalEntity);
            out.push((schema, row[2].to_string(), row[3].to_string()));
        }
    }
    if out.is_empty() {
        eprintln!("{path} not found: benchmarking built-in pairs");
        for (a, b) in [
            ("Vladimir Vladimirovich Putin", "PUTIN, Vladimir"),
            ("Kim Jong Un", "김정은"),
            ("Acme Trading LLC", "Global Trading Limited"),
            ("Mohamed Ali", "محمد علي"),
        ] {
            out.push((Schema::Person, a.to_string(), b.to_string()));
        }
    }
    out
}

fn entity(schema: Schema, name: &str) -> PreparedEntity {
    let mut r = Record::new("bench", "1", schema);
    r.add_name(name, NameKind::Primary);
    PreparedEntity::new(schema, &[&r])
}

fn bench(c: &mut Criterion) {
    let pairs = pairs();
    let n = pairs.len() as u64;
    let mut g = c.benchmark_group("score");
    g.throughput(criterion::Throughput::Elements(n));
    g.bench_function("pairs_with_preparation", |b| {
        b.iter(|| {
            for (schema, a, bname) in &pairs {
                let q = PreparedQuery::new(Query {
                    schema: Some(*schema),
                    names: vec![a.clone()],
                    ..Query::default()
                });
                black_box(score(&q, &entity(*schema, bname)));
            }
        })
    });
    let prepared: Vec<(PreparedQuery, PreparedEntity)> = pairs
        .iter()
        .map(|(s, a, b)| {
            let q = PreparedQuery::new(Query {
                schema: Some(*s),
                names: vec![a.clone()],
                ..Query::default()
            });
            (q, entity(*s, b))
        })
        .collect();
    g.bench_function("pairs_prepared_explained", |b| {
        b.iter(|| {
            for (q, e) in &prepared {
                black_box(score(q, e));
            }
        })
    });
    // What screening computes for every candidate: the score without explanations.
    g.bench_function("pairs_prepared", |b| {
        b.iter(|| {
            for (q, e) in &prepared {
                black_box(score_value(q, e));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
