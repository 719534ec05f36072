//! Loading banks: files or the embedded copy → `Bank`, collecting every problem with its span.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IntoDeserializer;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::format::{AnswerValue, FORMAT_VERSION, Kind, RawQuestion};
use super::{Bank, Body, Origin, Question, embedded};
use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::error::{Error, Result};
use crate::roadmap::Roadmap;

/// Bank files larger than this are refused: no real bank is near it, and it bounds memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Where banks come from.
#[derive(Debug, Clone)]
pub enum BankSource {
    /// The banks compiled into the binary.
    Embedded,
    /// Folders laid out like `questions/` (the first with a roadmap.toml supplies the roadmap).
    Dirs(Vec<PathBuf>),
}

/// What loading produced: whatever parsed, and every problem found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub roadmap: Option<Roadmap>,
    pub questions: Vec<Question>,
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads banks for a quiz: any error is fatal (exit 2) and reported with every problem.
pub fn load(source: &BankSource) -> Result<Bank> {
    let loaded = parse_sources(read_sources(source)?);
    into_bank(loaded)
}

/// Turns a load result into a bank, or into an error listing every problem.
pub fn into_bank(loaded: Loaded) -> Result<Bank> {
    let failed = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    match loaded.roadmap {
        Some(mut roadmap) if !failed => {
            let digest = digest(&loaded.sources);
            let mut questions = loaded.questions;
            super::display::make_safe(&mut roadmap, &mut questions);
            Ok(Bank {
                roadmap,
                questions,
                sources: loaded.sources,
                digest,
            })
        }
        _ => Err(Error::Invalid {
            diagnostics: loaded.diagnostics,
            sources: loaded.sources,
        }),
    }
}

/// Reads the source files of a bank source, roadmap first.
pub fn read_sources(source: &BankSource) -> Result<Vec<Source>> {
    match source {
        BankSource::Embedded => Ok(embedded::FILES
            .iter()
            .map(|(rel, text)| Source {
                name: format!("questions/{rel}"),
                rel: rel.to_string(),
                text: text.to_string(),
            })
            .collect()),
        BankSource::Dirs(dirs) => {
            let mut out = Vec::new();
            for dir in dirs {
                out.extend(read_dir(dir)?);
            }
            Ok(out)
        }
    }
}

/// Reads `roadmap.toml` and `*/*.toml` under a bank folder, in a stable order.
fn read_dir(dir: &Path) -> Result<Vec<Source>> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a folder of banks (expected roadmap.toml and <level>/<section>.toml)",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    let roadmap = dir.join("roadmap.toml");
    if roadmap.is_file() {
        files.push(roadmap);
    }
    for sub in sorted_entries(dir)? {
        if sub.is_dir() {
            // Every `.toml` entry that is not a folder is read, so a FIFO, a dangling or looping
            // link is reported rather than skipped.
            files.extend(
                sorted_entries(&sub)?
                    .into_iter()
                    .filter(|p| is_toml(p) && !p.is_dir()),
            );
        }
    }
    read_all(dir, &files)
}

/// Reads every file, reporting every one that cannot be read (not only the first).
fn read_all(root: &Path, files: &[PathBuf]) -> Result<Vec<Source>> {
    gather(
        files
            .iter()
            .map(|f| (f.clone(), read_source(root, f)))
            .collect(),
    )
}

/// The sources read, or every read that failed: one failure as itself, several as one error
/// listing each file.
pub fn gather(reads: Vec<(PathBuf, Result<Source>)>) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut problems: Vec<(PathBuf, Error)> = Vec::new();
    for (f, read) in reads {
        match read {
            Ok(s) => sources.push(s),
            Err(e) => problems.push((f, e)),
        }
    }
    if problems.len() <= 1 {
        return match problems.pop() {
            Some((_, e)) => Err(e),
            None => Ok(sources),
        };
    }
    let diagnostics = problems
        .iter()
        .map(|(f, e)| {
            Diagnostic::error(
                "unreadable",
                &f.display().to_string(),
                None,
                unreadable_message(e, f),
            )
        })
        .collect();
    Err(Error::Invalid {
        diagnostics,
        sources: Vec::new(),
    })
}

