//! The smaller items of the hardening audit, each named after what went wrong.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn json_answers_with_the_same_id_twice_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "a.json",
        r#"{ "messages.head-body": false, "messages.head-body": true }"#,
    );
    lc().arg("--bank")
        .arg(example("http-bank"))
        .args(["--no-history", "take", "--fixed", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("answered twice"));
}

#[test]
fn an_ordering_question_with_no_items_is_a_load_error() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("advanced/caching.toml");
    let text = std::fs::read_to_string(&f).unwrap();
    let start = text.find("items = [").unwrap();
    let end = start + text[start..].find(']').unwrap() + 1;
    std::fs::write(&f, format!("{}items = []{}", &text[..start], &text[end..])).unwrap();
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("at least two `items`"));
    lc().arg("--bank")
        .arg(dir.path())
        .args(["--no-history", "take", "--fixed", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least two `items`"));
}

#[test]
fn min_questions_above_n_is_rejected() {
    for args in [
        &["take", "-n", "5", "--min-questions", "6"][..],
        &["--min-questions", "21"],
    ] {
        lc().arg("--bank")
            .arg(example("http-bank"))
            .args(args)
            .args(["--answers", "-"])
            .write_stdin("{}")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--min-questions"));
    }
    // The default minimum (8) with a short quiz is not the user's doing: still fine.
    lc().arg("--bank")
        .arg(example("http-bank"))
        .args(["--no-history", "take", "-n", "3", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(0);
}

#[test]
fn levelcheck_home_pointing_at_a_file_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "home", "not a folder");
    lc().env("LEVELCHECK_HOME", &file)
        .arg("--bank")
        .arg(example("http-bank"))
        .arg("history")
        .assert()
        .stderr(predicate::str::contains("not a folder"));
}

#[test]
fn stray_temporary_files_of_killed_writers_are_cleaned_up() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let stray = sessions.join(".tmp-killed.json");
    let f = std::fs::File::create(&stray).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    drop(f);
    let fresh = sessions.join(".tmp-live.json");
    std::fs::write(&fresh, "").unwrap();
    let answers = write(home.path(), "a.json", HTTP_ALL_RIGHT);
    lc().env("LEVELCHECK_HOME", home.path())
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["take", "--fixed", "--answers"])
        .arg(&answers)
        .assert()
        .code(0);
    assert!(!stray.exists(), "an old .tmp file was left behind");
    assert!(fresh.exists(), "a live writer's .tmp file was removed");
}

/// 8,000 findings in one file took 36 s (each diagnostic rendered the whole file); now each costs
/// its own lines. The timeout only guards against that quadratic hang; nothing asserts a time.
#[test]
fn thousands_of_findings_in_one_file_render_in_linear_time() {
    let dir = copy_bank("http-bank");
    let mut text = String::from("format_version = 1\nlevel = \"basics\"\nsection = \"messages\"\n");
    for i in 0..8000 {
        text.push_str(&format!(
            "\n[[questions]]\nid = \"messages.q{i}\"\ntopic = \"no-such-topic\"\nkind = \"true-false\"\n\
             prompt = \"Statement {i} about HTTP, long enough to be a prompt.\"\nanswer = false\n\
             explanation = \"Because {i}.\"\nreferences = [\"https://example.com/{i}\"]\n"
        ));
    }
    std::fs::write(dir.path().join("basics/messages.toml"), text).unwrap();
    lc().timeout(std::time::Duration::from_secs(120))
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("8000 errors"));
}

#[test]
fn validate_refuses_a_folder_with_nothing_to_check() {
    let dir = copy_bank("http-bank");
    std::fs::remove_file(dir.path().join("roadmap.toml")).unwrap();
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no banks to check"));
    std::fs::create_dir(dir.path().join("roadmap.toml")).unwrap();
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("roadmap.toml"));
}

#[test]
fn take_refuses_banks_with_duplicate_ids() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "id = \"messages.head-body\"",
        "id = \"messages.idempotent-methods\"",
    );
    lc().arg("--bank")
        .arg(dir.path())
        .args(["--no-history", "take", "--fixed", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already used"));
}
