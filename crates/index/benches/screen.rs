//! Retrieval and full-query cost on a real list: the UN Security Council consolidated list
//! (1,003 records) from the shared data folder, queried with the yente benchmark's treated UN
//! positives and synthetic negatives. Run with `cargo bench -p interdict-index`.

use criterion::{Criterion, criterion_group, criterion_main};
use interdict_index::Screener;
use interdict_matching::{PreparedQuery, Query};
use interdict_model::group_records;
use std::hint::black_box;
use std::path::PathBuf;

fn data() -> PathBuf {
    std::env::var("INTERDICT_DATA").map_or_else(
        |_| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")),
        PathBuf::from,
    )
}

fn screener() -> Option<Screener> {
    let path = data().join("lists/un-sc-2026-02-27");
    let (units, _) = interdict_sources::discover(&[path], None).ok()?;
    let parsed = interdict_sources::parse_unit(units.first()?).ok()?;
    let entities = group_records(&parsed.records);
    Some(Screener::new(parsed.records, entities))
}

fn queries() -> Vec<Query> {
    let dir = data().join("eval/yente_candidate_generation_benchmark");
    let mut out = Vec::new();
    for f in ["positives_un_treated.csv", "negatives_global.csv"] {
        if let Ok(mut rdr) = csv::Reader::from_path(dir.join(f)) {
            for row in rdr.records().flatten().take(200) {
                out.push(Query {
                    names: vec![row[0].to_string()],
                    ..Query::default()
                });
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let (Some(s), qs) = (screener(), queries()) else {
        eprintln!(
            "shared data not found under {}: nothing to bench",
            data().display()
        );
        return;
    };
    if qs.is_empty() {
        eprintln!("no evaluation queries found: nothing to bench");
        return;
    }
    let prepared: Vec<PreparedQuery> = qs.iter().cloned().map(PreparedQuery::new).collect();
    let mut g = c.benchmark_group("screen");
    g.throughput(criterion::Throughput::Elements(qs.len() as u64));
    g.bench_function("prepare_query", |b| {
        b.iter(|| {
            for q in &qs {
                black_box(PreparedQuery::new(q.clone()));
            }
        })
    });
    g.bench_function("retrieval", |b| {
        b.iter(|| {
            for q in &prepared {
                black_box(s.index().candidates(q.names(), s.candidates));
            }
        })
    });
    g.bench_function("full_query", |b| {
        b.iter(|| {
            for q in &qs {
                black_box(s.screen(q, 10, interdict_matching::DEFAULT_THRESHOLD));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
