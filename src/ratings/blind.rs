//! What a judge sees of a question: the prompt, code, options with the key marked, the
//! explanation and references — never its id, level, section, topic or difficulty.

use crate::bank::{Body, Module, Question};

/// A question stripped of everything that gives its tag away.
#[derive(Debug, Clone, PartialEq)]
pub struct Blind {
    /// "single choice", "select all that apply", …
    pub kind: &'static str,
    pub prompt: String,
    /// The snippet of an output question, and how it runs ("CommonJS", "ES module").
    pub code: Option<(&'static str, String)>,
    /// Each option or line of the key, and whether it is (part of) the key.
    pub options: Vec<(String, bool)>,
    pub explanation: String,
    pub references: Vec<String>,
}

impl Blind {
    pub fn of(q: &Question) -> Self {
        let (kind, options, code) = match &q.body {
            Body::Single {
                answer,
                distractors,
                ..
            } => (
                "single choice",
                keyed(std::slice::from_ref(answer), distractors),
                None,
            ),
            Body::Multi {
                answers,
                distractors,
                ..
            } => ("select all that apply", keyed(answers, distractors), None),
            Body::TrueFalse { answer } => (
                "true or false",
                vec![("True".into(), *answer), ("False".into(), !*answer)],
                None,
            ),
            Body::Text { accept, .. } => (
                "typed answer (accepted spellings)",
                accept.iter().map(|a| (a.clone(), true)).collect(),
                None,
            ),
            Body::Order { items } => (
                "put in order (the right order)",
                items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (format!("{}. {s}", i + 1), true))
                    .collect(),
                None,
            ),
            Body::Output {
                module,
                code,
                output,
                distractors,
                ..
            } => {
                let m = match module {
                    Module::Commonjs => "CommonJS",
                    Module::Esm => "ES module",
                };
                let key = output.trim_end_matches('\n').to_string();
                let kind = if distractors.is_empty() {
                    "what does it print (typed)"
                } else {
                    "what does it print"
                };
                (kind, keyed(&[key], distractors), Some((m, code.clone())))
            }
            Body::Open { key_points, .. } => (
                "open question (key points)",
                key_points.iter().map(|p| (p.clone(), true)).collect(),
                None,
            ),
        };
        Self {
            kind,
            prompt: q.prompt.clone(),
            code,
            options,
            explanation: q.explanation.clone(),
            references: q.references.clone(),
        }
    }
}

fn keyed(keys: &[String], wrong: &[String]) -> Vec<(String, bool)> {
    keys.iter()
        .map(|k| (k.clone(), true))
        .chain(wrong.iter().map(|w| (w.clone(), false)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Origin;

    #[test]
    fn nothing_of_the_tag_is_shown() {
        let q = Question {
            id: "caching.stale-while-revalidate".into(),
            topic: "freshness".into(),
            section: "caching".into(),
            level: 1,
            difficulty: 3,
            prompt: "What does the directive allow?".into(),
            explanation: "It allows serving a stale response while revalidating.".into(),
            references: vec!["https://www.rfc-editor.org/rfc/rfc5861".into()],
            body: Body::Single {
                answer: "Serve stale while revalidating".into(),
                distractors: vec!["Never serve stale".into()],
                feedback: vec![],
            },
            calibration: None,
            judged: None,
            origin: Origin::default(),
        };
        let b = Blind::of(&q);
        let all = format!("{b:?}");
        assert!(!all.contains("caching."), "{all}");
        assert!(!all.contains("freshness"), "{all}");
        assert_eq!(
            b.options[0],
            ("Serve stale while revalidating".into(), true)
        );
        assert!(!b.options[1].1);
    }
}
