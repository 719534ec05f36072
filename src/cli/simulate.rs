//! The arguments of `levelcheck simulate`.

use clap::Args;

use super::FilterArgs;
use crate::simulate::Population;

#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Examinees per population.
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub examinees: u32,
    /// Seed of the simulation.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Questions in the fixed form; the most the adaptive form asks.
    #[arg(short = 'n', long = "questions", value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=500))]
    pub questions: u16,
    /// Adaptive: fewest questions before stopping.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub min_questions: u16,
    /// Adaptive: stop at this posterior probability of the most probable level.
    #[arg(long, value_name = "P", default_value_t = crate::score::DEFAULT_TARGET)]
    pub target_confidence: f64,
    /// The truth: centre of the questions' true discrimination (the engine does not know it).
    #[arg(long, value_name = "A", default_value_t = crate::simulate::DEFAULT_TRUE_A)]
    pub true_discrimination: f64,
    /// The truth: SD of the true difficulty around the tagged one (mis-tagged questions).
    #[arg(long, value_name = "SD", default_value_t = crate::simulate::DEFAULT_NOISE)]
    pub difficulty_noise: f64,
    /// The truth: SD of log(true discrimination / its centre).
    #[arg(long, value_name = "SD", default_value_t = 0.3)]
    pub discrimination_spread: f64,
    /// The truth for named questions: a TOML file of `[[question]]` tables with id, a, b, c.
    #[arg(long, value_name = "FILE")]
    pub truth: Option<std::path::PathBuf>,
    /// Also write every simulated adaptive session's answers as responses (JSON Lines, the
    /// `history --export` format), for `analyze` and `calibrate` recovery studies.
    #[arg(long, value_name = "FILE")]
    pub responses_out: Option<std::path::PathBuf>,
    /// Also write the true parameters used (TOML `[[question]]` id, a, b, c: what `--truth` reads).
    #[arg(long, value_name = "FILE")]
    pub truth_out: Option<std::path::PathBuf>,
    /// Simulate only this population (repeatable; default all three).
    #[arg(long, value_enum, value_name = "NAME")]
    pub population: Vec<Population>,
    /// Plant a gap: every examinee is SIZE weaker in AREA (e.g. `data:1.5`).
    #[arg(long, value_name = "AREA:SIZE", value_parser = parse_gap)]
    pub gap: Option<(String, f64)>,
    /// Simulated people take every offer to confirm a possible gap.
    #[arg(long)]
    pub confirm_gaps: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimFormat::Text)]
    pub format: SimFormat,
    /// Exit 1 when the adaptive form's exact accuracy on the standard-normal population is below X.
    #[arg(long, value_name = "X")]
    pub min_accuracy: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimFormat {
    Text,
    Json,
}

/// `AREA:SIZE`, e.g. `data:1.5`.
fn parse_gap(s: &str) -> std::result::Result<(String, f64), String> {
    let (area, size) = s
        .rsplit_once(':')
        .ok_or_else(|| format!("`{s}` is not AREA:SIZE (e.g. data:1.5)"))?;
    let size: f64 = size
        .parse()
        .map_err(|_| format!("`{size}` is not a number"))?;
    if area.is_empty() || !size.is_finite() {
        return Err(format!("`{s}` is not AREA:SIZE (e.g. data:1.5)"));
    }
    Ok((area.to_string(), size))
}
