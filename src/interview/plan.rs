//! Choosing an interview's questions: round-robin over the track's areas, open and closed in
//! turn, until the planned time is filled.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::answered::Record;
use crate::bank::Bank;
use crate::engine::Engine;
use crate::engine::rng::QuizRng;

/// Planned time per question: an open question is talked through (about four minutes in a real
/// interview), a closed one is read and answered in about one.
pub const OPEN_SECONDS: u64 = 240;
pub const CLOSED_SECONDS: u64 = 60;

/// The planned seconds for one question of the kind given.
pub fn planned_seconds(open: bool) -> u64 {
    if open { OPEN_SECONDS } else { CLOSED_SECONDS }
}

/// The questions an interview will ask, in order, and how long it may run.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub order: Vec<usize>,
    pub limit: Duration,
    /// Whether the pool held any open question: without them the interview is closed only.
    pub open_available: bool,
}

/// Plans an interview of `minutes` from `pool` (question indices), seeded. Areas take turns so
/// that every area the track covers is probed early, and open and closed questions alternate
/// across the whole interview (open first) while both are left: a real interviewer puts quick
/// checks between the long questions, and a short interview of open questions only would
/// probe few areas and none of them closely.
pub fn plan(bank: &Bank, pool: &[usize], minutes: u32, seed: u64) -> Plan {
    let mut rng = QuizRng::new(seed);
    let mut by_area: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let areas = bank.roadmap.effective_areas();
    for &i in pool {
        let q = &bank.questions[i];
        let area = areas
            .iter()
            .position(|a| a.sections.contains(&q.section))
            .unwrap_or(usize::MAX);
        let e = by_area.entry(area).or_default();
        if q.body.is_open() { &mut e.0 } else { &mut e.1 }.push(i);
    }
    for (open, closed) in by_area.values_mut() {
        rng.shuffle(open);
        rng.shuffle(closed);
    }
    let open_available = by_area.values().any(|(o, _)| !o.is_empty());
    // Areas in a seeded order, so two interviews do not always open on the same area.
    let mut turn: Vec<usize> = by_area.keys().copied().collect();
    rng.shuffle(&mut turn);
    let budget = u64::from(minutes) * 60;
    let mut last_open = false;
    let (mut order, mut planned) = (Vec::new(), 0u64);
    while planned < budget {
        let mut any = false;
        for a in &turn {
            if planned >= budget {
                break;
            }
            let (open, closed) = by_area.get_mut(a).expect("area listed");
            let want_open = !last_open;
            let pick = if want_open && !open.is_empty() || closed.is_empty() {
                open.pop().map(|q| (q, true))
            } else {
                closed.pop().map(|q| (q, false))
            };
            if let Some((q, is_open)) = pick {
                last_open = is_open;
                planned += planned_seconds(is_open);
                order.push(q);
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    Plan {
        order,
        limit: Duration::from_secs(budget),
        open_available,
    }
}

/// Asks the plan in order; once the time spent reaches the limit, the interview ends after the
/// question in progress (the clock never cuts an answer off).
pub struct Timed {
    pub plan: Plan,
}

impl Timed {
    /// Whether the answers so far used up the time allowed.
    pub fn out_of_time(&self, answered: &[Record]) -> bool {
        let spent: f64 = answered.iter().map(|r| r.seconds).sum();
        spent >= self.plan.limit.as_secs_f64()
    }
}

impl Engine for Timed {
    fn next(&mut self, _bank: &Bank, answered: &[Record]) -> Option<usize> {
        if self.out_of_time(answered) {
            return None;
        }
        self.plan.order.get(answered.len()).copied()
    }

    fn planned(&self) -> usize {
        self.plan.order.len()
    }

    fn time_limit(&self) -> Option<Duration> {
        Some(self.plan.limit)
    }
    fn time_for(&self, q: &crate::bank::Question) -> Option<Duration> {
        Some(Duration::from_secs(planned_seconds(q.body.is_open())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load::{BankSource, load};

    /// Every open question and every closed one of the built-in banks' default track.
    fn pool(bank: &Bank) -> Vec<usize> {
        (0..bank.questions.len()).collect()
    }

    #[test]
    fn open_and_closed_alternate_across_areas() {
        let bank = load(&BankSource::Embedded).unwrap();
        let p = plan(&bank, &pool(&bank), 20, 1);
        let kinds: Vec<bool> = p
            .order
            .iter()
            .map(|&i| bank.questions[i].body.is_open())
            .collect();
        assert!(kinds[0], "an interview opens with an open question");
        assert!(
            kinds.windows(2).all(|w| w[0] != w[1]),
            "open and closed in turn: {kinds:?}"
        );
        let planned: u64 = kinds.iter().map(|&o| planned_seconds(o)).sum();
        assert!(planned >= 20 * 60, "the time is filled: {planned} s");
        let areas = bank.roadmap.effective_areas();
        let area_of = |i: usize| {
            areas
                .iter()
                .position(|a| a.sections.contains(&bank.questions[i].section))
        };
        let probed: std::collections::BTreeSet<_> = p.order.iter().map(|&i| area_of(i)).collect();
        assert!(
            probed.len() >= 6,
            "most areas probed in 20 minutes: {probed:?}"
        );
    }
}
