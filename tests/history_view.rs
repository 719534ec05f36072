//! `levelcheck history` as text: sections grouped under their level in roadmap order, and a
//! trend bar only where a session asked enough of a section to mean something.

mod common;

use std::path::Path;

use common::*;

fn lh(home: &Path) -> assert_cmd::Command {
    let mut c = lc();
    c.env("LEVELCHECK_HOME", home)
        .arg("--bank")
        .arg(example("http-bank"));
    c
}

fn practice(home: &Path, args: &[&str]) {
    lh(home)
        .arg("practice")
        .args(args)
        .args(["--seed", "1", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(0);
}

/// The part of `history` after the session table.
fn trends(home: &Path) -> String {
    let out = lh(home).arg("history").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let at = text.find("Sections over time").expect("a trends block");
    text[at..].to_string()
}

#[test]
fn sections_are_grouped_by_level_in_roadmap_order() {
    let home = tempfile::tempdir().unwrap();
    // All seven questions: four in basics/messages, three in advanced/caching.
    practice(home.path(), &["-n", "7"]);
    let t = trends(home.path());
    let at = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s} missing: {t}"));
    // Alphabetical would put Caching first; the roadmap puts Basics (Messages) first.
    assert!(at("  Basics\n") < at("Messages"), "{t}");
    assert!(at("Messages") < at("  Advanced\n"), "{t}");
    assert!(at("  Advanced\n") < at("Caching"), "{t}");
    assert!(t.contains("last 0%"), "{t}");
    assert!(!t.contains("too few questions"), "{t}");
}

#[test]
fn a_trend_needs_enough_questions_in_a_session() {
    let home = tempfile::tempdir().unwrap();
    practice(home.path(), &["-n", "2", "--section", "caching"]);
    let t = trends(home.path());
    assert!(
        t.contains("too few questions (2 asked in all)")
            && t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains("sessions with at least 3 of the section's questions"),
        "{t}"
    );
    assert!(!t.contains("last "), "{t}");
}
