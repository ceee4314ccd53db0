//! End-to-end tests of `interdict batch` on the shared UN list.

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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A data folder under `tmp` with the UN list imported; `None` (skip) without the shared data.
fn un_data(tmp: &Path) -> Option<PathBuf> {
    let un = testdata::data_dir()?.join("lists/un-sc-2026-02-27");
    let data = tmp.join("data");
    let o = interdict(&data, &["import", un.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    Some(data)
}

/// Three UN-listed names, two unrelated ones and a bad birth date (line 4), with their lines.
const CSV_INPUT: &str = "\
full_name,date_of_birth,nationality,schema
Eric Badege,,CD,Person
Zzyzx Quillfeather,1980-01-01,France,
Jane Roe,31/31/1980,,Person
Gaston Iyamuremye,,Rwanda,Person
Marigold Thistlewood-Pemberton,1975,United Kingdom,Person
Butembo Airlines,,,Organization
";

const EXPECTED: [(u64, &str, bool); 5] = [
    (2, "Eric Badege", true),
    (3, "Zzyzx Quillfeather", false),
    (5, "Gaston Iyamuremye", true),
    (6, "Marigold Thistlewood-Pemberton", false),
    (7, "Butembo Airlines", true),
];

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn csv_in_csv_out_keeps_order_and_reports_bad_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(data) = un_data(tmp.path()) else {
        return;
    };
    let input = tmp.path().join("queries.csv");
    std::fs::write(&input, CSV_INPUT).unwrap();
    let output = tmp.path().join("results.csv");
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&output),
            "--json-summary",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("queries.csv:4: rejected: date_of_birth `31/31/1980`"),
        "{err}"
    );
    assert!(err.contains("line 4: date_of_birth"), "{err}");

    let summary: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["rows"], 6);
    assert_eq!(summary["screened"], 5);
    assert_eq!(summary["alerts"], 3);
    assert_eq!(summary["rejected"], 1);
    assert_eq!(summary["rejected_rows"][0]["line"], 4);
    assert!(summary["rows_per_second"].as_f64().unwrap() > 0.0);
    assert_eq!(summary["lists"].as_array().unwrap().len(), 1);

    let mut rdr = csv::Reader::from_path(&output).unwrap();
    assert_eq!(
        rdr.headers().unwrap(),
        vec![
            "line",
            "input_name",
            "match",
            "score",
            "entity_id",
            "caption",
            "schema",
            "datasets",
            "top_matches"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for (row, (line, name, matched)) in rows.iter().zip(EXPECTED) {
        assert_eq!(row[0], line.to_string());
        assert_eq!(&row[1], name);
        assert_eq!(&row[2], if matched { "true" } else { "false" }, "{row:?}");
        let top: Value = serde_json::from_str(&row[8]).unwrap();
        let top = top.as_array().unwrap();
        assert!(top.len() <= 3, "{row:?}");
        if matched {
            assert!(row[3].parse::<f64>().unwrap() >= 0.7, "{row:?}");
            assert!(row[7].contains("un_sc_sanctions"), "{row:?}");
            assert_eq!(top[0]["id"], row[4].to_string());
            assert_eq!(top[0]["caption"], row[5].to_string());
        }
    }
    assert!(
        rows[0][5].to_uppercase().contains("BADEGE"),
        "{:?}",
        rows[0]
    );
    assert!(
        rows[2][5].to_uppercase().contains("IYAMUREMYE"),
        "{:?}",
        rows[2]
    );
    assert!(
        rows[4][5].to_uppercase().contains("BUTEMBO"),
        "{:?}",
        rows[4]
    );
    assert_eq!(&rows[4][6], "Organization");

    // Chunks of two rows give the same output, in the same order.
    let output2 = tmp.path().join("results2.csv");
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&output2),
            "--chunk-size",
            "2",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&output).unwrap(),
        std::fs::read(&output2).unwrap()
    );

    // Only the unrelated names: no alert, exit 0.
    let quiet = tmp.path().join("quiet.csv");
    std::fs::write(
        &quiet,
        "name\nZzyzx Quillfeather\nMarigold Thistlewood-Pemberton\n",
    )
    .unwrap();
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&quiet),
            "-o",
            path_str(&tmp.path().join("quiet-out.csv")),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn jsonl_in_jsonl_out_keeps_order_and_reports_bad_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(data) = un_data(tmp.path()) else {
        return;
    };
    // Lines: 1-2, 3 bad date, 4-5, 6 blank, 7 malformed JSON, 8.
    let input = tmp.path().join("queries.jsonl");
    std::fs::write(
        &input,
        r#"{"name": "Eric Badege", "country": "CD", "schema": "Person"}
{"name": "Zzyzx Quillfeather", "birth_date": "1980-01-01", "country": ["France"]}
{"name": "Jane Roe", "birth_date": "31/31/1980"}
{"full_name": "Gaston Iyamuremye", "nationality": "Rwanda", "schema": "Person", "ref": 17}
{"name": "Marigold Thistlewood-Pemberton", "birth_date": 1975}

{"name": "Broken
{"name": "Butembo Airlines", "schema": "Organization"}
"#,
    )
    .unwrap();
    let output = tmp.path().join("results.jsonl");
    let o = interdict(&data, &["batch", path_str(&input), "-o", path_str(&output)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("queries.jsonl:3: rejected: birth_date"),
        "{err}"
    );
    assert!(
        err.contains("queries.jsonl:7: rejected: malformed JSON"),
        "{err}"
    );
    assert!(
        err.contains("7 rows, 5 screened, 3 alerts, 2 rejected"),
        "{err}"
    );

    let text = std::fs::read_to_string(&output).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected = [
        (1, "Eric Badege", true),
        (2, "Zzyzx Quillfeather", false),
        (4, "Gaston Iyamuremye", true),
        (5, "Marigold Thistlewood-Pemberton", false),
        (8, "Butembo Airlines", true),
    ];
    assert_eq!(rows.len(), expected.len(), "{text}");
    for (row, (line, name, matched)) in rows.iter().zip(expected) {
        assert_eq!(row["line"], line, "{row}");
        assert_eq!(row["input"]["name"], name, "{row}");
        assert_eq!(row["match"], matched, "{row}");
        let results = row["results"].as_array().unwrap();
        assert!(results.len() <= 3, "{row}");
        if matched {
            let top = &results[0];
            assert_eq!(top["match"], true, "{row}");
            assert!(top["score"].as_f64().unwrap() >= 0.7, "{row}");
            assert!(
                top["referents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r.as_str().unwrap().starts_with("un_sc_sanctions:")),
                "{row}"
            );
            assert!(!top["explanations"].as_array().unwrap().is_empty(), "{row}");
        }
    }
    assert_eq!(rows[1]["input"]["countries"][0], "France");
    assert_eq!(rows[3]["input"]["birth_dates"][0], "1975");
    assert_eq!(rows[4]["results"][0]["schema"], "Organization");

    // Chunks of three lines, each screened while the one before is written: the same output,
    // the same rejections and the same summary.
    let chunked = tmp.path().join("chunked.jsonl");
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&chunked),
            "--chunk-size",
            "3",
        ],
    );
    let chunked_err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{chunked_err}");
    assert_eq!(std::fs::read_to_string(&chunked).unwrap(), text);
    for expected in [
        "queries.jsonl:3: rejected: birth_date",
        "queries.jsonl:7: rejected: malformed JSON",
        "7 rows, 5 screened, 3 alerts, 2 rejected",
    ] {
        assert!(chunked_err.contains(expected), "{chunked_err}");
    }

    // CSV in, JSON lines out.
    let csv_in = tmp.path().join("queries.csv");
    std::fs::write(&csv_in, CSV_INPUT).unwrap();
    let o = interdict(
        &data,
        &["batch", path_str(&csv_in), "-o", path_str(&output)],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<u64> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [2, 3, 5, 6, 7]);
}

