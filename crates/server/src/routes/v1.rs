//! Interdict's own API: `POST /v1/screen` (one query, the CLI's `screen --json` shape with the
//! list versions screened against) and `POST /v1/batch` (JSON lines in, JSON lines out in input
//! order, streamed; a bad line gives an error line and the batch goes on).

use crate::engine::Engine;
use crate::error::{ApiError, ApiJson, ErrorResponse};
use crate::limits::Deadline;
use crate::query::ScreenQuery;
use crate::render::{self, Filters};
use crate::routes::yente::{blocking, scope_filters};
use crate::state::AppState;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, State};
use axum::http::header;
use axum::response::Response;
use futures_util::StreamExt;
use interdict_matching::{ALGORITHM, DEFAULT_THRESHOLD, Explanation};
use serde::Serialize;
use std::sync::Arc;

/// Lines screened per blocking task in a batch.
const BATCH_CHUNK: usize = 64;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScreenResult {
    pub id: String,
    pub caption: String,
    pub schema: String,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
    /// Per feature: `feature`, `score`, `weight`, `detail`, and for names the token alignment.
    #[schema(value_type = Vec<Object>)]
    pub explanations: Vec<Explanation>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListVersion {
    pub path: String,
    pub dataset: String,
    pub list_date: Option<String>,
    pub sha256: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ScreenResponse {
    pub algorithm: String,
    pub threshold: f64,
    pub index_version: String,
    /// Every list version screened against, so a result can be reproduced.
    pub lists: Vec<ListVersion>,
    pub results: Vec<ScreenResult>,
    /// Query values that could not be read and were left out.
    pub warnings: Vec<String>,
}

struct Screened {
    threshold: f64,
    results: Vec<ScreenResult>,
    warnings: Vec<String>,
}

fn results(engine: &Engine, q: &ScreenQuery, max_limit: usize) -> Result<Screened, ApiError> {
    let (query, warnings) = q.to_query()?;
    let filters: Filters = scope_filters(engine, q.dataset.as_deref().unwrap_or("default"))?;
    let threshold = q.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let limit = q.limit.unwrap_or(10).clamp(1, max_limit);
    let exhaustive = q.exhaustive.unwrap_or(false);
    let hits = render::screen(engine, &query, limit, threshold, 0.0, &filters, exhaustive).hits;
    let out = hits
        .into_iter()
        .map(|h| {
            let e = &engine.screener.entities[h.entity];
            ScreenResult {
                id: e.id.clone(),
                caption: engine.screener.caption(h.entity).to_string(),
                schema: e.schema.as_str().to_string(),
                score: h.score,
                is_match: h.is_match,
                datasets: e.datasets.clone(),
                referents: e.referents.clone(),
                explanations: h.explanations,
            }
        })
        .collect();
    Ok(Screened {
        threshold,
        results: out,
        warnings,
    })
}

/// Screen one party.
#[utoipa::path(post, path = "/v1/screen", tag = "interdict",
    request_body = ScreenQuery,
    responses((status = 200, body = ScreenResponse),
        (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse, description = "Unknown dataset"),
        (status = 413, body = ErrorResponse), (status = 503, body = ErrorResponse)))]
pub async fn screen(
    State(state): State<Arc<AppState>>,
    Extension(deadline): Extension<Deadline>,
    ApiJson(q): ApiJson<ScreenQuery>,
) -> Result<Json<ScreenResponse>, ApiError> {
    let engine = state.engine()?;
    let max_limit = state.config.max_limit;
    blocking(move || {
        deadline.check()?;
        let screened = results(&engine, &q, max_limit)?;
        let lists = engine
            .manifest
            .active()
            .map(|s| ListVersion {
                path: s.key.clone(),
                dataset: s.dataset.clone(),
                list_date: s.list_date.clone(),
                sha256: s.files.iter().map(|f| f.sha256.clone()).collect(),
            })
            .collect();
        Ok(Json(ScreenResponse {
            algorithm: ALGORITHM.into(),
            threshold: screened.threshold,
            index_version: engine.version.clone(),
            lists,
            results: screened.results,
            warnings: screened.warnings,
        }))
    })
    .await
}

/// One output line of a batch.
fn batch_line(engine: &Engine, max_limit: usize, n: usize, line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let out = match serde_json::from_str::<ScreenQuery>(text) {
        Err(e) => serde_json::json!({"line": n, "error": format!("malformed line: {e}")}),
        Ok(q) => match results(engine, &q, max_limit) {
            Ok(r) => {
                serde_json::json!({"line": n, "key": q.key, "results": r.results, "warnings": r.warnings})
            }
            Err(e) => serde_json::json!({"line": n, "key": q.key, "error": e.detail}),
        },
    };
    Some(out.to_string() + "\n")
}

/// Screen JSON lines (one `/v1/screen` body per line, with an optional `key` echoed back);
/// answers JSON lines `{"line", "key", "results"}` or `{"line", "key", "error"}` in input
/// order, streamed as they are screened, all on one index version.
#[utoipa::path(post, path = "/v1/batch", tag = "interdict",
    request_body(content = String, content_type = "text/plain",
        description = "One ScreenQuery JSON object per line (sent as text/plain or application/x-ndjson)"),
    responses((status = 200, content_type = "application/x-ndjson", body = String,
        description = "One JSON object per non-empty input line"),
        (status = 503, body = ErrorResponse)))]
pub async fn batch(State(state): State<Arc<AppState>>, body: Body) -> Result<Response, ApiError> {
    let engine = state.engine()?;
    let max = state.config.max_batch_bytes;
    let max_limit = state.config.max_limit;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(16);
    tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        let mut buf: Vec<u8> = Vec::new();
        let mut received = 0usize;
        let mut n = 0usize;
        let mut pending: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut done = false;
        while !done {
            match stream.next().await {
                Some(Ok(chunk)) => {
                    received += chunk.len();
                    if received > max {
                        let msg = serde_json::json!({"line": n + 1, "error": format!("batch larger than {max} bytes; stopped")});
                        let _ = tx.send(Ok(Bytes::from(msg.to_string() + "\n"))).await;
                        return;
                    }
                    buf.extend_from_slice(&chunk);
                    while let Some(pos) = buf.iter().position(|&b| b == b'\n') {
                        n += 1;
                        pending.push((n, buf.drain(..=pos).collect()));
                    }
                }
                Some(Err(e)) => {
                    let msg = serde_json::json!({"line": n + 1, "error": format!("reading the body: {e}")});
                    let _ = tx.send(Ok(Bytes::from(msg.to_string() + "\n"))).await;
                    return;
                }
                None => {
                    if !buf.is_empty() {
                        n += 1;
                        pending.push((n, std::mem::take(&mut buf)));
                    }
                    done = true;
                }
            }
            if pending.len() >= BATCH_CHUNK || (done && !pending.is_empty()) {
                let lines = std::mem::take(&mut pending);
                let engine = engine.clone();
                let out = tokio::task::spawn_blocking(move || {
                    lines
                        .iter()
                        .filter_map(|(n, l)| batch_line(&engine, max_limit, *n, l))
                        .collect::<String>()
                })
                .await
                .unwrap_or_default();
                if tx.send(Ok(Bytes::from(out))).await.is_err() {
                    return;
                }
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from_stream(stream))
        .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}
