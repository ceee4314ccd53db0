//! List formats and their detection from file content (names only break ties between the
//! files of multi-file lists).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// OFAC legacy CSV: `sdn.csv` (+ `add.csv`, `alt.csv`, `sdn_comments.csv`) or `cons_*.csv`.
    OfacCsv,
    /// OFAC classic XML (`sdnList`): `sdn.xml`, `consolidated.xml`.
    OfacXml,
    /// OFAC enhanced XML (`sanctionsData`), also zipped.
    OfacEnhancedXml,
    /// OFAC advanced XML (`Sanctions`/`DistinctParties`), both namespaces, also gzipped.
    OfacAdvancedXml,
    /// UN Security Council consolidated list XML.
    UnXml,
    /// EU Financial Sanctions Files XML.
    EuFsfXml,
    /// Folder of EU journal CSV files (one per regulation).
    EuJournalCsv,
    /// UK Sanctions List XML (`Designations`).
    UkXml,
    /// UK derived CSV tables (`subjects.csv` + `subject_*.csv`).
    UkCsv,
    /// US Consolidated Screening List CSV, also gzipped.
    UsCsl,
    /// BIS Denied Persons List (tab-separated `dpl.txt`).
    BisDpl,
    /// China MFA counter-sanctions CSV.
    CnMfaCsv,
    /// FollowTheMoney entities, one JSON object per line.
    FtmJson,
    /// FollowTheMoney delta files (`{"op": "ADD"|"MOD"|"DEL", "entity": ...}` per line).
    FtmDelta,
}

impl Format {
    pub const ALL: [Format; 14] = [
        Format::OfacCsv,
        Format::OfacXml,
        Format::OfacEnhancedXml,
        Format::OfacAdvancedXml,
        Format::UnXml,
        Format::EuFsfXml,
        Format::EuJournalCsv,
        Format::UkXml,
        Format::UkCsv,
        Format::UsCsl,
        Format::BisDpl,
        Format::CnMfaCsv,
        Format::FtmJson,
        Format::FtmDelta,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::OfacCsv => "ofac-csv",
            Format::OfacXml => "ofac-xml",
            Format::OfacEnhancedXml => "ofac-enhanced-xml",
            Format::OfacAdvancedXml => "ofac-advanced-xml",
            Format::UnXml => "un-xml",
            Format::EuFsfXml => "eu-fsf-xml",
            Format::EuJournalCsv => "eu-journal-csv",
            Format::UkXml => "uk-xml",
            Format::UkCsv => "uk-csv",
            Format::UsCsl => "us-csl",
            Format::BisDpl => "bis-dpl",
            Format::CnMfaCsv => "cn-mfa-csv",
            Format::FtmJson => "ftm-json",
            Format::FtmDelta => "ftm-delta",
        }
    }

    /// The dataset name records of this format get (the first part of their ids).
    pub fn default_dataset(self, files: &[PathBuf]) -> String {
        let names: String = files
            .iter()
            .filter_map(|f| f.file_name())
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let ofac = if names.contains("cons") {
            "us_ofac_cons"
        } else {
            "us_ofac_sdn"
        };
        match self {
            Format::OfacCsv
            | Format::OfacXml
            | Format::OfacEnhancedXml
            | Format::OfacAdvancedXml => ofac.to_string(),
            Format::UnXml => "un_sc_sanctions".into(),
            Format::EuFsfXml => "eu_fsf".into(),
            Format::EuJournalCsv => "eu_journal_sanctions".into(),
            Format::UkXml | Format::UkCsv => "gb_fcdo_sanctions".into(),
            Format::UsCsl => "us_trade_csl".into(),
            Format::BisDpl => "us_bis_denied".into(),
            Format::CnMfaCsv => "cn_mfa_sanctions".into(),
            Format::FtmJson | Format::FtmDelta => files
                .first()
                .and_then(|f| f.parent())
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().replace('-', "_"))
                .unwrap_or_else(|| "ftm".into()),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown format `{0}`; known formats: ofac-csv, ofac-xml, ofac-enhanced-xml, ofac-advanced-xml, un-xml, eu-fsf-xml, eu-journal-csv, uk-xml, uk-csv, us-csl, bis-dpl, cn-mfa-csv, ftm-json, ftm-delta"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == l)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// The role a file plays in its format (multi-file lists have companions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The file that defines the records (sdn.csv, cons_prim.csv, subjects.csv, each EU CSV).
    Primary,
    /// A file that adds to records defined elsewhere (add.csv, alt.csv, subject_names.csv...).
    Companion,
}

