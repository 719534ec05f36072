//! Marginal maximum a posteriori item fitting by EM over a quadrature grid (Bock–Aitkin): the
//! 2PL with a fixed lower asymptote c, priors on b and log a, ability ~ Normal(0, 1).
//!
//! The data are a sparse response matrix (people × questions, most cells empty). Each iteration
//! computes every person's posterior over the grid (E-step), the expected number of answers and
//! right answers at each grid point per question, and then maximises each question's expected
//! log posterior on its own (M-step, Fisher scoring on (log a, b)). Memory is linear in the
//! responses; work per iteration is responses × grid points, split over the cores.

/// Grid points of the quadrature over ability.
pub const QUAD_POINTS: usize = 61;
/// The grid spans ±this many standard deviations.
pub const QUAD_RANGE: f64 = 6.0;
/// Prior SD of b around the tag-derived difficulty: the tags' real uncertainty (MODEL.md's ±0.7,
/// the same the engine assumes for an uncalibrated question). Tighter priors were tried and
/// measured harmful: with SD 0.25 on tags a whole level off, b stayed near the wrong tags and the
/// slopes inflated 1.4× to make up for it, and the calibrated check said 76% when it was right
/// 58% (MODEL.md, "The calibrated loop").
pub const PRIOR_SD_B: f64 = TAG_SD_B;
/// How far tags really are from the truth in b (MODEL.md's tag uncertainty, ±0.7): an item with
/// no answers has SE(b) 0.7.
pub const TAG_SD_B: f64 = 0.7;
/// Prior SD of log a around the assumed slope: tight (a factor of 1.22 either way at one SD), so
/// a question's slope moves only on a few hundred answers. With BILOG's 0.5 the slopes of
/// questions with few answers scattered, the check then preferred the ones that came out steep
/// (the winner's curse), and it was 10 points over-confident where 0.2 left it within 3.
pub const PRIOR_SD_LOG_A: f64 = 0.2;
/// How far real slopes are from the assumed one in log a (BILOG's default prior spread): the
/// stated SE(a) counts the tight prior's pull toward a slope that may be wrong by this much.
pub const SLOPE_SD_LOG_A: f64 = 0.5;
/// Bounds of log a and |b| in the fit (within what `validate` accepts).
const MIN_LOG_A: f64 = -3.0;
const MAX_LOG_A: f64 = 2.079;
const MAX_B: f64 = 7.5;
/// EM stops when no parameter moves more than this in an iteration.
pub const TOLERANCE: f64 = 1e-4;
/// EM stops after this many iterations regardless.
pub const MAX_ITERATIONS: usize = 500;

/// What is known about a question before the data: where its parameters are centred.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemPrior {
    pub b: f64,
    pub a: f64,
    /// The fixed lower asymptote (the kind's guessing chance).
    pub c: f64,
}

/// The responses as a compressed sparse matrix: person `p` answered `items[starts[p]..starts[p+1]]`.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub starts: Vec<usize>,
    pub items: Vec<u32>,
    pub correct: Vec<bool>,
}

impl Matrix {
    /// An empty matrix, ready for `push_person`.
    pub fn new() -> Self {
        Self {
            starts: vec![0],
            ..Self::default()
        }
    }

    /// Adds one person's answers (item index, right).
    pub fn push_person(&mut self, answers: impl IntoIterator<Item = (u32, bool)>) {
        for (i, c) in answers {
            self.items.push(i);
            self.correct.push(c);
        }
        self.starts.push(self.items.len());
    }

    pub fn people(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn responses(&self) -> usize {
        self.items.len()
    }

    fn person(&self, p: usize) -> (&[u32], &[bool]) {
        let r = self.starts[p]..self.starts[p + 1];
        (&self.items[r.clone()], &self.correct[r])
    }
}

/// One fitted question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fitted {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    /// Responses to it.
    pub n: usize,
    /// Standard errors: the observed information of its marginal posterior, with the prior's
    /// pull counted as error where it is tighter than the truth's spread (see `honest_variances`).
    pub se_a: f64,
    pub se_b: f64,
}

/// The whole fit.
#[derive(Debug, Clone)]
pub struct Fit {
    pub items: Vec<Fitted>,
    pub iterations: usize,
    pub converged: bool,
}

