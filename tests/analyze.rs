//! `levelcheck analyze`: wrong keys found in simulated adaptive data, a clean bank passes, the
//! team lead's flow (sessions → history --export → analyze), and bad input located.

#![allow(clippy::print_stderr)] // the detection figures are printed for the README

mod common;

use std::path::{Path, PathBuf};

use common::*;
use levelcheck::bank::load::{BankSource, load};
use levelcheck::bank::{Body, Question};
use levelcheck::engine::irt::{Params, Scale, guessing, p_correct};
use levelcheck::engine::rng::QuizRng;
use levelcheck::simulate::normal;

fn builtin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questions")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The answers-file value of a right answer, and of a wrong one drawn at random.
fn given(q: &Question, right: bool, rng: &mut QuizRng) -> serde_json::Value {
    use serde_json::json;
    let pick = |v: &[String], rng: &mut QuizRng| v[rng.below(v.len())].clone();
    match (&q.body, right) {
        (Body::Single { answer, .. }, true) => json!(answer),
        (Body::Single { distractors, .. }, false) => json!(pick(distractors, rng)),
        (Body::Output { output, .. }, true) => json!(output),
        (Body::Output { distractors, .. }, false) => json!(pick(distractors, rng)),
        (Body::Multi { answers, .. }, true) => json!(answers),
        (
            Body::Multi {
                answers,
                distractors,
                ..
            },
            false,
        ) => {
            let mut v = answers[1..].to_vec();
            v.push(pick(distractors, rng));
            json!(v)
        }
        (Body::TrueFalse { answer }, r) => json!(*answer == r),
        (Body::Text { accept, .. }, true) => json!(accept[0]),
        (Body::Order { items }, true) => json!(items),
        (Body::Order { items }, false) => json!(items.iter().rev().collect::<Vec<_>>()),
        _ => json!("skip"),
    }
}

