//! Building and swapping indexes in the background: the first load at start, a reload whenever
//! the data folder's manifest changes (`interdict import` / `update` from outside, polled), and
//! `/admin/update`. A build that fails leaves the current index serving and is reported in
//! `/catalog`, the logs and `/metrics`; the same manifest is not retried until it changes.

use crate::engine::{self, manifest_version};
use crate::state::AppState;
use interdict_store::Store;
use interdict_store::update::{UpdateOptions, update};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Start the first load and the manifest poller.
pub fn start(state: Arc<AppState>) {
    tokio::spawn(async move {
        let mut failed: Option<String> = None;
        if let Err(v) = reload(&state).await {
            failed = v;
        }
        let every = state.config.reload_interval_secs;
        if every == 0 {
            return;
        }
        loop {
            tokio::time::sleep(Duration::from_secs(every)).await;
            if state.loading.load(Ordering::SeqCst) || state.updating.load(Ordering::SeqCst) {
                continue;
            }
            let Some(v) = current_version(&state).await else {
                continue;
            };
            let serving = state.current().map(|e| e.version.clone());
            if serving.as_ref() == Some(&v) || failed.as_ref() == Some(&v) {
                continue;
            }
            tracing::info!(version = %v, "data folder changed; building a new index");
            failed = reload(&state).await.err().flatten();
        }
    });
}

/// The version of the manifest on disk now.
async fn current_version(state: &AppState) -> Option<String> {
    let dir = state.config.data_dir.clone();
    tokio::task::spawn_blocking(move || {
        Store::open(&dir)
            .and_then(|s| s.manifest())
            .ok()
            .map(|m| manifest_version(&m))
    })
    .await
    .ok()
    .flatten()
}

/// Build an index from the data folder and swap it in. `Err(Some(version))`: the build of that
/// manifest version failed (already reported); `Err(None)`: a build was already running.
pub async fn reload(state: &Arc<AppState>) -> Result<(), Option<String>> {
    if state.loading.swap(true, Ordering::SeqCst) {
        return Err(None);
    }
    let dir = state.config.data_dir.clone();
    let started = std::time::Instant::now();
    let result = tokio::task::spawn_blocking(move || {
        let version = Store::open(&dir)
            .and_then(|s| s.manifest())
            .map(|m| manifest_version(&m))
            .ok();
        (engine::load(&dir), version)
    })
    .await;
    let outcome = match result {
        Ok((Ok(e), _)) => {
            tracing::info!(
                version = %e.version,
                entities = e.entities(),
                records = e.records(),
                seconds = started.elapsed().as_secs_f64(),
                "index loaded and swapped in"
            );
            state.swap(e);
            Ok(())
        }
        Ok((Err(err), version)) => {
            state.fail(format!("loading the index failed: {err}"));
            Err(Some(version.unwrap_or_default()))
        }
        Err(join) => {
            state.fail(format!("loading the index panicked: {join}"));
            Err(Some(String::new()))
        }
    };
    state.loading.store(false, Ordering::SeqCst);
    outcome
}

/// Run a list update in the background; `false` if one is already running.
pub fn spawn_update(state: Arc<AppState>, only: Vec<String>, force: bool) -> bool {
    if state.updating.swap(true, Ordering::SeqCst) {
        return false;
    }
    state.status().state = "updating".into();
    tokio::spawn(async move {
        let opts = UpdateOptions {
            base_url: state.config.update_base_url.clone(),
            only,
            timeout: Duration::from_secs(state.config.update_timeout_secs),
            force,
        };
        let dir = state.config.data_dir.clone();
        let result = tokio::task::spawn_blocking(move || {
            let store = Store::open(&dir)?;
            update(&store, &opts, &mut |line| tracing::info!("{line}"))
        })
        .await;
        state.updating.store(false, Ordering::SeqCst);
        match result {
            Ok(Ok(report)) => {
                tracing::info!(
                    sources = report.len(),
                    "update imported; building the new index"
                );
                state.status().last_update = Some(
                    report
                        .iter()
                        .map(|s| format!("{} ({} records)", s.key, s.records))
                        .collect(),
                );
                let _ = reload(&state).await;
            }
            Ok(Err(e)) => state.fail(format!(
                "update failed; the previous index keeps serving: {e}"
            )),
            Err(e) => state.fail(format!("update panicked: {e}")),
        }
    });
    true
}
