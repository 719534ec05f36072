//! The answers file for scripted runs: question id → answer, in TOML or JSON, checked against the
//! bank before the quiz starts so a typo is an error, not a silent skip.
//!
//! ```toml
//! "core.closure-counter" = "It logs 3 three times"   # single: the option's text
//! "core.sync-fs-blocks" = ["fs.readFileSync(path)"]   # multi: every chosen option
//! "core.const-object" = false                         # true-false
//! "web-basics.created-status" = "201"                 # text, or output: the typed answer
//! "core.event-loop-phases" = ["timers", "poll", "check"]  # order: items in your order
//! ```
//! A question of the quiz that is not in the file counts as skipped; so does the string "skip".
//! With `--confidence`, an answer can carry its rating: `{ answer = "…", confidence = "certain" }`.
//! An open question is answered with the key points covered, by index (from 0) or by text (exact
//! after normalising case and spacing): `{ points = [0, 2] }` or `{ points = ["…"] }`; in an
//! interview, `follow_ups = [true]` says which follow-up questions the answer covered, and
//! `text = "…"` is the answer in words, kept in history like a typed answer.

use std::collections::HashMap;
use std::ops::Range;

use crate::answered::Confidence;
use crate::bank::{Bank, Body, Question};
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};
use crate::mark::Given;

/// An answer value before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    List(Vec<String>),
    Bool(bool),
    /// `{ answer = …, confidence = "certain" }`.
    Rated(Box<Value>, Option<String>),
    /// `{ points = […], follow_ups = [true, …], text = "…" }`, for an open question.
    Points(Vec<PointRef>, Vec<bool>, Option<String>),
    Other(&'static str),
}

/// A key point named in an answers file.
#[derive(Debug, Clone, PartialEq)]
enum PointRef {
    Index(i64),
    Text(String),
    /// Neither a whole number nor a string.
    Bad,
}

/// The answers of a file and what some of them carry besides.
#[derive(Debug, Default)]
pub struct Parsed {
    pub answers: HashMap<String, Given>,
    /// `{ answer = …, confidence = "certain" }`.
    pub ratings: HashMap<String, Confidence>,
    /// Which follow-ups each open answer covered.
    pub follow_ups: HashMap<String, Vec<bool>>,
    /// The words of an open answer (`text = "…"`).
    pub typed: HashMap<String, String>,
}

/// Parses an answers file (TOML, or JSON when it starts with `{`) and checks it against the bank.
pub fn parse(src: &Source, bank: &Bank) -> Result<Parsed> {
    let is_json = src.name.ends_with(".json") || src.text.trim_start().starts_with('{');
    let entries = if is_json {
        parse_json(src)
    } else {
        parse_toml(src)
    }
    .map_err(|d| invalid(src, vec![d]))?;
    let mut diags = Vec::new();
    let mut parsed = Parsed::default();
    for (id, value, span) in entries {
        let value = match value {
            Value::Rated(inner, rating) => {
                match rating.as_deref().map(|r| (r, Confidence::parse(r))) {
                    Some((_, Some(c))) => {
                        parsed.ratings.insert(id.clone(), c);
                    }
                    Some((r, None)) => diags.push(Diagnostic::error("bad-confidence", &src.name, Some(span.clone()), format!("confidence {r:?} for `{id}`: expected \"guessing\", \"fairly sure\" or \"certain\""))),
                    None => {}
                }
                *inner
            }
            Value::Points(p, f, text) => {
                if !f.is_empty() {
                    parsed.follow_ups.insert(id.clone(), f);
                }
                if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
                    let kept = t.chars().take(crate::answered::MAX_TYPED_CHARS).collect();
                    parsed.typed.insert(id.clone(), kept);
                }
                Value::Points(p, Vec::new(), None)
            }
            v => v,
        };
        let Some(q) = bank.question(&id) else {
            diags.push(Diagnostic::error(
                "unknown-question",
                &src.name,
                Some(span),
                format!("no question with id `{id}` in the banks"),
            ));
            continue;
        };
        match given(q, value) {
            Ok(g) => {
                parsed.answers.insert(id, g);
            }
            Err(msg) => diags.push(Diagnostic::error(
                "bad-answer",
                &src.name,
                Some(span),
                format!("answer for `{id}`: {msg}"),
            )),
        }
    }
    if diags.is_empty() {
        Ok(parsed)
    } else {
        Err(invalid(src, diags))
    }
}

fn invalid(src: &Source, diagnostics: Vec<Diagnostic>) -> Error {
    Error::Invalid {
        diagnostics,
        sources: vec![src.clone()],
    }
}

fn parse_toml(src: &Source) -> std::result::Result<Vec<(String, Value, Range<usize>)>, Diagnostic> {
    let root = toml::de::DeTable::parse(&src.text).map_err(|e| {
        Diagnostic::error(
            "toml-syntax",
            &src.name,
            e.span(),
            e.message().trim_end().to_string(),
        )
    })?;
    Ok(root
        .into_inner()
        .into_iter()
        .map(|(k, v)| {
            let span = v.span();
            (k.into_inner().to_string(), toml_value(v.get_ref()), span)
        })
        .collect())
}

