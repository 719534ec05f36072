//! Bank authoring through `validate`: hints for mistyped ids, duplicate ids located twice, the
//! snippet summary, the negative-stem lint, JUnit output and case-sensitive text answers.

mod common;

use common::*;

/// Runs `validate` on a bank folder; (exit code, stdout, stderr).
fn validate(dir: &std::path::Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = lc().arg("validate").arg(dir).args(extra).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_mistyped_topic_suggests_the_closest_topic_of_the_section() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "topic = \"status-codes\"",
        "topic = \"status-code\"",
    );
    let (code, out, _) = validate(dir.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("unknown topic `status-code`"), "{out}");
    assert!(out.contains("did you mean `status-codes`?"), "{out}");
}

#[test]
fn a_topic_unlike_any_says_it_is_not_in_the_roadmap() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "topic = \"status-codes\"",
        "topic = \"zzqx\"",
    );
    let (_, out, _) = validate(dir.path(), &[]);
    assert!(out.contains("unknown topic `zzqx`"), "{out}");
    assert!(out.contains("not a topic id in roadmap.toml"), "{out}");
    assert!(!out.contains("did you mean"), "{out}");
}

#[test]
fn a_mistyped_section_and_level_suggest_the_roadmap_ids() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    edit(&f, "section = \"messages\"", "section = \"mesages\"");
    edit(&f, "level = \"basics\"", "level = \"basic\"");
    let (code, out, _) = validate(dir.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("unknown section `mesages`"), "{out}");
    assert!(out.contains("did you mean `messages`?"), "{out}");
    assert!(out.contains("unknown level `basic`"), "{out}");
    assert!(out.contains("did you mean `basics`?"), "{out}");
    assert!(out.contains("basics/messages.toml:3:9"), "{out}");
}

#[test]
fn a_duplicate_id_names_both_places() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("advanced/caching.toml"),
        "id = \"caching.etag-order\"",
        "id = \"messages.head-body\"",
    );
    let (code, out, _) = validate(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let dup: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-id")
        .collect();
    assert_eq!(dup.len(), 1, "{out}");
    // The finding sits on the second use (messages.toml sorts after caching.toml, so the second
    // is the original messages.toml one) and names the first by file:line:column.
    let first = format!(
        "{}:22:6",
        dir.path().join("advanced/caching.toml").display()
    );
    let d = dup[0];
    assert!(
        d["file"]
            .as_str()
            .unwrap()
            .ends_with("basics/messages.toml"),
        "{d}"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(18), Some(6))
    );
    assert!(d["message"].as_str().unwrap().contains(&first), "{d}");
}

