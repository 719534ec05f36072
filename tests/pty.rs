//! The real interactive quiz in a pseudo-terminal: keys go in, the screen is read back.

mod common;

use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{Expect, Session};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";

fn quiz(args: &[&str]) -> OsSession {
    quiz_in(&std::env::temp_dir().join("levelcheck-pty-home"), args)
}

/// Seed 1 asks, in order: a single choice (403 vs 401), a typed status code, a code-output
/// question, then a single choice. Skip, type, choose with arrows, then Ctrl-C.
#[test]
fn arrows_enter_skip_and_ctrl_c_in_a_real_terminal() {
    let mut s = quiz(&[
        "take",
        "--fixed",
        "--seed",
        "1",
        "-n",
        "4",
        "--feedback",
        "after-each",
    ]);
    s.expect("Question 1 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    pick_skip(&mut s);
    s.expect("Skipped. The answer: 403 Forbidden").unwrap();

    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    s.send("201").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Right.").unwrap();

    s.expect("Question 3 of 4").unwrap();
    s.expect("console.log(a === b)").unwrap();
    s.send(DOWN).unwrap();
    s.send(ENTER).unwrap();
    s.expect("The answer: false")
        .or_else(|_| s.expect("Right."))
        .unwrap();

    s.expect("Question 4 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    s.expect("Interrupted: this report covers only the questions answered so far.")
        .unwrap();
    s.expect("Level reached:").unwrap();
    s.expect("3 questions").unwrap();
    assert_exit(&s, 130);
}

/// A full run to the end shows the level, the evidence, and offers the review of what was missed.
#[test]
fn a_full_run_ends_with_a_level_and_a_review() {
    let mut s = quiz(&["take", "--fixed", "--seed", "2", "-n", "2"]);
    s.expect("Question 1 of 2").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    s.send(ENTER).unwrap(); // empty: skip
    s.expect("Question 2 of 2").unwrap();
    s.expect("Skip — I don't know").unwrap();
    s.send(ENTER).unwrap(); // "True" is first for a true/false question: wrong here
    s.expect("Level reached: Not yet Basics").unwrap();
    s.expect("Study plan — topics you missed").unwrap();
    s.expect("Review the 2 missed questions?").unwrap();
    s.send("y").unwrap();
    s.expect("Right answer: 201").unwrap();
    assert_exit(&s, 0);
}

fn assert_exit(s: &OsSession, code: i32) {
    let status = s.get_process().wait().unwrap();
    assert!(
        format!("{status:?}").ends_with(&format!(", {code})")),
        "{status:?}"
    );
}

/// The default (adaptive) quiz says it may stop early.
#[test]
fn the_adaptive_quiz_shows_at_most_n() {
    let mut s = quiz(&["--seed", "3", "-n", "5"]);
    s.expect("Question 1 of at most 5").unwrap();
    s.expect("Skip — I don't know").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    s.expect("Level reached:").unwrap();
    assert_exit(&s, 130);
}

/// The prompt is drawn a moment before it starts reading keys; a Ctrl-C in between is a signal,
/// not a key (the quiz then stops at the next prompt). Give the prompt that moment.
fn settle() {
    std::thread::sleep(Duration::from_millis(300));
}

fn quiz_in(home: &std::path::Path, args: &[&str]) -> OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_levelcheck"));
    cmd.arg("--bank")
        .arg(common::example("http-bank"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LEVELCHECK_HOME", home);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// A drill: each answer is marked at once with its explanation, and a tally closes it.
#[test]
fn a_practice_session_marks_each_answer_and_tallies_topics() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(home.path(), &["practice", "--seed", "4", "-n", "2"]);
    s.expect("Question 1 of 2").unwrap();
    s.expect("Select all that apply").unwrap();
    settle();
    // Enter with nothing marked on a select-all asks before it records a skip.
    s.send(ENTER).unwrap();
    s.expect("Nothing selected — skip this question?").unwrap();
    s.send("y").unwrap();
    s.expect("Skipped. The answer:").unwrap();
    s.expect("Question 2 of 2").unwrap();
    s.expect("?").unwrap();
    settle();
    pick_skip(&mut s);
    s.expect("practice: 0/2 right").unwrap();
    s.expect(expectrl::Regex(
        "they come back soonest with\\s+levelcheck practice --bank ",
    ))
    .unwrap();
    assert_exit(&s, 0);
}

/// Ctrl-C, then `take --resume` picks up at the next question in a new terminal.
#[test]
fn an_interrupted_quiz_resumes_where_it_stopped() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(home.path(), &["take", "--fixed", "--seed", "1", "-n", "4"]);
    s.expect("Question 1 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    pick_skip(&mut s);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    // The hint names the banks the quiz ran on, so that, copied, it resumes on them.
    s.expect(expectrl::Regex(
        "levelcheck take --bank [^ ]*http-bank --resume",
    ))
    .unwrap();
    assert_exit(&s, 130);

    let mut s = quiz_in(home.path(), &["take", "--resume"]);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    s.send("201").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Question 3 of 4").unwrap();
}

/// `--confidence` asks how sure you are after each answer (not after a skip).
#[test]
fn confidence_is_asked_after_each_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(
        home.path(),
        &["take", "--fixed", "--seed", "1", "-n", "2", "--confidence"],
    );
    s.expect("Question 1 of 2").unwrap();
    s.expect("Skip — I don't know").unwrap();
    s.send(ENTER).unwrap();
    s.expect("How sure are you?").unwrap();
    s.expect("Certain").unwrap();
    settle();
    s.send(DOWN).unwrap();
    s.send(ENTER).unwrap();
    s.expect("Question 2 of 2").unwrap();
    s.expect("console.log(a === b)").unwrap();
    s.expect("Skip — I don't know").unwrap();
    settle();
    pick_skip(&mut s);
    s.expect("Confidence (1 rated answer)").unwrap();
    s.expect("certain").unwrap();
}

/// Closing the terminal (SIGHUP) mid-quiz keeps what was answered, ready for `take --resume`.
#[test]
fn a_closed_terminal_keeps_the_session_for_resume() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(home.path(), &["take", "--fixed", "--seed", "1", "-n", "4"]);
    s.expect("Question 1 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    settle();
    pick_skip(&mut s);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    let pid = s.get_process().pid().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .unwrap()
            .success()
    );
    let _ = s.get_process().wait();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", home.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sessions = h["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 1, "{h}");
    assert_eq!(sessions[0]["interrupted"], true);
    assert_eq!(sessions[0]["asked"], 1);
}