/// The message of a read failure, without the path (the diagnostic names the file).
fn unreadable_message(e: &Error, path: &Path) -> String {
    let msg = e.message();
    let prefix = format!("{}:", path.display());
    msg.strip_prefix(&prefix)
        .map_or(msg.clone(), |m| m.trim_start().to_string())
}

fn is_toml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for entry in rd {
        v.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    v.sort();
    Ok(v)
}

/// Reads one file, refusing huge and non-UTF-8 files with a located message.
pub fn read_source(root: &Path, path: &Path) -> Result<Source> {
    let bytes = crate::read::file(path, MAX_FILE_BYTES, "a bank file").map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidInput {
            Error::Usage(format!("{}: {e}", path.display()))
        } else {
            Error::io(path, e)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, col) = crate::diagnostic::line_col(&prefix, valid);
        Error::Usage(format!(
            "{}:{line}:{col}: not UTF-8 text (bank files must be UTF-8)",
            path.display()
        ))
    })?;
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(Source {
        name: path.display().to_string(),
        rel,
        text,
    })
}

/// sha256 over each file's relative path and text.
pub fn digest(sources: &[Source]) -> String {
    let mut hasher = Sha256::new();
    for s in sources {
        hasher.update(s.rel.as_bytes());
        hasher.update([0]);
        hasher.update(s.text.as_bytes());
        hasher.update([0]);
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// Parses every source: the roadmap (first `roadmap.toml`) and then each bank file.
pub fn parse_sources(sources: Vec<Source>) -> Loaded {
    let mut diagnostics = Vec::new();
    let roadmap_src = sources.iter().find(|s| s.rel == "roadmap.toml");
    let roadmap = match roadmap_src {
        Some(src) => parse_roadmap(src, &mut diagnostics),
        None => {
            diagnostics.push(Diagnostic::error(
                "no-roadmap",
                "<banks>",
                None,
                "no roadmap.toml found in the bank folder(s)",
            ));
            None
        }
    };
    let mut questions = Vec::new();
    if let Some(rm) = &roadmap {
        for src in sources.iter().filter(|s| s.rel != "roadmap.toml") {
            questions.extend(parse_bank(src, rm, &mut diagnostics));
        }
    }
    duplicate_ids(&questions, &mut diagnostics);
    Loaded {
        roadmap,
        questions,
        sources,
        diagnostics,
    }
}

/// Two questions with one id: answers, history and `--resume` key on the id, so a quiz would mark
/// an answer against the wrong question. A loading error, for `take` as for `validate`.
fn duplicate_ids(qs: &[Question], out: &mut Vec<Diagnostic>) {
    let mut first: std::collections::HashMap<&str, &Question> = std::collections::HashMap::new();
    for q in qs {
        if let Some(prev) = first.get(q.id.as_str()) {
            out.push(Diagnostic::error(
                "duplicate-id",
                &q.origin.file,
                Some(q.origin.span("id")),
                format!("id `{}` is already used in {}", q.id, prev.origin.file),
            ));
        } else {
            first.insert(&q.id, q);
        }
    }
}

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
struct Header {
    level: usize,
    section: String,
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
    if let (Some((level, lspan)), Some((section, sspan))) = (level, section) {
        match rm.section(&section) {
            None => diags.push(
                Diagnostic::error(
                    "unknown-section",
                    file,
                    Some(sspan),
                    format!("unknown section `{section}`"),
                )
                .with_label("not a section id in roadmap.toml"),
            ),
            Some(s) if s.level != level => diags.push(Diagnostic::error(
                "wrong-level",
                file,
                Some(lspan),
                format!(
                    "section `{section}` is at level `{}`, not `{level}`",
                    s.level
                ),
            )),
            Some(_) => {
                if diags.len() == before {
                    let level = rm.level_index(&level)?;
                    return Some(Header { level, section });
                }
            }
        }
    }
    None
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

/// Keys each kind may use beyond the common ones, and which of them it needs.
fn kind_keys(kind: Kind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        Kind::Single => (
            &["answer", "distractors", "feedback"],
            &["answer", "distractors"],
        ),
        Kind::Multi => (
            &["answers", "distractors", "feedback"],
            &["answers", "distractors"],
        ),
        Kind::TrueFalse => (&["answer"], &["answer"]),
        Kind::Text => (&["accept"], &["accept"]),
        Kind::Order => (&["items"], &["items"]),
        Kind::Output => (
            &["module", "code", "output", "distractors", "feedback"],
            &["module", "code", "output"],
        ),
        Kind::Open => (
            &["model_answer", "key_points", "follow_ups"],
            &["model_answer", "key_points"],
        ),
    }
}

/// Every key a question may have (the common ones and each kind's), for "did you mean" hints.
fn known_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = COMMON_KEYS.to_vec();
    for kind in Kind::ALL {
        keys.extend(
            kind_keys(kind)
                .0
                .iter()
                .filter(|k| !keys.contains(k))
                .collect::<Vec<_>>(),
        );
    }
    keys
}

/// The known word closest to a typo, if any is close enough to be a likely intent.
fn closest<'a>(typo: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(typo, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

const COMMON_KEYS: &[&str] = &[
    "id",
    "topic",
    "kind",
    "difficulty",
    "prompt",
    "explanation",
    "references",
    "calibration",
];

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
    let (allowed, needed) = kind_keys(raw.kind);
    for (key, _) in table.iter() {
        let k: &str = key.get_ref();
        if !COMMON_KEYS.contains(&k) && !allowed.contains(&k) {
            diags.push(
                Diagnostic::error(
                    "key-not-for-kind",
                    file,
                    Some(key.span()),
                    format!("`{k}` is not used by `kind = \"{}\"`", raw.kind.name()),
                )
                .with_label(format!("this kind takes: {}", allowed.join(", "))),
            );
        }
    }
    for k in needed {
        if key_span(k).is_none() {
            diags.push(Diagnostic::error(
                "missing-key",
                file,
                Some(table_span.start..table_span.start),
                format!(
                    "question `{}` (kind {}) is missing `{k}`",
                    raw.id,
                    raw.kind.name()
                ),
            ));
        }
    }
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

/// What every question needs whatever its kind: a known topic in this section, a sane difficulty,
/// references.
fn check_common(
    raw: &RawQuestion,
    origin: &Origin,
    header: &Header,
    rm: &Roadmap,
    diags: &mut Vec<Diagnostic>,
) {
    let file = origin.file.as_str();
    match rm.topic(&raw.topic) {
        None => diags.push(
            Diagnostic::error(
                "unknown-topic",
                file,
                Some(origin.span("topic")),
                format!("unknown topic `{}`", raw.topic),
            )
            .with_label("not a topic id in roadmap.toml"),
        ),
        Some(t) if t.section != header.section => diags.push(
            Diagnostic::error(
                "wrong-section",
                file,
                Some(origin.span("topic")),
                format!(
                    "topic `{}` belongs to section `{}`, not `{}`",
                    raw.topic, t.section, header.section
                ),
            )
            .with_label("move the question to that section's file"),
        ),
        Some(_) => {}
    }
    if let Some(d) = raw.difficulty
        && !(1..=3).contains(&d)
    {
        diags.push(
            Diagnostic::error(
                "difficulty",
                file,
                Some(origin.span("difficulty")),
                format!("difficulty {d} is out of range"),
            )
            .with_label("expected 1, 2 or 3"),
        );
    }
    if raw.references.is_empty() {
        diags.push(Diagnostic::error(
            "no-reference",
            file,
            Some(origin.span("references")),
            "at least one reference URL is required",
        ));
    }
    if let Some(c) = raw.calibration
        && !(c.a > 0.0 && (0.0..1.0).contains(&c.c) && c.b.is_finite())
    {
        diags.push(Diagnostic::error(
            "calibration",
            file,
            Some(origin.span("calibration")),
            "calibration needs a > 0, a finite b and 0 ≤ c < 1",
        ));
    }
}

/// The fewest and most key points an open question may have: fewer is not a rubric, more is
/// not something a person can tick honestly after one answer.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=6;

/// 3–6 key points, no two the same after normalising (case, spacing): answers files name key
/// points by their text, so two equal ones would be ambiguous.
fn open_key_points_sound(points: &[String], origin: &Origin, diags: &mut Vec<Diagnostic>) -> bool {
    let file = origin.file.as_str();
    let before = diags.len();
    if !KEY_POINTS.contains(&points.len()) {
        diags.push(Diagnostic::error(
            "key-points-count",
            file,
            Some(origin.span("key_points")),
            format!(
                "an open question needs {} to {} key points, not {}",
                KEY_POINTS.start(),
                KEY_POINTS.end(),
                points.len()
            ),
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let norm = crate::text::normalize(p);
        if norm.is_empty() {
            diags.push(Diagnostic::error(
                "empty-key-point",
                file,
                Some(origin.element_span("key_points", i)),
                "a key point is empty",
            ));
        } else if let Some(first) = seen.iter().position(|s| *s == norm) {
            diags.push(Diagnostic::error(
                "duplicate-key-point",
                file,
                Some(origin.element_span("key_points", i)),
                format!("this key point repeats key point {}", first + 1),
            ));
        }
        seen.push(norm);
    }
    diags.len() == before
}

/// Builds the kind-specific body; required keys were checked before.
fn body(raw: &RawQuestion, origin: &Origin, diags: &mut Vec<Diagnostic>) -> Option<Body> {
    let file = origin.file.as_str();
    let list = |v: &Option<Vec<String>>| v.clone().unwrap_or_default();
    let body = match raw.kind {
        Kind::Single => match &raw.answer {
            Some(AnswerValue::Text(answer)) => Body::Single {
                answer: answer.clone(),
                distractors: list(&raw.distractors),
                feedback: list(&raw.feedback),
            },
            _ => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    file,
                    Some(origin.span("answer")),
                    "`answer` of a single-choice question must be the right option's text",
                ));
                return None;
            }
        },
        Kind::TrueFalse => match &raw.answer {
            Some(AnswerValue::Bool(answer)) => Body::TrueFalse { answer: *answer },
            _ => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    file,
                    Some(origin.span("answer")),
                    "`answer` of a true-false question must be true or false",
                ));
                return None;
            }
        },
        Kind::Multi => Body::Multi {
            answers: list(&raw.answers),
            distractors: list(&raw.distractors),
            feedback: list(&raw.feedback),
        },
        Kind::Text => Body::Text {
            accept: list(&raw.accept),
        },
        Kind::Order => {
            let items = list(&raw.items);
            // Nothing to put in order would end a quiz at a prompt that cannot be answered.
            if items.len() < 2 {
                diags.push(Diagnostic::error(
                    "too-few-items",
                    file,
                    Some(origin.span("items")),
                    "an ordering question needs at least two `items`",
                ));
                return None;
            }
            Body::Order { items }
        }
        Kind::Output => Body::Output {
            module: raw.module?,
            code: raw.code.clone()?,
            output: raw.output.clone()?,
            distractors: list(&raw.distractors),
            feedback: list(&raw.feedback),
        },
        Kind::Open => {
            let key_points = list(&raw.key_points);
            if !open_key_points_sound(&key_points, origin, diags) {
                return None;
            }
            Body::Open {
                model_answer: raw.model_answer.clone()?,
                key_points,
                follow_ups: list(&raw.follow_ups),
            }
        }
    };
    let options = match &body {
        Body::Single { distractors, .. } | Body::Multi { distractors, .. } => {
            Some(distractors.len())
        }
        _ => None,
    };
    if options == Some(0) {
        diags.push(Diagnostic::error(
            "no-distractors",
            file,
            Some(origin.span("distractors")),
            "a choice question needs at least one distractor",
        ));
        return None;
    }
    Some(body)
}
