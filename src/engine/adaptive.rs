//! The adaptive form: ask where the answer best separates the levels this person may be at,
//! stop when the level is clear, then offer to confirm a possible gap.
//!
//! Each step: update the posterior; keep the unasked questions, preferring ones not seen in
//! recent sessions; hold the question formats to their shares (few select-all and ordering
//! questions, enough code-output ones); take the area furthest below its share of the questions
//! (content balancing over areas, so every area gets evidence); rank its questions by their
//! information at the level cut points, weighted by how likely the person is to sit at each cut;
//! pick by the progressive method among the top few (exposure control). Stop once the most
//! probable level has posterior probability ≥ the target, or the questions left are not expected
//! to change the verdict much; never before the minimum, always at the maximum. See `MODEL.md`.

use super::areas::{AreaVerdict, MIN_AREA_EVIDENCE, Offset, Response, offset};
use super::irt::{Params, Posterior, Scale, information};
use super::rng::QuizRng;
use super::{Engine, Offer};
use crate::answered::Record;
use crate::bank::{Bank, Body};
use crate::roadmap::{Area, area_index};

/// The probability of the most probable level that ends a check, and that lets a report say
/// "Level reached" (as `take --target-confidence`).
pub const DEFAULT_TARGET: f64 = 0.85;
/// Most of a check that may be select-all or ordering questions.
pub const MAX_MULTI_ORDER_SHARE: f64 = 0.2;
/// Least of a check that should be code-output questions (when the pool has them).
pub const MIN_OUTPUT_SHARE: f64 = 0.12;
/// When choosing, every question is ranked as if it could be guessed at least this often.
pub const SELECTION_GUESSING_FLOOR: f64 = 0.2;
/// Possible gaps offered for confirmation after one check, at most.
pub const MAX_OFFERS: usize = 2;

/// Stopping and selection settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub min_items: usize,
    pub max_items: usize,
    /// Stop when the most probable level reaches this posterior probability.
    pub target_confidence: f64,
    /// Pick at random among this many most informative questions.
    pub top_k: usize,
    /// Questions asked to confirm a possible gap.
    pub confirm_items: usize,
    /// Stop once the questions left are expected to raise the chance of naming the right level
    /// by less than this.
    pub min_gain: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            min_items: 8,
            max_items: 20,
            target_confidence: DEFAULT_TARGET,
            top_k: 20,
            confirm_items: 5,
            min_gain: 0.03,
        }
    }
}

/// The format classes whose shares are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Select-all and ordering: all-or-nothing, asked sparingly.
    MultiOrder,
    /// Code output: what a Node.js check should ask about often.
    Output,
    Other,
}

impl Format {
    fn of(body: &Body) -> Self {
        match body {
            Body::Multi { .. } | Body::Order { .. } => Format::MultiOrder,
            Body::Output { .. } => Format::Output,
            _ => Format::Other,
        }
    }
}

/// One question the engine may ask, as it sees it.
#[derive(Debug, Clone, Copy)]
struct Item {
    /// Index into `bank.questions`.
    question: usize,
    params: Params,
    area: usize,
    format: Format,
    /// Seen in a recent session: asked only when nothing else is left.
    recent: bool,
}

/// The adaptive engine's state: the pool as items, the areas and the posterior.
pub struct Adaptive {
    pub scale: Scale,
    pub settings: Settings,
    items: Vec<Item>,
    areas: Vec<Area>,
    /// Each area's target share of the questions (sums to 1 over the areas in the pool).
    shares: Vec<f64>,
    posterior: Posterior,
    seen: usize,
    /// Every answer so far, as (question, right).
    answered: Vec<(usize, bool)>,
    rng: QuizRng,
    /// Confirming a possible gap: the area, and the number of answers at which to stop.
    confirming: Option<(usize, usize)>,
    offered: Vec<usize>,
    /// Content, format and recency rules apply (off only for the oracle).
    constrained: bool,
}

impl Adaptive {
    pub fn new(bank: &Bank, pool: &[usize], settings: Settings, seed: u64) -> Self {
        let rm = &bank.roadmap;
        let scale = Scale::new(rm.levels.len(), rm.rubric.pass_mark);
        let areas = rm.effective_areas();
        let items: Vec<Item> = pool
            .iter()
            .map(|&i| {
                let q = &bank.questions[i];
                Item {
                    question: i,
                    params: scale.params(q),
                    area: area_index(&areas, &q.section, &q.topic).unwrap_or(0),
                    format: Format::of(&q.body),
                    recent: false,
                }
            })
            .collect();
        let shares = shares(&areas, &items);
        let settings = Settings {
            max_items: settings.max_items.min(pool.len()),
            min_items: settings.min_items.min(settings.max_items).min(pool.len()),
            ..settings
        };
        Self {
            scale,
            settings,
            items,
            areas,
            shares,
            posterior: Posterior::marginal(),
            seen: 0,
            answered: Vec::new(),
            rng: QuizRng::new(seed),
            confirming: None,
            offered: Vec::new(),
            constrained: true,
        }
    }

