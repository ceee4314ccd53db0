//! What a parser fills while it reads one source: records, warnings and provenance.

use crate::Format;
use interdict_model::Record;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A problem inside one record: the record is kept (or skipped, when it says so) and counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub file: String,
    /// `line 12`, `record 36`, `entity 9639`...
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.location, self.message)
    }
}

/// One file of a source, with its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// The result of parsing one source.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    /// The path the source was found at (file, or folder for multi-file lists).
    pub key: String,
    pub format: Format,
    pub dataset: String,
    pub records: Vec<Record>,
    pub warnings: Vec<Warning>,
    /// Records left out, with the reason in a warning each (e.g. unsupported schema).
    pub skipped: usize,
    pub list_date: Option<String>,
    pub files: Vec<FileInfo>,
}

/// The parser's working state.
pub struct SourceContext {
    pub format: Format,
    /// Dataset name used for record ids; a parser may change it before pushing records.
    pub dataset: String,
    pub records: Vec<Record>,
    pub warnings: Vec<Warning>,
    pub skipped: usize,
    /// The list's own date (ISO `yyyy-mm-dd`), when the file states one.
    pub list_date: Option<String>,
    files: Vec<FileInfo>,
    current_file: String,
    current_hash: String,
}

impl SourceContext {
    pub fn new(format: Format, dataset: impl Into<String>) -> Self {
        SourceContext {
            format,
            dataset: dataset.into(),
            records: Vec::new(),
            warnings: Vec::new(),
            skipped: 0,
            list_date: None,
            files: Vec::new(),
            current_file: String::new(),
            current_hash: String::new(),
        }
    }

    /// Start reading a file: hashes it and makes it the provenance of records pushed next.
    pub fn begin_file(&mut self, path: &Path) -> Result<(), crate::SourceError> {
        let (sha256, bytes) = crate::input::hash_file(path)?;
        self.current_file = path.display().to_string();
        self.current_hash = sha256.clone();
        self.files.push(FileInfo {
            path: self.current_file.clone(),
            sha256,
            bytes,
        });
        Ok(())
    }

    /// The files read so far.
    pub fn files(&self) -> &[FileInfo] {
        &self.files
    }

    /// The file being read, for messages.
    pub fn file(&self) -> &str {
        &self.current_file
    }

    /// Record a warning about the current file.
    pub fn warn(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.current_file.clone(),
            location: location.into(),
            message: message.into(),
        });
    }

    /// Leave a record out, counting it and saying why.
    pub fn skip(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.skipped += 1;
        self.warn(location, message);
    }

    /// Add a finished record; fills its provenance from the current file.
    pub fn push(&mut self, mut record: Record) {
        record.provenance.file = self.current_file.clone();
        record.provenance.content_hash = self.current_hash.clone();
        self.records.push(record);
    }

    /// Set the list date once (the first date a file states wins).
    pub fn set_list_date(&mut self, iso: impl Into<String>) {
        if self.list_date.is_none() {
            self.list_date = Some(iso.into());
        }
    }

    pub fn finish(mut self, key: String) -> ParsedSource {
        if self.list_date.is_some() {
            for r in &mut self.records {
                r.provenance.list_date = self.list_date.clone();
            }
        }
        ParsedSource {
            key,
            format: self.format,
            dataset: self.dataset,
            records: self.records,
            warnings: self.warnings,
            skipped: self.skipped,
            list_date: self.list_date,
            files: self.files,
        }
    }
}
