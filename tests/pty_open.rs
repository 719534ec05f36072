//! Open questions and the mock interview in a real pseudo-terminal: type an answer (or answer
//! aloud), read the model answer, tick the key points, see the share; a follow-up when few were
//! covered; the interview's clock and its scorecard; the typed answer kept in history, shown by
//! `report`, and left out of `history --export`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SPACE: &str = " ";

fn open_bank() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/open-bank")
}

fn spawn(home: &Path, args: &[&str]) -> OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_levelcheck"));
    cmd.arg("--bank")
        .arg(open_bank())
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LEVELCHECK_HOME", home);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// The prompt is drawn a moment before it reads keys (see tests/pty.rs).
fn settle() {
    std::thread::sleep(Duration::from_millis(300));
}

fn send(s: &mut OsSession, keys: &[&str]) {
    settle();
    for k in keys {
        s.send(k).unwrap();
    }
}

fn assert_exit(s: &OsSession, code: i32) {
    let status = s.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").ends_with(&format!(", {code})")),
        "{status:?}"
    );
}

fn levelcheck(home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", home)
        .env("NO_COLOR", "1")
        .arg("--bank")
        .arg(open_bank())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The only session record in `home`.
fn the_record(home: &Path) -> serde_json::Value {
    let dir = home.join("sessions");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap()
}

/// Types the lines of an answer, then the empty line that ends it.
fn type_answer(s: &mut OsSession, lines: &[&str]) {
    s.expect("an empty line ends it").unwrap();
    for l in lines {
        send(s, &[l, ENTER]);
        s.expect(*l).unwrap();
    }
    send(s, &[ENTER]);
}

/// Seed 7 on the es6-async topic asks the open question on promise errors first.
#[test]
fn practice_an_open_question_by_typing_then_ticking_key_points() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &["practice", "--topic", "es6-async", "-n", "1", "--seed", "7"],
    );
    s.expect("Question 1 of 1").unwrap();
    s.expect("unhandledRejection").unwrap();
    s.expect("Answer in your own words").unwrap();
    send(&mut s, &[ENTER]); // "Type my answer"
    type_answer(
        &mut s,
        &[
            "Await every promise and lint for floating ones.",
            "Log the stack.",
        ],
    );
    s.expect("Model answer:").unwrap();
    s.expect("no-floating-promises").unwrap();
    s.expect("Tick the key points your answer covered").unwrap();
    // Key points 2 ("Await or return every promise") and 3 (the lint rule).
    send(&mut s, &[DOWN, DOWN, SPACE, DOWN, SPACE, ENTER]);
    s.expect("Covered 2 of 4 key points (50%)").unwrap();
    s.expect("50% of the key points covered.").unwrap();
    s.expect("· Unhandled rejections crash").unwrap();
    s.expect("✔ Await or return every promise").unwrap();
    s.expect("practice: 1/1 right").unwrap();
    assert_exit(&s, 0);

    let rec = the_record(home.path());
    let q = &rec["questions"][0];
    assert_eq!(q["id"], "core.open-promise-error-handling");
    assert_eq!(q["given"]["value"], serde_json::json!([2, 3]));
    assert_eq!(q["share"], 0.5);
    assert_eq!(
        q["typed"],
        "Await every promise and lint for floating ones.\nLog the stack."
    );
    // The export is for sharing: the answer's key points go, the words typed do not.
    let export = levelcheck(home.path(), &["history", "--export", "-"]);
    assert!(export.contains(r#""given":{"points":[2,3]}"#), "{export}");
    assert!(!export.contains("floating ones"), "{export}");
}

/// Seed 1 on the event-loop topic asks the open question on a stalled event loop first.
#[test]
fn practice_an_open_question_answered_aloud() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &[
            "practice",
            "--topic",
            "event-loop",
            "-n",
            "1",
            "--seed",
            "1",
        ],
    );
    s.expect("Question 1 of 1").unwrap();
    s.expect("Answer in your own words").unwrap();
    s.expect("I answered aloud — show me the model answer")
        .unwrap();
    send(&mut s, &[DOWN, ENTER]);
    s.expect("Model answer:").unwrap();
    s.expect("monitorEventLoopDelay").unwrap();
    s.expect("Tick the key points").unwrap();
    send(&mut s, &[SPACE, ENTER]);
    s.expect("Covered 1 of 4 key points (25%)").unwrap();
    s.expect("25% of the key points covered.").unwrap();
    s.expect("practice: 0/1 right").unwrap();
    assert_exit(&s, 0);
    let q = &the_record(home.path())["questions"][0];
    assert_eq!(q["id"], "core.open-event-loop-stall");
    assert!(q.get("typed").is_none(), "nothing was typed: {q}");
    assert!(q.get("follow_ups").is_none(), "practice puts no follow-ups");
}

