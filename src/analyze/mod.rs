//! Item analysis from pooled responses: per question its share right, its discrimination against
//! rest-ability, each option's pull, and the flags a bank maintainer acts on (see `flags`).

pub mod ability;
pub mod flags;
pub mod options;
pub mod output;
pub mod small;
pub mod stats;

use serde::Serialize;

use crate::bank::{Bank, Question};
use crate::engine::irt::{Scale, p_correct};
use crate::error::Result;
use crate::responses::remark::{Left, People, Remarker, Skipped};
pub use flags::Flag;
use stats::{Mean, Moments};

/// The version of the JSON document `analyze --format json` writes.
pub const FORMAT_VERSION: u32 = 1;

/// One answer as analysis keeps it: right by today's key, and which options it chose (bit i =
/// option i of `options::of`), so a million responses cost a few bytes each.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub correct: bool,
    pub chosen: u64,
}

/// Everything read from the responses files: people with their answers, what was left out, and
/// per question how many responses were given to an earlier version of it.
pub struct Pool {
    pub people: People<Answer>,
    pub skipped: Skipped,
    pub changed: Vec<usize>,
    pub responses: usize,
}

/// Reads and re-marks every response of `files`, streaming.
pub fn read(bank: &Bank, files: &[std::path::PathBuf]) -> Result<Pool> {
    let remarker = Remarker::new(bank);
    let option_lists: Vec<Vec<options::Opt>> = bank.questions.iter().map(options::of).collect();
    let mut pool = Pool {
        people: People::default(),
        skipped: Skipped::default(),
        changed: vec![0; bank.questions.len()],
        responses: 0,
    };
    crate::responses::for_each(files, |r| {
        pool.responses += 1;
        match remarker.mark(&r) {
            Err(why) => {
                if let Left::Changed(i) = why {
                    pool.changed[i] += 1;
                }
                pool.skipped.count(why);
            }
            Ok(m) => {
                let answer = Answer {
                    correct: m.correct,
                    chosen: options::chosen(&option_lists[m.item], &m.given),
                };
                if !pool.people.add(&r, m.item, answer) {
                    pool.skipped.repeated += 1;
                }
            }
        }
    })?;
    Ok(pool)
}

/// One option of a choice question, analysed.
#[derive(Debug, Clone, Serialize)]
pub struct OptionReport {
    pub text: String,
    pub key: bool,
    /// Share of the question's responses that chose it.
    pub share: f64,
    /// Point-biserial correlation of choosing it with rest-ability.
    pub discrimination: Option<f64>,
    /// Mean rest-ability of those who chose it.
    pub mean_ability: Option<f64>,
}

/// One question, analysed.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionReport {
    pub id: String,
    pub kind: &'static str,
    pub level: String,
    pub file: String,
    pub line: usize,
    pub n: usize,
    pub share_right: f64,
    /// The share right the level tag predicts for these respondents (their rest-abilities).
    pub expected_share: f64,
    /// Correlation of the item score with rest-ability.
    pub discrimination: Option<f64>,
    pub options: Vec<OptionReport>,
    pub flags: Vec<Flag>,
    /// With 10 to 29 responses to a choice question, the figures the small-sample
    /// `possible-miskey` rule judged (null otherwise; `flags` says whether it fired).
    pub small_sample: Option<small::SmallSample>,
}

/// A question some responses were given to in an earlier version: counted, not analysed.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub id: String,
    pub responses: usize,
}

/// The whole analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub format_version: u32,
    pub responses: usize,
    pub people: usize,
    pub skipped: Skipped,
    pub questions: Vec<QuestionReport>,
    pub changed: Vec<Changed>,
}

impl Analysis {
    pub fn miskeys(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.flags.contains(&Flag::PossibleMiskey))
            .count()
    }
}

