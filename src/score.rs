//! Scoring: answers → per level, section and topic tallies → the level reached and weak areas.
//! Pure functions over data.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::bank::Bank;
use crate::roadmap::Priority;
use crate::session::Record;

/// Correct of asked (a skip is asked and not correct).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub correct: usize,
    pub asked: usize,
}

impl Tally {
    pub fn share(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            self.correct as f64 / self.asked as f64
        }
    }

    fn add(&mut self, correct: bool) {
        self.asked += 1;
        self.correct += usize::from(correct);
    }
}

/// How one level went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelScore {
    pub level: String,
    #[serde(flatten)]
    pub tally: Tally,
    /// At least the rubric's minimum evidence was asked.
    pub enough_evidence: bool,
    /// Enough evidence and at least the pass mark.
    pub passed: bool,
}

/// How one section (and its topics) went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionScore {
    pub section: String,
    pub level: String,
    #[serde(flatten)]
    pub tally: Tally,
    pub topics: Vec<TopicScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicScore {
    pub topic: String,
    #[serde(flatten)]
    pub tally: Tally,
}

/// A section to study, with the topics missed there and where to read up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakArea {
    pub section: String,
    pub level: String,
    #[serde(flatten)]
    pub tally: Tally,
    /// Topics with a wrong or skipped answer, most important first.
    pub topics: Vec<String>,
    /// References of the questions missed here.
    pub references: Vec<String>,
}

/// The whole score of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub levels: Vec<LevelScore>,
    pub sections: Vec<SectionScore>,
    /// Index of the highest level reached; `None` is "not yet" the lowest level.
    #[serde(skip)]
    pub reached: Option<usize>,
    pub weak_areas: Vec<WeakArea>,
}

/// Scores a run against the roadmap's rubric (fixed form: observed share per level).
pub fn score(bank: &Bank, records: &[Record]) -> Score {
    let rm = &bank.roadmap;
    let mut level_tallies = vec![Tally::default(); rm.levels.len()];
    for r in records {
        level_tallies[bank.questions[r.question].level].add(r.correct);
    }
    let levels: Vec<LevelScore> = rm
        .levels
        .iter()
        .zip(&level_tallies)
        .map(|(l, t)| {
            let enough = t.asked >= rm.rubric.min_evidence.max(1);
            LevelScore {
                level: l.id.clone(),
                tally: *t,
                enough_evidence: enough,
                passed: enough && t.share() >= rm.rubric.pass_mark,
            }
        })
        .collect();
    let reached = level_reached(&levels);
    let sections = section_scores(bank, records);
    let weak_areas = weak_areas(bank, records, &sections, reached);
    Score {
        levels,
        sections,
        reached,
        weak_areas,
    }
}

/// The highest passed level with no failed level below it. Levels without enough evidence
/// neither pass nor block (a `--level senior` run can still say "Senior").
pub fn level_reached(levels: &[LevelScore]) -> Option<usize> {
    let mut reached = None;
    for (i, l) in levels.iter().enumerate() {
        if l.enough_evidence && !l.passed {
            break;
        }
        if l.passed {
            reached = Some(i);
        }
    }
    reached
}

fn section_scores(bank: &Bank, records: &[Record]) -> Vec<SectionScore> {
    let rm = &bank.roadmap;
    let mut out = Vec::new();
    for s in &rm.sections {
        let mut tally = Tally::default();
        let mut topics = Vec::new();
        for t in rm.topics.iter().filter(|t| t.section == s.id) {
            let mut tt = Tally::default();
            for r in records
                .iter()
                .filter(|r| bank.questions[r.question].topic == t.id)
            {
                tt.add(r.correct);
                tally.add(r.correct);
            }
            if tt.asked > 0 {
                topics.push(TopicScore {
                    topic: t.id.clone(),
                    tally: tt,
                });
            }
        }
        if tally.asked > 0 {
            out.push(SectionScore {
                section: s.id.clone(),
                level: s.level.clone(),
                tally,
                topics,
            });
        }
    }
    out
}

/// Sections below the pass mark up to one level above the level reached (lower levels included:
/// a gap below is still a gap), lowest level first, then by the most important topic missed.
fn weak_areas(
    bank: &Bank,
    records: &[Record],
    sections: &[SectionScore],
    reached: Option<usize>,
) -> Vec<WeakArea> {
    let rm = &bank.roadmap;
    let ceiling = reached.map_or(1, |r| r + 1);
    let mut out: Vec<(usize, Priority, WeakArea)> = Vec::new();
    for s in sections {
        let level = rm.level_index(&s.level).unwrap_or(usize::MAX);
        if level > ceiling || s.tally.share() >= rm.rubric.pass_mark {
            continue;
        }
        let missed: Vec<&Record> = records
            .iter()
            .filter(|r| !r.correct && bank.questions[r.question].section == s.section)
            .collect();
        let mut topics: Vec<(Priority, String)> = missed
            .iter()
            .filter_map(|r| rm.topic(&bank.questions[r.question].topic))
            .map(|t| (t.priority, t.id.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        topics.sort();
        let best = topics.first().map_or(Priority::Advanced, |t| t.0);
        let mut references: Vec<String> = Vec::new();
        for r in &missed {
            for url in &bank.questions[r.question].references {
                if !references.contains(url) {
                    references.push(url.clone());
                }
            }
        }
        let area = WeakArea {
            section: s.section.clone(),
            level: s.level.clone(),
            tally: s.tally,
            topics: topics.into_iter().map(|t| t.1).collect(),
            references,
        };
        out.push((level, best, area));
    }
    out.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.tally.share().total_cmp(&b.2.tally.share()))
    });
    out.into_iter().map(|x| x.2).collect()
}
