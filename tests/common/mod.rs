//! Helpers shared by the integration tests: the binary, the example banks, scratch copies.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn lc() -> Command {
    let mut c = Command::cargo_bin("levelcheck").expect("binary builds");
    // No $COLUMNS from the caller's shell: output widths are the tests' own choice.
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .env(
            "LEVELCHECK_HOME",
            std::env::temp_dir().join("levelcheck-test-home"),
        );
    c
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// A scratch copy of an example bank, to break on purpose.
pub fn copy_bank(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&example(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Replaces the first occurrence of `from` in a file, failing loudly if it is not there.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Right answers for every question of the HTTP example bank.
pub const HTTP_ALL_RIGHT: &str = r#"{
  "messages.idempotent-methods": ["PUT", "DELETE"],
  "messages.head-body": false,
  "messages.created-status": " 201 ",
  "messages.unauthorized-vs-forbidden": "403 Forbidden",
  "caching.no-cache-meaning": "It may store the response but must revalidate it before each reuse",
  "caching.etag-order": ["The server sends a response with an ETag", "The cached response becomes stale", "The client sends If-None-Match with the ETag", "The server answers 304 Not Modified"],
  "caching.json-stringify-order": "false"
}"#;

/// Runs a command that must succeed and parses its standard output as JSON.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A bank whose only output question runs `code`.
pub fn snippet_bank(code: &str) -> tempfile::TempDir {
    let dir = copy_bank("http-bank");
    let f = dir.path().join("advanced/caching.toml");
    let text = std::fs::read_to_string(&f).unwrap();
    let start = text.find("code = '''").unwrap();
    let end = start + text[start..].find("output = '''").unwrap();
    std::fs::write(
        &f,
        format!(
            "{}code = '''\n{code}\n'''\n{}",
            &text[..start],
            &text[end..]
        ),
    )
    .unwrap();
    dir
}
