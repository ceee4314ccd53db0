//! One module per subcommand.

pub mod eval;
pub mod export;
pub mod import;
pub mod screen;
pub mod stats;
pub mod update;
