//! Ratings inform the model: where the committed blind ratings agree on a placement, it replaces
//! the writer's tag as the prior for the question's difficulty (see `src/engine/MODEL.md`).

use std::path::{Path, PathBuf};

use super::{Placement, Ratings, file};
use crate::bank::Bank;
use crate::bank::load::BankSource;
use crate::diagnostic::Source;
use crate::error::Result;

/// The ratings that ship with a bank: the embedded `questions/ratings/*.jsonl`, or
/// `<DIR>/ratings/*.jsonl` of each `--bank` folder.
pub fn sources(source: &BankSource) -> Result<Vec<Source>> {
    match source {
        BankSource::Embedded => Ok(crate::bank::embedded::RATINGS
            .iter()
            .map(|(rel, text)| Source {
                name: format!("questions/{rel}"),
                rel: rel.to_string(),
                text: text.to_string(),
            })
            .collect()),
        BankSource::Dirs(dirs) => dirs
            .iter()
            .flat_map(|d| rating_files(d))
            .map(|p| file::read(&p))
            .collect(),
    }
}

fn rating_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("ratings")) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl") && p.is_file())
        .collect();
    v.sort();
    v
}

/// Sets each question's judged placement from the consensus; returns how many were placed.
/// "Below the lowest level" places a question at the lowest level's easiest step; "not a level
/// question" leaves the tag (the fix for those is a rewrite, not a prior).
pub fn inform(bank: &mut Bank, ratings: &Ratings) -> usize {
    let mut placed = 0;
    for q in &mut bank.questions {
        let judged = ratings.for_question(q).and_then(|c| match c.placement {
            Placement::Below => Some((0, 1)),
            Placement::Level(_) => c.level(),
            Placement::NotALevel => None,
        });
        if judged.is_some() {
            placed += 1;
        }
        q.judged = judged;
    }
    placed
}

/// Loads a bank's shipped ratings and applies them.
pub fn load_and_inform(bank: &mut Bank, source: &BankSource) -> Result<usize> {
    let sources = sources(source)?;
    if sources.is_empty() {
        return Ok(0);
    }
    let ratings = super::parse_sources(&sources, &bank.roadmap)?;
    Ok(inform(bank, &ratings))
}
