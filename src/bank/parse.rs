//! Parsing bank files: TOML → header and questions, each problem reported at its span.

use std::ops::Range;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::checks::{body, check_common};
use super::format::{FORMAT_VERSION, RawQuestion};
use super::keys::{check_kind_keys, closest, did_you_mean, known_keys};
use super::{Origin, Question};
use crate::diagnostic::{Diagnostic, Source};
use crate::roadmap::Roadmap;

fn toml_error(file: &str, err: &toml::de::Error, code: &'static str) -> Diagnostic {
    let message = friendly(err.message());
    Diagnostic::error(code, file, err.span(), message)
}

/// serde's message for the string-or-boolean `answer` names a Rust type; say it in TOML terms.
fn friendly(msg: &str) -> String {
    let msg = msg.trim_end();
    if msg.contains("untagged enum AnswerValue") {
        "`answer` must be a string (the right option, for `single`) or true/false (for `true-false`)".to_string()
    } else {
        msg.to_string()
    }
}

/// Parses and checks roadmap.toml: ids unique, every reference resolves.
pub fn parse_roadmap(src: &Source, diags: &mut Vec<Diagnostic>) -> Option<Roadmap> {
    let rm: Roadmap = match toml::from_str(&src.text) {
        Ok(rm) => rm,
        Err(e) => {
            diags.push(toml_error(&src.name, &e, "roadmap"));
            return None;
        }
    };
    let problems = rm.problems();
    let ok = problems.is_empty();
    diags.extend(
        problems
            .into_iter()
            .map(|m| Diagnostic::error("roadmap", &src.name, None, m)),
    );
    ok.then_some(rm)
}

/// The checked header of a bank file.
pub(super) struct Header {
    pub(super) level: usize,
    pub(super) section: String,
}

/// Parses one bank file, returning the questions that are sound and reporting every problem.
pub fn parse_bank(src: &Source, rm: &Roadmap, diags: &mut Vec<Diagnostic>) -> Vec<Question> {
    let (root, errors) = DeTable::parse_recoverable(&src.text);
    if !errors.is_empty() {
        diags.extend(
            errors
                .iter()
                .map(|e| toml_error(&src.name, e, "toml-syntax")),
        );
        return Vec::new();
    }
    let root_span = root.span();
    let root = root.into_inner();
    let Some(header) = parse_header(src, &root, root_span, rm, diags) else {
        return Vec::new();
    };
    let Some(list) = root.get("questions") else {
        return Vec::new();
    };
    let Some(array) = list.get_ref().as_array() else {
        diags.push(Diagnostic::error(
            "wrong-type",
            &src.name,
            Some(list.span()),
            "`questions` must be an array of tables: write each as [[questions]]",
        ));
        return Vec::new();
    };
    array
        .iter()
        .filter_map(|item| parse_question(src, item, &header, rm, diags))
        .collect()
}

fn parse_header(
    src: &Source,
    root: &DeTable,
    span: Range<usize>,
    rm: &Roadmap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let file = src.name.as_str();
    let before = diags.len();
    for (key, _) in root.iter() {
        if !matches!(
            &**key.get_ref(),
            "format_version" | "level" | "section" | "questions"
        ) {
            diags.push(
                Diagnostic::error(
                    "unknown-key",
                    file,
                    Some(key.span()),
                    format!("unknown key `{}`", key.get_ref()),
                )
                .with_label("expected one of `format_version`, `level`, `section`, `questions`"),
            );
        }
    }
    let head = span.start..span.start;
    match root.get("format_version").map(|v| {
        (
            v.get_ref().as_integer().map(|i| i.as_str().to_string()),
            v.span(),
        )
    }) {
        None => diags.push(Diagnostic::error(
            "missing-key",
            file,
            Some(head.clone()),
            "missing `format_version = 1` at the top of the file",
        )),
        Some((Some(v), _)) if v == FORMAT_VERSION.to_string() => {}
        Some((_, s)) => diags.push(Diagnostic::error(
            "format-version",
            file,
            Some(s),
            format!(
                "unsupported format_version: this build reads format_version = {FORMAT_VERSION}"
            ),
        )),
    }
    let level = string_key(root, "level", file, &head, diags);
    let section = string_key(root, "section", file, &head, diags);
    let (Some((level, lspan)), Some((section, sspan))) = (level, section) else {
        return None;
    };
    let level = header_ids(rm, (&level, lspan), (&section, sspan), file, diags);
    match level {
        Some(level) if diags.len() == before => Some(Header { level, section }),
        _ => None,
    }
}

