//! Committed blind ratings inform the engine: where two judges agree on a placement, the
//! question's prior difficulty comes from it, not from the writer's tag.

mod common;

use common::{copy_bank, example, lc};
use levelcheck::bank::load::{BankSource, load};
use levelcheck::engine::irt::{DIFFICULTY_STEP, Scale};
use levelcheck::ratings::inform::load_and_inform;

fn bank_with_ratings() -> tempfile::TempDir {
    let dir = copy_bank("http-bank");
    let ratings = dir.path().join("ratings");
    std::fs::create_dir(&ratings).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ratings");
    for judge in ["ana.jsonl", "bo.jsonl"] {
        std::fs::copy(fixtures.join(judge), ratings.join(judge)).unwrap();
    }
    dir
}

#[test]
fn an_agreed_placement_replaces_the_tag_as_the_prior() {
    let dir = bank_with_ratings();
    let source = BankSource::Dirs(vec![dir.path().to_path_buf()]);
    let mut bank = load(&source).unwrap();
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let i = bank
        .questions
        .iter()
        .position(|q| q.id == "caching.etag-order")
        .unwrap();
    let tagged = scale.params(&bank.questions[i]).b;
    // Both judges: basics, difficulty 3 (the tag says advanced, 2).
    let placed = load_and_inform(&mut bank, &source).unwrap();
    assert!(placed >= 1, "{placed}");
    let q = &bank.questions[i];
    assert_eq!(q.judged, Some((0, 3)));
    let b = scale.params(q).b;
    assert!(
        (b - (scale.typical_b(0) + DIFFICULTY_STEP)).abs() < 1e-9,
        "{b}"
    );
    assert!(b < tagged, "judged easier than tagged: {b} vs {tagged}");
    // "Not a level question" leaves the tag alone.
    let j = bank
        .questions
        .iter()
        .position(|q| q.id == "caching.json-stringify-order")
        .unwrap();
    assert_eq!(bank.questions[j].judged, None);
}

#[test]
fn a_bank_without_ratings_keeps_its_tags_and_a_broken_ratings_file_stops_the_quiz() {
    let source = BankSource::Dirs(vec![example("http-bank")]);
    let mut bank = load(&source).unwrap();
    assert_eq!(load_and_inform(&mut bank, &source).unwrap(), 0);
    assert!(bank.questions.iter().all(|q| q.judged.is_none()));

    let dir = bank_with_ratings();
    std::fs::write(
        dir.path().join("ratings/cut.jsonl"),
        "{\"format_version\":1,\"judge\":",
    )
    .unwrap();
    let out = lc()
        .args(["--no-history", "--bank"])
        .arg(dir.path())
        .args(["take", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut.jsonl"), "{err}");
}