    /// Marks questions seen in recent sessions, so they are asked only when nothing else is left.
    pub fn avoiding(mut self, recent: &[usize]) -> Self {
        for item in &mut self.items {
            item.recent = recent.contains(&item.question);
        }
        self
    }

    /// Folds in answers not yet seen (a skip counts as wrong; confirmation answers inform only
    /// their area, as in the score).
    fn absorb(&mut self, answered: &[Record]) {
        for r in answered[self.seen..].iter().filter(|r| !r.confirming) {
            if let Some(item) = self.items.iter().find(|i| i.question == r.question) {
                self.posterior.update(item.params, r.correct);
            }
        }
        self.seen = answered.len();
    }

    /// An engine that knows every question's true parameters and asks exactly `n` questions,
    /// each the most informative at the cuts, free of content, format and exposure rules: the
    /// information limit `simulate` compares the real engine with.
    pub fn oracle(bank: &Bank, pool: &[usize], truth: &[Params], n: usize, seed: u64) -> Self {
        let settings = Settings {
            min_items: n,
            max_items: n,
            top_k: 1,
            confirm_items: 0,
            ..Settings::default()
        };
        let mut engine = Self::new(bank, pool, settings, seed);
        for item in &mut engine.items {
            item.params = truth[item.question];
        }
        engine.constrained = false;
        // It knows the slopes: no mixture over how sharp they might be.
        engine.posterior = Posterior::new();
        engine
    }

    /// Whether the level is clear enough to stop (or the confirmation is done): the most probable
    /// level has reached the target, or the questions left could not be expected to raise the
    /// chance of naming the right level by more than `min_gain`.
    pub fn should_stop(&self, asked: &[usize]) -> bool {
        let n = asked.len();
        if let Some((_, until)) = self.confirming {
            return n >= until;
        }
        if n >= self.settings.max_items {
            return true;
        }
        if n < self.settings.min_items || self.an_area_is_thin(asked) {
            return false;
        }
        let probs = self.posterior.band_probabilities(&self.scale);
        if probs.iter().copied().fold(0.0, f64::max) >= self.settings.target_confidence {
            return true;
        }
        let left = self.settings.max_items - n;
        let gain = expected_gain(
            &self.posterior,
            &self.scale,
            self.information_left(asked, left),
        );
        gain < self.settings.min_gain
    }

    /// Some area with questions left has fewer answers than it takes to judge it: a check that
    /// names no weak area because it never looked is not done.
    fn an_area_is_thin(&self, asked: &[usize]) -> bool {
        if !self.constrained {
            return false;
        }
        // Per area: answers so far, and whether questions are left.
        let mut answered = vec![0usize; self.areas.len()];
        let mut open = vec![false; self.areas.len()];
        for i in &self.items {
            if asked.contains(&i.question) {
                answered[i.area] += 1;
            } else {
                open[i.area] = true;
            }
        }
        (0..self.areas.len()).any(|a| open[a] && answered[a] < MIN_AREA_EVIDENCE)
    }

    /// The information the best `left` open questions hold at the current estimate.
    fn information_left(&self, asked: &[usize], left: usize) -> f64 {
        let (theta, _) = self.posterior.estimate();
        let mut infos: Vec<f64> = self
            .items
            .iter()
            .filter(|i| !asked.contains(&i.question))
            .map(|i| information(i.params, theta))
            .collect();
        infos.sort_by(|a, b| b.total_cmp(a));
        // Balancing and exposure control rarely allow the very best: count two thirds of it.
        infos.iter().take(left).sum::<f64>() * 2.0 / 3.0
    }

    /// The next question, or `None` when every question in the pool has been asked.
    pub fn choose(&mut self, asked: &[usize]) -> Option<usize> {
        let open: Vec<usize> = (0..self.items.len())
            .filter(|&k| !asked.contains(&self.items[k].question))
            .collect();
        let open = prefer(open, |k| !self.items[k].recent);
        if open.is_empty() {
            return None;
        }
        let ranked = match self.confirming {
            Some((area, _)) => self.rank_for_area(open, area),
            None => self.rank_balanced(open, asked),
        };
        if !self.constrained {
            return ranked.first().map(|r| self.items[r.1].question);
        }
        let k = self.progressive_pick(&ranked, asked.len());
        Some(self.items[k].question)
    }

