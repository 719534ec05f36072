//! The fixed form: N questions chosen up front, stratified across levels and spread over sections.

use std::collections::BTreeMap;

use super::Engine;
use super::rng::QuizRng;
use crate::answered::Record;
use crate::bank::Bank;

/// Asks a list chosen up front, in order.
#[derive(Debug, Clone)]
pub struct FixedForm {
    pub order: Vec<usize>,
}

impl Engine for FixedForm {
    fn next(&mut self, _bank: &Bank, answered: &[Record]) -> Option<usize> {
        self.order.get(answered.len()).copied()
    }

    fn planned(&self) -> usize {
        self.order.len()
    }
}

/// Picks `n` questions from `pool`: an equal share per level (lower levels take the remainder,
/// and a level short of questions passes its share on), round-robin over each level's sections
/// in a shuffled order so no section dominates. Easier levels come first.
pub fn fixed_form(bank: &Bank, pool: &[usize], n: usize, rng: &mut QuizRng) -> FixedForm {
    // level → section → questions, in bank order (BTreeMap: deterministic iteration).
    let mut by_level: BTreeMap<usize, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for &i in pool {
        let q = &bank.questions[i];
        by_level
            .entry(q.level)
            .or_default()
            .entry(q.section.as_str())
            .or_default()
            .push(i);
    }
    let sizes: Vec<usize> = by_level
        .values()
        .map(|s| s.values().map(Vec::len).sum())
        .collect();
    let quotas = quotas(&sizes, n);
    let mut order = Vec::with_capacity(n);
    for (sections, quota) in by_level.into_values().zip(quotas) {
        order.extend(spread(sections.into_values().collect(), quota, rng));
    }
    FixedForm { order }
}

/// Splits `n` over strata of the given sizes as evenly as the sizes allow.
pub fn quotas(sizes: &[usize], n: usize) -> Vec<usize> {
    let mut q = vec![0; sizes.len()];
    let mut left = n.min(sizes.iter().sum());
    while left > 0 {
        let open: Vec<usize> = (0..sizes.len()).filter(|&i| q[i] < sizes[i]).collect();
        let share = (left / open.len()).max(1);
        for &i in &open {
            let take = share.min(sizes[i] - q[i]).min(left);
            q[i] += take;
            left -= take;
            if left == 0 {
                break;
            }
        }
    }
    q
}

/// Takes `quota` questions round-robin over shuffled sections, each section's questions shuffled.
fn spread(mut sections: Vec<Vec<usize>>, quota: usize, rng: &mut QuizRng) -> Vec<usize> {
    for s in &mut sections {
        rng.shuffle(s);
    }
    rng.shuffle(&mut sections);
    let mut out = Vec::with_capacity(quota);
    let mut round = 0;
    while out.len() < quota {
        for s in &sections {
            if out.len() < quota
                && let Some(&q) = s.get(round)
            {
                out.push(q);
            }
        }
        round += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_are_even_and_pass_on_shortfalls() {
        assert_eq!(quotas(&[50, 50, 50, 50], 20), vec![5, 5, 5, 5]);
        assert_eq!(quotas(&[50, 50, 50, 50], 22), vec![6, 6, 5, 5]);
        assert_eq!(quotas(&[2, 50, 50, 50], 20), vec![2, 6, 6, 6]);
        assert_eq!(quotas(&[1, 1], 20), vec![1, 1]);
        assert_eq!(quotas(&[], 20), Vec::<usize>::new());
    }
}
