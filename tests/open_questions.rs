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
    // The drill hint names the bank the interview ran on, so that it works as printed.
    assert!(
        out.contains(&format!(
            "levelcheck practice --bank {} --area",
            bank().display()
        )),
        "{out}"
    );
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

/// `text = "…"` in an answers file is the answer in words: kept like a typed answer, shown on
/// the scorecard, never exported; a `text` that is not a string is located.
#[test]
fn an_answers_file_can_carry_the_words_of_an_open_answer() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        home.path(),
        &["interview", "--seed", "3", "--minutes", "10"],
        r#""core.open-event-loop-stall" = { points = [0, 1, 2], text = "Profile it with --cpu-prof first." }"#,
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("│ Profile it with --cpu-prof first."), "{out}");
    let j: serde_json::Value =
        serde_json::from_str(&lc_json(home.path(), &["report", "--format", "json"])).unwrap();
    assert_eq!(
        question(&j, "core.open-event-loop-stall")["typed"],
        "Profile it with --cpu-prof first."
    );
    let export = lc_json(home.path(), &["history", "--export", "-"]);
    assert!(export.contains("core.open-event-loop-stall"), "{export}");
    assert!(!export.contains("cpu-prof"), "{export}");
    for (answers, name) in [
        (
            r#""core.open-event-loop-stall" = { points = [0], text = 3 }"#,
            "answers.toml",
        ),
        (
            r#"{"core.open-event-loop-stall": {"points": [0], "text": ["a"]}}"#,
            "answers.json",
        ),
    ] {
        let file = home.path().join(name);
        std::fs::write(&file, answers).unwrap();
        let bad = lc()
            .env("LEVELCHECK_HOME", home.path())
            .arg("--bank")
            .arg(bank())
            .args(["interview", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&bad.stderr);
        assert_eq!(bad.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("{name}:1:")), "{err}");
        assert!(err.contains("that is not a string"), "{err}");
    }
}

/// Standard output of a command on the open bank, with the home given.
fn lc_json(home: &Path, args: &[&str]) -> String {
    let out = lc()
        .env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(bank())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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

/// Nothing right anywhere: the scorecard names no "strongest" area, says so plainly, and still
/// points at what to drill. The JSON lists each question as `take` does, with its kind.
#[test]
fn an_interview_with_every_area_at_zero_names_no_strongest_area() {
    let home = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .args([
                "interview",
                "--seed",
                "4",
                "--no-history",
                "--format",
                format,
            ])
            .args(["--answers", "-"])
            .write_stdin("")
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
    let text = run("text");
    assert!(!text.contains("Strongest"), "{text}");
    assert!(
        text.contains("Every area scored 0%: no strongest area yet"),
        "{text}"
    );
    assert!(text.contains("levelcheck practice --area"), "{text}");
    let md = run("markdown");
    assert!(!md.contains("**Strongest:**"), "{md}");
    assert!(md.contains("Every area scored 0%"), "{md}");

    let j: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let areas = j["areas"].as_array().unwrap();
    assert!(areas.len() >= 2, "{j}");
    assert!(areas.iter().all(|a| a["score"] == 0.0));
    assert_eq!(j["strongest"], serde_json::json!([]));
    assert_eq!(j["weakest"], serde_json::json!([]));
    assert!(j["even"].as_str().unwrap().contains("no strongest area"));
    for q in j["questions"].as_array().unwrap() {
        for key in [
            "id", "level", "section", "topic", "kind", "answer", "correct", "skipped",
        ] {
            assert!(q.get(key).is_some(), "{key} missing: {q}");
        }
        let open = q["kind"] == "open";
        assert_eq!(q.get("points_total").is_some(), open, "{q}");
    }
}

/// One area right and one wrong: "Strongest" is said, and only of the area that did better.
#[test]
fn strongest_and_weakest_are_named_when_the_areas_differ() {
    let home = tempfile::tempdir().unwrap();
    let first = lc()
        .env("LEVELCHECK_HOME", home.path())
        .args([
            "interview",
            "--seed",
            "4",
            "--no-history",
            "--format",
            "json",
        ])
        .args(["--answers", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    // Cover every key point of the first open question asked: its area now leads.
    let open = j["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "open")
        .expect("the built-in banks have open questions");
    let all: Vec<usize> = (0..open["points_total"].as_u64().unwrap() as usize).collect();
    let answers = serde_json::json!({ open["id"].as_str().unwrap(): { "points": all } });
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        .args([
            "interview",
            "--seed",
            "4",
            "--no-history",
            "--format",
            "json",
        ])
        .args(["--answers", "-"])
        .write_stdin(answers.to_string())
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let strongest = j["strongest"].as_array().unwrap();
    assert_eq!(strongest.len(), 1, "{j}");
    let lead = j["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == strongest[0])
        .unwrap();
    assert!(lead["score"].as_f64().unwrap() > 0.0, "{lead}");
    assert!(!j["weakest"].as_array().unwrap().contains(&strongest[0]));
    assert!(j.get("even").is_none(), "{j}");
}

/// The text scorecard lists every question with the real time it took (m:ss), and the
/// headline the real time spent against the minutes allowed.
#[test]
fn the_scorecard_states_real_times() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        home.path(),
        &["interview", "--seed", "3", "--minutes", "7"],
        r#""core.open-event-loop-stall" = { points = [0, 1] }"#,
    );
    assert_eq!(code, Some(0), "{err}");
    // The headline wraps to the output width: read it as one paragraph.
    let headline = out
        .lines()
        .skip_while(|l| !l.contains("mock interview"))
        .take_while(|l| !l.is_empty() && !l.starts_with("By area"))
        .collect::<Vec<_>>()
        .join(" ");
    let re = states_real_time(&headline);
    assert!(re, "{headline}");
    let listed: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Questions, with the time each took"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(!listed.is_empty(), "{out}");
    for l in &listed {
        let time = l.split_whitespace().nth(1).unwrap();
        let (m, s) = time.split_once(':').unwrap_or_else(|| panic!("{l}"));
        assert!(
            m.parse::<u32>().is_ok() && s.len() == 2 && s.parse::<u32>().unwrap() < 60,
            "{l}"
        );
    }
    assert!(
        listed
            .iter()
            .any(|l| l.contains("open 2/4") && l.contains("core.open-event-loop-stall")),
        "{listed:?}"
    );
}

/// "… · N questions in m:ss of 7 min ━━"
fn states_real_time(headline: &str) -> bool {
    let Some(rest) = headline.split(" questions in ").nth(1) else {
        return false;
    };
    let Some((time, tail)) = rest.split_once(" of ") else {
        return false;
    };
    time.split_once(':')
        .is_some_and(|(m, s)| m.parse::<u32>().is_ok() && s.len() == 2)
        && tail.starts_with("7 min")
}