/// `people` simulated people answering ~40 questions each of the bank at `dir`, chosen near
/// their ability as an adaptive test would (nearest to an estimate off by N(0, 0.8), as early
/// in a session: the range of ability each question sees is restricted), answered with the
/// bank's real keys under true parameters off the tags (difficulty noise 0.6, slopes 1.4 with a
/// log-normal spread of 0.3).
fn simulated_responses(dir: &Path, people: usize, seed: u64) -> String {
    let bank = load(&BankSource::Dirs(vec![dir.to_path_buf()])).unwrap();
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let mut rng = QuizRng::new(seed);
    let closed: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| !q.body.is_open())
        .collect();
    let truth: Vec<Params> = closed
        .iter()
        .map(|q| {
            let a = 1.4 * (0.3 * normal(&mut rng)).exp();
            let b = scale.params(q).b + 0.6 * normal(&mut rng);
            Params::measured(a, b, guessing(q))
        })
        .collect();
    let mut out = String::new();
    for p in 0..people {
        let theta = normal(&mut rng);
        let mut near: Vec<(f64, usize)> = closed
            .iter()
            .enumerate()
            .map(|(j, q)| {
                (
                    (scale.params(q).b - theta + 0.8 * normal(&mut rng)).abs(),
                    j,
                )
            })
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0));
        for &(_, j) in &near[..40] {
            let right = rng.unit() < p_correct(truth[j], theta);
            let line = serde_json::json!({
                "respondent": format!("r{p}"), "session": format!("s{p}"),
                "question": closed[j].id, "given": given(closed[j], right, &mut rng),
                "correct": right, "mode": "adaptive", "bank": bank.digest,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

/// Swaps the key of `count` single-choice questions (spread over the bank) with their first
/// distractor, rewriting the files; returns the swapped ids.
fn swap_keys(dir: &Path, count: usize) -> Vec<String> {
    let bank = load(&BankSource::Dirs(vec![dir.to_path_buf()])).unwrap();
    let singles: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| matches!(q.body, Body::Single { .. }))
        .collect();
    let step = singles.len() / count;
    let ids: Vec<String> = (0..count)
        .map(|k| singles[k * step + step / 2].id.clone())
        .collect();
    for q in bank.questions.iter().filter(|q| ids.contains(&q.id)) {
        let path = dir.join(
            Path::new(&q.origin.file)
                .strip_prefix(dir)
                .unwrap_or(Path::new(&q.origin.file)),
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let mut doc: toml::Table = toml::from_str(&text).unwrap();
        for t in doc["questions"].as_array_mut().unwrap() {
            let t = t.as_table_mut().unwrap();
            if t["id"].as_str() == Some(q.id.as_str()) {
                let answer = t["answer"].clone();
                let d = t["distractors"].as_array_mut().unwrap();
                let first = std::mem::replace(&mut d[0], answer);
                t.insert("answer".into(), first);
            }
        }
        std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    }
    ids
}

fn analyze_json(dir: &Path, responses: &Path) -> (Option<i32>, serde_json::Value) {
    let out = lc()
        .arg("--bank")
        .arg(dir)
        .arg("analyze")
        .arg(responses)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

fn miskeyed(doc: &serde_json::Value) -> Vec<String> {
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            q["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "possible-miskey")
        })
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ten_swapped_keys_are_found_in_adaptive_data() {
    let tmp = tempfile::tempdir().unwrap();
    let bank = tmp.path().join("bank");
    copy_dir(&builtin(), &bank);
    let responses = write(tmp.path(), "r.jsonl", &simulated_responses(&bank, 2000, 7));
    let swapped = swap_keys(&bank, 10);
    let (code, doc) = analyze_json(&bank, &responses);
    let flagged = miskeyed(&doc);
    let found = swapped.iter().filter(|id| flagged.contains(id)).count();
    let false_flags = flagged.len() - found;
    let n_of = |id: &str| {
        doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["n"].clone())
    };
    eprintln!(
        "miskeys: {found} of 10 swapped keys flagged (n: {:?}), {false_flags} false flags among {} other questions",
        swapped.iter().map(|id| n_of(id)).collect::<Vec<_>>(),
        doc["questions"].as_array().unwrap().len() - 10
    );
    assert!(found >= 8, "{found} of 10 found; flagged {flagged:?}");
    assert!(false_flags <= 10, "{false_flags} false flags: {flagged:?}");
    assert_eq!(code, Some(1));
    // The true key of a swapped question is now a distractor chosen by the strongest people.
    let q = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == swapped[0])
        .unwrap();
    let opts = q["options"].as_array().unwrap();
    let key_ability = opts.iter().find(|o| o["key"] == true).unwrap()["mean_ability"].as_f64();
    let best = opts
        .iter()
        .filter_map(|o| o["mean_ability"].as_f64())
        .fold(f64::MIN, f64::max);
    assert!(key_ability.unwrap() < best, "{q}");
}

#[test]
fn a_clean_bank_passes_with_few_false_flags() {
    let tmp = tempfile::tempdir().unwrap();
    let responses = write(
        tmp.path(),
        "r.jsonl",
        &simulated_responses(&builtin(), 2000, 8),
    );
    let (code, doc) = analyze_json(&builtin(), &responses);
    let flagged = miskeyed(&doc);
    eprintln!(
        "clean bank: {} false possible-miskey flags: {flagged:?}",
        flagged.len()
    );
    let questions = doc["questions"].as_array().unwrap();
    assert!(questions.len() > 700, "{}", questions.len());
    assert_eq!(doc["responses"], 80_000);
    assert_eq!(doc["people"], 2000);
    // Every analysed question has its flags; sound data discriminate positively on the whole.
    let positive = questions
        .iter()
        .filter(|q| q["discrimination"].as_f64().is_some_and(|r| r > 0.0))
        .count();
    assert!(
        positive * 10 > questions.len() * 9,
        "{positive} of {}",
        questions.len()
    );
    assert!(flagged.is_empty(), "{flagged:?}");
    assert_eq!(code, Some(0));
}

/// A dozen scripted sessions on the HTTP example bank under one state folder, exported and
/// analysed: every question asked appears, with `insufficient-data` at this size.
#[test]
fn a_team_lead_exports_a_dozen_sessions_and_analyzes_them() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let all: serde_json::Value = serde_json::from_str(HTTP_ALL_RIGHT).unwrap();
    let ids: Vec<&String> = all.as_object().unwrap().keys().collect();
    for s in 0..12usize {
        // Session s knows the first s+1 questions' answers (the rest skipped).
        let mut answers = serde_json::Map::new();
        for (k, id) in ids.iter().enumerate() {
            let v = if k <= s {
                all[id.as_str()].clone()
            } else {
                "skip".into()
            };
            answers.insert(id.to_string(), v);
        }
        let file = write(
            work.path(),
            &format!("a{s}.json"),
            &serde_json::Value::Object(answers).to_string(),
        );
        lc().env("LEVELCHECK_HOME", home.path())
            .arg("--bank")
            .arg(example("http-bank"))
            .args(["take", "--fixed", "-n", "6", "--seed"])
            .arg(s.to_string())
            .arg("--answers")
            .arg(&file)
            .assert()
            .code(0);
    }
    let export = work.path().join("pool.jsonl");
    lc().env("LEVELCHECK_HOME", home.path())
        .args(["history", "--export"])
        .arg(&export)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&export).unwrap();
    let asked: std::collections::BTreeSet<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["question"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(asked.len() > 6, "{asked:?}");
    let out = lc()
        .arg("--bank")
        .arg(example("http-bank"))
        .arg("analyze")
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    for id in &asked {
        let row = report
            .lines()
            .find(|l| l.starts_with(id.as_str()))
            .unwrap_or_else(|| panic!("{id} missing:\n{report}"));
        assert!(row.ends_with("insufficient-data"), "{row}");
    }
    assert!(
        report.contains(&format!(
            "{} responses from 12 sessions",
            text.lines().count()
        )),
        "{report}"
    );
    // The Markdown and GitHub forms render the same questions; --output refuses an input.
    let md = lc()
        .arg("--bank")
        .arg(example("http-bank"))
        .arg("analyze")
        .arg(&export)
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        asked.iter().all(|id| md.contains(&format!("| `{id}` |"))),
        "{md}"
    );
    lc().arg("--bank")
        .arg(example("http-bank"))
        .arg("analyze")
        .arg(&export)
        .arg("--output")
        .arg(&export)
        .assert()
        .code(2);
}

