//! `levelcheck judge`: scripted and interactive blind ratings, and `--report` on small fixture
//! ratings of the HTTP example bank (judges ana and bo, tests/fixtures/ratings/).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::Duration;

use common::{example, lc, write};
use expectrl::session::OsSession;
use expectrl::{Expect, Session};
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ratings")
        .join(name)
}

fn judge() -> assert_cmd::Command {
    let mut c = lc();
    c.arg("--bank").arg(example("http-bank")).arg("judge");
    c
}

fn lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_scripted_run_appends_one_line_per_rating_and_a_rerun_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ana.jsonl");
    let run = || {
        judge()
            .args(["--judge", "ana", "--output"])
            .arg(&out)
            .arg("--answers")
            .arg(fixture("ana.toml"))
            .assert()
    };
    run().success().stdout(predicate::str::contains(
        "7 rated now, 0 already rated, 0 left unrated, of 7 questions",
    ));
    let first = lines(&out);
    assert_eq!(first.len(), 7);
    let v: serde_json::Value = serde_json::from_str(&first[0]).unwrap();
    assert_eq!(v["judge"], "ana");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["digest"].as_str().unwrap().len(), 16);
    run()
        .success()
        .stdout(predicate::str::contains("0 rated now, 7 already rated"));
    assert_eq!(lines(&out), first, "a rerun neither rewrites nor repeats");
}

#[test]
fn a_sample_is_the_same_for_the_same_seed_and_unrated_questions_stay_open() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "some.toml",
        r#""messages.head-body" = { level = "basics", difficulty = 2 }"#,
    );
    let out = dir.path().join("bo.jsonl");
    let run = |seed: &str| {
        judge()
            .args(["--judge", "bo", "--sample", "3", "--seed", seed, "--output"])
            .arg(&out)
            .arg("--answers")
            .arg(&answers)
            .output()
            .unwrap()
    };
    let a = run("5");
    let b = run("5");
    assert_eq!(a.status.code(), Some(0));
    let said = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        said(&a).ends_with(&format!("of 3 questions → {}\n", out.display())),
        "{}",
        said(&a)
    );
    // whatever the sample holds, the second run rates nothing new
    assert!(said(&b).starts_with("0 rated now"), "{}", said(&b));
}

#[test]
fn the_report_lists_each_disagreement_with_file_and_line_and_exits_1() {
    judge()
        .arg("--report")
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2 judges · 7 of 7 questions rated",
        ))
        .stdout(predicate::str::contains(
            "ana ~ bo: 6 questions · exact 67% · within one 100% · weighted κ 0.50",
        ))
        .stdout(predicate::str::contains(
            "advanced/caching.toml:22  caching.etag-order  tag advanced/2 → judged basics/3",
        ))
        .stdout(predicate::str::contains(
            "basics/messages.toml:27  messages.created-status  tag basics/2 → judged below-basics",
        ))
        .stdout(predicate::str::contains(
            "Not a level question (rewrite or retire) (1)",
        ))
        .stdout(predicate::str::contains("caching.json-stringify-order"))
        .stdout(predicate::str::contains("3 questions to resolve"));
}

#[test]
fn the_report_in_json_markdown_and_github_annotations() {
    let out = judge()
        .args(["--format", "json", "--report"])
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["pairs"][0]["exact"], 4);
    assert_eq!(v["differ"].as_array().unwrap().len(), 2);
    assert_eq!(v["differ"][0]["line"], 22);
    assert_eq!(
        v["not_a_level"][0]["question"],
        "caching.json-stringify-order"
    );

    judge()
        .args(["--format", "markdown", "--report"])
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "| ana ~ bo | 6 | 67% | 100% | 0.50 |",
        ))
        .stdout(predicate::str::contains(
            "### Consensus differs from the tag (2)",
        ));

    judge()
        .args(["--format", "github", "--report"])
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("::error file="))
        .stdout(predicate::str::contains(
            "caching.toml,line=22,title=levelcheck judge%3A Consensus differs from the tag::caching.etag-order",
        ));
}

