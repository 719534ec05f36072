//! Diagnostics: a located finding in a bank file, rendered rustc-style with the offending line.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use crate::text::{escape_unsafe, is_unsafe};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, located in a source file when it can be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short machine-readable name of the rule ("unknown-topic", "toml-syntax", …).
    pub code: &'static str,
    /// The file as the user named it (or `questions/…` for built-in banks).
    pub file: String,
    /// Byte range in the file; `None` for findings about the file as a whole.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    pub message: String,
    /// Text under the caret ("expected one of …").
    pub label: Option<String>,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: &str,
        span: Option<Range<usize>>,
        msg: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, file, span, msg.into())
    }

    pub fn warning(
        code: &'static str,
        file: &str,
        span: Option<Range<usize>>,
        msg: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, span, msg.into())
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        span: Option<Range<usize>>,
        message: String,
    ) -> Self {
        // Messages quote file text and file names come from the user: both reach a terminal
        // (or a CI log) in every output format, so they are escaped here, once.
        Self {
            severity,
            code,
            file: escape_unsafe(file),
            span,
            message: escape_unsafe(&message),
            label: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(escape_unsafe(&label.into()));
        self
    }
}

/// A source file kept for rendering diagnostics against it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as shown to the user.
    pub name: String,
    /// The path inside the bank folder (`beginner/core.toml`), used to check placement.
    pub rel: String,
    pub text: String,
}

/// Where `needle` first occurs in `text`: for locating a TOML key or table header that a
/// deserializer reported without a span.
pub fn span_of(text: &str, needle: &str) -> Option<Range<usize>> {
    text.find(needle).map(|i| i..i + needle.len())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a diagnostic points, as (line, column), when it has a span and its source is known.
pub fn position(d: &Diagnostic, sources: &[Source]) -> Option<(usize, usize)> {
    Index::new(sources).position(d)
}

/// Renders one diagnostic rustc-style: title, file:line:column, the line and a caret.
pub fn render(d: &Diagnostic, sources: &[Source], color: bool) -> String {
    Index::new(sources).render(d, color)
}

/// Most lines of a long span (a whole question table) shown under a diagnostic.
const MAX_SHOWN_LINES: usize = 8;

/// Sources with the start of every line, computed once per file on first use: rendering a
/// diagnostic then costs the lines it shows, not the whole file, however many findings it has.
pub struct Index<'a> {
    sources: &'a [Source],
    lines: Vec<std::cell::OnceCell<Vec<usize>>>,
    /// Columns to wrap each message to (see [`Index::wrapped`]); unwrapped when `None`.
    width: Option<usize>,
}

impl<'a> Index<'a> {
    pub fn new(sources: &'a [Source]) -> Self {
        Self {
            sources,
            lines: sources.iter().map(|_| std::cell::OnceCell::new()).collect(),
            width: None,
        }
    }

    /// Wraps each message to `width` columns, continuation lines under its first word (after
    /// "error: "): a long message is otherwise broken mid-word by a narrow terminal.
    pub fn wrapped(mut self, width: usize) -> Self {
        self.width = Some(width);
        self
    }

