//! Blind standard setting: judges' ratings of questions (the lowest level at which a typical
//! developer answers right at the pass mark), loaded from JSON Lines files, and their consensus.
//!
//! The file format is in `file.rs` and documented in `questions/ratings/README.md`. What the
//! engine may use is [`Ratings::consensus`]: for a question id and its current content digest,
//! the judges' agreed placement and difficulty, or nothing when they do not agree.

pub mod agreement;
pub mod blind;
pub mod file;
pub mod inform;
pub mod justified;
pub mod output;
pub mod report;
pub mod scripted;

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::error::{Error, Result};
use crate::roadmap::Roadmap;

/// The value of `level` for a question not worth a level at all (recall of a document's wording,
/// product-name trivia, or a question without one defensible key).
pub const NOT_A_LEVEL: &str = "not-a-level-question";

/// A consensus needs at least this many judges with a current rating.
pub const MIN_JUDGES: usize = 2;

/// Where a judge places a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placement {
    /// Below the lowest level: a typical developer of the lowest level answers it right.
    Below,
    /// The lowest level (index into the roadmap's levels) whose typical developer answers it right
    /// at least the pass mark of the time.
    Level(usize),
    /// Not a question that measures a level.
    NotALevel,
}

impl Placement {
    /// The ordinal position used for agreement (0 below, 1 the lowest level, …); none for
    /// "not a level question", which is not on the scale.
    pub fn scale(self) -> Option<usize> {
        match self {
            Placement::Below => Some(0),
            Placement::Level(i) => Some(i + 1),
            Placement::NotALevel => None,
        }
    }

    /// Reads `level` as written in a ratings file: a level id, `below-<lowest level id>`, or
    /// `not-a-level-question`.
    pub fn parse(s: &str, rm: &Roadmap) -> Option<Self> {
        if s == NOT_A_LEVEL {
            return Some(Placement::NotALevel);
        }
        if s == below_name(rm) {
            return Some(Placement::Below);
        }
        rm.level_index(s).map(Placement::Level)
    }

    /// The spelling used in ratings files.
    pub fn id(self, rm: &Roadmap) -> String {
        match self {
            Placement::Below => below_name(rm),
            Placement::Level(i) => rm.levels.get(i).map_or("?".into(), |l| l.id.clone()),
            Placement::NotALevel => NOT_A_LEVEL.into(),
        }
    }

    /// The human name ("Senior", "below Beginner", "not a level question").
    pub fn title(self, rm: &Roadmap) -> String {
        match self {
            Placement::Below => format!(
                "below {}",
                rm.levels
                    .first()
                    .map_or("the lowest level", |l| l.title.as_str())
            ),
            Placement::Level(i) => rm.levels.get(i).map_or("?".into(), |l| l.title.clone()),
            Placement::NotALevel => "not a level question".into(),
        }
    }

    /// Every value a judge can choose, lowest first.
    pub fn all(rm: &Roadmap) -> Vec<Placement> {
        let mut v = vec![Placement::Below];
        v.extend((0..rm.levels.len()).map(Placement::Level));
        v.push(Placement::NotALevel);
        v
    }
}

/// `below-beginner` for the Node.js roadmap: "below" and the lowest level's id.
pub fn below_name(rm: &Roadmap) -> String {
    format!(
        "below-{}",
        rm.levels.first().map_or("lowest", |l| l.id.as_str())
    )
}

/// One judge's rating of one version of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub judge: String,
    pub question: String,
    /// The question's content digest when it was rated (`Question::digest`).
    pub digest: String,
    pub placement: Placement,
    /// 1 easy, 2 typical, 3 hard within the placed level (levels only).
    pub difficulty: Option<u8>,
    pub note: Option<String>,
    /// The ratings file and the byte range of the line, for located messages.
    pub file: String,
    pub span: Range<usize>,
}

/// What judges agreed on for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consensus {
    pub placement: Placement,
    /// Difficulty within the level (levels only).
    pub difficulty: Option<u8>,
    /// How many judges it rests on.
    pub judges: usize,
}

impl Consensus {
    /// The level index and difficulty, when the consensus is a level: what a prior can use.
    pub fn level(&self) -> Option<(usize, u8)> {
        match self.placement {
            Placement::Level(i) => Some((i, self.difficulty.unwrap_or(2))),
            _ => None,
        }
    }
}

/// The consensus rule: at least [`MIN_JUDGES`] ratings; all "not a level question" gives that;
/// otherwise every rating must be on the scale and all within one level of each other, and the
/// consensus is their lower median on the fine scale (level, then difficulty) — the lower of the
/// two middle ratings when the count is even, so ties lean to the "lowest level" of the rubric.
pub fn consensus_of(ratings: &[&Rating]) -> Option<Consensus> {
    let judges = ratings.len();
    if judges < MIN_JUDGES {
        return None;
    }
    if ratings.iter().all(|r| r.placement == Placement::NotALevel) {
        return Some(Consensus {
            placement: Placement::NotALevel,
            difficulty: None,
            judges,
        });
    }
    let levels: Vec<usize> = ratings
        .iter()
        .map(|r| r.placement.scale())
        .collect::<Option<_>>()?;
    let (lo, hi) = (levels.iter().min()?, levels.iter().max()?);
    if hi - lo > 1 {
        return None;
    }
    // fine scale: 0 below; 1 + 3·level + (difficulty − 1) for a level
    let mut fine: Vec<usize> = ratings
        .iter()
        .map(|r| match r.placement {
            Placement::Level(i) => {
                1 + 3 * i + usize::from(r.difficulty.unwrap_or(2).clamp(1, 3) - 1)
            }
            _ => 0,
        })
        .collect();
    fine.sort_unstable();
    let m = fine[(fine.len() - 1) / 2];
    Some(if m == 0 {
        Consensus {
            placement: Placement::Below,
            difficulty: None,
            judges,
        }
    } else {
        Consensus {
            placement: Placement::Level((m - 1) / 3),
            difficulty: Some(((m - 1) % 3 + 1) as u8),
            judges,
        }
    })
}

