//! Parser: uk_csv (not yet written).

use crate::{SourceContext, SourceError};
use std::path::PathBuf;

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    let _ = (files, ctx);
    Ok(())
}
