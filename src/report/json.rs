//! The JSON report: versioned, stable keys, no timings (the same run gives the same bytes).

use serde::Serialize;

use super::Report;
use crate::mark::Given;
use crate::score::{AreaScore, LevelScore, MissedTopic, SectionScore, WeakArea};

/// Bump when a key changes meaning or disappears; adding keys does not bump it.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Json<'a> {
    format_version: u32,
    tool: String,
    mode: &'a str,
    seed: u64,
    banks: &'a str,
    interrupted: bool,
    /// Level id reached, or null for "not yet" the lowest level.
    level: Option<&'a str>,
    level_title: String,
    /// Adaptive form: the ability estimate, its standard error and each level's probability.
    #[serde(skip_serializing_if = "Option::is_none")]
    ability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standard_error: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probabilities: Option<serde_json::Map<String, serde_json::Value>>,
    /// Adaptive form: whether the most probable level reached the target confidence (else the
    /// report says "most likely", not "reached").
    #[serde(skip_serializing_if = "Option::is_none")]
    confident: Option<bool>,
    /// Adaptive form: each area asked, its offset from the overall ability and its verdict.
    #[serde(skip_serializing_if = "<[AreaScore]>::is_empty")]
    areas: &'a [AreaScore],
    /// `--confidence`: how well the ratings matched the results.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<crate::confidence::Calibration>,
    levels: &'a [LevelScore],
    sections: &'a [SectionScore],
    weak_areas: &'a [WeakArea],
    /// Every topic with a wrong or skipped answer, with its references.
    missed: &'a [MissedTopic],
    questions: Vec<Asked<'a>>,
}

#[derive(Serialize)]
struct Asked<'a> {
    id: &'a str,
    level: &'a str,
    section: &'a str,
    topic: &'a str,
    kind: &'a str,
    /// What was answered: a string, a list, a boolean, or null when skipped.
    answer: serde_json::Value,
    correct: bool,
    skipped: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<crate::answered::Confidence>,
}

pub fn answer_value(g: &Given) -> serde_json::Value {
    match g {
        Given::Skip => serde_json::Value::Null,
        Given::Text(t) => t.clone().into(),
        Given::List(v) => v.clone().into(),
        Given::Bool(b) => (*b).into(),
        Given::Points(p) => serde_json::json!({ "points": p }),
    }
}

pub fn render(r: &Report) -> String {
    let rm = &r.bank.roadmap;
    let questions = r
        .session
        .records
        .iter()
        .map(|rec| {
            let q = &r.bank.questions[rec.question];
            Asked {
                id: &q.id,
                level: &rm.levels[q.level].id,
                section: &q.section,
                topic: &q.topic,
                kind: q.body.kind().name(),
                answer: answer_value(&rec.given),
                correct: rec.correct,
                skipped: rec.given.is_skip(),
                confidence: rec.confidence,
            }
        })
        .collect();
    let json = Json {
        format_version: FORMAT_VERSION,
        tool: format!("levelcheck {}", env!("CARGO_PKG_VERSION")),
        mode: r.mode,
        seed: r.session.seed,
        banks: &r.bank.digest,
        interrupted: r.session.interrupted,
        level: r.score.reached.map(|i| rm.levels[i].id.as_str()),
        level_title: r.level_title(),
        ability: r.score.estimate.as_ref().map(|e| round(e.ability)),
        standard_error: r.score.estimate.as_ref().map(|e| round(e.standard_error)),
        probabilities: r.score.estimate.as_ref().map(|e| {
            e.probabilities
                .iter()
                .map(|(k, p)| (k.clone(), round(*p).into()))
                .collect()
        }),
        confident: r.score.estimate.as_ref().map(|e| e.confident),
        areas: &r.score.areas,
        confidence: crate::confidence::calibration(r.bank, &r.session.records),
        levels: &r.score.levels,
        sections: &r.score.sections,
        weak_areas: &r.score.weak_areas,
        missed: &r.score.missed,
        questions,
    };
    let mut s = serde_json::to_string_pretty(&json).expect("report serializes");
    s.push('\n');
    s
}

/// Four decimals: enough for any use, and stable bytes across platforms' float printing.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
