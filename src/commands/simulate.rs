//! `levelcheck simulate`: simulated examinees through the fixed and the adaptive form, side by
//! side, so a bank's accuracy and length are measured rather than hoped for.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

use crate::cli::{GlobalArgs, SimFormat, SimulateArgs};
use crate::engine::adaptive::Settings;
use crate::engine::irt::Params;
use crate::engine::pool::{Filter, pool};
use crate::error::{Error, Result, exit};
use crate::simulate::{Population, PopulationResult, SimSettings, simulate};
use crate::text::wrap_labelled;

pub fn run(args: &SimulateArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    if !(args.target_confidence > 0.0 && args.target_confidence < 1.0) {
        return Err(Error::Usage(
            "--target-confidence must be between 0 and 1".into(),
        ));
    }
    if !(args.true_discrimination > 0.0 && args.true_discrimination.is_finite()) {
        return Err(Error::Usage(
            "--true-discrimination must be positive".into(),
        ));
    }
    let bank = super::load_informed(g)?;
    let pool = pool(&bank, &Filter::from(&args.filter))?;
    if let Some((area, _)) = &args.gap {
        let areas = bank.roadmap.effective_areas();
        if !areas.iter().any(|a| &a.id == area) {
            let known: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "unknown area `{area}` in --gap; known: {}",
                known.join(", ")
            )));
        }
    }
    let truth = match &args.truth {
        Some(path) => read_truth(path, &bank)?,
        None => HashMap::new(),
    };
    let settings = SimSettings {
        examinees: args.examinees as usize,
        seed: args.seed,
        true_discrimination: args.true_discrimination,
        difficulty_noise: args.difficulty_noise,
        discrimination_spread: args.discrimination_spread,
        truth,
        populations: if args.population.is_empty() {
            Population::ALL.to_vec()
        } else {
            args.population.clone()
        },
        gap: args.gap.clone(),
        confirm_gaps: args.confirm_gaps,
        questions: usize::from(args.questions),
        adaptive: Settings {
            min_items: usize::from(args.min_questions),
            target_confidence: args.target_confidence,
            ..Settings::default()
        },
    };
    let inputs = super::inputs(g, args.truth.as_deref());
    for path in [&args.responses_out, &args.truth_out].into_iter().flatten() {
        crate::outfile::check(path, &inputs)?;
    }
    let results = simulate(&bank, &pool, &settings);
    if let Some(path) = &args.responses_out {
        crate::outfile::write(path, &responses_out(&bank, &results)?, &inputs)?;
    }
    if let Some(path) = &args.truth_out {
        let scale = crate::engine::irt::Scale::new(
            bank.roadmap.levels.len(),
            bank.roadmap.rubric.pass_mark,
        );
        let truth = crate::simulate::true_parameters(&bank, &scale, &settings);
        crate::outfile::write(path, truth_toml(&bank, &truth).as_bytes(), &inputs)?;
    }
    let text = match args.format {
        SimFormat::Json => json(args, &results),
        SimFormat::Text => text(&bank.roadmap, args, &results, super::text_width()),
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

/// Every adaptive session of every population as responses: one respondent per examinee.
fn responses_out(bank: &crate::bank::Bank, results: &[PopulationResult]) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    for pop in results {
        for (i, answers) in pop.adaptive_answers.iter().enumerate() {
            let records: Vec<crate::responses::Response> = answers
                .iter()
                .map(|&(q, right)| {
                    let question = &bank.questions[q];
                    crate::responses::Response {
                        respondent: format!("sim-{}-{i}", pop.population),
                        session: format!("adaptive-{i}"),
                        question: question.id.clone(),
                        given: crate::responses::simulated::given(question, right),
                        correct: right,
                        mode: "adaptive".into(),
                        bank: bank.digest.clone(),
                        digest: Some(question.digest()),
                        at: None,
                        seconds: None,
                    }
                })
                .collect();
            crate::responses::write(&mut buf, &records).map_err(|e| Error::io("<memory>", e))?;
        }
    }
    Ok(buf)
}

