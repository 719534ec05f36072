//! The quiz loop: the engine picks, the prompter asks, the session records. Knows no terminal.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::answered::Record;
use crate::bank::Bank;
use crate::engine::Engine;
use crate::engine::present::present;
use crate::engine::rng::QuizRng;
use crate::mark::{Given, is_correct};
use crate::prompt::{Interrupted, Progress, Prompter};

/// How a session runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub feedback: Feedback,
    /// Ask how sure the person is after each answer.
    pub confidence: bool,
    /// Put an open question's follow-ups when fewer than half its key points were covered.
    pub follow_ups: bool,
}

/// When to tell the person whether an answer was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feedback {
    /// Right after each answer, with the explanation.
    AfterEach,
    /// In the report at the end.
    #[default]
    AtEnd,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct Session {
    pub seed: u64,
    pub records: Vec<Record>,
    /// Ctrl-C ended the run early.
    pub interrupted: bool,
    pub elapsed: Duration,
}

/// How a run with `seed` shows `q` (its options in the order shown), the same every time.
pub fn shown(q: &crate::bank::Question, seed: u64) -> crate::engine::present::Ask {
    present(q, &mut QuizRng::new(seed ^ stable_hash(&q.id)))
}

/// Runs a quiz to its end or until interrupted. Option order comes from a per-question stream
/// forked off the seed, so it does not depend on which questions came before.
pub fn run(
    bank: &Bank,
    engine: &mut dyn Engine,
    prompter: &mut dyn Prompter,
    seed: u64,
    opts: Options,
) -> Session {
    let start = Instant::now();
    let mut records: Vec<Record> = Vec::new();
    let mut interrupted = false;
    let mut confirming = false;
    while let Some(qi) = next_or_offer(
        bank,
        engine,
        prompter,
        &records,
        (&mut interrupted, &mut confirming),
    ) {
        let q = &bank.questions[qi];
        let ask = shown(q, seed);
        let progress = Progress {
            number: records.len() + 1,
            total: engine.planned(),
            adaptive: engine.adaptive(),
            elapsed: start.elapsed(),
            time_limit: engine.time_limit(),
            time_for: engine.time_for(q),
        };
        let asked_at = Instant::now();
        let given = match prompter.ask(q, &ask, &progress) {
            Ok(g) => g,
            Err(Interrupted) => {
                interrupted = true;
                break;
            }
        };
        let correct = is_correct(q, &given);
        let typed = prompter.typed_answer();
        let mut follow = FollowUps::default();
        if opts.follow_ups && ask_follow_ups(q, &given, prompter, &mut follow).is_err() {
            // The follow-ups answered before the Ctrl-C are kept with the answer.
            interrupted = true;
        }
        let confidence = match (opts.confidence, given.is_skip()) {
            (true, false) => match prompter.confidence(q) {
                Ok(c) => c,
                Err(Interrupted) => {
                    // The answer was given: keep it (unrated) rather than lose it to the Ctrl-C.
                    interrupted = true;
                    None
                }
            },
            _ => None,
        };
        records.push(Record {
            question: qi,
            id: q.id.clone(),
            given,
            correct,
            seconds: asked_at.elapsed().as_secs_f64(),
            confidence,
            confirming,
            follow_ups: follow.covered,
            typed,
            follow_up_typed: follow.typed,
        });
        if interrupted {
            break;
        }
        if opts.feedback == Feedback::AfterEach
            && prompter
                .feedback(q, records.last().expect("just pushed"))
                .is_err()
        {
            interrupted = true;
            break;
        }
    }
    Session {
        seed,
        records,
        interrupted,
        elapsed: start.elapsed(),
    }
}

/// The follow-ups put to the person: whether each was covered, and the words typed for it.
#[derive(Debug, Default)]
struct FollowUps {
    covered: Vec<bool>,
    typed: Vec<Option<String>>,
}

/// An interviewer follows up when the answer covered fewer than half the key points: each
/// follow-up in turn, whether it was covered and what was typed. On Ctrl-C, `follow` keeps
/// those answered so far.
fn ask_follow_ups(
    q: &crate::bank::Question,
    given: &Given,
    prompter: &mut dyn Prompter,
    follow: &mut FollowUps,
) -> Result<(), Interrupted> {
    let crate::bank::Body::Open { follow_ups, .. } = &q.body else {
        return Ok(());
    };
    let share = crate::mark::points_share(q, given).unwrap_or(0.0);
    if given.is_skip() || share >= crate::mark::OPEN_PASS_SHARE {
        return Ok(());
    }
    for i in 0..follow_ups.len() {
        follow.covered.push(prompter.follow_up(q, i)?);
        follow.typed.push(prompter.typed_answer());
    }
    Ok(())
}

/// The engine's next question; when it has stopped, its offer of more (a possible gap to
/// confirm), put to the person. `None` ends the session.
fn next_or_offer(
    bank: &Bank,
    engine: &mut dyn Engine,
    prompter: &mut dyn Prompter,
    records: &[Record],
    (interrupted, confirming): (&mut bool, &mut bool),
) -> Option<usize> {
    loop {
        if let Some(q) = engine.next(bank, records) {
            return Some(q);
        }
        let offer = engine.offer(bank, records)?;
        match prompter.confirm_gap(&offer) {
            Ok(true) => {
                engine.accept(&offer, records.len());
                *confirming = true;
            }
            Ok(false) => {}
            Err(Interrupted) => {
                *interrupted = true;
                return None;
            }
        }
    }
}

/// FNV-1a over the id: a fixed hash (std's hasher may change between releases).
pub fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
