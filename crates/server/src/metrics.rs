//! Prometheus metrics at `/metrics` (requests by route and status, a latency histogram, the index
//! version and size, failed updates, rate-limited requests) and the request log. Routes are
//! recorded by their template (`/entities/{id}`), never with the names or ids screened.

use crate::auth::Caller;
use crate::engine::Engine;
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Index {
    version: String,
    entities: usize,
    records: usize,
    loaded_at: u64,
}

/// Counters since start.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    index: Mutex<Index>,
    update_failures: AtomicU64,
    rate_limited: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    pub fn observe(&self, route: &str, method: &str, status: u16, seconds: f64) {
        *lock(&self.requests)
            .entry((route.to_string(), method.to_string(), status))
            .or_insert(0) += 1;
        let mut lat = lock(&self.latency);
        let h = lat.entry(route.to_string()).or_default();
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    pub fn set_index(&self, e: &Engine) {
        *lock(&self.index) = Index {
            version: e.version.clone(),
            entities: e.entities(),
            records: e.records(),
            loaded_at: e.loaded_at,
        };
    }

    pub fn update_failed(&self) {
        self.update_failures.fetch_add(1, Ordering::Relaxed);
    }

    pub fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str("# HELP interdict_http_requests_total HTTP requests by route, method and status.\n# TYPE interdict_http_requests_total counter\n");
        for ((route, method, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "interdict_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                esc(route)
            );
        }
        out.push_str("# HELP interdict_http_request_duration_seconds Request latency by route.\n# TYPE interdict_http_request_duration_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            let r = esc(route);
            for (b, c) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "interdict_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {c}"
                );
            }
            let _ = writeln!(
                out,
                "interdict_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "interdict_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "interdict_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                h.count
            );
        }
        let idx = lock(&self.index);
        let loaded = u8::from(!idx.version.is_empty());
        let _ = write!(
            out,
            "# HELP interdict_index_info The index in service (version = manifest hash).\n# TYPE interdict_index_info gauge\ninterdict_index_info{{version=\"{}\"}} {loaded}\n\
             # HELP interdict_index_entities Canonical entities in the index.\n# TYPE interdict_index_entities gauge\ninterdict_index_entities {}\n\
             # HELP interdict_index_records Source records in the index.\n# TYPE interdict_index_records gauge\ninterdict_index_records {}\n\
             # HELP interdict_index_loaded_timestamp_seconds When the index was built.\n# TYPE interdict_index_loaded_timestamp_seconds gauge\ninterdict_index_loaded_timestamp_seconds {}\n\
             # HELP interdict_update_failures_total Failed index loads and list updates.\n# TYPE interdict_update_failures_total counter\ninterdict_update_failures_total {}\n\
             # HELP interdict_rate_limited_total Requests refused by a rate limit.\n# TYPE interdict_rate_limited_total counter\ninterdict_rate_limited_total {}\n",
            esc(&idx.version),
            idx.entities,
            idx.records,
            idx.loaded_at,
            self.update_failures.load(Ordering::Relaxed),
            self.rate_limited.load(Ordering::Relaxed),
        );
        out
    }
}

/// Middleware: count, time and log every request (route template, status, time, caller only).
pub async fn track(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let method = req.method().as_str().to_string();
    let mut resp = next.run(req).await;
    let seconds = started.elapsed().as_secs_f64();
    // The server-side time, for clients and load tests (`Server-Timing: app;dur=0.412`).
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("app;dur={:.3}", seconds * 1000.0)) {
        resp.headers_mut().insert("server-timing", v);
    }
    let status = resp.status().as_u16();
    state.metrics.observe(&route, &method, status, seconds);
    let caller = resp
        .extensions()
        .get::<Caller>()
        .map_or("-", |c| c.0.as_str());
    tracing::info!(
        target: "interdict_server::request",
        method = %method,
        route = %route,
        status,
        ms = seconds * 1000.0,
        caller,
        "request"
    );
    resp
}
