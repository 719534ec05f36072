//! Item response theory: the three-parameter logistic model on one ability scale, the expected a
//! posteriori (EAP) estimate on a grid, and the probability of each level.
//!
//! The scale and every default are documented in `src/engine/MODEL.md`:
//! - a level's typical question (difficulty 2) has `b = cut − ln(p/(1−p))/a`, so that a person
//!   exactly at the level's cut point answers it with probability `p` = the pass mark;
//! - cut points are one unit apart, centred on 0; difficulty 1 and 3 shift `b` by ∓0.35;
//! - guessing is 1/k for k options, 1/2 for true/false, 0 for typed, ordering and select-all;
//! - discrimination is assumed to be 1.4 (typical of real knowledge-test items), and tagged
//!   difficulties are only known to ±0.7, so the engine uses the curve averaged over that
//!   uncertainty (slope ≈ 1.16);
//! - the prior is the standard normal; a question's `calibration` overrides a, b and c.

use crate::bank::{Body, Question};

/// Discrimination assumed for an uncalibrated question on its own true difficulty: real
/// knowledge-test items sit around 1–2, and over-stating it makes every probability over-confident.
pub const DEFAULT_A: f64 = 1.4;
/// How uncertain a tagged difficulty (level + 1–3) is, as a standard deviation on the scale.
pub const TAG_SD: f64 = 0.7;
/// Shift of `b` per step of within-level difficulty (1 easy … 3 hard).
pub const DIFFICULTY_STEP: f64 = 0.35;
/// Distance between the cut points of neighbouring levels.
pub const LEVEL_SPACING: f64 = 1.0;
/// The prior: ability ~ Normal(0, PRIOR_SD²).
pub const PRIOR_SD: f64 = 1.0;
/// The grid the posterior lives on.
pub const GRID_MIN: f64 = -5.0;
pub const GRID_MAX: f64 = 5.0;
pub const GRID_POINTS: usize = 401;

/// Parameters of one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    /// The ability about which an unknown slope factor turns the curve (see `Posterior::update`):
    /// for a placed question, where a person answers it at the pass mark on its own true slope —
    /// the one thing its placement asserts; for a calibrated one, `b`.
    pub pivot: f64,
}

impl Params {
    /// A question with measured parameters: a slope factor turns it about its difficulty.
    pub const fn measured(a: f64, b: f64, c: f64) -> Self {
        Self { a, b, c, pivot: b }
    }

    /// The same question with every slope times `factor`, turned about its pivot: sharper items
    /// anchored at the pass mark sit nearer their anchor, as the truth's own items do.
    pub fn with_slope_factor(self, factor: f64) -> Self {
        Self {
            a: self.a * factor,
            b: self.pivot - (self.pivot - self.b) / factor,
            ..self
        }
    }
}

/// The ability scale for a roadmap: where each level starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// Cut point of each level (ability at which the level is reached), lowest first.
    pub cuts: Vec<f64>,
    pub pass_mark: f64,
}

impl Scale {
    /// Cut points one unit apart, centred on 0 (four levels: −1.5, −0.5, 0.5, 1.5).
    pub fn new(levels: usize, pass_mark: f64) -> Self {
        let mid = (levels as f64 - 1.0) / 2.0;
        Self {
            cuts: (0..levels)
                .map(|i| (i as f64 - mid) * LEVEL_SPACING)
                .collect(),
            pass_mark,
        }
    }

    /// Difficulty of a level's typical (difficulty 2) question, as the engine models it.
    pub fn typical_b(&self, level: usize) -> f64 {
        self.typical_b_for(level, DEFAULT_A)
    }

    /// Difficulty at which a person at the level's cut answers a question of slope `a` with
    /// probability = the pass mark.
    pub fn typical_b_for(&self, level: usize, a: f64) -> f64 {
        let logit = (self.pass_mark / (1.0 - self.pass_mark)).ln();
        self.cuts[level] - logit / a
    }

    /// The band an ability falls in: `None` below the first cut ("not yet"), else the level.
    pub fn band(&self, theta: f64) -> Option<usize> {
        self.cuts.iter().rposition(|&c| theta >= c)
    }

