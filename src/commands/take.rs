//! `levelcheck take`: the level check, interactive in a terminal or scripted with `--answers`,
//! recorded in history, resumable after Ctrl-C.

use std::io::Write;

use dialoguer::Confirm;

use super::runner::{Answering, record, run_session, store};
use crate::bank::Bank;
use crate::cli::{FilterArgs, GlobalArgs, TakeArgs};
use crate::engine::Engine;
use crate::engine::adaptive::{Adaptive, Settings};
use crate::engine::fixed::fixed_form;
use crate::engine::pool::{Filter, pool};
use crate::engine::rng::{QuizRng, fresh_seed};
use crate::error::{Error, Result, exit};
use crate::history::SessionRecord;
use crate::history::record::RunInfo;
use crate::prompt::interaction::{Interaction, no_color_env, use_color};
use crate::report::{Format, Report};
use crate::score::{Score, score, score_adaptive};
use crate::session::Session;

/// The default number of questions (the fixed form's length, the adaptive form's maximum).
pub const DEFAULT_QUESTIONS: usize = 20;

pub fn run(
    args: &TakeArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let bank = super::load_informed(g)?;
    let (args, resumed) = if args.resume {
        resume_args(args, g)?
    } else {
        (args.clone(), None)
    };
    let filter = Filter::from(&args.filter);
    let pool = pool(&bank, &filter)?;
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let n = args.questions.map_or(DEFAULT_QUESTIONS, usize::from);
    let seeded = resumed.as_ref().map_or(args.seed.is_some(), |r| r.seeded);
    let recent_before = recent_cutoff(&args, resumed.as_ref());
    let recent = recent_before
        .as_deref()
        .map_or_else(Vec::new, |t| recently_asked(g, &bank, t));
    // Only an adaptive run that had something to steer away from needs the cutoff to replay.
    let recent_before = recent_before
        .and_then(|t| t.get(..13)?.parse::<u64>().ok())
        .filter(|_| !args.fixed && recent.iter().any(|q| pool.contains(q)));
    let mut engine = engine(&bank, &pool, &args, n, seed, &recent);
    let replay = resumed
        .as_ref()
        .map(|r| {
            r.questions
                .iter()
                .map(|q| (q.id.clone(), q.given.clone(), q.confidence))
                .collect()
        })
        .unwrap_or_default();
    let answering = Answering {
        answers: args.answers.as_deref(),
        feedback: args.feedback,
        replay,
        confidence: args.confidence,
        follow_ups: false,
        confirm_gaps: args.confirm_gaps,
    };
    let (mut session, interaction) = run_session(&bank, engine.as_mut(), seed, &answering, g)?;
    // A resumed run took as long as both its parts.
    let before = resumed.as_ref().and_then(|r| r.elapsed_secs).unwrap_or(0);
    session.elapsed += std::time::Duration::from_secs(before);
    let replay = resumed
        .as_ref()
        .and_then(|r| r.replay.clone())
        .unwrap_or_else(|| super::replay::command(&args, g, seed, recent_before));
    let score = if args.fixed {
        score(&bank, &session.records)
    } else {
        score_adaptive(&bank, &session.records, args.target_confidence)
    };
    let resumed_start = resumed
        .as_ref()
        .map(|r| std::time::UNIX_EPOCH + std::time::Duration::from_secs(r.started_unix));
    let mut info = run_info(&bank, &args, n, &score, resumed.map(|r| r.id));
    info.replay = Some(replay.clone());
    info.seeded = seeded;
    // A resumed run began when its first part did.
    info.started = resumed_start;
    info.recent_before = recent_before;
    let saved = record(g, &bank, &session, info, err);
    let result = finish(
        &bank,
        &session,
        &score,
        (&args, replay),
        g,
        interaction,
        out,
    );
    // A resume is offered only for a quiz that history actually kept.
    if saved && session.interrupted {
        let _ = writeln!(
            out,
            "\nResume this quiz later with: levelcheck take{} --resume",
            super::replay::bank_flags(g)
        );
    }
    result
}

/// The fixed form (`--fixed`) or the adaptive engine (the default).
fn engine(
    bank: &Bank,
    pool: &[usize],
    args: &TakeArgs,
    n: usize,
    seed: u64,
    recent: &[usize],
) -> Box<dyn Engine> {
    if args.fixed {
        return Box::new(fixed_form(bank, pool, n, &mut QuizRng::new(seed)));
    }
    let settings = Settings {
        min_items: usize::from(args.min_questions),
        max_items: n,
        target_confidence: args.target_confidence,
        ..Settings::default()
    };
    Box::new(Adaptive::new(bank, pool, settings, seed).avoiding(recent))
}

/// Sessions whose questions a new check avoids: the person has just seen their answers.
pub const RECENT_SESSIONS: usize = 5;

/// Which sessions a run steers away from: those whose id sorts before the returned cutoff (a
/// session id, or 13 digits of milliseconds: ids start with their save time, so they sort by it). A replay or resume uses the cutoff of the run
/// it repeats, so it meets the same questions; any other run (seeded or not) avoids what came
/// before it, so checks in a row do not repeat themselves.
fn recent_cutoff(args: &TakeArgs, resumed: Option<&SessionRecord>) -> Option<String> {
    let millis = |t: u64| format!("{t:013}");
    match resumed {
        Some(r) if r.recent_before.is_some() => r.recent_before.map(millis),
        // Recorded before cutoffs were kept: the sessions before the interrupted one.
        Some(r) => Some(r.id.clone()),
        None if args.recent_before.is_some() => args.recent_before.map(millis),
        None => {
            let now = crate::history::now().unwrap_or_else(|_| std::time::SystemTime::now());
            let since = now
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            Some(millis(u64::try_from(since.as_millis()).unwrap_or(u64::MAX)))
        }
    }
}