#[test]
fn missing_name_column_is_an_input_error() {
    // Fails on the header, before any list is loaded: needs no data.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let input = tmp.path().join("customers.csv");
    std::fs::write(&input, "customer,born\nEric Badege,1970\n").unwrap();
    let output = tmp.path().join("out.csv");
    let o = interdict(&data, &["batch", path_str(&input), "-o", path_str(&output)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("customers.csv"), "{err}");
    assert!(err.contains("no name column"), "{err}");
    assert!(!output.exists());

    // A column named with --columns that is not there.
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&output),
            "--columns",
            "name=full_name",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("customers.csv: no column `full_name`"),
        "{err}"
    );

    // Mapped with --columns, the file is accepted (and fails later: no lists imported).
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&output),
            "--columns",
            "name=customer,birth_date=born",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no lists imported"), "{err}");

    // JSON lines without a name or id key.
    let jsonl = tmp.path().join("customers.jsonl");
    std::fs::write(&jsonl, "{\"customer\": \"Eric Badege\"}\n").unwrap();
    let o = interdict(&data, &["batch", path_str(&jsonl), "-o", path_str(&output)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("customers.jsonl: no name key"), "{err}");

    // An unknown field in --columns, an unknown output extension.
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&output),
            "--columns",
            "surname=customer",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown field `surname`"),
        "{}",
        stderr(&o)
    );
    let o = interdict(
        &data,
        &[
            "batch",
            path_str(&input),
            "-o",
            path_str(&tmp.path().join("out.txt")),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("out.txt"), "{}", stderr(&o));
}
