//! The rules of a sound bank and of good items: one function per rule, each returning findings.

use std::collections::HashMap;

use crate::bank::{Body, Question};
use crate::diagnostic::{Diagnostic, Source};
use crate::roadmap::Roadmap;
use crate::text::normalize;
use crate::text::unsafe_chars;

/// Length limits: past these a prompt stops being readable in a terminal.
pub const MAX_PROMPT: usize = 800;
pub const MAX_OPTION: usize = 200;
pub const MAX_SNIPPET_LINES: usize = 25;
/// Open questions: an interviewer's question is read aloud in one breath; a model answer is a
/// few paragraphs; a key point is one checkable statement.
pub const MAX_OPEN_PROMPT: usize = 600;
pub const MAX_MODEL_ANSWER: usize = 3000;
pub const MAX_KEY_POINT: usize = 200;
pub const MAX_FOLLOW_UP: usize = 300;

/// Runs every per-question and per-bank rule.
pub fn check_all(rm: &Roadmap, qs: &[Question], sources: &[Source]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    placement(rm, qs, sources, &mut out);
    for q in qs {
        options_sound(q, &mut out);
        explanation_and_references(q, &mut out);
        positional_options(q, &mut out);
        control_characters(q, sources, &mut out);
        lengths(q, &mut out);
        open_lengths(q, &mut out);
        super::negative::check(q, sources, &mut out);
    }
    option_length_lints(qs, &mut out);
    one_kind_topics(qs, &mut out);
    out.extend(super::coverage::near_duplicates(qs));
    toml11_syntax(sources, &mut out);
    raw_control_characters(sources, &mut out);
    roadmap_control_characters(rm, sources, &mut out);
    out
}

fn err(q: &Question, key: &str, code: &'static str, msg: String) -> Diagnostic {
    Diagnostic::error(code, &q.origin.file, Some(q.origin.span(key)), msg)
}

fn warn(q: &Question, key: &str, code: &'static str, msg: String) -> Diagnostic {
    Diagnostic::warning(code, &q.origin.file, Some(q.origin.span(key)), msg)
}

/// A bank file lives at `<level>/<section>.toml` for the section it declares.
fn placement(rm: &Roadmap, qs: &[Question], sources: &[Source], out: &mut Vec<Diagnostic>) {
    for src in sources.iter().filter(|s| s.rel != "roadmap.toml") {
        let Some(q) = qs.iter().find(|q| q.origin.file == src.name) else {
            continue;
        };
        let expected = format!("{}/{}.toml", rm.levels[q.level].id, q.section);
        if src.rel != expected {
            out.push(Diagnostic::error(
                "placement",
                &src.name,
                None,
                format!(
                    "a bank of section `{}` belongs at `{expected}`, not `{}`",
                    q.section, src.rel
                ),
            ));
        }
    }
}

/// An option and where it is written: its key and, in an array, its index.
struct Opt<'a> {
    key: &'static str,
    index: Option<usize>,
    text: &'a String,
}

fn options(q: &Question) -> Vec<Opt<'_>> {
    let one = |key, text| Opt {
        key,
        index: None,
        text,
    };
    let mut out = Vec::new();
    match &q.body {
        Body::Single {
            answer,
            distractors,
            ..
        } => {
            out.push(one("answer", answer));
            out.extend(many("distractors", distractors));
        }
        Body::Multi {
            answers,
            distractors,
            ..
        } => {
            out.extend(many("answers", answers));
            out.extend(many("distractors", distractors));
        }
        Body::Output {
            output,
            distractors,
            ..
        } if !distractors.is_empty() => {
            out.push(one("output", output));
            out.extend(many("distractors", distractors));
        }
        Body::Order { items } => out.extend(many("items", items)),
        Body::Text { accept, .. } => out.extend(many("accept", accept)),
        _ => {}
    }
    out
}