/// The quadrature: points and log weights of Normal(0, 1), normalised.
pub fn quadrature() -> (Vec<f64>, Vec<f64>) {
    let step = 2.0 * QUAD_RANGE / (QUAD_POINTS - 1) as f64;
    let points: Vec<f64> = (0..QUAD_POINTS)
        .map(|k| -QUAD_RANGE + k as f64 * step)
        .collect();
    let raw: Vec<f64> = points.iter().map(|t| -0.5 * t * t).collect();
    let total = raw.iter().map(|l| l.exp()).sum::<f64>().ln();
    (points, raw.into_iter().map(|l| l - total).collect())
}

/// Fits every item by EM from its prior.
pub fn fit(priors: &[ItemPrior], data: &Matrix) -> Fit {
    let (points, log_w) = quadrature();
    let mut params: Vec<(f64, f64)> = priors.iter().map(|p| (p.a.ln(), p.b)).collect();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let tables = Tables::new(priors, &params, &points);
        let counts = expected_counts(data, &tables, &log_w, priors.len());
        let mut moved: f64 = 0.0;
        for (j, p) in params.iter_mut().enumerate() {
            if counts.n[j].iter().all(|&x| x == 0.0) {
                continue;
            }
            let next = m_step(priors[j], *p, &counts.n[j], &counts.r[j], &points);
            moved = moved.max((next.0 - p.0).abs()).max((next.1 - p.1).abs());
            *p = next;
        }
        if moved < TOLERANCE {
            converged = true;
            break;
        }
    }
    let tables = Tables::new(priors, &params, &points);
    let info = observed_information(data, &tables, &log_w, priors, &params, &points);
    let mut n = vec![0usize; priors.len()];
    for &i in &data.items {
        n[i as usize] += 1;
    }
    let items = priors
        .iter()
        .zip(&params)
        .zip(info)
        .zip(n)
        .map(|(((prior, &(log_a, b)), info), n)| {
            let (var_log_a, var_b) = honest_variances(info);
            let a = log_a.exp();
            Fitted {
                a,
                b,
                c: prior.c,
                n,
                se_a: a * var_log_a.sqrt(),
                se_b: var_b.sqrt(),
            }
        })
        .collect();
    Fit {
        items,
        iterations,
        converged,
    }
}

/// ln P and ln(1 − P) of every item at every grid point, for the current parameters.
struct Tables {
    log_p: Vec<f64>,
    log_q: Vec<f64>,
}

impl Tables {
    fn new(priors: &[ItemPrior], params: &[(f64, f64)], points: &[f64]) -> Self {
        let q = points.len();
        let mut log_p = vec![0.0; priors.len() * q];
        let mut log_q = vec![0.0; priors.len() * q];
        for (j, (prior, &(log_a, b))) in priors.iter().zip(params).enumerate() {
            for (k, &t) in points.iter().enumerate() {
                let p = prob(prior.c, log_a.exp(), b, t).clamp(1e-12, 1.0 - 1e-12);
                log_p[j * q + k] = p.ln();
                log_q[j * q + k] = (1.0 - p).ln();
            }
        }
        Self { log_p, log_q }
    }

    fn row(&self, item: u32, correct: bool) -> &[f64] {
        let q = QUAD_POINTS;
        let start = item as usize * q;
        if correct {
            &self.log_p[start..start + q]
        } else {
            &self.log_q[start..start + q]
        }
    }
}

/// P(right | θ) for the 2PL with lower asymptote c.
pub fn prob(c: f64, a: f64, b: f64, theta: f64) -> f64 {
    c + (1.0 - c) / (1.0 + (-a * (theta - b)).exp())
}

/// Expected answers (`n`) and right answers (`r`) per item and grid point.
struct Counts {
    n: Vec<Vec<f64>>,
    r: Vec<Vec<f64>>,
}

impl Counts {
    fn zero(items: usize) -> Self {
        Self {
            n: vec![vec![0.0; QUAD_POINTS]; items],
            r: vec![vec![0.0; QUAD_POINTS]; items],
        }
    }

