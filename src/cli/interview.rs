//! The arguments of `levelcheck interview`.

use std::path::PathBuf;

use clap::Args;

use crate::interview::DEFAULT_MINUTES;
use crate::report::Format;

#[derive(Debug, Clone, Args)]
pub struct InterviewArgs {
    /// The track to interview on (`levelcheck tracks`; default: the 7–8 years checklist).
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// Only questions of this level (repeatable).
    #[arg(long, value_name = "LEVEL")]
    pub level: Vec<String>,
    /// Length of the interview in minutes; it ends after the question in progress.
    #[arg(long, value_name = "M", default_value_t = DEFAULT_MINUTES, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub minutes: u32,
    /// Seed for the choice and order of questions.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Answer from FILE (TOML or JSON; `-` reads stdin) instead of prompting.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Scorecard format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the scorecard to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
