//! Rest-ability: each person's EAP ability from their *other* answers, with the parameters the
//! engine uses today (tag-derived, or calibrated). An item is never correlated with an estimate
//! it helped make, and people who answered different questions are still on one scale.

use crate::engine::irt::{Params, p_correct};

/// The grid the estimate integrates over: coarser than the engine's (81 points suffice for a
/// correlation, and keep a million responses fast).
const GRID_POINTS: usize = 81;
const GRID_MIN: f64 = -4.0;
const GRID_MAX: f64 = 4.0;

/// Each item's log-likelihood of a right and a wrong answer at every grid point.
pub struct Grid {
    theta: Vec<f64>,
    log_prior: Vec<f64>,
    /// Per item: `Some((ln p, ln (1 − p)))` per grid point; `None` for an item kept out of
    /// the estimate (open questions are self-marked and never count toward a level).
    items: Vec<Option<(Vec<f64>, Vec<f64>)>>,
}

impl Grid {
    /// `params[j]` is `None` for an item that must not inform ability.
    pub fn new(params: &[Option<Params>]) -> Self {
        let step = (GRID_MAX - GRID_MIN) / (GRID_POINTS - 1) as f64;
        let theta: Vec<f64> = (0..GRID_POINTS)
            .map(|i| GRID_MIN + i as f64 * step)
            .collect();
        let log_prior = theta.iter().map(|t| -0.5 * t * t).collect();
        let items = params
            .iter()
            .map(|p| {
                p.map(|p| {
                    theta
                        .iter()
                        .map(|&t| {
                            let pr = p_correct(p, t).clamp(1e-9, 1.0 - 1e-9);
                            (pr.ln(), (1.0 - pr).ln())
                        })
                        .unzip()
                })
            })
            .collect();
        Self {
            theta,
            log_prior,
            items,
        }
    }

    fn row(&self, item: u32, correct: bool) -> Option<&[f64]> {
        self.items[item as usize]
            .as_ref()
            .map(|(right, wrong)| if correct { &right[..] } else { &wrong[..] })
    }

    /// For one person's answers `(item, correct)`: the EAP of ability from all answers but
    /// each one in turn, in the same order.
    pub fn rest_abilities(&self, answers: &[(u32, bool)]) -> Vec<f64> {
        let mut full = self.log_prior.clone();
        for &(item, correct) in answers {
            if let Some(row) = self.row(item, correct) {
                full.iter_mut().zip(row).for_each(|(f, l)| *f += l);
            }
        }
        let mut rest = vec![0.0; full.len()];
        answers
            .iter()
            .map(|&(item, correct)| match self.row(item, correct) {
                Some(row) => {
                    rest.iter_mut()
                        .zip(&full)
                        .zip(row)
                        .for_each(|((r, f), l)| *r = f - l);
                    self.eap(&rest)
                }
                None => self.eap(&full),
            })
            .collect()
    }

    /// The posterior mean of a log density on the grid.
    fn eap(&self, log: &[f64]) -> f64 {
        let max = log.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (mut sw, mut swt) = (0.0, 0.0);
        for (l, t) in log.iter().zip(&self.theta) {
            let w = (l - max).exp();
            sw += w;
            swt += w * t;
        }
        swt / sw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(b: f64) -> Option<Params> {
        Some(Params::measured(1.2, b, 0.0))
    }

    #[test]
    fn an_answer_does_not_inform_its_own_rest_ability() {
        let g = Grid::new(&[item(0.0), item(0.0), item(0.0), None]);
        // Two identical people but for item 0: their rest-ability for item 0 is the same.
        let a = g.rest_abilities(&[(0, true), (1, true), (2, false)]);
        let b = g.rest_abilities(&[(0, false), (1, true), (2, false)]);
        assert!((a[0] - b[0]).abs() < 1e-12);
        // ...and for the others it differs, higher where item 0 was right.
        assert!(a[1] > b[1] + 0.1);
        // No answers but this one: the prior's mean.
        assert!(g.rest_abilities(&[(0, true)])[0].abs() < 1e-9);
    }

    #[test]
    fn items_kept_out_neither_count_nor_are_left_out() {
        let g = Grid::new(&[item(0.0), None]);
        let r = g.rest_abilities(&[(0, true), (1, true)]);
        assert!(r[0].abs() < 1e-9, "{r:?}");
        assert!(r[1] > 0.3, "{r:?}");
    }
}