/// A committed reason keeps a tag: the question is listed as justified and no longer fails the
/// gate; a reason for a question that changed or needs none is reported, and the folder's
/// Markdown is passed over so `--report questions/ratings/*` works.
#[test]
fn justified_disagreements_pass_the_gate_and_unused_reasons_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let reason = |id: &str, digest: &str| {
        format!(
            "[questions.\"{id}\"]\ndigest = \"{digest}\"\nreason = \"kept: the roadmap places it here\"\n"
        )
    };
    let all = format!(
        "format_version = 1\n{}{}{}",
        reason("caching.etag-order", "b7b0c325ccbe4713"),
        reason("messages.created-status", "d56bb01be5ced891"),
        reason("caching.json-stringify-order", "3a7f32034c2ca9bd"),
    );
    let justified = write(dir.path(), "justified.toml", &all);
    let readme = write(dir.path(), "README.md", "# not ratings\n");
    judge()
        .arg("--report")
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .arg(&justified)
        .arg(&readme)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Justified: the tag is kept for a committed reason (3)",
        ))
        .stdout(predicate::str::contains(
            "caching.etag-order  tag advanced/2 → judged basics/3",
        ))
        .stdout(predicate::str::contains("no disagreements"));

    // one reason about an older version, one about a question the judges agree on: both unused,
    // and the disagreement they do not cover fails the gate again
    let partial = format!(
        "format_version = 1\n{}{}{}",
        reason("caching.etag-order", "0000000000000000"),
        reason("messages.head-body", "7a2b572817e77364"),
        reason("caching.json-stringify-order", "3a7f32034c2ca9bd"),
    );
    let justified = write(dir.path(), "partial.toml", &partial);
    judge()
        .arg("--report")
        .arg(fixture("ana.jsonl"))
        .arg(fixture("bo.jsonl"))
        .arg(&justified)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Justifications that apply to nothing (2)",
        ))
        .stdout(predicate::str::contains(
            "caching.etag-order: the question changed since",
        ))
        .stdout(predicate::str::contains(
            "messages.head-body: nothing to justify",
        ))
        .stdout(predicate::str::contains("2 questions to resolve"));

    let bad = write(
        dir.path(),
        "bad.toml",
        "format_version = 1\n[questions.\"caching.etag-order\"]\ndigest = \"b7b0c325ccbe4713\"\nbecause = \"x\"\n",
    );
    judge()
        .arg("--report")
        .arg(fixture("ana.jsonl"))
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:4:1"));
}

#[test]
fn agreeing_judges_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let agreed = [
        "messages.idempotent-methods",
        "messages.head-body",
        "caching.no-cache-meaning",
    ];
    let keep = |name: &str| {
        let text: String = lines(&fixture(name))
            .into_iter()
            .filter(|l| agreed.iter().any(|q| l.contains(&format!("\"{q}\""))))
            .map(|l| l + "\n")
            .collect();
        write(dir.path(), name, &text)
    };
    judge()
        .arg("--report")
        .arg(keep("ana.jsonl"))
        .arg(keep("bo.jsonl"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("3 of 7 questions rated"))
        .stdout(predicate::str::contains("no disagreements"));
}

#[test]
fn a_rating_of_an_older_version_is_stale_and_reported_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("ana.jsonl"))
        .unwrap()
        .replace(
            "\"digest\":\"c0336a9d6658fb28\"",
            "\"digest\":\"0000000000000000\"",
        );
    let ana = write(dir.path(), "ana.jsonl", &text);
    judge()
        .arg("--report")
        .arg(&ana)
        .arg(fixture("bo.jsonl"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Stale: the question changed since it was rated (1)",
        ))
        .stdout(predicate::str::contains(
            "ana.jsonl:1  ana rated caching.no-cache-meaning at digest 0000000000000000 (now c0336a9d6658fb28)",
        ))
        .stdout(predicate::str::contains("Rated by one judge only (1)"));
}

#[test]
fn a_bad_ratings_file_is_a_located_error_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = lines(&fixture("ana.jsonl"));
    let bad = write(
        dir.path(),
        "bad.jsonl",
        &format!(
            "{}\n{{\"format_version\":1,\"judge\":\"x\",\"question\":\"q\",\"digest\":\"d\",\"level\":\"guru\",\"difficulty\":2}}\nnot json\n",
            good[0]
        ),
    );
    judge()
        .arg("--report")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:2:1"))
        .stderr(predicate::str::contains("unknown level `guru`"))
        .stderr(predicate::str::contains("bad.jsonl:3:"))
        .stderr(predicate::str::contains("could not load: 2 errors"));
}