/// Every rating from a set of ratings files; for one judge and one version of a question, the
/// last line wins (a judge corrects a rating by appending a new one).
#[derive(Debug, Clone, Default)]
pub struct Ratings {
    pub ratings: Vec<Rating>,
    /// The ratings files, for rendering located messages.
    pub sources: Vec<Source>,
}

impl Ratings {
    /// Judge names, sorted.
    pub fn judges(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.ratings.iter().map(|r| r.judge.as_str()).collect();
        set.into_iter().collect()
    }

    /// The current ratings of a question: one per judge (the judge's last), for this digest only.
    pub fn current(&self, question: &str, digest: &str) -> Vec<&Rating> {
        let mut out: Vec<&Rating> = Vec::new();
        for r in self
            .ratings
            .iter()
            .filter(|r| r.question == question && r.digest == digest)
        {
            match out.iter_mut().find(|o| o.judge == r.judge) {
                Some(slot) => *slot = r,
                None => out.push(r),
            }
        }
        out.sort_by(|a, b| a.judge.cmp(&b.judge));
        out
    }

    /// The judges' consensus on this version of a question (see [`consensus_of`]); `None` when
    /// fewer than two judges rated it, when they are more than one level apart, or when the
    /// question changed since it was rated (a different digest).
    pub fn consensus(&self, question: &str, digest: &str) -> Option<Consensus> {
        consensus_of(&self.current(question, digest))
    }

    /// The consensus on a question as it is now written (its id and current digest).
    pub fn for_question(&self, q: &crate::bank::Question) -> Option<Consensus> {
        self.consensus(&q.id, &q.digest())
    }

    /// Whether this judge has a current rating of this version of a question.
    pub fn has(&self, judge: &str, question: &str, digest: &str) -> bool {
        self.ratings
            .iter()
            .any(|r| r.judge == judge && r.question == question && r.digest == digest)
    }
}

/// Loads ratings files (JSON Lines, see `file.rs`); any bad line is an error listing every
/// problem with its file and line (exit 2).
pub fn load(paths: &[PathBuf], rm: &Roadmap) -> Result<Ratings> {
    let sources = paths
        .iter()
        .map(|p| file::read(p))
        .collect::<Result<Vec<_>>>()?;
    parse_sources(&sources, rm)
}

/// Parses ratings already read; any bad line is an error listing every problem.
pub fn parse_sources(sources: &[Source], rm: &Roadmap) -> Result<Ratings> {
    let mut out = Ratings::default();
    let mut diagnostics = Vec::new();
    for src in sources {
        let (ratings, diags) = file::parse(src, rm);
        out.ratings.extend(ratings);
        diagnostics.extend(diags);
        out.sources.push(src.clone());
    }
    if diagnostics
        .iter()
        .any(|d: &Diagnostic| d.severity == Severity::Error)
    {
        return Err(Error::Invalid {
            diagnostics,
            sources: out.sources,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(judge: &str, p: Placement, d: Option<u8>) -> Rating {
        Rating {
            judge: judge.into(),
            question: "q".into(),
            digest: "d".into(),
            placement: p,
            difficulty: d,
            note: None,
            file: "f".into(),
            span: 0..0,
        }
    }

    #[test]
    fn consensus_is_the_lower_median_when_all_are_within_one() {
        let a = r("a", Placement::Level(2), Some(3));
        let b = r("b", Placement::Level(3), Some(1));
        let c = consensus_of(&[&a, &b]).unwrap();
        assert_eq!(c.placement, Placement::Level(2));
        assert_eq!(c.difficulty, Some(3));
        let c3 = r("c", Placement::Level(3), Some(2));
        let c = consensus_of(&[&a, &b, &c3]).unwrap();
        assert_eq!((c.placement, c.difficulty), (Placement::Level(3), Some(1)));
    }

    #[test]
    fn no_consensus_when_apart_mixed_or_alone() {
        let a = r("a", Placement::Level(0), Some(2));
        let b = r("b", Placement::Level(2), Some(2));
        assert_eq!(consensus_of(&[&a, &b]), None);
        let n = r("n", Placement::NotALevel, None);
        assert_eq!(consensus_of(&[&a, &n]), None);
        assert_eq!(consensus_of(&[&a]), None);
        let n2 = r("m", Placement::NotALevel, None);
        assert_eq!(
            consensus_of(&[&n, &n2]).unwrap().placement,
            Placement::NotALevel
        );
        let below = r("b", Placement::Below, None);
        assert_eq!(
            consensus_of(&[&a, &below]).unwrap().placement,
            Placement::Below
        );
    }
}