    fn add(&mut self, other: &Counts) {
        for (a, b) in self
            .n
            .iter_mut()
            .zip(&other.n)
            .chain(self.r.iter_mut().zip(&other.r))
        {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
    }
}

/// Splits people into one chunk per core and runs `work` on each chunk's range.
fn chunks(people: usize) -> Vec<std::ops::Range<usize>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let size = people.div_ceil(cores.max(1)).max(1);
    (0..people)
        .step_by(size)
        .map(|s| s..(s + size).min(people))
        .collect()
}

/// The E-step: each person's posterior over the grid, accumulated into expected counts.
fn expected_counts(data: &Matrix, t: &Tables, log_w: &[f64], items: usize) -> Counts {
    let parts: Vec<Counts> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks(data.people())
            .into_iter()
            .map(|range| {
                s.spawn(move || {
                    let mut counts = Counts::zero(items);
                    let mut post = vec![0.0; QUAD_POINTS];
                    for p in range {
                        let (its, cs) = data.person(p);
                        posterior(its, cs, t, log_w, &mut post);
                        for (&i, &c) in its.iter().zip(cs) {
                            let i = i as usize;
                            for (x, w) in counts.n[i].iter_mut().zip(&post) {
                                *x += w;
                            }
                            if c {
                                for (x, w) in counts.r[i].iter_mut().zip(&post) {
                                    *x += w;
                                }
                            }
                        }
                    }
                    counts
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("E-step worker"))
            .collect()
    });
    let mut total = Counts::zero(items);
    for part in &parts {
        total.add(part);
    }
    total
}

/// One person's normalised posterior over the grid, into `post`.
fn posterior(items: &[u32], correct: &[bool], t: &Tables, log_w: &[f64], post: &mut [f64]) {
    post.copy_from_slice(log_w);
    for (&i, &c) in items.iter().zip(correct) {
        for (x, l) in post.iter_mut().zip(t.row(i, c)) {
            *x += l;
        }
    }
    let max = post.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for x in post.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    for x in post.iter_mut() {
        *x /= sum;
    }
}

/// The log prior of one item's (log a, b), up to a constant.
fn log_prior(prior: ItemPrior, log_a: f64, b: f64) -> f64 {
    -0.5 * ((log_a - prior.a.ln()) / PRIOR_SD_LOG_A).powi(2)
        - 0.5 * ((b - prior.b) / PRIOR_SD_B).powi(2)
}

/// The item's expected complete-data log posterior at (log a, b).
fn objective(
    prior: ItemPrior,
    (log_a, b): (f64, f64),
    n: &[f64],
    r: &[f64],
    points: &[f64],
) -> f64 {
    let a = log_a.exp();
    let ll: f64 = points
        .iter()
        .zip(n.iter().zip(r))
        .map(|(&t, (&n, &r))| {
            let p = prob(prior.c, a, b, t).clamp(1e-12, 1.0 - 1e-12);
            r * p.ln() + (n - r) * (1.0 - p).ln()
        })
        .sum();
    ll + log_prior(prior, log_a, b)
}

/// The M-step for one item: Fisher scoring on (log a, b) with step halving, from `start`.
fn m_step(prior: ItemPrior, start: (f64, f64), n: &[f64], r: &[f64], points: &[f64]) -> (f64, f64) {
    let mut x = start;
    let mut value = objective(prior, x, n, r, points);
    for _ in 0..20 {
        let (g, h) = score_and_information(prior, x, n, r, points);
        let step = solve(h, g);
        let mut size = 1.0;
        let mut improved = false;
        while size > 1e-4 {
            // Slopes stay in (0.05, 8): near-perfect data would otherwise run a to infinity.
            let cand = (
                (x.0 + size * step.0).clamp(MIN_LOG_A, MAX_LOG_A),
                (x.1 + size * step.1).clamp(-MAX_B, MAX_B),
            );
            let v = objective(prior, cand, n, r, points);
            if v >= value {
                x = cand;
                value = v;
                improved = true;
                break;
            }
            size /= 2.0;
        }
        if !improved || (size * step.0).abs().max((size * step.1).abs()) < 1e-7 {
            break;
        }
    }
    x
}

/// Gradient and expected information (Fisher scoring) of the item's expected log posterior.
fn score_and_information(
    prior: ItemPrior,
    (log_a, b): (f64, f64),
    n: &[f64],
    r: &[f64],
    points: &[f64],
) -> ((f64, f64), [f64; 3]) {
    let a = log_a.exp();
    let (mut g0, mut g1) = (0.0, 0.0);
    let mut h = [0.0; 3];
    for (&t, (&n, &r)) in points.iter().zip(n.iter().zip(r)) {
        let z = a * (t - b);
        let s = 1.0 / (1.0 + (-z).exp());
        let p = (prior.c + (1.0 - prior.c) * s).clamp(1e-12, 1.0 - 1e-12);
        let d = (1.0 - prior.c) * s * (1.0 - s);
        let (da, db) = (z, -a);
        let u = r / p - (n - r) / (1.0 - p);
        g0 += u * d * da;
        g1 += u * d * db;
        let w = n * d * d / (p * (1.0 - p));
        h[0] += w * da * da;
        h[1] += w * da * db;
        h[2] += w * db * db;
    }
    g0 -= (log_a - prior.a.ln()) / PRIOR_SD_LOG_A.powi(2);
    g1 -= (b - prior.b) / PRIOR_SD_B.powi(2);
    h[0] += 1.0 / PRIOR_SD_LOG_A.powi(2);
    h[2] += 1.0 / PRIOR_SD_B.powi(2);
    ((g0, g1), h)
}

/// Solves the symmetric 2×2 system [h0 h1; h1 h2] x = g.
fn solve(h: [f64; 3], g: (f64, f64)) -> (f64, f64) {
    let det = h[0] * h[2] - h[1] * h[1];
    if det.abs() < 1e-300 {
        return (0.0, 0.0);
    }
    (
        (h[2] * g.0 - h[1] * g.1) / det,
        (h[0] * g.1 - h[1] * g.0) / det,
    )
}

/// The variances of (log a, b) from the posterior information H = D + Λ (data plus prior
/// precision). The MAP estimate's error is H⁻¹(data score + Λ·(prior − truth)); with the truth
/// off the prior by T = diag(SLOPE_SD_LOG_A², TAG_SD_B²) its covariance is H⁻¹ (D + Λ T Λ) H⁻¹,
/// the posterior covariance H⁻¹ when the prior is as wide as the truth's spread (T = Λ⁻¹, as
/// for b) and wider where the prior is tighter on purpose (log a).
fn honest_variances(h: [f64; 3]) -> (f64, f64) {
    let det = h[0] * h[2] - h[1] * h[1];
    if det <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let inv = [h[2] / det, -h[1] / det, h[0] / det];
    let widen = |prior_sd: f64, truth_sd: f64| {
        let lambda = 1.0 / prior_sd.powi(2);
        lambda * (truth_sd.powi(2) * lambda - 1.0)
    };
    // D + ΛTΛ = H + Λ(TΛ − I): only the diagonal changes (Λ and T are diagonal).
    let m = [
        h[0] + widen(PRIOR_SD_LOG_A, SLOPE_SD_LOG_A),
        h[1],
        h[2] + widen(PRIOR_SD_B, TAG_SD_B),
    ];
    // (H⁻¹ M H⁻¹) diagonal, for symmetric 2×2 matrices.
    let row = |x: f64, y: f64| x * x * m[0] + 2.0 * x * y * m[1] + y * y * m[2];
    (row(inv[0], inv[1]), row(inv[1], inv[2]))
}

/// Each item's observed information block (other items held fixed) of the marginal log
/// posterior, by Louis' identity per person: E[∂²ℓ + s sᵀ] − E[s] E[s]ᵀ under the person's
/// posterior, summed, plus the prior's precision.
fn observed_information(
    data: &Matrix,
    t: &Tables,
    log_w: &[f64],
    priors: &[ItemPrior],
    params: &[(f64, f64)],
    points: &[f64],
) -> Vec<[f64; 3]> {
    let mut info =
        vec![[1.0 / PRIOR_SD_LOG_A.powi(2), 0.0, 1.0 / PRIOR_SD_B.powi(2)]; priors.len()];
    let mut post = vec![0.0; QUAD_POINTS];
    for p in 0..data.people() {
        let (its, cs) = data.person(p);
        posterior(its, cs, t, log_w, &mut post);
        for (&i, &y) in its.iter().zip(cs) {
            let j = i as usize;
            let (log_a, b) = params[j];
            let block = person_block(priors[j].c, log_a.exp(), b, y, points, &post);
            for (x, v) in info[j].iter_mut().zip(block) {
                *x += v;
            }
        }
    }
    info
}

/// Minus the second derivative of ln Σ_q w_q L(q) in one item's (log a, b), for one answer.
fn person_block(c: f64, a: f64, b: f64, y: bool, points: &[f64], post: &[f64]) -> [f64; 3] {
    let (mut es0, mut es1) = (0.0, 0.0);
    let mut e = [0.0; 3];
    for (&t, &w) in points.iter().zip(post) {
        let z = a * (t - b);
        let s = 1.0 / (1.0 + (-z).exp());
        let p = (c + (1.0 - c) * s).clamp(1e-12, 1.0 - 1e-12);
        let d = (1.0 - c) * s * (1.0 - s);
        let dd = d * (1.0 - 2.0 * s);
        let (u, du) = if y {
            (1.0 / p, -1.0 / (p * p))
        } else {
            (-1.0 / (1.0 - p), -1.0 / ((1.0 - p) * (1.0 - p)))
        };
        let (za, zb) = (z, -a);
        // Second derivatives of z: ∂²z/∂(log a)² = z, ∂²z/∂(log a)∂b = −a, ∂²z/∂b² = 0.
        let (zaa, zab) = (z, -a);
        let (pa, pb) = (d * za, d * zb);
        let paa = dd * za * za + d * zaa;
        let pab = dd * za * zb + d * zab;
        let pbb = dd * zb * zb;
        let (sa, sb) = (u * pa, u * pb);
        e[0] += w * (du * pa * pa + u * paa + sa * sa);
        e[1] += w * (du * pa * pb + u * pab + sa * sb);
        e[2] += w * (du * pb * pb + u * pbb + sb * sb);
        es0 += w * sa;
        es1 += w * sb;
    }
    [
        -(e[0] - es0 * es0),
        -(e[1] - es0 * es1),
        -(e[2] - es1 * es1),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quadrature_is_a_standard_normal() {
        let (points, log_w) = quadrature();
        let w: Vec<f64> = log_w.iter().map(|l| l.exp()).collect();
        let mean: f64 = points.iter().zip(&w).map(|(t, w)| t * w).sum();
        let var: f64 = points.iter().zip(&w).map(|(t, w)| t * t * w).sum();
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(
            mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-6,
            "{mean} {var}"
        );
    }

    #[test]
    fn an_item_without_answers_keeps_its_prior() {
        let prior = ItemPrior {
            b: 0.3,
            a: 1.2,
            c: 0.25,
        };
        let other = ItemPrior {
            b: 0.0,
            a: 1.0,
            c: 0.0,
        };
        let mut m = Matrix::new();
        m.push_person([(1, true)]);
        m.push_person([(1, false)]);
        let fit = fit(&[prior, other], &m);
        assert_eq!(fit.items[0].n, 0);
        assert!((fit.items[0].b - 0.3).abs() < 1e-12 && (fit.items[0].a - 1.2).abs() < 1e-12);
        // No answers: b and the slope are as uncertain as tags and assumed slopes really are,
        // not as certain as the (tighter) slope prior.
        assert!((fit.items[0].se_b - TAG_SD_B).abs() < 1e-9);
        assert!((fit.items[0].se_a - 1.2 * SLOPE_SD_LOG_A).abs() < 1e-9);
        assert_eq!(fit.items[1].n, 2);
    }

    #[test]
    fn more_right_answers_mean_an_easier_item() {
        let priors = [ItemPrior {
            b: 0.0,
            a: 1.2,
            c: 0.0,
        }; 2];
        let mut m = Matrix::new();
        for k in 0..200 {
            m.push_person([(0, k % 10 < 8), (1, k % 10 < 3)]);
        }
        let fit = fit(&priors, &m);
        assert!(fit.converged);
        assert!(
            fit.items[0].b < -0.3 && fit.items[1].b > 0.3,
            "{:?}",
            fit.items
        );
    }
}
