//! History, practice and resume: several sessions, as a user would run them.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::*;
use predicates::prelude::*;

/// levelcheck on the HTTP example bank with its own history folder.
fn lh(home: &Path) -> assert_cmd::Command {
    let mut c = lc();
    c.env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(example("http-bank"));
    c
}

fn history_json(home: &Path) -> serde_json::Value {
    let out = lh(home)
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn practice_missed_brings_back_exactly_what_was_missed() {
    let home = tempfile::tempdir().unwrap();
    // Seven questions: two right, one wrong, the rest skipped (absent from the answers).
    let answers = r#"{"messages.head-body": false, "messages.created-status": "201", "caching.no-cache-meaning": "It must not store the response anywhere, in memory or on disk"}"#;
    lh(home.path())
        .args(["practice", "-n", "7", "--seed", "1", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("practice: 2/7 right"));
    // FSRS relearns a miss after a one-minute step and a right answer after ten: three minutes
    // later the five misses are due and the two right ones are not.
    let later = humantime::format_rfc3339_seconds(
        std::time::SystemTime::now() + std::time::Duration::from_secs(180),
    )
    .to_string();
    lh(home.path())
        .env("LEVELCHECK_NOW", &later)
        .args(["practice", "--due"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("5 due now"));
    let out = lh(home.path()).env("LEVELCHECK_NOW", &later).args(["practice", "--missed", "--format", "json", "--answers", "-"]).write_stdin(r#"{"caching.no-cache-meaning": "It may store the response but must revalidate it before each reuse"}"#).output().unwrap();
    let tally: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tally["asked"], 5, "{tally}");
    assert_eq!(tally["correct"], 1);
    let h = history_json(home.path());
    let last = h["sessions"].as_array().unwrap().last().unwrap();
    let mut asked: Vec<&str> = last["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    asked.sort();
    assert_eq!(
        asked,
        [
            "caching.etag-order",
            "caching.json-stringify-order",
            "caching.no-cache-meaning",
            "messages.idempotent-methods",
            "messages.unauthorized-vs-forbidden"
        ]
    );
    lh(home.path())
        .args(["practice", "--retention", "0.5", "--due"])
        .assert()
        .code(2);
    let out = lh(home.path())
        .args(["practice", "--due", "--format", "json"])
        .output()
        .unwrap();
    let due: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &due["questions"][0];
    for key in ["id", "due", "stability", "difficulty", "last_review"] {
        assert!(first.get(key).is_some(), "{key} in {due}");
    }
    assert_eq!(
        due["questions"].as_array().unwrap().len(),
        7,
        "every practised question"
    );
}

#[test]
fn an_edited_question_is_not_brought_back_as_the_same_question() {
    let home = tempfile::tempdir().unwrap();
    let bank = copy_bank("http-bank");
    // A skip is relearnt after a one-minute step: look three minutes on.
    let later = humantime::format_rfc3339_seconds(
        std::time::SystemTime::now() + std::time::Duration::from_secs(180),
    )
    .to_string();
    let run = |args: &[&str], stdin: &str| {
        let mut cmd = lc();
        if args.contains(&"--due") {
            cmd.env("LEVELCHECK_NOW", &later);
        }
        cmd.env("LEVELCHECK_HOME", home.path())
            .arg("--bank")
            .arg(bank.path())
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap()
    };
    run(
        &["practice", "-n", "7", "--seed", "1", "--answers", "-"],
        "{}",
    );
    assert!(
        String::from_utf8_lossy(&run(&["practice", "--due"], "").stdout).starts_with("7 due now")
    );
    edit(
        &bank.path().join("basics/messages.toml"),
        "carries the same body it would send for GET",
        "carries exactly the body it would send for GET",
    );
    let due = String::from_utf8_lossy(&run(&["practice", "--due"], "").stdout).to_string();
    assert!(
        due.starts_with("6 due now")
            && due.contains("1 scheduled question was edited or removed since"),
        "{due}"
    );
}

#[test]
fn every_session_is_recorded_and_listed() {
    let home = tempfile::tempdir().unwrap();
    lh(home.path())
        .args([
            "take",
            "--fixed",
            "-n",
            "4",
            "--seed",
            "2",
            "--answers",
            "-",
        ])
        .write_stdin(HTTP_ALL_RIGHT)
        .assert()
        .code(0);
    lh(home.path())
        .args(["take", "--seed", "3", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(0);
    lh(home.path())
        .args(["--no-history", "take", "--seed", "4", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(0);
    let h = history_json(home.path());
    let s = h["sessions"].as_array().unwrap();
    assert_eq!(s.len(), 2, "--no-history records nothing");
    assert_eq!(
        (
            s[0]["mode"].as_str(),
            s[0]["correct"].as_u64(),
            s[0]["level"].as_str()
        ),
        (Some("fixed"), Some(4), Some("advanced"))
    );
    assert_eq!(s[1]["mode"], "adaptive");
    let text = lh(home.path()).arg("history").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("fixed") && text.contains("adaptive") && text.contains("Sections over time"),
        "{text}"
    );
    lh(home.path())
        .arg("report")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Level reached"));
    let first = s[0]["id"].as_str().unwrap();
    lh(home.path())
        .args(["report", &first[..13], "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("# levelcheck report")
                .and(predicate::str::contains("Level reached: Advanced")),
        );
}

#[test]
fn sessions_finishing_at_once_are_all_kept() {
    let home = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_levelcheck"));
            c.env("LEVELCHECK_HOME", home.path())
                .arg("--bank")
                .arg(example("http-bank"))
                .args([
                    "take",
                    "--fixed",
                    "-n",
                    "7",
                    "--seed",
                    &i.to_string(),
                    "--answers",
                    "-",
                ]);
            let mut child = c
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap();
            std::io::Write::write_all(child.stdin.as_mut().unwrap(), HTTP_ALL_RIGHT.as_bytes())
                .unwrap();
            drop(child.stdin.take());
            child
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let h = history_json(home.path());
    let s = h["sessions"].as_array().unwrap();
    assert_eq!(s.len(), 8);
    assert!(s.iter().all(|x| x["correct"] == 7));
    assert!(h["damaged"].as_array().unwrap().is_empty());
}

#[test]
fn a_write_killed_midway_and_a_corrupt_record_lose_nothing_else() {
    let home = tempfile::tempdir().unwrap();
    lh(home.path())
        .args([
            "take",
            "--fixed",
            "-n",
            "3",
            "--seed",
            "1",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(0);
    let sessions = home.path().join("sessions");
    // What a writer killed before its rename leaves behind, and a record damaged on disk.
    std::fs::write(
        sessions.join(".tmp-killed.json"),
        "{\"format_version\": 1, \"id\": \"half",
    )
    .unwrap();
    std::fs::write(
        sessions.join("0000000000001-000001-000001.json"),
        "{ not json",
    )
    .unwrap();
    let out = lh(home.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skipped a damaged history record")
            && err.contains("0000000000001-000001-000001.json"),
        "{err}"
    );
    assert!(
        !err.contains(".tmp-killed"),
        "a stray temporary file is not a record: {err}"
    );
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["sessions"].as_array().unwrap().len(), 1);
    // New sessions still save next to the damage.
    lh(home.path())
        .args([
            "take",
            "--fixed",
            "-n",
            "3",
            "--seed",
            "2",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(0);
    assert_eq!(
        history_json(home.path())["sessions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn an_unwritable_history_folder_warns_and_the_quiz_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = write(dir.path(), "file", "x");
    lh(&not_a_folder)
        .args([
            "take",
            "--fixed",
            "-n",
            "3",
            "--seed",
            "1",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"level\""))
        .stderr(predicate::str::contains(
            "warning: this session was not saved to history",
        ));
}

/// An interrupted interview is not a level check: `take --resume` does not pick it up.
#[test]
fn take_resume_leaves_an_interrupted_interview_alone() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let record = serde_json::json!({
        "format_version": 1, "id": "1000000000000-000001-000002", "started_unix": 1000000000, "started": "2001-09-09T01:46:40Z",
        "mode": "interview", "seed": 9, "planned": 5, "banks": "x", "interrupted": true, "level": null, "correct": 0, "asked": 0,
        "questions": []
    });
    std::fs::write(
        sessions.join("1000000000000-000001-000002.json"),
        record.to_string(),
    )
    .unwrap();
    lh(home.path())
        .args(["take", "--resume", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no interrupted quiz"));
}

#[test]
fn resume_keeps_the_answers_and_asks_the_same_questions() {
    let home = tempfile::tempdir().unwrap();
    lh(home.path())
        .args(["take", "--resume", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no interrupted quiz"));
    // An interrupted quiz as the terminal leaves it: recorded with the answers so far.
    let full = lh(home.path())
        .args([
            "--no-history",
            "take",
            "--fixed",
            "-n",
            "5",
            "--seed",
            "9",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .output()
        .unwrap();
    let full: serde_json::Value = serde_json::from_slice(&full.stdout).unwrap();
    let first = full["questions"][0]["id"].as_str().unwrap().to_string();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let record = serde_json::json!({
        "format_version": 1, "id": "1000000000000-000001-000001", "started_unix": 1000000000, "started": "2001-09-09T01:46:40Z",
        "mode": "fixed", "seed": 9, "planned": 5, "banks": "x", "interrupted": true, "level": null, "correct": 0, "asked": 1,
        "questions": [{ "id": first, "digest": "any", "section": "s", "topic": "t", "given": { "type": "skip" }, "correct": false }]
    });
    std::fs::write(
        sessions.join("1000000000000-000001-000001.json"),
        record.to_string(),
    )
    .unwrap();
    let out = lh(home.path())
        .args(["take", "--resume", "--format", "json", "--answers", "-"])
        .write_stdin(HTTP_ALL_RIGHT)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resumed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = |v: &serde_json::Value| {
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&resumed), ids(&full), "same seed, same questions");
    assert_eq!(
        resumed["questions"][0]["skipped"], true,
        "the first answer is the stored one, not the file's"
    );
    assert!(
        resumed["questions"].as_array().unwrap()[1..]
            .iter()
            .all(|q| q["correct"] == true)
    );
    lh(home.path())
        .args(["take", "--resume", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no interrupted quiz"));
    // One row for both parts, dated when the first part began.
    lh(home.path())
        .arg("history")
        .assert()
        .stdout(predicate::str::contains("resumed after an interruption"))
        .stdout(predicate::str::contains("2001-09-09 01:46"))
        .stdout(predicate::str::contains("1000000000000-000001-000001").not());
}

#[test]
fn tracks_are_listed_and_measure_against_their_target() {
    lc().arg("tracks").assert().code(0).stdout(
        predicate::str::contains("seven-eight-years").and(predicate::str::contains("Senior")),
    );
    let out = lc()
        .args([
            "--no-history",
            "take",
            "--track",
            "seven-eight-years",
            "--seed",
            "1",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Track The 7–8 years checklist") && text.contains("(target Senior)"),
        "{text}"
    );
    lc().args(["take", "--track", "nope", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown track `nope`"));
}