/// Up from the first option wraps to the last one, "Skip — I don't know"; Enter picks it.
fn pick_skip(s: &mut OsSession) {
    s.send(UP).unwrap();
    s.send(ENTER).unwrap();
}

/// Ctrl-C at the closing "Review the missed questions?" prompt is an interruption: exit 130.
#[test]
fn ctrl_c_at_the_review_prompt_exits_130() {
    let mut s = quiz(&["take", "--fixed", "--seed", "2", "-n", "2"]);
    s.expect("Question 1 of 2").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Question 2 of 2").unwrap();
    s.expect("Skip — I don't know").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Review the 2 missed questions?").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    assert_exit(&s, 130);
}

/// In a terminal with standard error redirected, the error names standard error, not input.
#[test]
fn with_stderr_redirected_the_error_names_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("err.txt");
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(format!(
        "exec {:?} --no-history --bank {:?} take 2>{:?}",
        env!("CARGO_BIN_EXE_levelcheck"),
        common::example("http-bank"),
        log
    ));
    let s = Session::spawn(cmd).unwrap();
    assert_exit(&s, 2);
    let err = std::fs::read_to_string(&log).unwrap();
    assert!(err.contains("standard error is not a terminal"), "{err}");
}

/// Ctrl-C at the `--confidence` prompt keeps the answer just given (unrated).
#[test]
fn ctrl_c_at_the_confidence_prompt_keeps_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(
        home.path(),
        &["take", "--fixed", "--seed", "1", "-n", "2", "--confidence"],
    );
    s.expect("Question 1 of 2").unwrap();
    s.expect("Skip — I don't know").unwrap();
    s.send(ENTER).unwrap();
    s.expect("How sure are you?").unwrap();
    s.expect("Certain").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    s.expect("Level reached:").unwrap();
    assert_exit(&s, 130);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", home.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["sessions"][0]["asked"], 1, "the answer was dropped: {h}");
}

/// With nothing answered (or with --no-history) nothing is saved, so no resume is offered.
#[test]
fn no_resume_is_offered_when_nothing_was_saved() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(
        home.path(),
        &["--no-history", "take", "--fixed", "--seed", "1", "-n", "4"],
    );
    s.expect("Question 1 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    pick_skip(&mut s);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    s.expect("Level reached:").unwrap();
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut s, &mut rest);
    assert!(!rest.contains("--resume"), "{rest}");
    assert_exit(&s, 130);
}

/// Skipping everything on the built-in banks leaves some area looking weaker than the rest: the
/// check offers to confirm it, and "n" goes straight to the report.
#[test]
fn a_possible_gap_is_offered_for_confirmation_and_can_be_declined() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_levelcheck"));
    cmd.args(["--seed", "5"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LEVELCHECK_HOME", home.path());
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_millis(800)));
    let mut offers = 0;
    for _ in 0..40 {
        if s.expect("more questions?").is_ok() {
            offers += 1;
            s.send("n").unwrap();
        } else if s.expect("Nothing selected").is_ok() {
            s.send("y").unwrap();
        } else if s.expect("levelcheck report").is_ok() {
            break;
        } else {
            s.send(ENTER).unwrap();
        }
    }
    assert!(offers >= 1, "no confirmation was offered");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s.expect("By area").unwrap();
    s.expect("Review the").unwrap();
    s.send("n").unwrap();
    assert_exit(&s, 0);
}

