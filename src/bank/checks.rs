//! Checks on a parsed question's values: what every question needs, then each kind's body.

use super::format::{AnswerValue, Kind, RawQuestion};
use super::keys::closest;
use super::parse::Header;
use super::{Body, Origin};
use crate::diagnostic::Diagnostic;
use crate::roadmap::Roadmap;

/// What every question needs whatever its kind: a known topic in this section, a sane difficulty,
/// references.
pub(super) fn check_common(
    raw: &RawQuestion,
    origin: &Origin,
    header: &Header,
    rm: &Roadmap,
    diags: &mut Vec<Diagnostic>,
) {
    let file = origin.file.as_str();
    match rm.topic(&raw.topic) {
        None => diags.push(
            Diagnostic::error(
                "unknown-topic",
                file,
                Some(origin.span("topic")),
                format!("unknown topic `{}`", raw.topic),
            )
            .with_label(topic_hint(&raw.topic, &header.section, rm)),
        ),
        Some(t) if t.section != header.section => diags.push(
            Diagnostic::error(
                "wrong-section",
                file,
                Some(origin.span("topic")),
                format!(
                    "topic `{}` belongs to section `{}`, not `{}`",
                    raw.topic, t.section, header.section
                ),
            )
            .with_label("move the question to that section's file"),
        ),
        Some(_) => {}
    }
    if let Some(d) = raw.difficulty
        && !(1..=3).contains(&d)
    {
        diags.push(
            Diagnostic::error(
                "difficulty",
                file,
                Some(origin.span("difficulty")),
                format!("difficulty {d} is out of range"),
            )
            .with_label("expected 1, 2 or 3"),
        );
    }
    if raw.references.is_empty() {
        diags.push(Diagnostic::error(
            "no-reference",
            file,
            Some(origin.span("references")),
            "at least one reference URL is required",
        ));
    }
    if let Some(c) = raw.calibration
        && !(c.a > 0.0
            && (0.0..1.0).contains(&c.c)
            && c.b.is_finite()
            && c.se_b.is_none_or(|se| se.is_finite() && se >= 0.0))
    {
        diags.push(Diagnostic::error(
            "calibration",
            file,
            Some(origin.span("calibration")),
            "calibration needs a > 0, a finite b, 0 ≤ c < 1 and se_b ≥ 0",
        ));
    }
}

/// The closest topic id to a typo, looked for first in the file's own section (where the author
/// meant to be), then in the whole roadmap.
fn topic_hint(typo: &str, section: &str, rm: &Roadmap) -> String {
    let ids = |same: bool| -> Vec<&str> {
        rm.topics
            .iter()
            .filter(|t| !same || t.section == section)
            .map(|t| t.id.as_str())
            .collect()
    };
    let best = closest(typo, &ids(true)).or_else(|| closest(typo, &ids(false)));
    match best {
        Some(best) => format!("did you mean `{best}`?"),
        None => "not a topic id in roadmap.toml".to_string(),
    }
}

/// The fewest and most key points an open question may have: fewer is not a rubric, more is
/// not something a person can tick honestly after one answer.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=6;

/// 3–6 key points, no two the same after normalising (case, spacing): answers files name key
/// points by their text, so two equal ones would be ambiguous.
pub(super) fn open_key_points_sound(
    points: &[String],
    origin: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let file = origin.file.as_str();
    let before = diags.len();
    if !KEY_POINTS.contains(&points.len()) {
        diags.push(Diagnostic::error(
            "key-points-count",
            file,
            Some(origin.span("key_points")),
            format!(
                "an open question needs {} to {} key points, not {}",
                KEY_POINTS.start(),
                KEY_POINTS.end(),
                points.len()
            ),
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let norm = crate::text::normalize(p);
        if norm.is_empty() {
            diags.push(Diagnostic::error(
                "empty-key-point",
                file,
                Some(origin.element_span("key_points", i)),
                "a key point is empty",
            ));
        } else if let Some(first) = seen.iter().position(|s| *s == norm) {
            diags.push(Diagnostic::error(
                "duplicate-key-point",
                file,
                Some(origin.element_span("key_points", i)),
                format!("this key point repeats key point {}", first + 1),
            ));
        }
        seen.push(norm);
    }
    diags.len() == before
}

/// Builds the kind-specific body; required keys were checked before.
pub(super) fn body(
    raw: &RawQuestion,
    origin: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> Option<Body> {
    let file = origin.file.as_str();
    let list = |v: &Option<Vec<String>>| v.clone().unwrap_or_default();
    let body = match raw.kind {
        Kind::Single => match &raw.answer {
            Some(AnswerValue::Text(answer)) => Body::Single {
                answer: answer.clone(),
                distractors: list(&raw.distractors),
                feedback: list(&raw.feedback),
            },
            _ => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    file,
                    Some(origin.span("answer")),
                    "`answer` of a single-choice question must be the right option's text",
                ));
                return None;
            }
        },
        Kind::TrueFalse => match &raw.answer {
            Some(AnswerValue::Bool(answer)) => Body::TrueFalse { answer: *answer },
            _ => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    file,
                    Some(origin.span("answer")),
                    "`answer` of a true-false question must be true or false",
                ));
                return None;
            }
        },
        Kind::Multi => Body::Multi {
            answers: list(&raw.answers),
            distractors: list(&raw.distractors),
            feedback: list(&raw.feedback),
        },
        Kind::Text => Body::Text {
            accept: list(&raw.accept),
            case_sensitive: raw.case_sensitive.unwrap_or(false),
        },
        Kind::Order => {
            let items = list(&raw.items);
            // Nothing to put in order would end a quiz at a prompt that cannot be answered.
            if items.len() < 2 {
                diags.push(Diagnostic::error(
                    "too-few-items",
                    file,
                    Some(origin.span("items")),
                    "an ordering question needs at least two `items`",
                ));
                return None;
            }
            Body::Order { items }
        }
        Kind::Output => Body::Output {
            module: raw.module?,
            code: raw.code.clone()?,
            output: raw.output.clone()?,
            distractors: list(&raw.distractors),
            feedback: list(&raw.feedback),
        },
        Kind::Open => {
            let key_points = list(&raw.key_points);
            if !open_key_points_sound(&key_points, origin, diags) {
                return None;
            }
            Body::Open {
                model_answer: raw.model_answer.clone()?,
                key_points,
                follow_ups: list(&raw.follow_ups),
            }
        }
    };
    let options = match &body {
        Body::Single { distractors, .. } | Body::Multi { distractors, .. } => {
            Some(distractors.len())
        }
        _ => None,
    };
    if options == Some(0) {
        diags.push(Diagnostic::error(
            "no-distractors",
            file,
            Some(origin.span("distractors")),
            "a choice question needs at least one distractor",
        ));
        return None;
    }
    Some(body)
}
