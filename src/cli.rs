//! Command-line types (clap only): what the user can type, nothing else.

mod analyze;
mod calibrate;
mod history;
mod interview;
mod judge;
mod practice;
mod roadmap;
mod simulate;
mod stats;
mod validate;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::prompt::interaction::ColorChoice;
use crate::report::Format;
use crate::session::Feedback;
pub use analyze::AnalyzeArgs;
pub use calibrate::CalibrateArgs;
pub use history::{HistoryArgs, HistoryFormat, ReportArgs};
pub use interview::InterviewArgs;
pub use judge::JudgeArgs;
pub use practice::{PracticeArgs, PracticeFormat};
pub use roadmap::{RoadmapArgs, RoadmapFormat};
pub use simulate::{SimFormat, SimulateArgs};
pub use stats::{StatsArgs, StatsFormat};
pub use validate::ValidateArgs;

/// levelcheck — find the level you have reached on the Node.js roadmap.
///
/// With no command, runs the level check (`levelcheck take`).
#[derive(Debug, Parser)]
#[command(name = "levelcheck", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub take: TakeArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Use the banks in DIR instead of the built-in ones (repeatable; laid out like questions/).
    /// Every command that reads banks takes it, before or after the command's name; `validate`
    /// and `stats` also take bank files or folders as PATH.
    #[arg(long = "bank", value_name = "DIR", global = true)]
    pub banks: Vec<PathBuf>,
    /// Do not record this session in history (see `levelcheck history`).
    #[arg(long, global = true)]
    pub no_history: bool,
    /// Colour in output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the level check (the default command).
    Take(TakeArgs),
    /// Drill: instant feedback, a tally per topic, `--missed` to review what you got wrong.
    Practice(PracticeArgs),
    /// A timed mock interview on a track: open and closed questions, then a scorecard by area.
    Interview(InterviewArgs),
    /// Past sessions: level over time and each section's trend.
    History(HistoryArgs),
    /// Re-render a past session's report, with a study plan.
    Report(ReportArgs),
    /// The roadmap: levels, sections and topics with their ids and question counts (for `--level`,
    /// `--section`, `--topic`), then areas and tracks.
    Roadmap(RoadmapArgs),
    /// The study tracks (sets of topics with a target level) for `--track`.
    Tracks,
    /// Check banks: every problem located, exit 1 on findings.
    Validate(ValidateArgs),
    /// Coverage of the banks: questions per level, section, topic and kind.
    Stats(StatsArgs),
    /// Simulated examinees: accuracy of the level estimate against questions asked.
    Simulate(SimulateArgs),
    /// Item analysis of pooled responses (JSON Lines): flags wrong keys, mis-levelled questions
    /// and dead distractors; exit 1 on a possible wrong key.
    Analyze(AnalyzeArgs),
    /// Fit item parameters from pooled responses (JSON Lines) into a calibration.toml.
    Calibrate(CalibrateArgs),
    /// Blind standard setting: rate questions without their tags, or report on judges' ratings.
    Judge(JudgeArgs),
    /// Print the JSON Schema (draft-07) of the bank file format, or of roadmap.toml.
    Schema {
        /// Which file's schema: a bank file (default) or roadmap.toml.
        #[arg(value_enum, default_value_t = SchemaOf::Bank)]
        of: SchemaOf,
    },
    /// Print shell completions.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `levelcheck man | man -l -`.
    Man,
}

#[derive(Debug, Clone, Default, PartialEq, Args)]
pub struct TakeArgs {
    /// Number of questions (adaptive: the most it asks; default 20).
    #[arg(short = 'n', long = "questions", value_name = "N", value_parser = clap::value_parser!(u16).range(1..=500))]
    pub questions: Option<u16>,
    /// Ask a fixed form chosen up front instead of adapting to the answers.
    #[arg(long)]
    pub fixed: bool,
    /// Adaptive: the fewest questions asked before stopping.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=500))]
    pub min_questions: u16,
    /// Adaptive: stop once the most probable level has this posterior probability.
    #[arg(long, value_name = "P", default_value_t = crate::engine::adaptive::DEFAULT_TARGET, value_parser = parse_probability)]
    pub target_confidence: f64,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Seed for a reproducible quiz: same seed and banks, same questions and option order.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Adaptive: steer away from the questions of the sessions saved before TIME (milliseconds
    /// since 1970), as the run a replay hint reproduces did (default: those before now).
    #[arg(long, value_name = "TIME", requires = "seed")]
    pub recent_before: Option<u64>,
    /// When to show whether each answer was right.
    #[arg(long, value_enum, default_value_t = Feedback::AtEnd)]
    pub feedback: Feedback,
    /// Answer from FILE (TOML or JSON, question id → answer; `-` reads stdin) instead of prompting.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// After each answer, ask how sure you are; the report adds how well-calibrated you were.
    #[arg(long)]
    pub confidence: bool,
    /// Scripted runs: take every offer of a few more questions to confirm a possible gap (a
    /// terminal asks each time).
    #[arg(long)]
    pub confirm_gaps: bool,
    /// Continue the last quiz interrupted with Ctrl-C: same questions, answers kept.
    #[arg(long)]
    pub resume: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A probability strictly between 0 and 1.
fn parse_probability(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if p > 0.0 && p < 1.0 {
        Ok(p)
    } else {
        Err(format!("{p} is not between 0 and 1"))
    }
}

/// Narrowing the questions a run draws from (`take`, `practice`, `simulate`).
#[derive(Debug, Clone, Default, PartialEq, Args)]
pub struct FilterArgs {
    /// Only questions of this level (repeatable).
    #[arg(long, value_name = "LEVEL")]
    pub level: Vec<String>,
    /// Only questions of this section (repeatable).
    #[arg(long, value_name = "SECTION")]
    pub section: Vec<String>,
    /// Only questions of this topic (repeatable).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Only the topics of this track (`levelcheck tracks`).
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// Only the sections of this area (repeatable; areas are listed in roadmap.toml).
    #[arg(long, value_name = "AREA")]
    pub area: Vec<String>,
}

impl From<&FilterArgs> for crate::engine::pool::Filter {
    fn from(a: &FilterArgs) -> Self {
        Self {
            levels: a.level.clone(),
            sections: a.section.clone(),
            topics: a.topic.clone(),
            track: a.track.clone(),
            areas: a.area.clone(),
        }
    }
}

impl From<&crate::engine::pool::Filter> for FilterArgs {
    fn from(f: &crate::engine::pool::Filter) -> Self {
        Self {
            level: f.levels.clone(),
            section: f.sections.clone(),
            topic: f.topics.clone(),
            track: f.track.clone(),
            area: f.areas.clone(),
        }
    }
}

/// The files `levelcheck schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaOf {
    /// A bank file, `<level>/<section>.toml`.
    Bank,
    /// The bank folder's `roadmap.toml`.
    Roadmap,
}