#[test]
fn a_bad_responses_line_is_located_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"respondent":"r","session":"s","question":"messages.head-body","given":false,"correct":true,"mode":"fixed","bank":"sha256:x"}"#;
    let file = write(
        dir.path(),
        "r.jsonl",
        &format!("{good}\n{good}\n{{\"respondent\": 1}}\n"),
    );
    let out = lc()
        .arg("--bank")
        .arg(example("http-bank"))
        .arg("analyze")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("{}:3:", file.display())), "{err}");
    lc().args(["analyze", "--no-such-flag"])
        .arg(&file)
        .assert()
        .code(2);
}

/// Responses to a question edited since are counted apart, not analysed; GitHub annotations
/// point at the flagged question's file and line.
#[test]
fn changed_questions_are_reported_apart_and_flags_are_annotated() {
    let bank = copy_bank("http-bank");
    let b = load(&BankSource::Dirs(vec![bank.path().to_path_buf()])).unwrap();
    let q = b.question("messages.head-body").unwrap();
    let mut lines = String::new();
    // 40 people: the strong ones (even) say true, which the key calls wrong → a miskey.
    for p in 0..40 {
        let v = serde_json::json!(p % 2 == 0);
        lines.push_str(&serde_json::json!({"respondent": "r", "session": format!("s{p}"), "question": q.id, "given": v, "correct": true, "mode": "fixed", "bank": "x", "digest": q.digest()}).to_string());
        lines.push('\n');
        for other in b
            .questions
            .iter()
            .filter(|o| !o.body.is_open() && o.id != q.id)
        {
            let right = p % 2 == 0;
            let mut rng = QuizRng::new(p);
            lines.push_str(&serde_json::json!({"respondent": "r", "session": format!("s{p}"), "question": other.id, "given": given(other, right, &mut rng), "correct": right, "mode": "fixed", "bank": "x"}).to_string());
            lines.push('\n');
        }
    }
    lines.push_str(&serde_json::json!({"respondent": "r", "session": "old", "question": q.id, "given": true, "correct": true, "mode": "fixed", "bank": "x", "digest": "0000"}).to_string());
    let file = write(bank.path(), "r.jsonl", &lines);
    let out = lc()
        .arg("--bank")
        .arg(bank.path())
        .arg("analyze")
        .arg(&file)
        .args(["--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let gh = String::from_utf8(out.stdout).unwrap();
    let text = std::fs::read_to_string(&q.origin.file).unwrap();
    let line = text[..q.origin.table.start].lines().count() + 1;
    let want = format!(
        "::warning file={},line={line},title=levelcheck analyze possible-miskey::messages.head-body",
        q.origin.file
    );
    assert!(
        gh.lines().any(|l| l.starts_with(&want)),
        "want {want}\n{gh}"
    );
    let (_, doc) = analyze_json(bank.path(), &file);
    assert_eq!(
        doc["changed"],
        serde_json::json!([{"id": "messages.head-body", "responses": 1}])
    );
    assert_eq!(doc["skipped"]["changed"], 1);
}

/// `simulate --responses-out --truth-out`: the simulated sessions come out in the responses
/// format `analyze` reads (digests current, nothing left out), and the truth file is one
/// `--truth` reads back unchanged.
#[test]
fn simulate_writes_responses_analyze_reads_and_a_truth_file_it_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (r, t, t2) = (
        dir.path().join("r.jsonl"),
        dir.path().join("t.toml"),
        dir.path().join("t2.toml"),
    );
    let sim = |extra: &[&std::ffi::OsStr]| {
        let mut c = lc();
        c.arg("--bank")
            .arg(example("http-bank"))
            .args([
                "simulate",
                "--examinees",
                "150",
                "--population",
                "standard-normal",
                "--format",
                "json",
            ])
            .args(extra);
        c
    };
    sim(&[
        "--responses-out".as_ref(),
        r.as_os_str(),
        "--truth-out".as_ref(),
        t.as_os_str(),
    ])
    .assert()
    .code(0);
    let text = std::fs::read_to_string(&r).unwrap();
    let sessions: std::collections::BTreeSet<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["respondent"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sessions.len(), 150);
    let (code, doc) = analyze_json(&example("http-bank"), &r);
    assert_ne!(code, Some(2));
    assert_eq!(
        doc["responses"].as_u64().unwrap() as usize,
        text.lines().count()
    );
    assert_eq!(
        doc["skipped"],
        serde_json::json!({"unknown": 0, "changed": 0, "unreadable": 0, "repeated": 0})
    );
    // Right answers are re-marked right: the stored `correct` agrees with today's key.
    let right = text
        .lines()
        .filter(|l| l.contains("\"correct\":true"))
        .count() as f64;
    let share: f64 = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["share_right"].as_f64().unwrap() * q["n"].as_f64().unwrap())
        .sum();
    assert!((share - right).abs() < 1e-6, "{share} vs {right}");
    sim(&[
        "--truth".as_ref(),
        t.as_os_str(),
        "--truth-out".as_ref(),
        t2.as_os_str(),
    ])
    .assert()
    .code(0);
    assert_eq!(
        std::fs::read_to_string(&t).unwrap(),
        std::fs::read_to_string(&t2).unwrap()
    );
    sim(&[
        "--truth".as_ref(),
        t.as_os_str(),
        "--truth-out".as_ref(),
        t.as_os_str(),
    ])
    .assert()
    .code(2);
}
