//! Coming back to what was missed: a Leitner schedule derived from history.
//!
//! A question answered wrong or skipped goes to box 1 and is due at once. Each right answer to a
//! question on the schedule moves it up a box, and the next review waits that box's interval:
//! 1, 3, 7 and then 21 days. A right answer in the last box takes it off the schedule (learned);
//! a wrong answer anywhere sends it back to box 1. The schedule is recomputed from the stored
//! sessions every time, so there is no second file to keep in step.
//!
//! Questions are keyed on id *and* content digest: a question edited since it was missed is not
//! the question that was missed, so its old card is dropped rather than silently reused.

use std::collections::HashMap;

use super::SessionRecord;

/// Days to wait after a right answer that lands a question in box 2, 3, 4 and 5.
pub const INTERVAL_DAYS: [u64; 4] = [1, 3, 7, 21];
/// Boxes 1 (just missed) to 5 (one step from learned).
pub const BOXES: u8 = 5;
const DAY: u64 = 24 * 60 * 60;

/// One question on the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: String,
    pub digest: String,
    /// 1 ..= BOXES.
    pub box_number: u8,
    /// When it is due, in Unix seconds.
    pub due: u64,
}

/// Replays every session, oldest first, into the current cards.
pub fn cards(sessions: &[SessionRecord]) -> Vec<Card> {
    let mut by_id: HashMap<&str, Card> = HashMap::new();
    for s in sessions {
        for q in &s.questions {
            let current = by_id
                .get(q.id.as_str())
                .filter(|c| c.digest == q.digest)
                .cloned();
            match (q.correct, current) {
                (false, _) => {
                    by_id.insert(
                        &q.id,
                        Card {
                            id: q.id.clone(),
                            digest: q.digest.clone(),
                            box_number: 1,
                            due: s.started_unix,
                        },
                    );
                }
                (true, Some(card)) if card.box_number >= BOXES => {
                    by_id.remove(q.id.as_str());
                }
                (true, Some(card)) => {
                    let next = card.box_number + 1;
                    let wait = INTERVAL_DAYS[usize::from(next) - 2] * DAY;
                    by_id.insert(
                        &q.id,
                        Card {
                            box_number: next,
                            due: s.started_unix + wait,
                            ..card
                        },
                    );
                }
                (true, None) => {
                    // Never missed (or missed in an older version of the question): nothing to review.
                    if by_id
                        .get(q.id.as_str())
                        .is_some_and(|c| c.digest != q.digest)
                    {
                        by_id.remove(q.id.as_str());
                    }
                }
            }
        }
    }
    let mut out: Vec<Card> = by_id.into_values().collect();
    out.sort_by(|a, b| (a.due, a.box_number, &a.id).cmp(&(b.due, b.box_number, &b.id)));
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

    fn session(at_day: u64, answers: &[(&str, &str, bool)]) -> SessionRecord {
        SessionRecord {
            format_version: 1,
            id: format!("{at_day}"),
            started_unix: at_day * DAY,
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
            questions: answers
                .iter()
                .map(|(id, digest, correct)| AskedRecord {
                    id: id.to_string(),
                    digest: digest.to_string(),
                    section: String::new(),
                    topic: String::new(),
                    given: Given::Skip,
                    correct: *correct,
                    confidence: None,
                    confirming: false,
                    follow_ups: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_miss_is_due_at_once_and_right_answers_stretch_the_interval() {
        let mut history = vec![session(0, &[("q", "d1", false)])];
        assert_eq!(
            cards(&history),
            vec![Card {
                id: "q".into(),
                digest: "d1".into(),
                box_number: 1,
                due: 0
            }]
        );
        let mut day = 0;
        for (expected_box, wait) in [(2u8, 1u64), (3, 3), (4, 7), (5, 21)] {
            day += 1;
            history.push(session(day, &[("q", "d1", true)]));
            let c = &cards(&history)[0];
            assert_eq!((c.box_number, c.due), (expected_box, (day + wait) * DAY));
        }
        history.push(session(40, &[("q", "d1", true)]));
        assert!(
            cards(&history).is_empty(),
            "a right answer in the last box means learned"
        );
    }

    #[test]
    fn a_wrong_answer_sends_it_back_to_box_one() {
        let history = vec![
            session(0, &[("q", "d1", false)]),
            session(1, &[("q", "d1", true)]),
            session(2, &[("q", "d1", true)]),
            session(9, &[("q", "d1", false)]),
        ];
        let c = &cards(&history)[0];
        assert_eq!((c.box_number, c.due), (1, 9 * DAY));
    }

    #[test]
    fn questions_never_missed_are_not_scheduled() {
        assert!(cards(&[session(0, &[("q", "d1", true)])]).is_empty());
    }

    #[test]
    fn an_edited_question_is_not_the_one_that_was_missed() {
        let history = vec![session(0, &[("q", "old", false)])];
        let cs = cards(&history);
        assert_eq!(due(&cs, DAY, |_| Some("old".into())).len(), 1);
        assert!(
            due(&cs, DAY, |_| Some("new".into())).is_empty(),
            "edited since: not silently the same question"
        );
        assert!(due(&cs, DAY, |_| None).is_empty(), "removed from the banks");
        // Answering the edited version right does not promote the old card.
        let history = vec![
            session(0, &[("q", "old", false)]),
            session(1, &[("q", "new", true)]),
        ];
        assert!(cards(&history).is_empty());
    }

    #[test]
    fn not_due_before_its_interval() {
        let history = vec![
            session(0, &[("q", "d", false)]),
            session(0, &[("q", "d", true)]),
        ];
        let cs = cards(&history);
        assert!(due(&cs, DAY - 1, |_| Some("d".into())).is_empty());
        assert_eq!(due(&cs, DAY, |_| Some("d".into())).len(), 1);
    }
}
