//! CLI tests: scripted runs, reports, and every error path with its exit code.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn scripted_json_is_byte_identical_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.json",
        r#"{ "core.var-let-loop-closures": "3 3 3 0 1 2" }"#,
    );
    let run = || {
        lc().args([
            "take",
            "--fixed",
            "--seed",
            "7",
            "--format",
            "json",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["format_version"], 2);
    assert_eq!(v["seed"], 7);
    assert!(v["banks"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(v["questions"].as_array().unwrap().len(), 20);
    let q = &v["questions"][0];
    for key in [
        "id", "level", "section", "topic", "kind", "answer", "correct", "skipped",
    ] {
        assert!(q.get(key).is_some(), "question lacks {key}: {q}");
    }
    for key in ["level", "levels", "sections", "weak_areas"] {
        assert!(v.get(key).is_some(), "report lacks {key}");
    }
}

#[test]
fn different_seeds_give_different_quizzes() {
    let ids = |seed: &str| {
        let v = json(
            lc().args([
                "take",
                "--fixed",
                "--answers",
                "-",
                "--format",
                "json",
                "--seed",
                seed,
            ])
            .write_stdin("{}"),
        );
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_ne!(ids("1"), ids("2"));
}

#[test]
fn all_right_reaches_the_top_level_and_all_skipped_reaches_none() {
    let bank = example("http-bank");
    let dir = tempfile::tempdir().unwrap();
    let right = write(dir.path(), "right.json", HTTP_ALL_RIGHT);
    let v = json(
        lc().arg("--bank")
            .arg(&bank)
            .args([
                "take",
                "--fixed",
                "--seed",
                "1",
                "--format",
                "json",
                "--answers",
            ])
            .arg(&right),
    );
    assert_eq!(v["level"], "advanced", "{v}");
    assert!(
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["correct"] == true)
    );
    assert_eq!(v["weak_areas"].as_array().unwrap().len(), 0);

    let v = json(
        lc().arg("--bank")
            .arg(&bank)
            .args([
                "take",
                "--fixed",
                "--seed",
                "1",
                "--format",
                "json",
                "--answers",
                "-",
            ])
            .write_stdin("{}"),
    );
    assert_eq!(v["level"], serde_json::Value::Null);
    assert!(
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["skipped"] == true)
    );
    assert!(!v["weak_areas"].as_array().unwrap().is_empty());
}

#[test]
fn toml_answers_work_like_json() {
    let bank = example("http-bank");
    let toml =
        "\"messages.head-body\" = false\n\"messages.idempotent-methods\" = [\"DELETE\", \"PUT\"]\n";
    let out = lc()
        .arg("--bank")
        .arg(&bank)
        .args(["take", "--seed", "3", "--format", "json", "--answers", "-"])
        .write_stdin(toml)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let correct: Vec<&str> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["correct"] == true)
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(correct.len(), 2, "{correct:?}");
}

#[test]
fn piping_without_answers_exits_2_at_once() {
    lc().timeout(std::time::Duration::from_secs(10))
        .write_stdin("1\n2\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("not a terminal").and(predicate::str::contains("--answers")),
        );
}

#[test]
fn a_bank_with_a_syntax_error_is_located_and_exits_2() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "prompt = \"A server's",
        "prompt = \"A server's\n\"unterminated",
    );
    lc().arg("--bank")
        .arg(dir.path())
        .args(["take", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("messages.toml:")
                .and(predicate::str::contains("^"))
                .and(predicate::str::contains("panicked").not()),
        );
}

