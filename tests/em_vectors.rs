//! calibrate's EM against an independent implementation (to 1e-2 on every a and b).
//!
//! tests/vectors/em_reference.py is a plain-Python (stdlib only) MAP fit of the same model written
//! from the maths: 2PL with c fixed per item, θ ~ N(0, 1) on the same grid, the same priors on
//! log a and b, EM with a Newton M-step run to 1e-9 and checked by the marginal posterior's
//! finite-difference gradient. It wrote the data (tests/vectors/em_small.jsonl: 300 people × 8
//! items, one person a line, seed 20261202) and its fit (tests/vectors/em_small_fit.json).
//!
//! The test reads those committed files rather than running Python, so it needs no interpreter
//! and a change to the EM cannot silently change its own reference. After a deliberate change of
//! the model (grid, priors), regenerate with `python3 tests/vectors/em_reference.py` and commit
//! both files; the settings check below fails until then.

use levelcheck::calibrate::em::{self, ItemPrior, Matrix};

fn reference() -> serde_json::Value {
    serde_json::from_str(include_str!("vectors/em_small_fit.json")).unwrap()
}

fn data() -> Matrix {
    let mut m = Matrix::new();
    for line in include_str!("vectors/em_small.jsonl").lines() {
        let row: Vec<u8> = serde_json::from_str(line).unwrap();
        m.push_person(row.iter().enumerate().map(|(j, &y)| (j as u32, y == 1)));
    }
    m
}

#[test]
fn the_reference_was_computed_for_this_model() {
    let r = reference();
    assert_eq!(r["quad_points"], em::QUAD_POINTS as u64);
    assert_eq!(r["quad_range"], em::QUAD_RANGE);
    assert_eq!(r["prior_sd_log_a"], em::PRIOR_SD_LOG_A);
    assert_eq!(r["prior_sd_b"], em::PRIOR_SD_B);
}

#[test]
fn the_fit_agrees_with_the_python_reference() {
    let r = reference();
    let priors: Vec<ItemPrior> = r["priors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| ItemPrior {
            a: p["a"].as_f64().unwrap(),
            b: p["b"].as_f64().unwrap(),
            c: p["c"].as_f64().unwrap(),
        })
        .collect();
    let m = data();
    assert_eq!((m.people(), m.responses()), (300, 2400));
    let fit = em::fit(&priors, &m);
    assert!(fit.converged, "{} iterations", fit.iterations);
    for (j, (got, want)) in fit
        .items
        .iter()
        .zip(r["fitted"].as_array().unwrap())
        .enumerate()
    {
        let (a, b) = (want["a"].as_f64().unwrap(), want["b"].as_f64().unwrap());
        assert!(
            (got.a - a).abs() < 1e-2 && (got.b - b).abs() < 1e-2,
            "item {j}: got a {:.4} b {:.4}, reference a {a:.4} b {b:.4}",
            got.a,
            got.b
        );
        // The fit moved off the prior: agreement is not both sides staying put.
        assert!((got.b - priors[j].b).abs() > 1e-3 || (got.a - priors[j].a).abs() > 1e-3);
    }
}
