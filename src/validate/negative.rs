//! The negative-stem lint: "Which is not …" is easy to misread unless the negation stands out.
//!
//! Only the question sentence counts (the last one ending in '?', else the last sentence), so
//! scene-setting text ("the cursor has not moved") is not flagged, and the finding points at the
//! negative word itself.

use std::ops::Range;

use crate::bank::Question;
use crate::diagnostic::{Diagnostic, Source};

const NEGATIVES: [&str; 3] = ["not", "except", "never"];
const EMPHASISED: [&str; 3] = ["NOT", "EXCEPT", "NEVER"];
/// Verbs that open an imperative question ("Select the option that is not …").
const IMPERATIVES: [&str; 6] = ["Select", "Choose", "Pick", "Identify", "Name", "Find"];

/// Warns when the question sentence carries an unemphasised negative word.
pub fn check(q: &Question, sources: &[Source], out: &mut Vec<Diagnostic>) {
    let words = prose_words(&q.prompt);
    let Some(sentence) = question_sentence(&q.prompt, &words) else {
        return;
    };
    let in_sentence: Vec<&(Range<usize>, &str)> = words
        .iter()
        .filter(|(r, _)| sentence.contains(&r.start))
        .collect();
    let asks = in_sentence
        .iter()
        .any(|(_, w)| w.eq_ignore_ascii_case("which"))
        || in_sentence
            .first()
            .is_some_and(|(_, w)| IMPERATIVES.contains(w));
    let emphasised = in_sentence.iter().any(|(_, w)| EMPHASISED.contains(w));
    let negative = in_sentence.iter().find(|(_, w)| NEGATIVES.contains(w));
    if let (true, false, Some((range, word))) = (asks, emphasised, negative) {
        let nth = words
            .iter()
            .filter(|(r, w)| w == word && r.start < range.start)
            .count();
        out.push(
            Diagnostic::warning(
                "negative-stem",
                &q.origin.file,
                Some(word_span(q, sources, word, nth)),
                "negative stem: rephrase positively, or emphasise it as NOT / EXCEPT / NEVER",
            )
            .with_label(format!("`{word}` is easy to miss here")),
        );
    }
}

/// Words of the prompt outside `code`, with their byte ranges.
fn prose_words(prompt: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut start: Option<usize> = None;
    for (i, c) in prompt
        .char_indices()
        .chain(std::iter::once((prompt.len(), ' ')))
    {
        if c.is_alphanumeric() && !in_code {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s..i, &prompt[s..i]));
        }
        if c == '`' {
            in_code = !in_code;
        }
    }
    out
}

/// The byte range of the sentence that asks: the last ending in '?', else the last one.
fn question_sentence(prompt: &str, words: &[(Range<usize>, &str)]) -> Option<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for pair in words.windows(2) {
        let (end, next) = (pair[0].0.end, pair[1].0.start);
        if let Some(close) = sentence_end(&prompt[end..next]) {
            sentences.push(start..end + close);
            start = end + close;
        }
    }
    sentences.push(start..prompt.len());
    let asks = |r: &Range<usize>| prompt[r.clone()].trim_end().ends_with('?');
    let question = sentences.iter().rev().find(|r| asks(r));
    question.or(sentences.last()).cloned()
}

/// Where the text between two words closes a sentence ('.', '?' or '!' then a space), as an
/// offset just past the mark. Code spans in the gap are complete, so only the prose after the
/// last one can close it.
fn sentence_end(gap: &str) -> Option<usize> {
    let prose_from = gap.rfind('`').map_or(0, |i| i + 1);
    let closed = gap[prose_from..].trim_end();
    (closed.ends_with(['.', '?', '!']) && gap.ends_with(char::is_whitespace))
        .then_some(prose_from + closed.len())
}

/// The source span of the `nth` whole-word `word` inside the prompt's value, else the prompt.
fn word_span(q: &Question, sources: &[Source], word: &str, nth: usize) -> Range<usize> {
    let prompt = q.origin.span("prompt");
    let Some(src) = sources.iter().find(|s| s.name == q.origin.file) else {
        return prompt;
    };
    let Some(text) = src.text.get(prompt.clone()) else {
        return prompt;
    };
    prose_words(text)
        .into_iter()
        .filter(|(_, w)| *w == word)
        .nth(nth)
        .map_or(prompt.clone(), |(r, _)| {
            prompt.start + r.start..prompt.start + r.end
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(p: &str) -> &str {
        let words = prose_words(p);
        p[question_sentence(p, &words).unwrap()].trim()
    }

    #[test]
    fn the_question_sentence_is_the_last_one_asking() {
        let p = "The cursor has not moved. Which call reads the next line? Assume Node 20.";
        assert_eq!(sentence(p), "Which call reads the next line?");
        let p = "Run `f()`. Which result is not cached?";
        assert_eq!(sentence(p), "Which result is not cached?");
        assert_eq!(
            sentence("No question mark. Select the one."),
            "Select the one."
        );
        assert_eq!(sentence("Which is `a. b`?"), "Which is `a. b`?");
    }

    #[test]
    fn words_inside_code_are_not_prose() {
        let w: Vec<&str> = prose_words("Which `is not` here?")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["Which", "here"]);
    }
}
