//! The service over real HTTP on loopback, against the UN list (1,003 records) imported from
//! the shared data folder.

mod common;

use common::*;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const UN: &str = "un-sc-2026-02-27";

fn first_result(v: &Value) -> &Value {
    &v["responses"]["q1"]["results"][0]
}

#[test]
fn yente_match_search_entities_and_errors() {
    let tmp = tempfile::tempdir().unwrap();
    if import(tmp.path(), &[UN]).is_none() {
        return;
    }
    let run = start(config(tmp.path()));
    wait_ready(&run.base);
    let b = &run.base;

    // A UN-listed person by name, birth date and nationality.
    let body = json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Eric Badege"], "nationality": ["cd"]}}}});
    let (s, v) = post(
        &format!("{b}/match/default?algorithm=best"),
        None,
        &body.to_string(),
    );
    assert_eq!(s, 200, "{v}");
    let top = first_result(&v);
    assert_eq!(
        top["caption"].as_str().unwrap().to_uppercase(),
        "ERIC BADEGE",
        "{top}"
    );
    assert!(top["score"].as_f64().unwrap() >= 0.75, "{top}");
    assert_eq!(top["match"], true);
    assert_eq!(top["schema"], "Person");
    assert!(
        top["datasets"][0].as_str().unwrap().starts_with("un_sc"),
        "{top}"
    );
    assert!(!top["referents"].as_array().unwrap().is_empty());
    assert!(top["properties"]["name"].is_array());
    assert!(top["features"]["name"].as_f64().unwrap() > 0.9);
    assert_eq!(v["responses"]["q1"]["status"], 200);
    assert_eq!(v["limit"], 5);

    // The same through the dataset and the sanctions collection; excluded by id (no cap).
    let id = top["id"].as_str().unwrap().to_string();
    let ds = top["datasets"][0].as_str().unwrap().to_string();
    for scope in [ds.as_str(), "sanctions"] {
        let (s, v) = post(&format!("{b}/match/{scope}"), None, &body.to_string());
        assert_eq!(s, 200);
        assert_eq!(first_result(&v)["id"], id.as_str());
    }
    let mut excl: Vec<String> = (0..60)
        .map(|i| format!("exclude_entity_ids=x{i}"))
        .collect();
    excl.push(format!("exclude_entity_ids={id}"));
    let (s, v) = post(
        &format!("{b}/match/default?{}", excl.join("&")),
        None,
        &body.to_string(),
    );
    assert_eq!(s, 200);
    assert_ne!(first_result(&v)["id"], id.as_str());
    let (_, v) = post(
        &format!("{b}/match/default?exclude_dataset={ds}"),
        None,
        &body.to_string(),
    );
    assert_eq!(v["responses"]["q1"]["results"].as_array().unwrap().len(), 0);

    // Entities: by id, 404 for unknown.
    let (s, e) = get(&format!("{b}/entities/{id}"), None);
    assert_eq!(s, 200, "{e}");
    assert_eq!(e["id"], id.as_str());
    assert_eq!(get(&format!("{b}/entities/no-such-entity"), None).0, 404);

    // Search.
    let (s, v) = get(&format!("{b}/search/default?q=Eric+Badege"), None);
    assert_eq!(s, 200);
    assert_eq!(v["results"][0]["id"], id.as_str());
    assert!(v["total"]["value"].as_u64().unwrap() >= 1);

    // Errors: unknown schema, malformed body, unknown dataset, bad algorithm, bad limit.
    let bad_schema =
        json!({"queries": {"q1": {"schema": "Spaceship", "properties": {"name": ["x"]}}}});
    let (s, v) = post(&format!("{b}/match/default"), None, &bad_schema.to_string());
    assert_eq!(s, 400);
    assert!(v["detail"].as_str().unwrap().contains("schema"), "{v}");
    assert_eq!(
        post(&format!("{b}/match/default"), None, "{not json").0,
        400
    );
    assert_eq!(
        post(&format!("{b}/match/default"), None, "{\"queries\": 3}").0,
        400
    );
    let (s, v) = post(&format!("{b}/match/nope"), None, &person_query("x"));
    assert_eq!(s, 404);
    assert_eq!(v["status"], 404);
    assert_eq!(
        post(
            &format!("{b}/match/default?algorithm=zzz"),
            None,
            &person_query("x")
        )
        .0,
        400
    );
    assert_eq!(
        post(
            &format!("{b}/match/default?limit=abc"),
            None,
            &person_query("x")
        )
        .0,
        400
    );
    assert_eq!(get(&format!("{b}/no/such/route"), None).0, 404);

    // Catalog, algorithms, OpenAPI, metrics.
    let (_, c) = get(&format!("{b}/catalog"), None);
    let names: Vec<&str> = c["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert!(
        names.contains(&"default") && names.contains(&"sanctions") && names.contains(&ds.as_str()),
        "{names:?}"
    );
    assert_eq!(c["update"]["state"], "ready");
    let (_, a) = get(&format!("{b}/algorithms"), None);
    assert!(
        a["accepted"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "logic-v2")
    );
    let (s, o) = get(&format!("{b}/openapi.json"), None);
    assert_eq!(s, 200);
    assert!(o["paths"]["/match/{dataset}"]["post"].is_object());
    let mut resp = agent().get(&format!("{b}/metrics")).call().unwrap();
    let text = resp.body_mut().read_to_string().unwrap();
    assert!(text.contains("interdict_http_requests_total{route=\"/match/{dataset}\",method=\"POST\",status=\"200\"}"), "{text}");
    assert!(text.contains("interdict_index_entities "));
    assert!(
        !text.contains("Badege"),
        "metrics must not carry screened names"
    );
}

