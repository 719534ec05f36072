//! Areas: how far each group of sections sits from the person's overall ability, shrunk toward
//! zero by the evidence it has, and the verdict that follows (weak, possible gap, on par, strong,
//! thin).
//!
//! The model (documented in `MODEL.md`): a person answers an area's questions at ability θ + δ,
//! where θ is estimated from the *other* areas' answers and δ ~ Normal(0, DEFICIT_PRIOR_SD²) is the
//! area's offset. The posterior of δ integrates over θ's uncertainty, so a thin area stays near 0
//! (Kelley-style shrinkage) and only consistent evidence moves it.

use serde::Serialize;

use super::irt::{Params, Posterior, p_correct};
use crate::roadmap::Area;

/// Prior SD of an area's offset from the overall ability (on the scale, where levels are 1 apart).
pub const DEFICIT_PRIOR_SD: f64 = 1.0;
/// An offset at least this large (half a level) is a gap worth studying.
pub const GAP: f64 = 0.5;
/// `weak` / `strong` need at least this posterior probability of a gap (or of a strength).
pub const SURE: f64 = 0.8;
/// A `possible-gap` is offered for confirmation from this probability of a gap.
pub const POSSIBLE: f64 = 0.5;
/// Fewer answers than this in an area is too thin to judge.
pub const MIN_AREA_EVIDENCE: usize = 2;

const DELTA_MIN: f64 = -3.0;
const DELTA_MAX: f64 = 3.0;
const DELTA_POINTS: usize = 61;
/// Every THETA_STRIDE-th point of the ability grid is enough to integrate θ out.
const THETA_STRIDE: usize = 4;

/// What the evidence says about one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaVerdict {
    /// Clearly below the overall ability: P(offset ≤ −GAP) ≥ SURE.
    Weak,
    /// Perhaps below: worth a few more questions to confirm.
    PossibleGap,
    OnPar,
    /// Clearly above: P(offset ≥ GAP) ≥ SURE.
    Strong,
    /// Too few answers to say.
    Thin,
}

impl AreaVerdict {
    pub fn label(self) -> &'static str {
        match self {
            AreaVerdict::Weak => "weak",
            AreaVerdict::PossibleGap => "possible gap",
            AreaVerdict::OnPar => "on par",
            AreaVerdict::Strong => "strong",
            AreaVerdict::Thin => "thin",
        }
    }
}

/// One answer as the area model sees it: its area, its parameters, right or wrong.
#[derive(Debug, Clone, Copy)]
pub struct Response {
    pub area: usize,
    pub params: Params,
    pub correct: bool,
}

/// The estimate of one area's offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offset {
    pub asked: usize,
    pub correct: usize,
    /// Posterior mean of the offset δ (negative: below the overall ability).
    pub mean: f64,
    pub sd: f64,
    /// P(δ ≤ −GAP).
    pub p_gap: f64,
    /// P(δ ≥ GAP).
    pub p_strength: f64,
}

impl Offset {
    pub fn verdict(&self) -> AreaVerdict {
        if self.asked < MIN_AREA_EVIDENCE {
            AreaVerdict::Thin
        } else if self.p_gap >= SURE {
            AreaVerdict::Weak
        } else if self.p_strength >= SURE {
            AreaVerdict::Strong
        } else if self.p_gap >= POSSIBLE {
            AreaVerdict::PossibleGap
        } else {
            AreaVerdict::OnPar
        }
    }
}

/// The offset of every area (indexed like `areas`) from the answers given.
pub fn offsets(areas: &[Area], responses: &[Response]) -> Vec<Offset> {
    (0..areas.len()).map(|a| offset(a, responses)).collect()
}

/// The posterior of area `a`'s offset: θ from the other areas' answers, δ from its own.
pub fn offset(a: usize, responses: &[Response]) -> Offset {
    let mut rest = Posterior::marginal();
    let mut own: Vec<&Response> = Vec::new();
    for r in responses {
        if r.area == a {
            own.push(r);
        } else {
            rest.update(r.params, r.correct);
        }
    }
    let asked = own.len();
    let correct = own.iter().filter(|r| r.correct).count();
    let theta_w = rest.weights();
    let step = (DELTA_MAX - DELTA_MIN) / (DELTA_POINTS - 1) as f64;
    let deltas: Vec<f64> = (0..DELTA_POINTS)
        .map(|i| DELTA_MIN + i as f64 * step)
        .collect();
    let post: Vec<f64> = deltas
        .iter()
        .map(|&d| prior(d) * marginal_likelihood(d, &own, &rest.grid, &theta_w))
        .collect();
    summarise(&deltas, &post, asked, correct)
}

