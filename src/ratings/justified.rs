//! Justified disagreements: a committed TOML file (`questions/ratings/justified.toml`) that says,
//! per question and version, why its tag stands although the judges' consensus differs. A
//! justified question is reported apart and no longer fails `judge --report`; editing the
//! question (a new digest) makes the justification lapse, so it must be argued again.
//!
//! ```toml
//! format_version = 1
//!
//! [questions."core.promise-chain-recovery"]
//! digest = "5f1c0e2a9b3d4e6f"   # the version the reason is about
//! reason = "Kept at Beginner: the roadmap puts promise chains there; judges rated the trace."
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Source, span_of};
use crate::error::{Error, Result};

/// The version of the format this build reads.
pub const FORMAT_VERSION: u32 = 1;
/// Reasons longer than this are an essay, not a justification line.
const MAX_REASON: usize = 600;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format_version: u32,
    #[serde(default)]
    questions: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    digest: String,
    reason: String,
}

/// One justification, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Justification {
    pub question: String,
    pub digest: String,
    pub reason: String,
    pub file: String,
    pub line: usize,
}

/// Every justification from the files given.
#[derive(Debug, Clone, Default)]
pub struct Justifications {
    pub entries: Vec<Justification>,
}

impl Justifications {
    /// The justification of this version of a question, if any.
    pub fn of(&self, question: &str, digest: &str) -> Option<&Justification> {
        self.entries
            .iter()
            .find(|j| j.question == question && j.digest == digest)
    }
}

/// Parses justification files already read; every problem is a located diagnostic.
pub fn parse_sources(sources: &[Source]) -> Result<Justifications> {
    let mut out = Justifications::default();
    let mut diagnostics = Vec::new();
    for src in sources {
        match parse(src) {
            Ok(entries) => out.entries.extend(entries),
            Err(d) => diagnostics.extend(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid {
            diagnostics,
            sources: sources.to_vec(),
        })
    }
}

fn parse(src: &Source) -> std::result::Result<Vec<Justification>, Vec<Diagnostic>> {
    let file: File = toml::from_str(&src.text).map_err(|e| {
        vec![Diagnostic::error(
            "justified",
            &src.name,
            e.span(),
            e.message().trim_end(),
        )]
    })?;
    if file.format_version != FORMAT_VERSION {
        return Err(vec![Diagnostic::error(
            "format-version",
            &src.name,
            span_of(&src.text, "format_version"),
            format!(
                "unsupported format_version: this build reads format_version = {FORMAT_VERSION}"
            ),
        )]);
    }
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for (id, e) in file.questions {
        let span = span_of(&src.text, &format!("\"{id}\""));
        let reason = e.reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON {
            problems.push(Diagnostic::error(
                "justified",
                &src.name,
                span,
                format!("the reason for `{id}` must be 1–{MAX_REASON} characters"),
            ));
            continue;
        }
        let line = span.map_or(0, |s| crate::diagnostic::line_col(&src.text, s.start).0);
        entries.push(Justification {
            question: id,
            digest: e.digest,
            reason: reason.to_string(),
            file: src.name.clone(),
            line,
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source {
            name: "questions/ratings/justified.toml".into(),
            rel: "justified.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_justification_applies_only_to_its_version() {
        let j = parse_sources(&[src(
            "format_version = 1\n[questions.\"a.b\"]\ndigest = \"00ff\"\nreason = \"roadmap places it here\"\n",
        )])
        .unwrap();
        assert_eq!(j.of("a.b", "00ff").unwrap().line, 2);
        assert!(j.of("a.b", "1234").is_none());
        assert!(j.of("a.c", "00ff").is_none());
    }

    #[test]
    fn unknown_keys_empty_reasons_and_versions_are_located_errors() {
        for bad in [
            "format_version = 1\n[questions.\"a.b\"]\ndigest = \"00\"\nreason = \"x\"\nwhy = 1\n",
            "format_version = 1\n[questions.\"a.b\"]\ndigest = \"00\"\nreason = \"  \"\n",
            "format_version = 2\n",
        ] {
            let Err(Error::Invalid { diagnostics, .. }) = parse_sources(&[src(bad)]) else {
                panic!("accepted: {bad}");
            };
            assert!(diagnostics[0].span.is_some(), "{bad}: {:?}", diagnostics[0]);
        }
    }
}