    /// The centre of each band, "not yet" first: halfway between cuts, and half a spacing
    /// beyond the outer cuts.
    pub fn band_centres(&self) -> Vec<f64> {
        let mut v = vec![self.cuts[0] - LEVEL_SPACING / 2.0];
        for w in self.cuts.windows(2) {
            v.push((w[0] + w[1]) / 2.0);
        }
        v.push(self.cuts[self.cuts.len() - 1] + LEVEL_SPACING / 2.0);
        v
    }

    /// Default parameters of a question, or its calibrated ones.
    pub fn params(&self, q: &Question) -> Params {
        if let Some(c) = q.calibration {
            // A fitted b is known only to its standard error: average the curve over it, as an
            // uncalibrated question's is averaged over its tag's uncertainty.
            let a = c.se_b.map_or(c.a, |se| effective_a(c.a, se));
            return Params::measured(a, c.b, c.c);
        }
        // Placed on its own true slope, then flattened by the tag's uncertainty: averaging over
        // an uncertain difficulty flattens the curve about the same centre.
        Params {
            a: effective_a(DEFAULT_A, TAG_SD),
            ..self.placed(q, DEFAULT_A)
        }
    }

    /// What the level tag (or the judges' placement) alone says, calibration or not: what
    /// `analyze` holds observed shares right against for `too-easy` / `too-hard`.
    pub fn from_tag(&self, q: &Question) -> Params {
        self.placed(q, effective_a(DEFAULT_A, TAG_SD))
    }

    /// Where a question of true slope `a` sits if its tag were exactly right: what the simulation
    /// perturbs to make its "true" questions (calibrated questions keep their values).
    pub fn tagged(&self, q: &Question, a: f64) -> Params {
        if q.calibration.is_some() {
            return self.params(q);
        }
        // Centred where the engine places it; the simulation adds the placement's error as noise.
        self.placed(q, a)
    }

    /// An uncalibrated question of slope `a` at its placement: where blind judges agree on one,
    /// that (a better prior than the writer's tag), else the tag.
    fn placed(&self, q: &Question, a: f64) -> Params {
        let (level, difficulty) = q.judged.unwrap_or((q.level, q.difficulty));
        let shift = (f64::from(difficulty) - 2.0) * DIFFICULTY_STEP;
        Params {
            a,
            b: self.typical_b_for(level, a) + shift,
            c: guessing(q),
            pivot: self.cuts[level] + shift,
        }
    }
}

/// The slope of a logistic item whose difficulty is only known to ± `sd` (normal): averaging the
/// curve over that uncertainty flattens it to about a / √(1 + π a² sd² / 8).
pub fn effective_a(a: f64, sd: f64) -> f64 {
    a / (1.0 + std::f64::consts::PI * a * a * sd * sd / 8.0).sqrt()
}

/// Chance of a right answer by guessing: 1/k for k options to choose one from.
pub fn guessing(q: &Question) -> f64 {
    match &q.body {
        Body::Single { distractors, .. } => 1.0 / (distractors.len() + 1) as f64,
        Body::Output { distractors, .. } if !distractors.is_empty() => {
            1.0 / (distractors.len() + 1) as f64
        }
        Body::TrueFalse { .. } => 0.5,
        Body::Multi { .. }
        | Body::Text { .. }
        | Body::Order { .. }
        | Body::Output { .. }
        | Body::Open { .. } => 0.0,
    }
}

/// P(right | θ) = c + (1 − c) / (1 + e^(−a(θ − b))).
pub fn p_correct(p: Params, theta: f64) -> f64 {
    p.c + (1.0 - p.c) / (1.0 + (-p.a * (theta - p.b)).exp())
}

/// Fisher information of a 3PL item at θ: a² (P − c)² Q / ((1 − c)² P).
pub fn information(p: Params, theta: f64) -> f64 {
    let prob = p_correct(p, theta);
    let q = 1.0 - prob;
    if prob <= 0.0 {
        return 0.0;
    }
    p.a * p.a * (prob - p.c).powi(2) * q / ((1.0 - p.c).powi(2) * prob)
}

