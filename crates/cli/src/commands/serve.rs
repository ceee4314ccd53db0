//! `interdict serve`: the screening HTTP service (yente-compatible API, reconciliation, `/v1`
//! screen and batch, `/admin/update`, `/metrics`, `/openapi.json`) on the data folder.
//!
//! Settings come from `--config FILE` (TOML; fields as in `interdict_server::Config`), then these
//! options or their environment variables, which override the file.

use anyhow::Context;
use interdict_server::Config;
use interdict_server::config::hash_key;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// TOML configuration file (listen, api_keys, rate_per_second, max_body_bytes, ...)
    #[arg(long, env = "INTERDICT_CONFIG")]
    config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8000]
    #[arg(long, env = "INTERDICT_LISTEN")]
    listen: Option<String>,
    /// API keys, comma-separated (hashed at once; never logged). When any key is configured,
    /// every route but /healthz and /readyz needs `Authorization: ApiKey KEY` or `Bearer KEY`
    #[arg(long, env = "INTERDICT_API_KEYS", hide_env_values = true)]
    api_keys: Option<String>,
    /// API keys that may also call /admin/update, comma-separated
    #[arg(long, env = "INTERDICT_ADMIN_API_KEYS", hide_env_values = true)]
    admin_api_keys: Option<String>,
    /// Requests per second per key (without keys: per client address); 0 = unlimited [default: 0]
    #[arg(long, env = "INTERDICT_RATE_PER_SECOND")]
    rate_per_second: Option<f64>,
    /// Burst allowance in seconds' worth of the rate [default: 2]
    #[arg(long, env = "INTERDICT_RATE_BURST_SECONDS")]
    rate_burst_seconds: Option<f64>,
    /// Largest request body in bytes; 413 above [default: 1048576]
    #[arg(long, env = "INTERDICT_MAX_BODY_BYTES")]
    max_body_bytes: Option<usize>,
    /// Largest /v1/batch body in bytes [default: 1073741824]
    #[arg(long, env = "INTERDICT_MAX_BATCH_BYTES")]
    max_batch_bytes: Option<usize>,
    /// Time limit per request in seconds; 503 above [default: 30]
    #[arg(long, env = "INTERDICT_REQUEST_TIMEOUT")]
    request_timeout: Option<f64>,
    /// Most queries in one /match or /reconcile request [default: 1000]
    #[arg(long, env = "INTERDICT_MAX_QUERIES")]
    max_queries: Option<usize>,
    /// Most results per query [default: 500]
    #[arg(long, env = "INTERDICT_MAX_LIMIT")]
    max_limit: Option<usize>,
    /// Seconds between checks of the data folder for new lists (0 = never) [default: 5]
    #[arg(long, env = "INTERDICT_RELOAD_INTERVAL")]
    reload_interval: Option<u64>,
    /// Log JSON lines instead of text
    #[arg(long, env = "INTERDICT_LOG_JSON")]
    log_json: bool,
    /// Log level filter, e.g. info, warn, interdict_server=debug [default: info]
    #[arg(long, env = "INTERDICT_LOG_LEVEL")]
    log_level: Option<String>,
    /// Mirror for /admin/update (files at BASE/<list>/<file>) [default: the publishers]
    #[arg(long, env = "INTERDICT_UPDATE_BASE_URL")]
    update_base_url: Option<String>,
    /// Print the SHA-256 of KEY for the config file's `api_keys` and exit
    #[arg(long, value_name = "KEY")]
    hash_key: Option<String>,
}

/// The configuration: file, then options and environment.
pub fn config(dir: &Path, a: Args) -> anyhow::Result<Config> {
    let mut c = match &a.config {
        Some(p) => Config::from_file(p)?,
        None => Config::default(),
    };
    c.data_dir = dir.to_path_buf();
    macro_rules! set {
        ($($f:ident => $g:ident),*) => { $(if let Some(v) = a.$f { c.$g = v; })* };
    }
    set!(listen => listen, rate_per_second => rate_per_second, rate_burst_seconds => rate_burst_seconds,
         max_body_bytes => max_body_bytes, max_batch_bytes => max_batch_bytes,
         request_timeout => request_timeout_secs, max_queries => max_queries, max_limit => max_limit,
         reload_interval => reload_interval_secs, log_level => log_level);
    if a.update_base_url.is_some() {
        c.update_base_url = a.update_base_url;
    }
    c.log_json |= a.log_json;
    if let Some(k) = &a.api_keys {
        c.add_plain_keys(k, false);
    }
    if let Some(k) = &a.admin_api_keys {
        c.add_plain_keys(k, true);
    }
    c.validate()?;
    Ok(c)
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if let Some(k) = &args.hash_key {
        println!("{}", hash_key(k));
        return Ok(ExitCode::SUCCESS);
    }
    let c = config(dir, args)?;
    interdict_server::init_logging(c.log_json, &c.log_level).map_err(anyhow::Error::msg)?;
    interdict_server::run_blocking(c).context("interdict serve")?;
    Ok(ExitCode::SUCCESS)
}
