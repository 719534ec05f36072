//! What a person sees in a 60-column terminal: the progress line, the key hints and the prompts
//! fit it and never break a word. The screen is read back from the pseudo-terminal; a line wider
//! than the terminal is one the terminal itself would break, wherever it falls.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{Expect, Session};

const ENTER: &str = "\r";
/// The skip option of a list (a regex): not the intro's “Skip — I don't know”, in quotes.
const SKIP_ROW: &str = "[^“]Skip — I don't know";
const UP: &str = "\x1b[A";

/// A section title too long for one 60-column progress line next to the bar.
const LONG_SECTION: &str = "Messages, methods and status codes of HTTP semantics";

/// `levelcheck --bank BANK ARGS…` in a pseudo-terminal of `cols` columns and 20 rows.
fn spawn(bank: &Path, home: &Path, cols: u16, args: &[&str]) -> OsSession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "until [ \"$(stty size)\" = \"20 {cols}\" ]; do sleep 0.05; done; b=\"$1\"; shift; exec \"$0\" --bank \"$b\" \"$@\"",
        ))
        .arg(env!("CARGO_BIN_EXE_levelcheck"))
        .arg(bank)
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LEVELCHECK_HOME", home);
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    // Set once the spawn has put its own default (80×24) in place; the shell waits for it, so
    // the program's first frame already has this width.
    s.get_process_mut().set_window_size(cols, 20).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// The text before `marker` (from the previous match on) as the rows of a `cols`-wide screen:
/// escape sequences dropped, each line as it stands after its last carriage return (a redraw),
/// and a line longer than the screen folded onto the next rows, as the terminal folds it.
/// Fails if a fold falls inside a word: that is the terminal breaking a word.
fn screen_until(s: &mut OsSession, marker: &str, cols: usize) -> Vec<String> {
    let m = s.expect(expectrl::Regex(marker)).unwrap();
    rows(&String::from_utf8_lossy(m.before()), cols)
}

fn rows(raw: &str, cols: usize) -> Vec<String> {
    let mut rows = Vec::new();
    for line in lines(raw) {
        let chars: Vec<char> = line.chars().collect();
        for (i, row) in chars.chunks(cols).enumerate() {
            // A URL is printed whole by design (copied, it must work): it may overflow.
            let broken = i > 0
                && !line.contains("→ http")
                && !row[0].is_whitespace()
                && chars.get(i * cols - 1).is_some_and(|c| !c.is_whitespace());
            assert!(!broken, "a word broken at column {cols}: {line:?}\n{raw:?}");
            rows.push(row.iter().collect::<String>().trim_end().to_string());
        }
        if chars.is_empty() {
            rows.push(String::new());
        }
    }
    rows
}

fn lines(raw: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-letter; anything else: ESC and one character.
            if chars.next_if_eq(&'[').is_some() {
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() || p == '~' {
                        break;
                    }
                }
            } else {
                chars.next();
            }
            continue;
        }
        plain.push(c);
    }
    plain
        .split('\n')
        .map(|l| {
            let l = l.trim_end_matches('\r');
            l.rsplit('\r').next().unwrap_or("").to_string()
        })
        .collect()
}

/// The example bank with a long section title (and, when asked, a case-sensitive text answer).
fn bank(case_sensitive: bool) -> tempfile::TempDir {
    let dir = common::copy_bank("http-bank");
    common::edit(
        &dir.path().join("roadmap.toml"),
        "title = \"Messages\"",
        &format!("title = \"{LONG_SECTION}\""),
    );
    if case_sensitive {
        common::edit(
            &dir.path().join("basics/messages.toml"),
            "accept = [\"201\", \"201 Created\"]",
            "accept = [\"201\", \"201 Created\"]\ncase_sensitive = true",
        );
    }
    dir
}

/// At 60 columns the progress line holds whole words only (the section moves to a line of its
/// own, whole), the select-all keys are a line of their own, the intro says "1 question", and
/// the closing tally keeps its command whole.
#[test]
fn at_60_columns_the_progress_line_and_select_all_hint_fit_whole() {
    let bank = bank(false);
    let home = tempfile::tempdir().unwrap();
    // Seed 4 asks the select-all question of the Messages section first.
    let mut s = spawn(
        bank.path(),
        home.path(),
        60,
        &["practice", "--seed", "4", "-n", "1"],
    );
    let screen = screen_until(&mut s, SKIP_ROW, 60);
    let text = screen.join("\n");
    assert!(text.contains("levelcheck · 1 question ·"), "{text}");
    let progress = screen
        .iter()
        .find(|l| l.contains("Question 1 of 1"))
        .unwrap_or_else(|| panic!("no progress line:\n{text}"));
    assert!(progress.ends_with("Question 1 of 1"), "{progress:?}");
    // The whole title, on the line(s) below the bar: no word of it lost or cut.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("Basics · {LONG_SECTION}")),
        "{text}"
    );
    assert!(
        screen
            .iter()
            .any(|l| l.trim() == "Space marks or unmarks an option, Enter confirms"),
        "{text}"
    );
    assert!(
        screen.iter().any(|l| l
            .trim_end_matches(['›', ' '])
            .ends_with("Select all that apply")),
        "{text}"
    );
    std::thread::sleep(Duration::from_millis(300));
    s.send(ENTER).unwrap();
    s.expect("Nothing selected — skip this question?").unwrap();
    s.send("y").unwrap();
    // The feedback (its reference URL is short enough here) and the tally: no word broken.
    screen_until(&mut s, "practice: 0/1 right", 60);
    let rest = rows(
        &{
            let mut rest = String::new();
            let _ = std::io::Read::read_to_string(&mut s, &mut rest);
            rest
        },
        60,
    );
    let hint = rest
        .iter()
        .position(|l| l.ends_with("they come back soonest with"))
        .unwrap_or_else(|| panic!("no comeback hint:\n{}", rest.join("\n")));
    // The command on its own line, whole: it is there to be copied.
    assert!(
        rest[hint + 1]
            .trim_start()
            .starts_with("levelcheck practice --bank ")
            && rest[hint + 1].ends_with("--missed"),
        "{}",
        rest.join("\n")
    );
}

/// The typed-answer prompt says that case matters for a `case_sensitive = true` question, and
/// only for it.
#[test]
fn a_case_sensitive_text_question_says_case_matters() {
    for case_sensitive in [true, false] {
        let bank = bank(case_sensitive);
        let home = tempfile::tempdir().unwrap();
        // Seed 1 asks a single choice, then the typed status code (messages.created-status).
        let mut s = spawn(
            bank.path(),
            home.path(),
            80,
            &["take", "--fixed", "--seed", "1", "-n", "4"],
        );
        s.expect(expectrl::Regex(SKIP_ROW)).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        s.send(UP).unwrap();
        s.send(ENTER).unwrap();
        s.expect("Question 2 of 4").unwrap();
        let screen = screen_until(&mut s, "empty to skip", 80).join("\n");
        assert!(screen.contains("Type the number"), "{screen}");
        assert_eq!(
            screen.contains("Your answer, case matters"),
            case_sensitive,
            "{screen}"
        );
        s.send("201").unwrap();
        s.send(ENTER).unwrap();
        s.expect("Question 3 of 4").unwrap();
    }
}