fn many<'a>(key: &'static str, v: &'a [String]) -> impl Iterator<Item = Opt<'a>> {
    v.iter().enumerate().map(move |(i, text)| Opt {
        key,
        index: Some(i),
        text,
    })
}

fn opt_err(q: &Question, o: &Opt, code: &'static str, msg: String) -> Diagnostic {
    let span = o
        .index
        .map_or_else(|| q.origin.span(o.key), |i| q.origin.element_span(o.key, i));
    Diagnostic::error(code, &q.origin.file, Some(span), msg)
}

/// Options unique, the key not also a distractor, enough right and wrong options and items.
fn options_sound(q: &Question, out: &mut Vec<Diagnostic>) {
    let opts = options(q);
    let mut seen: HashMap<String, &str> = HashMap::new();
    // Answers told apart by case alone are distinct when case is compared.
    let case_kept = matches!(
        q.body,
        Body::Text {
            case_sensitive: true,
            ..
        }
    );
    for o in &opts {
        let norm = if case_kept {
            crate::text::collapse_spaces(o.text)
        } else {
            normalize(o.text)
        };
        if norm.is_empty() {
            out.push(opt_err(q, o, "empty-option", "an option is empty".into()));
        }
        if let Some(prev) = seen.insert(norm, o.key) {
            let text = o.text;
            let msg = if prev != o.key {
                format!("{text:?} is listed both in `{prev}` and in `{}`", o.key)
            } else {
                format!("{text:?} is listed twice")
            };
            out.push(opt_err(q, o, "duplicate-option", msg));
        }
    }
    match &q.body {
        Body::Multi { answers, .. } if answers.is_empty() => out.push(err(
            q,
            "answers",
            "no-right-option",
            "a multiple-choice question needs at least one right option".into(),
        )),
        Body::Order { items } if items.len() < 3 => out.push(err(
            q,
            "items",
            "few-items",
            format!(
                "an ordering question needs at least 3 items, not {}",
                items.len()
            ),
        )),
        Body::Text { accept, .. } if accept.is_empty() => out.push(err(
            q,
            "accept",
            "no-accepted-answer",
            "`accept` needs at least one answer".into(),
        )),
        _ => {}
    }
    let (n_distractors, n_feedback) = q
        .body
        .distractors()
        .map_or((0, 0), |(d, f)| (d.len(), f.len()));
    if n_feedback > 0 && n_feedback != n_distractors {
        out.push(err(q, "feedback", "feedback-count", format!("{n_feedback} feedback lines for {n_distractors} distractors: give one per distractor, in the same order")));
    }
}

fn explanation_and_references(q: &Question, out: &mut Vec<Diagnostic>) {
    let e = normalize(&q.explanation);
    if e.is_empty() {
        out.push(err(
            q,
            "explanation",
            "no-explanation",
            "the explanation is empty".into(),
        ));
    } else if e == normalize(&q.prompt) {
        out.push(err(
            q,
            "explanation",
            "explanation-copies-prompt",
            "the explanation repeats the prompt: say why the answer is right".into(),
        ));
    }
    for (i, r) in q.references.iter().enumerate() {
        let ok = (r.starts_with("https://") || r.starts_with("http://"))
            && r.len() > 10
            && !r.contains(char::is_whitespace);
        if !ok {
            let span = q.origin.element_span("references", i);
            out.push(Diagnostic::error(
                "bad-reference",
                &q.origin.file,
                Some(span),
                format!("{r:?} is not an http(s) URL"),
            ));
        }
    }
}

/// Options are shuffled, so anything that points at other options by position or in bulk is wrong.
fn positional_options(q: &Question, out: &mut Vec<Diagnostic>) {
    const BAD: [&str; 10] = [
        "all of the above",
        "none of the above",
        "both of the above",
        "all of these",
        "none of these",
        "the above",
        "the first option",
        "the last option",
        "options a and b",
        "both a and b",
    ];
    if !matches!(q.body, Body::Single { .. } | Body::Multi { .. }) {
        return;
    }
    for o in options(q) {
        let t = normalize(o.text);
        if let Some(p) = BAD.iter().find(|p| t.contains(*p)) {
            out.push(opt_err(q, &o, "positional-option", format!("option {:?} says \"{p}\", but options are shuffled: write a self-contained option", o.text)));
        }
    }
}

