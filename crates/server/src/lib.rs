//! The screening HTTP service: one job — answer screening requests over HTTP from the loaded
//! index (a yente-compatible API, OpenRefine reconciliation and Interdict's own `/v1` screen and
//! batch endpoints), and swap in a new index atomically when the lists change.
//!
//! Layout: [`config`] (TOML file and overrides), [`engine`] (the loaded index and its lookups),
//! [`state`] (the shared state and the atomic swap), [`reload`] (background loading, manifest
//! polling, `/admin/update`), [`auth`] and [`limits`] (API keys, rate, size and time limits),
//! [`metrics`], [`routes`] (one module per API family) and [`openapi`].

pub mod auth;
pub mod config;
pub mod engine;
pub mod error;
pub mod limits;
pub mod metrics;
pub mod openapi;
pub mod query;
pub mod reload;
pub mod render;
pub mod routes;
pub mod state;

pub use config::Config;
pub use state::AppState;

use std::sync::Arc;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// A bound listener with the service ready to run on it.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
}

impl Server {
    /// Bind the configured address and start loading the index in the background.
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        let listener = tokio::net::TcpListener::bind(&config.listen)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.listen.clone(),
                source,
            })?;
        let state = AppState::new(config);
        reload::start(state.clone());
        Ok(Server { listener, state })
    }

    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Serve until `shutdown` completes; requests in flight finish first.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let app = routes::router(self.state.clone());
        axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        Ok(())
    }
}

/// Set up the log output (text or JSON lines) with a level filter. Request logs carry the route
/// template, status, time and caller, never query values.
pub fn init_logging(json: bool, level: &str) -> Result<(), String> {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .map_err(|e| format!("log level `{level}`: {e}"))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    result.map_err(|e| e.to_string())
}

/// Run the service on a multi-threaded runtime until Ctrl-C or SIGTERM.
pub fn run_blocking(config: Config) -> Result<(), ServeError> {
    // Screening is CPU-bound and runs on the blocking pool: more threads than cores only adds
    // switching, so the pool is kept to a few per core.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads((2 * cores).max(4))
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let server = Server::bind(config).await?;
        tracing::info!(addr = %server.local_addr()?, "listening");
        server.run(shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down; requests in flight finish first");
}
