//! The ratings file format: JSON Lines, one rating a line, appended and synced one at a time.
//!
//! ```json
//! {"format_version":1,"judge":"ana","question":"core.const-object","digest":"5f1c0e2a9b3d4e6f","level":"intermediate","difficulty":1,"note":"needs the binding/value distinction","at":"2026-12-02T04:30:00Z"}
//! {"format_version":1,"judge":"ana","question":"core.npm-ci","digest":"0a1b2c3d4e5f6071","level":"not-a-level-question","at":"2026-12-02T04:31:10Z"}
//! ```
//!
//! Why JSON Lines and not TOML: a rating is durable the moment its line is written (append,
//! then fsync), so Ctrl-C or a crash can lose at most the rating being typed, never one already
//! given, and nothing is ever rewritten; files from several judges pool by concatenation, like
//! response files; and a `.jsonl` file under `questions/ratings/` is never mistaken for a bank
//! (the loader and `build.rs` read `questions/*/*.toml`).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Placement, Rating, below_name};
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};
use crate::roadmap::Roadmap;

/// The version of the ratings format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One line of a ratings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Version of this format; 1 today.
    pub format_version: u32,
    /// Who rated: one judge per file is the convention (`questions/ratings/<judge>.jsonl`).
    pub judge: String,
    /// The question's id.
    pub question: String,
    /// The question's content digest when rated (16 hex digits, as in history): a rating of an
    /// older version of the question is stale and is reported apart.
    pub digest: String,
    /// A level id from roadmap.toml, `below-<lowest level id>` (`below-beginner`), or
    /// `not-a-level-question`.
    pub level: String,
    /// 1 easy, 2 typical, 3 hard within that level; required for a level, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// Why, in the judge's words (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When (RFC 3339, UTC); informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// Reads a ratings file with the bank loader's limits (size, UTF-8).
pub fn read(path: &Path) -> Result<Source> {
    let root = path.parent().unwrap_or(Path::new(""));
    crate::bank::load::read_source(root, path)
}

/// Parses every line; blank lines are allowed. Each problem is a diagnostic on its line.
pub fn parse(src: &Source, rm: &Roadmap) -> (Vec<Rating>, Vec<Diagnostic>) {
    let mut ratings = Vec::new();
    let mut diags = Vec::new();
    let mut start = 0;
    for raw in src.text.split_inclusive('\n') {
        let span = start..start + raw.trim_end().len();
        start += raw.len();
        let text = raw.trim();
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(text) {
            Ok(line) => match check(&line, rm) {
                Ok(placement) => ratings.push(Rating {
                    judge: line.judge,
                    question: line.question,
                    digest: line.digest,
                    placement,
                    difficulty: line.difficulty,
                    note: line.note,
                    file: src.name.clone(),
                    span,
                }),
                Err(msg) => diags.push(Diagnostic::error("bad-rating", &src.name, Some(span), msg)),
            },
            Err(e) => {
                let at = span.start + e.column().saturating_sub(1).min(span.len());
                diags.push(
                    Diagnostic::error("bad-rating", &src.name, Some(at..at), "not a rating line")
                        .with_label(json_reason(&e)),
                );
            }
        }
    }
    (ratings, diags)
}

/// serde_json's message without its "at line 1 column N" (the line is always 1 here).
fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// What a parsed line must also satisfy: a known level, a difficulty only with a level.
fn check(line: &Line, rm: &Roadmap) -> std::result::Result<Placement, String> {
    if line.format_version != FORMAT_VERSION {
        return Err(format!(
            "format_version {} is not supported (this build reads {FORMAT_VERSION})",
            line.format_version
        ));
    }
    if line.judge.trim().is_empty() || line.question.trim().is_empty() {
        return Err("`judge` and `question` must not be empty".into());
    }
    let Some(placement) = Placement::parse(&line.level, rm) else {
        let mut known: Vec<String> = vec![below_name(rm)];
        known.extend(rm.levels.iter().map(|l| l.id.clone()));
        known.push(super::NOT_A_LEVEL.into());
        return Err(format!(
            "unknown level `{}`; expected one of {}",
            line.level,
            known.join(", ")
        ));
    };
    match (placement, line.difficulty) {
        (Placement::Level(_), Some(1..=3)) | (Placement::Below | Placement::NotALevel, None) => {
            Ok(placement)
        }
        (Placement::Level(_), None) => Err(format!(
            "`difficulty` (1, 2 or 3) is required with level `{}`",
            line.level
        )),
        (Placement::Level(_), Some(d)) => Err(format!("difficulty {d} is not 1, 2 or 3")),
        (_, Some(_)) => Err(format!(
            "`difficulty` goes only with a level, not with `{}`",
            line.level
        )),
    }
}

/// Appends one rating and syncs it to disk before returning: once this returns, the rating
/// survives Ctrl-C, a crash or a power cut. Nothing already in the file is ever rewritten.
pub fn append(path: &Path, line: &Line) -> Result<()> {
    let mut text = serde_json::to_string(line).expect("a rating serializes");
    text.push('\n');
    // a last line without its newline (written by hand) must not run into the new one
    if std::fs::read(path).is_ok_and(|b| b.last().is_some_and(|&c| c != b'\n')) {
        text.insert(0, '\n');
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    f.write_all(text.as_bytes())
        .and_then(|_| f.sync_data())
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap() -> Roadmap {
        toml::from_str(
            r#"format_version = 1
[rubric]
pass_mark = 0.7
min_evidence = 2
[[levels]]
id = "basics"
title = "Basics"
goal = "g"
[[levels]]
id = "advanced"
title = "Advanced"
goal = "g"
[[sections]]
id = "s"
level = "basics"
title = "S"
[[topics]]
id = "t"
section = "s"
title = "T"
priority = "must-have"
"#,
        )
        .unwrap()
    }

    fn src(text: &str) -> Source {
        Source {
            name: "ana.jsonl".into(),
            rel: "ana.jsonl".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_line_round_trips() {
        let line = Line {
            format_version: 1,
            judge: "ana".into(),
            question: "s.q".into(),
            digest: "00ff".into(),
            level: "advanced".into(),
            difficulty: Some(3),
            note: Some("why".into()),
            at: None,
        };
        let text = format!("{}\n", serde_json::to_string(&line).unwrap());
        let (r, d) = parse(&src(&text), &roadmap());
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r[0].placement, Placement::Level(1));
        assert_eq!(r[0].difficulty, Some(3));
    }

    #[test]
    fn bad_lines_are_located() {
        let text = "{\"format_version\":1,\"judge\":\"a\",\"question\":\"q\",\"digest\":\"d\",\"level\":\"below-basics\"}\n\
                    {\"format_version\":1,\"judge\":\"a\",\"question\":\"q\",\"digest\":\"d\",\"level\":\"guru\",\"difficulty\":1}\n\
                    not json\n\
                    {\"format_version\":1,\"judge\":\"a\",\"question\":\"q\",\"digest\":\"d\",\"level\":\"basics\"}\n";
        let (r, d) = parse(&src(text), &roadmap());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].placement, Placement::Below);
        assert_eq!(d.len(), 3, "{d:?}");
        let lines: Vec<usize> = d
            .iter()
            .map(|x| crate::diagnostic::line_col(text, x.span.clone().unwrap().start).0)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(
            d[0].message.contains("unknown level `guru`"),
            "{}",
            d[0].message
        );
        assert!(d[2].message.contains("difficulty"), "{}", d[2].message);
    }
}
