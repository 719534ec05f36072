//! Writing to a pipe whose reader has gone: no panic, no "Broken pipe" error, the exit code the
//! command would have had.

mod common;

use std::process::Command;

use common::*;

/// Runs levelcheck with standard output on a pipe that is already closed.
fn closed_stdout(args: &[&str], dir: Option<&std::path::Path>) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_levelcheck"));
    cmd.env("NO_COLOR", "1")
        .env("LEVELCHECK_HOME", tempfile::tempdir().unwrap().path())
        .args(args)
        .stdout(writer);
    if let Some(d) = dir {
        cmd.arg(d);
    }
    cmd.output().unwrap()
}

#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    let out = closed_stdout(&["completions", "zsh"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn validate_into_a_closed_pipe_keeps_its_exit_code() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "prompt = \"",
        "prompt = \"\\u001b",
    );
    let out = closed_stdout(&["validate"], Some(dir.path()));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean = closed_stdout(&["validate"], Some(&example("http-bank")));
    assert_eq!(clean.status.code(), Some(0));
    for args in [&["schema"][..], &["tracks"], &["stats"]] {
        let out = closed_stdout(args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
