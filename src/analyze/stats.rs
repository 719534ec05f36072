//! Streaming correlation sums: an item's (or an option's) score against rest-ability, kept as
//! five running sums so a million responses need no per-response memory.

/// Running sums of (x, y) pairs for Pearson's correlation; with x ∈ {0, 1} it is the
/// point-biserial correlation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: f64,
    sx: f64,
    sy: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
}

impl Moments {
    pub fn push(&mut self, x: f64, y: f64) {
        self.n += 1.0;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.syy += y * y;
        self.sxy += x * y;
    }

    /// Pearson's r, or `None` when either side has no spread (everyone right, one person).
    pub fn correlation(&self) -> Option<f64> {
        let vx = self.n * self.sxx - self.sx * self.sx;
        let vy = self.n * self.syy - self.sy * self.sy;
        let cov = self.n * self.sxy - self.sx * self.sy;
        // Relative tolerance: sums of identical values leave rounding noise, not spread.
        let tiny = |v: f64, s: f64| v <= 1e-9 * s.max(1.0);
        if tiny(vx, self.n * self.sxx) || tiny(vy, self.n * self.syy) {
            return None;
        }
        Some((cov / (vx * vy).sqrt()).clamp(-1.0, 1.0))
    }
}

/// The mean and variance of y over a group, as running sums.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Mean {
    pub n: f64,
    s: f64,
    ss: f64,
}

impl Mean {
    pub fn push(&mut self, y: f64) {
        self.n += 1.0;
        self.s += y;
        self.ss += y * y;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0.0).then(|| self.s / self.n)
    }

    /// The squared standard error of the mean (sample variance / n).
    pub fn se2(&self) -> Option<f64> {
        (self.n > 1.0).then(|| {
            let m = self.s / self.n;
            ((self.ss - self.n * m * m) / (self.n - 1.0)).max(0.0) / self.n
        })
    }
}

/// Point-biserial correlation of a yes/no variable with a score, from the slices.
pub fn point_biserial(chosen: &[bool], score: &[f64]) -> Option<f64> {
    let mut m = Moments::default();
    for (&c, &s) in chosen.iter().zip(score) {
        m.push(f64::from(u8::from(c)), s);
    }
    m.correlation()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: scores 1, 2, 3, 4, 5, 6; chosen by the people with 4, 5, 6 (and 2).
    /// Choosers' mean M1 = 17/4, others' M0 = 4/2 = 2, population SD of all six s = √(17.5/6),
    /// p = 4/6, q = 2/6: r = (M1 − M0)/s · √(pq) = 2.25 / 1.70783 · 0.471405 = 0.621059.
    #[test]
    fn point_biserial_matches_the_hand_computed_example() {
        let chosen = [false, true, false, true, true, true];
        let score = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let r = point_biserial(&chosen, &score).unwrap();
        assert!((r - 0.621059).abs() < 1e-5, "{r}");
        let flipped: Vec<bool> = chosen.iter().map(|c| !c).collect();
        assert!((point_biserial(&flipped, &score).unwrap() + r).abs() < 1e-12);
    }

    #[test]
    fn no_spread_gives_no_correlation() {
        assert_eq!(point_biserial(&[true, true, true], &[1.0, 2.0, 3.0]), None);
        assert_eq!(point_biserial(&[true, false], &[0.3, 0.3]), None);
        assert_eq!(point_biserial(&[], &[]), None);
    }

    #[test]
    fn mean_and_its_standard_error() {
        let mut m = Mean::default();
        for y in [1.0, 2.0, 3.0, 6.0] {
            m.push(y);
        }
        assert_eq!(m.mean(), Some(3.0));
        // Sample variance (4 + 1 + 0 + 9)/3 = 14/3, over n = 4.
        assert!((m.se2().unwrap() - 14.0 / 12.0).abs() < 1e-12);
    }
}
