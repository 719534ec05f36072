//! The answers a simulated person gives, as an answers file spells them: the key when right; when
//! wrong, the first distractor (the opposite, for true/false), else a skip.

use crate::bank::{Body, Question};
use serde_json::{Value, json};

/// The answers-file value of a simulated answer to `q`.
pub fn given(q: &Question, right: bool) -> Value {
    match (&q.body, right) {
        (Body::Single { answer, .. }, true) => json!(answer),
        (Body::Output { output, .. }, true) => json!(output),
        (Body::Multi { answers, .. }, true) => json!(answers),
        (Body::TrueFalse { answer }, r) => json!(*answer == r),
        (Body::Text { accept, .. }, true) if !accept.is_empty() => json!(accept[0]),
        (Body::Order { items }, true) => json!(items),
        (Body::Single { distractors, .. } | Body::Output { distractors, .. }, false)
            if !distractors.is_empty() =>
        {
            json!(distractors[0])
        }
        (Body::Multi { distractors, .. }, false) if !distractors.is_empty() => {
            json!([distractors[0]])
        }
        _ => json!("skip"),
    }
}
