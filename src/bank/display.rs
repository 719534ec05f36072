//! Display-safe banks: every string a bank or roadmap supplies is escaped once, when a bank is
//! built for use, so no command and no output format can show a raw escape sequence.

use super::{Body, Question};
use crate::roadmap::Roadmap;
use crate::text::{escape_all, escape_unsafe};

/// Escapes every roadmap string and every question string (see [`escape_unsafe`]).
pub fn make_safe(roadmap: &mut Roadmap, questions: &mut [Question]) {
    escape_all(roadmap);
    for q in questions {
        question(q);
    }
}

fn question(q: &mut Question) {
    for s in [
        &mut q.id,
        &mut q.topic,
        &mut q.section,
        &mut q.prompt,
        &mut q.explanation,
    ] {
        *s = escape_unsafe(s);
    }
    all(&mut q.references);
    match &mut q.body {
        Body::Single {
            answer,
            distractors,
            feedback,
        } => {
            *answer = escape_unsafe(answer);
            all(distractors);
            all(feedback);
        }
        Body::Multi {
            answers,
            distractors,
            feedback,
        } => {
            all(answers);
            all(distractors);
            all(feedback);
        }
        Body::TrueFalse { .. } => {}
        Body::Text { accept, .. } => all(accept),
        Body::Order { items } => all(items),
        Body::Output {
            code,
            output,
            distractors,
            feedback,
            ..
        } => {
            *code = escape_unsafe(code);
            *output = escape_unsafe(output);
            all(distractors);
            all(feedback);
        }
        Body::Open {
            model_answer,
            key_points,
            follow_ups,
        } => {
            *model_answer = escape_unsafe(model_answer);
            all(key_points);
            all(follow_ups);
        }
    }
}

fn all(v: &mut [String]) {
    for s in v {
        *s = escape_unsafe(s);
    }
}