    /// Exposure control by the progressive method (Revuelta & Ponsoda, 1998): among the top
    /// candidates, maximise (1 − w)·U·I_max + w·I with U uniform and w = the share of the check
    /// done, so early questions vary widely between people and later ones are the most
    /// informative. (Picking at random among the top few alone lets a question that tops its
    /// area every time reach half of all examinees.)
    fn progressive_pick(&mut self, ranked: &[(f64, usize)], asked: usize) -> usize {
        let top = &ranked[..ranked.len().min(self.settings.top_k.max(1))];
        let best = top[0].0.max(f64::MIN_POSITIVE);
        let w = ((asked + 1) as f64 / self.settings.max_items.max(1) as f64).min(1.0);
        let mut pick = top[0].1;
        let mut pick_score = f64::NEG_INFINITY;
        for &(info, k) in top {
            let score = (1.0 - w) * self.rng.unit() * best + w * info;
            if score > pick_score {
                (pick, pick_score) = (k, score);
            }
        }
        pick
    }

    /// Main phase: formats held to their shares, then the area furthest below its share, ranked
    /// by information at the cuts.
    fn rank_balanced(&self, open: Vec<usize>, asked: &[usize]) -> Vec<(f64, usize)> {
        let weights = self.cut_weights();
        let score = |p: Params| -> f64 {
            self.scale
                .cuts
                .iter()
                .zip(&weights)
                .map(|(&cut, w)| w * information(p, cut))
                .sum()
        };
        if !self.constrained {
            return rank(open.into_iter().map(|k| (score(self.items[k].params), k)));
        }
        // For choosing (not scoring), no format is a guessing-free gift: a typed, select-all or
        // ordering question is ranked as if it could be guessed like a single choice, so the
        // few of them do not top every list.
        let score = |p: Params| {
            score(Params {
                c: p.c.max(SELECTION_GUESSING_FLOOR),
                ..p
            })
        };
        let counted: Vec<&Item> = self
            .items
            .iter()
            .filter(|i| asked.contains(&i.question))
            .collect();
        let next = (counted.len() + 1) as f64;
        let of = |f: Format| counted.iter().filter(|i| i.format == f).count() as f64;
        let open = if of(Format::Output) < MIN_OUTPUT_SHARE * next - 0.6 {
            prefer(open, |k| self.items[k].format == Format::Output)
        } else {
            open
        };
        let open = if of(Format::MultiOrder) + 1.0 > MAX_MULTI_ORDER_SHARE * next + 0.25 {
            prefer(open, |k| self.items[k].format != Format::MultiOrder)
        } else {
            open
        };
        let deficit = |a: usize| {
            self.shares[a] * next - counted.iter().filter(|i| i.area == a).count() as f64
        };
        let best = open
            .iter()
            .map(|&k| deficit(self.items[k].area))
            .fold(f64::NEG_INFINITY, f64::max);
        let open: Vec<usize> = open
            .into_iter()
            .filter(|&k| deficit(self.items[k].area) >= best - 1e-9)
            .collect();
        rank(open.into_iter().map(|k| (score(self.items[k].params), k)))
    }

    /// How likely the person is to sit at each cut point: the posterior density there.
    fn cut_weights(&self) -> Vec<f64> {
        let w = self.posterior.weights();
        self.scale
            .cuts
            .iter()
            .map(|&c| self.posterior.density_at(c, &w) + 1e-6)
            .collect()
    }

    /// Confirming a gap: the area's questions most informative where the area seems to be.
    fn rank_for_area(&self, open: Vec<usize>, area: usize) -> Vec<(f64, usize)> {
        let (theta, _) = self.posterior.estimate();
        let at = theta + self.area_offset(area).mean;
        rank(
            open.into_iter()
                .filter(|&k| self.items[k].area == area)
                .map(|k| (information(self.items[k].params, at), k)),
        )
    }

    /// The offsets of an area from the answers absorbed so far.
    fn area_offset(&self, area: usize) -> Offset {
        offset(area, &self.responses())
    }

    fn responses(&self) -> Vec<Response> {
        self.answered
            .iter()
            .filter_map(|&(q, correct)| {
                self.items
                    .iter()
                    .find(|i| i.question == q)
                    .map(|i| Response {
                        area: i.area,
                        params: i.params,
                        correct,
                    })
            })
            .collect()
    }
}

