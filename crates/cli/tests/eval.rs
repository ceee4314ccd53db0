//! `interdict eval` on the shared labelled data: JSON shape, sane ranges and a quality floor.
//! The figures themselves are not pinned (the matcher is being tuned); only a regression floor.

use interdict_sources::testdata;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn interdict(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_interdict"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run interdict")
}

fn json_of(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

fn eval_dir() -> Option<PathBuf> {
    testdata::data_dir().map(|d| d.join("eval"))
}

fn unit(v: &Value, key: &str) -> f64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` missing in {v}"));
    assert!((0.0..=1.0).contains(&x), "`{key}` = {x} out of [0, 1]");
    x
}

fn count(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("`{key}` missing in {v}"))
}

/// Check one slice object and return its row count.
fn check_slice(s: &Value) -> u64 {
    for k in ["precision", "recall", "f1", "accuracy"] {
        unit(s, k);
    }
    unit(&s["best_f1"], "f1");
    unit(&s["best_f1"], "threshold");
    unit(&s["best_accuracy"], "accuracy");
    unit(&s["best_accuracy"], "threshold");
    assert!(s["best_f1"]["f1"].as_f64() >= s["f1"].as_f64(), "{s}");
    let rows = count(s, "rows");
    assert_eq!(
        count(s, "tp") + count(s, "fp") + count(s, "fn") + count(s, "tn"),
        rows,
        "{s}"
    );
    assert_eq!(count(s, "tp") + count(s, "fn"), count(s, "positives"));
    rows
}

fn check_report(v: &Value, kind: &str, rows: u64, positives: u64) {
    assert_eq!(v["kind"], kind);
    assert_eq!(count(v, "rows"), rows);
    assert!(v["algorithm"].is_string());
    assert_eq!(
        v["threshold"].as_f64(),
        Some(interdict_matching::DEFAULT_THRESHOLD)
    );
    assert!(v["split"].as_str().unwrap().contains("FNV-1a-64"));
    let us = v["us_per_item"].as_f64().unwrap();
    assert!(us > 0.0 && us < 10_000.0, "µs per item {us}");
    let score_us = v["us_per_score_value"].as_f64().unwrap();
    assert!(score_us > 0.0, "µs per score {score_us}");
    let explained_us = v["us_per_explained_score"].as_f64().unwrap();
    assert!(explained_us > 0.0, "µs per explained score {explained_us}");
    let s = &v["slices"];
    assert_eq!(check_slice(&s["all"]), rows);
    assert_eq!(count(&s["all"], "positives"), positives);
    let (dev, test) = (check_slice(&s["dev"]), check_slice(&s["test"]));
    assert_eq!(dev + test, rows);
    // The split is a hash: neither slice is tiny.
    assert!(dev > rows / 3 && test > rows / 3, "dev {dev} test {test}");
    let by_schema = v["by_schema"].as_object().unwrap();
    assert!(by_schema.contains_key("Person") && by_schema.contains_key("Company"));
    let total: u64 = by_schema.values().map(|x| count(x, "rows")).sum();
    assert_eq!(total, rows);
    for x in by_schema.values() {
        unit(x, "f1");
    }
}

#[test]
fn eval_pairs_on_name_bench() {
    let Some(eval) = eval_dir() else { return };
    let file = eval.join("nomenklatura_name_bench/cases.csv");
    let tmp = tempfile::tempdir().unwrap();
    let o = interdict(
        tmp.path(),
        &[
            "eval",
            "pairs",
            file.to_str().unwrap(),
            "--json",
            "--errors",
            "3",
        ],
    );
    let v = json_of(&o);
    check_report(&v, "pairs", 826, 425);
    let f1 = v["slices"]["all"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.80, "regression: F1 on all pairs is {f1} (< 0.80)");
    let errors = &v["errors"];
    assert_eq!(errors["slice"], "test");
    for (k, truth) in [("false_positives", false), ("false_negatives", true)] {
        let list = errors[k].as_array().unwrap();
        assert!(list.len() <= 3);
        for e in list {
            assert_eq!(e["is_match"], truth);
            assert!(e["name1"].is_string() && e["name2"].is_string());
            unit(e, "score");
        }
    }

    // The human table names the slices.
    let o = interdict(tmp.path(), &["eval", "pairs", file.to_str().unwrap()]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for w in ["all", "dev", "test", "µs per pair"] {
        assert!(text.contains(w), "{text}");
    }
}

#[test]
fn eval_entities_on_entity_bench() {
    let Some(eval) = eval_dir() else { return };
    let file = eval.join("nomenklatura_entity_bench/checks.yml");
    let tmp = tempfile::tempdir().unwrap();
    let o = interdict(
        tmp.path(),
        &["eval", "entities", file.to_str().unwrap(), "--json"],
    );
    let v = json_of(&o);
    check_report(&v, "entities", 228, 127);
    assert!(v["ignored_properties"].is_array());
    assert!(v.get("errors").is_none());
}

#[test]
fn eval_errors_name_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("pairs.csv");
    std::fs::write(&csv, "schema,name1,name2\nPerson,A B,A B\n").unwrap();
    let o = interdict(tmp.path(), &["eval", "pairs", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pairs.csv:1") && err.contains("is_match"),
        "{err}"
    );

    std::fs::write(
        &csv,
        "schema,name1,name2,is_match\nPerson,A B,A B,true\nPerson,C D,C D,maybe\n",
    )
    .unwrap();
    let o = interdict(tmp.path(), &["eval", "pairs", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pairs.csv:3") && err.contains("maybe"),
        "{err}"
    );

    let yml = tmp.path().join("checks.yml");
    std::fs::write(
        &yml,
        "checks:\n  - match: true\n    schema: Person\n    query:\n      name: A B\n    candidate:\n      name: A B\n  - match: true\n    schema: Spaceship\n    query:\n      name: A\n    candidate:\n      name: A\n",
    )
    .unwrap();
    let o = interdict(tmp.path(), &["eval", "entities", yml.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("checks.yml:8") && err.contains("Spaceship"),
        "{err}"
    );

    let missing = tmp.path().join("nope.csv");
    let o = interdict(tmp.path(), &["eval", "pairs", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.csv"));
}

#[test]
fn eval_screening_un_positives_and_negatives() {
    let Some(data) = testdata::data_dir() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("data");
    let un = data.join("lists/un-sc-2026-02-27");
    let o = interdict(&store, &["import", un.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bench = data.join("eval/yente_candidate_generation_benchmark");
    let pos = bench.join("positives_un_untreated.csv");
    let neg = bench.join("negatives_us.csv");
    let o = interdict(
        &store,
        &[
            "eval",
            "screening",
            "--positives",
            pos.to_str().unwrap(),
            "--negatives",
            neg.to_str().unwrap(),
            "--limit-queries",
            "20",
            "--json",
        ],
    );
    let v = json_of(&o);
    assert_eq!(v["kind"], "screening");
    assert_eq!(count(&v, "records"), 1003);
    assert_eq!(count(&v, "un_sc_records"), 1003);
    assert!(
        v["found_rule"]
            .as_str()
            .unwrap()
            .contains("un_sc_sanctions:")
    );
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let (p, n) = (&files[0], &files[1]);
    assert_eq!(p["kind"], "positives");
    assert_eq!(count(p, "queries"), 20);
    let r1 = unit(p, "recall_at_1");
    let r1t = unit(p, "recall_at_1_tied");
    let r5 = unit(p, "recall_at_5");
    assert!(r1 <= r1t && r1t <= r5);
    assert!(r5 >= 0.9, "recall@5 of 20 UN positives is {r5}");
    unit(p, "un_match_rate");
    unit(p, "alert_rate");
    assert!(p["queries_per_second"].as_f64().unwrap() > 0.0);

    assert_eq!(n["kind"], "negatives");
    assert_eq!(count(n, "queries"), 20);
    unit(n, "alert_rate");
    let alerts = n["top_false_alerts"].as_array().unwrap();
    assert!(alerts.len() <= 10);
    assert!(n.get("recall_at_5").is_none());
    assert!(n["ms_per_query"].as_f64().unwrap() >= 0.0);
}