/// Running sums for one question.
#[derive(Default, Clone)]
struct Tally {
    score: Moments,
    right: Mean,
    expected: f64,
    options: Vec<(Moments, Mean)>,
    few: small::Few,
}

/// Analyses the pool against the bank it was read with.
pub fn analyze(bank: &Bank, pool: &Pool) -> Analysis {
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let params: Vec<_> = bank
        .questions
        .iter()
        .map(|q| (!q.body.is_open()).then(|| scale.params(q)))
        .collect();
    let grid = ability::Grid::new(&params);
    let option_lists: Vec<Vec<options::Opt>> = bank.questions.iter().map(options::of).collect();
    let mut tallies: Vec<Tally> = option_lists
        .iter()
        .map(|o| Tally {
            options: vec![Default::default(); o.len()],
            ..Default::default()
        })
        .collect();
    let tag: Vec<_> = bank.questions.iter().map(|q| scale.from_tag(q)).collect();
    for person in &pool.people.people {
        let scored: Vec<(u32, bool)> = person.iter().map(|(j, a)| (*j, a.correct)).collect();
        for ((j, answer), theta) in person.iter().zip(grid.rest_abilities(&scored)) {
            let t = &mut tallies[*j as usize];
            t.score.push(f64::from(u8::from(answer.correct)), theta);
            if answer.correct {
                t.right.push(theta);
            }
            t.expected += p_correct(tag[*j as usize], theta);
            t.few.push(theta, answer.chosen, answer.correct);
            for (k, (m, mean)) in t.options.iter_mut().enumerate() {
                let chose = answer.chosen >> k & 1 == 1;
                m.push(f64::from(u8::from(chose)), theta);
                if chose {
                    mean.push(theta);
                }
            }
        }
    }
    let index = crate::diagnostic::Index::new(&bank.sources);
    let questions = bank
        .questions
        .iter()
        .zip(&tallies)
        .zip(&option_lists)
        .filter(|((_, t), _)| t.score.n > 0.0)
        .map(|((q, t), opts)| report(bank, &index, q, t, opts))
        .collect();
    Analysis {
        format_version: FORMAT_VERSION,
        responses: pool.responses,
        people: pool.people.people.len(),
        skipped: pool.skipped.clone(),
        questions,
        changed: bank
            .questions
            .iter()
            .zip(&pool.changed)
            .filter(|(_, n)| **n > 0)
            .map(|(q, n)| Changed {
                id: q.id.clone(),
                responses: *n,
            })
            .collect(),
    }
}

fn report(
    bank: &Bank,
    index: &crate::diagnostic::Index,
    q: &Question,
    t: &Tally,
    opts: &[options::Opt],
) -> QuestionReport {
    let n = t.score.n;
    let options = opts
        .iter()
        .zip(&t.options)
        .map(|(o, (m, mean))| OptionReport {
            text: o.text.clone(),
            key: o.key,
            share: mean.n / n,
            discrimination: m.correlation(),
            mean_ability: mean.mean(),
        })
        .collect();
    let mut r = QuestionReport {
        id: q.id.clone(),
        kind: q.body.kind().name(),
        level: bank
            .roadmap
            .levels
            .get(q.level)
            .map_or_else(String::new, |l| l.id.clone()),
        file: q.origin.file.clone(),
        line: line_of(index, q),
        n: n as usize,
        share_right: t.right.n / n,
        expected_share: t.expected / n,
        discrimination: t.score.correlation(),
        options,
        flags: Vec::new(),
        small_sample: small::evidence(&t.few, opts),
    };
    r.flags = flags::of(&r, &t.right, &t.options);
    r
}

/// The line a question's table starts on in its file (1 when the file is unknown).
fn line_of(index: &crate::diagnostic::Index, q: &Question) -> usize {
    let d = crate::diagnostic::Diagnostic::warning(
        "analyze",
        &q.origin.file,
        Some(q.origin.table.clone()),
        "",
    );
    index.position(&d).map_or(1, |p| p.0)
}
