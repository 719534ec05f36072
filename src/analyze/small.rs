//! The small-sample miskey rule: with 10 to 29 responses no correlation can be trusted, but a
//! swapped key still shows plainly — most people, and most of the stronger half, choose one
//! distractor (the real answer) while almost none of the stronger half choose the key.

use serde::Serialize;

use super::options::Opt;

/// The rule applies from this many responses up to `flags::MIN_N` (below it, nothing is judged).
pub const MIN_N: usize = 10;
/// The distractor must be chosen by more than this share of all responses (8 of 12)...
pub const MAJORITY: f64 = 0.6;
/// ...by more of the stronger half (by rest-ability) than the key is, and the key by at most
/// this share of the stronger half: none of 6 at n = 12, one of 10 at n = 20, two of 14 at
/// n = 29. Chosen by measurement on simulated workshops: a majority of 0.5, or one strong key
/// chooser at n = 12, multiplied the false flags by 2.5 to 4 where a distractor is attractive,
/// for a few more keys found (`cargo test --test analyze small_sample_rates -- --ignored --nocapture`, with
/// `SMALL_SAMPLE_GRID=1` for the neighbours; figures in the README).
pub const KEY_STRONG_MAX: f64 = 0.15;

/// The answers of one question while it has fewer than `flags::MIN_N`: (rest-ability, options
/// chosen, right). Bounded, so a million responses still cost a few bytes each.
#[derive(Debug, Clone, Default)]
pub struct Few {
    answers: Vec<(f64, u64, bool)>,
}

impl Few {
    pub fn push(&mut self, theta: f64, chosen: u64, right: bool) {
        if self.answers.len() < super::flags::MIN_N {
            self.answers.push((theta, chosen, right));
        }
    }
}

/// The evidence of a small-sample `possible-miskey`, as the JSON report gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SmallSample {
    /// The rule's name, so a reader knows the evidence is from few responses.
    pub rule: &'static str,
    /// The distractor that behaves like the key.
    pub option: String,
    /// How many of the `n` responses chose it.
    pub chose: usize,
    /// The size of the stronger half (by rest-ability), how many of it chose the distractor,
    /// and how many of it answered right (chose the key).
    pub stronger: usize,
    pub stronger_chose: usize,
    pub stronger_right: usize,
}

/// The figures the rule judges, for a choice question with `MIN_N..flags::MIN_N` responses:
/// its most chosen distractor against the key, overall and in the stronger half.
pub fn evidence(few: &Few, options: &[Opt]) -> Option<SmallSample> {
    let n = few.answers.len();
    if !(MIN_N..super::flags::MIN_N).contains(&n) {
        return None;
    }
    let mut by_ability: Vec<&(f64, u64, bool)> = few.answers.iter().collect();
    by_ability.sort_by(|a, b| b.0.total_cmp(&a.0));
    let stronger = &by_ability[..n / 2];
    let chose =
        |k: usize, group: &[&(f64, u64, bool)]| group.iter().filter(|a| a.1 >> k & 1 == 1).count();
    let (k, opt) = options
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.key)
        .max_by_key(|(k, _)| (chose(*k, &by_ability), std::cmp::Reverse(*k)))?;
    Some(SmallSample {
        rule: "small-sample",
        option: opt.text.clone(),
        chose: chose(k, &by_ability),
        stronger: stronger.len(),
        stronger_chose: chose(k, stronger),
        stronger_right: stronger.iter().filter(|a| a.2).count(),
    })
}

/// Thresholds of the rule (the shipped ones are `Rule::SHIPPED`; others are for measuring).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub majority: f64,
    pub key_strong_max: f64,
}

impl Rule {
    pub const SHIPPED: Rule = Rule {
        majority: MAJORITY,
        key_strong_max: KEY_STRONG_MAX,
    };

    /// Whether the evidence of a question with `n` responses is a possible miskey.
    pub fn fires(self, e: &SmallSample, n: usize) -> bool {
        e.chose as f64 > self.majority * n as f64
            && e.stronger_chose > e.stronger_right
            && e.stronger_right as f64 <= self.key_strong_max * e.stronger as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Vec<Opt> {
        ["key", "real", "other"]
            .iter()
            .enumerate()
            .map(|(i, t)| Opt {
                text: t.to_string(),
                key: i == 0,
            })
            .collect()
    }

    /// `people` answers: ability i, the strongest `real` choosers, then key, then other.
    fn few(real: usize, key: usize, other: usize) -> Few {
        let mut f = Few::default();
        let mut theta = 3.0;
        for (count, bit, right) in [
            (real, 0b010, false),
            (key, 0b001, true),
            (other, 0b100, false),
        ] {
            for _ in 0..count {
                f.push(theta, bit, right);
                theta -= 0.1;
            }
        }
        f
    }

    #[test]
    fn a_plain_swap_fires_with_its_evidence() {
        let e = evidence(&few(8, 2, 2), &opts()).unwrap();
        assert!(Rule::SHIPPED.fires(&e, 12));
        assert_eq!(
            (
                e.option.as_str(),
                e.chose,
                e.stronger,
                e.stronger_chose,
                e.stronger_right
            ),
            ("real", 8, 6, 6, 0)
        );
    }

    #[test]
    fn no_clear_majority_or_a_strong_key_does_not_fire() {
        // Half is not a clear majority.
        let fires = |f: &Few| Rule::SHIPPED.fires(&evidence(f, &opts()).unwrap(), 12);
        assert!(!fires(&few(6, 3, 3)));
        // The stronger half chooses the key: a sound hard question with a popular distractor.
        let mut f = Few::default();
        for i in 0..12 {
            let right = i < 4;
            f.push(-(i as f64), if right { 0b001 } else { 0b010 }, right);
        }
        assert!(!fires(&f));
    }

    #[test]
    fn outside_the_small_sample_range_it_is_silent() {
        assert_eq!(evidence(&few(7, 1, 1), &opts()), None);
        assert_eq!(evidence(&few(25, 3, 2), &opts()), None);
    }
}
