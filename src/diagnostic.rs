//! Diagnostics: a located finding in a bank file, rendered rustc-style with the offending line.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

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
        Self {
            severity,
            code,
            file: file.to_string(),
            span,
            message,
            label: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
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
    let span = d.span.as_ref()?;
    let src = sources.iter().find(|s| s.name == d.file)?;
    Some(line_col(&src.text, span.start))
}

/// Renders one diagnostic rustc-style: title, file:line:column, the line and a caret.
pub fn render(d: &Diagnostic, sources: &[Source], color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let source = sources.iter().find(|s| s.name == d.file);
    let title = level.primary_title(d.message.as_str());
    let report = match (source, d.span.clone()) {
        (Some(src), Some(span)) => {
            let span = clamp_span(&src.text, span);
            let mut ann = AnnotationKind::Primary.span(span);
            if let Some(label) = &d.label {
                ann = ann.label(label.as_str());
            }
            let snippet = Snippet::source(src.text.as_str())
                .path(d.file.as_str())
                .annotation(ann);
            renderer.render(&[title.element(snippet)])
        }
        _ => {
            let origin = annotate_snippets::Origin::path(d.file.as_str());
            renderer.render(&[title.element(origin)])
        }
    };
    report.to_string()
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
}
