//! The HTTP routes, one module per API family, and the middleware stack.

pub mod admin;
pub mod ops;
pub mod reconcile;
pub mod v1;
pub mod yente;

use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use std::sync::Arc;

/// Every route with its limits: (outermost first) metrics and request log, API key and rate
/// limit, time limit, body size limit.
pub fn router(state: Arc<AppState>) -> Router {
    let max_body = state.config.max_body_bytes;
    let max_batch = state.config.max_batch_bytes;
    Router::new()
        .route("/match/{dataset}", post(yente::match_entities))
        .route("/search/{dataset}", get(yente::search))
        .route("/entities/{id}", get(yente::entity))
        .route("/algorithms", get(yente::algorithms))
        .route("/catalog", get(yente::catalog))
        .route(
            "/reconcile/{dataset}",
            get(reconcile::manifest_or_queries).post(reconcile::queries),
        )
        .route(
            "/reconcile/{dataset}/suggest/entity",
            get(reconcile::suggest_entity),
        )
        .route(
            "/reconcile/{dataset}/suggest/type",
            get(reconcile::suggest_type),
        )
        .route(
            "/reconcile/{dataset}/suggest/property",
            get(reconcile::suggest_property),
        )
        .route("/v1/screen", post(v1::screen))
        .route(
            "/v1/batch",
            post(v1::batch).layer(DefaultBodyLimit::max(max_batch)),
        )
        .route("/admin/update", post(admin::update))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/openapi.json", get(crate::openapi::serve))
        .fallback(ops::not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(from_fn_with_state(state.clone(), crate::limits::time_limit))
        .layer(from_fn_with_state(state.clone(), crate::auth::guard))
        .layer(from_fn_with_state(state.clone(), crate::metrics::track))
        .with_state(state)
}
