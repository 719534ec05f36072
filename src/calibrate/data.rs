//! Responses → the sparse matrix the fit reads: each `given` re-marked against the current bank,
//! one person per session, responses to unknown or changed questions counted and left out.

use std::collections::HashMap;

use super::em::{ItemPrior, Matrix};
use crate::bank::Bank;
use crate::engine::irt::Scale;
use crate::responses::{Response, given_from_value};

/// What was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Skipped {
    /// Responses to a question id no bank has.
    pub unknown: usize,
    /// Responses given to an earlier version of the question (its digest differs).
    pub changed: usize,
    /// Responses whose `given` no answer has (a number, an object).
    pub unreadable: usize,
    /// A second answer to the same question in one session (the first is kept).
    pub repeated: usize,
    /// The first few distinct unknown ids, to name in the warning.
    pub unknown_ids: Vec<String>,
    /// The first few distinct changed questions' ids.
    pub changed_ids: Vec<String>,
}

/// How many ids a warning names before "…".
pub const EXAMPLE_IDS: usize = 5;

impl Skipped {
    /// Responses left out, all reasons together.
    pub fn total(&self) -> usize {
        self.unknown + self.changed + self.unreadable + self.repeated
    }
}

/// Remembers `id` among the first few distinct ones.
fn note(ids: &mut Vec<String>, id: &str) {
    if ids.len() < EXAMPLE_IDS && !ids.iter().any(|i| i == id) {
        ids.push(id.to_string());
    }
}

/// The matrix, the items' priors (bank order) and what was skipped.
pub struct Prepared {
    pub matrix: Matrix,
    pub priors: Vec<ItemPrior>,
    pub skipped: Skipped,
}

/// Builds the matrix. Priors come from what the engine believes without any calibration file:
/// the tag (or the judges' placement), or the question's own `calibration` key.
pub fn prepare(bank: &Bank, responses: &[Response]) -> Prepared {
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let priors = bank
        .questions
        .iter()
        .map(|q| {
            let p = scale.params(q);
            ItemPrior {
                a: p.a,
                b: p.b,
                c: p.c,
            }
        })
        .collect();
    let index: HashMap<&str, usize> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let digests: Vec<String> = bank.questions.iter().map(|q| q.digest()).collect();
    let mut skipped = Skipped::default();
    let mut people: HashMap<(&str, &str), Vec<(u32, bool)>> = HashMap::new();
    let mut order: Vec<(&str, &str)> = Vec::new();
    for r in responses {
        let Some(&i) = index.get(r.question.as_str()) else {
            skipped.unknown += 1;
            note(&mut skipped.unknown_ids, &r.question);
            continue;
        };
        if r.digest.as_ref().is_some_and(|d| *d != digests[i]) {
            skipped.changed += 1;
            note(&mut skipped.changed_ids, &r.question);
            continue;
        }
        let Some(given) = given_from_value(&r.given) else {
            skipped.unreadable += 1;
            continue;
        };
        let correct = crate::mark::is_correct(&bank.questions[i], &given);
        let key = (r.respondent.as_str(), r.session.as_str());
        let answers = people.entry(key).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        if answers.iter().any(|&(j, _)| j as usize == i) {
            skipped.repeated += 1;
        } else {
            answers.push((i as u32, correct));
        }
    }
    let mut matrix = Matrix::new();
    for key in order {
        matrix.push_person(people.remove(&key).unwrap_or_default());
    }
    Prepared {
        matrix,
        priors,
        skipped,
    }
}