/// Checks the header's level and section against the roadmap; the level's index when both are
/// known and agree. A mistyped id gets the closest known one as a hint.
fn header_ids(
    rm: &Roadmap,
    (level, lspan): (&str, Range<usize>),
    (section, sspan): (&str, Range<usize>),
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let index = rm.level_index(level);
    if index.is_none() {
        let levels: Vec<&str> = rm.levels.iter().map(|l| l.id.as_str()).collect();
        diags.push(
            Diagnostic::error(
                "unknown-level",
                file,
                Some(lspan.clone()),
                format!("unknown level `{level}`"),
            )
            .with_label(did_you_mean(level, &levels, "a level id in roadmap.toml")),
        );
    }
    match rm.section(section) {
        None => {
            let sections: Vec<&str> = rm.sections.iter().map(|s| s.id.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    "unknown-section",
                    file,
                    Some(sspan),
                    format!("unknown section `{section}`"),
                )
                .with_label(did_you_mean(
                    section,
                    &sections,
                    "a section id in roadmap.toml",
                )),
            );
            None
        }
        Some(s) if index.is_some() && s.level != level => {
            diags.push(Diagnostic::error(
                "wrong-level",
                file,
                Some(lspan),
                format!(
                    "section `{section}` is at level `{}`, not `{level}`",
                    s.level
                ),
            ));
            None
        }
        Some(_) => index,
    }
}

fn string_key(
    root: &DeTable,
    key: &str,
    file: &str,
    head: &Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Range<usize>)> {
    match root.get(key) {
        None => {
            diags.push(Diagnostic::error(
                "missing-key",
                file,
                Some(head.clone()),
                format!("missing `{key} = \"…\"` at the top of the file"),
            ));
            None
        }
        Some(v) => match v.get_ref().as_str() {
            Some(s) => Some((s.to_string(), v.span())),
            None => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    file,
                    Some(v.span()),
                    format!("`{key}` must be a string"),
                ));
                None
            }
        },
    }
}

/// Span of each key's value, and of each element of an array value as `key[i]`, so findings about
/// one option point at that option.
fn key_spans(table: &DeTable) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for (k, v) in table.iter() {
        out.push((k.get_ref().to_string(), v.span()));
        if let Some(items) = v.get_ref().as_array() {
            out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (format!("{}[{i}]", k.get_ref()), item.span())),
            );
        }
    }
    out
}

fn parse_question(
    src: &Source,
    item: &Spanned<DeValue>,
    header: &Header,
    rm: &Roadmap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let file = src.name.as_str();
    let table_span = item.span();
    let Some(table) = item.get_ref().as_table() else {
        diags.push(Diagnostic::error(
            "wrong-type",
            file,
            Some(table_span),
            "each entry of `questions` must be a table",
        ));
        return None;
    };
    let origin = Origin {
        file: file.to_string(),
        table: table_span.clone(),
        keys: key_spans(table),
    };
    let key_span = |name: &str| {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(k, _)| k.span())
    };
    let raw = match RawQuestion::deserialize(item.clone().into_deserializer()) {
        Ok(raw) => raw,
        Err(e) => {
            let mut d = toml_error(file, &e, "wrong-type");
            // serde names the unknown key but points at the table: point at the key itself.
            if let Some(name) = e
                .message()
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
            {
                d.span = key_span(name).or(d.span);
                d.code = "unknown-key";
                d.message = crate::text::escape_unsafe(&format!("unknown key `{name}`"));
                d.label = Some(match closest(name, &known_keys()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("expected one of {}", known_keys().join(", ")),
                });
            }
            diags.push(d);
            return None;
        }
    };
    let before = diags.len();
    check_kind_keys(table, table_span.start, &raw.id, raw.kind, file, diags);
    check_common(&raw, &origin, header, rm, diags);
    if diags.len() != before {
        return None;
    }
    let body = body(&raw, &origin, diags)?;
    Some(Question {
        id: raw.id,
        topic: raw.topic,
        section: header.section.clone(),
        level: header.level,
        difficulty: raw.difficulty.unwrap_or(2),
        prompt: raw.prompt,
        explanation: raw.explanation,
        references: raw.references,
        body,
        calibration: raw.calibration,
        judged: None,
        origin,
    })
}
