//! `levelcheck practice`: a drill, not a test. Every answer is marked at once with its
//! explanation; no level is estimated; a per-topic tally closes the session. `--missed` brings
//! back the questions due for review on an FSRS schedule replayed from history (every session,
//! `take` included, feeds it; see `history::schedule`).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::runner::{Answering, record, run_session, store};
use crate::bank::Bank;
use crate::cli::{GlobalArgs, PracticeArgs, PracticeFormat};
use crate::engine::fixed::FixedForm;
use crate::engine::pool::{Filter, pool_with_open};
use crate::engine::rng::{QuizRng, fresh_seed};
use crate::error::{Error, Result, exit};
use crate::history::record::RunInfo;
use crate::history::schedule::{self, Card};
use crate::session::{Feedback, Session};
use crate::text::{command_line, wrap, wrap_labelled};

pub fn run(
    args: &PracticeArgs,
    g: &GlobalArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let bank = super::load_informed(g)?;
    let filter = Filter::from(&args.filter);
    let missed_hint = super::replay::practice_missed(g, &args.filter);
    let pool = pool_with_open(&bank, &filter)?;
    let now = crate::history::now()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let cards = if args.missed || args.due {
        within(&bank, &pool, &filter, missed_cards(g, args.retention)?)
    } else {
        Vec::new()
    };
    if args.due {
        let text = match args.format {
            PracticeFormat::Json => due_json(&bank, &cards),
            PracticeFormat::Text => due_summary(&bank, &cards, now, &missed_hint),
        };
        write(out, &text)?;
        return Ok(exit::OK);
    }
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let order = if args.missed {
        due_questions(&bank, &pool, &cards, now, usize::from(args.questions))
    } else {
        sample(&pool, usize::from(args.questions), seed)
    };
    if order.is_empty() {
        write(
            out,
            &format!(
                "Nothing is due for review. {}\n",
                next_due(&bank, &cards, now)
            ),
        )?;
        return Ok(exit::OK);
    }
    let mut engine = FixedForm { order };
    let answering = Answering {
        answers: args.answers.as_deref(),
        feedback: Feedback::AfterEach,
        replay: Vec::new(),
        // A rating written in an answers file (`{ answer = …, confidence = "certain" }`) grades
        // the review as a typed one would: honoured without `--confidence` (a scripted prompter
        // asks nothing; an answer without a rating stays unrated).
        confidence: args.confidence || args.answers.is_some(),
        follow_ups: false,
        confirm_gaps: false,
    };
    let (session, _) = run_session(&bank, &mut engine, seed, &answering, g)?;
    let info = RunInfo {
        mode: "practice",
        filters: filter,
        planned: engine.order.len(),
        min_questions: None,
        target_confidence: None,
        level: None,
        probability: None,
        resumes: None,
        feedback: Feedback::AfterEach,
        confidence: false,
        replay: None,
        seeded: args.seed.is_some(),
        minutes: None,
        started: None,
        recent_before: None,
    };
    let _ = record(g, &bank, &session, info, err);
    let tally = tally(&bank, &session);
    let text = match args.format {
        PracticeFormat::Json => serde_json::to_string_pretty(&tally).expect("serializes") + "\n",
        PracticeFormat::Text => {
            let comeback = match store(g) {
                Some(_) => Comeback::Missed(&missed_hint),
                None => Comeback::NotRecorded,
            };
            tally_text(&bank, &tally, &session, comeback, super::text_width())
        }
    };
    write(out, &text)?;
    if session.interrupted {
        Err(Error::Interrupted)
    } else {
        Ok(exit::OK)
    }
}

fn write(out: &mut dyn Write, s: &str) -> Result<()> {
    out.write_all(s.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))
}

fn missed_cards(g: &GlobalArgs, retention: f64) -> Result<Vec<Card>> {
    let store = store(g).ok_or_else(|| {
        Error::Usage("--missed and --due read history (drop --no-history)".into())
    })?;
    Ok(schedule::cards(&store.load().sessions, retention))
}

/// With a filter (`--section`, `--topic`…), only the scheduled questions inside it: `--due`
/// counts and `--missed` asks the same questions. Without one, every card, including those of
/// questions edited or removed since (`--due` says how many).
fn within(bank: &Bank, pool: &[usize], filter: &Filter, cards: Vec<Card>) -> Vec<Card> {
    if *filter == Filter::default() {
        return cards;
    }
    cards
        .into_iter()
        .filter(|c| {
            bank.questions
                .iter()
                .position(|q| q.id == c.id)
                .is_some_and(|i| pool.contains(&i))
        })
        .collect()
}

/// Due questions that are still in the banks unchanged and inside the filters, most urgent first.
fn due_questions(bank: &Bank, pool: &[usize], cards: &[Card], now: u64, n: usize) -> Vec<usize> {
    let digest = |id: &str| bank.question(id).map(|q| q.digest());
    schedule::due(cards, now, digest)
        .into_iter()
        .filter_map(|c| bank.questions.iter().position(|q| q.id == c.id))
        .filter(|i| pool.contains(i))
        .take(n)
        .collect()
}

/// `n` questions drawn at random (seeded) from the pool.
fn sample(pool: &[usize], n: usize, seed: u64) -> Vec<usize> {
    let mut v = pool.to_vec();
    QuizRng::new(seed).shuffle(&mut v);
    v.truncate(n);
    v
}

fn current(bank: &Bank, c: &Card) -> bool {
    bank.question(&c.id).is_some_and(|q| q.digest() == c.digest)
}

fn rfc3339(unix: u64) -> String {
    humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix))
        .to_string()
}