/// How much `extra` information (the questions left) is expected to raise the probability of
/// the most probable level: the preposterior of a normal approximation. After the extra
/// answers the posterior SD shrinks to s′ = (1/s² + extra)^(−1/2) and its mean moves by
/// N(0, s² − s′²); the gain is E[max band probability then] − max band probability now.
pub fn expected_gain(post: &Posterior, scale: &Scale, extra: f64) -> f64 {
    let (mean, sd) = post.estimate();
    let sd = sd.max(1e-6);
    let now = max_band(scale, mean, sd);
    let later_sd = (1.0 / (1.0 / (sd * sd) + extra.max(0.0))).sqrt();
    let spread = (sd * sd - later_sd * later_sd).max(0.0).sqrt();
    // Midpoint rule over ±4 SD of where the mean may move.
    const STEPS: usize = 41;
    let (mut total, mut weight) = (0.0, 0.0);
    for k in 0..STEPS {
        let z = -4.0 + 8.0 * (k as f64 + 0.5) / STEPS as f64;
        let w = (-0.5 * z * z).exp();
        total += w * max_band(scale, mean + spread * z, later_sd);
        weight += w;
    }
    total / weight - now
}

/// The largest band probability of Normal(mean, sd²).
fn max_band(scale: &Scale, mean: f64, sd: f64) -> f64 {
    let cdf = |x: f64| 0.5 * (1.0 + erf((x - mean) / (sd * std::f64::consts::SQRT_2)));
    let mut edges = vec![0.0];
    edges.extend(scale.cuts.iter().map(|&c| cdf(c)));
    edges.push(1.0);
    edges.windows(2).map(|w| w[1] - w[0]).fold(0.0, f64::max)
}

/// The error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7).
fn erf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let y = 1.0 - poly * (-x * x).exp();
    if x < 0.0 { -y } else { y }
}

/// The items that pass `keep`, or all of them when none does (a preference, not a rule).
fn prefer(open: Vec<usize>, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    let kept: Vec<usize> = open.iter().copied().filter(|&k| keep(k)).collect();
    if kept.is_empty() { open } else { kept }
}

/// Highest score first; ties broken by pool order so the choice is deterministic.
fn rank(scored: impl Iterator<Item = (f64, usize)>) -> Vec<(f64, usize)> {
    let mut v: Vec<(f64, usize)> = scored.collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    v
}

/// Each area's share of the questions: its weight (default 1) over the weights of the areas
/// that have questions in the pool.
fn shares(areas: &[Area], items: &[Item]) -> Vec<f64> {
    let present: Vec<bool> = (0..areas.len())
        .map(|a| items.iter().any(|i| i.area == a))
        .collect();
    let weight = |a: usize| {
        if present[a] {
            areas[a].weight.unwrap_or(1.0)
        } else {
            0.0
        }
    };
    let total: f64 = (0..areas.len()).map(weight).sum();
    (0..areas.len())
        .map(|a| weight(a) / total.max(f64::MIN_POSITIVE))
        .collect()
}

impl Engine for Adaptive {
    fn next(&mut self, _bank: &Bank, answered: &[Record]) -> Option<usize> {
        self.absorb(answered);
        self.answered = answered.iter().map(|r| (r.question, r.correct)).collect();
        let asked: Vec<usize> = answered.iter().map(|r| r.question).collect();
        if self.should_stop(&asked) {
            return None;
        }
        self.choose(&asked)
    }

    fn planned(&self) -> usize {
        self.confirming
            .map_or(self.settings.max_items, |(_, until)| until)
    }

    fn adaptive(&self) -> bool {
        true
    }

    fn posterior(&self) -> Option<&Posterior> {
        Some(&self.posterior)
    }

    /// A possible gap not offered yet, the likeliest first, while the area has questions left.
    fn offer(&mut self, _bank: &Bank, answered: &[Record]) -> Option<Offer> {
        if self.offered.len() >= MAX_OFFERS || self.settings.confirm_items == 0 {
            return None;
        }
        let asked: Vec<usize> = answered.iter().map(|r| r.question).collect();
        let responses = self.responses();
        let mut gaps: Vec<(f64, usize)> = (0..self.areas.len())
            .filter(|a| !self.offered.contains(a))
            .filter(|&a| {
                self.items
                    .iter()
                    .any(|i| i.area == a && !asked.contains(&i.question))
            })
            .map(|a| (a, offset(a, &responses)))
            .filter(|(_, o)| o.verdict() == AreaVerdict::PossibleGap)
            .map(|(a, o)| (o.p_gap, a))
            .collect();
        gaps.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let &(_, area) = gaps.first()?;
        self.offered.push(area);
        Some(Offer {
            area: self.areas[area].id.clone(),
            title: self.areas[area].title.clone(),
            questions: self.settings.confirm_items,
        })
    }

    fn accept(&mut self, offer: &Offer, answered: usize) {
        if let Some(a) = self.areas.iter().position(|x| x.id == offer.area) {
            self.confirming = Some((a, answered + offer.questions));
        }
    }
}
