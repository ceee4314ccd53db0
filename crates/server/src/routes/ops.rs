//! Operations: `/healthz` (the process answers), `/readyz` (an index is loaded), `/metrics`
//! (Prometheus), and the JSON 404 for unknown routes.

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: String,
    pub index_version: Option<String>,
    pub entities: usize,
}

/// The process is up (no key needed).
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, body = Health)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<Health> {
    let e = state.current();
    Json(Health {
        status: "ok".into(),
        index_version: e.as_ref().map(|e| e.version.clone()),
        entities: e.map_or(0, |e| e.entities()),
    })
}

/// 200 once an index is loaded, 503 before (no key needed).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    match state.current() {
        Some(e) => Json(Health {
            status: "ready".into(),
            index_version: Some(e.version.clone()),
            entities: e.entities(),
        })
        .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: state.status().state.clone(),
                index_version: None,
                entities: 0,
            }),
        )
            .into_response(),
    }
}

/// Prometheus text exposition.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, content_type = "text/plain", body = String)))]
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route; see /openapi.json")
}
