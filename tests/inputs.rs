//! No command ever writes over one of its inputs, and outputs are written whole.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn output_over_the_answers_file_or_a_bank_is_refused() {
    let bank = copy_bank("http-bank");
    let scratch = tempfile::tempdir().unwrap();
    let answers = write(scratch.path(), "answers.json", HTTP_ALL_RIGHT);
    let messages = bank.path().join("basics/messages.toml");
    let before = std::fs::read_to_string(&messages).unwrap();
    for target in [
        answers.clone(),
        messages.clone(),
        bank.path().join("roadmap.toml"),
    ] {
        lc().arg("--bank")
            .arg(bank.path())
            .args(["take", "--fixed", "--seed", "1", "--answers"])
            .arg(&answers)
            .arg("--output")
            .arg(&target)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("refusing to write"));
    }
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), HTTP_ALL_RIGHT);
    assert_eq!(std::fs::read_to_string(&messages).unwrap(), before);
}

#[test]
fn a_summary_over_a_bank_being_validated_is_refused() {
    let bank = copy_bank("http-bank");
    let messages = bank.path().join("basics/messages.toml");
    let before = std::fs::read_to_string(&messages).unwrap();
    lc().arg("validate")
        .arg(&messages)
        .arg("--summary")
        .arg(&messages)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write"));
    assert_eq!(std::fs::read_to_string(&messages).unwrap(), before);
}

#[test]
fn an_output_is_written_whole_and_leaves_no_temporary_file() {
    let bank = copy_bank("http-bank");
    let out = tempfile::tempdir().unwrap();
    let answers = write(out.path(), "answers.json", HTTP_ALL_RIGHT);
    let report = out.path().join("report.md");
    std::fs::write(&report, "old").unwrap();
    lc().arg("--bank")
        .arg(bank.path())
        .args([
            "--no-history",
            "take",
            "--fixed",
            "--seed",
            "1",
            "--format",
            "markdown",
            "--answers",
        ])
        .arg(&answers)
        .arg("--output")
        .arg(&report)
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&report).unwrap().starts_with('#'));
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".tmp")), "{names:?}");
}
