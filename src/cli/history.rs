//! The arguments of `levelcheck history`.

use clap::Args;

use crate::report::Format;

#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
    /// Write every answered question of every session as JSON Lines responses (`-`: stdout)
    /// instead of the table, for `levelcheck analyze` and `calibrate`.
    #[arg(long, value_name = "FILE")]
    pub export: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// A session id (or the start of one) from `levelcheck history`; default: the latest quiz.
    pub session: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}