/// How much sharper or flatter than assumed the bank's questions may really be: the engine
/// keeps one posterior per factor (every slope times the factor) and reports their mixture, each
/// weighted by how well it explains the answers. Real items discriminate less than a model
/// assumes as often as more, and the answers themselves say a little about which.
pub const SLOPE_FACTORS: [f64; 4] = [0.6, 0.8, 1.05, 1.4];

/// The posterior over ability on a fixed grid, updated one answer at a time; a mixture over
/// `SLOPE_FACTORS` (or exact, with one factor of 1, for measured parameters).
#[derive(Debug, Clone)]
pub struct Posterior {
    pub grid: Vec<f64>,
    factors: Vec<f64>,
    /// Unnormalised log density at each grid point, per factor (log space: no underflow after
    /// many answers).
    log: Vec<Vec<f64>>,
}

impl Default for Posterior {
    fn default() -> Self {
        Self::new()
    }
}

impl Posterior {
    /// The prior, Normal(0, PRIOR_SD²), with the slopes taken as given.
    pub fn new() -> Self {
        Self::with_factors(&[1.0])
    }

    /// The prior, with the slopes' factor unknown: equally likely to be any of `factors`.
    pub fn marginal() -> Self {
        Self::with_factors(&SLOPE_FACTORS)
    }

    fn with_factors(factors: &[f64]) -> Self {
        let step = (GRID_MAX - GRID_MIN) / (GRID_POINTS - 1) as f64;
        let grid: Vec<f64> = (0..GRID_POINTS)
            .map(|i| GRID_MIN + i as f64 * step)
            .collect();
        let prior: Vec<f64> = grid.iter().map(|t| -0.5 * (t / PRIOR_SD).powi(2)).collect();
        Self {
            grid,
            factors: factors.to_vec(),
            log: vec![prior; factors.len()],
        }
    }

    /// Folds in one answer (a skip is passed as wrong).
    pub fn update(&mut self, p: Params, correct: bool) {
        for (f, log) in self.factors.iter().zip(&mut self.log) {
            let scaled = p.with_slope_factor(*f);
            for (l, &t) in log.iter_mut().zip(&self.grid) {
                let pr = p_correct(scaled, t).clamp(1e-12, 1.0 - 1e-12);
                *l += if correct { pr.ln() } else { (1.0 - pr).ln() };
            }
        }
    }

