//! JSON errors with status codes: `{"detail": "...", "status": 400}` (yente's shape plus the
//! status), for every failure a client can cause or see.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorResponse {
    /// What went wrong, for a human.
    pub detail: String,
    /// The HTTP status code.
    pub status: u16,
}

/// An error a handler returns.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: String,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: detail.into(),
        }
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }
    pub fn unavailable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, detail)
    }
    pub fn not_ready() -> Self {
        Self::unavailable("the index is not loaded yet; see /readyz")
    }
    pub fn timeout() -> Self {
        Self::unavailable("request time limit exceeded")
    }
}

impl From<interdict_index::RecordError> for ApiError {
    fn from(e: interdict_index::RecordError) -> Self {
        tracing::error!(error = %e, "a listed record cannot be read");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "a listed record cannot be read from the screening snapshot; see the server log",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorResponse {
            detail: self.detail,
            status: self.status.as_u16(),
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// A JSON body read with this service's rules: size limit (413), any malformed or mistyped body
/// is a 400 naming the problem; the content type is not checked.
pub struct ApiJson<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), e.body_text()))?;
        serde_json::from_slice(&bytes)
            .map(ApiJson)
            .map_err(|e| ApiError::bad_request(format!("malformed JSON body: {e}")))
    }
}
