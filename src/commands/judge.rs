//! `levelcheck judge`: blind standard setting. Without `--report`, a judge rates questions shown
//! without their tags, each rating appended to a JSON Lines file as it is given (resumable after
//! Ctrl-C); with `--report`, judges' ratings are compared with each other and with the tags.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::bank_source;
use crate::bank::{Bank, load};
use crate::cli::{GlobalArgs, JudgeArgs};
use crate::engine::pool::{Filter, pool};
use crate::engine::rng::QuizRng;
use crate::error::{Error, Result, exit};
use crate::prompt::interaction::{Interaction, decide, no_color_env, use_color};
use crate::prompt::rater::{Rater, ScriptedRater};
use crate::prompt::term_rater::TermRater;
use crate::ratings::file::{self, Line};
use crate::ratings::output::{self, Format};
use crate::ratings::{self, justified, report};

/// The seed when none is given: every judge gets the same sample in the same order, and a
/// resumed run asks the same questions.
pub const DEFAULT_SEED: u64 = 0;

pub fn run(
    args: &JudgeArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let bank = load::load(&bank_source(g))?;
    match &args.report {
        Some(paths) => report_run(&bank, paths, args.format, out),
        None => rate_run(&bank, args, g, out, err),
    }
}

fn report_run(
    bank: &Bank,
    paths: &[PathBuf],
    format: Option<Format>,
    out: &mut dyn Write,
) -> Result<u8> {
    let (rating_files, justification_files) = sort_report_inputs(paths);
    let ratings = ratings::load(&rating_files, &bank.roadmap)?;
    let justified = justified::parse_sources(
        &justification_files
            .iter()
            .map(|p| file::read(p))
            .collect::<Result<Vec<_>>>()?,
    )?;
    let r = report::build(bank, &ratings, &justified);
    let format = format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Text
        }
    });
    out.write_all(output::render(&r, format).as_bytes())
        .map_err(|e| Error::io("<stdout>", e))?;
    Ok(if r.findings() > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// The report's inputs by kind: `.toml` files are justifications, Markdown files are the
/// folder's documentation and are passed over (so `--report questions/ratings/*` works), every
/// other file is ratings (JSON Lines).
fn sort_report_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let ext = |p: &PathBuf| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    let (justifications, rest): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .filter(|p| ext(p).as_deref() != Some("md"))
        .cloned()
        .partition(|p| ext(p).as_deref() == Some("toml"));
    (rest, justifications)
}

/// A judge's name: short, plain, usable as a file name.
fn check_judge(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "judge name {name:?}: use 1–40 letters, digits, '.', '_' or '-'"
        )))
    }
}

/// The questions of this run, in the order they are asked: the filtered pool, shuffled by the
/// seed (so no run is grouped by level or section), cut to the sample size.
pub fn sample(bank: &Bank, filter: &Filter, n: Option<usize>, seed: u64) -> Result<Vec<usize>> {
    let mut picked = pool(bank, filter)?;
    QuizRng::new(seed).shuffle(&mut picked);
    if let Some(n) = n {
        picked.truncate(n);
    }
    Ok(picked)
}

/// Refuses an output that is one of the inputs: the answers file or a bank file.
fn check_output(path: &Path, answers: Option<&Path>, bank: &Bank) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(Error::Usage(format!(
            "{}: not a regular file; --output takes a ratings file",
            path.display()
        )));
    }
    let Ok(real) = std::fs::canonicalize(path) else {
        return Ok(()); // does not exist yet: cannot be an input
    };
    let same = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c == real);
    if answers.is_some_and(same) || bank.sources.iter().any(|s| same(Path::new(&s.name))) {
        return Err(Error::Usage(format!(
            "{}: --output would write over one of the inputs",
            path.display()
        )));
    }
    Ok(())
}

/// The ratings already in the output file; they must all be this judge's.
fn existing(path: &Path, judge: &str, bank: &Bank) -> Result<ratings::Ratings> {
    if !path.exists() {
        return Ok(ratings::Ratings::default());
    }
    let r = ratings::load(&[path.to_path_buf()], &bank.roadmap)?;
    if let Some(other) = r.ratings.iter().find(|x| x.judge != judge) {
        return Err(Error::Usage(format!(
            "{}: holds ratings by `{}`, not `{judge}`; use one ratings file per judge",
            path.display(),
            other.judge
        )));
    }
    Ok(r)
}

fn rate_run(
    bank: &Bank,
    args: &JudgeArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let judge = args.judge.as_deref().expect("clap requires --judge");
    let path = args.output.as_deref().expect("clap requires --output");
    check_judge(judge)?;
    check_output(path, args.answers.as_deref(), bank)?;
    let filter = Filter {
        levels: args.level.clone(),
        sections: args.section.clone(),
        ..Filter::default()
    };
    let order = sample(
        bank,
        &filter,
        args.sample.map(|n| n as usize),
        args.seed.unwrap_or(DEFAULT_SEED),
    )?;
    let done = existing(path, judge, bank)?;
    let stdin_tty = std::io::stdin().is_terminal();
    let interaction = decide(
        args.answers.is_some(),
        stdin_tty,
        std::io::stderr().is_terminal(),
    );
    let mut rater: Box<dyn Rater + '_> = match interaction {
        Interaction::Impossible => {
            return Err(Error::NoTerminal(if stdin_tty {
                "standard error"
            } else {
                "standard input"
            }));
        }
        Interaction::Scripted => {
            let answers = args.answers.as_deref().expect("scripted has answers");
            let src = file::read(answers)?; // bounded, UTF-8, like a bank file
            Box::new(ScriptedRater {
                verdicts: ratings::scripted::parse(&src, bank)?,
            })
        }
        Interaction::Terminal => {
            console::set_colors_enabled_stderr(use_color(g.color, no_color_env(), true));
            Box::new(TermRater::new(
                &bank.roadmap,
                super::runner::interrupt_flag(),
            ))
        }
    };
    let total = order.len();
    let (mut rated, mut kept, mut left) = (0, 0, 0);
    for (k, &i) in order.iter().enumerate() {
        let q = &bank.questions[i];
        let digest = q.digest();
        if done.has(judge, &q.id, &digest) {
            kept += 1;
            continue;
        }
        match rater.rate(q, k + 1, total) {
            Ok(Some(v)) => {
                let line = Line {
                    format_version: file::FORMAT_VERSION,
                    judge: judge.to_string(),
                    question: q.id.clone(),
                    digest,
                    level: v.placement.id(&bank.roadmap),
                    difficulty: v.difficulty,
                    note: v.note,
                    at: Some(
                        humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
                    ),
                };
                file::append(path, &line)?;
                rated += 1;
            }
            Ok(None) => left += 1,
            Err(_) => {
                let _ = writeln!(
                    err,
                    "stopped: {} ratings saved in {} ({rated} now); run the same command to go on",
                    rated + kept,
                    path.display()
                );
                return Err(Error::Interrupted);
            }
        }
    }
    let _ = writeln!(
        out,
        "{rated} rated now, {kept} already rated, {left} left unrated, of {} → {}",
        crate::text::count(total, "question"),
        path.display()
    );
    Ok(exit::OK)
}