/// Whether text holds a character that must not reach a terminal (CRLF line ends are fine).
fn has_escape(s: &str) -> bool {
    unsafe_chars(s).next().is_some()
}

const CONTROL: &str = "control character or escape sequence (or a bidirectional control or zero-width character) in the text (write it as a visible escape, e.g. \\u001b)";

/// Escape sequences written as TOML escapes (`\\u001b`) in any of a question's strings; the raw
/// characters themselves are located exactly by [`raw_control_characters`].
fn control_characters(q: &Question, sources: &[Source], out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<(&str, &String)> = vec![
        ("id", &q.id),
        ("topic", &q.topic),
        ("prompt", &q.prompt),
        ("explanation", &q.explanation),
    ];
    texts.extend(options(q).into_iter().map(|o| (o.key, o.text)));
    texts.extend(q.references.iter().map(|r| ("references", r)));
    if let Some((distractors, feedback)) = q.body.distractors() {
        texts.extend(distractors.iter().map(|d| ("distractors", d)));
        texts.extend(feedback.iter().map(|f| ("feedback", f)));
    }
    if let Body::Output { code, output, .. } = &q.body {
        texts.push(("code", code));
        texts.push(("output", output));
    }
    let raw = sources.iter().find(|s| s.name == q.origin.file);
    let mut flagged: Vec<&str> = Vec::new();
    for (key, text) in texts {
        if flagged.contains(&key) || !has_escape(text) {
            continue;
        }
        let span = q.origin.span(key);
        let literal = raw
            .and_then(|src| src.text.get(span.clone()))
            .is_some_and(has_escape);
        if !literal {
            flagged.push(key);
            out.push(err(q, key, "control-character", CONTROL.into()));
        }
    }
}

/// Unsafe characters written raw anywhere in a file (banks and roadmap.toml alike: strings,
/// keys, comments), each located exactly; a file full of them reports the first few.
pub fn raw_control_characters(sources: &[Source], out: &mut Vec<Diagnostic>) {
    const SHOWN: usize = 20;
    for src in sources {
        let found: Vec<(usize, char)> = unsafe_chars(&src.text).collect();
        for &(i, c) in found.iter().take(SHOWN) {
            out.push(Diagnostic::error(
                "control-character",
                &src.name,
                Some(i..i + c.len_utf8()),
                format!("U+{:04X}: {CONTROL}", c as u32),
            ));
        }
        if found.len() > SHOWN {
            out.push(Diagnostic::error(
                "control-character",
                &src.name,
                None,
                format!(
                    "{} more unsafe characters in this file",
                    found.len() - SHOWN
                ),
            ));
        }
    }
}

/// Escape sequences written as TOML escapes in roadmap.toml's strings (titles, goals, tracks):
/// they reach the progress line, reports, `history`, `stats` and `practice`.
pub fn roadmap_control_characters(rm: &Roadmap, sources: &[Source], out: &mut Vec<Diagnostic>) {
    fn walk(v: &serde_json::Value, path: String, found: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if has_escape(s) => found.push(path),
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{path}[{i}]"), found);
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x, p, found);
                }
            }
            _ => {}
        }
    }
    let Some(src) = sources.iter().find(|s| s.rel == "roadmap.toml") else {
        return;
    };
    if has_escape(&src.text) {
        return; // located exactly by raw_control_characters
    }
    let mut found = Vec::new();
    if let Ok(v) = serde_json::to_value(rm) {
        walk(&v, String::new(), &mut found);
    }
    for path in found {
        out.push(Diagnostic::error(
            "control-character",
            &src.name,
            None,
            format!("`{path}`: {CONTROL}"),
        ));
    }
}

