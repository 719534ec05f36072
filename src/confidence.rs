//! Confidence ratings (`--confidence`): how sure the person said they were, against how often
//! they were right. Ratings never touch the level estimate; they show where confidence and
//! knowledge part ways — confidently wrong answers are the misconceptions worth fixing first.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answered::{Confidence, Record};
use crate::bank::Bank;

/// Right answers of `asked` at one rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingTally {
    pub rating: Confidence,
    pub asked: usize,
    pub correct: usize,
}

/// How well confidence matched results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub rated: usize,
    /// Mean squared gap between the rating's probability and the outcome (0 is perfect).
    pub brier: f64,
    /// Mean stated probability minus share right: above 0 over-confident, below under-confident.
    pub overconfidence: f64,
    pub by_rating: Vec<RatingTally>,
    /// Section id → ids of questions answered wrong while "certain".
    pub confidently_wrong: BTreeMap<String, Vec<String>>,
}

/// Calibration over the rated answers (skips carry no rating), or `None` when nothing was rated.
pub fn calibration(bank: &Bank, records: &[Record]) -> Option<Calibration> {
    let rated: Vec<(&Record, Confidence)> = records
        .iter()
        .filter_map(|r| r.confidence.map(|c| (r, c)))
        .collect();
    if rated.is_empty() {
        return None;
    }
    let n = rated.len() as f64;
    let outcome = |r: &Record| f64::from(u8::from(r.correct));
    let brier = rated
        .iter()
        .map(|(r, c)| (c.probability() - outcome(r)).powi(2))
        .sum::<f64>()
        / n;
    let mean_p = rated.iter().map(|(_, c)| c.probability()).sum::<f64>() / n;
    let accuracy = rated.iter().map(|(r, _)| outcome(r)).sum::<f64>() / n;
    let by_rating = Confidence::ALL
        .iter()
        .map(|&rating| {
            let at: Vec<&&Record> = rated
                .iter()
                .filter(|(_, c)| *c == rating)
                .map(|(r, _)| r)
                .collect();
            RatingTally {
                rating,
                asked: at.len(),
                correct: at.iter().filter(|r| r.correct).count(),
            }
        })
        .filter(|t| t.asked > 0)
        .collect();
    let mut confidently_wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (r, c) in &rated {
        if *c == Confidence::Certain && !r.correct {
            confidently_wrong
                .entry(bank.questions[r.question].section.clone())
                .or_default()
                .push(r.id.clone());
        }
    }
    Some(Calibration {
        rated: rated.len(),
        brier,
        overconfidence: mean_p - accuracy,
        by_rating,
        confidently_wrong,
    })
}
