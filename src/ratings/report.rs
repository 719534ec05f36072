//! The standard-setting report as data: agreement between judges, of each judge and of the
//! consensus with the tags, and every question that needs a decision. Pure: bank + ratings in.

use serde::Serialize;

use super::agreement::Agreement;
use super::justified::{Justification, Justifications};
use super::{Placement, Rating, Ratings, consensus_of};
use crate::bank::{Bank, Question};
use crate::diagnostic::line_col;
use crate::roadmap::Roadmap;

/// Agreement of one pair of judges.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    #[serde(flatten)]
    pub agreement: Agreement,
}

/// One judge against the tags.
#[derive(Debug, Clone, Serialize)]
pub struct JudgeRow {
    pub judge: String,
    /// Current ratings of questions in the banks.
    pub rated: usize,
    pub not_a_level: usize,
    pub vs_tags: Agreement,
}

/// A judge's rating as shown in a row.
#[derive(Debug, Clone, Serialize)]
pub struct Given {
    pub judge: String,
    pub level: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A question that needs a decision, with where it is written.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub question: String,
    pub file: String,
    pub line: usize,
    /// The tag: level id and difficulty.
    pub tag_level: String,
    pub tag_difficulty: u8,
    /// The consensus, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus_difficulty: Option<u8>,
    pub ratings: Vec<Given>,
}

/// A disagreement whose tag is kept, with the reason committed for it.
#[derive(Debug, Clone, Serialize)]
pub struct Justified {
    #[serde(flatten)]
    pub row: Row,
    pub reason: String,
    /// Where the reason is written.
    pub justified_in: String,
    pub justified_line: usize,
}

/// A justification that does not apply: its question is not in the banks, has changed since, or
/// no longer needs one (the judges now agree with the tag).
#[derive(Debug, Clone, Serialize)]
pub struct Unused {
    pub question: String,
    pub file: String,
    pub line: usize,
    pub why: String,
}

/// A rating of an older version of a question (or of a question no longer in the banks).
#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub judge: String,
    pub question: String,
    pub rated_digest: String,
    /// `None` when the question is no longer in the banks.
    pub current_digest: Option<String>,
    /// The ratings file and line of the rating.
    pub ratings_file: String,
    pub ratings_line: usize,
}

/// Everything `judge --report` says.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format_version: u32,
    pub judges: Vec<String>,
    /// Questions in the banks, and those with at least one current rating.
    pub questions: usize,
    pub rated: usize,
    /// Questions with a consensus (see `consensus_of`), and how many of them match the tag.
    pub with_consensus: usize,
    pub consensus_matches_tag: usize,
    /// Consensus on the scale against the tag.
    pub consensus_vs_tags: Agreement,
    pub pairs: Vec<Pair>,
    pub per_judge: Vec<JudgeRow>,
    /// Consensus on a level (or below the lowest) other than the tagged level.
    pub differ: Vec<Row>,
    /// Consensus "not a level question".
    pub not_a_level: Vec<Row>,
    /// Two or more judges, no consensus: more than one level apart, or mixed with "not a level".
    pub split: Vec<Row>,
    /// Rated by one judge only: no consensus yet.
    pub single: Vec<Row>,
    /// Disagreements (of the three kinds above) whose tag is kept for a committed reason.
    pub justified: Vec<Justified>,
    /// Justifications that no longer apply.
    pub unused_justifications: Vec<Unused>,
    pub stale: Vec<Stale>,
    /// Every pair of judges pooled: each question rated by two or more judges contributes one
    /// (a, b) pair per pair of judges who rated it.
    pub judges_pooled: Agreement,
}

impl Report {
    /// Findings that fail the gate (exit 1): a consensus other than the tag, "not a level
    /// question", or judges who do not agree — unless justified. Stale and single ratings and
    /// unused justifications are reported, not failed.
    pub fn findings(&self) -> usize {
        self.differ.len() + self.not_a_level.len() + self.split.len()
    }
}

