//! The options of a choice question (keys first, then distractors, in bank order) and which of
//! them an answer chose, as a bit set.

use crate::bank::{Body, Question};
use crate::mark::Given;

/// Most options tracked per question (a bit each); validate keeps real questions far below.
pub const MAX_OPTIONS: usize = 64;

/// One option.
#[derive(Debug, Clone, PartialEq)]
pub struct Opt {
    pub text: String,
    pub key: bool,
}

/// The options of a single, multi or output question; none for the other kinds.
pub fn of(q: &Question) -> Vec<Opt> {
    let (keys, distractors): (Vec<&String>, &[String]) = match &q.body {
        Body::Single {
            answer,
            distractors,
            ..
        } => (vec![answer], distractors),
        Body::Multi {
            answers,
            distractors,
            ..
        } => (answers.iter().collect(), distractors),
        Body::Output {
            output,
            distractors,
            ..
        } => (vec![output], distractors),
        _ => return Vec::new(),
    };
    keys.into_iter()
        .map(|t| (t, true))
        .chain(distractors.iter().map(|t| (t, false)))
        .take(MAX_OPTIONS)
        .map(|(t, key)| Opt {
            text: t.clone(),
            key,
        })
        .collect()
}

/// Which options `given` chose: by exact text, as the prompt offers them (a skip chose none).
pub fn chosen(options: &[Opt], given: &Given) -> u64 {
    let picked = |t: &str| options.iter().position(|o| o.text == t);
    let bit = |i: usize| 1u64 << i;
    match given {
        Given::Text(t) => picked(t).map_or(0, bit),
        Given::List(v) => v
            .iter()
            .filter_map(|t| picked(t))
            .fold(0, |m, i| m | bit(i)),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(texts: &[(&str, bool)]) -> Vec<Opt> {
        texts
            .iter()
            .map(|(t, k)| Opt {
                text: t.to_string(),
                key: *k,
            })
            .collect()
    }

    #[test]
    fn chosen_options_are_found_by_text() {
        let o = opts(&[("a", true), ("b", true), ("c", false)]);
        assert_eq!(chosen(&o, &Given::Text("c".into())), 0b100);
        assert_eq!(
            chosen(&o, &Given::List(vec!["a".into(), "c".into()])),
            0b101
        );
        assert_eq!(chosen(&o, &Given::Text("zzz".into())), 0);
        assert_eq!(chosen(&o, &Given::Skip), 0);
    }
}
