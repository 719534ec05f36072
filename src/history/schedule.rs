//! Coming back to questions at the right time: an FSRS schedule replayed from history.
//!
//! Every answered question (practice and take alike) is a review. Its grade comes from the
//! answer and the confidence rating (see [`grade`]); the reviews of one question, replayed oldest
//! first through the Free Spaced Repetition Scheduler (`rs-fsrs`, default weights), give its
//! stability, difficulty and next due date. Nothing is stored besides the sessions, so history
//! written in the Leitner era (no ratings: right → Good, wrong → Again) replays with nothing lost.
//!
//! Questions are keyed on id *and* content digest: a question edited since it was answered is
//! a new question, so its old card is dropped rather than silently reused.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rs_fsrs::{FSRS, Parameters, Rating};

use super::SessionRecord;
use crate::answered::Confidence;

/// The target retention when `--retention` is not given (the FSRS default).
pub const DEFAULT_RETENTION: f64 = 0.9;
/// The range `--retention` accepts: below 0.7 reviews come too late to help, above 0.99 too often.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.7..=0.99;

/// One question on the schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub id: String,
    pub digest: String,
    /// When it is due, in Unix seconds.
    pub due: u64,
    pub stability: f64,
    pub difficulty: f64,
    /// The last review, in Unix seconds.
    pub last_review: u64,
    /// Days from the last review to `due`.
    pub scheduled_days: i64,
}

/// The FSRS grade of a closed answer: wrong or skipped → Again; right and guessing → Hard;
/// fairly sure → Good; certain → Easy; right with no rating → Good.
pub fn grade(correct: bool, confidence: Option<Confidence>) -> Rating {
    match (correct, confidence) {
        (false, _) => Rating::Again,
        (true, Some(Confidence::Guessing)) => Rating::Hard,
        (true, Some(Confidence::Certain)) => Rating::Easy,
        (true, Some(Confidence::FairlySure) | None) => Rating::Good,
    }
}

/// The FSRS grade of an open answer by the share of key points covered:
/// under half → Again, under three quarters → Hard, under all → Good, all → Easy.
pub fn grade_for_share(share: f64) -> Rating {
    match share {
        s if s < 0.5 => Rating::Again,
        s if s < 0.75 => Rating::Hard,
        s if s < 1.0 => Rating::Good,
        _ => Rating::Easy,
    }
}

/// A stored answer's grade: by its share of key points when it is an open answer, else by
/// right or wrong and the rating. (Open answers recorded before the share was kept fall back to
/// right or wrong.)
pub fn grade_of(q: &super::AskedRecord) -> Rating {
    match q.share {
        Some(share) => grade_for_share(share),
        None => grade(q.correct, q.confidence),
    }
}

fn to_time(unix: u64) -> DateTime<Utc> {
    DateTime::from_timestamp(i64::try_from(unix).unwrap_or(i64::MAX), 0).unwrap_or_default()
}

fn to_unix(t: DateTime<Utc>) -> u64 {
    u64::try_from(t.timestamp()).unwrap_or(0)
}

/// Replays every session, oldest first, into the current cards, soonest due first.
pub fn cards(sessions: &[SessionRecord], retention: f64) -> Vec<Card> {
    let fsrs = FSRS::new(Parameters {
        request_retention: retention,
        ..Default::default()
    });
    let mut by_id: HashMap<&str, (String, rs_fsrs::Card)> = HashMap::new();
    let mut sorted: Vec<&SessionRecord> = sessions.iter().collect();
    sorted.sort_by_key(|s| (s.started_unix, s.id.as_str()));
    for s in sorted {
        for q in &s.questions {
            let card = match by_id.get(q.id.as_str()) {
                Some((digest, c)) if *digest == q.digest => c.clone(),
                _ => rs_fsrs::Card::new(),
            };
            let next = fsrs.next(card, to_time(s.started_unix), grade_of(q));
            by_id.insert(&q.id, (q.digest.clone(), next.card));
        }
    }
    let mut out: Vec<Card> = by_id
        .into_iter()
        .map(|(id, (digest, c))| Card {
            id: id.to_string(),
            digest,
            due: to_unix(c.due),
            stability: c.stability,
            difficulty: c.difficulty,
            last_review: to_unix(c.last_review),
            scheduled_days: c.scheduled_days,
        })
        .collect();
    out.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    out
}

