//! Errors that stop a whole source from loading. Problems inside one record are warnings instead.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid in its format; `location` names the line, byte offset or record.
    #[error("{path}: {location}: {message}")]
    Malformed {
        path: PathBuf,
        location: String,
        message: String,
    },
    #[error("{path}: not a recognised sanctions-list format")]
    Unrecognised { path: PathBuf },
    #[error("{path}: {message}")]
    Archive { path: PathBuf, message: String },
}

impl SourceError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SourceError::Io {
            path: path.into(),
            source,
        }
    }

    pub fn malformed(
        path: impl Into<PathBuf>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        SourceError::Malformed {
            path: path.into(),
            location: location.into(),
            message: message.into(),
        }
    }

    /// A malformed-XML error at a byte offset, from quick-xml.
    pub fn xml(path: impl Into<PathBuf>, position: u64, err: impl std::fmt::Display) -> Self {
        Self::malformed(path, format!("byte {position}"), err.to_string())
    }

    /// A malformed-CSV error, naming the line when csv knows it.
    pub fn csv(path: impl Into<PathBuf>, err: &csv::Error) -> Self {
        let location = err
            .position()
            .map_or_else(|| "?".to_string(), |p| format!("line {}", p.line()));
        Self::malformed(path, location, err.to_string())
    }
}
