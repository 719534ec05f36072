//! Agreement between two sets of ordinal ratings: exact, within one, and quadratic-weighted
//! Cohen's kappa (Cohen 1968; Fleiss & Cohen 1973). Pure functions over (a, b) pairs.

use serde::Serialize;

/// How far two raters agree over the questions both rated on the scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    /// Questions rated by both.
    pub n: usize,
    /// Same category.
    pub exact: usize,
    /// At most one category apart (includes exact).
    pub within_one: usize,
    /// Quadratic-weighted kappa; `None` when it is undefined (no pairs, or no disagreement is
    /// possible by chance because both raters used a single category).
    pub kappa: Option<f64>,
}

impl Agreement {
    pub fn of(pairs: &[(usize, usize)], categories: usize) -> Self {
        Self {
            n: pairs.len(),
            exact: pairs.iter().filter(|(a, b)| a == b).count(),
            within_one: pairs.iter().filter(|(a, b)| a.abs_diff(*b) <= 1).count(),
            kappa: quadratic_kappa(pairs, categories),
        }
    }

    /// Share of exact agreement, 0–1 (0 with no pairs).
    pub fn exact_share(&self) -> f64 {
        share(self.exact, self.n)
    }

    pub fn within_one_share(&self) -> f64 {
        share(self.within_one, self.n)
    }
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// κ_w = 1 − Σ w·O / Σ w·E with weights w_ij = (i − j)², observed counts O and the counts E
/// expected from the two raters' marginals (E_ij = row_i · col_j / n). Categories are
/// `0..categories`; a value outside is a bug.
pub fn quadratic_kappa(pairs: &[(usize, usize)], categories: usize) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut rows = vec![0.0; categories];
    let mut cols = vec![0.0; categories];
    let mut observed = 0.0;
    for &(a, b) in pairs {
        rows[a] += 1.0;
        cols[b] += 1.0;
        observed += (a.abs_diff(b) as f64).powi(2);
    }
    let mut expected = 0.0;
    for (i, r) in rows.iter().enumerate() {
        for (j, c) in cols.iter().enumerate() {
            expected += (i.abs_diff(j) as f64).powi(2) * r * c / n;
        }
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand, three categories, five questions:
    /// pairs (0,0) (1,1) (2,2) (0,1) (2,0); weights (i−j)²: w01 = 1, w02 = 4, w12 = 1.
    /// Observed Σw·O = 1 (the 0/1 pair) + 4 (the 2/0 pair) = 5.
    /// Marginals: rater A 0:2 1:1 2:2; rater B 0:2 1:2 2:1.
    /// Σ w·row·col = row0 (2): 1·2·2 + 4·2·1 = 12; row1 (1): 1·1·2 + 1·1·1 = 3;
    /// row2 (2): 4·2·2 + 1·2·2 = 20; total 35, over n = 5 gives Σw·E = 7.
    /// κ_w = 1 − 5/7 = 2/7.
    #[test]
    fn quadratic_kappa_matches_the_hand_computed_example() {
        let pairs = [(0, 0), (1, 1), (2, 2), (0, 1), (2, 0)];
        let k = quadratic_kappa(&pairs, 3).unwrap();
        assert!((k - 2.0 / 7.0).abs() < 1e-12, "{k}");
        let a = Agreement::of(&pairs, 3);
        assert_eq!((a.n, a.exact, a.within_one), (5, 3, 4));
    }

    #[test]
    fn perfect_agreement_is_one_and_reversed_is_negative() {
        let same = [(0, 0), (1, 1), (2, 2), (3, 3)];
        assert_eq!(quadratic_kappa(&same, 4), Some(1.0));
        let reversed = [(0, 3), (1, 2), (2, 1), (3, 0)];
        assert!(quadratic_kappa(&reversed, 4).unwrap() < 0.0);
    }

    #[test]
    fn undefined_without_spread() {
        assert_eq!(quadratic_kappa(&[], 3), None);
        assert_eq!(quadratic_kappa(&[(1, 1), (1, 1)], 3), None);
    }
}
