//! `levelcheck interview`: a timed mock interview over a track's areas, open and closed
//! questions mixed, follow-ups when few key points were covered, then a scorecard by area.

use std::io::Write;

use super::runner::{Answering, record, run_session};
use crate::cli::{GlobalArgs, InterviewArgs};
use crate::engine::pool::{Filter, pool_with_open};
use crate::engine::rng::fresh_seed;
use crate::error::{Error, Result, exit};
use crate::history::record::RunInfo;
use crate::interview::render::{self, Info};
use crate::interview::{DEFAULT_TRACK, Timed, plan, scorecard};
use crate::report::Format;
use crate::session::Feedback;

pub fn run(
    args: &InterviewArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(path) = &args.output {
        crate::outfile::check(path, &super::inputs(g, args.answers.as_deref()))?;
    }
    // As `take` and `practice` load it: a broken ratings or calibration file stops every quiz.
    let bank = super::load_informed(g)?;
    let track = match &args.track {
        Some(t) => Some(t.clone()),
        None => bank.roadmap.track(DEFAULT_TRACK).map(|t| t.id.clone()),
    };
    let filter = Filter {
        levels: args.level.clone(),
        track: track.clone(),
        ..Filter::default()
    };
    let pool = pool_with_open(&bank, &filter)?;
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let mut engine = Timed {
        plan: plan(&bank, &pool, args.minutes, seed),
    };
    let answering = Answering {
        answers: args.answers.as_deref(),
        feedback: Feedback::AtEnd,
        replay: Vec::new(),
        confidence: false,
        follow_ups: true,
        confirm_gaps: false,
    };
    let (session, _) = run_session(&bank, &mut engine, seed, &answering, g)?;
    let info = RunInfo {
        mode: "interview",
        filters: filter,
        planned: engine.plan.order.len(),
        min_questions: None,
        target_confidence: None,
        level: None,
        probability: None,
        resumes: None,
        feedback: Feedback::AtEnd,
        confidence: false,
        replay: Some(interview_replay(track.as_deref(), args, seed, g)),
        seeded: args.seed.is_some(),
        minutes: Some(args.minutes),
        started: None,
        recent_before: None,
    };
    let _ = record(g, &bank, &session, info, err);
    let out_of_time = engine.out_of_time(&session.records);
    let text = render_interview(
        &bank,
        &session,
        args.format,
        &Info {
            track: track.as_deref(),
            track_title: track
                .as_deref()
                .and_then(|t| bank.roadmap.track(t))
                .map(|t| t.title.as_str()),
            minutes: args.minutes,
            out_of_time,
            open_available: engine.plan.open_available,
            width: super::text_width(),
            bank_flags: &super::replay::bank_flags(g),
        },
    );
    match &args.output {
        Some(path) => crate::outfile::write(
            path,
            text.as_bytes(),
            &super::inputs(g, args.answers.as_deref()),
        )?,
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| Error::io("<stdout>", e))?,
    }
    if session.interrupted {
        Err(Error::Interrupted)
    } else {
        Ok(exit::OK)
    }
}

/// The scorecard of an interview session in the chosen format (also for `levelcheck report`).
pub fn render_interview(
    bank: &crate::bank::Bank,
    session: &crate::session::Session,
    format: Format,
    info: &Info,
) -> String {
    let card = scorecard(
        bank,
        session,
        info.track,
        info.open_available,
        info.bank_flags,
    );
    match format {
        Format::Json => render::json(bank, session, &card, info),
        Format::Markdown => render::markdown(bank, session, &card, info),
        Format::Text => render::text(bank, session, &card, info),
    }
}

/// The command that asks the same interview again.
fn interview_replay(
    track: Option<&str>,
    args: &InterviewArgs,
    seed: u64,
    g: &GlobalArgs,
) -> String {
    let mut cmd = format!("levelcheck interview{}", super::replay::bank_flags(g));
    if let Some(t) = track {
        cmd.push_str(&format!(" --track {t}"));
    }
    for l in &args.level {
        cmd.push_str(&format!(" --level {l}"));
    }
    cmd.push_str(&format!(" --minutes {} --seed {seed}", args.minutes));
    cmd
}
