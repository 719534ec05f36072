//! The replay hint asks the same questions again, and `report` re-renders exactly what the live
//! run printed, in every format.

mod common;

use std::path::Path;

use common::*;

const ANSWERS: &str = r#"{"messages.head-body": true, "messages.created-status": "201"}"#;

fn run(home: &Path, args: &[&str]) -> String {
    let out = lc()
        .env("LEVELCHECK_HOME", home)
        .args(args)
        .write_stdin(ANSWERS)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ids(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_replay_hint_reproduces_the_whole_run() {
    let home = tempfile::tempdir().unwrap();
    let bank = example("http-bank");
    let bank = bank.to_str().unwrap();
    let first = run(
        home.path(),
        &[
            "take",
            "--bank",
            bank,
            "--section",
            "messages",
            "-n",
            "3",
            "--fixed",
            "--seed",
            "7",
            "--feedback",
            "after-each",
            "--answers",
            "-",
            "--format",
            "json",
        ],
    );
    let text = run(home.path(), &["report", "--bank", bank]);
    let hint = text
        .split("(replay: ")
        .nth(1)
        .and_then(|t| t.split(')').next())
        .expect(&text);
    for part in [
        "--section messages",
        "-n 3",
        "--fixed",
        "--seed 7",
        "--feedback after-each",
        "--bank ",
    ] {
        assert!(hint.contains(part), "{part} missing from {hint}");
    }
    let mut words: Vec<&str> = hint.split_whitespace().skip(1).collect();
    words.extend(["--answers", "-", "--format", "json"]);
    let again = run(home.path(), &words);
    assert_eq!(ids(&first), ids(&again));
    assert_eq!(ids(&first).len(), 3);
}

/// An adaptive run steers away from the questions of recent sessions; its replay must steer
/// away from the same ones, not from the run it replays (which is now the most recent).
#[test]
fn an_adaptive_replay_asks_the_same_questions_after_history_grew() {
    let home = tempfile::tempdir().unwrap();
    let take = |args: &[&str]| {
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .args(args)
            .args(["--answers", "-", "--format", "json"])
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let quiz = ["take", "-n", "8", "--min-questions", "8"];
    let earlier = take(&quiz);
    let live = take(&quiz);
    // The second run met none of the first run's questions: it steered away from them.
    assert!(ids(&live).iter().all(|id| !ids(&earlier).contains(id)));
    let text = run(home.path(), &["report"]);
    let hint = text
        .split("(replay: ")
        .nth(1)
        .and_then(|t| t.split(')').next())
        .expect(&text);
    assert!(hint.contains("--recent-before "), "{hint}");
    let words: Vec<&str> = hint.split_whitespace().skip(1).collect();
    assert_eq!(ids(&take(&words)), ids(&live), "{hint}");
    // Replayed again after that: still the same questions.
    assert_eq!(ids(&take(&words)), ids(&live), "{hint}");
}

#[test]
fn report_re_renders_the_live_report_in_every_format() {
    let bank = example("http-bank");
    let bank = bank.to_str().unwrap();
    for format in ["text", "markdown", "json"] {
        let home = tempfile::tempdir().unwrap();
        let live = run(
            home.path(),
            &[
                "take",
                "--bank",
                bank,
                "-n",
                "6",
                "--seed",
                "3",
                "--answers",
                "-",
                "--format",
                format,
            ],
        );
        let again = run(home.path(), &["report", "--bank", bank, "--format", format]);
        assert_eq!(live, again, "{format}");
        let out = home.path().join("r.txt");
        run(
            home.path(),
            &[
                "report",
                "--bank",
                bank,
                "--format",
                format,
                "--output",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            live,
            "{format} --output"
        );
    }
}

#[test]
fn review_wraps_answers_under_their_label() {
    let home = tempfile::tempdir().unwrap();
    let bank = example("http-bank");
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        .env("COLUMNS", "40")
        .args([
            "take",
            "--bank",
            bank.to_str().unwrap(),
            "--fixed",
            "-n",
            "7",
            "--seed",
            "1",
            "--answers",
            "-",
        ])
        .write_stdin(ANSWERS)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let review = text.split("Review —").nth(1).expect(&text);
    for line in review
        .lines()
        .filter(|l| !l.contains("→ http") && !l.contains('│'))
    {
        assert!(line.chars().count() <= 40, "too wide: {line:?}");
    }
    assert!(
        review.contains("✘ chosen, wrong") || review.contains("Right answer: "),
        "{review}"
    );
}