#[test]
fn bad_scripted_ratings_and_bad_usage_exit_2_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.toml",
        "\"messages.head-body\" = { level = \"basics\" }\n\"nope\" = { level = \"basics\", difficulty = 1 }\n",
    );
    let out = dir.path().join("r.jsonl");
    judge()
        .args(["--judge", "ana", "--output"])
        .arg(&out)
        .arg("--answers")
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.toml:1:"))
        .stderr(predicate::str::contains("needs `difficulty`"))
        .stderr(predicate::str::contains("no question with id `nope`"));
    assert!(!out.exists());
    // no terminal, no answers: never wait
    judge()
        .args(["--judge", "ana", "--output"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a terminal"));
    // rating and reporting at once
    judge()
        .args(["--judge", "ana", "--report"])
        .arg(fixture("ana.jsonl"))
        .assert()
        .code(2);
    // another judge's file
    judge()
        .args(["--judge", "bo", "--output"])
        .arg(fixture("ana.jsonl"))
        .arg("--answers")
        .arg(fixture("bo.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds ratings by `ana`"));
    // writing over an input
    judge()
        .args(["--judge", "ana", "--output"])
        .arg(&answers)
        .arg("--answers")
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "would write over one of the inputs",
        ));
}

fn pty(args: &[&str]) -> OsSession {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_levelcheck"));
    cmd.arg("--bank")
        .arg(example("http-bank"))
        .arg("judge")
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

fn settle() {
    std::thread::sleep(Duration::from_millis(300));
}

/// A judge sees no id, level or section; rates one question with the keys; Ctrl-C keeps that
/// rating; the same command resumes at the next question.
#[test]
fn an_interactive_judge_is_blind_and_resumes_after_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cy.jsonl");
    let o = out.to_str().unwrap();
    let mut s = pty(&["--judge", "cy", "--sample", "2", "--output", o]);
    s.expect("Question 1 of 2").unwrap();
    let shown = s.expect("Lowest level answering it right").unwrap();
    let text = String::from_utf8_lossy(shown.before()).into_owned();
    for hidden in ["messages.", "caching.", "Messages", "Caching", "difficulty"] {
        assert!(
            !text.contains(hidden),
            "{hidden:?} shown to the judge:\n{text}"
        );
    }
    assert!(text.contains('✔'), "the key is marked:\n{text}");
    settle();
    s.send("\r").unwrap(); // the first level, Basics, is the default
    s.expect("Within that level").unwrap();
    settle();
    s.send("\x1b[B").unwrap(); // typical → hard
    s.send("\r").unwrap();
    s.expect("Note").unwrap();
    s.send("clear key\r").unwrap();
    s.expect("Question 2 of 2").unwrap();
    s.expect("Lowest level answering it right").unwrap();
    settle();
    s.send("\x03").unwrap();
    s.expect("1 ratings saved").unwrap();
    let status = s.get_process().wait().unwrap();
    assert!(format!("{status:?}").ends_with(", 130)"), "{status:?}");
    let saved = lines(&out);
    assert_eq!(saved.len(), 1);
    assert!(
        saved[0].contains("\"level\":\"basics\",\"difficulty\":3,\"note\":\"clear key\""),
        "{}",
        saved[0]
    );

    let mut s = pty(&["--judge", "cy", "--sample", "2", "--output", o]);
    s.expect("Question 2 of 2").unwrap();
    s.expect("Lowest level answering it right").unwrap();
    settle();
    s.send("\x1b[B\x1b[B").unwrap(); // Basics → Advanced → Not a level question
    s.send("\r").unwrap();
    s.expect("Note").unwrap();
    s.send("\r").unwrap();
    s.expect("1 rated now, 1 already rated, 0 left unrated, of 2 questions")
        .unwrap();
    assert_eq!(lines(&out).len(), 2);
    assert!(lines(&out)[1].contains("not-a-level-question"));
}

/// A note is untrusted text: an escape sequence in it never reaches the terminal raw, in any
/// format, and a newline in it does not break a row.
#[test]
fn notes_are_sanitised_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("ana.jsonl"))
        .unwrap()
        .replace("reads like a basics question", "red \\u001b[31mX\\nnext");
    let ana = write(dir.path(), "ana.jsonl", &text);
    for format in ["text", "markdown", "github"] {
        let out = judge()
            .args(["--format", format, "--report"])
            .arg(&ana)
            .arg(fixture("bo.jsonl"))
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(!s.contains('\u{1b}'), "{format}: {s}");
        assert!(s.contains("red \\u{1b}[31mX next"), "{format}: {s}");
    }
}

/// A line cut short by a crash is reported, never appended after or rewritten.
#[test]
fn a_cut_off_last_line_stops_the_run_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let good = lines(&fixture("ana.jsonl"));
    let text = format!("{}\n{}", good[0], &good[1][..40]);
    let out = write(dir.path(), "ana.jsonl", &text);
    judge()
        .args(["--judge", "ana", "--output"])
        .arg(&out)
        .arg("--answers")
        .arg(fixture("ana.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ana.jsonl:2:"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
}
