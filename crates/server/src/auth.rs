//! API keys: sent as `Authorization: ApiKey KEY` (yente's clients) or `Authorization: Bearer KEY`,
//! compared by SHA-256 against the configured hashes; required on everything but `/healthz` and
//! `/readyz` when any key is configured. `/admin/*` needs a key marked `admin`. The same
//! middleware applies the per-key (or, without keys, per-client-address) rate limit.

use crate::config::{ApiKey, hash_key};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Debug, Clone)]
struct KeyInfo {
    name: String,
    admin: bool,
    rate: Option<f64>,
}

/// The configured keys, by hash.
#[derive(Debug, Default)]
pub struct ApiKeys {
    by_hash: HashMap<String, KeyInfo>,
}

/// Who is calling, for logs and metrics: a key's name or `anonymous`.
#[derive(Debug, Clone)]
pub struct Caller(pub String);

impl ApiKeys {
    pub fn new(keys: &[ApiKey]) -> ApiKeys {
        ApiKeys {
            by_hash: keys
                .iter()
                .map(|k| {
                    (
                        k.sha256.to_ascii_lowercase(),
                        KeyInfo {
                            name: k.name.clone(),
                            admin: k.admin,
                            rate: k.rate_per_second,
                        },
                    )
                })
                .collect(),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.by_hash.is_empty()
    }
}

/// The key in an `Authorization` header value (`ApiKey K`, `Bearer K`, any case).
fn presented_key(value: &str) -> Option<&str> {
    let (scheme, key) = value.trim().split_once(' ')?;
    let key = key.trim();
    (["apikey", "bearer", "token"].contains(&scheme.to_ascii_lowercase().as_str())
        && !key.is_empty())
    .then_some(key)
}

fn open_path(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

fn unauthorized(detail: &str) -> Response {
    let mut r = ApiError::new(StatusCode::UNAUTHORIZED, detail).into_response();
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("ApiKey, Bearer"),
    );
    r
}

/// Middleware: authenticate, authorise `/admin/*`, rate-limit.
pub async fn guard(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if open_path(path) {
        return next.run(req).await;
    }
    // Other methods on /admin routes fall through to the router's 405.
    let admin_path = path.starts_with("/admin") && req.method() == axum::http::Method::POST;
    let (bucket, caller, rate) = if state.keys.enabled() {
        let Some(key) = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(presented_key)
        else {
            return unauthorized("an API key is required: `Authorization: ApiKey KEY`");
        };
        let Some(info) = state.keys.by_hash.get(&hash_key(key)) else {
            return unauthorized("unknown API key");
        };
        if admin_path && !info.admin {
            return ApiError::new(StatusCode::FORBIDDEN, "this key may not call /admin")
                .into_response();
        }
        (
            format!("key:{}", info.name),
            info.name.clone(),
            info.rate.unwrap_or(state.config.rate_per_second),
        )
    } else {
        let ip = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        (
            format!("ip:{ip}"),
            "anonymous".to_string(),
            state.config.rate_per_second,
        )
    };
    if let Err(retry) = state.limiter.check(&bucket, rate) {
        state.metrics.rate_limited();
        let mut r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("rate limit of {rate} requests per second exceeded"),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("{}", retry.ceil().max(1.0))) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    req.extensions_mut().insert(Caller(caller.clone()));
    let mut resp = next.run(req).await;
    resp.extensions_mut().insert(Caller(caller));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_forms() {
        assert_eq!(presented_key("ApiKey abc"), Some("abc"));
        assert_eq!(presented_key("Bearer  abc "), Some("abc"));
        assert_eq!(presented_key("Basic abc"), None);
        assert_eq!(presented_key("abc"), None);
    }
}
