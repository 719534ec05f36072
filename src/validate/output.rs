//! Validation output for people (rustc-style) and machines (JSON, GitHub annotations, JUnit).

use std::fmt::Write as _;

use serde::Serialize;

use super::Validation;
use crate::diagnostic::{Diagnostic, Index, Severity};
use crate::text::count;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
}

/// `width`: the columns human output is wrapped to (`text::output_width`).
pub fn render(v: &Validation, format: Format, color: bool, width: usize) -> String {
    match format {
        Format::Human => human(v, color, width),
        Format::Json => json(v),
        Format::Github => github(v),
        Format::Junit => junit(v),
    }
}

fn counts(v: &Validation) -> (usize, usize) {
    let e = v
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (e, v.diagnostics.len() - e)
}

fn human(v: &Validation, color: bool, width: usize) -> String {
    let mut out = String::new();
    let index = Index::new(&v.sources).wrapped(width);
    for d in &v.diagnostics {
        let _ = writeln!(out, "{}\n", index.render(d, color));
    }
    let (e, w) = counts(v);
    let snippets = if v.snippets_run > 0 {
        format!(", {} run", count(v.snippets_run, "snippet"))
    } else {
        String::new()
    };
    let summary = format!(
        "{} in {}{snippets}: {e} error{}, {w} warning{}",
        count(v.questions, "question"),
        count(v.files, "file"),
        plural(e),
        plural(w)
    );
    let _ = writeln!(out, "{}", crate::text::wrap(&summary, width, ""));
    if let Some(line) = unproven_line(v) {
        let _ = writeln!(out, "{}", crate::text::wrap(&line, width, ""));
    }
    out
}

/// Without `--run-snippets` an output key is only the author's word: say so, and how to prove it.
fn unproven_line(v: &Validation) -> Option<String> {
    let n = v.unproven_outputs;
    (n > 0).then(|| {
        format!(
            "{n} code-output key{} not proven: add --run-snippets to run {} with node and compare",
            if n == 1 { " was" } else { "s were" },
            if n == 1 {
                "its snippet"
            } else {
                "each snippet"
            },
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    d: &'a Diagnostic,
    line: Option<usize>,
    column: Option<usize>,
}

fn json(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let (errors, warnings) = counts(v);
    let findings: Vec<JsonFinding> = v
        .diagnostics
        .iter()
        .map(|d| {
            let pos = index.position(d);
            JsonFinding {
                d,
                line: pos.map(|p| p.0),
                column: pos.map(|p| p.1),
            }
        })
        .collect();
    let doc = serde_json::json!({
        "format_version": 1,
        "questions": v.questions,
        "files": v.files,
        "snippets_run": v.snippets_run,
        "unproven_outputs": v.unproven_outputs,
        "errors": errors,
        "warnings": warnings,
        "findings": findings,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("serializes");
    s.push('\n');
    s
}

/// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.
pub fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let mut out = String::new();
    for d in &v.diagnostics {
        let kind = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let mut props = vec![format!("file={}", gh_prop(&d.file))];
        if let Some((line, col)) = index.position(d) {
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!(
            "title={}",
            gh_prop(&format!("levelcheck {}", d.code))
        ));
        let _ = writeln!(out, "::{kind} {}::{}", props.join(","), gh_data(&d.message));
    }
    let (e, w) = counts(v);
    let _ = writeln!(
        out,
        "{} in {}: {e} error{}, {w} warning{}",
        count(v.questions, "question"),
        count(v.files, "file"),
        plural(e),
        plural(w)
    );
    if let Some(line) = unproven_line(v) {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One test case per file checked (and one for findings about no file, such as a missing
/// roadmap): a case with errors holds one `<failure>` listing each error located, so a CI's test
/// view counts failed files, not findings; warnings go to the case's `<system-out>`.
fn junit(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let mut files: Vec<&str> = v.sources.iter().map(|s| s.name.as_str()).collect();
    for d in &v.diagnostics {
        if !files.contains(&d.file.as_str()) {
            files.push(&d.file);
        }
    }
    let failed = files
        .iter()
        .filter(|f| v.diagnostics.iter().any(|d| is_error_of(d, f)))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuite name=\"levelcheck validate\" tests=\"{}\" failures=\"{failed}\" errors=\"0\">",
        files.len()
    );
    for f in files {
        out.push_str(&junit_case(v, &index, f));
    }
    out.push_str("</testsuite>\n");
    out
}

fn is_error_of(d: &Diagnostic, file: &str) -> bool {
    d.file == file && d.severity == Severity::Error
}

/// One file's test case: passed, or failed with every error in one `<failure>`.
fn junit_case(v: &Validation, index: &Index, file: &str) -> String {
    let located = |d: &Diagnostic| {
        let at = index
            .position(d)
            .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
        format!("{file}{at}: {} [{}]", d.message, d.code)
    };
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = v
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .partition(|d| d.severity == Severity::Error);
    let mut out = format!(
        "  <testcase classname=\"levelcheck.validate\" name=\"{}\"",
        xml(file)
    );
    if errors.is_empty() && warnings.is_empty() {
        out.push_str("/>\n");
        return out;
    }
    out.push_str(">\n");
    if let Some(first) = errors.first() {
        let body: Vec<String> = errors.iter().map(|d| located(d)).collect();
        let _ = writeln!(
            out,
            "    <failure type=\"{}\" message=\"{} error{}: {}\">{}</failure>",
            first.code,
            errors.len(),
            plural(errors.len()),
            xml(&first.message),
            xml(&body.join("\n"))
        );
    }
    if !warnings.is_empty() {
        let body: Vec<String> = warnings.iter().map(|d| located(d)).collect();
        let _ = writeln!(
            out,
            "    <system-out>{}</system-out>",
            xml(&format!("warnings:\n{}", body.join("\n")))
        );
    }
    out.push_str("  </testcase>\n");
    out
}

/// A Markdown summary for a CI job page.
pub fn markdown_summary(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let (e, w) = counts(v);
    let mut out = format!(
        "## levelcheck validate\n\n{} in {} · {e} error{} · {w} warning{}",
        count(v.questions, "question"),
        count(v.files, "file"),
        plural(e),
        plural(w)
    );
    if v.snippets_run > 0 {
        let _ = write!(out, " · {} run with node", count(v.snippets_run, "snippet"));
    }
    if let Some(line) = unproven_line(v) {
        let _ = write!(out, "\n\n{line}");
    }
    out.push_str("\n\n");
    if !v.diagnostics.is_empty() {
        out.push_str("| | file | message |\n| --- | --- | --- |\n");
        for d in &v.diagnostics {
            let at = index
                .position(d)
                .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
            let icon = if d.severity == Severity::Error {
                "❌"
            } else {
                "⚠️"
            };
            let _ = writeln!(
                out,
                "| {icon} | `{}{at}` | {} |",
                d.file,
                d.message.replace('|', "\\|").replace('\n', " ")
            );
        }
    }
    out
}
