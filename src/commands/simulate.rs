//! `levelcheck simulate`: simulated examinees through the fixed and the adaptive form, side by
//! side, so a bank's accuracy and length are measured rather than hoped for.

use std::fmt::Write as _;
use std::io::Write;

use clap::Args;

use super::bank_source;
use crate::bank::load;
use crate::cli::{FilterArgs, GlobalArgs};
use crate::engine::adaptive::Settings;
use crate::engine::pool::{Filter, pool};
use crate::error::{Error, Result, exit};
use crate::simulate::{PopulationResult, SimSettings, simulate};

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
    #[arg(long, value_name = "P", default_value_t = 0.90)]
    pub target_confidence: f64,
    /// SD of the true difficulty around the bank's nominal one (mis-tagged questions).
    #[arg(long, value_name = "SD", default_value_t = 0.5)]
    pub difficulty_noise: f64,
    /// SD of log(true discrimination / nominal).
    #[arg(long, value_name = "SD", default_value_t = 0.3)]
    pub discrimination_spread: f64,
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

pub fn run(args: &SimulateArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    if !(args.target_confidence > 0.0 && args.target_confidence < 1.0) {
        return Err(Error::Usage(
            "--target-confidence must be between 0 and 1".into(),
        ));
    }
    let bank = load::load(&bank_source(g))?;
    let pool = pool(&bank, &Filter::from(&args.filter))?;
    let settings = SimSettings {
        examinees: args.examinees as usize,
        seed: args.seed,
        difficulty_noise: args.difficulty_noise,
        discrimination_spread: args.discrimination_spread,
        questions: usize::from(args.questions),
        adaptive: Settings {
            min_items: usize::from(args.min_questions),
            target_confidence: args.target_confidence,
            ..Settings::default()
        },
    };
    let results = simulate(&bank, &pool, &settings);
    let text = match args.format {
        SimFormat::Json => json(args, &results),
        SimFormat::Text => text(&bank.roadmap, args, &results),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    let gate = results
        .iter()
        .find(|p| p.population == "standard-normal")
        .and_then(|p| p.modes.iter().find(|m| m.mode == "adaptive"))
        .map(|m| m.exact_accuracy);
    match (args.min_accuracy, gate) {
        (Some(min), Some(acc)) if acc < min => Ok(exit::FINDINGS),
        _ => Ok(exit::OK),
    }
}

fn json(args: &SimulateArgs, results: &[PopulationResult]) -> String {
    let doc = serde_json::json!({
        "format_version": 1,
        "examinees": args.examinees,
        "seed": args.seed,
        "questions": args.questions,
        "difficulty_noise": args.difficulty_noise,
        "discrimination_spread": args.discrimination_spread,
        "populations": results,
    });
    serde_json::to_string_pretty(&doc).expect("serializes") + "\n"
}

fn text(rm: &crate::roadmap::Roadmap, args: &SimulateArgs, results: &[PopulationResult]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} examinees per population · seed {} · at most {} questions · true difficulty ± {} · discrimination spread {}\n",
        args.examinees,
        args.seed,
        args.questions,
        args.difficulty_noise,
        args.discrimination_spread
    );
    let bands: Vec<String> = std::iter::once("not yet".to_string())
        .chain(rm.levels.iter().map(|l| l.title.clone()))
        .collect();
    for p in results {
        let _ = writeln!(out, "── {} ──", p.population);
        let _ = writeln!(out, "{:<26} {:>10} {:>10}", "", "fixed", "adaptive");
        let row = |name: &str, f: &dyn Fn(&crate::simulate::ModeResult) -> String| {
            format!("{name:<26} {:>10} {:>10}\n", f(&p.modes[0]), f(&p.modes[1]))
        };
        out.push_str(&row("exact accuracy", &|m| {
            format!("{:.1}%", m.exact_accuracy * 100.0)
        }));
        out.push_str(&row("within one level", &|m| {
            format!("{:.1}%", m.within_one_accuracy * 100.0)
        }));
        out.push_str(&row("mean questions", &|m| format!("{:.1}", m.mean_items)));
        out.push_str(&row("90th percentile questions", &|m| {
            m.p90_items.to_string()
        }));
        out.push_str(&row("Brier score", &|m| {
            m.brier.map_or("–".into(), |b| format!("{b:.3}"))
        }));
        out.push_str(&row("max exposure", &|m| {
            format!("{:.1}%", m.max_exposure * 100.0)
        }));
        for m in &p.modes {
            let _ = writeln!(
                out,
                "  {} confusion (rows: true level, columns: estimated):",
                m.mode
            );
            let _ = writeln!(
                out,
                "    {:<14}{}",
                "",
                bands.iter().map(|b| format!("{b:>13}")).collect::<String>()
            );
            for (name, row) in bands.iter().zip(&m.confusion) {
                let _ = writeln!(
                    out,
                    "    {name:<14}{}",
                    row.iter().map(|c| format!("{c:>13}")).collect::<String>()
                );
            }
        }
        if let Some(ad) = p.modes.iter().find(|m| m.mode == "adaptive") {
            let bins: Vec<String> = ad
                .calibration
                .iter()
                .map(|b| {
                    format!(
                        "[{:.1},{:.1}) said {:.0}%, right {:.0}% (n={})",
                        b.lo,
                        b.hi,
                        b.mean_probability * 100.0,
                        b.accuracy * 100.0,
                        b.count
                    )
                })
                .collect();
            let _ = writeln!(out, "  adaptive calibration: {}", bins.join(" · "));
        }
        out.push('\n');
    }
    out
}
