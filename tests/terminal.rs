//! Terminal safety everywhere: escape sequences, bidi controls and zero-width characters in any
//! bank or roadmap field never reach the terminal raw, from any command, in any format.

mod common;

use common::*;

/// OSC 52 (write the clipboard), a window title, clear-screen, an 8-bit CSI, a bidi override
/// and a zero-width space, as TOML escapes (they parse to the raw characters).
const HOSTILE: &str =
    "\\u001b]52;c;cm0gLXJmIH4=\\u0007\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e\\u200b";

fn is_raw(b: &[u8]) -> bool {
    let s = String::from_utf8_lossy(b);
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// The HTTP example bank with hostile text in roadmap titles and in bank fields.
fn hostile_bank() -> tempfile::TempDir {
    let dir = copy_bank("http-bank");
    let rm = dir.path().join("roadmap.toml");
    edit(
        &rm,
        "title = \"Basics\"",
        &format!("title = \"Basics{HOSTILE}\""),
    );
    edit(
        &rm,
        "title = \"Messages\"",
        &format!("title = \"Messages{HOSTILE}\""),
    );
    edit(
        &rm,
        "title = \"Status codes\"",
        &format!("title = \"Status codes{HOSTILE}\""),
    );
    edit(
        &rm,
        "goal = \"Read and write",
        &format!("goal = \"{HOSTILE}Read and write"),
    );
    let bank = dir.path().join("basics/messages.toml");
    edit(&bank, "prompt = \"", &format!("prompt = \"{HOSTILE}"));
    edit(
        &bank,
        "explanation = \"",
        &format!("explanation = \"{HOSTILE}"),
    );
    dir
}

fn assert_safe(what: &str, out: &std::process::Output) {
    assert!(
        !is_raw(&out.stdout),
        "{what}: raw escape on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !is_raw(&out.stderr),
        "{what}: raw escape on stderr: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn validate_flags_hostile_text_in_the_roadmap_and_banks_and_shows_it_escaped() {
    let dir = hostile_bank();
    let out = lc().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_safe("validate", &out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("roadmap.toml"), "{text}");
    assert!(text.contains("levels[0].title"), "{text}");
    assert!(text.contains("zero-width"), "{text}");
    for format in ["json", "github", "junit"] {
        let out = lc()
            .arg("validate")
            .arg(dir.path())
            .args(["--format", format])
            .output()
            .unwrap();
        assert_safe(format, &out);
    }
}

#[test]
fn raw_hostile_characters_are_located_and_crlf_is_not_one() {
    let dir = copy_bank("http-bank");
    for f in [
        "roadmap.toml",
        "basics/messages.toml",
        "advanced/caching.toml",
    ] {
        let p = dir.path().join(f);
        let text = std::fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
        std::fs::write(&p, text).unwrap();
    }
    lc().arg("validate").arg(dir.path()).assert().code(0);
    let rm = dir.path().join("roadmap.toml");
    edit(&rm, "# A small", "# A \u{202e}small");
    let out = lc().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_safe("validate raw", &out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("U+202E"));
}

#[test]
fn no_command_shows_hostile_text_raw() {
    let dir = hostile_bank();
    let home = tempfile::tempdir().unwrap();
    let answers = write(home.path(), "answers.json", "{}");
    let run = |args: &[&str]| {
        lc().env("LEVELCHECK_HOME", home.path())
            .arg("--bank")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    for format in ["text", "markdown", "json"] {
        let out = run(&[
            "take",
            "--fixed",
            "--seed",
            "1",
            "--answers",
            answers.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_safe(format, &out);
    }
    let md = home.path().join("report.md");
    let out = run(&[
        "take",
        "--seed",
        "2",
        "--answers",
        answers.to_str().unwrap(),
        "--format",
        "markdown",
        "--output",
        md.to_str().unwrap(),
    ]);
    assert_safe("take --output", &out);
    assert!(
        !is_raw(&std::fs::read(&md).unwrap()),
        "raw escape in the Markdown file"
    );
    for args in [
        &["history"][..],
        &["report"],
        &["report", "--format", "markdown"],
        &["stats"],
        &["tracks"],
        &["practice", "--missed"],
        &["practice", "--due"],
    ] {
        let out = run(args);
        assert_safe(&args.join(" "), &out);
    }
    let out = lc().arg("stats").arg(dir.path()).output().unwrap();
    assert_safe("stats PATH", &out);
}

#[test]
fn a_history_record_with_escapes_is_shown_escaped() {
    let dir = copy_bank("http-bank");
    let home = tempfile::tempdir().unwrap();
    let answers = write(home.path(), "answers.json", HTTP_ALL_RIGHT);
    lc().env("LEVELCHECK_HOME", home.path())
        .arg("--bank")
        .arg(dir.path())
        .args(["take", "--fixed", "--seed", "1", "--answers"])
        .arg(&answers)
        .assert()
        .code(0);
    let sessions = home.path().join("sessions");
    for e in std::fs::read_dir(&sessions).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let text = text.replace("\"basics\"", "\"basics\\u001b]0;pwned\\u0007\"");
        std::fs::write(&p, text).unwrap();
    }
    for args in [
        &["history"][..],
        &["report"],
        &["report", "--format", "markdown"],
    ] {
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .arg("--bank")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_safe(&args.join(" "), &out);
    }
}

#[test]
fn a_file_name_with_an_escape_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("x\u{1b}]0;pwned\u{7}.json");
    std::fs::write(&name, "not json at all {").unwrap();
    let out = lc()
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["--no-history", "take", "--answers"])
        .arg(&name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_safe("answers file name", &out);
    let missing = lc()
        .arg("validate")
        .arg(dir.path().join("y\u{1b}[2J.toml"))
        .output()
        .unwrap();
    assert_safe("missing file name", &missing);
}