/// Builds the report.
pub fn build(bank: &Bank, ratings: &Ratings, justified: &Justifications) -> Report {
    let rm = &bank.roadmap;
    let categories = rm.levels.len() + 1;
    let judges: Vec<String> = ratings.judges().into_iter().map(String::from).collect();
    let mut r = Report {
        format_version: 1,
        judges: judges.clone(),
        questions: bank.questions.len(),
        rated: 0,
        with_consensus: 0,
        consensus_matches_tag: 0,
        consensus_vs_tags: Agreement::of(&[], categories),
        pairs: Vec::new(),
        per_judge: Vec::new(),
        differ: Vec::new(),
        not_a_level: Vec::new(),
        split: Vec::new(),
        single: Vec::new(),
        justified: Vec::new(),
        unused_justifications: Vec::new(),
        stale: stale(bank, ratings),
        judges_pooled: Agreement::of(&[], categories),
    };
    let mut consensus_pairs = Vec::new();
    let mut judge_pairs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); judges.len()];
    let mut judge_counts = vec![(0usize, 0usize); judges.len()];
    let mut pair_pairs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); judges.len() * judges.len()];
    for q in &bank.questions {
        let current = ratings.current(&q.id, &q.digest());
        if current.is_empty() {
            continue;
        }
        r.rated += 1;
        let tag = q.level + 1;
        for c in &current {
            let j = judges
                .iter()
                .position(|x| *x == c.judge)
                .expect("known judge");
            judge_counts[j].0 += 1;
            match c.placement.scale() {
                Some(s) => judge_pairs[j].push((s, tag)),
                None => judge_counts[j].1 += 1,
            }
        }
        for (x, a) in current.iter().enumerate() {
            for b in &current[x + 1..] {
                let (ja, jb) = (
                    judges.iter().position(|j| *j == a.judge).expect("known"),
                    judges.iter().position(|j| *j == b.judge).expect("known"),
                );
                if let (Some(sa), Some(sb)) = (a.placement.scale(), b.placement.scale()) {
                    pair_pairs[ja * judges.len() + jb].push((sa, sb));
                }
            }
        }
        let row = |c: Option<super::Consensus>| row(bank, q, &current, c);
        if current.len() < super::MIN_JUDGES {
            r.single.push(row(None));
            continue;
        }
        let Some(c) = consensus_of(&current) else {
            r.split.push(row(None));
            continue;
        };
        r.with_consensus += 1;
        match c.placement.scale() {
            None => r.not_a_level.push(row(Some(c))),
            Some(s) => {
                consensus_pairs.push((s, tag));
                if s == tag {
                    r.consensus_matches_tag += 1;
                } else {
                    r.differ.push(row(Some(c)));
                }
            }
        }
    }
    r.consensus_vs_tags = Agreement::of(&consensus_pairs, categories);
    r.judges_pooled = Agreement::of(&pair_pairs.concat(), categories);
    set_aside_justified(bank, justified, &mut r);
    for (j, name) in judges.iter().enumerate() {
        r.per_judge.push(JudgeRow {
            judge: name.clone(),
            rated: judge_counts[j].0,
            not_a_level: judge_counts[j].1,
            vs_tags: Agreement::of(&judge_pairs[j], categories),
        });
        for (k, other) in judges.iter().enumerate().skip(j + 1) {
            let shared = &pair_pairs[j * judges.len() + k];
            // judges who rated disjoint samples have nothing to compare
            if !shared.is_empty() {
                r.pairs.push(Pair {
                    a: name.clone(),
                    b: other.clone(),
                    agreement: Agreement::of(shared, categories),
                });
            }
        }
    }
    for list in [
        &mut r.differ,
        &mut r.not_a_level,
        &mut r.split,
        &mut r.single,
    ] {
        list.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    }
    r
}

/// Moves justified disagreements out of the failing lists, and lists the justifications that
/// apply to nothing.
fn set_aside_justified(bank: &Bank, justified: &Justifications, r: &mut Report) {
    for list in [&mut r.differ, &mut r.not_a_level, &mut r.split] {
        for row in std::mem::take(list) {
            let found = bank
                .question(&row.question)
                .and_then(|q| justified.of(&row.question, &q.digest()));
            match found {
                Some(j) => r.justified.push(Justified {
                    reason: j.reason.clone(),
                    justified_in: j.file.clone(),
                    justified_line: j.line,
                    row,
                }),
                None => list.push(row),
            }
        }
    }
    let applied = |j: &&Justification| {
        r.justified.iter().any(|x| {
            x.row.question == j.question && x.justified_in == j.file && x.justified_line == j.line
        })
    };
    let unused: Vec<Unused> = justified
        .entries
        .iter()
        .filter(|j| !applied(j))
        .map(|j| Unused {
            question: j.question.clone(),
            file: j.file.clone(),
            line: j.line,
            why: unused_because(bank, j),
        })
        .collect();
    r.unused_justifications = unused;
}

fn unused_because(bank: &Bank, j: &Justification) -> String {
    match bank.question(&j.question) {
        None => "no such question in the banks".to_string(),
        Some(q) if q.digest() != j.digest => {
            format!("the question changed since (digest now {})", q.digest())
        }
        Some(_) => {
            "nothing to justify: the judges agree with the tag or have not rated it".to_string()
        }
    }
}

/// Where a question's `id` is written: file and 1-based line.
pub fn locate(bank: &Bank, q: &Question) -> (String, usize) {
    let line = bank
        .sources
        .iter()
        .find(|s| s.name == q.origin.file)
        .map_or(0, |s| line_col(&s.text, q.origin.span("id").start).0);
    (q.origin.file.clone(), line)
}

fn row(bank: &Bank, q: &Question, current: &[&Rating], c: Option<super::Consensus>) -> Row {
    let rm = &bank.roadmap;
    let (file, line) = locate(bank, q);
    Row {
        question: q.id.clone(),
        file,
        line,
        tag_level: Placement::Level(q.level).id(rm),
        tag_difficulty: q.difficulty,
        consensus_level: c.map(|c| c.placement.id(rm)),
        consensus_difficulty: c.and_then(|c| c.difficulty),
        ratings: current.iter().map(|r| given(rm, r)).collect(),
    }
}

fn given(rm: &Roadmap, r: &Rating) -> Given {
    Given {
        judge: r.judge.clone(),
        level: r.placement.id(rm),
        difficulty: r.difficulty,
        note: r.note.clone(),
    }
}

/// Ratings whose judge has no rating of the question's current version.
fn stale(bank: &Bank, ratings: &Ratings) -> Vec<Stale> {
    let mut out: Vec<Stale> = Vec::new();
    for r in &ratings.ratings {
        let current = bank.question(&r.question).map(Question::digest);
        if current.as_deref() == Some(r.digest.as_str())
            || current
                .as_deref()
                .is_some_and(|d| ratings.has(&r.judge, &r.question, d))
        {
            continue;
        }
        let line = ratings
            .sources
            .iter()
            .find(|s| s.name == r.file)
            .map_or(0, |s| line_col(&s.text, r.span.start).0);
        let entry = Stale {
            judge: r.judge.clone(),
            question: r.question.clone(),
            rated_digest: r.digest.clone(),
            current_digest: current,
            ratings_file: r.file.clone(),
            ratings_line: line,
        };
        // one entry per judge and question: the last stale line
        match out
            .iter_mut()
            .find(|s| s.judge == entry.judge && s.question == entry.question)
        {
            Some(slot) => *slot = entry,
            None => out.push(entry),
        }
    }
    out
}