/// "3 due now; next: 2 on 2026-12-05, 4 on 2026-12-09" — the next three review days.
fn due_summary(bank: &Bank, cards: &[Card], now: u64, missed_hint: &str) -> String {
    let live: Vec<&Card> = cards.iter().filter(|c| current(bank, c)).collect();
    let due = live.iter().filter(|c| c.due <= now).count();
    let mut days: BTreeMap<String, usize> = BTreeMap::new();
    for c in live.iter().filter(|c| c.due > now) {
        *days.entry(rfc3339(c.due)[..10].to_string()).or_default() += 1;
    }
    let mut s = format!("{due} due now");
    if !days.is_empty() {
        let next: Vec<String> = days
            .iter()
            .take(3)
            .map(|(d, n)| format!("{n} on {d}"))
            .collect();
        s.push_str(&format!("; next: {}", next.join(", ")));
    }
    s.push('\n');
    if due > 0 {
        s.push_str(&format!("Review them: {missed_hint}\n"));
    }
    s.push_str(&format!(
        "{} on the schedule in all. {}\n",
        live.len(),
        next_due(bank, cards, now)
    ));
    let edited = cards.len() - live.len();
    if edited > 0 {
        s.push_str(&format!("{edited} scheduled question{} edited or removed since, so not brought back as the same question.\n", if edited == 1 { " was" } else { "s were" }));
    }
    s
}

#[derive(Serialize)]
struct DueEntry<'a> {
    id: &'a str,
    due: String,
    stability: f64,
    difficulty: f64,
    last_review: String,
}

/// Every scheduled question still in the banks unchanged, soonest due first.
fn due_json(bank: &Bank, cards: &[Card]) -> String {
    let entries: Vec<DueEntry> = cards
        .iter()
        .filter(|c| current(bank, c))
        .map(|c| DueEntry {
            id: &c.id,
            due: rfc3339(c.due),
            stability: c.stability,
            difficulty: c.difficulty,
            last_review: rfc3339(c.last_review),
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "format_version": 1, "questions": entries }))
        .expect("serializes")
        + "\n"
}

fn next_due(bank: &Bank, cards: &[Card], now: u64) -> String {
    let later = cards
        .iter()
        .filter(|c| c.due > now && bank.question(&c.id).is_some_and(|q| q.digest() == c.digest))
        .map(|c| c.due)
        .min();
    match later {
        Some(t) => format!("Next review due in {}.", human_wait(t - now)),
        None => "Nothing else is scheduled.".to_string(),
    }
}

fn human_wait(secs: u64) -> String {
    match secs {
        s if s < 3600 => plural(s.div_ceil(60), "minute"),
        // From 23 hours on it is "1 day": a review due a day after the answer, read a second
        // later, is not "in 24 hours".
        s if s < 82_800 => plural(s.div_ceil(3600), "hour"),
        s if s <= 86_400 * 3 / 2 => "1 day".to_string(),
        s => plural(s.div_ceil(86_400), "day"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[derive(Debug, Serialize)]
pub struct Tally {
    format_version: u32,
    correct: usize,
    asked: usize,
    interrupted: bool,
    /// Topic id → (correct, asked).
    topics: BTreeMap<String, (usize, usize)>,
}

pub fn tally(bank: &Bank, session: &Session) -> Tally {
    let mut topics: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &session.records {
        let e = topics
            .entry(bank.questions[r.question].topic.clone())
            .or_default();
        e.0 += usize::from(r.correct);
        e.1 += 1;
    }
    Tally {
        format_version: 1,
        correct: session.records.iter().filter(|r| r.correct).count(),
        asked: session.records.len(),
        interrupted: session.interrupted,
        topics,
    }
}

/// What becomes of the questions missed in a drill.
#[derive(Debug, Clone, Copy)]
pub enum Comeback<'a> {
    /// They are scheduled for review: the command that brings them back.
    Missed(&'a str),
    /// `--no-history`: nothing was recorded, so nothing comes back.
    NotRecorded,
}

/// The tally that closes a drill, wrapped to `width`: long topic titles hang under themselves,
/// and the command that brings the misses back is printed whole, to be copied.
pub fn tally_text(
    bank: &Bank,
    t: &Tally,
    session: &Session,
    comeback: Comeback,
    width: usize,
) -> String {
    let mut s = format!("\n━━ practice: {}/{} right ━━\n", t.correct, t.asked);
    if session.interrupted {
        s.push_str(&wrap(
            "Interrupted: the tally covers the questions answered so far.",
            width,
            "",
        ));
        s.push('\n');
    }
    for (topic, (c, a)) in &t.topics {
        let mark = if c == a { "✔" } else { "✘" };
        let title = bank
            .roadmap
            .topic(topic)
            .map_or(topic.as_str(), |x| x.title.as_str());
        s.push_str(&wrap_labelled(
            "  ",
            &format!("{mark} {c}/{a}  "),
            title,
            width,
        ));
        s.push('\n');
    }
    let missed = t.asked - t.correct;
    if missed > 0 {
        s.push('\n');
        s.push_str(&match comeback {
            Comeback::Missed(hint) => command_line(
                "",
                &format!("{missed} missed: they come back soonest with "),
                hint,
                width,
            ),
            Comeback::NotRecorded => wrap(
                &format!(
                    "{missed} missed, not recorded (--no-history): `practice --missed` will not bring them back."
                ),
                width,
                "",
            ),
        });
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::human_wait;

    #[test]
    fn a_review_a_day_away_reads_as_a_day_even_a_second_later() {
        assert_eq!(human_wait(86_400 - 1), "1 day");
        assert_eq!(human_wait(86_400), "1 day");
        assert_eq!(human_wait(3 * 3600), "3 hours");
        assert_eq!(human_wait(59), "1 minute");
        assert_eq!(human_wait(3 * 86_400), "3 days");
    }
}
