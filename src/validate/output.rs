//! Validation output for people (rustc-style) and machines (JSON, GitHub annotations, JUnit).

use std::fmt::Write as _;

use serde::Serialize;

use super::Validation;
use crate::diagnostic::{Diagnostic, Index, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
}

pub fn render(v: &Validation, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(v, color),
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

fn human(v: &Validation, color: bool) -> String {
    let mut out = String::new();
    let index = Index::new(&v.sources);
    for d in &v.diagnostics {
        let _ = writeln!(out, "{}\n", index.render(d, color));
    }
    let (e, w) = counts(v);
    let snippets = if v.snippets_run > 0 {
        format!(", {} snippets run", v.snippets_run)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{} questions in {} files{snippets}: {e} error{}, {w} warning{}",
        v.questions,
        v.files,
        plural(e),
        plural(w)
    );
    out
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
        "{} questions in {} files: {e} error{}, {w} warning{}",
        v.questions,
        v.files,
        plural(e),
        plural(w)
    );
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One test case per bank file; each error is a failure of its file's case.
fn junit(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let files: Vec<&str> = v.sources.iter().map(|s| s.name.as_str()).collect();
    let (errors, _) = counts(v);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuite name=\"levelcheck validate\" tests=\"{}\" failures=\"{errors}\">",
        files.len()
    );
    for f in files {
        let _ = write!(
            out,
            "  <testcase classname=\"levelcheck.validate\" name=\"{}\"",
            xml(f)
        );
        let errs: Vec<&Diagnostic> = v
            .diagnostics
            .iter()
            .filter(|d| d.file == f && d.severity == Severity::Error)
            .collect();
        if errs.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for d in errs {
            let at = index
                .position(d)
                .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
            let _ = writeln!(
                out,
                "    <failure type=\"{}\" message=\"{}\">{}{at}: {}</failure>",
                d.code,
                xml(&d.message),
                xml(f),
                xml(&d.message)
            );
        }
        out.push_str("  </testcase>\n");
    }
    out.push_str("</testsuite>\n");
    out
}

/// A Markdown summary for a CI job page.
pub fn markdown_summary(v: &Validation) -> String {
    let index = Index::new(&v.sources);
    let (e, w) = counts(v);
    let mut out = format!(
        "## levelcheck validate\n\n{} questions in {} files · {e} error{} · {w} warning{}",
        v.questions,
        v.files,
        plural(e),
        plural(w)
    );
    if v.snippets_run > 0 {
        let _ = write!(out, " · {} snippets run with node", v.snippets_run);
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
