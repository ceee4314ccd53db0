//! One module per subcommand.

pub mod batch;
pub mod bench;
pub mod eval;
pub mod export;
pub mod import;
pub mod open;
pub mod screen;
pub mod serve;
pub mod stats;
pub mod synthetic;
pub mod update;
