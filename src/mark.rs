//! Marking one answer: pure comparison of what was given with the question's key.

use serde::{Deserialize, Serialize};

use crate::bank::{Body, Question};
use crate::text::{collapse_spaces, normalize};

/// An answer as given, by content (never by position: options are shuffled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "value")]
pub enum Given {
    /// "Skip — I don't know": counted as not known.
    Skip,
    /// One option's text, or a typed answer.
    Text(String),
    /// Several options' texts (select all that apply) or items in order.
    List(Vec<String>),
    /// True or false.
    Bool(bool),
    /// An open question: the indices of the key points the person said they covered.
    Points(Vec<usize>),
}

impl Given {
    pub fn is_skip(&self) -> bool {
        matches!(self, Given::Skip)
    }

    /// A one-line rendering for reports.
    pub fn display(&self) -> String {
        match self {
            Given::Skip => "(skipped)".into(),
            Given::Text(t) => t.replace('\n', " ⏎ "),
            Given::List(v) => v.join(" | "),
            Given::Bool(b) => if *b { "True" } else { "False" }.into(),
            Given::Points(p) => format!(
                "{} key point{} covered",
                p.len(),
                if p.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

/// An open answer counts as "right" (for history and the review schedule) from this share of its
/// key points on: covering half of what an interviewer listens for is a pass, less is a miss.
pub const OPEN_PASS_SHARE: f64 = 0.5;

/// The share of key points covered, for an open question answered with `Points` (a skip is 0).
pub fn points_share(q: &Question, given: &Given) -> Option<f64> {
    let Body::Open { key_points, .. } = &q.body else {
        return None;
    };
    let covered = match given {
        Given::Points(p) => covered(p, key_points.len()),
        _ => 0,
    };
    Some(covered as f64 / key_points.len().max(1) as f64)
}

/// Distinct valid indices among those ticked.
pub fn covered(points: &[usize], total: usize) -> usize {
    let mut v: Vec<usize> = points.iter().copied().filter(|&i| i < total).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// Program output compared line by line, ignoring whitespace at line ends and trailing blank lines.
fn output_lines(s: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = s.lines().map(str::trim).collect();
    while lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

/// Whether a typed output matches: same lines, or the same lines typed separated by spaces.
///
/// ```
/// use levelcheck::mark::output_matches;
/// assert!(output_matches("a\ne\nd\n", "a e d"));
/// assert!(!output_matches("a\ne\nd\n", "a d e"));
/// ```
pub fn output_matches(key: &str, typed: &str) -> bool {
    let key_lines = output_lines(key);
    output_lines(typed) == key_lines || normalize(typed) == normalize(&key_lines.join(" "))
}

/// Whether `given` is right for `q`. A skip is never right.
pub fn is_correct(q: &Question, given: &Given) -> bool {
    match (&q.body, given) {
        (_, Given::Skip) => false,
        (Body::Single { answer, .. }, Given::Text(t)) => t == answer,
        (Body::Multi { answers, .. }, Given::List(chosen)) => {
            let mut a: Vec<&String> = answers.iter().collect();
            let mut c: Vec<&String> = chosen.iter().collect();
            a.sort();
            c.sort();
            c.dedup();
            a == c
        }
        (Body::TrueFalse { answer }, Given::Bool(b)) => answer == b,
        (
            Body::Text {
                accept,
                case_sensitive,
            },
            Given::Text(t),
        ) => {
            let norm = if *case_sensitive {
                collapse_spaces
            } else {
                normalize
            };
            accept.iter().any(|a| norm(a) == norm(t))
        }
        (Body::Order { items }, Given::List(order)) => items == order,
        (Body::Output { output, .. }, Given::Text(t)) => output_matches(output, t),
        (Body::Open { .. }, Given::Points(_)) => {
            points_share(q, given).is_some_and(|s| s >= OPEN_PASS_SHARE)
        }
        _ => false,
    }
}

/// The feedback line for a chosen distractor, if the bank gives one.
pub fn feedback_for(q: &Question, given: &Given) -> Option<String> {
    let (distractors, feedback) = q.body.distractors()?;
    let chosen: Vec<&str> = match given {
        Given::Text(t) => vec![t.as_str()],
        Given::List(v) => v.iter().map(String::as_str).collect(),
        _ => return None,
    };
    let lines: Vec<&str> = distractors
        .iter()
        .zip(feedback)
        .filter(|(d, _)| {
            chosen
                .iter()
                .any(|c| c.trim_end_matches('\n') == d.trim_end_matches('\n'))
        })
        .map(|(_, f)| f.as_str())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// The right answer as one line, for feedback and reports.
pub fn key_display(q: &Question) -> String {
    match &q.body {
        Body::Single { answer, .. } => answer.clone(),
        Body::Multi { answers, .. } => answers.join(" | "),
        Body::TrueFalse { answer } => if *answer { "True" } else { "False" }.into(),
        Body::Text { accept, .. } => accept.first().cloned().unwrap_or_default(),
        Body::Order { items } => items.join(" → "),
        Body::Output { output, .. } => output.trim_end_matches('\n').replace('\n', " ⏎ "),
        Body::Open { key_points, .. } => key_points.join(" · "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_answers_ignore_case_and_spacing() {
        assert_eq!(normalize("  201   Created\n"), "201 created");
    }

    #[test]
    fn output_matches_lines_or_spaces_but_not_other_order() {
        assert!(output_matches("a\nb\n", "a\nb"));
        assert!(output_matches("a\nb\n", "a b"));
        assert!(output_matches("1 2\n3\n", "1 2 3"));
        assert!(!output_matches("a\nb\n", "b a"));
        assert!(!output_matches("a\nb\n", "a"));
    }
}
