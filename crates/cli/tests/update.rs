//! `interdict update` against a local HTTP server that mirrors the publishers with the shared
//! files, including a failed and a truncated download.

use interdict_sources::testdata;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Normal,
    Truncate,
    Missing,
}

/// Serves `files` (URL path → bytes) on 127.0.0.1; `mode` decides how the UN file is served.
fn serve(files: HashMap<String, Vec<u8>>, mode: Arc<Mutex<Mode>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mode = *mode.lock().unwrap();
            let body = files.get(&path);
            let is_un = path.contains("un_sc");
            match body {
                Some(_) if is_un && mode == Mode::Missing => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
                Some(b) => {
                    let send = if is_un && mode == Mode::Truncate {
                        &b[..b.len() / 3]
                    } else {
                        &b[..]
                    };
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        b.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(send);
                }
                None => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
    });
    format!("http://{addr}")
}

fn interdict(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_interdict"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run interdict")
}

#[test]
fn update_from_mirror_and_survive_failed_and_truncated_downloads() {
    let Some(dir) = testdata::data_dir() else {
        return;
    };
    let lists = dir.join("lists");
    let mut files = HashMap::new();
    files.insert(
        "/un_sc/consolidated.xml".to_string(),
        std::fs::read(lists.join("un-sc-2026-02-27/consolidated.xml")).unwrap(),
    );
    files.insert(
        "/ofac_cons/cons_prim.csv".to_string(),
        std::fs::read(lists.join("ofac-cons-csv-2025-12-19/cons_prim.csv")).unwrap(),
    );
    for f in ["cons_add.csv", "cons_alt.csv", "cons_comments.csv"] {
        files.insert(
            format!("/ofac_cons/{f}"),
            std::fs::read(lists.join("ofac-cons-csv-2025-12-19").join(f)).unwrap(),
        );
    }
    let mode = Arc::new(Mutex::new(Mode::Normal));
    let base = serve(files, mode.clone());
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let args = [
        "update",
        "--base-url",
        &base,
        "--only",
        "un_sc",
        "--only",
        "ofac_cons",
    ];
    let o = interdict(&data, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stats = interdict(&data, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["totals"]["source_records"], 1003 + 442);
    let before = std::fs::read(data.join("manifest.json")).unwrap();

    for m in [Mode::Missing, Mode::Truncate] {
        *mode.lock().unwrap() = m;
        let o = interdict(&data, &args);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("un_sc") || err.contains("consolidated.xml"),
            "{err}"
        );
        assert!(err.contains("previous data is unchanged"), "{err}");
        assert_eq!(std::fs::read(data.join("manifest.json")).unwrap(), before);
        let stats = interdict(&data, &["stats", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
        assert_eq!(v["totals"]["source_records"], 1003 + 442);
    }
}
