//! Scoring: answers → per level, section and topic tallies → the level reached and weak areas.
//! Pure functions over data.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::answered::Record;
use crate::bank::Bank;
pub use crate::engine::adaptive::DEFAULT_TARGET;
use crate::engine::areas::{AreaVerdict, Response, offset};
use crate::engine::irt::{Posterior, Scale};
use crate::roadmap::{Priority, area_index};

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
    /// Fixed form: enough evidence and at least the pass mark. Adaptive form: at or below the
    /// level reported (the headline's verdict, so no row contradicts it).
    pub passed: bool,
    /// Adaptive form only: the model's probability that this level has been reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_reached: Option<f64>,
}

/// The rubric's verdict on one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    NotTested,
    NotEnoughEvidence,
    Passed,
    BelowPassMark,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::NotTested => "not tested",
            Verdict::NotEnoughEvidence => "not enough evidence",
            Verdict::Passed => "passed",
            Verdict::BelowPassMark => "below the pass mark",
        }
    }
}

impl LevelScore {
    pub fn verdict(&self) -> Verdict {
        if self.tally.asked == 0 {
            Verdict::NotTested
        } else if !self.enough_evidence {
            Verdict::NotEnoughEvidence
        } else if self.passed {
            Verdict::Passed
        } else {
            Verdict::BelowPassMark
        }
    }
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
    /// Fixed form: sections below the pass mark on enough evidence. (The adaptive form judges
    /// areas instead.)
    pub weak_areas: Vec<WeakArea>,
    /// Adaptive form only: the ability estimate and each level's probability.
    pub estimate: Option<Estimate>,
    /// Adaptive form only: each area asked, with its offset from the overall ability and verdict.
    pub areas: Vec<AreaScore>,
    /// Every topic with a wrong or skipped answer, with where to read up (both forms).
    pub missed: Vec<MissedTopic>,
}

/// One area's result in the adaptive form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaScore {
    pub id: String,
    pub title: String,
    pub sections: Vec<String>,
    /// Topics the area draws in from other areas' sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    pub asked: usize,
    pub correct: usize,
    /// How far the area sits from the overall ability, shrunk by its evidence (levels are 1
    /// apart; negative is weaker).
    pub estimate: f64,
    /// The probability that the area sits at least half a level below the overall ability.
    pub probability_gap: f64,
    pub verdict: AreaVerdict,
}

/// A topic with a wrong or skipped answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedTopic {
    pub topic: String,
    pub section: String,
    pub level: String,
    pub missed: usize,
    /// References of the questions missed in it.
    pub references: Vec<String>,
}

/// The adaptive form's ability estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub ability: f64,
    pub standard_error: f64,
    /// Posterior probability of each band, "not-yet" first, then each level id.
    pub probabilities: Vec<(String, f64)>,
    /// The most probable level reached the target confidence: it may be called "reached";
    /// otherwise the report says "most likely".
    pub confident: bool,
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
                probability_reached: None,
            }
        })
        .collect();
    let reached = level_reached(&levels);
    let sections = section_scores(bank, records);
    // One miss in a section of one question is not a weak area: the rubric's minimum evidence.
    let below_pass = |s: &SectionScore| {
        s.tally.asked >= rm.rubric.min_evidence.max(1) && s.tally.share() < rm.rubric.pass_mark
    };
    let weak_areas = weak_areas(bank, records, &sections, reached, below_pass);
    Score {
        levels,
        sections,
        reached,
        weak_areas,
        estimate: None,
        areas: Vec::new(),
        missed: missed_topics(bank, records),
    }
}