/// The first XML element name in the text (skipping the prolog, comments and processing
/// instructions), without its namespace prefix.
fn xml_root(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        let name = &rest[..end];
        return Some(name.rsplit(':').next().unwrap_or(name));
    }
}

/// Detect a file's format and role from its first bytes (decompressed) and, for OFAC's
/// header-less CSV companions, its name. `None` when it is not a list file.
pub fn detect_file(path: &Path) -> Option<(Format, Role)> {
    let head = crate::input::sniff(path, 16 * 1024).ok()?;
    let text = String::from_utf8_lossy(&head);
    let text = crate::input::strip_bom(text.trim_start());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if text.starts_with('<') {
        let root = xml_root(text)?;
        let fmt = match root {
            "sdnList" => Format::OfacXml,
            "sanctionsData" => Format::OfacEnhancedXml,
            "Sanctions" => Format::OfacAdvancedXml,
            "CONSOLIDATED_LIST" => Format::UnXml,
            "export" => Format::EuFsfXml,
            "Designations" => Format::UkXml,
            _ => return None,
        };
        return Some((fmt, Role::Primary));
    }
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or("");
        let v: serde_json::Value = serde_json::from_str(first).ok()?;
        if v.get("op").is_some() && v.get("entity").is_some() {
            return Some((Format::FtmDelta, Role::Primary));
        }
        if v.get("schema").is_some() && v.get("id").is_some() {
            return Some((Format::FtmJson, Role::Primary));
        }
        return None;
    }
    let header = text.lines().next().unwrap_or("").trim();
    let lower = header.to_ascii_lowercase();
    if lower.starts_with("celex,recordid,") {
        return Some((Format::EuJournalCsv, Role::Primary));
    }
    if lower.starts_with("_id,source,entity_number") {
        return Some((Format::UsCsl, Role::Primary));
    }
    if lower.starts_with("\"name\"\t\"street_address\"")
        || lower.starts_with("name\tstreet_address")
    {
        return Some((Format::BisDpl, Role::Primary));
    }
    if lower.starts_with("type,qid,name,alias,chinese name") {
        return Some((Format::CnMfaCsv, Role::Primary));
    }
    if lower.starts_with("unique_id,subject_type") {
        return Some((Format::UkCsv, Role::Primary));
    }
    if name.starts_with("subject_") && lower.contains("unique_id") {
        return Some((Format::UkCsv, Role::Companion));
    }
    // OFAC legacy CSV: no header, first field is the numeric ent_num.
    let first_field = header.split(',').next().unwrap_or("");
    if !first_field.is_empty() && first_field.chars().all(|c| c.is_ascii_digit()) {
        let stem = name.trim_end_matches(".csv");
        let role = match stem {
            "sdn" | "cons_prim" | "prim" => Role::Primary,
            "add" | "alt" | "sdn_comments" | "cons_add" | "cons_alt" | "cons_comments"
            | "comments" => Role::Companion,
            // Unknown name: a primary file has 12 columns.
            _ if csv_fields(header) == 12 => Role::Primary,
            _ => return None,
        };
        return Some((Format::OfacCsv, role));
    }
    None
}

fn csv_fields(line: &str) -> usize {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    rdr.records()
        .next()
        .and_then(Result::ok)
        .map_or(0, |r| r.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_root_skips_prolog() {
        assert_eq!(
            xml_root("<?xml version=\"1.0\"?>\n<!-- c -->\n<ns:sdnList xmlns=\"x\">"),
            Some("sdnList")
        );
        assert_eq!("OFAC_CSV".parse::<Format>().unwrap(), Format::OfacCsv);
        assert!("pdf".parse::<Format>().is_err());
    }
}