/// The true parameters as a truth file `--truth` reads back.
fn truth_toml(bank: &crate::bank::Bank, truth: &[Params]) -> String {
    let mut out = String::from("# True parameters of a levelcheck simulate run (id, a, b, c).\n");
    for (q, p) in bank.questions.iter().zip(truth) {
        let _ = write!(
            out,
            "\n[[question]]\nid = {}\na = {}\nb = {}\nc = {}\n",
            toml::Value::String(q.id.clone()),
            p.a,
            p.b,
            p.c
        );
    }
    out
}

/// A truth file holds a few numbers per question: 4 MiB is far beyond any bank.
const MAX_TRUTH_BYTES: u64 = 4 << 20;

/// One question's true parameters in a `--truth` file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthEntry {
    id: String,
    a: f64,
    b: f64,
    #[serde(default)]
    c: f64,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthFile {
    #[serde(default)]
    question: Vec<TruthEntry>,
}

/// Reads `--truth`: every id must be in the banks and every value in range.
fn read_truth(path: &std::path::Path, bank: &crate::bank::Bank) -> Result<HashMap<String, Params>> {
    let text = crate::read::file(path, MAX_TRUTH_BYTES, "a truth file")
        .and_then(crate::read::text)
        .map_err(|e| Error::io(path, e))?;
    let bad = |msg: String| Error::Usage(format!("{}: {msg}", path.display()));
    let file: TruthFile = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let mut out = HashMap::new();
    for e in file.question {
        if !bank.questions.iter().any(|q| q.id == e.id) {
            return Err(bad(format!("no question has id `{}`", e.id)));
        }
        if !(e.a > 0.0 && e.a.is_finite() && e.b.is_finite() && (0.0..1.0).contains(&e.c)) {
            return Err(bad(format!(
                "`{}`: a must be positive, b finite and c in [0, 1)",
                e.id
            )));
        }
        if out
            .insert(e.id.clone(), Params::measured(e.a, e.b, e.c))
            .is_some()
        {
            return Err(bad(format!("`{}` is given twice", e.id)));
        }
    }
    Ok(out)
}

fn json(args: &SimulateArgs, results: &[PopulationResult]) -> String {
    let doc = serde_json::json!({
        "format_version": 2,
        "examinees": args.examinees,
        "seed": args.seed,
        "questions": args.questions,
        "true_discrimination": args.true_discrimination,
        "difficulty_noise": args.difficulty_noise,
        "discrimination_spread": args.discrimination_spread,
        "target_confidence": args.target_confidence,
        "populations": results,
    });
    serde_json::to_string_pretty(&doc).expect("serializes") + "\n"
}

