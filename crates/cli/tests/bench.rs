//! `interdict bench` on the UN list: the JSON fields exist, are positive and ordered. No timing
//! assertions (the figures depend on the machine).

use interdict_sources::testdata;
use serde_json::Value;
use std::path::Path;
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

fn positive(v: &Value, key: &str) -> f64 {
    let x = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` missing in {v}"));
    assert!(x > 0.0, "`{key}` = {x} is not positive in {v}");
    x
}

/// A data folder with the UN list imported and a 20-name query file, or `None` without data.
fn setup() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let un = testdata::data_dir()?.join("lists/un-sc-2026-02-27");
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let o = interdict(&data, &["import", un.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names = [
        ("ABDUL HAI SALEK", "1965", "af"),
        ("JANAN AGHA", "1958", "af"),
        ("Kim Jong Un", "1984-01-08", "KP"),
        ("Patricia Lucas Wheeler", "2002-07-14", "Ethiopia"),
        ("Ingeborg Abrahamsen", "1972-11-21", "France"),
        ("Kathryn Barr", "", ""),
        ("Mohammed Ahmed Ali", "1970", "Iraq"),
        ("Vladimir Petrov", "", "RU"),
        ("Hassan Nasrallah", "1960-08-31", "LB"),
        ("Ri Pyong Chol", "", "KP"),
        ("Abu Bakr al-Baghdadi", "1971", "Iraq"),
        ("Maria Garcia Lopez", "1980-02-02", "Spain"),
        ("John Smith", "", ""),
        ("Ahmad Shah Massoud", "1953", ""),
        ("Tariq Anwar", "", "Pakistan"),
        ("حسین موسوی", "1945-04-29", "Iraq"),
        ("Иван Иванов", "", ""),
        ("Li Wei", "1990", "CN"),
        ("Omar Abdel Rahman", "", "EG"),
        ("Chen Jing", "", ""),
    ];
    let mut csv = String::from("full_name,date_of_birth,nationality\n");
    for (n, d, c) in names {
        csv.push_str(&format!("\"{n}\",{d},{c}\n"));
    }
    let queries = tmp.path().join("queries.csv");
    std::fs::write(&queries, csv).expect("write queries");
    Some((tmp, queries))
}

fn check_common(v: &Value, queries: u64) {
    assert_eq!(v["kind"], "bench", "{v}");
    assert!(v["algorithm"].as_str().is_some_and(|s| !s.is_empty()));
    positive(v, "threshold");
    positive(v, "candidates");
    positive(v, "threads");
    positive(v, "records");
    positive(v, "entities");
    assert!(v["entities"].as_u64() <= v["records"].as_u64(), "{v}");
    positive(&v["index"], "keys");
    positive(&v["index"], "postings");
    assert_eq!(v["queries"]["count"].as_u64(), Some(queries), "{v}");
    let l = &v["latency_ms"];
    let (p50, p90, p99, max) = (
        positive(l, "p50"),
        positive(l, "p90"),
        positive(l, "p99"),
        positive(l, "max"),
    );
    assert!(p50 <= p90 && p90 <= p99 && p99 <= max, "{l}");
    positive(l, "mean");
    positive(&v["batch"], "qps");
    positive(&v["batch"], "threads");
    let peak = positive(&v["memory"], "peak_rss_mb");
    positive(&v["memory"], "rss_mb");
    assert!(peak > 1.0, "{v}");
}

#[test]
fn bench_imported_json() {
    let Some((tmp, queries)) = setup() else {
        return;
    };
    let data = tmp.path().join("data");
    let q = queries.to_str().expect("utf-8 path");
    let v = json_of(&interdict(
        &data,
        &["bench", "--json", "--queries", q, "--batch-runs", "1"],
    ));
    check_common(&v, 20);
    assert_eq!(v["mode"], "imported");
    assert_eq!(v["sources"].as_u64(), Some(1));
    // Import wrote the snapshot: it is loaded, not rebuilt.
    positive(&v, "snapshot_load_s");
    assert!(v["rebuild_s"].is_null(), "{v}");
    let i = &v["import"];
    assert_eq!(i["sources"].as_u64(), Some(1), "{i}");
    assert_eq!(i["records"], v["records"], "{v}");
    assert_eq!(i["missing_sources"].as_array().map(Vec::len), Some(0));
    positive(i, "parse_s");
    positive(i, "write_s");
    positive(i, "import_s");
    positive(i, "peak_rss_mb");
    // The human table names the phases.
    let o = interdict(
        &data,
        &["bench", "--queries", q, "--batch-runs", "1", "--no-import"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    for phrase in ["snapshot load", "latency p50", "batch throughput"] {
        assert!(text.contains(phrase), "`{phrase}` missing in\n{text}");
    }
}

#[test]
fn bench_synthetic_json() {
    let Some((tmp, queries)) = setup() else {
        return;
    };
    let data = tmp.path().join("data");
    let q = queries.to_str().expect("utf-8 path");
    let v = json_of(&interdict(
        &data,
        &["bench", "--json", "--queries", q, "--synthetic", "2000"],
    ));
    check_common(&v, 20);
    positive(&v, "index_build_s");
    assert_eq!(v["mode"], "synthetic");
    let s = &v["synthetic"];
    assert_eq!(s["n"].as_u64(), Some(2000), "{s}");
    let real = s["real_records"].as_u64().expect("real_records");
    assert!(real > 0);
    assert_eq!(v["records"].as_u64(), Some(real + 2000), "{v}");
    positive(s, "vocabulary");
    positive(s, "generate_s");
    positive(s, "group_s");
    // Built here, served by a fresh process that loads the snapshot written for it.
    positive(&v, "snapshot_write_s");
    positive(&v, "snapshot_mb");
    positive(&v, "snapshot_load_s");
    let serving = positive(&v["memory"], "peak_rss_mb");
    let built = positive(&v["build_memory"], "peak_rss_mb");
    assert!(serving < built, "serving {serving} MB vs build {built} MB");

    // --sizes: one child process per size, same fields per run.
    let v = json_of(&interdict(
        &data,
        &["bench", "--json", "--queries", q, "--sizes", "100,300"],
    ));
    assert_eq!(v["kind"], "bench_sizes");
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2);
    for (r, n) in runs.iter().zip([100, 300]) {
        assert!(r.get("error").is_none(), "{r}");
        assert_eq!(r["size"].as_u64(), Some(n));
        assert_eq!(r["synthetic"]["n"].as_u64(), Some(n));
        check_common(r, 20);
    }
    assert!(runs[0]["records"].as_u64() < runs[1]["records"].as_u64());
}