#[test]
fn a_bank_with_an_unknown_key_is_located_and_exits_2() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "answer = false",
        "anwser = false",
    );
    let out = lc()
        .arg("--bank")
        .arg(dir.path())
        .args(["take", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown key `anwser`"), "{err}");
    assert!(err.contains("basics/messages.toml:22:1"), "{err}");
    assert!(err.contains("did you mean `answer`?"), "{err}");
}

#[test]
fn every_problem_in_a_file_is_reported_not_only_the_first() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    edit(&f, "answer = false", "anwser = false");
    edit(&f, "topic = \"status-codes\"", "topic = \"no-such-topic\"");
    edit(&f, "difficulty = 1", "difficulty = 7");
    let out = lc()
        .arg("--bank")
        .arg(dir.path())
        .args(["take", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("anwser") && err.contains("no-such-topic") && err.contains("difficulty 7"),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn a_bad_answers_file_is_located_and_exits_2() {
    let bank = example("http-bank");
    let out = lc()
        .arg("--bank")
        .arg(&bank)
        .args(["take", "--answers", "-"])
        .write_stdin("{\n  \"messages.head-body\": \"maybe\",\n  \"no.such.question\": true\n}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2:3"), "{err}");
    assert!(err.contains("expected true or false"), "{err}");
    assert!(
        err.contains("no question with id `no.such.question`"),
        "{err}"
    );
}

#[test]
fn a_malformed_answers_file_is_located() {
    lc().args(["take", "--answers", "-"])
        .write_stdin("{ \"a\": [1, }")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>:1:"));
}

#[test]
fn a_choice_answer_must_be_one_of_the_options() {
    let bank = example("http-bank");
    lc().arg("--bank")
        .arg(&bank)
        .args(["take", "--answers", "-"])
        .write_stdin(r#"{"messages.unauthorized-vs-forbidden": "418 I'm a teapot"}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not one of the options"));
}

#[test]
fn bad_flag_values_exit_2() {
    lc().args(["take", "-n", "0"]).assert().code(2);
    lc().args(["take", "--format", "xml"]).assert().code(2);
    lc().args(["take", "--level", "guru", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown level `guru`"));
    lc().args(["--bank", "/no/such/folder", "take", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/folder"));
}

#[test]
fn filters_narrow_the_quiz() {
    let v = json(
        lc().args([
            "take",
            "--section",
            "core",
            "-n",
            "5",
            "--seed",
            "9",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}"),
    );
    let qs = v["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 5);
    assert!(qs.iter().all(|q| q["section"] == "core"));
    let v = json(
        lc().args([
            "take",
            "--level",
            "senior",
            "-n",
            "6",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}"),
    );
    assert!(
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["level"] == "senior")
    );
}

#[test]
fn the_default_quiz_is_stratified_across_levels() {
    let v = json(
        lc().args([
            "take",
            "--fixed",
            "--seed",
            "11",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}"),
    );
    for level in ["beginner", "intermediate", "senior", "expert"] {
        let n = v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["level"] == level)
            .count();
        assert_eq!(n, 5, "{level}");
    }
}

#[test]
fn text_and_markdown_reports_name_the_level_and_weak_areas() {
    let bank = example("http-bank");
    let out = lc()
        .arg("--bank")
        .arg(&bank)
        .args(["take", "--fixed", "--seed", "1", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Level reached: Not yet Basics"), "{text}");
    assert!(text.contains("Weak areas"), "{text}");
    assert!(text.contains("https://www.rfc-editor.org/"), "{text}");
    assert!(!text.contains('\u{1b}'), "NO_COLOR output has no escapes");
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    lc().arg("--bank")
        .arg(&bank)
        .args([
            "take",
            "--fixed",
            "--seed",
            "1",
            "--format",
            "markdown",
            "--answers",
            "-",
            "--output",
        ])
        .arg(&md)
        .write_stdin("{}")
        .assert()
        .code(0);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with("# levelcheck report"), "{md}");
    assert!(md.contains("| Basics |"), "{md}");
}

#[test]
fn validate_finds_and_locates_each_problem_of_the_broken_example() {
    let out = lc()
        .arg("validate")
        .arg(example("http-bank-broken"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "caching.toml:10:",
        "unknown key `anwser`",
        "unknown topic `verbs`",
        "\"201\" is listed both in `answer` and in `distractors`",
        "says \"all of the above\"",
        "\"ftp://example.com/rfc\" is not an http(s) URL",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn validate_is_clean_on_the_good_example_and_proves_its_snippet() {
    lc().arg("validate")
        .arg(example("http-bank"))
        .args(["--strict", "--run-snippets"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 snippet run: 0 errors, 0 warnings",
        ));
}

#[test]
fn validate_given_a_roadmap_checks_its_whole_folder_each_file_once() {
    // What pre-commit passes when a roadmap and a bank change in one commit.
    let bank = example("http-bank");
    lc().arg("validate")
        .arg(bank.join("roadmap.toml"))
        .arg(bank.join("basics/messages.toml"))
        .arg(bank.join("basics/./messages.toml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("7 questions in 2 files: 0 errors"));
    lc().arg("validate")
        .arg(example("http-bank-broken").join("roadmap.toml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("basics/messages.toml:"));
}

#[test]
fn validate_proves_output_keys_by_running_node() {
    lc().arg("validate")
        .arg(example("http-bank-broken").join("basics/messages.toml"))
        .arg("--run-snippets")
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("the key differs from what node prints")
                .and(predicate::str::contains("node: \"200,201,204\"")),
        );
}

#[test]
fn validate_without_node_exits_2_with_a_clear_message() {
    lc().arg("validate")
        .arg(example("http-bank"))
        .args(["--run-snippets", "--node", "/no/such/node"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs node"));
}

#[test]
fn validate_github_format_prints_workflow_annotations() {
    let out = lc()
        .arg("validate")
        .arg(example("http-bank-broken"))
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert!(!annotations.is_empty());
    for a in &annotations {
        assert!(
            a.starts_with("::error file=") || a.starts_with("::warning file="),
            "{a}"
        );
        assert!(!a.contains('\n'));
    }
    assert!(
        annotations
            .iter()
            .any(|a| a.contains(",line=13,col=1,") && a.contains("anwser")),
        "{text}"
    );
}

#[test]
fn validate_json_and_junit_are_machine_readable() {
    let out = lc()
        .arg("validate")
        .arg(example("http-bank-broken"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings exit 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["errors"].as_u64().unwrap() >= 5);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "unknown-key" && f["line"] == 13)
    );
    let out = lc()
        .arg("validate")
        .arg(example("http-bank-broken"))
        .args(["--format", "junit"])
        .output()
        .unwrap();
    let x = String::from_utf8_lossy(&out.stdout);
    assert!(x.starts_with("<?xml") && x.contains("<failure"), "{x}");
}

#[test]
fn validate_writes_a_markdown_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    lc().arg("validate")
        .arg(example("http-bank-broken"))
        .arg("--summary")
        .arg(&summary)
        .assert()
        .code(1);
    let md = std::fs::read_to_string(summary).unwrap();
    assert!(
        md.contains("## levelcheck validate") && md.contains("anwser"),
        "{md}"
    );
}

#[test]
fn the_shipped_banks_load_and_have_no_errors() {
    let out = lc().arg("validate").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(" 0 errors"), "{text}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        lc().args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("levelcheck"));
    }
}

#[test]
fn man_prints_a_roff_page_with_exit_status_and_files() {
    lc().arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH LEVELCHECK 1"))
        .stdout(predicate::str::contains(".SS \"levelcheck validate\""))
        .stdout(predicate::str::contains(".SH \"EXIT STATUS\""))
        .stdout(predicate::str::contains(".SH FILES"));
}

#[test]
fn stats_counts_questions_per_topic() {
    let v = json(
        lc().arg("stats")
            .arg(example("http-bank"))
            .args(["--format", "json"]),
    );
    assert_eq!(v["total"], 7);
    let freshness = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == "freshness")
        .unwrap();
    assert_eq!(freshness["total"], 3);
    assert_eq!(freshness["kinds"]["output"], 1);
}

#[test]
fn adaptive_is_the_default_and_reports_probabilities() {
    let run = || {
        // Without history: a check with history avoids what the last one asked.
        lc().args([
            "--no-history",
            "take",
            "--seed",
            "4",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .output()
        .unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(a.stdout, b.stdout, "same seed, same answers: same run");
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["mode"], "adaptive");
    let n = v["questions"].as_array().unwrap().len();
    assert!((8..=20).contains(&n), "{n}");
    let probs = v["probabilities"].as_object().unwrap();
    let total: f64 = probs.values().map(|p| p.as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-3, "{total}");
    assert!(
        v["ability"].as_f64().unwrap() < -1.5,
        "all skipped is below Beginner: {}",
        v["ability"]
    );
    assert!(v["standard_error"].as_f64().unwrap() > 0.0);
    assert_eq!(v["level"], serde_json::Value::Null);
}

#[test]
fn adaptive_stops_early_when_the_level_is_clear_and_never_before_the_minimum() {
    let v = json(
        lc().args([
            "take",
            "--seed",
            "4",
            "--min-questions",
            "3",
            "-n",
            "30",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}"),
    );
    let n = v["questions"].as_array().unwrap().len();
    assert!(
        (3..30).contains(&n),
        "all wrong is clear long before 30 questions: asked {n}"
    );
    let v = json(
        lc().args([
            "take",
            "--seed",
            "4",
            "--min-questions",
            "12",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .write_stdin("{}"),
    );
    assert!(v["questions"].as_array().unwrap().len() >= 12);
}

#[test]
fn confidence_ratings_are_reported_and_never_change_the_estimate() {
    let bank = example("http-bank");
    let rated = r#"{"messages.head-body": {"answer": true, "confidence": "certain"}, "messages.created-status": {"answer": "201", "confidence": "fairly sure"}, "caching.no-cache-meaning": {"answer": "It may store the response but must revalidate it before each reuse", "confidence": "guessing"}}"#;
    let run = |extra: &[&str]| {
        let out = lc()
            .arg("--bank")
            .arg(&bank)
            .args(["take", "--seed", "5", "--format", "json", "--answers", "-"])
            .args(extra)
            .write_stdin(rated)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (plain, with) = (run(&[]), run(&["--confidence"]));
    assert_eq!(plain["ability"], with["ability"]);
    assert_eq!(plain["probabilities"], with["probabilities"]);
    assert!(plain.get("confidence").is_none());
    let c = &with["confidence"];
    assert_eq!(c["rated"], 3);
    assert_eq!(c["confidently_wrong"]["messages"][0], "messages.head-body");
    let brier = c["brier"].as_f64().unwrap();
    let expected =
        ((0.95f64 - 0.0).powi(2) + (0.7f64 - 1.0).powi(2) + (0.33f64 - 1.0).powi(2)) / 3.0;
    assert!((brier - expected).abs() < 1e-9, "{brier} vs {expected}");
}

#[test]
fn option_length_cues_are_flagged_both_ways() {
    let dir = copy_bank("http-bank");
    let mut bank = String::from(
        "#:schema ../../../questions/bank.schema.json\nformat_version = 1\nlevel = \"basics\"\nsection = \"messages\"\n",
    );
    for (i, (answer, distractors)) in [
        ("A", ["BBBB", "CCCC", "DDDD"]),
        ("Ex", ["FFFF", "GGGG", "HHHH"]),
        ("I", ["JJJJ", "KKKK", "LLLL"]),
    ]
    .iter()
    .enumerate()
    {
        bank.push_str(&format!(
            "[[questions]]\nid = \"messages.q{i}\"\ntopic = \"{}\"\nkind = \"single\"\nprompt = \"Question number {i} about {answer}?\"\nanswer = \"{answer}\"\ndistractors = [\"{}\", \"{}\", \"{}\"]\nexplanation = \"Because.\"\nreferences = [\"https://www.rfc-editor.org/rfc/rfc9110\"]\n",
            if i == 0 { "methods" } else { "status-codes" },
            distractors[0],
            distractors[1],
            distractors[2]
        ));
    }
    std::fs::write(dir.path().join("basics/messages.toml"), &bank).unwrap();
    let out = lc().arg("validate").arg(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the right option is the shortest in 3 of 3"),
        "{text}"
    );
    assert!(!text.contains("the right option is the longest"), "{text}");
    std::fs::write(
        dir.path().join("basics/messages.toml"),
        bank.replace("answer = \"A\"", "answer = \"AAAAAAAAAA\"")
            .replace("answer = \"Ex\"", "answer = \"EEEEEEEEEE\""),
    )
    .unwrap();
    let out = lc().arg("validate").arg(dir.path()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("the right option is the longest in 2 of 3")
    );
}

#[test]
fn roadmap_lists_levels_sections_topics_with_ids_and_counts() {
    let out = lc()
        .arg("roadmap")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // A level heading, a section line with its count, a topic line with its priority.
    assert!(text.contains("beginner  Beginner"), "{text}");
    assert!(text.contains("  node-basics "), "{text}");
    assert!(
        text.contains("event-loop") && text.contains("must-have"),
        "{text}"
    );
    assert!(text.contains("Tracks (--track"), "{text}");

    let v = json(lc().args(["roadmap", "--format", "json"]));
    let levels = v["levels"].as_array().unwrap();
    assert_eq!(levels[0]["id"], "beginner");
    let sections = levels[0]["sections"].as_array().unwrap();
    let core = sections.iter().find(|s| s["id"] == "core").unwrap();
    let topics = core["topics"].as_array().unwrap();
    let sum: u64 = topics
        .iter()
        .map(|t| t["questions"].as_u64().unwrap())
        .sum();
    assert_eq!(
        core["questions"].as_u64().unwrap(),
        sum,
        "section count is the sum of its topics"
    );
    assert!(sum > 0);
    assert!(!v["tracks"].as_array().unwrap().is_empty());
}
