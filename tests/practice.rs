//! `practice` as a user runs it: `--due` within a section, what `--no-history` promises, and
//! hints that keep `--bank`.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

fn lh(home: &Path) -> assert_cmd::Command {
    let mut c = lc();
    c.env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(example("http-bank"));
    c
}

/// Seven questions of the HTTP bank: two right (both in `messages`), the rest missed — three in
/// `caching`, two in `messages`.
fn drill(home: &Path) -> String {
    let answers = r#"{"messages.head-body": false, "messages.created-status": "201", "caching.no-cache-meaning": "It must not store the response anywhere, in memory or on disk"}"#;
    let out = lh(home)
        .args(["practice", "-n", "7", "--seed", "1", "--answers", "-"])
        .write_stdin(answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// Three minutes on, when the misses are due (FSRS relearns a miss after one minute).
fn later() -> String {
    humantime::format_rfc3339_seconds(
        std::time::SystemTime::now() + std::time::Duration::from_secs(180),
    )
    .to_string()
}

#[test]
fn due_honours_the_section_as_missed_does() {
    let home = tempfile::tempdir().unwrap();
    drill(home.path());
    let due = |section: &str| {
        let out = lh(home.path())
            .env("LEVELCHECK_NOW", later())
            .args(["practice", "--due", "--section", section])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        due("caching").starts_with("3 due now"),
        "{}",
        due("caching")
    );
    assert!(
        due("messages").starts_with("2 due now"),
        "{}",
        due("messages")
    );
    let out = lh(home.path())
        .env("LEVELCHECK_NOW", later())
        .args([
            "practice",
            "--due",
            "--section",
            "caching",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{v}");
    assert!(ids.iter().all(|id| id.starts_with("caching.")), "{ids:?}");
    // --missed asks exactly those the --due count promised.
    let out = lh(home.path())
        .env("LEVELCHECK_NOW", later())
        .args([
            "practice",
            "--missed",
            "--section",
            "caching",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .output()
        .unwrap();
    let tally: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tally["asked"], 3, "{tally}");
}

#[test]
fn no_history_does_not_promise_that_misses_come_back() {
    let home = tempfile::tempdir().unwrap();
    lh(home.path())
        .args([
            "--no-history",
            "practice",
            "-n",
            "3",
            "--seed",
            "1",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("not recorded (--no-history)"))
        .stdout(predicate::str::contains("come back soonest").not());
}

#[test]
fn practice_hints_keep_the_bank_and_the_filters() {
    let home = tempfile::tempdir().unwrap();
    let bank = std::path::absolute(example("http-bank")).unwrap();
    let text = drill(home.path());
    // The command whole, at the end of its line (or alone on the next one): to be copied.
    let hint = format!("levelcheck practice --bank {} --missed", bank.display());
    let whole = |t: &str| {
        t.lines()
            .any(|l| l.ends_with(&format!(" {hint}")) || l == hint)
    };
    assert!(whole(&text), "{text}");
    let due = lh(home.path())
        .env("LEVELCHECK_NOW", later())
        .args(["practice", "--due", "--section", "caching"])
        .output()
        .unwrap();
    let due = String::from_utf8(due.stdout).unwrap();
    let review = format!(
        "Review them: levelcheck practice --bank {} --missed --section caching",
        bank.display()
    );
    assert!(due.contains(&review), "{due}");
    // The practice session's re-rendered report keeps them too.
    let report = lh(home.path()).arg("report").output().unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    assert!(whole(&report), "{report}");
}