    fn source(&self, file: &str) -> Option<(&'a Source, &[usize])> {
        let i = self.sources.iter().position(|s| s.name == file)?;
        let src = &self.sources[i];
        let starts = self.lines[i].get_or_init(|| {
            std::iter::once(0)
                .chain(src.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        Some((src, starts))
    }

    /// (line, column) of a diagnostic's start, 1-based, the column in characters.
    pub fn position(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        let span = d.span.as_ref()?;
        let (src, starts) = self.source(&d.file)?;
        let offset = floor_char_boundary(&src.text, span.start.min(src.text.len()));
        let line = starts.partition_point(|&s| s <= offset);
        let col = src.text[starts[line - 1]..offset].chars().count() + 1;
        Some((line, col))
    }

    /// Renders one diagnostic rustc-style, showing only the lines of its span (at most a few),
    /// with unsafe characters escaped and the caret moved to match.
    pub fn render(&self, d: &Diagnostic, color: bool) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let label = match d.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        };
        let message = match self.width {
            Some(w) => crate::text::wrap(&d.message, w.saturating_sub(label.len()), ""),
            None => d.message.clone(),
        };
        let title = level.primary_title(message.as_str());
        let found = self.source(&d.file).zip(d.span.clone());
        let report = match found {
            Some(((src, starts), span)) => {
                let span = clamp_span(&src.text, span);
                let first = starts.partition_point(|&s| s <= span.start) - 1;
                let last_needed = starts.partition_point(|&s| s < span.end.max(span.start + 1)) - 1;
                let last = last_needed.min(first + MAX_SHOWN_LINES - 1);
                let from = starts[first];
                let to = starts
                    .get(last + 1)
                    .map_or(src.text.len(), |&next| next)
                    .max(from);
                let (excerpt, rel) = escaped_excerpt(
                    &src.text[from..to],
                    span.start - from..span.end.min(to) - from,
                );
                let mut ann = AnnotationKind::Primary.span(rel);
                if let Some(label) = &d.label {
                    ann = ann.label(label.as_str());
                }
                let snippet = Snippet::source(excerpt.as_str())
                    .line_start(first + 1)
                    .path(d.file.as_str())
                    .annotation(ann);
                renderer.render(&[title.element(snippet)])
            }
            None => {
                let origin = annotate_snippets::Origin::path(d.file.as_str());
                renderer.render(&[title.element(origin)])
            }
        };
        report.to_string()
    }
}

/// The excerpt with unsafe characters escaped (a CR before LF dropped), and `span` moved onto
/// the escaped text.
fn escaped_excerpt(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(text.len());
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if i >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if i >= span.end && end.is_none() {
            end = Some(out.len());
        }
        if c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n') {
            continue;
        }
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// Keeps a span inside the text and on character boundaries, and at least one character wide
/// where the text allows, so the caret always has something to point at.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // 'x' sits after "bé = " (5 characters, 6 bytes)
        assert_eq!(line_col(text, 12), (2, 6));
    }

    #[test]
    fn render_points_at_the_line() {
        let src = Source {
            name: "b.toml".into(),
            rel: "b.toml".into(),
            text: "x = 1\nkind = \"nope\"\n".into(),
        };
        let d = Diagnostic::error("bad-kind", "b.toml", Some(13..19), "unknown kind")
            .with_label("expected single");
        let out = render(&d, &[src], false);
        assert!(out.contains("error: unknown kind"), "{out}");
        assert!(out.contains("b.toml:2:8"), "{out}");
        assert!(out.contains("kind = \"nope\""), "{out}");
        assert!(out.contains("expected single"), "{out}");
    }

    #[test]
    fn render_escapes_the_line_and_keeps_the_caret_on_it() {
        let src = Source {
            name: "b.toml".into(),
            rel: "b.toml".into(),
            text: "x = 1\r\nkind = \"\u{1b}]52;c;aGk=\u{7}nope\"\r\ny = 2\r\n".into(),
        };
        let start = src.text.find("nope").unwrap();
        let d = Diagnostic::error(
            "bad-kind",
            "b.toml",
            Some(start..start + 4),
            "unknown \u{1b}[2J",
        );
        let out = render(&d, &[src], false);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert!(out.contains("b.toml:2:"), "{out}");
        assert!(out.contains("\\u{1b}]52;c;aGk=\\u{7}nope"), "{out}");
        assert!(!out.contains("y = 2"), "only the finding's line: {out}");
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let line = out.lines().find(|l| l.contains("nope")).unwrap();
        assert_eq!(&line[caret.find('^').unwrap()..][..4], "nope", "{out}");
    }

    #[test]
    fn positions_match_line_col() {
        let text = "a\nbé = x\n\nlast";
        let src = vec![Source {
            name: "f".into(),
            rel: "f".into(),
            text: text.into(),
        }];
        let index = Index::new(&src);
        for off in 0..=text.len() {
            if !text.is_char_boundary(off) {
                continue;
            }
            let d = Diagnostic::error("x", "f", Some(off..off), "m");
            assert_eq!(
                index.position(&d),
                Some(line_col(text, off)),
                "offset {off}"
            );
        }
    }
}