/// Scores an adaptive run: the level is the most probable band of the posterior, each level's
/// row carries the model's probability of having reached it, and each area gets its offset from
/// the overall ability with a verdict. `target` is the probability needed to say "reached".
pub fn score_adaptive(bank: &Bank, records: &[Record], target: f64) -> Score {
    if records.is_empty() {
        // No answers: the prior alone is not an estimate of anyone.
        return score(bank, records);
    }
    let rm = &bank.roadmap;
    let scale = Scale::new(rm.levels.len(), rm.rubric.pass_mark);
    // The level rests on the balanced check; confirmation answers only inform their area.
    let mut post = Posterior::marginal();
    for r in records.iter().filter(|r| !r.confirming) {
        post.update(scale.params(&bank.questions[r.question]), r.correct);
    }
    let (ability, standard_error) = post.estimate();
    let probs = post.band_probabilities(&scale);
    let best = (0..probs.len())
        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
        .unwrap_or(0);
    let reached = best.checked_sub(1);
    let mut scored = score(bank, records);
    for (i, l) in scored.levels.iter_mut().enumerate() {
        l.probability_reached = Some(probs[i + 1..].iter().sum());
        l.passed = reached.is_some_and(|r| i <= r);
    }
    scored.weak_areas = Vec::new();
    scored.areas = area_scores(bank, records, &scale);
    let names =
        std::iter::once("not-yet".to_string()).chain(rm.levels.iter().map(|l| l.id.clone()));
    scored.estimate = Some(Estimate {
        ability,
        standard_error,
        probabilities: names.zip(probs.iter().copied()).collect(),
        confident: probs[best] >= target,
    });
    scored.reached = reached;
    scored
}

/// Every area with an answer: its offset from the overall ability and the verdict.
fn area_scores(bank: &Bank, records: &[Record], scale: &Scale) -> Vec<AreaScore> {
    let areas = bank.roadmap.effective_areas();
    let responses: Vec<Response> = records
        .iter()
        .filter_map(|r| {
            let q = &bank.questions[r.question];
            area_index(&areas, &q.section, &q.topic).map(|area| Response {
                area,
                params: scale.params(q),
                correct: r.correct,
            })
        })
        .collect();
    areas
        .iter()
        .enumerate()
        .filter(|(k, _)| responses.iter().any(|r| r.area == *k))
        .map(|(k, a)| {
            let o = offset(k, &responses);
            AreaScore {
                id: a.id.clone(),
                title: a.title.clone(),
                sections: a.sections.clone(),
                topics: a.topics.clone(),
                asked: o.asked,
                correct: o.correct,
                estimate: (o.mean * 100.0).round() / 100.0,
                probability_gap: (o.p_gap * 1000.0).round() / 1000.0,
                verdict: o.verdict(),
            }
        })
        .collect()
}

/// The topics missed (wrong or skipped), lowest level first, then by priority.
fn missed_topics(bank: &Bank, records: &[Record]) -> Vec<MissedTopic> {
    let rm = &bank.roadmap;
    let mut out: Vec<(usize, Priority, MissedTopic)> = Vec::new();
    for r in records.iter().filter(|r| !r.correct) {
        let q = &bank.questions[r.question];
        if let Some((_, _, m)) = out.iter_mut().find(|(_, _, m)| m.topic == q.topic) {
            m.missed += 1;
            for url in &q.references {
                if !m.references.contains(url) {
                    m.references.push(url.clone());
                }
            }
            continue;
        }
        let priority = rm
            .topic(&q.topic)
            .map_or(Priority::Advanced, |t| t.priority);
        out.push((
            q.level,
            priority,
            MissedTopic {
                topic: q.topic.clone(),
                section: q.section.clone(),
                level: rm.levels[q.level].id.clone(),
                missed: 1,
                references: q.references.clone(),
            },
        ));
    }
    out.sort_by_key(|a| (a.0, a.1));
    out.into_iter().map(|x| x.2).collect()
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
    is_weak: impl Fn(&SectionScore) -> bool,
) -> Vec<WeakArea> {
    let rm = &bank.roadmap;
    let ceiling = reached.map_or(1, |r| r + 1);
    let mut out: Vec<(usize, Priority, WeakArea)> = Vec::new();
    for s in sections {
        let level = rm.level_index(&s.level).unwrap_or(usize::MAX);
        if level > ceiling || !is_weak(s) {
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
