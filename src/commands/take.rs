//! `levelcheck take`: the level check, interactive in a terminal or scripted with `--answers`.

use std::io::{IsTerminal, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use dialoguer::Confirm;

use super::bank_source;
use crate::bank::{Bank, load};
use crate::cli::{GlobalArgs, TakeArgs};
use crate::diagnostic::Source;
use crate::engine::Engine;
use crate::engine::adaptive::{Adaptive, Settings};
use crate::engine::fixed::fixed_form;
use crate::engine::pool::{Filter, pool};
use crate::engine::rng::{QuizRng, fresh_seed};
use crate::error::{Error, Result, exit};
use crate::prompt::interaction::{Interaction, decide, no_color_env, use_color};
use crate::prompt::scripted::Scripted;
use crate::prompt::term::TermPrompter;
use crate::report::{Format, Report};
use crate::score::{score, score_adaptive};
use crate::session::{self, Session};

/// The default number of questions of the fixed form.
pub const DEFAULT_QUESTIONS: usize = 20;

pub fn run(args: &TakeArgs, g: &GlobalArgs, out: &mut dyn Write) -> Result<u8> {
    let bank = load::load(&bank_source(g))?;
    let filter = Filter {
        levels: args.level.clone(),
        sections: args.section.clone(),
        topics: args.topic.clone(),
        track: args.track.clone(),
    };
    let pool = pool(&bank, &filter)?;
    let interaction = decide(
        args.answers.is_some(),
        std::io::stdin().is_terminal(),
        std::io::stderr().is_terminal(),
    );
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let n = args.questions.map_or(DEFAULT_QUESTIONS, usize::from);
    let mut engine = engine(&bank, &pool, args, n, seed);
    let session = match interaction {
        Interaction::Impossible => return Err(Error::NoTerminal),
        Interaction::Scripted => {
            let answers =
                read_answers(args.answers.as_ref().expect("scripted has answers"), &bank)?;
            session::run(
                &bank,
                engine.as_mut(),
                &mut Scripted { answers },
                seed,
                args.feedback,
            )
        }
        Interaction::Terminal => {
            console::set_colors_enabled_stderr(use_color(g.color, no_color_env(), true));
            let flag = interrupt_flag();
            let mut prompter = TermPrompter::new(&bank.roadmap, flag);
            session::run(&bank, engine.as_mut(), &mut prompter, seed, args.feedback)
        }
    };
    finish(&bank, &session, args, g, interaction, out)
}

/// The fixed form (`--fixed`) or the adaptive engine (the default).
fn engine(bank: &Bank, pool: &[usize], args: &TakeArgs, n: usize, seed: u64) -> Box<dyn Engine> {
    if args.fixed {
        return Box::new(fixed_form(bank, pool, n, &mut QuizRng::new(seed)));
    }
    let settings = Settings {
        min_items: usize::from(args.min_questions),
        max_items: n,
        target_confidence: args.target_confidence,
        ..Settings::default()
    };
    Box::new(Adaptive::new(bank, pool, settings, seed))
}

/// Ctrl-C outside a prompt (prompts read keys raw and see it themselves) sets this flag; the
/// quiz stops at the next question and reports what was answered.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    // A second Ctrl-C while we are not prompting means "really stop now": restore and leave.
    let _ = ctrlc::set_handler(move || {
        if f.swap(true, Ordering::SeqCst) {
            let _ = console::Term::stderr().show_cursor();
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
    flag
}

fn read_answers(
    path: &std::path::Path,
    bank: &Bank,
) -> Result<std::collections::HashMap<String, crate::mark::Given>> {
    let src = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::io("<stdin>", e))?;
        Source {
            name: "<stdin>".into(),
            rel: "<stdin>".into(),
            text,
        }
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Source {
            name: path.display().to_string(),
            rel: path.display().to_string(),
            text,
        }
    };
    crate::answers::parse(&src, bank)
}

fn finish(
    bank: &Bank,
    session: &Session,
    args: &TakeArgs,
    g: &GlobalArgs,
    interaction: Interaction,
    out: &mut dyn Write,
) -> Result<u8> {
    let (score, mode) = if args.fixed {
        (score(bank, &session.records), "fixed")
    } else {
        (score_adaptive(bank, &session.records), "adaptive")
    };
    let report = Report {
        bank,
        session,
        score: &score,
        mode,
    };
    match &args.output {
        Some(path) => {
            let text = report.render(args.format, false);
            std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
        }
        None => {
            let color = args.format == Format::Text
                && use_color(g.color, no_color_env(), std::io::stdout().is_terminal());
            let mut text = report.render(args.format, color);
            if args.format == Format::Text && interaction == Interaction::Scripted {
                text.push_str(&crate::report::text::review(&report, 100));
            }
            out.write_all(text.as_bytes())
                .map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    if session.interrupted {
        return Err(Error::Interrupted);
    }
    if interaction == Interaction::Terminal && args.format == Format::Text {
        offer_review(&report, out);
    }
    Ok(exit::OK)
}

/// At the end of an interactive quiz, offer to walk through the missed questions.
fn offer_review(report: &Report, out: &mut dyn Write) {
    let missed = report.session.records.iter().filter(|r| !r.correct).count();
    if missed == 0 {
        return;
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
            let width = (term.size().1 as usize).clamp(20, 100);
            let _ = out.write_all(crate::report::text::review(report, width).as_bytes());
        }
        Ok(false) => {}
        Err(_) => {
            let _ = term.show_cursor();
        }
    }
}