fn parse_json(src: &Source) -> std::result::Result<Vec<(String, Value, Range<usize>)>, Diagnostic> {
    let v: serde_json::Value = serde_json::from_str(&src.text).map_err(|e| {
        let offset = offset_of(&src.text, e.line(), e.column());
        Diagnostic::error(
            "json-syntax",
            &src.name,
            Some(offset..offset),
            e.to_string(),
        )
    })?;
    let serde_json::Value::Object(map) = v else {
        return Err(Diagnostic::error(
            "json-shape",
            &src.name,
            Some(0..0),
            "expected an object: { \"question-id\": answer, … }",
        ));
    };
    // serde_json keeps the last of two equal keys; TOML rejects them, and so do we.
    if let Ok(TopKeys(keys)) = serde_json::from_str::<TopKeys>(&src.text) {
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = keys.iter().find(|k| !seen.insert(k.as_str())) {
            let quoted = format!("\"{dup}\"");
            let at = src.text.match_indices(&quoted).nth(1).map_or(0, |(i, _)| i);
            return Err(Diagnostic::error(
                "duplicate-answer",
                &src.name,
                Some(at..at + quoted.len()),
                format!("`{dup}` is answered twice"),
            ));
        }
    }
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            // serde_json keeps no spans: point at the key's first occurrence.
            let at = src.text.find(&format!("\"{k}\"")).unwrap_or(0);
            (k.clone(), json_value(v), at..at + k.len() + 2)
        })
        .collect())
}

/// The top-level keys of a JSON object, in order, duplicates kept.
struct TopKeys(Vec<String>);

impl<'de> serde::Deserialize<'de> for TopKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TopKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, serde::de::IgnoredAny)) = map.next_entry::<String, _>()? {
                    keys.push(k);
                }
                Ok(TopKeys(keys))
            }
        }
        d.deserialize_map(Visit)
    }
}

fn toml_value(v: &toml::de::DeValue) -> Value {
    match v {
        toml::de::DeValue::String(s) => Value::Str(s.to_string()),
        toml::de::DeValue::Boolean(b) => Value::Bool(*b),
        toml::de::DeValue::Array(a) => {
            let strs: Option<Vec<String>> = a
                .iter()
                .map(|x| x.get_ref().as_str().map(str::to_string))
                .collect();
            strs.map_or(Value::Other("an array with non-strings"), Value::List)
        }
        toml::de::DeValue::Table(t) if t.get("points").is_some() => {
            if t.get("points")
                .and_then(|p| p.get_ref().as_array())
                .is_none()
            {
                return Value::Other("`points` that is not an array");
            }
            let points = toml_items(t.get("points"))
                .into_iter()
                .map(|x| match x {
                    toml::de::DeValue::Integer(i) => {
                        i.as_str().parse().map_or(PointRef::Bad, PointRef::Index)
                    }
                    toml::de::DeValue::String(s) => PointRef::Text(s.to_string()),
                    _ => PointRef::Bad,
                })
                .collect();
            let follow: Option<Vec<bool>> = toml_items(t.get("follow_ups"))
                .into_iter()
                .map(|x| match x {
                    toml::de::DeValue::Boolean(b) => Some(*b),
                    _ => None,
                })
                .collect();
            let text = match t.get("text").map(|x| x.get_ref()) {
                None => None,
                Some(toml::de::DeValue::String(s)) => Some(s.to_string()),
                Some(_) => return Value::Other("`text` that is not a string"),
            };
            match follow {
                Some(f) => Value::Points(points, f, text),
                None => Value::Other("`follow_ups` that is not an array of true/false"),
            }
        }
        toml::de::DeValue::Table(t) => match t.get("answer") {
            Some(answer) => Value::Rated(
                Box::new(toml_value(answer.get_ref())),
                t.get("confidence")
                    .map(|c| c.get_ref().as_str().unwrap_or("").to_string()),
            ),
            None => Value::Other("a table without `answer`"),
        },
        other => Value::Other(other.type_str()),
    }
}

fn json_value(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::String(s) => Value::Str(s),
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Array(a) => {
            let strs: Option<Vec<String>> = a
                .into_iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect();
            strs.map_or(Value::Other("an array with non-strings"), Value::List)
        }
        serde_json::Value::Object(o) if o.contains_key("points") => json_points(&o),
        serde_json::Value::Object(mut o) => match o.remove("answer") {
            Some(answer) => Value::Rated(
                Box::new(json_value(answer)),
                o.remove("confidence")
                    .map(|c| c.as_str().unwrap_or("").to_string()),
            ),
            None => Value::Other("an object without \"answer\""),
        },
        serde_json::Value::Number(_) => Value::Other("number"),
        serde_json::Value::Null => Value::Other("null"),
    }
}

