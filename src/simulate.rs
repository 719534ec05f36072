//! Simulated examinees: how often each form places a person at their true level, how many
//! questions it needs, and whether its probabilities are right as often as they say.
//!
//! The engine sees the bank's assumed parameters; the simulated truth is a different world: its
//! own discrimination (`true_discrimination`, varied per question), difficulties that miss the
//! tag by `difficulty_noise`, or per-question values from a truth file. A model graded against
//! itself proves nothing, so the default truth is not the engine's model.

use std::collections::HashMap;

use serde::Serialize;

use crate::answered::Record;
use crate::bank::Bank;
use crate::engine::Engine;
use crate::engine::adaptive::{Adaptive, Settings};
use crate::engine::areas::AreaVerdict;
use crate::engine::fixed::fixed_form;
use crate::engine::irt::{Params, Scale, p_correct};
use crate::engine::rng::QuizRng;
use crate::mark::Given;
use crate::roadmap::area_index;
use crate::score::{score, score_adaptive};

/// The realistic default truth: typical discrimination of real knowledge-test items.
pub const DEFAULT_TRUE_A: f64 = 1.4;
/// The realistic default truth: tags miss the true difficulty by this much (SD).
pub const DEFAULT_NOISE: f64 = 0.6;

/// How a simulation is run.
#[derive(Debug, Clone)]
pub struct SimSettings {
    /// Examinees per population.
    pub examinees: usize,
    pub seed: u64,
    /// Centre of the true discrimination (log-normal around it).
    pub true_discrimination: f64,
    /// Standard deviation of the true difficulty around the tagged one.
    pub difficulty_noise: f64,
    /// Standard deviation of log(true discrimination / its centre).
    pub discrimination_spread: f64,
    /// True parameters given per question id; the rest are drawn as above.
    pub truth: HashMap<String, Params>,
    /// Questions in the fixed form, and the adaptive maximum.
    pub questions: usize,
    pub adaptive: Settings,
    pub populations: Vec<Population>,
    /// A planted gap: every examinee is this much weaker in this area (its id).
    pub gap: Option<(String, f64)>,
    /// Simulated people take every offer to confirm a possible gap.
    pub confirm_gaps: bool,
}

impl Default for SimSettings {
    /// The realistic world the README's figures use: 2,000 examinees per population.
    fn default() -> Self {
        Self {
            examinees: 2000,
            seed: 1,
            true_discrimination: DEFAULT_TRUE_A,
            difficulty_noise: DEFAULT_NOISE,
            discrimination_spread: 0.3,
            truth: HashMap::new(),
            questions: 20,
            adaptive: Settings::default(),
            populations: Population::ALL.to_vec(),
            gap: None,
            confirm_gaps: false,
        }
    }
}

/// Who is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Population {
    /// Equal numbers at the centre of each band ("not yet" and each level).
    BandCentres,
    /// Uniform over all bands, the outer ones one spacing wide.
    UniformBands,
    /// Standard normal ability.
    StandardNormal,
}

impl Population {
    pub const ALL: [Population; 3] = [
        Population::BandCentres,
        Population::UniformBands,
        Population::StandardNormal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Population::BandCentres => "band-centres",
            Population::UniformBands => "uniform-bands",
            Population::StandardNormal => "standard-normal",
        }
    }

    fn draw(self, i: usize, n: usize, scale: &Scale, rng: &mut QuizRng) -> f64 {
        match self {
            Population::BandCentres => {
                let centres = scale.band_centres();
                centres[i * centres.len() / n.max(1)]
            }
            Population::UniformBands => {
                let lo = scale.cuts[0] - 1.0;
                let hi = scale.cuts[scale.cuts.len() - 1] + 1.0;
                lo + (hi - lo) * rng.unit()
            }
            Population::StandardNormal => normal(rng),
        }
    }
}

/// Box–Muller: one standard normal draw.
pub fn normal(rng: &mut QuizRng) -> f64 {
    let u1 = rng.unit().max(f64::MIN_POSITIVE);
    let u2 = rng.unit();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Reported probabilities against how often they were right, with the binomial standard error
/// of that share.
#[derive(Debug, Clone, Serialize)]
pub struct Bin {
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    pub mean_probability: f64,
    pub accuracy: f64,
    pub standard_error: f64,
}

/// The share of the questions asked in one class (a format, or an area).
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub name: String,
    pub share: f64,
}

