//! `levelcheck calibrate`: parameter recovery from simulated answers, the priors' strength, and
//! the calibration file end to end (calibrate → validate → take uses it).

#![allow(clippy::print_stderr)] // the recovery figures are printed for the README

mod common;

use common::{HTTP_ALL_RIGHT, copy_bank, lc};
use levelcheck::calibrate::em::{ItemPrior, Matrix, fit, prob};
use levelcheck::engine::rng::QuizRng;
use levelcheck::simulate::normal;

fn correlation(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

fn rmse(x: &[f64], y: &[f64]) -> f64 {
    (x.iter().zip(y).map(|(a, b)| (a - b).powi(2)).sum::<f64>() / x.len() as f64).sqrt()
}

/// 2,000 people × 40 of 200 questions, truth off the priors (difficulty noise 0.6, slopes 1.4
/// with a log-normal spread of 0.3, as `simulate` assumes): the fit finds the true difficulties.
#[test]
fn recovers_known_parameters_from_simulated_answers() {
    let mut rng = QuizRng::new(13);
    let items = 200;
    let priors: Vec<ItemPrior> = (0..items)
        .map(|j| ItemPrior {
            b: -2.0 + 4.0 * (j as f64) / items as f64,
            a: 1.19,
            c: [0.0, 0.25, 0.5][j % 3],
        })
        .collect();
    let truth: Vec<(f64, f64)> = priors
        .iter()
        .map(|p| {
            (
                1.4 * (0.3 * normal(&mut rng)).exp(),
                p.b + 0.6 * normal(&mut rng),
            )
        })
        .collect();
    let mut m = Matrix::new();
    for _ in 0..2000 {
        let theta = normal(&mut rng);
        let mut asked: Vec<u32> = (0..items as u32).collect();
        rng.shuffle(&mut asked);
        m.push_person(asked[..40].iter().map(|&j| {
            let (a, b) = truth[j as usize];
            (j, rng.unit() < prob(priors[j as usize].c, a, b, theta))
        }));
    }
    let f = fit(&priors, &m);
    assert!(f.converged, "{} iterations", f.iterations);
    let (tb, fb): (Vec<f64>, Vec<f64>) =
        truth.iter().zip(&f.items).map(|(t, f)| (t.1, f.b)).unzip();
    let (ta, fa): (Vec<f64>, Vec<f64>) =
        truth.iter().zip(&f.items).map(|(t, f)| (t.0, f.a)).unzip();
    let prior_b: Vec<f64> = priors.iter().map(|p| p.b).collect();
    let r_b = correlation(&tb, &fb);
    eprintln!(
        "recovery: r(b) = {r_b:.3}, RMSE(b) = {:.3} (prior's RMSE {:.3}), r(a) = {:.3}, RMSE(a) = {:.3}, mean SE(b) = {:.3} at n ≈ {}",
        rmse(&tb, &fb),
        rmse(&tb, &prior_b),
        correlation(&ta, &fa),
        rmse(&ta, &fa),
        f.items.iter().map(|i| i.se_b).sum::<f64>() / items as f64,
        m.responses() / items
    );
    assert!(r_b >= 0.9, "r(b) = {r_b}");
    assert!(rmse(&tb, &fb) < rmse(&tb, &prior_b) / 2.0);
    // The truth's spread around the tags (0.6) is within the prior on b (SD 0.7), and the stated
    // SE is widened for a slope or tag that may be off by more than its prior says, so about two
    // thirds or a little more should be within one SE (a normal error's 68%), nearly all in two.
    let within = tb
        .iter()
        .zip(&f.items)
        .filter(|(t, f)| (*t - f.b).abs() <= f.se_b)
        .count() as f64
        / items as f64;
    let within2 = tb
        .iter()
        .zip(&f.items)
        .filter(|(t, f)| (*t - f.b).abs() <= 2.0 * f.se_b)
        .count() as f64
        / items as f64;
    eprintln!("coverage: {within:.3} within one SE of the truth, {within2:.3} within two");
    assert!((0.55..=0.85).contains(&within), "{within} within one SE");
    assert!(within2 >= 0.85, "{within2} within two SEs");
}

/// An item whose truth is a whole unit harder than its tag says, answered by `n` people who also
/// answer 30 anchor items placed where they truly are: how far the fit moves it toward the truth.
fn moved_share(n: usize, seed: u64) -> (f64, f64) {
    let mut rng = QuizRng::new(seed * 1000 + n as u64);
    let mut priors = vec![ItemPrior {
        b: 0.0,
        a: 1.19,
        c: 0.0,
    }];
    priors.extend((0..30).map(|k| ItemPrior {
        b: -1.5 + k as f64 * 0.1,
        a: 1.19,
        c: 0.0,
    }));
    let mut m = Matrix::new();
    for _ in 0..n.max(300) {
        let theta = normal(&mut rng);
        let mut answers: Vec<(u32, bool)> = (1..31u32)
            .map(|j| (j, rng.unit() < prob(0.0, 1.19, priors[j as usize].b, theta)))
            .collect();
        if m.people() < n {
            answers.push((0, rng.unit() < prob(0.0, 1.19, 1.0, theta)));
        }
        m.push_person(answers);
    }
    let f = fit(&priors, &m);
    assert_eq!(f.items[0].n, n);
    (f.items[0].b, f.items[0].se_b)
}

/// The mean fitted b and stated SE over `reps` independent samples of `n` answers.
fn mean_move(n: usize, reps: u64) -> (f64, f64, usize) {
    let fits: Vec<(f64, f64)> = (0..reps).map(|s| moved_share(n, s)).collect();
    let mean = |f: fn(&(f64, f64)) -> f64| fits.iter().map(f).sum::<f64>() / reps as f64;
    // How many samples put the truth (1.0) within two stated SEs of their estimate.
    let covered = fits
        .iter()
        .filter(|(b, se)| (b - 1.0).abs() <= 2.0 * se)
        .count();
    (mean(|f| f.0), mean(|f| f.1), covered)
}

#[test]
fn twenty_responses_move_an_item_most_of_the_way_with_a_wide_se() {
    const REPS: u64 = 12;
    let (b20, se20, cov20) = mean_move(20, REPS);
    let (b100, se100, cov100) = mean_move(100, REPS);
    let (b500, se500, cov500) = mean_move(500, REPS);
    eprintln!(
        "b moved from 0 toward 1 (means of {REPS} samples): n=20 → {b20:.3} (SE {se20:.3}, truth within 2 SE in {cov20}); n=100 → {b100:.3} (SE {se100:.3}, {cov100}); n=500 → {b500:.3} (SE {se500:.3}, {cov500})"
    );
    // The prior on b has the SD tags are really off by (0.7): a tighter one held b near its tag
    // and let the slope inflate instead, which made calibrated checks over-confident. So 20
    // answers move an item most of the way on average, and say how unsure they still are.
    assert!(
        b20 > 0.4 && b20 < 1.0,
        "20 responses moved b to {b20} on average"
    );
    assert!(
        b500 > 0.85 && b500 < 1.15,
        "500 responses moved b to {b500} on average"
    );
    assert!(b100 > b20 - 0.1, "{b20} {b100}");
    assert!(
        se20 > 0.3 && se100 < se20 && se500 < se20 / 2.0,
        "{se20} {se100} {se500}"
    );
    for (n, cov) in [(20, cov20), (100, cov100), (500, cov500)] {
        assert!(
            cov as u64 >= REPS * 3 / 4,
            "n={n}: truth within 2 SE in {cov} of {REPS}"
        );
    }
}

/// Responses to the HTTP example bank: `right(session, id)` says whether each answer is right.
fn responses(sessions: usize, mut right: impl FnMut(usize, &str) -> bool) -> String {
    let key: serde_json::Value = serde_json::from_str(HTTP_ALL_RIGHT).unwrap();
    let mut out = String::new();
    for s in 0..sessions {
        for (id, value) in key.as_object().unwrap() {
            let given = if right(s, id) {
                value.clone()
            } else {
                serde_json::json!("skip")
            };
            let line = serde_json::json!({
                "respondent": format!("r{s}"), "session": format!("s{s}"), "question": id,
                "given": given, "correct": false, "mode": "fixed", "bank": "sha256:x",
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

#[test]
fn calibrate_writes_a_file_validate_accepts_and_take_uses() {
    let bank = copy_bank("http-bank");
    let dir = bank.path();
    // Everyone gets head-body right; ability shows in how many of the rest they get.
    let mut rng = QuizRng::new(5);
    let mut theta = (usize::MAX, 0.0);
    let text = responses(400, |s, id| {
        if theta.0 != s {
            theta = (s, normal(&mut rng));
        }
        id == "messages.head-body" || rng.unit() < prob(0.0, 1.2, 0.0, theta.1)
    });
    let resp = common::write(dir, "responses.jsonl", &text);
    let file = dir.join("calibration.toml");
    let run = lc()
        .args(["calibrate", "--bank"])
        .arg(dir)
        .arg(&resp)
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("Calibrated 7 questions from 2800 responses")
    );
    let cal: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let head = &cal["questions"]["messages.head-body"];
    assert!(head["b"].as_float().unwrap() < -1.0, "{head}");
    assert_eq!(head["n"].as_integer(), Some(400));
    let out = lc().args(["validate"]).arg(dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The engine uses it: the same scripted run ends at another ability estimate.
    let answers = common::write(dir, "answers.json", r#"{"messages.head-body": false}"#);
    let take = |d: &std::path::Path| {
        common::json(
            lc().args([
                "take",
                "--no-history",
                "--seed",
                "3",
                "--format",
                "json",
                "--bank",
            ])
            .arg(d)
            .arg("--answers")
            .arg(&answers),
        )
    };
    let with = take(dir);
    let plain = copy_bank("http-bank");
    let without = take(plain.path());
    assert_ne!(
        with["ability"], without["ability"],
        "calibration changed nothing"
    );
    // The bank digest names the questions, not their calibration: re-fitting must not make every
    // earlier response look as if it came from other banks.
    assert!(with["banks"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(with["banks"], without["banks"]);

    let good = std::fs::read_to_string(&file).unwrap();
    for (from, to, code) in [
        (
            "[questions.\"messages.head-body\"]",
            "[questions.\"messages.nope\"]",
            "no question `messages.nope`",
        ),
        ("digest = \"", "digest = \"0", "has changed since"),
        ("a = ", "a = -1.0\nx = ", "unknown field"),
    ] {
        std::fs::write(&file, good.replacen(from, to, 1)).unwrap();
        let out = lc().args(["validate"]).arg(dir).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{from} → {to}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(code),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    std::fs::write(&file, good.replacen("a = ", "a = -", 1)).unwrap();
    let out = lc().args(["validate"]).arg(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("out of range"));
    // A broken file beside the bank stops every quiz with its location (exit 2).
    std::fs::write(&file, "format_version = 1\n[questions\n").unwrap();
    for quiz in ["take", "practice", "interview"] {
        let out = lc()
            .args([quiz, "--no-history", "--bank"])
            .arg(dir)
            .arg("--answers")
            .arg(&answers)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{quiz}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("calibration.toml:"),
            "{quiz}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Responses calibrate cannot use are counted and named on stderr, and the fit uses the rest.
#[test]
fn left_out_responses_are_reported_not_dropped_silently() {
    let bank = copy_bank("http-bank");
    let dir = bank.path();
    let mut text = responses(30, |s, _| s % 3 != 0);
    let line = |question: &str, given: serde_json::Value, extra: serde_json::Value| {
        let mut v = serde_json::json!({
            "respondent": "r0", "session": "s0", "question": question, "given": given,
            "correct": true, "mode": "fixed", "bank": "sha256:x",
        });
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        format!("{v}\n")
    };
    let none = serde_json::json!({});
    text.push_str(&line("messages.gone", "a".into(), none.clone()));
    text.push_str(&line("messages.gone", "a".into(), none.clone()));
    text.push_str(&line("bad\u{1b}[31mid", "a".into(), none.clone()));
    text.push_str(&line(
        "messages.head-body",
        "x".into(),
        serde_json::json!({"digest": "0000"}),
    ));
    text.push_str(&line("messages.head-body", 7.into(), none.clone()));
    // Session s0 already answered every question: a second answer is a repeat.
    text.push_str(&line("messages.head-body", "x".into(), none));
    let resp = common::write(dir, "responses.jsonl", &text);
    let out = lc()
        .args(["calibrate", "--bank"])
        .arg(dir)
        .arg(&resp)
        .arg("--output")
        .arg(dir.join("calibration.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    eprintln!("{stderr}");
    for want in [
        "left out 3 responses to questions no bank has: `messages.gone`, `bad\\u{1b}[31mid`",
        "left out 1 responses to questions changed since they were answered (digest differs): `messages.head-body`",
        "left out 1 responses whose `given` is no answer",
        "left out 1 repeated answers",
        "Left out 6 of 216 responses; calibrating from the other 210.",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in:\n{stderr}");
    }
    assert!(
        !stderr.contains('\u{1b}'),
        "raw escape reached the terminal"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("from 210 responses in 30 sessions"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
