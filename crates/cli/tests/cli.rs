//! End-to-end tests of the `interdict` binary on the shared real lists.

use interdict_sources::testdata;
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn lists() -> Option<PathBuf> {
    testdata::data_dir().map(|d| d.join("lists"))
}

#[test]
fn import_stats_screen_and_exit_codes() {
    let Some(lists) = lists() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let sdn = lists.join("ofac-sdn-2024-05-03");
    let un = lists.join("un-sc-2026-02-27");
    let o = interdict(
        &data,
        &["import", sdn.to_str().unwrap(), un.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("14965 records"), "{}", stdout(&o));

    let o = interdict(&data, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["totals"]["source_records"], 14965 + 1003);
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);

    // A vessel found by its IMO number alone.
    let o = interdict(&data, &["screen", "--id", "imo:9179842", "--json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let top = &v["results"][0];
    assert_eq!(top["schema"], "Vessel");
    assert_eq!(top["match"], true);
    assert!(
        top["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["feature"] == "identifier")
    );

    // A listed person by name, with explanations.
    let o = interdict(
        &data,
        &["screen", "Lionel Dumont", "--schema", "Person", "--json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"][0]["caption"], "DUMONT, Lionel");
    assert!(
        v["results"][0]["referents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "us_ofac_sdn:7831")
    );

    // No match: exit 0.
    let o = interdict(&data, &["screen", "Zzyzx Quillfeather"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // Usage errors: exit 2 with a message.
    let o = interdict(&data, &["screen"]);
    assert_eq!(o.status.code(), Some(2));
    let o = interdict(&data, &["screen", "x", "--id", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("KIND:VALUE"));
    let o = interdict(&data, &["screen", "x", "--birth-date", "someday"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn malformed_file_names_the_file_and_leaves_data_intact() {
    let Some(lists) = lists() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let un = lists.join("un-sc-2026-02-27");
    assert!(
        interdict(&data, &["import", un.to_str().unwrap()])
            .status
            .success()
    );
    let before = std::fs::read(data.join("manifest.json")).unwrap();

    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let text = std::fs::read_to_string(un.join("consolidated.xml")).unwrap();
    std::fs::write(bad.join("consolidated.xml"), &text[..text.len() / 2]).unwrap();
    let o = interdict(&data, &["import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("consolidated.xml"), "{err}");
    assert_eq!(std::fs::read(data.join("manifest.json")).unwrap(), before);
}

#[test]
fn of_several_malformed_files_the_first_is_named() {
    let Some(lists) = lists() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let text =
        std::fs::read_to_string(lists.join("un-sc-2026-02-27").join("consolidated.xml")).unwrap();
    // Sources are parsed on every core; the error must not depend on which finished first.
    let mut args = vec!["import".to_string()];
    for name in ["a_bad", "b_bad", "c_bad"] {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("consolidated.xml"), &text[..text.len() / 3]).unwrap();
        args.push(dir.to_str().unwrap().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for _ in 0..3 {
        let o = interdict(&data, &args);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("a_bad"), "{err}");
        assert!(!err.contains("b_bad") && !err.contains("c_bad"), "{err}");
    }
}

#[test]
fn export_import_round_trip_loses_nothing() {
    let Some(lists) = lists() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let src = lists.join("ofac-sdn-2021-07-07");
    assert!(
        interdict(&a, &["import", src.to_str().unwrap()])
            .status
            .success()
    );
    let out1 = tmp.path().join("one.ftm.json");
    assert!(
        interdict(&a, &["export", "-o", out1.to_str().unwrap()])
            .status
            .success()
    );
    let o = interdict(&b, &["import", out1.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out2 = tmp.path().join("two.ftm.json");
    assert!(
        interdict(&b, &["export", "-o", out2.to_str().unwrap()])
            .status
            .success()
    );
    let (one, two) = (
        std::fs::read_to_string(&out1).unwrap(),
        std::fs::read_to_string(&out2).unwrap(),
    );
    assert_eq!(one.lines().count(), 8976);
    assert!(one == two, "export → import → export changed the data");
}

#[test]
fn versions_of_one_list_do_not_mix() {
    let Some(lists) = lists() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let old = lists.join("ofac-sdn-2021-07-07");
    let new = lists.join("ofac-sdn-2024-05-03");
    let o = interdict(
        &data,
        &["import", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value =
        serde_json::from_slice(&interdict(&data, &["stats", "--json"]).stdout).unwrap();
    // Both kept; only one screened.
    assert_eq!(v["totals"]["source_records"], 8976 + 14965);
    let active = v["totals"]["active_records"].as_u64().unwrap();
    assert!(active == 14965 || active == 8976, "{active}");
    let superseded: Vec<_> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["superseded_by"].is_null())
        .collect();
    assert_eq!(superseded.len(), 1);
}