/// Cards due at `now` whose question still has the digest it had when scheduled.
pub fn due(
    cards: &[Card],
    now: u64,
    current_digest: impl Fn(&str) -> Option<String>,
) -> Vec<&Card> {
    cards
        .iter()
        .filter(|c| c.due <= now && current_digest(&c.id).as_deref() == Some(c.digest.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{AskedRecord, SessionRecord};
    use crate::mark::Given;

    const DAY: u64 = 24 * 60 * 60;

    fn session(at: u64, answers: &[(&str, &str, bool, Option<Confidence>)]) -> SessionRecord {
        SessionRecord {
            format_version: 1,
            id: format!("{at:013}"),
            started_unix: at,
            started: String::new(),
            mode: "practice".into(),
            filters: Default::default(),
            seed: 0,
            planned: 0,
            min_questions: None,
            target_confidence: None,
            banks: String::new(),
            interrupted: false,
            resumes: None,
            level: None,
            probability: None,
            correct: 0,
            asked: 0,
            elapsed_secs: None,
            feedback: Default::default(),
            confidence: false,
            replay: None,
            seeded: false,
            minutes: None,
            recent_before: None,
            questions: answers
                .iter()
                .map(|(id, digest, correct, confidence)| AskedRecord {
                    id: id.to_string(),
                    digest: digest.to_string(),
                    section: String::new(),
                    topic: String::new(),
                    given: Given::Skip,
                    correct: *correct,
                    confidence: *confidence,
                    confirming: false,
                    follow_ups: Vec::new(),
                    seconds: None,
                    share: None,
                    typed: None,
                    follow_up_typed: Vec::new(),
                })
                .collect(),
        }
    }

    /// Pinned against rs-fsrs 1.2.1's own reference, `test_basic_scheduler_interval` in
    /// ~/.cargo/registry/src/*/rs-fsrs-1.2.1/src/tests.rs: the grades Good ×6, Again ×2, Good ×5,
    /// each reviewed when due from 2022-11-29 12:30 UTC, give these scheduled intervals in days.
    #[test]
    fn intervals_match_the_crates_reference_sequence() {
        let good = (true, Some(Confidence::FairlySure));
        let again = (false, None);
        let grades = [
            good, good, good, good, good, good, again, again, good, good, good, good, good,
        ];
        let mut history = Vec::new();
        let mut now = 1_669_725_000; // 2022-11-29 12:30:00 UTC
        let mut intervals = Vec::new();
        for (correct, confidence) in grades {
            history.push(session(now, &[("q", "d", correct, confidence)]));
            let c = &cards(&history, DEFAULT_RETENTION)[0];
            intervals.push(c.scheduled_days);
            now = c.due;
        }
        assert_eq!(intervals, [0, 4, 15, 48, 136, 351, 0, 0, 7, 13, 24, 43, 77]);
    }

    #[test]
    fn leitner_era_records_replay_with_nothing_lost() {
        // Old records: no ratings, right answers to questions never missed included.
        let history = vec![
            session(0, &[("a", "d", false, None), ("b", "d", true, None)]),
            session(DAY, &[("a", "d", true, None)]),
        ];
        let cs = cards(&history, DEFAULT_RETENTION);
        let ids: Vec<&str> = cs.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(cs.len(), 2, "{ids:?}");
        let a = cs.iter().find(|c| c.id == "a").unwrap();
        assert_eq!(a.last_review, DAY, "the second review counted");
        assert!(a.due > DAY);
    }

    #[test]
    fn certain_comes_back_later_than_guessing() {
        let certain = cards(
            &[session(0, &[("q", "d", true, Some(Confidence::Certain))])],
            0.9,
        );
        let guessing = cards(
            &[session(0, &[("q", "d", true, Some(Confidence::Guessing))])],
            0.9,
        );
        assert!(certain[0].due > guessing[0].due);
    }

    #[test]
    fn grades_follow_answer_and_rating() {
        assert_eq!(grade(false, Some(Confidence::Certain)), Rating::Again);
        assert_eq!(grade(true, Some(Confidence::Guessing)), Rating::Hard);
        assert_eq!(grade(true, None), Rating::Good);
        assert_eq!(grade(true, Some(Confidence::Certain)), Rating::Easy);
        assert_eq!(grade_for_share(0.49), Rating::Again);
        assert_eq!(grade_for_share(0.5), Rating::Hard);
        assert_eq!(grade_for_share(0.75), Rating::Good);
        assert_eq!(grade_for_share(1.0), Rating::Easy);
    }

    /// Open answers are graded by their share of key points, not by right or wrong: all points
    /// (Easy) comes back later than a bare pass (Hard), and a bare pass sooner than a closed
    /// right answer with no rating (Good).
    #[test]
    fn open_answers_are_graded_by_their_share_of_key_points() {
        let open = |share: f64| {
            let mut s = session(0, &[("q", "d", share >= 0.5, None)]);
            s.questions[0].share = Some(share);
            s.questions[0].given = Given::Points(vec![0]);
            cards(&[s], DEFAULT_RETENTION)[0].clone()
        };
        let closed = cards(&[session(0, &[("q", "d", true, None)])], DEFAULT_RETENTION)[0].clone();
        let (all, half, few) = (open(1.0), open(0.5), open(0.25));
        assert_eq!(
            grade_of(&session(0, &[("q", "d", true, None)]).questions[0]),
            Rating::Good
        );
        assert!(all.due > closed.due, "{all:?} {closed:?}");
        assert!(half.due < closed.due, "{half:?} {closed:?}");
        assert!(few.due < half.due, "{few:?} {half:?}");
    }

    #[test]
    fn an_edited_question_is_a_new_card() {
        let history = vec![
            session(0, &[("q", "old", false, None)]),
            session(DAY, &[("q", "new", true, None)]),
        ];
        let cs = cards(&history, DEFAULT_RETENTION);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].digest, "new");
        assert!(due(&cs, 100 * DAY, |_| Some("old".into())).is_empty());
    }
}
