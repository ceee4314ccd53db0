//! `POST /admin/update`: download, verify and import the lists in the background, then swap in
//! the new index. Needs an admin key when keys are configured.

use crate::error::{ApiError, ErrorResponse};
use crate::query::Params;
use crate::state::AppState;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use interdict_store::update::PUBLISHED;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UpdateStarted {
    pub status: String,
    pub only: Vec<String>,
    pub force: bool,
}

/// Start a list update; its outcome shows in `/catalog` (`update`) and the logs.
#[utoipa::path(post, path = "/admin/update", tag = "admin",
    params(
        ("only" = Option<Vec<String>>, Query, description = "Lists to update: ofac_sdn, ofac_cons, un_sc, eu_fsf, uk_fcdo (default all)"),
        ("force" = Option<bool>, Query, description = "Accept a list that shrank by more than 20%"),
    ),
    responses((status = 202, body = UpdateStarted), (status = 400, body = ErrorResponse),
        (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse),
        (status = 409, body = ErrorResponse, description = "An update is already running")))]
pub async fn update(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<(StatusCode, Json<UpdateStarted>), ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let force = p.flag("force")?;
    let only = p.all("only");
    for o in &only {
        if !PUBLISHED.iter().any(|l| l.name == o) {
            return Err(ApiError::bad_request(format!(
                "unknown list `{o}` (known: ofac_sdn, ofac_cons, un_sc, eu_fsf, uk_fcdo)"
            )));
        }
    }
    if !crate::reload::spawn_update(state, only.clone(), force) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "an update is already running",
        ));
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(UpdateStarted {
            status: "started".into(),
            only,
            force,
        }),
    ))
}
