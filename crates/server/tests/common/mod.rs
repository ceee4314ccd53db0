//! Test helpers: import real lists into a temporary data folder, run the service on
//! 127.0.0.1:0 in a background thread, and call it with a real HTTP client.

#![allow(dead_code)]

use interdict_server::{Config, Server};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Import `lists` (folders under the shared `lists/`) into `data`; `None` when the shared data
/// is missing (the test skips; under CI=true `testdata` panics instead).
pub fn import(data: &Path, lists: &[&str]) -> Option<()> {
    let mut paths = Vec::new();
    for l in lists {
        paths.push(interdict_sources::testdata::list(l)?);
    }
    let (units, _) = interdict_sources::discover(&paths, None).expect("discover");
    let parsed: Vec<_> = units
        .iter()
        .map(|u| interdict_sources::parse_unit(u).expect("parse"))
        .collect();
    interdict_store::Store::open(data)
        .expect("open store")
        .import(&parsed)
        .expect("import");
    Some(())
}

pub fn has_data() -> bool {
    interdict_sources::testdata::data_dir().is_some()
}

/// A running service; stops when dropped.
pub struct Running {
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn config(data: &Path) -> Config {
    Config {
        listen: "127.0.0.1:0".into(),
        data_dir: PathBuf::from(data),
        reload_interval_secs: 1,
        ..Config::default()
    }
}

pub fn start(config: Config) -> Running {
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let server = Server::bind(config).await.expect("bind");
            tx.send(server.local_addr().expect("addr"))
                .expect("send addr");
            server
                .run(async {
                    let _ = stop_rx.await;
                })
                .await
                .expect("serve");
        });
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server address");
    Running {
        base: format!("http://{addr}"),
        stop: Some(stop_tx),
        thread: Some(thread),
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// (status, JSON body or Null).
pub fn get(url: &str, key: Option<&str>) -> (u16, serde_json::Value) {
    let mut req = agent().get(url);
    if let Some(k) = key {
        req = req.header("Authorization", &format!("ApiKey {k}"));
    }
    let mut resp = req.call().expect("GET");
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

pub fn post(url: &str, key: Option<&str>, body: &str) -> (u16, serde_json::Value) {
    let mut req = agent().post(url).header("Content-Type", "application/json");
    if let Some(k) = key {
        req = req.header("Authorization", &format!("Bearer {k}"));
    }
    let mut resp = req.send(body).expect("POST");
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(256 << 20)
        .read_to_string()
        .unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// Wait until `/readyz` answers 200.
pub fn wait_ready(base: &str) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if get(&format!("{base}/readyz"), None).0 == 200 {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("service not ready after 120 s");
}

/// A yente match body for one person.
pub fn person_query(name: &str) -> String {
    serde_json::json!({"queries": {"q1": {"schema": "Person", "properties": {"name": [name]}}}})
        .to_string()
}
