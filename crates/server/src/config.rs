//! Service configuration: a TOML file, then overrides (the `interdict serve` options and their
//! environment variables), then defaults. API keys are only ever held as SHA-256 hashes.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One API key: its SHA-256 (hex), a name for logs and metrics, and its limits.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    pub name: String,
    /// Hex SHA-256 of the key (`interdict serve --hash-key KEY` prints it).
    pub sha256: String,
    /// May call `/admin/*`.
    #[serde(default)]
    pub admin: bool,
    /// Requests per second for this key (overrides `rate_per_second`; 0 = unlimited).
    #[serde(default)]
    pub rate_per_second: Option<f64>,
}

/// Everything the service can be told.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: String,
    /// Data folder to serve (the one `interdict import` / `update` write); set by the command's
    /// `--data-dir`, not from the file.
    #[serde(skip)]
    pub data_dir: PathBuf,
    /// API keys; when empty, no key is required.
    pub api_keys: Vec<ApiKey>,
    /// Default requests per second per key (or for all anonymous callers); 0 = unlimited.
    pub rate_per_second: f64,
    /// Burst allowance, in seconds' worth of the rate (at least one request).
    pub rate_burst_seconds: f64,
    /// Largest request body, in bytes (413 above).
    pub max_body_bytes: usize,
    /// Largest `/v1/batch` body, in bytes.
    pub max_batch_bytes: usize,
    /// Time limit per request, in seconds (503 above).
    pub request_timeout_secs: f64,
    /// Most queries in one `/match` or `/reconcile` request.
    pub max_queries: usize,
    /// Most results per query.
    pub max_limit: usize,
    /// Check the data folder's manifest this often (seconds; 0 = never) and reload on change.
    pub reload_interval_secs: u64,
    /// Log as JSON lines instead of text.
    pub log_json: bool,
    /// Log level filter (`info`, `debug`, `interdict_server=debug,info`, ...).
    pub log_level: String,
    /// Mirror for `/admin/update` (`BASE/<list>/<file>`); default: the publishers.
    pub update_base_url: Option<String>,
    /// HTTP timeout per downloaded file, in seconds.
    pub update_timeout_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8000".into(),
            data_dir: PathBuf::from("data"),
            api_keys: Vec::new(),
            rate_per_second: 0.0,
            rate_burst_seconds: 2.0,
            max_body_bytes: 1 << 20,
            max_batch_bytes: 1 << 30,
            request_timeout_secs: 30.0,
            max_queries: 1000,
            max_limit: 500,
            reload_interval_secs: 5,
            log_json: false,
            log_level: "info".into(),
            update_base_url: None,
            update_timeout_secs: 120,
        }
    }
}

/// A configuration file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
}

impl Config {
    /// Read a TOML file; missing fields take their defaults.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text).map_err(|message| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        })
    }

    pub fn from_toml(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Add plain-text keys (from the environment), hashed at once; names `env-1`, `env-2`, ...
    pub fn add_plain_keys(&mut self, keys: &str, admin: bool) {
        for (i, k) in keys
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .enumerate()
        {
            self.api_keys.push(ApiKey {
                name: format!("env-{}", i + 1),
                sha256: hash_key(k),
                admin,
                rate_per_second: None,
            });
        }
    }

    /// Check values that would make the service misbehave.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        if self.rate_per_second < 0.0 || !self.rate_per_second.is_finite() {
            return bad("rate_per_second must be 0 or more".into());
        }
        if self.request_timeout_secs <= 0.0 || !self.request_timeout_secs.is_finite() {
            return bad("request_timeout_secs must be more than 0".into());
        }
        if self.max_body_bytes == 0 || self.max_queries == 0 || self.max_limit == 0 {
            return bad("max_body_bytes, max_queries and max_limit must be more than 0".into());
        }
        for k in &self.api_keys {
            if k.sha256.len() != 64 || !k.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
                return bad(format!(
                    "api key `{}`: sha256 must be 64 hex digits (interdict serve --hash-key KEY)",
                    k.name
                ));
            }
        }
        Ok(())
    }
}

/// Hex SHA-256 of an API key, as stored in the configuration.
pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_with_defaults_and_keys() {
        let c = Config::from_toml(
            "listen = \"0.0.0.0:9000\"\nrate_per_second = 5\n[[api_keys]]\nname = \"a\"\nsha256 = \"00\"\n",
        )
        .unwrap();
        assert_eq!(c.listen, "0.0.0.0:9000");
        assert_eq!(c.max_limit, 500);
        assert!(c.validate().is_err());
        assert!(Config::from_toml("nope = 1").is_err());
        let mut c = Config::default();
        c.add_plain_keys("k1, k2", false);
        assert_eq!(c.api_keys.len(), 2);
        assert_eq!(c.api_keys[0].sha256, hash_key("k1"));
        assert!(c.validate().is_ok());
    }
}