#[test]
fn reconcile_and_v1_screen_and_batch() {
    let tmp = tempfile::tempdir().unwrap();
    if import(tmp.path(), &[UN]).is_none() {
        return;
    }
    let run = start(config(tmp.path()));
    wait_ready(&run.base);
    let b = &run.base;

    let (s, m) = get(&format!("{b}/reconcile/default"), None);
    assert_eq!(s, 200);
    assert_eq!(m["versions"][0], "0.2");
    let queries = json!({"q0": {"query": "Eric Badege", "type": "Person"}}).to_string();
    let form = format!(
        "queries={}",
        queries
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('+', "%2B")
    );
    let mut resp = agent()
        .post(&format!("{b}/reconcile/default"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(&form)
        .unwrap();
    assert_eq!(resp.status(), 200);
    let v: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(
        v["q0"]["result"][0]["name"]
            .as_str()
            .unwrap()
            .to_uppercase(),
        "ERIC BADEGE"
    );
    assert_eq!(v["q0"]["result"][0]["match"], true);
    let (_, sug) = get(
        &format!("{b}/reconcile/default/suggest/entity?prefix=Badege"),
        None,
    );
    assert!(!sug["result"].as_array().unwrap().is_empty());
    let (_, t) = get(
        &format!("{b}/reconcile/default/suggest/type?prefix=pers"),
        None,
    );
    assert_eq!(t["result"][0]["id"], "Person");

    let (s, v) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"name": "Eric Badege", "schema": "Person", "countries": ["Congo, Democratic Republic of the"]}).to_string(),
    );
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["results"][0]["match"], true);
    assert!(v["lists"][0]["sha256"][0].as_str().unwrap().len() == 64);
    // Exhaustive mode (every entity sharing a name key scored once the query matches) keeps
    // every match of the default mode.
    let (s, ex) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"name": "Eric Badege", "schema": "Person", "countries": ["Congo, Democratic Republic of the"], "exhaustive": true}).to_string(),
    );
    assert_eq!(s, 200, "{ex}");
    let ids = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["match"] == true)
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (default_ids, exhaustive_ids) = (ids(&v), ids(&ex));
    assert!(!default_ids.is_empty());
    assert!(
        default_ids.iter().all(|i| exhaustive_ids.contains(i)),
        "{default_ids:?} / {exhaustive_ids:?}"
    );
    let (s, _) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"name": "Eric Badege", "exhaustive": "yes"}).to_string(),
    );
    assert_eq!(s, 400);
    let (s, _) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"schema": "Person"}).to_string(),
    );
    assert_eq!(s, 400);
    // A value that cannot be read is left out and reported (it can only widen the results).
    let (s, v) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"name": "Eric Badege", "birth_dates": ["not a date"], "countries": ["Atlantis"]})
            .to_string(),
    );
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["results"][0]["match"], true);
    let (s, _) = post(
        &format!("{b}/v1/screen"),
        None,
        &json!({"identifiers": ["no-kind"]}).to_string(),
    );
    assert_eq!(s, 400);

    let lines = [
        json!({"key": "a", "name": "Eric Badege"}).to_string(),
        "{broken".to_string(),
        String::new(),
        json!({"key": 3, "name": "Gaston Iyamuremye", "schema": "Person"}).to_string(),
    ]
    .join("\n");
    let (s, out) = post(&format!("{b}/v1/batch"), None, &lines);
    assert_eq!(s, 200);
    let out: Vec<Value> = out
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["key"], "a");
    assert_eq!(out[0]["results"][0]["match"], true);
    assert_eq!(out[1]["line"], 2);
    assert!(out[1]["error"].is_string());
    assert_eq!(out[2]["line"], 4);
    assert_eq!(out[2]["key"], 3);
    assert_eq!(out[2]["results"][0]["match"], true);
}

