//! How a question is shown: options shuffled by the seeded generator, items scrambled for ordering.

use super::rng::QuizRng;
use crate::bank::{Body, Question};

/// What the prompter must ask for one question.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Pick one option (single choice, true/false, output with distractors) or several (`multi`).
    Choose { options: Vec<String>, multi: bool },
    /// Type a short answer (text, output without distractors).
    Type,
    /// Put the shown items in order.
    Order { items: Vec<String> },
    /// Answer in your own words, then tick the key points covered (shown in their written
    /// order: an index in an answers file means the same point everywhere).
    Open,
}

/// Shows a question: every list of options is shuffled; true/false keeps True before False.
pub fn present(q: &Question, rng: &mut QuizRng) -> Ask {
    match &q.body {
        Body::Single {
            answer,
            distractors,
            ..
        } => choose(
            rng,
            [answer.clone()]
                .into_iter()
                .chain(distractors.iter().cloned()),
            false,
        ),
        Body::Multi {
            answers,
            distractors,
            ..
        } => choose(rng, answers.iter().chain(distractors).cloned(), true),
        Body::TrueFalse { .. } => Ask::Choose {
            options: vec!["True".into(), "False".into()],
            multi: false,
        },
        Body::Text { .. } => Ask::Type,
        Body::Output {
            output,
            distractors,
            ..
        } if !distractors.is_empty() => choose(
            rng,
            [output.trim_end_matches('\n').to_string()]
                .into_iter()
                .chain(
                    distractors
                        .iter()
                        .map(|d| d.trim_end_matches('\n').to_string()),
                ),
            false,
        ),
        Body::Output { .. } => Ask::Type,
        Body::Order { items } => {
            let mut shown = items.clone();
            // An ordering shown already in order gives the answer away: reshuffle (bounded).
            for _ in 0..8 {
                rng.shuffle(&mut shown);
                if shown != *items {
                    break;
                }
            }
            Ask::Order { items: shown }
        }
        Body::Open { .. } => Ask::Open,
    }
}

fn choose(rng: &mut QuizRng, options: impl Iterator<Item = String>, multi: bool) -> Ask {
    let mut options: Vec<String> = options.collect();
    rng.shuffle(&mut options);
    Ask::Choose { options, multi }
}