/// How often each verdict was given to one area.
#[derive(Debug, Clone, Serialize)]
pub struct AreaVerdicts {
    pub area: String,
    pub weak: f64,
    pub possible_gap: f64,
    pub on_par: f64,
    pub strong: f64,
    pub thin: f64,
}

/// The figures for one form on one population.
#[derive(Debug, Clone, Serialize)]
pub struct ModeResult {
    pub mode: &'static str,
    pub exact_accuracy: f64,
    pub within_one_accuracy: f64,
    pub mean_items: f64,
    pub p90_items: usize,
    /// Multi-class Brier score of the reported level probabilities (adaptive only).
    pub brier: Option<f64>,
    /// Rows: true band ("not yet" first); columns: estimated band.
    pub confusion: Vec<Vec<usize>>,
    /// The largest share of examinees who saw any one question.
    pub max_exposure: f64,
    /// The id of that question.
    pub most_exposed: Option<String>,
    /// The reported level's probability over every examinee (adaptive only).
    pub overall: Option<Bin>,
    /// Calibration of the reported level's probability, binned (adaptive only).
    pub calibration: Vec<Bin>,
    /// Share of the questions asked by format: select-all + ordering, code output.
    pub formats: Vec<Share>,
    /// Share of the questions asked by area.
    pub areas: Vec<Share>,
    /// How often each area was called weak, a possible gap, … (adaptive only).
    pub verdicts: Vec<AreaVerdicts>,
    /// The engine's posterior over its slope factors at the end of a check, averaged over
    /// examinees (adaptive only): how much the answers told it about how sharp the questions
    /// really are — the one thing that separates a flat world from a sharp one.
    pub slope_factors: Vec<FactorWeight>,
}

