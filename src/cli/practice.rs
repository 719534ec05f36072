//! The arguments of `levelcheck practice`.

use std::path::PathBuf;

use clap::Args;

use super::FilterArgs;
use crate::history::schedule;

#[derive(Debug, Clone, Args)]
pub struct PracticeArgs {
    /// Number of questions (with --missed: at most this many of those due).
    #[arg(short = 'n', long = "questions", value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=500))]
    pub questions: u16,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Ask the questions you missed before that are due for review.
    #[arg(long)]
    pub missed: bool,
    /// Only say how many missed questions are due, and when the next one is.
    #[arg(long, conflicts_with = "missed")]
    pub due: bool,
    /// After each answer, ask how sure you are: the rating sets the review grade.
    #[arg(long)]
    pub confidence: bool,
    /// Target retention of the review schedule (0.7 to 0.99): higher means reviews come sooner.
    #[arg(long, value_name = "R", default_value_t = schedule::DEFAULT_RETENTION, value_parser = parse_retention)]
    pub retention: f64,
    /// Seed for the choice and order of questions.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Answer from FILE (TOML or JSON; `-` reads stdin) instead of prompting.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Tally format.
    #[arg(long, value_enum, default_value_t = PracticeFormat::Text)]
    pub format: PracticeFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PracticeFormat {
    Text,
    Json,
}

fn parse_retention(s: &str) -> std::result::Result<f64, String> {
    let r: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if schedule::RETENTION_RANGE.contains(&r) {
        Ok(r)
    } else {
        Err(format!("{r} is outside 0.7 to 0.99"))
    }
}
