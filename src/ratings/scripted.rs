//! Ratings from a file for `judge --answers`: question id → rating, in TOML, checked against the
//! bank and the roadmap before anything is written.
//!
//! ```toml
//! "messages.head-body" = { level = "basics", difficulty = 1 }
//! "caching.no-store" = { level = "advanced", difficulty = 2, note = "needs the no-cache contrast" }
//! "messages.created-status" = { level = "below-basics" }
//! "caching.vendor-trivia" = { level = "not-a-level-question", note = "product-name recall" }
//! ```
//! A question of the run that is not in the file is left unrated (and asked on the next run).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::Placement;
use crate::bank::Bank;
use crate::diagnostic::{Diagnostic, Source};
use crate::error::{Error, Result};

/// A judge's verdict on one question, before it is written with its digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub placement: Placement,
    pub difficulty: Option<u8>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    level: String,
    difficulty: Option<u8>,
    note: Option<String>,
}

/// Parses a scripted ratings file; every problem is located (exit 2).
pub fn parse(src: &Source, bank: &Bank) -> Result<HashMap<String, Verdict>> {
    let invalid = |diagnostics| Error::Invalid {
        diagnostics,
        sources: vec![src.clone()],
    };
    let entries: BTreeMap<String, Spanned<Entry>> = toml::from_str(&src.text).map_err(|e| {
        invalid(vec![Diagnostic::error(
            "bad-ratings",
            &src.name,
            e.span(),
            e.message().trim_end().to_string(),
        )])
    })?;
    let rm = &bank.roadmap;
    let mut out = HashMap::new();
    let mut diags = Vec::new();
    for (id, entry) in entries {
        let span = entry.span();
        let e = entry.into_inner();
        let err = |msg: String| Diagnostic::error("bad-rating", &src.name, Some(span.clone()), msg);
        if bank.question(&id).is_none() {
            diags.push(err(format!("no question with id `{id}` in the banks")));
            continue;
        }
        let Some(placement) = Placement::parse(&e.level, rm) else {
            diags.push(err(format!(
                "`{id}`: unknown level `{}`; expected a level id, `{}` or `{}`",
                e.level,
                super::below_name(rm),
                super::NOT_A_LEVEL
            )));
            continue;
        };
        match (placement, e.difficulty) {
            (Placement::Level(_), Some(1..=3))
            | (Placement::Below | Placement::NotALevel, None) => {
                out.insert(
                    id,
                    Verdict {
                        placement,
                        difficulty: e.difficulty,
                        note: e.note.filter(|n| !n.trim().is_empty()),
                    },
                );
            }
            (Placement::Level(_), _) => diags.push(err(format!(
                "`{id}`: a level needs `difficulty` = 1, 2 or 3"
            ))),
            (_, Some(_)) => diags.push(err(format!(
                "`{id}`: `difficulty` goes only with a level, not with `{}`",
                e.level
            ))),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(invalid(diags))
    }
}
