//! The arguments of `levelcheck analyze`.

use std::path::PathBuf;

use clap::Args;

use crate::analyze::output::Format;

#[derive(Debug, Clone, Args)]
pub struct AnalyzeArgs {
    /// Responses files (JSON Lines, as `history --export` writes; `-` reads stdin), pooled.
    #[arg(required = true, value_name = "RESPONSES")]
    pub responses: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the analysis to FILE instead of standard output (atomically; never over an input).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