#[test]
fn keys_rate_limit_and_body_limit() {
    let tmp = tempfile::tempdir().unwrap();
    if import(tmp.path(), &[UN]).is_none() {
        return;
    }
    let mut c = config(tmp.path());
    c.add_plain_keys("secret-1", false);
    c.api_keys.push(interdict_server::config::ApiKey {
        name: "slow".into(),
        sha256: interdict_server::config::hash_key("slow-key"),
        admin: false,
        rate_per_second: Some(1.0),
    });
    c.rate_burst_seconds = 1.0;
    c.max_body_bytes = 64 * 1024;
    let run = start(c);
    wait_ready(&run.base);
    let b = &run.base;
    let q = person_query("Eric Badege");

    assert_eq!(get(&format!("{b}/healthz"), None).0, 200);
    assert_eq!(get(&format!("{b}/readyz"), None).0, 200);
    let (s, v) = post(&format!("{b}/match/default"), None, &q);
    assert_eq!(s, 401);
    assert!(v["detail"].is_string());
    assert_eq!(
        post(&format!("{b}/match/default"), Some("wrong"), &q).0,
        401
    );
    assert_eq!(
        post(&format!("{b}/match/default"), Some("secret-1"), &q).0,
        200
    );
    assert_eq!(get(&format!("{b}/catalog"), Some("secret-1")).0, 200);
    assert_eq!(
        post(&format!("{b}/admin/update"), Some("secret-1"), "").0,
        403
    );

    // 1 request per second, burst 1: the second at once is refused.
    assert_eq!(
        post(&format!("{b}/match/default"), Some("slow-key"), &q).0,
        200
    );
    let (s, v) = post(&format!("{b}/match/default"), Some("slow-key"), &q);
    assert_eq!(s, 429, "{v}");
    assert_eq!(
        post(&format!("{b}/match/default"), Some("secret-1"), &q).0,
        200
    );

    let huge = format!(
        "{{\"queries\": {{\"q1\": {{\"schema\": \"Person\", \"properties\": {{\"name\": [\"{}\"]}}}}}}}}",
        "x".repeat(100 * 1024)
    );
    let (s, v) = post(&format!("{b}/match/default"), Some("secret-1"), &huge);
    assert_eq!(s, 413, "{v}");
}

