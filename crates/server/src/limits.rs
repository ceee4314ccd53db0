//! Rate limits (a token bucket per key or client address) and the per-request time limit.
//! Body size limits are axum's `DefaultBodyLimit`, set in [`crate::routes::router`].

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Token buckets by caller.
pub struct RateLimiter {
    buckets: Mutex<HashMap<String, Bucket>>,
    burst_seconds: f64,
}

impl RateLimiter {
    /// Buckets hold `burst_seconds` worth of their rate (at least one request).
    pub fn new(burst_seconds: f64) -> RateLimiter {
        RateLimiter {
            buckets: Mutex::new(HashMap::new()),
            burst_seconds: burst_seconds.max(0.0),
        }
    }

    /// Take one request from `key`'s bucket at `rate` per second (0: unlimited).
    /// `Err(seconds)` until the next request is allowed.
    pub fn check(&self, key: &str, rate: f64) -> Result<(), f64> {
        if rate <= 0.0 {
            return Ok(());
        }
        let capacity = (rate * self.burst_seconds).max(1.0);
        let now = Instant::now();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Forget callers idle long enough to have a full bucket again.
            map.retain(|_, b| now.duration_since(b.last).as_secs_f64() * rate < capacity);
        }
        let b = map.entry(key.to_string()).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(capacity);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - b.tokens) / rate)
        }
    }
}

/// A deadline for CPU-bound work that cannot be cancelled from outside: loops check it.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub Instant);

impl Deadline {
    pub fn after(d: Duration) -> Deadline {
        Deadline(Instant::now() + d)
    }
    pub fn check(&self) -> Result<(), ApiError> {
        if Instant::now() > self.0 {
            Err(ApiError::timeout())
        } else {
            Ok(())
        }
    }
}

/// Middleware: answer 503 when a request takes longer than the configured time limit, and give
/// handlers the deadline so CPU-bound loops stop too.
pub async fn time_limit(
    State(state): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let limit = Duration::from_secs_f64(state.config.request_timeout_secs);
    req.extensions_mut().insert(Deadline::after(limit));
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::timeout().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refuses_after_burst() {
        let l = RateLimiter::new(1.0);
        assert!(l.check("a", 2.0).is_ok());
        assert!(l.check("a", 2.0).is_ok());
        assert!(l.check("a", 2.0).is_err());
        assert!(l.check("b", 2.0).is_ok());
        assert!(l.check("a", 0.0).is_ok());
    }
}