/// The questions of the last `RECENT_SESSIONS` sessions in history saved before `before`.
fn recently_asked(g: &GlobalArgs, bank: &Bank, before: &str) -> Vec<usize> {
    let Some(store) = store(g) else {
        return Vec::new();
    };
    let mut sessions = store.load().sessions;
    sessions.retain(|s| s.id.as_str() < before);
    sessions.sort_by(|a, b| a.id.cmp(&b.id));
    sessions
        .iter()
        .rev()
        .take(RECENT_SESSIONS)
        .flat_map(|s| s.questions.iter())
        .filter_map(|q| bank.questions.iter().position(|b| b.id == q.id))
        .collect()
}

/// `--resume`: the arguments of the latest interrupted quiz that has not been resumed yet.
fn resume_args(args: &TakeArgs, g: &GlobalArgs) -> Result<(TakeArgs, Option<SessionRecord>)> {
    let store = store(g)
        .ok_or_else(|| Error::Usage("--resume needs history (drop --no-history)".into()))?;
    let sessions = store.load().sessions;
    let resumed: Vec<&str> = sessions
        .iter()
        .filter_map(|s| s.resumes.as_deref())
        .collect();
    let last = sessions
        .iter()
        .rev()
        // Only a level check resumes as one: an interrupted practice or interview is not a take.
        .find(|s| {
            s.interrupted
                && matches!(s.mode.as_str(), "adaptive" | "fixed")
                && !resumed.contains(&s.id.as_str())
        })
        .ok_or_else(|| {
            Error::Usage(
                "there is no interrupted quiz to resume (practice and interviews start afresh)"
                    .into(),
            )
        })?;
    let mut a = args.clone();
    a.seed = Some(last.seed);
    a.questions = u16::try_from(last.planned).ok();
    a.fixed = last.mode == "fixed";
    a.filter = FilterArgs::from(&last.filters);
    if let Some(m) = last.min_questions.and_then(|m| u16::try_from(m).ok()) {
        a.min_questions = m;
    }
    if let Some(t) = last.target_confidence {
        a.target_confidence = t;
    }
    a.feedback = last.feedback;
    a.confidence = last.confidence;
    Ok((a, Some(last.clone())))
}

fn run_info(
    bank: &Bank,
    args: &TakeArgs,
    n: usize,
    score: &Score,
    resumes: Option<String>,
) -> RunInfo {
    let level = score.reached.map(|i| bank.roadmap.levels[i].id.clone());
    let probability = score
        .estimate
        .as_ref()
        .and_then(|e| e.probabilities.iter().map(|p| p.1).max_by(f64::total_cmp));
    RunInfo {
        mode: if args.fixed { "fixed" } else { "adaptive" },
        filters: Filter::from(&args.filter),
        planned: n,
        min_questions: (!args.fixed).then_some(usize::from(args.min_questions)),
        target_confidence: (!args.fixed).then_some(args.target_confidence),
        level,
        probability,
        resumes,
        feedback: args.feedback,
        confidence: args.confidence,
        replay: None,
        seeded: false,
        minutes: None,
        started: None,
        recent_before: None,
    }
}

fn finish(
    bank: &Bank,
    session: &Session,
    score: &Score,
    (args, replay): (&TakeArgs, String),
    g: &GlobalArgs,
    interaction: Interaction,
    out: &mut dyn Write,
) -> Result<u8> {
    let mode = if args.fixed { "fixed" } else { "adaptive" };
    let track = args
        .filter
        .track
        .as_deref()
        .and_then(|t| bank.roadmap.track(t));
    let report = Report {
        bank,
        session,
        score,
        mode,
        track,
        replay,
        bank_flags: super::replay::bank_flags(g),
        width: super::text_width(),
    };
    match &args.output {
        Some(path) => {
            let text = report.render(args.format, false);
            crate::outfile::write(
                path,
                text.as_bytes(),
                &super::inputs(g, args.answers.as_deref()),
            )?;
        }
        None => {
            let color = args.format == Format::Text
                && use_color(
                    g.color,
                    no_color_env(),
                    std::io::IsTerminal::is_terminal(&std::io::stdout()),
                );
            let mut text = report.render(args.format, color);
            if args.format == Format::Text && interaction == Interaction::Scripted {
                text.push_str(&crate::report::text::review(&report, report.width));
            }
            out.write_all(text.as_bytes())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    if session.interrupted {
        return Err(Error::Interrupted);
    }
    if interaction == Interaction::Terminal && args.format == Format::Text {
        offer_review(&report, out)?;
    }
    Ok(exit::OK)
}

/// At the end of an interactive quiz, offer to walk through the missed questions (Ctrl-C there
/// is an interruption, exit 130, like anywhere else in the quiz).
fn offer_review(report: &Report, out: &mut dyn Write) -> Result<()> {
    let missed = report.session.records.iter().filter(|r| !r.correct).count();
    if missed == 0 {
        return Ok(());
    }
    let term = console::Term::stderr();
    let yes = Confirm::new()
        .with_prompt(format!(
            "Review the {missed} missed question{}?",
            if missed == 1 { "" } else { "s" }
        ))
        .default(true)
        .interact_on(&term);
    match yes {
        Ok(true) => {
            let _ = out.write_all(crate::report::text::review(report, report.width).as_bytes());
        }
        Ok(false) => {}
        Err(_) => {
            let _ = term.show_cursor();
            return Err(Error::Interrupted);
        }
    }
    Ok(())
}