/// `take --resume` asks as the interrupted part did: `--confidence` carries over.
#[test]
fn a_resumed_quiz_keeps_asking_how_sure() {
    let home = tempfile::tempdir().unwrap();
    let args = ["take", "--fixed", "--seed", "1", "-n", "4", "--confidence"];
    let mut s = quiz_in(home.path(), &args);
    s.expect("an answer is final once you press Enter").unwrap();
    s.expect("Skip — I don't know").unwrap();
    pick_skip(&mut s);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    // The hint names the banks the quiz ran on, so that, copied, it resumes on them.
    s.expect(expectrl::Regex(
        "levelcheck take --bank [^ ]*http-bank --resume",
    ))
    .unwrap();
    assert_exit(&s, 130);

    let mut s = quiz_in(home.path(), &["take", "--resume"]);
    s.expect("Your answer (empty to skip)").unwrap();
    s.send("201").unwrap();
    s.send(ENTER).unwrap();
    s.expect("How sure are you?").unwrap();
}

const SPACE: &str = " ";

/// Space never submits a single choice: only Enter does. Were Space a submit, it would answer
/// question 1 and the Enter after it would skip question 2, two answers in history, not one.
#[test]
fn space_does_not_submit_a_single_choice_and_enter_does() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(home.path(), &["take", "--fixed", "--seed", "1", "-n", "4"]);
    s.expect("Question 1 of 4").unwrap();
    s.expect("Skip — I don't know").unwrap();
    settle();
    s.send(SPACE).unwrap();
    settle();
    s.send(ENTER).unwrap();
    s.expect("› Your answer:").unwrap();
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    assert_exit(&s, 130);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", home.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["sessions"][0]["asked"], 1, "Space submitted: {h}");
}

/// An ordering list under NO_COLOR shows the cursor as a glyph (`❯`), and a picked-up item as
/// `↕`: colour is not the only sign of where the cursor is.
#[test]
fn ordering_shows_a_cursor_glyph_without_colour() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(
        home.path(),
        &["practice", "--section", "caching", "-n", "3", "--seed", "1"],
    );
    for _ in 0..3 {
        let m = s
            .expect(expectrl::Regex(
                "Order them now|Your answer \\(|Type the output",
            ))
            .unwrap();
        let seen = String::from_utf8_lossy(m.get(0).unwrap()).into_owned();
        settle();
        if seen != "Order them now" {
            s.send(ENTER).unwrap();
            continue;
        }
        s.send(ENTER).unwrap();
        s.expect("Enter confirms").unwrap();
        let first = cursor_row(&mut s, "❯ ");
        settle();
        s.send(DOWN).unwrap();
        let second = cursor_row(&mut s, "❯ ");
        assert_ne!(first, second, "the cursor did not move");
        s.send(SPACE).unwrap();
        assert_eq!(
            cursor_row(&mut s, "↕ "),
            second,
            "the picked item is not marked"
        );
        s.send(SPACE).unwrap();
        settle();
        s.send(ENTER).unwrap();
        s.expect("› Your answer:").unwrap();
        return;
    }
    panic!("no ordering question was asked");
}

/// The text of the row after `glyph` on the next frame drawn.
fn cursor_row(s: &mut OsSession, glyph: &str) -> String {
    let m = s
        .expect(expectrl::Regex(&format!("{glyph}The [^\r\n]*")))
        .unwrap();
    String::from_utf8_lossy(m.get(0).unwrap())
        .trim_start_matches(glyph)
        .to_string()
}

/// A session's `started` is when it began, not when it was saved: here the save comes seconds
/// after the first question was on screen, and `started` is no later than that.
#[test]
fn started_is_the_start_time_not_the_save_time() {
    let home = tempfile::tempdir().unwrap();
    let mut s = quiz_in(home.path(), &["take", "--fixed", "--seed", "1", "-n", "4"]);
    s.expect("Question 1 of 4").unwrap();
    let shown = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    s.expect("Skip — I don't know").unwrap();
    std::thread::sleep(Duration::from_secs(3));
    pick_skip(&mut s);
    s.expect("Question 2 of 4").unwrap();
    s.expect("Your answer (empty to skip)").unwrap();
    settle();
    s.send(CTRL_C).unwrap();
    assert_exit(&s, 130);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_levelcheck"))
        .env("LEVELCHECK_HOME", home.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let started = h["sessions"][0]["started_unix"].as_u64().unwrap();
    assert!(
        started <= shown,
        "started {started}, first question at {shown}: {h}"
    );
}
