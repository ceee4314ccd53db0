//! The state every request shares: the current engine behind an atomic pointer (a request takes
//! one `Arc` and finishes on it even if a new index is swapped in meanwhile), the update status,
//! keys, limits and metrics.

use crate::auth::ApiKeys;
use crate::config::Config;
use crate::engine::Engine;
use crate::error::ApiError;
use crate::limits::RateLimiter;
use crate::metrics::Metrics;
use arc_swap::ArcSwapOption;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the last load or update did, shown in `/catalog`.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct UpdateStatus {
    /// `loading`, `ready`, `updating` or `failed`.
    pub state: String,
    /// Unix time of the last successful index swap.
    pub last_swap: Option<u64>,
    /// Why the last load or update failed (the previous index keeps serving).
    pub last_error: Option<String>,
    /// Unix time of the last failure.
    pub last_error_at: Option<u64>,
    /// Sources written by the last successful `/admin/update`.
    pub last_update: Option<Vec<String>>,
}

pub struct AppState {
    pub config: Config,
    engine: ArcSwapOption<Engine>,
    pub status: Mutex<UpdateStatus>,
    /// True while an index is being built.
    pub loading: AtomicBool,
    /// True while `/admin/update` runs.
    pub updating: AtomicBool,
    pub keys: ApiKeys,
    pub limiter: RateLimiter,
    pub metrics: Metrics,
}

impl AppState {
    pub fn new(config: Config) -> Arc<AppState> {
        let keys = ApiKeys::new(&config.api_keys);
        let limiter = RateLimiter::new(config.rate_burst_seconds);
        Arc::new(AppState {
            config,
            engine: ArcSwapOption::empty(),
            status: Mutex::new(UpdateStatus {
                state: "loading".into(),
                ..Default::default()
            }),
            loading: AtomicBool::new(false),
            updating: AtomicBool::new(false),
            keys,
            limiter,
            metrics: Metrics::default(),
        })
    }

    /// The engine to answer from, or 503 while none is loaded.
    pub fn engine(&self) -> Result<Arc<Engine>, ApiError> {
        self.engine.load_full().ok_or_else(ApiError::not_ready)
    }

    pub fn current(&self) -> Option<Arc<Engine>> {
        self.engine.load_full()
    }

    /// Put a fully built engine in service.
    pub fn swap(&self, engine: Engine) {
        self.metrics.set_index(&engine);
        self.engine.store(Some(Arc::new(engine)));
        let mut s = self.status();
        s.state = if self.updating.load(Ordering::SeqCst) {
            "updating".into()
        } else {
            "ready".into()
        };
        s.last_swap = Some(crate::engine::unix_now());
    }

    pub fn status(&self) -> std::sync::MutexGuard<'_, UpdateStatus> {
        self.status.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Record a failed load or update; the current engine (if any) keeps serving.
    pub fn fail(&self, message: String) {
        tracing::error!(error = %message, "index load or update failed; the previous index keeps serving");
        self.metrics.update_failed();
        let has_engine = self.engine.load().is_some();
        let mut s = self.status();
        s.state = if has_engine { "ready" } else { "failed" }.into();
        s.last_error = Some(message);
        s.last_error_at = Some(crate::engine::unix_now());
    }
}