#[test]
fn without_run_snippets_the_summary_says_output_keys_are_unproven() {
    let (code, out, _) = validate(&example("http-bank"), &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(
            "1 code-output key was not proven: add --run-snippets to run its snippet with node"
        ),
        "{out}"
    );
    let (_, out, _) = validate(&example("http-bank"), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unproven_outputs"], 1);
    assert_eq!(v["snippets_run"], 0);
}

#[test]
fn the_built_in_banks_count_every_unproven_output_key() {
    let (_, out, _) = validate(std::path::Path::new("questions"), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outputs = levelcheck::bank::load::load(&levelcheck::bank::load::BankSource::Embedded)
        .unwrap()
        .questions
        .iter()
        .filter(|q| q.body.kind() == levelcheck::bank::Kind::Output)
        .count();
    assert!(outputs > 1);
    assert_eq!(v["unproven_outputs"], outputs);
}

#[test]
fn a_bank_without_output_questions_or_with_snippets_run_has_no_unproven_line() {
    let (_, out, _) = validate(&example("http-bank").join("basics/messages.toml"), &[]);
    assert!(!out.contains("not proven"), "{out}");
    let (code, out, err) = validate(&example("http-bank"), &["--run-snippets"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("1 snippet run"), "{out}");
    assert!(!out.contains("not proven"), "{out}");
    // stderr is a pipe here: no progress bar is drawn into it.
    assert!(!err.contains("running snippets"), "{err}");
}

/// The http bank with one prompt replaced; (findings of `code`, the file's text).
fn findings_with_prompt(prompt: &str, code: &str) -> (Vec<serde_json::Value>, String) {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    edit(
        &f,
        "prompt = \"A logged-in user requests a report that only administrators may read. Which status code fits?\"",
        &format!("prompt = {prompt:?}"),
    );
    let (_, out, _) = validate(dir.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect();
    (found, std::fs::read_to_string(f).unwrap())
}

#[test]
fn scene_setting_negatives_are_not_a_negative_stem() {
    let (found, _) = findings_with_prompt(
        "The user has not logged out and the token has not expired. Which status code fits?",
        "negative-stem",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_negative_question_sentence_is_flagged_at_the_negative_word() {
    let prompt = "The user is not an administrator. Which status code does not fit?";
    let (found, text) = findings_with_prompt(prompt, "negative-stem");
    assert_eq!(found.len(), 1, "{found:?}");
    // The caret is on the second `not` (the question's), not the first nor the whole prompt.
    let line_no = text.lines().position(|l| l.contains(prompt)).unwrap() + 1;
    let line = text.lines().nth(line_no - 1).unwrap();
    let col = line.find("does not").unwrap() + "does ".len() + 1;
    assert_eq!(found[0]["line"], line_no);
    assert_eq!(found[0]["column"], col);
    assert_eq!(found[0]["severity"], "warning");
}

#[test]
fn an_emphasised_negative_or_an_imperative_stem_is_judged_on_its_sentence() {
    let (found, _) = findings_with_prompt(
        "The user is not an administrator. Which status code does NOT fit?",
        "negative-stem",
    );
    assert!(found.is_empty(), "{found:?}");
    let (found, _) = findings_with_prompt(
        "A report is private. Select the status code that does not fit.",
        "negative-stem",
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn junit_has_one_case_per_file_and_a_failure_only_in_the_failing_ones() {
    let (code, out, _) = validate(&example("http-bank-broken"), &["--format", "junit"]);
    assert_eq!(code, Some(1));
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let suite = doc.root_element();
    assert_eq!(suite.tag_name().name(), "testsuite");
    let cases: Vec<roxmltree::Node> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let name = |n: &roxmltree::Node| n.attribute("name").unwrap().to_string();
    let failing: Vec<String> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(name)
        .collect();
    // Every file is a case; each failing case holds exactly one failure element.
    assert_eq!(cases.len(), 3, "{out}");
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(
        suite.attribute("failures"),
        Some(failing.len().to_string().as_str())
    );
    for c in &cases {
        let n = c.children().filter(|n| n.has_tag_name("failure")).count();
        assert!(n <= 1, "{} has {n} failures", name(c));
    }
    let messages = cases
        .iter()
        .find(|c| name(c).ends_with("basics/messages.toml"))
        .unwrap();
    let failure = messages
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("messages.toml fails");
    let body = failure.text().unwrap();
    assert!(body.contains("messages.toml:13:"), "{body}");
    assert!(body.lines().count() >= 2, "every error listed: {body}");
    let roadmap = cases
        .iter()
        .find(|c| name(c).ends_with("roadmap.toml"))
        .unwrap();
    assert!(!roadmap.children().any(|n| n.has_tag_name("failure")));
}

#[test]
fn junit_on_clean_banks_has_no_failure() {
    let (code, out, _) = validate(&example("http-bank"), &["--format", "junit"]);
    assert_eq!(code, Some(0));
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    assert!(!doc.descendants().any(|n| n.has_tag_name("failure")));
}

/// The http bank with `messages.created-status` accepting only `accept`, case kept or not;
/// whether a scripted run marks `typed` right.
fn typed_answer_is_right(accept: &str, case_sensitive: Option<bool>, typed: &str) -> bool {
    let dir = copy_bank("http-bank");
    let flag = case_sensitive.map_or(String::new(), |b| format!("case_sensitive = {b}\n"));
    edit(
        &dir.path().join("basics/messages.toml"),
        "accept = [\"201\", \"201 Created\"]\n",
        &format!("accept = [{accept:?}]\n{flag}"),
    );
    let answers = write(
        dir.path(),
        "a.json",
        &format!("{{ \"messages.created-status\": {typed:?} }}"),
    );
    let v = json(
        lc().arg("--bank")
            .arg(dir.path())
            .args([
                "take",
                "--fixed",
                "--seed",
                "1",
                "--format",
                "json",
                "--answers",
            ])
            .arg(&answers),
    );
    let q = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "messages.created-status")
        .expect("asked")
        .clone();
    q["correct"].as_bool().unwrap()
}

#[test]
fn a_case_sensitive_text_answer_tells_dash_c_from_dash_capital_c() {
    assert!(typed_answer_is_right(
        "git switch -c",
        Some(true),
        " git  switch -c"
    ));
    assert!(!typed_answer_is_right(
        "git switch -c",
        Some(true),
        "git switch -C"
    ));
    // The default (and an explicit false) ignores case.
    assert!(typed_answer_is_right(
        "git switch -c",
        None,
        "GIT SWITCH -C"
    ));
    assert!(typed_answer_is_right(
        "git switch -c",
        Some(false),
        "git switch -C"
    ));
}

#[test]
fn case_sensitive_is_validated_like_any_key() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    // Two answers differing in case are distinct when case counts…
    edit(
        &f,
        "accept = [\"201\", \"201 Created\"]\n",
        "accept = [\"-c\", \"-C\"]\ncase_sensitive = true\n",
    );
    let (code, out, _) = validate(dir.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    // …duplicates when it does not; and the key belongs to text questions only, as a boolean.
    edit(&f, "case_sensitive = true\n", "case_sensitive = false\n");
    let (_, out, _) = validate(dir.path(), &[]);
    assert!(out.contains("\"-C\" is listed twice"), "{out}");
    edit(&f, "case_sensitive = false\n", "case_sensitive = \"yes\"\n");
    let (code, out, _) = validate(dir.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("case_sensitive"), "{out}");
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "answer = false\n",
        "answer = false\ncase_sensitive = true\n",
    );
    let (_, out, _) = validate(dir.path(), &[]);
    assert!(
        out.contains("`case_sensitive` is not used by `kind = \"true-false\"`"),
        "{out}"
    );
}
