//! `history --export`: scripted sessions come out as JSON Lines responses, one respondent id per
//! state folder, pooled by concatenation.

mod common;

use std::path::Path;

use common::*;

fn lh(home: &Path) -> assert_cmd::Command {
    let mut c = lc();
    c.env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(example("http-bank"));
    c
}

fn run_sessions(home: &Path) {
    lh(home)
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
    lh(home)
        .args(["take", "--seed", "3", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(0);
}

fn export(home: &Path) -> Vec<serde_json::Value> {
    let out = lh(home)
        .args(["history", "--export", "-"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_answer_of_every_session_is_exported_under_one_stable_respondent() {
    let home = tempfile::tempdir().unwrap();
    run_sessions(home.path());
    let lines = export(home.path());
    let sessions: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|l| l["session"].as_str().unwrap())
        .collect();
    assert_eq!(sessions.len(), 2);
    let fixed: Vec<_> = lines.iter().filter(|l| l["mode"] == "fixed").collect();
    assert_eq!(fixed.len(), 4);
    assert!(fixed.iter().all(|l| l["correct"] == true), "{fixed:?}");
    // The adaptive session answered nothing: every response is a skip, marked wrong.
    let adaptive: Vec<_> = lines.iter().filter(|l| l["mode"] == "adaptive").collect();
    assert!(!adaptive.is_empty());
    assert!(
        adaptive
            .iter()
            .all(|l| l["given"] == "skip" && l["correct"] == false)
    );
    for l in &lines {
        assert!(l["bank"].as_str().unwrap().starts_with("sha256:"), "{l}");
        assert!(l["digest"].is_string() && l["at"].is_string() && l["seconds"].is_number());
    }
    let ids: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|l| l["respondent"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 1);
    // Kept in the state folder: a second export names the same respondent.
    assert_eq!(export(home.path())[0]["respondent"], lines[0]["respondent"]);
}

#[test]
fn exports_to_a_file_pool_by_concatenation_with_distinct_respondents() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_sessions(a.path());
    run_sessions(b.path());
    let out = tempfile::tempdir().unwrap();
    let mut pooled = String::new();
    for (home, name) in [(a.path(), "a.jsonl"), (b.path(), "b.jsonl")] {
        let file = out.path().join(name);
        lh(home)
            .args(["history", "--export"])
            .arg(&file)
            .assert()
            .code(0);
        pooled.push_str(&std::fs::read_to_string(&file).unwrap());
    }
    let people: std::collections::BTreeSet<String> = pooled
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["respondent"].to_string())
        .collect();
    assert_eq!(people.len(), 2);
}
