//! The IRT engine against independently computed reference values (to 1e-3).
//!
//! The values come from tests/vectors/irt_reference.py: textbook 3PL formulas in plain Python and
//! a posterior integrated on a grid 50× finer and wider than the engine's. The bank is
//! tests/fixtures/irt-bank, four true/false items whose `calibration` fixes a, b and c.

use std::path::Path;

use levelcheck::answered::Record;
use levelcheck::bank::load::{BankSource, load};
use levelcheck::engine::Engine;
use levelcheck::engine::adaptive::{Adaptive, Settings};
use levelcheck::engine::irt::{Params, Posterior, Scale, information, p_correct};
use levelcheck::mark::Given;

const ITEMS: [Params; 4] = [
    Params::measured(1.2, -1.0, 0.25),
    Params::measured(2.0, 0.0, 0.0),
    Params::measured(1.5, 0.8, 0.5),
    Params::measured(0.9, 1.5, 0.2),
];

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-3, "got {got}, want {want}");
}

#[test]
fn probability_and_information_match_the_reference() {
    let p = [0.869765, 0.645656, 0.660411, 0.402805];
    let i = [0.147238, 0.915137, 0.119083, 0.077176];
    for k in 0..4 {
        close(p_correct(ITEMS[k], 0.3), p[k]);
        close(information(ITEMS[k], 0.3), i[k]);
    }
}

#[test]
fn eap_posterior_sd_and_level_probabilities_match_the_reference() {
    let mut post = Posterior::new();
    post.update(ITEMS[0], true);
    post.update(ITEMS[2], false);
    let (eap, sd) = post.estimate();
    close(eap, -0.150857);
    close(sd, 0.830666);
    let bands = post.band_probabilities(&Scale::new(4, 0.7));
    for (got, want) in bands
        .iter()
        .zip([0.055207, 0.273779, 0.454956, 0.19533, 0.020728])
    {
        close(*got, want);
    }
}

#[test]
fn the_slope_mixture_matches_the_reference() {
    let mut post = Posterior::marginal();
    post.update(ITEMS[0], true);
    post.update(ITEMS[2], false);
    let (eap, sd) = post.estimate();
    close(eap, -0.146411);
    close(sd, 0.840613);
    let bands = post.band_probabilities(&Scale::new(4, 0.7));
    for (got, want) in bands
        .iter()
        .zip([0.056388, 0.272276, 0.452153, 0.196312, 0.02287])
    {
        close(*got, want);
    }
}

#[test]
fn the_next_question_is_the_most_informative_at_the_cuts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/irt-bank");
    let bank = load(&BankSource::Dirs(vec![dir])).unwrap();
    let pool: Vec<usize> = (0..bank.questions.len()).collect();
    let settings = Settings {
        top_k: 1,
        ..Settings::default()
    };
    let mut engine = Adaptive::new(&bank, &pool, settings, 1);
    let rec = |q: usize, correct: bool| Record {
        question: q,
        id: bank.questions[q].id.clone(),
        given: Given::Skip,
        correct,
        seconds: 0.0,
        confidence: None,
        confirming: false,
        follow_ups: Vec::new(),
        typed: None,
        follow_up_typed: Vec::new(),
    };
    let answered = [rec(0, true), rec(2, false)];
    // Reference: information at the cuts, weighted by the mixture posterior's density there, is
    // 0.402306 for item 1 and 0.057898 for item 3.
    assert_eq!(engine.next(&bank, &answered), Some(1));
}
