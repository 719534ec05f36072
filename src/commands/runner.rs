//! What `take` and `practice` share: getting answers (terminal, file or replay), running the
//! session, and recording it in history.

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::answered::Confidence;
use crate::bank::Bank;
use crate::cli::GlobalArgs;
use crate::diagnostic::Source;
use crate::engine::Engine;
use crate::error::{Error, Result, exit};
use crate::history::record::RunInfo;
use crate::history::{SessionRecord, Store, default_dir};
use crate::mark::Given;
use crate::prompt::Prompter;
use crate::prompt::interaction::{Interaction, decide, no_color_env, use_color};
use crate::prompt::replay::Replay;
use crate::prompt::scripted::Scripted;
use crate::prompt::term::TermPrompter;
use crate::session::{self, Feedback, Session};

/// How a run gets its answers.
pub struct Answering<'a> {
    pub answers: Option<&'a Path>,
    pub feedback: Feedback,
    /// Answers to give back first (`--resume`), with their confidence ratings.
    pub replay: Vec<(String, Given, Option<Confidence>)>,
    /// Ask how sure the person is after each answer.
    pub confidence: bool,
    /// Scripted runs: take every offer to confirm a possible gap (`--confirm-gaps`).
    pub confirm_gaps: bool,
    /// Put open questions' follow-ups when few key points were covered (interview).
    pub follow_ups: bool,
}

/// Decides terminal or file, then runs the session to its end or to Ctrl-C.
pub fn run_session(
    bank: &Bank,
    engine: &mut dyn Engine,
    seed: u64,
    a: &Answering,
    g: &GlobalArgs,
) -> Result<(Session, Interaction)> {
    let (stdin_tty, stderr_tty) = (
        std::io::stdin().is_terminal(),
        std::io::stderr().is_terminal(),
    );
    let interaction = decide(a.answers.is_some(), stdin_tty, stderr_tty);
    let mut live: Box<dyn Prompter + '_> = match interaction {
        Interaction::Impossible => {
            return Err(Error::NoTerminal(if stdin_tty {
                "standard error"
            } else {
                "standard input"
            }));
        }
        Interaction::Scripted => {
            let mut scripted = read_answers(a.answers.expect("scripted has answers"), bank)?;
            scripted.confirm_gaps = a.confirm_gaps;
            Box::new(scripted)
        }
        Interaction::Terminal => {
            console::set_colors_enabled_stderr(use_color(g.color, no_color_env(), true));
            Box::new(TermPrompter::new(&bank.roadmap, interrupt_flag()))
        }
    };
    let mut replay = Replay::new(VecDeque::from(a.replay.clone()), live.as_mut());
    let opts = session::Options {
        feedback: a.feedback,
        confidence: a.confidence,
        follow_ups: a.follow_ups,
    };
    let session = session::run(bank, engine, &mut replay, seed, opts);
    Ok((session, interaction))
}

/// Signals that would end the quiz mid-prompt — Ctrl-C outside raw mode, SIGTERM, and SIGHUP when
/// the terminal goes away — set this flag instead; the prompt's read is interrupted, and the quiz
/// stops with its report and a resumable history record. (Inside a prompt Ctrl-C is a key, and the
/// prompt reports it itself.)
///
/// console re-raises SIGINT once after an interrupted read, so one signal arrives here twice; only
/// if the user keeps pressing — a fourth signal — do we restore the cursor and leave at once.
pub(crate) fn interrupt_flag() -> Arc<AtomicBool> {
    const GIVE_UP_AFTER: usize = 4;
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    let count = AtomicUsize::new(0);
    let _ = ctrlc::set_handler(move || {
        f.store(true, Ordering::SeqCst);
        if count.fetch_add(1, Ordering::SeqCst) + 1 >= GIVE_UP_AFTER {
            let _ = console::Term::stderr().show_cursor();
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
    });
    flag
}

/// An answers file names each question once: a few hundred KiB at most.
const MAX_ANSWERS_BYTES: u64 = 4 * 1024 * 1024;

fn read_answers(path: &Path, bank: &Bank) -> Result<Scripted> {
    let (name, read) = if path.as_os_str() == "-" {
        (
            "<stdin>".to_string(),
            crate::read::stdin(MAX_ANSWERS_BYTES, "an answers file"),
        )
    } else {
        (
            path.display().to_string(),
            crate::read::file(path, MAX_ANSWERS_BYTES, "an answers file"),
        )
    };
    let text = read
        .and_then(crate::read::text)
        .map_err(|e| Error::io(&name, e))?;
    let src = Source {
        name: name.clone(),
        rel: name,
        text,
    };
    let parsed = crate::answers::parse(&src, bank)?;
    Ok(Scripted {
        answers: parsed.answers,
        confidence: parsed.ratings,
        follow_ups: parsed.follow_ups,
        typed: parsed.typed,
        last_typed: None,
        confirm_gaps: false,
    })
}

/// The history store, unless `--no-history`.
pub fn store(g: &GlobalArgs) -> Option<Store> {
    if g.no_history {
        None
    } else {
        default_dir().map(Store::new)
    }
}

/// Records a session; a failure to write is a warning, never a lost quiz. Whether it was saved
/// (so a resume can be offered).
pub fn record(
    g: &GlobalArgs,
    bank: &Bank,
    session: &Session,
    info: RunInfo,
    err: &mut dyn Write,
) -> bool {
    if session.records.is_empty() {
        return false;
    }
    let Some(store) = store(g) else { return false };
    let rec = SessionRecord::new(
        bank,
        session,
        info,
        crate::history::now().unwrap_or_else(|_| std::time::SystemTime::now()),
    );
    if let Err(e) = store.save(&rec) {
        let _ = writeln!(
            err,
            "warning: this session was not saved to history: {}\nhint: set LEVELCHECK_HOME to a writable folder, or pass --no-history",
            e.message()
        );
        return false;
    }
    true
}
