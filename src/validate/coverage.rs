//! Coverage (every topic asked, enough questions each) and near-duplicate questions.

use std::collections::{HashMap, HashSet};

use crate::bank::Question;
use crate::diagnostic::{Diagnostic, Source};
use crate::roadmap::Roadmap;
use crate::text::normalize;

/// Errors for topics with no question, warnings below the roadmap's minimum per topic. Only
/// sections that have a bank file among `sources` are checked, so one file can be validated alone.
pub fn check(rm: &Roadmap, qs: &[Question], sources: &[Source], rels: &[&str]) -> Vec<Diagnostic> {
    let roadmap_name = sources
        .iter()
        .find(|s| s.rel == "roadmap.toml")
        .map_or("roadmap.toml".to_string(), |s| s.name.clone());
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for q in qs {
        *counts.entry(q.topic.as_str()).or_default() += 1;
    }
    let mut out = Vec::new();
    for t in &rm.topics {
        let Some(section) = rm.section(&t.section) else {
            continue;
        };
        let rel = format!("{}/{}.toml", section.level, section.id);
        let file = sources.iter().find(|s| s.rel == rel);
        if !rels.contains(&rel.as_str()) {
            continue;
        }
        let file = file.map_or(roadmap_name.as_str(), |s| s.name.as_str());
        let n = counts.get(t.id.as_str()).copied().unwrap_or(0);
        if n == 0 {
            out.push(Diagnostic::error(
                "uncovered-topic",
                file,
                None,
                format!("topic `{}` ({}) has no question", t.id, t.title),
            ));
        } else if n < rm.rubric.min_per_topic {
            out.push(Diagnostic::warning(
                "thin-topic",
                file,
                None,
                format!(
                    "topic `{}` has {n} question{} (minimum {})",
                    t.id,
                    if n == 1 { "" } else { "s" },
                    rm.rubric.min_per_topic
                ),
            ));
        }
    }
    out
}

/// Word pairs of a normalised prompt (and answer): the unit two rewordings still share.
fn shingles(q: &Question) -> HashSet<String> {
    let text = normalize(&format!("{} {}", q.prompt, crate::mark::key_display(q)));
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .collect();
    words
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

/// Similar questions (Jaccard ≥ 0.7 over word pairs). An inverted index over shingles keeps it
/// close to linear: shingles shared by many questions ("what does", "this program") are skipped.
pub fn near_duplicates(qs: &[Question]) -> Vec<Diagnostic> {
    const THRESHOLD: f64 = 0.7;
    const COMMON: usize = 40;
    let sets: Vec<HashSet<String>> = qs.iter().map(shingles).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for sh in s {
            index.entry(sh.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        if s.len() < 4 {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for sh in s {
            let posting = &index[sh.as_str()];
            if posting.len() > COMMON {
                continue;
            }
            for &j in posting.iter().filter(|&&j| j < i) {
                *shared.entry(j).or_default() += 1;
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for (j, n) in shared {
            let jac = n as f64 / (s.len() + sets[j].len() - n) as f64;
            if jac >= THRESHOLD && best.is_none_or(|b| jac > b.1 || (jac == b.1 && j < b.0)) {
                best = Some((j, jac));
            }
        }
        if let Some((j, jac)) = best {
            let q = &qs[i];
            out.push(Diagnostic::warning(
                "near-duplicate",
                &q.origin.file,
                Some(q.origin.span("prompt")),
                format!("question `{}` is {:.0}% similar to `{}` ({}): the same question in other words?", q.id, jac * 100.0, qs[j].id, qs[j].origin.file),
            ));
        }
    }
    out
}