/// Seed 3, ten minutes on the open bank: the promise-errors open question, a code-output
/// question (as a choice), the event-loop open question (which has a follow-up), then a single choice.
#[test]
fn an_interview_in_a_terminal_runs_to_its_scorecard() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(
        home.path(),
        &["interview", "--seed", "3", "--minutes", "10"],
    );
    s.expect("Question 1 of 4 · ⏱ 0:00 of 10:00 · ~4 min for this one")
        .unwrap();
    s.expect("Answer in your own words").unwrap();
    send(&mut s, &[ENTER]);
    type_answer(
        &mut s,
        &["A process.on('unhandledRejection') handler that logs."],
    );
    s.expect("Tick the key points").unwrap();
    send(&mut s, &[DOWN, SPACE, ENTER]);
    s.expect("Covered 1 of 4 key points (25%)").unwrap();
    s.expect(Regex(
        r"⏱ \d+:\d\d on this question · \d+:\d\d of 10:00 overall",
    ))
    .unwrap();
    // No follow-up: this question has none, however few points were covered.
    s.expect(Regex(
        r"Question 2 of 4 · ⏱ \d+:\d\d of 10:00 · ~1 min for this one",
    ))
    .unwrap();
    s.expect("Skip — I don't know").unwrap();
    send(&mut s, &[UP, ENTER]);

    s.expect("Question 3 of 4").unwrap();
    s.expect("Answer in your own words").unwrap();
    send(&mut s, &[DOWN, ENTER]); // aloud
    s.expect("Tick the key points").unwrap();
    send(&mut s, &[ENTER]); // none covered
    s.expect("Covered 0 of 4 key points (0%)").unwrap();
    s.expect("Follow-up: Why would setImmediate chunks help")
        .unwrap();
    s.expect("Answer it").unwrap();
    send(&mut s, &[ENTER]); // type it
    type_answer(&mut s, &["Each chunk yields so timers and I/O get a turn."]);
    s.expect("Did your answer cover it?").unwrap();
    send(&mut s, &["y"]);

    s.expect("Question 4 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    send(&mut s, &[UP, ENTER]);

    s.expect(Regex(
        // The headline wraps to the terminal's width: any space may be a line break.
        r"(?s)mock interview · .*? · 4\s+questions\s+in\s+\d+:\d\d\s+of\s+10\s+min",
    ))
    .unwrap();
    s.expect(Regex(r"open 1/8\s+key\s+points\s+·\s+follow-ups\s+1/1"))
        .unwrap();
    s.expect("Questions, with the time each took:").unwrap();
    s.expect(Regex(
        r"1\.\s+\d+:\d\d  open 1/4\s+core.open-promise-error-handling",
    ))
    .unwrap();
    s.expect("Your answer:").unwrap();
    s.expect("│ A process.on('unhandledRejection') handler that logs.")
        .unwrap();
    s.expect("Follow-up 1:").unwrap();
    s.expect("│ Each chunk yields so timers and I/O get a turn.")
        .unwrap();
    s.expect("Revisit:").unwrap();
    s.expect("Next steps:").unwrap();
    assert_exit(&s, 0);

    // Re-rendered from history: the same minutes allowed, the answer typed, the follow-up.
    let report = levelcheck(home.path(), &["report"]);
    assert!(report.contains("of 10 min"), "{report}");
    assert!(report.contains("follow-ups 1/1"), "{report}");
    assert!(
        report.contains("│ A process.on('unhandledRejection') handler that logs."),
        "{report}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&levelcheck(home.path(), &["report", "--format", "json"])).unwrap();
    let first = &j["questions"][0];
    assert_eq!(first["kind"], "open");
    assert_eq!(
        first["typed"],
        "A process.on('unhandledRejection') handler that logs."
    );
    assert_eq!(j["questions"][2]["follow_ups"], serde_json::json!([true]));
    // The follow-up's words are kept like the answer's, and stay out of the export.
    assert_eq!(
        j["questions"][2]["follow_up_typed"],
        serde_json::json!(["Each chunk yields so timers and I/O get a turn."])
    );
    let record = the_record(home.path());
    assert_eq!(
        record["questions"][2]["follow_up_typed"][0],
        "Each chunk yields so timers and I/O get a turn."
    );
    let export = levelcheck(home.path(), &["history", "--export", "-"]);
    assert!(!export.contains("Each chunk yields"), "{export}");
    assert!(!export.contains("unhandledRejection') handler"), "{export}");
}
