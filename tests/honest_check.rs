//! The quick check, measured from outside: calibrated under a truth flatter than the engine's
//! model, formats and areas held to their shares, planted gaps found, no repeats across checks,
//! and a report whose rows never contradict its headline.

mod common;

use std::collections::HashSet;

use common::lc;
use levelcheck::bank::Body;
use levelcheck::bank::load::{BankSource, load};
use levelcheck::ratings::inform::load_and_inform;
use levelcheck::simulate::{ModeResult, Population, SimSettings, simulate};

/// The adaptive figures on standard-normal examinees under `s`.
fn adaptive(s: SimSettings) -> ModeResult {
    let mut bank = load(&BankSource::Embedded).unwrap();
    load_and_inform(&mut bank, &BankSource::Embedded).unwrap();
    let pool: Vec<usize> = (0..bank.questions.len()).collect();
    let s = SimSettings {
        populations: vec![Population::StandardNormal],
        ..s
    };
    simulate(&bank, &pool, &s).remove(0).modes.remove(1)
}

#[test]
fn the_reported_probability_is_right_as_often_as_it_says_under_the_realistic_truth() {
    let m = adaptive(SimSettings {
        examinees: 800,
        seed: 11,
        ..SimSettings::default()
    });
    let o = m.overall.unwrap();
    // 800 examinees: a standard error of about 1.6 points on the share right. Measured at 10,000
    // (README): 2–4 points under-confident, the price of the mixture over how sharp items are.
    assert!(
        o.mean_probability - o.accuracy < 0.03,
        "over-confident: said {:.3}, right {:.3}",
        o.mean_probability,
        o.accuracy
    );
    assert!(
        o.accuracy - o.mean_probability < 0.08,
        "badly under-confident: said {:.3}, right {:.3}",
        o.mean_probability,
        o.accuracy
    );
    assert!(m.within_one_accuracy > 0.97, "{}", m.within_one_accuracy);
}

#[test]
fn items_flatter_than_assumed_do_not_make_it_badly_over_confident() {
    // True discrimination 1.0 (the engine's centre is 1.4) and tags off by half a level. 3,000
    // examinees (a standard error under a point): at 800 one seed's sampling alone drew 7 points
    // over on a world the README measures at 2 over with 10,000.
    let m = adaptive(SimSettings {
        examinees: 3000,
        seed: 12,
        true_discrimination: 1.0,
        difficulty_noise: 0.5,
        ..SimSettings::default()
    });
    let o = m.overall.unwrap();
    assert!(
        o.mean_probability - o.accuracy < 0.07,
        "said {:.3}, right {:.3}",
        o.mean_probability,
        o.accuracy
    );
}

/// The engine's mean posterior on its flattest and sharpest slope factors under a truth.
fn factor_ends(true_discrimination: f64) -> (f64, f64) {
    let m = adaptive(SimSettings {
        examinees: 600,
        seed: 13,
        true_discrimination,
        difficulty_noise: 0.6,
        ..SimSettings::default()
    });
    let f = &m.slope_factors;
    assert!(f.len() >= 2, "no slope factors reported");
    let sum: f64 = f.iter().map(|x| x.mean_posterior).sum();
    assert!((sum - 1.0).abs() < 1e-6, "posterior sums to {sum}");
    (f[0].mean_posterior, f[f.len() - 1].mean_posterior)
}

#[test]
fn the_answers_tell_flat_questions_from_sharp_ones_only_a_little() {
    // MODEL.md's case that no world-blind default is calibrated in every world rests on this:
    // sixteen answers move the belief about how sharp the questions are the right way, but by
    // a few points of probability, not enough to tell a flat world from a sharp one.
    let (flat_lo, flat_hi) = factor_ends(1.0);
    let (sharp_lo, sharp_hi) = factor_ends(3.5);
    assert!(
        sharp_hi > flat_hi,
        "sharp {sharp_hi:.3} vs flat {flat_hi:.3}"
    );
    assert!(
        flat_lo > sharp_lo,
        "flat {flat_lo:.3} vs sharp {sharp_lo:.3}"
    );
    assert!(
        sharp_hi < 0.4 && flat_lo < 0.35,
        "{flat_lo:.3} {sharp_hi:.3}"
    );
}

