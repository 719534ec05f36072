//! One spelling of "which banks" for every command: `--bank DIR`, before or after the command;
//! `validate PATH` and `stats PATH` keep working.

mod common;

use common::*;

fn run(args: &[&str]) -> String {
    let out = lc()
        .arg("--no-history")
        .args(args)
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn validate_and_stats_take_a_path_or_bank() {
    let bank = example("http-bank");
    let bank = bank.to_str().unwrap();
    for cmd in ["validate", "stats"] {
        let positional = run(&[cmd, bank]);
        let flag = run(&[cmd, "--bank", bank]);
        let before = run(&["--bank", bank, cmd]);
        assert_eq!(positional, flag, "{cmd}");
        assert_eq!(positional, before, "{cmd}");
    }
    assert!(run(&["validate", "--bank", bank]).starts_with("7 questions in 2 files"));
}

/// After the command as before it, `--bank` replaces the built-in banks for every command that
/// reads one: the HTTP bank's `caching` section (or its `freshness` topic, or its `Everything` track),
/// absent from the built-in roadmap, shows.
#[test]
fn every_command_that_reads_banks_takes_bank_after_it() {
    let bank = example("http-bank");
    let bank = bank.to_str().unwrap();
    let runs: [&[&str]; 7] = [
        &["roadmap", "--bank", bank],
        &["tracks", "--bank", bank],
        &[
            "take",
            "--bank",
            bank,
            "--fixed",
            "--format",
            "json",
            "--answers",
            "-",
        ],
        &[
            "practice",
            "--bank",
            bank,
            "-n",
            "7",
            "--format",
            "json",
            "--answers",
            "-",
        ],
        &[
            "interview",
            "--bank",
            bank,
            "--track",
            "all",
            "--answers",
            "-",
        ],
        &[
            "simulate",
            "--bank",
            bank,
            "-n",
            "5",
            "--examinees",
            "10",
            "--format",
            "json",
        ],
        &["completions", "--bank", bank, "bash"],
    ];
    for args in runs {
        let out = run(args);
        let shows_bank = ["caching", "freshness", "Everything"]
            .iter()
            .any(|m| out.contains(m));
        assert!(shows_bank, "{args:?} did not use the bank: {out}");
    }
}
