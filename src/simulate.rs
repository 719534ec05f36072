//! Simulated examinees: how often each form places a person at their true level, and how many
//! questions it needs. The engine sees the bank's nominal parameters; the simulated truth is
//! perturbed (difficulty ± noise, discrimination varied) so the figures stay honest about
//! mis-tagged questions.

use serde::Serialize;

use crate::bank::Bank;
use crate::engine::Engine;
use crate::engine::adaptive::{Adaptive, Settings};
use crate::engine::fixed::fixed_form;
use crate::engine::irt::{Params, Scale, p_correct};
use crate::engine::rng::QuizRng;
use crate::mark::Given;
use crate::score::{score, score_adaptive};
use crate::session::Record;

/// How a simulation is run.
#[derive(Debug, Clone, Copy)]
pub struct SimSettings {
    /// Examinees per population.
    pub examinees: usize,
    pub seed: u64,
    /// Standard deviation of the true difficulty around the nominal one.
    pub difficulty_noise: f64,
    /// Standard deviation of log(true discrimination / nominal).
    pub discrimination_spread: f64,
    /// Questions in the fixed form, and the adaptive maximum.
    pub questions: usize,
    pub adaptive: Settings,
}

/// Who is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// One calibration bin: reported probabilities in [lo, hi) against how often they were right.
#[derive(Debug, Clone, Serialize)]
pub struct Bin {
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    pub mean_probability: f64,
    pub accuracy: f64,
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
    /// Calibration of the reported level's probability (adaptive only).
    pub calibration: Vec<Bin>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PopulationResult {
    pub population: &'static str,
    pub modes: Vec<ModeResult>,
}

/// What one simulated run produced.
struct Outcome {
    truth: usize,
    estimate: usize,
    items: Vec<usize>,
    probabilities: Option<Vec<f64>>,
}

/// Runs every population through both forms.
pub fn simulate(bank: &Bank, pool: &[usize], s: &SimSettings) -> Vec<PopulationResult> {
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let truth = true_parameters(bank, &scale, s);
    Population::ALL
        .iter()
        .enumerate()
        .map(|(pi, &pop)| {
            let outcomes = run_population(bank, pool, &scale, &truth, s, pop, pi as u64);
            let bands = scale.cuts.len() + 1;
            let modes = vec![
                summarise("fixed", &outcomes.0, bands, bank.questions.len()),
                summarise("adaptive", &outcomes.1, bands, bank.questions.len()),
            ];
            PopulationResult {
                population: pop.name(),
                modes,
            }
        })
        .collect()
}

/// The bank as it "really" is: nominal parameters perturbed once per simulation.
fn true_parameters(bank: &Bank, scale: &Scale, s: &SimSettings) -> Vec<Params> {
    let mut rng = QuizRng::new(s.seed ^ 0x7275_7468);
    bank.questions
        .iter()
        .map(|q| {
            let p = scale.nominal(q);
            Params {
                a: p.a * (s.discrimination_spread * normal(&mut rng)).exp(),
                b: p.b + s.difficulty_noise * normal(&mut rng),
                c: p.c,
            }
        })
        .collect()
}

/// All examinees of a population, on two threads; each examinee has its own seeded stream, so
/// the figures do not depend on how the work is split.
fn run_population(
    bank: &Bank,
    pool: &[usize],
    scale: &Scale,
    truth: &[Params],
    s: &SimSettings,
    pop: Population,
    pi: u64,
) -> (Vec<Outcome>, Vec<Outcome>) {
    let n = s.examinees;
    let workers = std::thread::available_parallelism()
        .map_or(2, |x| x.get())
        .clamp(1, 8);
    let chunk = n.div_ceil(workers).max(1);
    let mut results: Vec<(usize, Outcome, Outcome)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
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
                            let world = World {
                                bank,
                                pool,
                                truth,
                                s,
                            };
                            let fixed = examinee(&world, theta, band, true, &mut rng);
                            let adaptive = examinee(&world, theta, band, false, &mut rng);
                            (i, fixed, adaptive)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("simulation thread"))
            .collect()
    });
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(_, f, a)| (f, a)).unzip()
}

/// The fixed parts of a simulation: the bank as the engine sees it and as it really is.
struct World<'a> {
    bank: &'a Bank,
    pool: &'a [usize],
    truth: &'a [Params],
    s: &'a SimSettings,
}

/// One examinee through one form: answers drawn from the true parameters.
fn examinee(w: &World, theta: f64, band: usize, fixed: bool, rng: &mut QuizRng) -> Outcome {
    let (bank, pool, truth, s) = (w.bank, w.pool, w.truth, w.s);
    let seed = rng.next_u64();
    let mut engine: Box<dyn Engine> = if fixed {
        Box::new(fixed_form(bank, pool, s.questions, &mut QuizRng::new(seed)))
    } else {
        Box::new(Adaptive::new(
            bank,
            pool,
            Settings {
                max_items: s.questions,
                ..s.adaptive
            },
            seed,
        ))
    };
    let mut records: Vec<Record> = Vec::new();
    while let Some(q) = engine.next(bank, &records) {
        let correct = rng.unit() < p_correct(truth[q], theta);
        records.push(Record {
            question: q,
            id: String::new(),
            given: Given::Skip,
            correct,
            seconds: 0.0,
            confidence: None,
        });
    }
    let items = records.iter().map(|r| r.question).collect();
    if fixed {
        let reached = score(bank, &records).reached;
        return Outcome {
            truth: band,
            estimate: reached.map_or(0, |l| l + 1),
            items,
            probabilities: None,
        };
    }
    let sc = score_adaptive(bank, &records);
    let probs: Vec<f64> = sc
        .estimate
        .map(|e| e.probabilities.into_iter().map(|p| p.1).collect())
        .unwrap_or_default();
    Outcome {
        truth: band,
        estimate: sc.reached.map_or(0, |l| l + 1),
        items,
        probabilities: Some(probs),
    }
}

fn summarise(
    mode: &'static str,
    outcomes: &[Outcome],
    bands: usize,
    questions: usize,
) -> ModeResult {
    let n = outcomes.len().max(1) as f64;
    let mut confusion = vec![vec![0usize; bands]; bands];
    let mut exposure = vec![0usize; questions];
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
    let brier = outcomes
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
        .map(|b| b / n);
    ModeResult {
        mode,
        exact_accuracy: exact,
        within_one_accuracy: within,
        mean_items,
        p90_items,
        brier,
        confusion,
        max_exposure: exposure.into_iter().max().unwrap_or(0) as f64 / n,
        calibration: calibration(outcomes),
    }
}

/// Bins the probability given to the reported level and compares it with how often it was right.
fn calibration(outcomes: &[Outcome]) -> Vec<Bin> {
    let edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 + 1e-9];
    edges
        .windows(2)
        .filter_map(|w| {
            let inside: Vec<(f64, bool)> = outcomes
                .iter()
                .filter_map(|o| {
                    o.probabilities
                        .as_ref()
                        .map(|p| (p[o.estimate], o.estimate == o.truth))
                })
                .filter(|(p, _)| *p >= w[0] && *p < w[1])
                .collect();
            (!inside.is_empty()).then(|| {
                let count = inside.len();
                let mean_probability = inside.iter().map(|x| x.0).sum::<f64>() / count as f64;
                let accuracy = inside.iter().filter(|x| x.1).count() as f64 / count as f64;
                Bin {
                    lo: w[0],
                    hi: w[1].min(1.0),
                    count,
                    mean_probability,
                    accuracy,
                }
            })
        })
        .collect()
}
