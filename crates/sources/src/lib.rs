//! Parsers for every official sanctions-list format. A list is found on disk ([`discover`]), its
//! format detected from the content ([`detect`]), and parsed into model records ([`parse_unit`]).
//! One module per format; each streams its input and reports per-record problems as warnings.

pub mod context;
mod csv_common;
pub mod detect;
pub mod discover;
pub mod error;
pub mod input;
pub mod testdata;

pub mod bis_dpl;
pub mod cn_mfa_csv;
pub mod eu_fsf_xml;
pub mod eu_journal_csv;
pub mod ftm_json;
pub mod ofac_advanced_xml;
pub mod ofac_csv;
pub mod ofac_enhanced_xml;
pub mod ofac_remarks;
pub mod ofac_xml;
pub mod uk_csv;
pub mod uk_xml;
pub mod un_xml;
pub mod us_csl;

pub use context::{ParsedSource, SourceContext, Warning};
pub use detect::Format;
pub use discover::{SkippedInput, SourceUnit, discover};
pub use error::SourceError;

/// Parse one discovered source unit with its format's parser.
pub fn parse_unit(unit: &SourceUnit) -> Result<ParsedSource, SourceError> {
    let mut ctx = SourceContext::new(unit.format, unit.format.default_dataset(&unit.files));
    match unit.format {
        Format::OfacCsv => ofac_csv::parse(&unit.files, &mut ctx)?,
        Format::OfacXml => ofac_xml::parse(&unit.files, &mut ctx)?,
        Format::OfacEnhancedXml => ofac_enhanced_xml::parse(&unit.files, &mut ctx)?,
        Format::OfacAdvancedXml => ofac_advanced_xml::parse(&unit.files, &mut ctx)?,
        Format::UnXml => un_xml::parse(&unit.files, &mut ctx)?,
        Format::EuFsfXml => eu_fsf_xml::parse(&unit.files, &mut ctx)?,
        Format::EuJournalCsv => eu_journal_csv::parse(&unit.files, &mut ctx)?,
        Format::UkXml => uk_xml::parse(&unit.files, &mut ctx)?,
        Format::UkCsv => uk_csv::parse(&unit.files, &mut ctx)?,
        Format::UsCsl => us_csl::parse(&unit.files, &mut ctx)?,
        Format::BisDpl => bis_dpl::parse(&unit.files, &mut ctx)?,
        Format::CnMfaCsv => cn_mfa_csv::parse(&unit.files, &mut ctx)?,
        Format::FtmJson | Format::FtmDelta => ftm_json::parse(&unit.files, &mut ctx)?,
    }
    Ok(ctx.finish(unit.key.clone()))
}