fn prior(d: f64) -> f64 {
    (-0.5 * (d / DEFICIT_PRIOR_SD).powi(2)).exp()
}

/// ∫ Π P(answer | θ + δ) p(θ | other areas) dθ, on every THETA_STRIDE-th grid point.
fn marginal_likelihood(d: f64, own: &[&Response], grid: &[f64], w: &[f64]) -> f64 {
    let mut total = 0.0;
    for k in (0..grid.len()).step_by(THETA_STRIDE) {
        // The weights of the skipped neighbours go to the point that stands for them.
        let weight: f64 = w[k..(k + THETA_STRIDE).min(w.len())].iter().sum();
        if weight < 1e-12 {
            continue;
        }
        let like: f64 = own
            .iter()
            .map(|r| {
                let p = p_correct(r.params, grid[k] + d);
                if r.correct { p } else { 1.0 - p }
            })
            .product();
        total += weight * like;
    }
    total
}

fn summarise(deltas: &[f64], post: &[f64], asked: usize, correct: usize) -> Offset {
    let sum: f64 = post.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        return Offset {
            asked,
            correct,
            mean: 0.0,
            sd: DEFICIT_PRIOR_SD,
            p_gap: 0.0,
            p_strength: 0.0,
        };
    }
    let mass = |keep: &dyn Fn(f64) -> bool| {
        deltas
            .iter()
            .zip(post)
            .filter(|(d, _)| keep(**d))
            .map(|(_, w)| w / sum)
            .sum::<f64>()
    };
    let mean = deltas
        .iter()
        .zip(post)
        .map(|(d, w)| d * w / sum)
        .sum::<f64>();
    let var = deltas
        .iter()
        .zip(post)
        .map(|(d, w)| (d - mean).powi(2) * w / sum)
        .sum::<f64>();
    // A grid point on the boundary counts half, so ±GAP is not biased by where the grid falls.
    let half = |x: f64| (x.abs() - GAP).abs() < 1e-9;
    Offset {
        asked,
        correct,
        mean,
        sd: var.sqrt(),
        p_gap: mass(&|d| d < -GAP - 1e-9) + 0.5 * mass(&|d| d < 0.0 && half(d)),
        p_strength: mass(&|d| d > GAP + 1e-9) + 0.5 * mass(&|d| d > 0.0 && half(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(b: f64) -> Params {
        Params::measured(1.2, b, 0.0)
    }

    fn answers(area: usize, right: usize, wrong: usize, b: f64) -> Vec<Response> {
        (0..right + wrong)
            .map(|i| Response {
                area,
                params: item(b),
                correct: i < right,
            })
            .collect()
    }

    #[test]
    fn an_area_answered_like_the_rest_is_on_par() {
        let mut r = answers(0, 6, 6, 0.0);
        r.extend(answers(1, 3, 3, 0.0));
        let o = offset(1, &r);
        assert!(o.mean.abs() < 0.05, "{o:?}");
        assert_eq!(o.verdict(), AreaVerdict::OnPar);
    }

    #[test]
    fn one_miss_is_thin_and_a_run_of_misses_is_weak() {
        let mut r = answers(0, 8, 4, 0.0);
        r.extend(answers(1, 0, 1, 0.0));
        assert_eq!(offset(1, &r).verdict(), AreaVerdict::Thin);
        let mut r = answers(0, 8, 4, 0.0);
        r.extend(answers(1, 0, 8, -1.0));
        let o = offset(1, &r);
        assert_eq!(o.verdict(), AreaVerdict::Weak, "{o:?}");
        assert!(o.mean < -GAP);
    }

    #[test]
    fn evidence_shrinks_toward_zero_when_thin() {
        let base = answers(0, 8, 4, 0.0);
        let mut two = base.clone();
        two.extend(answers(1, 0, 2, 0.0));
        let mut six = base;
        six.extend(answers(1, 0, 6, 0.0));
        let (o2, o6) = (offset(1, &two), offset(1, &six));
        assert!(o2.mean < 0.0 && o6.mean < o2.mean, "{o2:?} {o6:?}");
        assert!(o6.p_gap > o2.p_gap);
    }
}