/// Length limits of an open question's texts (errors: past them it stops being an interview
/// question).
fn open_lengths(q: &Question, out: &mut Vec<Diagnostic>) {
    let Body::Open {
        model_answer,
        key_points,
        follow_ups,
    } = &q.body
    else {
        return;
    };
    let too_long = |text: &str, limit: usize, what: &str| {
        let n = text.chars().count();
        (n > limit).then(|| format!("{what} is {n} characters (limit {limit})"))
    };
    if let Some(m) = too_long(&q.prompt, MAX_OPEN_PROMPT, "the prompt of an open question") {
        out.push(err(q, "prompt", "long-open-prompt", m));
    }
    if let Some(m) = too_long(model_answer, MAX_MODEL_ANSWER, "the model answer") {
        out.push(err(q, "model_answer", "long-model-answer", m));
    }
    for (key, list, limit) in [
        ("key_points", key_points, MAX_KEY_POINT),
        ("follow_ups", follow_ups, MAX_FOLLOW_UP),
    ] {
        for (i, text) in list.iter().enumerate() {
            if let Some(m) = too_long(text, limit, "this entry") {
                out.push(Diagnostic::error(
                    "long-open-text",
                    &q.origin.file,
                    Some(q.origin.element_span(key, i)),
                    m,
                ));
            }
        }
    }
}

fn lengths(q: &Question, out: &mut Vec<Diagnostic>) {
    let n = q.prompt.chars().count();
    if n > MAX_PROMPT {
        out.push(warn(
            q,
            "prompt",
            "long-prompt",
            format!("the prompt is {n} characters (limit {MAX_PROMPT})"),
        ));
    }
    for o in options(q) {
        let n = o.text.chars().count();
        if n > MAX_OPTION && !matches!(q.body, Body::Output { .. }) {
            let mut d = opt_err(
                q,
                &o,
                "long-option",
                format!("an option is {n} characters (limit {MAX_OPTION})"),
            );
            d.severity = crate::diagnostic::Severity::Warning;
            out.push(d);
        }
    }
    if let Body::Output { code, .. } = &q.body {
        let lines = code.trim_end().lines().count();
        if lines > MAX_SNIPPET_LINES {
            out.push(warn(
                q,
                "code",
                "long-snippet",
                format!("the snippet is {lines} lines (limit {MAX_SNIPPET_LINES})"),
            ));
        }
    }
}

/// Authors tend to make the right option the longest (the most precise), and those who know it
/// over-correct into the shortest; past a third of a section's single-choice questions either is
/// a tell. (By chance, each happens about a quarter of the time with four options.)
fn option_length_lints(qs: &[Question], out: &mut Vec<Diagnostic>) {
    #[derive(Default)]
    struct Counts {
        total: usize,
        longest: usize,
        shortest: usize,
    }
    let mut by_file: std::collections::BTreeMap<&str, Counts> = std::collections::BTreeMap::new();
    for q in qs {
        if let Body::Single {
            answer,
            distractors,
            ..
        } = &q.body
        {
            let len = |s: &str| s.chars().count();
            let c = by_file.entry(&q.origin.file).or_default();
            c.total += 1;
            c.longest += usize::from(distractors.iter().all(|d| len(answer) > len(d)));
            c.shortest += usize::from(distractors.iter().all(|d| len(answer) < len(d)));
        }
    }
    for (file, c) in by_file.into_iter().filter(|(_, c)| c.total >= 3) {
        for (code, n, word) in [
            ("longest-option", c.longest, "longest"),
            ("shortest-option", c.shortest, "shortest"),
        ] {
            if n * 3 > c.total {
                let msg = format!(
                    "the right option is the {word} in {n} of {} single-choice questions (at most a third): test-wise readers will notice",
                    c.total
                );
                out.push(Diagnostic::warning(code, file, None, msg));
            }
        }
    }
}