/// One slope factor: its prior probability and its mean posterior probability.
#[derive(Debug, Clone, Serialize)]
pub struct FactorWeight {
    pub factor: f64,
    pub prior: f64,
    pub mean_posterior: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PopulationResult {
    pub population: &'static str,
    pub modes: Vec<ModeResult>,
    /// The information limit: exact accuracy of an engine that knows every true parameter and
    /// asks, without content or exposure constraints, as many questions as the adaptive form did.
    pub oracle_exact_accuracy: f64,
    /// The adaptive form's exact accuracy over the oracle's.
    pub ratio_to_limit: f64,
    /// Each examinee's adaptive session as (question index, right), for `--responses-out`.
    #[serde(skip)]
    pub adaptive_answers: Vec<Vec<(usize, bool)>>,
}

/// What one simulated run produced.
struct Outcome {
    truth: usize,
    estimate: usize,
    items: Vec<usize>,
    correct: Vec<bool>,
    probabilities: Option<Vec<f64>>,
    verdicts: Vec<AreaVerdict>,
    /// The engine's posterior over its slope factors at the end (adaptive only).
    factor_weights: Vec<(f64, f64)>,
}

/// Runs every population through both forms, and the oracle.
pub fn simulate(bank: &Bank, pool: &[usize], s: &SimSettings) -> Vec<PopulationResult> {
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let truth = true_parameters(bank, &scale, s);
    s.populations
        .iter()
        .map(|&pop| {
            let pi = Population::ALL.iter().position(|&p| p == pop).unwrap_or(0) as u64;
            let runs = run_population(bank, pool, &scale, &truth, s, pop, pi);
            let bands = scale.cuts.len() + 1;
            let fixed = summarise(bank, "fixed", &runs.fixed, bands);
            let adaptive = summarise(bank, "adaptive", &runs.adaptive, bands);
            let oracle = runs.oracle.iter().filter(|o| o.truth == o.estimate).count() as f64
                / runs.oracle.len().max(1) as f64;
            PopulationResult {
                population: pop.name(),
                ratio_to_limit: adaptive.exact_accuracy / oracle.max(f64::MIN_POSITIVE),
                oracle_exact_accuracy: oracle,
                modes: vec![fixed, adaptive],
                adaptive_answers: runs
                    .adaptive
                    .iter()
                    .map(|o| {
                        o.items
                            .iter()
                            .copied()
                            .zip(o.correct.iter().copied())
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The bank as it "really" is, drawn once per simulation: a per-question true discrimination
/// around its centre, and a difficulty that misses the tag, unless the truth file says.
pub fn true_parameters(bank: &Bank, scale: &Scale, s: &SimSettings) -> Vec<Params> {
    let mut rng = QuizRng::new(s.seed ^ 0x7275_7468);
    bank.questions
        .iter()
        .map(|q| {
            let a = s.true_discrimination * (s.discrimination_spread * normal(&mut rng)).exp();
            let noise = s.difficulty_noise * normal(&mut rng);
            if let Some(p) = s.truth.get(&q.id) {
                return *p;
            }
            let p = scale.tagged(q, a);
            Params {
                b: p.b + if q.calibration.is_some() { 0.0 } else { noise },
                ..p
            }
        })
        .collect()
}

/// Every examinee of one population through each form.
struct Runs {
    fixed: Vec<Outcome>,
    adaptive: Vec<Outcome>,
    oracle: Vec<Outcome>,
}

/// All examinees of a population, on the available cores; each examinee has its own seeded
/// stream, so the figures do not depend on how the work is split.
fn run_population(
    bank: &Bank,
    pool: &[usize],
    scale: &Scale,
    truth: &[Params],
    s: &SimSettings,
    pop: Population,
    pi: u64,
) -> Runs {
    let n = s.examinees;
    let workers = std::thread::available_parallelism()
        .map_or(2, |x| x.get())
        .clamp(1, 8);
    let chunk = n.div_ceil(workers).max(1);
    let gap_area = s.gap.as_ref().and_then(|(id, size)| {
        let areas = bank.roadmap.effective_areas();
        areas.iter().position(|a| &a.id == id).map(|a| (a, *size))
    });
    let world = World {
        bank,
        pool,
        truth,
        s,
        scale,
        areas: area_of_question(bank),
        gap: gap_area,
    };
    let mut results: Vec<(usize, [Outcome; 3])> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let world = &world;
                sc.spawn(move || {
                    (w * chunk..((w + 1) * chunk).min(n))
                        .map(|i| {
                            let mut rng = QuizRng::new(
                                s.seed
                                    ^ (pi << 56)
                                    ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                            );
                            let theta = pop.draw(i, n, scale, &mut rng);
                            let band = scale.band(theta).map_or(0, |l| l + 1);
                            let fixed = world.examinee(theta, band, Form::Fixed, &mut rng);
                            let adaptive = world.examinee(theta, band, Form::Adaptive, &mut rng);
                            let oracle = world.examinee(
                                theta,
                                band,
                                Form::Oracle(adaptive.items.len()),
                                &mut rng,
                            );
                            (i, [fixed, adaptive, oracle])
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|r| r.0);
    let mut runs = Runs {
        fixed: Vec::with_capacity(n),
        adaptive: Vec::with_capacity(n),
        oracle: Vec::with_capacity(n),
    };
    for (_, [f, a, o]) in results {
        runs.fixed.push(f);
        runs.adaptive.push(a);
        runs.oracle.push(o);
    }
    runs
}

/// Each question's area index.
fn area_of_question(bank: &Bank) -> Vec<usize> {
    let areas = bank.roadmap.effective_areas();
    bank.questions
        .iter()
        .map(|q| area_index(&areas, &q.section, &q.topic).unwrap_or(0))
        .collect()
}

/// Which engine an examinee meets.
#[derive(Debug, Clone, Copy)]
enum Form {
    Fixed,
    Adaptive,
    /// Knows the true parameters; asks exactly this many questions.
    Oracle(usize),
}

/// The fixed parts of a simulation: the bank as the engine sees it and as it really is.
struct World<'a> {
    bank: &'a Bank,
    pool: &'a [usize],
    truth: &'a [Params],
    s: &'a SimSettings,
    scale: &'a Scale,
    areas: Vec<usize>,
    gap: Option<(usize, f64)>,
}

impl World<'_> {
    /// One examinee through one form: answers drawn from the true parameters.
    fn examinee(&self, theta: f64, band: usize, form: Form, rng: &mut QuizRng) -> Outcome {
        let (bank, pool, s) = (self.bank, self.pool, self.s);
        let seed = rng.next_u64();
        let mut engine: Box<dyn Engine> = match form {
            Form::Fixed => Box::new(fixed_form(bank, pool, s.questions, &mut QuizRng::new(seed))),
            Form::Adaptive => Box::new(Adaptive::new(
                bank,
                pool,
                Settings {
                    max_items: s.questions,
                    ..s.adaptive
                },
                seed,
            )),
            Form::Oracle(n) => Box::new(Adaptive::oracle(bank, pool, self.truth, n, seed)),
        };
        let mut records: Vec<Record> = Vec::new();
        let mut confirming = false;
        loop {
            let Some(q) = engine.next(bank, &records) else {
                match engine.offer(bank, &records) {
                    Some(offer) if s.confirm_gaps => {
                        engine.accept(&offer, records.len());
                        confirming = true;
                        continue;
                    }
                    Some(_) => continue,
                    None => break,
                }
            };
            let shift = match self.gap {
                Some((area, size)) if self.areas[q] == area => size,
                _ => 0.0,
            };
            let correct = rng.unit() < p_correct(self.truth[q], theta - shift);
            records.push(Record {
                question: q,
                id: String::new(),
                given: Given::Skip,
                correct,
                seconds: 0.0,
                confidence: None,
                confirming,
                follow_ups: Vec::new(),
                typed: None,
                follow_up_typed: Vec::new(),
            });
        }
        self.outcome(band, form, engine.as_ref(), records)
    }

    fn outcome(
        &self,
        band: usize,
        form: Form,
        engine: &dyn Engine,
        records: Vec<Record>,
    ) -> Outcome {
        let items = records.iter().map(|r| r.question).collect();
        let correct: Vec<bool> = records.iter().map(|r| r.correct).collect();
        match form {
            Form::Fixed => Outcome {
                truth: band,
                estimate: score(self.bank, &records).reached.map_or(0, |l| l + 1),
                items,
                correct: correct.clone(),
                probabilities: None,
                verdicts: Vec::new(),
                factor_weights: Vec::new(),
            },
            Form::Oracle(_) => {
                let probs = engine
                    .posterior()
                    .map(|p| p.band_probabilities(self.scale))
                    .unwrap_or_default();
                Outcome {
                    truth: band,
                    estimate: most_probable(&probs),
                    items,
                    correct: correct.clone(),
                    probabilities: None,
                    verdicts: Vec::new(),
                    factor_weights: Vec::new(),
                }
            }
            Form::Adaptive => {
                let sc = score_adaptive(self.bank, &records, self.s.adaptive.target_confidence);
                let probs: Vec<f64> = sc
                    .estimate
                    .as_ref()
                    .map(|e| e.probabilities.iter().map(|p| p.1).collect())
                    .unwrap_or_default();
                Outcome {
                    truth: band,
                    estimate: most_probable(&probs),
                    items,
                    correct: correct.clone(),
                    probabilities: Some(probs),
                    verdicts: sc.areas.iter().map(|a| a.verdict).collect(),
                    factor_weights: engine
                        .posterior()
                        .map(|p| p.factor_weights())
                        .unwrap_or_default(),
                }
            }
        }
    }
}

fn most_probable(probs: &[f64]) -> usize {
    (0..probs.len())
        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
        .unwrap_or(0)
}

fn summarise(bank: &Bank, mode: &'static str, outcomes: &[Outcome], bands: usize) -> ModeResult {
    let n = outcomes.len().max(1) as f64;
    let mut confusion = vec![vec![0usize; bands]; bands];
    let mut exposure = vec![0usize; bank.questions.len()];
    for o in outcomes {
        confusion[o.truth][o.estimate] += 1;
        for &q in &o.items {
            exposure[q] += 1;
        }
    }
    let exact = outcomes.iter().filter(|o| o.truth == o.estimate).count() as f64 / n;
    let within = outcomes
        .iter()
        .filter(|o| o.truth.abs_diff(o.estimate) <= 1)
        .count() as f64
        / n;
    let mut lengths: Vec<usize> = outcomes.iter().map(|o| o.items.len()).collect();
    lengths.sort_unstable();
    let mean_items = lengths.iter().sum::<usize>() as f64 / n;
    let p90_items = lengths
        .get(((lengths.len() as f64 * 0.9).ceil() as usize).saturating_sub(1))
        .copied()
        .unwrap_or(0);
    let (formats, areas) = shares(bank, outcomes);
    ModeResult {
        mode,
        exact_accuracy: exact,
        within_one_accuracy: within,
        mean_items,
        p90_items,
        brier: brier(outcomes),
        confusion,
        max_exposure: exposure.iter().max().copied().unwrap_or(0) as f64 / n,
        most_exposed: most_exposed(bank, &exposure),
        overall: bin(outcomes, 0.0, 1.0 + 1e-9),
        calibration: calibration(outcomes),
        formats,
        areas,
        verdicts: verdicts(bank, outcomes),
        slope_factors: slope_factors(outcomes),
    }
}

/// The question seen by the most examinees, if any was seen.
fn most_exposed(bank: &Bank, exposure: &[usize]) -> Option<String> {
    let (q, &count) = exposure.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    (count > 0).then(|| bank.questions[q].id.clone())
}

/// The mean posterior of each slope factor over the outcomes that carry one.
fn slope_factors(outcomes: &[Outcome]) -> Vec<FactorWeight> {
    let with: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| !o.factor_weights.is_empty())
        .collect();
    let Some(first) = with.first() else {
        return Vec::new();
    };
    let k = first.factor_weights.len();
    (0..k)
        .map(|i| FactorWeight {
            factor: first.factor_weights[i].0,
            prior: 1.0 / k as f64,
            mean_posterior: with.iter().map(|o| o.factor_weights[i].1).sum::<f64>()
                / with.len() as f64,
        })
        .collect()
}

/// Multi-class Brier score of the reported band probabilities.
fn brier(outcomes: &[Outcome]) -> Option<f64> {
    let n = outcomes.len().max(1) as f64;
    outcomes
        .iter()
        .map(|o| {
            o.probabilities.as_ref().map(|p| {
                p.iter()
                    .enumerate()
                    .map(|(k, pk)| (pk - f64::from(u8::from(k == o.truth))).powi(2))
                    .sum::<f64>()
            })
        })
        .sum::<Option<f64>>()
        .map(|b| b / n)
}

/// Shares of the questions asked: by format, and by area.
fn shares(bank: &Bank, outcomes: &[Outcome]) -> (Vec<Share>, Vec<Share>) {
    use crate::bank::Body;
    let asked: Vec<usize> = outcomes
        .iter()
        .flat_map(|o| o.items.iter().copied())
        .collect();
    let total = asked.len().max(1) as f64;
    let share_of =
        |keep: &dyn Fn(usize) -> bool| asked.iter().filter(|&&q| keep(q)).count() as f64 / total;
    let formats = vec![
        Share {
            name: "select-all + ordering".into(),
            share: share_of(&|q| {
                matches!(
                    bank.questions[q].body,
                    Body::Multi { .. } | Body::Order { .. }
                )
            }),
        },
        Share {
            name: "code output".into(),
            share: share_of(&|q| matches!(bank.questions[q].body, Body::Output { .. })),
        },
    ];
    let areas = bank
        .roadmap
        .effective_areas()
        .into_iter()
        .map(|a| Share {
            share: share_of(&|q| a.sections.contains(&bank.questions[q].section)),
            name: a.id,
        })
        .collect();
    (formats, areas)
}

/// How often each area got each verdict.
fn verdicts(bank: &Bank, outcomes: &[Outcome]) -> Vec<AreaVerdicts> {
    let judged: Vec<&Outcome> = outcomes.iter().filter(|o| !o.verdicts.is_empty()).collect();
    if judged.is_empty() {
        return Vec::new();
    }
    let n = judged.len() as f64;
    bank.roadmap
        .effective_areas()
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let share = |v: AreaVerdict| {
                judged
                    .iter()
                    .filter(|o| o.verdicts.get(k) == Some(&v))
                    .count() as f64
                    / n
            };
            AreaVerdicts {
                area: a.id.clone(),
                weak: share(AreaVerdict::Weak),
                possible_gap: share(AreaVerdict::PossibleGap),
                on_par: share(AreaVerdict::OnPar),
                strong: share(AreaVerdict::Strong),
                thin: share(AreaVerdict::Thin),
            }
        })
        .collect()
}

/// Bins the probability given to the reported level and compares it with how often it was right.
fn calibration(outcomes: &[Outcome]) -> Vec<Bin> {
    let edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 + 1e-9];
    edges
        .windows(2)
        .filter_map(|w| bin(outcomes, w[0], w[1]))
        .collect()
}

/// The examinees whose reported probability fell in [lo, hi).
fn bin(outcomes: &[Outcome], lo: f64, hi: f64) -> Option<Bin> {
    let inside: Vec<(f64, bool)> = outcomes
        .iter()
        .filter_map(|o| {
            o.probabilities
                .as_ref()
                .and_then(|p| p.get(o.estimate).map(|&pe| (pe, o.estimate == o.truth)))
        })
        .filter(|(p, _)| *p >= lo && *p < hi)
        .collect();
    if inside.is_empty() {
        return None;
    }
    let count = inside.len() as f64;
    let accuracy = inside.iter().filter(|x| x.1).count() as f64 / count;
    Some(Bin {
        lo,
        hi: hi.min(1.0),
        count: inside.len(),
        mean_probability: inside.iter().map(|x| x.0).sum::<f64>() / count,
        accuracy,
        standard_error: (accuracy * (1.0 - accuracy) / count).sqrt(),
    })
}