    /// The largest log density over every factor and grid point: subtracted before `exp` so
    /// that long runs of answers do not underflow.
    fn peak_log(&self) -> f64 {
        self.log
            .iter()
            .flatten()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Each slope factor with its posterior probability: how far the answers have moved the
    /// engine's belief about how sharp the questions are (equal before any answer).
    pub fn factor_weights(&self) -> Vec<(f64, f64)> {
        let max = self.peak_log();
        let mass: Vec<f64> = self
            .log
            .iter()
            .map(|log| log.iter().map(|l| (l - max).exp()).sum())
            .collect();
        let total: f64 = mass.iter().sum();
        self.factors
            .iter()
            .zip(mass)
            .map(|(&f, m)| (f, m / total))
            .collect()
    }

    /// Normalised weights over the grid, the slope factor integrated out.
    pub fn weights(&self) -> Vec<f64> {
        let max = self.peak_log();
        let mut w = vec![0.0; self.grid.len()];
        for log in &self.log {
            for (wi, l) in w.iter_mut().zip(log) {
                *wi += (l - max).exp();
            }
        }
        let sum: f64 = w.iter().sum();
        w.into_iter().map(|x| x / sum).collect()
    }

    /// EAP estimate and posterior standard deviation (the standard error).
    pub fn estimate(&self) -> (f64, f64) {
        let w = self.weights();
        let mean: f64 = w.iter().zip(&self.grid).map(|(w, t)| w * t).sum();
        let var: f64 = w
            .iter()
            .zip(&self.grid)
            .map(|(w, t)| w * (t - mean).powi(2))
            .sum();
        (mean, var.sqrt())
    }

    /// Posterior density at θ (the weight of the grid cell holding it, per unit of θ).
    pub fn density_at(&self, theta: f64, weights: &[f64]) -> f64 {
        let h = self.grid[1] - self.grid[0];
        let k = ((theta - GRID_MIN) / h).round();
        if k < 0.0 || k as usize >= self.grid.len() {
            return 0.0;
        }
        weights[k as usize] / h
    }

    /// Posterior probability of each band: "not yet" first, then each level.
    ///
    /// Each grid point stands for the cell of width h around it; a cut inside a cell splits the
    /// cell's weight in proportion, so the answer does not jump with where the grid falls.
    pub fn band_probabilities(&self, scale: &Scale) -> Vec<f64> {
        let h = self.grid[1] - self.grid[0];
        let mut probs = vec![0.0; scale.cuts.len() + 1];
        for (w, &t) in self.weights().iter().zip(&self.grid) {
            let (lo, hi) = (t - h / 2.0, t + h / 2.0);
            let mut from = lo;
            for (i, &cut) in scale.cuts.iter().enumerate() {
                if cut > from && cut < hi {
                    probs[i] += w * (cut - from) / h;
                    from = cut;
                }
            }
            probs[scale.band(from + 1e-12).map_or(0, |l| l + 1)] += w * (hi - from) / h;
        }
        probs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_at_the_cut_answers_the_typical_question_at_the_pass_mark() {
        let s = Scale::new(4, 0.7);
        for level in 0..4 {
            let p = Params {
                a: DEFAULT_A,
                b: s.typical_b(level),
                c: 0.0,
                pivot: s.cuts[level],
            };
            assert!((p_correct(p, s.cuts[level]) - 0.7).abs() < 1e-9);
            // Any slope factor keeps the anchor: the person at the cut still passes at p.
            for f in SLOPE_FACTORS {
                let turned = p.with_slope_factor(f);
                assert!((p_correct(turned, s.cuts[level]) - 0.7).abs() < 1e-9);
                assert!((turned.a - DEFAULT_A * f).abs() < 1e-12);
            }
        }
        assert_eq!(s.cuts, vec![-1.5, -0.5, 0.5, 1.5]);
        assert_eq!(s.band(-2.0), None);
        assert_eq!(s.band(0.7), Some(2));
        assert_eq!(s.band_centres(), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
    }

    fn calibrated(se_b: Option<f64>) -> Question {
        Question {
            id: "t.q".into(),
            topic: "t".into(),
            section: "s".into(),
            level: 1,
            difficulty: 2,
            prompt: "?".into(),
            explanation: "!".into(),
            references: vec![],
            body: Body::TrueFalse { answer: true },
            calibration: Some(crate::bank::Calibration {
                a: 2.0,
                b: 0.3,
                c: 0.5,
                se_b,
            }),
            judged: None,
            origin: crate::bank::Origin::default(),
        }
    }

    #[test]
    fn a_fitted_b_known_only_to_its_se_flattens_the_curve_about_the_same_centre() {
        let s = Scale::new(4, 0.7);
        let exact = s.params(&calibrated(None));
        let rough = s.params(&calibrated(Some(0.4)));
        let vague = s.params(&calibrated(Some(0.8)));
        assert!((exact.a - 2.0).abs() < 1e-12, "no SE: taken as fitted");
        assert!(
            vague.a < rough.a && rough.a < exact.a,
            "{vague:?} {rough:?} {exact:?}"
        );
        assert!((rough.a - effective_a(2.0, 0.4)).abs() < 1e-12);
        assert_eq!((rough.b, rough.c), (0.3, 0.5), "only the slope changes");
    }

    #[test]
    fn right_answers_raise_the_estimate_and_shrink_the_error() {
        let mut post = Posterior::new();
        let (t0, se0) = post.estimate();
        assert!(t0.abs() < 1e-6 && (se0 - PRIOR_SD).abs() < 0.01);
        post.update(Params::measured(1.7, 0.0, 0.25), true);
        let (t1, se1) = post.estimate();
        assert!(t1 > t0 && se1 < se0);
    }
}
