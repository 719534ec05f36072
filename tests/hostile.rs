//! Bad and hostile input: arbitrary bytes, odd files and folders, snippets that misbehave.

mod common;

use common::*;
use levelcheck::bank::load::parse_sources;
use levelcheck::diagnostic::Source;
use predicates::prelude::*;
use proptest::prelude::*;

fn roadmap() -> Source {
    let text = std::fs::read_to_string(example("http-bank").join("roadmap.toml")).unwrap();
    Source {
        name: "roadmap.toml".into(),
        rel: "roadmap.toml".into(),
        text,
    }
}

fn bank_text() -> String {
    std::fs::read_to_string(example("http-bank").join("advanced/caching.toml")).unwrap()
}

/// Loads and validates a bank text; the point is that it returns at all.
fn load_and_validate(text: String) {
    let bank = Source {
        name: "advanced/caching.toml".into(),
        rel: "advanced/caching.toml".into(),
        text,
    };
    let loaded = parse_sources(vec![roadmap(), bank]);
    let opts = levelcheck::validate::Options {
        snippets: None,
        runs: 1,
        timeout: std::time::Duration::from_secs(1),
    };
    let v = levelcheck::validate::check(loaded, &opts);
    for d in &v.diagnostics {
        let _ = levelcheck::diagnostic::render(d, &v.sources, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random edits of a real bank never panic the loader, the validator or the renderer.
    #[test]
    fn mutated_banks_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..12)) {
        let mut bytes = bank_text().into_bytes();
        for (pos, byte, op) in edits {
            let i = pos % (bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        load_and_validate(String::from_utf8_lossy(&bytes).into_owned());
    }

    /// Arbitrary text never panics either.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        load_and_validate(text);
    }
}

#[test]
fn a_non_utf8_bank_is_a_clear_error() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    let mut bytes = std::fs::read(&f).unwrap();
    bytes.splice(40..40, [0xff, 0xfe]);
    std::fs::write(&f, bytes).unwrap();
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("not UTF-8").and(predicate::str::contains("messages.toml:")),
        );
}

#[test]
fn an_oversized_bank_is_a_clear_error() {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("basics/messages.toml");
    let pad = format!("{}\n", "# padding ".repeat(500_000));
    std::fs::write(&f, pad).unwrap();
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("limit for a bank file"));
}

#[cfg(unix)]
#[test]
fn a_directory_loop_does_not_hang() {
    let dir = copy_bank("http-bank");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("basics/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a")).unwrap();
    lc().timeout(std::time::Duration::from_secs(20))
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(0);
}

#[test]
fn a_snippet_that_loops_forever_is_stopped() {
    let dir = snippet_bank("while (true) {}");
    lc().timeout(std::time::Duration::from_secs(30))
        .arg("validate")
        .arg(dir.path())
        .args(["--run-snippets", "--snippet-timeout", "1", "--runs", "1"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("was stopped"));
}

#[test]
fn a_snippet_that_floods_output_is_cut_off() {
    let dir = snippet_bank("for (;;) process.stdout.write('x'.repeat(65536));");
    lc().timeout(std::time::Duration::from_secs(30))
        .arg("validate")
        .arg(dir.path())
        .args(["--run-snippets", "--snippet-timeout", "5", "--runs", "1"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("was stopped").or(predicate::str::contains("cut off")));
}

#[test]
fn a_snippet_that_writes_files_is_refused() {
    let dir = snippet_bank(
        "require('node:fs').writeFileSync('/tmp/levelcheck-should-not-exist', 'x');\nconsole.log('false');",
    );
    let _ = std::fs::remove_file("/tmp/levelcheck-should-not-exist");
    lc().arg("validate")
        .arg(dir.path())
        .args(["--run-snippets", "--runs", "1"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("snippet"));
    assert!(
        !std::path::Path::new("/tmp/levelcheck-should-not-exist").exists(),
        "the permission model let a snippet write a file"
    );
}

#[test]
fn toml_11_syntax_is_a_warning() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("advanced/caching.toml"),
        "level = \"advanced\"",
        "level = \"advanced\"\nextra = { a = 1,\n b = 2 }",
    );
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .stdout(predicate::str::contains("TOML 1.1-only syntax"));
}

#[test]
fn escape_sequences_in_bank_text_are_errors_and_never_reach_the_terminal() {
    let dir = copy_bank("http-bank");
    edit(
        &dir.path().join("basics/messages.toml"),
        "prompt = \"A logged-in user",
        "prompt = \"\\u001b[2J\\u001b[31mA logged-in user",
    );
    lc().arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "control character or escape sequence",
        ));
    // In a report the text is escaped, never written raw.
    let out = lc()
        .arg("--bank")
        .arg(dir.path())
        .args(["take", "--fixed", "--seed", "1", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b), "raw ESC in the report");
}