/// The elements of a TOML array value (none when absent or not an array).
fn toml_items<'a, 'b>(
    v: Option<&'a toml::Spanned<toml::de::DeValue<'b>>>,
) -> Vec<&'a toml::de::DeValue<'b>> {
    v.and_then(|p| p.get_ref().as_array())
        .map(|a| a.iter().map(|x| x.get_ref()).collect())
        .unwrap_or_default()
}

fn json_points(o: &serde_json::Map<String, serde_json::Value>) -> Value {
    let Some(points) = o.get("points").and_then(|p| p.as_array()) else {
        return Value::Other("\"points\" that is not an array");
    };
    let points = points
        .iter()
        .map(|x| match x {
            serde_json::Value::Number(n) => n.as_i64().map_or(PointRef::Bad, PointRef::Index),
            serde_json::Value::String(s) => PointRef::Text(s.clone()),
            _ => PointRef::Bad,
        })
        .collect();
    let follow: Option<Vec<bool>> = match o.get("follow_ups") {
        None => Some(Vec::new()),
        Some(f) => f
            .as_array()
            .and_then(|a| a.iter().map(serde_json::Value::as_bool).collect()),
    };
    let text = match o.get("text") {
        None => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return Value::Other("\"text\" that is not a string"),
    };
    match follow {
        Some(f) => Value::Points(points, f, text),
        None => Value::Other("\"follow_ups\" that is not an array of true/false"),
    }
}

/// The key points named, as indices into `key_points`: an index must exist, a text must be one
/// of the key points after normalising.
fn key_point_indices(
    refs: &[PointRef],
    key_points: &[String],
) -> std::result::Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for r in refs {
        let i = match r {
            PointRef::Index(i) => usize::try_from(*i)
                .ok()
                .filter(|&i| i < key_points.len())
                .ok_or_else(|| {
                    format!(
                        "key point {i} does not exist: this question has {} (0 to {})",
                        key_points.len(),
                        key_points.len().saturating_sub(1)
                    )
                })?,
            PointRef::Text(t) => {
                let norm = crate::text::normalize(t);
                key_points
                    .iter()
                    .position(|k| crate::text::normalize(k) == norm)
                    .ok_or_else(|| format!("{t:?} is not one of the key points"))?
            }
            PointRef::Bad => {
                return Err("`points` lists key points by index (0, 1, …) or by text".into());
            }
        };
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// Checks an answer's shape against its question's kind; choices must name real options.
fn given(q: &Question, value: Value) -> std::result::Result<Given, String> {
    if value == Value::Str("skip".into()) {
        return Ok(Given::Skip);
    }
    let option = |s: String, options: Vec<&String>| {
        if options
            .iter()
            .any(|o| o.trim_end_matches('\n') == s.trim_end_matches('\n'))
        {
            Ok(Given::Text(s))
        } else {
            Err(format!("{s:?} is not one of the options"))
        }
    };
    match (&q.body, value) {
        (
            Body::Single {
                answer,
                distractors,
                ..
            },
            Value::Str(s),
        ) => option(s, std::iter::once(answer).chain(distractors).collect()),
        (
            Body::Output {
                output,
                distractors,
                ..
            },
            Value::Str(s),
        ) if !distractors.is_empty() => {
            option(s, std::iter::once(output).chain(distractors).collect())
        }
        (Body::Output { .. } | Body::Text { .. }, Value::Str(s)) => Ok(Given::Text(s)),
        (
            Body::Multi {
                answers,
                distractors,
                ..
            },
            Value::List(v),
        ) => match v
            .iter()
            .find(|c| !answers.contains(c) && !distractors.contains(c))
        {
            Some(bad) => Err(format!("{bad:?} is not one of the options")),
            None => Ok(Given::List(v)),
        },
        (Body::Order { items }, Value::List(v)) => {
            let (mut a, mut b) = (items.clone(), v.clone());
            a.sort();
            b.sort();
            if a == b {
                Ok(Given::List(v))
            } else {
                Err("must list every item exactly once".into())
            }
        }
        (Body::TrueFalse { .. }, Value::Bool(b)) => Ok(Given::Bool(b)),
        (Body::Open { key_points, .. }, Value::Points(refs, ..)) => {
            key_point_indices(&refs, key_points).map(Given::Points)
        }
        (body, v) => Err(format!(
            "expected {} for a {} question, found {}",
            expected(body),
            body.kind().name(),
            found(&v)
        )),
    }
}

fn expected(body: &Body) -> &'static str {
    match body {
        Body::Single { .. } | Body::Text { .. } | Body::Output { .. } => "a string",
        Body::Multi { .. } | Body::Order { .. } => "an array of strings",
        Body::TrueFalse { .. } => "true or false",
        Body::Open { .. } => "{ points = [indices or key point texts] }",
    }
}

fn found(v: &Value) -> &'static str {
    match v {
        Value::Str(_) => "a string",
        Value::List(_) => "an array",
        Value::Bool(_) => "a boolean",
        Value::Rated(..) => "a nested answer table",
        Value::Points(..) => "a table of key points",
        Value::Other(t) => t,
    }
}