#[test]
fn formats_and_areas_hold_their_shares() {
    let m = adaptive(SimSettings {
        examinees: 300,
        seed: 13,
        ..SimSettings::default()
    });
    let share = |v: &[levelcheck::simulate::Share], name: &str| {
        v.iter().find(|s| s.name == name).unwrap().share
    };
    assert!(
        share(&m.formats, "select-all + ordering") <= 0.25,
        "{:?}",
        m.formats
    );
    assert!(share(&m.formats, "code output") >= 0.10, "{:?}", m.formats);
    assert!(share(&m.areas, "runtime") >= 0.30, "{:?}", m.areas);
    // Every area gets evidence.
    assert!(m.areas.iter().all(|a| a.share >= 0.04), "{:?}", m.areas);
}

#[test]
fn a_planted_gap_is_found_and_no_gap_is_rarely_called_weak() {
    // A real gap: two levels weaker in Data than everywhere else.
    let gap = adaptive(SimSettings {
        examinees: 400,
        seed: 14,
        gap: Some(("data".into(), 2.0)),
        confirm_gaps: true,
        ..SimSettings::default()
    });
    let data = |m: &ModeResult| {
        m.verdicts
            .iter()
            .find(|v| v.area == "data")
            .unwrap()
            .clone()
    };
    let found = data(&gap);
    // Measured: about 45% at this size (a 16-question check asks Data about twice).
    assert!(found.weak + found.possible_gap >= 0.3, "{found:?}");
    let none = adaptive(SimSettings {
        examinees: 400,
        seed: 14,
        confirm_gaps: true,
        ..SimSettings::default()
    });
    let clear = data(&none);
    assert!(clear.weak <= 0.03, "{clear:?}");
    assert!(
        found.weak > 5.0 * clear.weak.max(0.01),
        "{found:?} vs {clear:?}"
    );
}

/// The key of a question, as an answers-file value.
fn key(q: &levelcheck::bank::Question) -> serde_json::Value {
    match &q.body {
        Body::Single { answer, .. } => answer.clone().into(),
        Body::Multi { answers, .. } => answers.clone().into(),
        Body::TrueFalse { answer } => (*answer).into(),
        Body::Text { accept, .. } => accept[0].clone().into(),
        Body::Order { items } => items.clone().into(),
        Body::Output { output, .. } => output.clone().into(),
        Body::Open { key_points, .. } => {
            serde_json::json!({ "points": (0..key_points.len()).collect::<Vec<_>>() })
        }
    }
}

#[test]
fn a_strong_senior_who_knows_no_expert_material_does_not_come_out_expert() {
    let mut bank = load(&BankSource::Embedded).unwrap();
    load_and_inform(&mut bank, &BankSource::Embedded).unwrap();
    let answers: serde_json::Map<String, serde_json::Value> = bank
        .questions
        .iter()
        .filter(|q| q.judged.map_or(q.level, |j| j.0) <= 2)
        .map(|q| (q.id.clone(), key(q)))
        .collect();
    let answers = serde_json::Value::Object(answers).to_string();
    for seed in ["1", "2", "3", "4"] {
        let v = common::json(
            lc().args(["--no-history", "take", "--format", "json", "--seed", seed])
                .args(["--answers", "-"])
                .write_stdin(answers.clone()),
        );
        assert_eq!(v["level"], "senior", "seed {seed}: {}", v["probabilities"]);
    }
}

/// Answers of a mid-level developer with a real gap: right on every Beginner and Intermediate
/// question except Data, and on the easiest Senior ones; nothing (skips) elsewhere. A question's
/// level is where the engine places it: the blind judges' consensus where there is one (most
/// Expert-tagged questions were judged Senior or Intermediate), else its tag.
fn mid_level_with_a_data_gap() -> String {
    let mut bank = load(&BankSource::Embedded).unwrap();
    load_and_inform(&mut bank, &BankSource::Embedded).unwrap();
    // The gap is the data area as the roadmap defines it: its sections and the topics it draws in.
    let areas = bank.roadmap.effective_areas();
    let data = areas.iter().position(|a| a.id == "data");
    let in_data = |q: &levelcheck::bank::Question| {
        levelcheck::roadmap::area_index(&areas, &q.section, &q.topic) == data
    };
    let mut map = serde_json::Map::new();
    for q in bank
        .questions
        .iter()
        .filter(|q| {
            let (level, difficulty) = q.judged.unwrap_or((q.level, q.difficulty));
            level <= 1 || (level == 2 && difficulty == 1)
        })
        .filter(|q| !in_data(q))
    {
        map.insert(q.id.clone(), key(q));
    }
    serde_json::Value::Object(map).to_string()
}

