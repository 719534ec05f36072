//! Loading banks: files or the embedded copy → `Bank`, collecting every problem with its span.
//!
//! Reading is in `files.rs`, TOML parsing in `parse.rs`, key tables in `keys.rs` and the value
//! checks in `checks.rs`; this file ties them together and checks across files.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{Bank, Question};
use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::error::{Error, Result};
use crate::roadmap::Roadmap;

pub use super::checks::KEY_POINTS;
pub use super::files::{MAX_FILE_BYTES, gather, read_source, read_sources};
pub use super::parse::{parse_bank, parse_roadmap};

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
    duplicate_ids(&questions, &sources, &mut diagnostics);
    Loaded {
        roadmap,
        questions,
        sources,
        diagnostics,
    }
}

/// Two questions with one id: answers, history and `--resume` key on the id, so a quiz would mark
/// an answer against the wrong question. A loading error, for `take` as for `validate`; it points
/// at the second and names where the first is, so the author can pick which to rename.
fn duplicate_ids(qs: &[Question], sources: &[Source], out: &mut Vec<Diagnostic>) {
    let mut first: std::collections::HashMap<&str, &Question> = std::collections::HashMap::new();
    for q in qs {
        if let Some(prev) = first.get(q.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    &q.origin.file,
                    Some(q.origin.span("id")),
                    format!("id `{}` is already used at {}", q.id, place(prev, sources)),
                )
                .with_label("ids must be unique across all banks"),
            );
        } else {
            first.insert(&q.id, q);
        }
    }
}

/// `file:line:column` of a question's id, or the file alone when its text is not at hand.
fn place(q: &Question, sources: &[Source]) -> String {
    match sources.iter().find(|s| s.name == q.origin.file) {
        Some(src) => {
            let (line, col) = crate::diagnostic::line_col(&src.text, q.origin.span("id").start);
            format!("{}:{line}:{col}", q.origin.file)
        }
        None => q.origin.file.clone(),
    }
}
