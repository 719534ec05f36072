//! The adaptive form: ask where the answer tells the most about this person, stop when the level
//! is clear.
//!
//! Each step: estimate ability (EAP); take the sections furthest below their share of the
//! questions asked so far (content balancing, so weak areas can be reported); among their unasked
//! questions, rank by Fisher information at the estimate and pick at random among the top few
//! (exposure control). Stop once the most probable level has posterior probability ≥ the target,
//! never before the minimum, always at the maximum.

use std::collections::HashMap;

use super::Engine;
use super::irt::{Params, Posterior, Scale, information};
use super::rng::QuizRng;
use crate::bank::Bank;
use crate::session::Record;

/// Stopping and selection settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub min_items: usize,
    pub max_items: usize,
    /// Stop when the most probable level reaches this posterior probability.
    pub target_confidence: f64,
    /// Pick at random among this many most informative questions.
    pub top_k: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            min_items: 8,
            max_items: 20,
            target_confidence: 0.90,
            top_k: 15,
        }
    }
}

/// The adaptive engine's state: the pool, each question's parameters, and the posterior.
pub struct Adaptive {
    pub scale: Scale,
    pub settings: Settings,
    pool: Vec<usize>,
    params: Vec<Params>,
    sections: Vec<usize>,
    section_count: usize,
    posterior: Posterior,
    seen: usize,
    rng: QuizRng,
}

impl Adaptive {
    pub fn new(bank: &Bank, pool: &[usize], settings: Settings, seed: u64) -> Self {
        let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
        let params = pool
            .iter()
            .map(|&i| scale.params(&bank.questions[i]))
            .collect();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let sections = pool
            .iter()
            .map(|&i| {
                let n = ids.len();
                *ids.entry(bank.questions[i].section.as_str()).or_insert(n)
            })
            .collect();
        let settings = Settings {
            max_items: settings.max_items.min(pool.len()),
            min_items: settings.min_items.min(settings.max_items).min(pool.len()),
            ..settings
        };
        Self {
            scale,
            settings,
            pool: pool.to_vec(),
            params,
            sections,
            section_count: ids.len(),
            posterior: Posterior::new(),
            seen: 0,
            rng: QuizRng::new(seed),
        }
    }

    /// Folds in answers not yet seen (a skip counts as wrong).
    fn absorb(&mut self, answered: &[Record]) {
        for r in &answered[self.seen..] {
            if let Some(k) = self.pool.iter().position(|&i| i == r.question) {
                self.posterior.update(self.params[k], r.correct);
            }
        }
        self.seen = answered.len();
    }

    pub fn posterior(&self) -> &Posterior {
        &self.posterior
    }

    /// Whether the level is clear enough to stop.
    pub fn should_stop(&self, asked: usize) -> bool {
        if asked >= self.settings.max_items {
            return true;
        }
        if asked < self.settings.min_items {
            return false;
        }
        let probs = self.posterior.band_probabilities(&self.scale);
        probs.iter().copied().fold(0.0, f64::max) >= self.settings.target_confidence
    }

    /// The next question: most informative at θ̂ within the sections furthest below their share.
    pub fn choose(&mut self, asked: &[usize]) -> Option<usize> {
        let (theta, _) = self.posterior.estimate();
        let mut per_section = vec![0usize; self.section_count];
        for &q in asked {
            if let Some(k) = self.pool.iter().position(|&i| i == q) {
                per_section[self.sections[k]] += 1;
            }
        }
        let open: Vec<usize> = (0..self.pool.len())
            .filter(|&k| !asked.contains(&self.pool[k]))
            .collect();
        // Equal shares: the sections with the fewest questions asked so far (and still open).
        let fewest = open.iter().map(|&k| per_section[self.sections[k]]).min()?;
        let mut ranked: Vec<(f64, usize)> = open
            .into_iter()
            .filter(|&k| per_section[self.sections[k]] == fewest)
            .map(|k| (information(self.params[k], theta), k))
            .collect();
        // Highest information first; ties broken by pool order so the choice is deterministic.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let top = ranked.len().min(self.settings.top_k);
        Some(self.pool[ranked[self.rng.below(top)].1])
    }
}

impl Engine for Adaptive {
    fn next(&mut self, _bank: &Bank, answered: &[Record]) -> Option<usize> {
        self.absorb(answered);
        if self.should_stop(answered.len()) {
            return None;
        }
        let asked: Vec<usize> = answered.iter().map(|r| r.question).collect();
        self.choose(&asked)
    }

    fn planned(&self) -> usize {
        self.settings.max_items
    }

    fn adaptive(&self) -> bool {
        true
    }
}
