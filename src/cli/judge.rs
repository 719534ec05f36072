//! The arguments of `levelcheck judge`.

use std::path::PathBuf;

use clap::Args;

use crate::ratings::output::Format;

#[derive(Debug, Clone, Args)]
pub struct JudgeArgs {
    /// Report on these ratings files (JSON Lines) instead of rating: agreement between judges and
    /// with the tags; exit 1 when any question's consensus differs from its tag.
    #[arg(long, value_name = "RATINGS", num_args = 1.., conflicts_with_all = ["judge", "output", "answers", "sample"])]
    pub report: Option<Vec<PathBuf>>,
    /// Your name as a judge (letters, digits, '.', '_', '-'); recorded with every rating.
    #[arg(long, value_name = "NAME", required_unless_present = "report")]
    pub judge: Option<String>,
    /// The ratings file to append to (created if absent; e.g. questions/ratings/NAME.jsonl).
    #[arg(long, value_name = "RATINGS", required_unless_present = "report")]
    pub output: Option<PathBuf>,
    /// Rate a random sample of N questions instead of all of them.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub sample: Option<u32>,
    /// Seed for the sample and its order (default 0: the same for every judge and every resume).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Only questions tagged with this level (repeatable).
    #[arg(long, value_name = "LEVEL")]
    pub level: Vec<String>,
    /// Only questions of this section (repeatable).
    #[arg(long, value_name = "SECTION")]
    pub section: Vec<String>,
    /// Rate from FILE (TOML: question id → { level, difficulty, note }) instead of prompting.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Report format (default: github when GITHUB_ACTIONS=true, else text).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}