#[test]
fn three_checks_in_a_row_name_the_gap_repeat_nothing_and_never_contradict_the_headline() {
    let home = tempfile::tempdir().unwrap();
    let answers = mid_level_with_a_data_gap();
    let mut seen: HashSet<String> = HashSet::new();
    for seed in ["1", "2", "3"] {
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .args(["take", "--confirm-gaps", "--format", "json", "--seed", seed])
            .args(["--answers", "-"])
            .write_stdin(answers.clone())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for q in v["questions"].as_array().unwrap() {
            let id = q["id"].as_str().unwrap().to_string();
            assert!(seen.insert(id.clone()), "seed {seed} repeats {id}");
        }
        let data = v["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "data")
            .expect("data was asked");
        assert!(
            data["verdict"] == "weak" || data["verdict"] == "possible-gap",
            "seed {seed}: {data}"
        );
        assert_eq!(
            v["level"], "intermediate",
            "seed {seed}: {}",
            v["probabilities"]
        );
        // One verdict: every row up to the headline's level is "passed", none above it.
        let levels = v["levels"].as_array().unwrap();
        for (i, l) in levels.iter().enumerate() {
            assert_eq!(l["passed"], i <= 1, "seed {seed}: {l}");
            assert!(l["probability_reached"].is_number());
        }
        // The same session as text, re-rendered from history.
        let text = lc()
            .env("LEVELCHECK_HOME", home.path())
            .arg("report")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        let confident = v["confident"] == true;
        assert_eq!(text.contains("Level reached:"), confident, "{text}");
        assert_eq!(text.contains("Most likely"), !confident, "{text}");
        assert!(text.contains("Data"), "{text}");
        assert!(!text.contains("below the pass mark"), "{text}");
    }
}

#[test]
fn simulate_takes_a_truth_file_and_rejects_a_bad_one_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::write(
        dir.path(),
        "truth.toml",
        "[[question]]\nid = \"core.var-let-loop-closures\"\na = 1.2\nb = 0.1\nc = 0.25\n",
    );
    let v = common::json(
        lc().args([
            "simulate",
            "--examinees",
            "20",
            "--population",
            "standard-normal",
        ])
        .args(["--format", "json", "--truth"])
        .arg(&good),
    );
    assert_eq!(v["format_version"], 2);
    assert_eq!(v["true_discrimination"], 1.4);
    let bad = common::write(
        dir.path(),
        "bad.toml",
        "[[question]]\nid = \"nope\"\na = 1\nb = 0\n",
    );
    let out = lc()
        .args(["simulate", "--truth"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no question has id `nope`"));
    let out = lc()
        .args(["simulate", "--gap", "nowhere:1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown area `nowhere`"));
}

#[test]
fn an_area_draws_in_a_topic_from_another_areas_section() {
    use levelcheck::roadmap::area_index;
    let bank = load(&BankSource::Embedded).unwrap();
    let rm = &bank.roadmap;
    let areas = rm.effective_areas();
    let data = areas.iter().position(|a| a.id == "data").unwrap();
    let architecture = areas.iter().position(|a| a.id == "architecture").unwrap();
    // Sharding sits in Senior system design (architecture) but counts for data.
    assert_eq!(
        area_index(&areas, "system-design", "database-sharding"),
        Some(data)
    );
    assert_eq!(
        area_index(&areas, "system-design", "load-balancing"),
        Some(architecture)
    );
    assert!(rm.problems().is_empty(), "{:?}", rm.problems());

    let mut twice = rm.clone();
    twice.areas[architecture]
        .topics
        .push("database-sharding".into());
    let problems = twice.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`database-sharding` is drawn into 2 areas")),
        "{problems:?}"
    );
    let mut unknown = rm.clone();
    unknown.areas[data].topics.push("sharding-typo".into());
    let problems = unknown.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown topic `sharding-typo`")),
        "{problems:?}"
    );
}

#[test]
fn no_question_is_asked_in_a_third_of_checks() {
    // Before the data area drew in sharding it had nothing above Intermediate, and one question
    // was asked in 46% of checks; measured at 10,000 since: 26% at most.
    let m = adaptive(SimSettings {
        examinees: 800,
        seed: 14,
        ..SimSettings::default()
    });
    assert!(
        m.max_exposure < 1.0 / 3.0,
        "{:?} asked in {:.1}% of checks",
        m.most_exposed,
        m.max_exposure * 100.0
    );
}
