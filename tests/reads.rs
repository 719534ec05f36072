//! Bounded, non-blocking reads: no input can hang levelcheck or exhaust its memory. Each command
//! runs under a generous timeout that only guards against a hang; nothing asserts a duration.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use predicates::prelude::*;

const HANG_GUARD: Duration = Duration::from_secs(60);

fn mkfifo(path: &std::path::Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn answers_from_dev_zero_are_refused() {
    lc().timeout(HANG_GUARD)
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["take", "--fixed", "--answers", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn answers_from_a_fifo_are_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("answers.json");
    mkfifo(&fifo);
    lc().timeout(HANG_GUARD)
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["take", "--fixed", "--answers"])
        .arg(&fifo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn endless_answers_on_stdin_are_capped() {
    let mut yes = Command::new("yes").stdout(Stdio::piped()).spawn().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", tempfile::tempdir().unwrap().path())
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["take", "--fixed", "--answers", "-"])
        .stdin(Stdio::from(yes.stdout.take().unwrap()))
        .output()
        .unwrap();
    let _ = yes.kill();
    let _ = yes.wait();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit for an answers file"));
}

#[test]
fn a_bank_linked_to_an_endless_proc_file_is_capped() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    std::fs::remove_file(&f).unwrap();
    // /proc/self/pagemap is the audit's case (endless); it refuses odd read sizes, so the
    // cap is shown on /proc/kallsyms (size 0 on stat, megabytes when read) where readable.
    std::os::unix::fs::symlink("/proc/self/pagemap", &f).unwrap();
    lc().timeout(HANG_GUARD)
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(2);
    let big = std::fs::read("/proc/kallsyms").map_or(0, |b| b.len());
    if big > 4 * 1024 * 1024 {
        std::fs::remove_file(&f).unwrap();
        std::os::unix::fs::symlink("/proc/kallsyms", &f).unwrap();
        lc().timeout(HANG_GUARD)
            .arg("validate")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("limit for a bank file"));
    }
}

#[test]
fn fifo_and_looping_link_banks_are_all_reported() {
    let dir = copy_bank("http-bank");
    mkfifo(&dir.path().join("basics/fifo.toml"));
    let l = dir.path().join("basics/loop.toml");
    std::os::unix::fs::symlink(&l, &l).unwrap();
    lc().timeout(HANG_GUARD)
        .arg("--bank")
        .arg(dir.path())
        .args(["take", "--fixed", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fifo.toml").and(predicate::str::contains("loop.toml")));
    lc().timeout(HANG_GUARD)
        .arg("validate")
        .arg(dir.path().join("basics"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fifo.toml").and(predicate::str::contains("loop.toml")));
}

#[test]
fn a_history_record_that_is_a_fifo_or_dev_zero_is_skipped_as_damaged() {
    let home = tempfile::tempdir().unwrap();
    let answers = write(home.path(), "answers.json", HTTP_ALL_RIGHT);
    lc().env("LEVELCHECK_HOME", home.path())
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["take", "--fixed", "--seed", "1", "--answers"])
        .arg(&answers)
        .assert()
        .code(0);
    let sessions = home.path().join("sessions");
    mkfifo(&sessions.join("20990101T000000Z-fifo.json"));
    std::os::unix::fs::symlink("/dev/zero", sessions.join("20990101T000001Z-zero.json")).unwrap();
    lc().timeout(HANG_GUARD)
        .env("LEVELCHECK_HOME", home.path())
        .arg("--bank")
        .arg(example("http-bank"))
        .arg("history")
        .assert()
        .stdout(predicate::str::contains("1 session").or(predicate::str::contains("Basics")));
}
