//! Responses → the sparse matrix the fit reads: each `given` re-marked against the current bank,
//! one person per session, responses to unknown or changed questions counted and left out.

use super::em::{ItemPrior, Matrix};
use crate::bank::Bank;
use crate::engine::irt::Scale;
use crate::responses::Response;
use crate::responses::remark::{People, Remarker};

pub use crate::responses::remark::{EXAMPLE_IDS, Skipped};

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
    let remarker = Remarker::new(bank);
    let mut skipped = Skipped::default();
    let mut people = People::default();
    for r in responses {
        match remarker.mark(r) {
            Err(why) => skipped.count_named(why, &r.question),
            Ok(m) => {
                if !people.add(r, m.item, m.correct) {
                    skipped.repeated += 1;
                }
            }
        }
    }
    let mut matrix = Matrix::new();
    for answers in people.people {
        matrix.push_person(answers);
    }
    Prepared {
        matrix,
        priors,
        skipped,
    }
}
