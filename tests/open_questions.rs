//! Open questions and the mock interview, from the binary: answers files by index and by text,
//! their errors located, the interview's scorecard, and `take` never asking an open question.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn bank() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/open-bank")
}

fn run(home: &Path, args: &[&str], answers: &str) -> (Option<i32>, String, String) {
    let file = home.join("answers.toml");
    std::fs::write(&file, answers).unwrap();
    let out = lc()
        .env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(bank())
        .args(args)
        .arg("--answers")
        .arg(&file)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn interview_json(home: &Path, answers: &str) -> serde_json::Value {
    let (code, out, err) = run(
        home,
        &[
            "interview",
            "--seed",
            "3",
            "--minutes",
            "10",
            "--format",
            "json",
        ],
        answers,
    );
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).unwrap()
}

fn question<'a>(j: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    j["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("{id} not asked: {j}"))
}

#[test]
fn interview_scores_key_points_by_index_and_by_text_and_follows_up() {
    let home = tempfile::tempdir().unwrap();
    let j = interview_json(
        home.path(),
        r#""core.open-event-loop-stall" = { points = [0], follow_ups = [true] }
"core.open-promise-error-handling" = { points = ["await or return every promise:  NO floating promises", 1] }
"#,
    );
    assert_eq!(j["mode"], "interview");
    let stall = question(&j, "core.open-event-loop-stall");
    assert_eq!(stall["kind"], "open");
    assert_eq!(stall["points_covered"], 1);
    assert_eq!(stall["points_total"], 4);
    assert_eq!(stall["correct"], false);
    // Fewer than half covered: its follow-up was put, and covered.
    assert_eq!(stall["follow_ups"], serde_json::json!([true]));
    let promise = question(&j, "core.open-promise-error-handling");
    assert_eq!(promise["answer"], serde_json::json!({ "points": [1, 2] }));
    assert_eq!(promise["correct"], true, "half the key points is a pass");
    assert!(promise.get("follow_ups").is_none(), "no follow-up at half");
    let kinds: Vec<&str> = j["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.iter().any(|k| *k != "open"),
        "closed questions mixed in: {kinds:?}"
    );
    let area = &j["areas"][0];
    assert_eq!(area["points_covered"], 3);
    assert_eq!(area["points_total"], 8);
    assert_eq!(
        area["closed_asked"].as_u64().unwrap() as usize,
        kinds.iter().filter(|k| **k != "open").count()
    );
    let revisit: Vec<&str> = j["revisit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(revisit.contains(&"core.open-event-loop-stall"));
    assert!(!revisit.contains(&"core.open-promise-error-handling"));
}

#[test]
fn interview_text_scorecard_and_history_report() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        home.path(),
        &["interview", "--seed", "3", "--minutes", "10"],
        r#""core.open-event-loop-stall" = { points = [0, 1, 2] }"#,
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("mock interview"), "{out}");
    assert!(out.contains("open 3/8 key points"), "{out}");
    assert!(out.contains("Revisit:"), "{out}");
    assert!(out.contains("levelcheck practice --area"), "{out}");
    let report = lc()
        .env("LEVELCHECK_HOME", home.path())
        .arg("--bank")
        .arg(bank())
        .arg("report")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(text.contains("mock interview"), "{text}");
    assert!(text.contains("open 3/8 key points"), "{text}");
}

#[test]
fn bad_key_points_in_an_answers_file_are_located() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        home.path(),
        &["interview", "--seed", "3"],
        "\"core.open-event-loop-stall\" = { points = [7] }\n\"core.open-promise-error-handling\" = { points = [\"not a key point\"] }\n",
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("key point 7 does not exist"), "{err}");
    assert!(err.contains("answers.toml:1:"), "{err}");
    assert!(
        err.contains("\"not a key point\" is not one of the key points"),
        "{err}"
    );
    assert!(err.contains("answers.toml:2:"), "{err}");
}

#[test]
fn json_answers_files_take_points_too() {
    let home = tempfile::tempdir().unwrap();
    let j = interview_json(
        home.path(),
        r#"{ "core.open-event-loop-stall": { "points": [0, 3] } }"#,
    );
    assert_eq!(
        question(&j, "core.open-event-loop-stall")["points_covered"],
        2
    );
}

#[test]
fn take_never_asks_open_questions() {
    let home = tempfile::tempdir().unwrap();
    for mode in [
        &["take", "--fixed", "-n", "40", "--format", "json"][..],
        &["take", "-n", "40", "--format", "json"],
    ] {
        let (code, out, err) = run(home.path(), mode, "");
        assert_eq!(code, Some(0), "{err}");
        let j: serde_json::Value = serde_json::from_str(&out).unwrap();
        let qs = j["questions"].as_array().unwrap();
        assert!(qs.len() > 10);
        assert!(qs.iter().all(|q| q["kind"] != "open"), "{out}");
    }
}

#[test]
fn interview_works_without_open_questions_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        // The HTTP example bank has no open questions (the built-in banks now do).
        .arg("--bank")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/http-bank"))
        .args(["interview", "--seed", "1", "--no-history", "--answers", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("closed questions only"), "{text}");
    let builtin = lc()
        .env("LEVELCHECK_HOME", home.path())
        .args(["interview", "--seed", "1", "--no-history", "--answers", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let builtin = String::from_utf8_lossy(&builtin.stdout);
    assert!(!builtin.contains("closed questions only"), "{builtin}");
    assert!(builtin.contains("key points"), "{builtin}");
}

#[test]
fn validate_checks_key_points_and_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    std::fs::create_dir_all(b.join("beginner")).unwrap();
    std::fs::copy(bank().join("roadmap.toml"), b.join("roadmap.toml")).unwrap();
    let core = std::fs::read_to_string(bank().join("beginner/core.toml"))
        .unwrap()
        .replace(
            "\"Profile the report to find the hot code (--cpu-prof or the inspector)\"",
            "\"cpu-bound javascript blocks the single main thread,  so I/O callbacks wait\"",
        )
        .replace(
            "  \"Enforce it with a lint rule such as no-floating-promises\",\n",
            &format!("  \"{}\",\n", "x".repeat(201)),
        );
    std::fs::write(b.join("beginner/core.toml"), core).unwrap();
    let out = lc().arg("validate").arg(b).output().unwrap();
    let err =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("repeats key point 1"), "{err}");
    assert!(err.contains("201 characters (limit 200)"), "{err}");
}