fn text(
    rm: &crate::roadmap::Roadmap,
    args: &SimulateArgs,
    results: &[PopulationResult],
    width: usize,
) -> String {
    let mut out = String::new();
    let setup = format!(
        "{} per population · seed {} · at most {}",
        crate::text::count(args.examinees as usize, "examinee"),
        args.seed,
        crate::text::count(usize::from(args.questions), "question"),
    );
    let truth = format!(
        "truth: discrimination {} (spread {}) · difficulty off the tag by ± {}{}",
        args.true_discrimination,
        args.discrimination_spread,
        args.difficulty_noise,
        args.truth.as_ref().map_or(String::new(), |p| format!(
            " · per-question truth from {}",
            p.display()
        ))
    );
    let _ = writeln!(
        out,
        "{}\n{}\n",
        crate::text::wrap(&setup, width, ""),
        crate::text::wrap(&truth, width, "")
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
            out.push_str(&confusion(&bands, &m.confusion));
        }
        if let Some(ad) = p.modes.iter().find(|m| m.mode == "adaptive") {
            let _ = writeln!(
                out,
                "  adaptive calibration (probability of the reported level):"
            );
            if let Some(b) = &ad.overall {
                let _ = writeln!(out, "    overall {}", bin_line(b));
            }
            for b in &ad.calibration {
                let _ = writeln!(out, "    [{:.1},{:.1}) {}", b.lo, b.hi, bin_line(b));
            }
            let shares = |v: &[crate::simulate::Share]| {
                v.iter()
                    .map(|s| format!("{} {:.0}%", s.name, s.share * 100.0))
                    .collect::<Vec<_>>()
                    .join(" · ")
            };
            let line = |label: &str, text: &str| wrap_labelled("  ", label, text, width) + "\n";
            out.push_str(&line("adaptive formats: ", &shares(&ad.formats)));
            out.push_str(&line("adaptive areas: ", &shares(&ad.areas)));
            let flagged: Vec<String> = ad
                .verdicts
                .iter()
                .filter(|v| v.weak + v.possible_gap >= 0.005)
                .map(|v| {
                    format!(
                        "{} weak {:.1}% / possible gap {:.1}%",
                        v.area,
                        v.weak * 100.0,
                        v.possible_gap * 100.0
                    )
                })
                .collect();
            // One area a line: joined, they wrap into a run that is hard to read.
            if !flagged.is_empty() {
                out.push_str("  adaptive area verdicts:\n");
                for f in &flagged {
                    out.push_str(&wrap_labelled("    ", "", f, width));
                    out.push('\n');
                }
            }
            out.push_str(&line(
                "information limit: ",
                &format!(
                    "exact {:.1}% · adaptive reaches {:.0}% of it (knows the true parameters, same number of questions)",
                    p.oracle_exact_accuracy * 100.0,
                    p.ratio_to_limit * 100.0
                ),
            ));
            if let Some(id) = &ad.most_exposed {
                out.push_str(&line(
                    "most exposed: ",
                    &format!("{id} (seen by {:.1}%)", ad.max_exposure * 100.0),
                ));
            }
            if !ad.slope_factors.is_empty() {
                let factors: Vec<String> = ad
                    .slope_factors
                    .iter()
                    .map(|f| format!("×{} {:.3}", f.factor, f.mean_posterior))
                    .collect();
                out.push_str(&line(
                    "slope factor, mean posterior (prior equal): ",
                    &factors.join(" · "),
                ));
            }
        }
        out.push('\n');
    }
    out
}

/// A confusion matrix under its heading: rows the true band, columns the estimated one, each
/// column as wide as its band's title (or its largest count), so five bands fit 80 columns.
fn confusion(bands: &[String], matrix: &[Vec<usize>]) -> String {
    let name_w = bands.iter().map(|b| b.chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = bands
        .iter()
        .enumerate()
        .map(|(j, b)| {
            let widest = matrix
                .iter()
                .filter_map(|r| r.get(j))
                .map(|c| c.to_string().len())
                .max()
                .unwrap_or(0);
            b.chars().count().max(widest)
        })
        .collect();
    let mut out = format!("    {:<name_w$}", "");
    for (b, w) in bands.iter().zip(&widths) {
        out.push_str(&format!("  {b:>w$}"));
    }
    out.push('\n');
    for (name, row) in bands.iter().zip(matrix) {
        out.push_str(&format!("    {name:<name_w$}"));
        for (c, w) in row.iter().zip(&widths) {
            out.push_str(&format!("  {c:>w$}"));
        }
        out.push('\n');
    }
    out
}

/// "said 84.1%, right 83.0% ± 0.4 (n=9,120)".
fn bin_line(b: &crate::simulate::Bin) -> String {
    format!(
        "said {:.1}%, right {:.1}% ± {:.1} (n={})",
        b.mean_probability * 100.0,
        b.accuracy * 100.0,
        b.standard_error * 100.0,
        b.count
    )
}