/// A topic asked only one way tests the format as much as the topic.
fn one_kind_topics(qs: &[Question], out: &mut Vec<Diagnostic>) {
    let mut kinds: HashMap<&str, (Vec<&str>, &Question)> = HashMap::new();
    for q in qs {
        let e = kinds.entry(&q.topic).or_insert((Vec::new(), q));
        let k = q.body.kind().name();
        if !e.0.contains(&k) {
            e.0.push(k);
        }
    }
    let mut topics: Vec<_> = kinds.into_iter().collect();
    topics.sort_by_key(|(t, _)| *t);
    for (topic, (ks, first)) in topics {
        let count = qs.iter().filter(|q| q.topic == topic).count();
        if ks.len() == 1 && count >= 3 {
            out.push(warn(
                first,
                "topic",
                "one-kind-topic",
                format!(
                    "all {count} questions of topic `{topic}` are `{}`: mix in another kind",
                    ks[0]
                ),
            ));
        }
    }
}

/// toml 1.x reads TOML 1.1, which editors' TOML 1.0 tooling rejects: warn on 1.1-only syntax.
fn toml11_syntax(sources: &[Source], out: &mut Vec<Diagnostic>) {
    for src in sources {
        if let Err(e) = toml_v10_check(&src.text) {
            out.push(Diagnostic::warning(
                "toml-1.1",
                &src.name,
                e.0,
                format!(
                    "TOML 1.1-only syntax ({}): editors' TOML 1.0 tooling will reject this file",
                    e.1
                ),
            ));
        }
    }
}

/// Finds the TOML 1.1 additions: newlines or a trailing comma inside inline tables, `\e` and
/// `\xHH` escapes, and times without seconds. Works on a lexical scan that skips strings' insides.
fn toml_v10_check(text: &str) -> Result<(), (Option<std::ops::Range<usize>>, &'static str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut depth_inline = 0usize;
    let mut depth_array = 0usize;
    let mut last_sig: u8 = b'\n';
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = text[i..].starts_with(if c == b'"' { "\"\"\"" } else { "'''" });
                let start = i;
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if c == b'"' && bytes[i] == b'\\' {
                        if let Some(&n) = bytes.get(i + 1)
                            && (n == b'e' || n == b'x')
                        {
                            return Err((Some(i..i + 2), "\\e or \\x escape"));
                        }
                        i += 2;
                        continue;
                    }
                    if bytes[i] == c
                        && (!triple
                            || text[i..].starts_with(if c == b'"' { "\"\"\"" } else { "'''" }))
                    {
                        i += if triple { 3 } else { 1 };
                        break;
                    }
                    i += 1;
                }
                let _ = start;
                last_sig = c;
                continue;
            }
            b'{' => depth_inline += 1,
            b'}' => {
                if depth_inline > 0 && last_sig == b',' && depth_array == 0 {
                    return Err((Some(i..i + 1), "trailing comma in an inline table"));
                }
                depth_inline = depth_inline.saturating_sub(1);
            }
            b'[' if depth_inline > 0 => depth_array += 1,
            b']' if depth_inline > 0 => depth_array = depth_array.saturating_sub(1),
            b'\n' if depth_inline > 0 && depth_array == 0 => {
                return Err((Some(i..i + 1), "newline inside an inline table"));
            }
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last_sig = c;
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::toml_v10_check;

    #[test]
    fn toml_11_only_syntax_is_found() {
        assert!(toml_v10_check("a = { x = 1, y = 2 }\nb = \"\\u001b\"\n").is_ok());
        assert!(toml_v10_check("a = { x = 1,\n y = 2 }\n").is_err());
        assert!(toml_v10_check("a = { x = 1, }\n").is_err());
        assert!(toml_v10_check("a = \"\\e[0m\"\n").is_err());
        assert!(
            toml_v10_check("a = '''\n{\n'''\n").is_ok(),
            "braces inside strings are text"
        );
    }
}
