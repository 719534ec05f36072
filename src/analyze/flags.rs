//! The flags of an analysed question, each a rule with its thresholds named here (the README's
//! "Team workflow" section explains them and what to do about each).

use serde::Serialize;

use super::QuestionReport;
use super::small::Rule;
use super::stats::{Mean, Moments};

/// Below this many responses a question gets `insufficient-data` and no other flag but the
/// small-sample miskey rule (`small`): the standard error of a correlation at n = 30 is
/// already about 0.18.
pub const MIN_N: usize = 30;
/// `possible-miskey` on discrimination: negative by more than this many standard errors
/// (r · √n, the SE of r near 0 being about 1/√n), so chance alone rarely flags a sound item.
pub const MISKEY_Z: f64 = 2.0;
/// A distractor is compared with the key only when this many people (and this share) chose it.
pub const DISTRACTOR_MIN_CHOOSERS: f64 = 10.0;
pub const DISTRACTOR_MIN_SHARE: f64 = 0.05;
/// ...and flagged when its choosers are stronger than the right answerers by this many SEs.
pub const DISTRACTOR_Z: f64 = 2.0;
/// `too-easy` / `too-hard`: the share right is this far from what the level tag predicts.
pub const LEVEL_GAP: f64 = 0.25;
/// `weak-distractor`: chosen by under this share, once the question has this many responses.
pub const WEAK_SHARE: f64 = 0.03;
pub const WEAK_MIN_N: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    PossibleMiskey,
    TooEasy,
    TooHard,
    WeakDistractor,
    InsufficientData,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::PossibleMiskey => "possible-miskey",
            Flag::TooEasy => "too-easy",
            Flag::TooHard => "too-hard",
            Flag::WeakDistractor => "weak-distractor",
            Flag::InsufficientData => "insufficient-data",
        }
    }
}

/// The flags of one question, from its report and the rest-ability of its right answerers
/// and of each option's choosers.
pub fn of(q: &QuestionReport, right: &Mean, options: &[(Moments, Mean)]) -> Vec<Flag> {
    if q.n < MIN_N {
        let miskey = q
            .small_sample
            .as_ref()
            .is_some_and(|e| Rule::SHIPPED.fires(e, q.n));
        return [Flag::PossibleMiskey, Flag::InsufficientData]
            .into_iter()
            .filter(|f| miskey || *f != Flag::PossibleMiskey)
            .collect();
    }
    let mut flags = Vec::new();
    if negative_discrimination(q)
        || pulls_like_a_key(q, options)
        || stronger_distractor(q, right, options)
    {
        flags.push(Flag::PossibleMiskey);
    }
    if q.share_right - q.expected_share > LEVEL_GAP {
        flags.push(Flag::TooEasy);
    }
    if q.expected_share - q.share_right > LEVEL_GAP {
        flags.push(Flag::TooHard);
    }
    if q.n >= WEAK_MIN_N && q.options.iter().any(|o| !o.key && o.share < WEAK_SHARE) {
        flags.push(Flag::WeakDistractor);
    }
    flags
}

fn negative_discrimination(q: &QuestionReport) -> bool {
    q.discrimination
        .is_some_and(|r| r < 0.0 && r * (q.n as f64).sqrt() < -MISKEY_Z)
}

/// A distractor chosen by enough people, more often than the right answer and with a higher
/// discrimination than the question's: it behaves as the key should. On a sound hard question a
/// popular distractor still discriminates below the key, so this rarely fires by chance.
fn pulls_like_a_key(q: &QuestionReport, options: &[(Moments, Mean)]) -> bool {
    let item = q.discrimination.unwrap_or(f64::NEG_INFINITY);
    q.options.iter().zip(options).any(|(o, (_, chose))| {
        !o.key
            && chose.n >= DISTRACTOR_MIN_CHOOSERS
            && o.share > q.share_right
            && o.discrimination.is_some_and(|r| r > 0.0 && r > item)
    })
}

/// A distractor chosen by enough people whose choosers are clearly stronger than those who
/// answered right: the people who know most pick it, so it may be the real answer.
fn stronger_distractor(q: &QuestionReport, right: &Mean, options: &[(Moments, Mean)]) -> bool {
    let (Some(m_right), Some(se_right)) = (right.mean(), right.se2()) else {
        return false;
    };
    q.options.iter().zip(options).any(|(o, (_, chose))| {
        let enough = chose.n >= DISTRACTOR_MIN_CHOOSERS && o.share >= DISTRACTOR_MIN_SHARE;
        match (o.key, enough, chose.mean(), chose.se2()) {
            (false, true, Some(m), Some(se)) => {
                (m - m_right) / (se + se_right).sqrt().max(1e-9) > DISTRACTOR_Z
            }
            _ => false,
        }
    })
}