#[test]
fn not_ready_before_load_then_swaps_while_serving() {
    if !has_data() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let run = start(config(tmp.path()));
    let b = run.base.clone();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(get(&format!("{b}/readyz"), None).0, 503);
    assert_eq!(get(&format!("{b}/healthz"), None).0, 200);
    let (s, v) = post(
        &format!("{b}/match/default"),
        None,
        &person_query("Eric Badege"),
    );
    assert_eq!(s, 503, "{v}");

    // `interdict import` into the running folder: the poller loads it.
    import(tmp.path(), &[UN]).unwrap();
    wait_ready(&b);
    let (_, c1) = get(&format!("{b}/catalog"), None);
    let v1 = c1["index_version"].as_str().unwrap().to_string();
    let e1 = c1["entities"].as_u64().unwrap();

    // Requests keep running while a second list is imported and the index swapped.
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..2 {
        let (stop, ok, b) = (stop.clone(), ok.clone(), b.clone());
        workers.push(std::thread::spawn(move || {
            let mut failures = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let (s, v) = post(
                    &format!("{b}/match/default"),
                    None,
                    &person_query("Eric Badege"),
                );
                if s == 200 && first_result(&v)["match"] == true {
                    ok.fetch_add(1, Ordering::SeqCst);
                } else {
                    failures.push(format!("{s} {v}"));
                }
            }
            failures
        }));
    }
    import(tmp.path(), &["ofac-cons-csv-2025-12-19"]).unwrap();
    let started = std::time::Instant::now();
    let mut swapped = None;
    while started.elapsed() < std::time::Duration::from_secs(120) {
        let (_, c) = get(&format!("{b}/catalog"), None);
        if c["index_version"].as_str().is_some_and(|v| v != v1) {
            swapped = Some(c);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        let failures = w.join().unwrap();
        assert!(failures.is_empty(), "{failures:?}");
    }
    let c2 = swapped.expect("new index swapped in");
    assert!(c2["entities"].as_u64().unwrap() > e1);
    assert!(ok.load(Ordering::SeqCst) > 0);
}

#[test]
fn failed_update_keeps_serving_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    if import(tmp.path(), &[UN]).is_none() {
        return;
    }
    // A mirror that refuses connections: the download fails.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let mut c = config(tmp.path());
    c.update_base_url = Some(dead_url);
    c.update_timeout_secs = 5;
    let run = start(c);
    wait_ready(&run.base);
    let b = &run.base;
    let (_, before) = get(&format!("{b}/catalog"), None);
    let (s, v) = post(&format!("{b}/admin/update?only=un_sc"), None, "");
    assert_eq!(s, 202, "{v}");
    assert_eq!(
        post(&format!("{b}/admin/update?only=nope"), None, "").0,
        400
    );
    let started = std::time::Instant::now();
    let mut err = None;
    while started.elapsed() < std::time::Duration::from_secs(60) {
        let (_, c) = get(&format!("{b}/catalog"), None);
        if let Some(e) = c["update"]["last_error"].as_str() {
            err = Some(e.to_string());
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let err = err.expect("the failure is reported in /catalog");
    assert!(
        err.contains("un_sc") && err.contains("previous index keeps serving"),
        "{err}"
    );
    let (_, after) = get(&format!("{b}/catalog"), None);
    assert_eq!(after["index_version"], before["index_version"]);
    let (s, v) = post(
        &format!("{b}/match/default"),
        None,
        &person_query("Eric Badege"),
    );
    assert_eq!(s, 200);
    assert_eq!(first_result(&v)["match"], true);
}

#[test]
fn update_refuses_a_list_that_shrinks_unless_forced() {
    use interdict_store::update::{UpdateError, validate};
    let tmp = tempfile::tempdir().unwrap();
    if import(tmp.path(), &[UN]).is_none() {
        return;
    }
    let manifest = interdict_store::Store::open(tmp.path())
        .unwrap()
        .manifest()
        .unwrap();
    let path = interdict_sources::testdata::list(UN).unwrap();
    let (units, _) = interdict_sources::discover(&[path], None).unwrap();
    let mut p = interdict_sources::parse_unit(&units[0]).unwrap();
    assert_eq!(validate("un_sc", &manifest, &p, false).unwrap(), Some(1003));
    p.records.truncate(850);
    assert!(validate("un_sc", &manifest, &p, false).is_ok());
    p.records.truncate(700);
    let e = validate("un_sc", &manifest, &p, false).unwrap_err();
    assert!(
        matches!(
            e,
            UpdateError::Shrunk {
                previous: 1003,
                records: 700,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("--force"));
    assert!(validate("un_sc", &manifest, &p, true).is_ok());
    p.records.clear();
    assert!(matches!(
        validate("un_sc", &manifest, &p, true),
        Err(UpdateError::NoRecords { .. })
    ));
}
