//! Text layout: the Markdown confidence block says what the text one says, and every report,
//! roadmap and tracks line fits the width (terminal, else `$COLUMNS`, else 100) with a hanging indent.

mod common;

use common::*;

/// Answers to the HTTP example bank with ratings: one confidently wrong, two right.
const RATED: &str = r#"{"messages.head-body": {"answer": true, "confidence": "certain"}, "messages.created-status": {"answer": "201", "confidence": "fairly sure"}, "caching.no-cache-meaning": {"answer": "It may store the response but must revalidate it before each reuse", "confidence": "guessing"}}"#;

fn take(columns: &str, args: &[&str], answers: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        .env("COLUMNS", columns)
        .args(["take", "--answers", "-"])
        .args(args)
        .write_stdin(answers)
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

/// The words of a block, without list and heading marks or a trailing colon: what it says,
/// not how it is laid out.
fn words(block: &str) -> Vec<String> {
    block
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| "-#•*".contains(c)))
        .map(|w| w.trim_end_matches(':').to_string())
        .collect()
}

#[test]
fn the_markdown_confidence_block_says_what_the_text_one_says() {
    let bank = example("http-bank");
    let args = |format: &'static str| {
        vec![
            "--bank".to_string(),
            bank.display().to_string(),
            "--seed".into(),
            "5".into(),
            "--confidence".into(),
            "--format".into(),
            format.into(),
        ]
    };
    let run = |format| {
        let a = args(format);
        take(
            "100",
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            RATED,
        )
    };
    let text = run("text");
    let markdown = run("markdown");
    let text_block = text
        .split("\nConfidence (")
        .nth(1)
        .map(|b| b.split("\n\n").next().unwrap())
        .expect(&text);
    let md_block = markdown
        .split("\n## Confidence (")
        .nth(1)
        .map(|b| b.split("\n## ").next().unwrap())
        .expect(&markdown);
    assert_eq!(
        words(text_block),
        words(md_block),
        "{text_block}\n---\n{md_block}"
    );
    // The confidently wrong answer is named by its question, in both.
    assert!(
        md_block.contains("A server's response to a HEAD request"),
        "{md_block}"
    );
    assert!(md_block.contains("- certain: 0/1 right"), "{md_block}");
}

#[test]
fn every_text_line_fits_60_columns_with_a_hanging_indent() {
    for args in [
        &["--fixed", "-n", "20", "--seed", "1"][..],
        &["-n", "20", "--seed", "1"][..],
        &["-n", "20", "--seed", "2", "--section", "core"][..],
    ] {
        let text = take("60", args, "{}");
        for line in text.lines() {
            // URLs, code and a command alone on its line (to be copied) are never broken; they
            // may overflow.
            // A single word wider than the line (a piece of inline code) cannot be wrapped.
            if line.contains("http")
                || line.contains('│')
                || line.trim_start().starts_with("levelcheck ")
                || line.split_whitespace().count() == 1
            {
                continue;
            }
            assert!(line.chars().count() <= 60, "{args:?}: too wide: {line:?}");
        }
        // The replay hint is a command to copy: whole on one line.
        let hint = text.lines().find(|l| l.contains("(replay: ")).expect(&text);
        assert!(hint.ends_with(')'), "{hint:?}");
        let plan = text
            .split("Study plan — topics you missed\n")
            .nth(1)
            .expect(&text);
        // Each study-plan entry starts with its bullet; its continuation lines hang under the
        // text, never back at the bullet's column where they would read as a new entry.
        let mut entries = 0;
        for line in plan.lines().take_while(|l| !l.is_empty()) {
            if line.starts_with("  • ") {
                entries += 1;
            } else {
                assert!(line.starts_with("    "), "{args:?}: {line:?}");
            }
        }
        assert!(entries > 0, "{plan}");
    }
}

#[test]
fn the_confidence_block_wraps_too() {
    let bank = example("http-bank");
    let text = take(
        "40",
        &[
            "--bank",
            bank.to_str().unwrap(),
            "--seed",
            "5",
            "--confidence",
        ],
        RATED,
    );
    let block = text.split("\nConfidence (").nth(1).expect(&text);
    let block = block.split("\n\n").next().unwrap();
    for line in block.lines() {
        assert!(line.chars().count() <= 40, "too wide: {line:?}");
    }
    assert!(block.contains("Confidently wrong"), "{block}");
}

#[test]
fn report_re_renders_the_confidence_block_as_it_was_shown() {
    let bank = example("http-bank");
    for format in ["text", "markdown"] {
        let home = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let out = lc()
                .env("LEVELCHECK_HOME", home.path())
                .env("COLUMNS", "60")
                .arg("--bank")
                .arg(&bank)
                .args(args)
                .args(["--format", format])
                .write_stdin(RATED)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        let live = run(&["take", "--seed", "5", "--confidence", "--answers", "-"]);
        assert!(live.contains("Confidence (3 rated answers)"), "{live}");
        let again = run(&["report"]);
        // The live text report ends with the review of missed questions, which `report` leaves
        // out; everything before it is the same.
        let live = live.split("\nReview — ").next().unwrap();
        assert_eq!(live, again.split("\nReview — ").next().unwrap(), "{format}");
    }
}

#[test]
fn roadmap_and_tracks_fit_60_columns() {
    for cmd in ["roadmap", "tracks"] {
        let out = lc().env("COLUMNS", "60").arg(cmd).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("must-have") || text.contains("seven-eight-years"));
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "{cmd}: too wide: {line:?}");
        }
    }
}

#[test]
fn the_interview_scorecard_fits_60_columns_and_report_re_renders_it() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .env("COLUMNS", "60")
            .args(args)
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let live = run(&[
        "interview",
        "--seed",
        "3",
        "--minutes",
        "7",
        "--answers",
        "-",
    ]);
    assert!(
        live.contains("Revisit:") && live.contains("of 7 min"),
        "{live}"
    );
    // URLs and question ids are copied whole: they may overflow, alone on their line.
    let whole = |l: &str| l.contains("→ http") || !l.trim().contains(' ');
    for line in live.lines().filter(|l| !whole(l)) {
        assert!(line.chars().count() <= 60, "too wide: {line:?}");
    }
    assert_eq!(run(&["report"]), live);
}

/// Lines wider than `cols`, leaving out what is printed whole by design: URLs, and a command
/// alone on its line (to be copied).
fn too_wide(text: &str, cols: usize) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().count() > cols)
        .filter(|l| !l.contains("→ http") && !l.trim_start().starts_with("levelcheck "))
        .map(str::to_string)
        .collect()
}

fn ok_stdout(out: std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `history` (was 102 columns), `stats` (92) and `simulate`'s confusion matrices (83) fit 80.
#[test]
fn history_stats_and_simulate_fit_80_columns() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        ok_stdout(
            lc().env("LEVELCHECK_HOME", home.path())
                .env("COLUMNS", "80")
                .args(args)
                .write_stdin("{}")
                .output()
                .unwrap(),
        )
    };
    run(&["take", "--track", "seven-eight-years", "--answers", "-"]);
    run(&["take", "--fixed", "-n", "12", "--answers", "-"]);
    run(&["practice", "-n", "3", "--seed", "1", "--answers", "-"]);
    run(&[
        "interview",
        "--seed",
        "3",
        "--minutes",
        "7",
        "--answers",
        "-",
    ]);
    let history = run(&["history"]);
    assert!(history.contains("seven-eight-years"), "{history}");
    assert_eq!(too_wide(&history, 80), Vec::<String>::new(), "{history}");
    // The short id shown is one `report` accepts.
    let id = history
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .nth(2)
        .unwrap();
    assert!(id.len() < 27, "{history}");
    assert!(run(&["report", id]).contains("levelcheck report"));
    // At 60 columns the track column gives way: the track is named under its row.
    let narrow = ok_stdout(
        lc().env("LEVELCHECK_HOME", home.path())
            .env("COLUMNS", "60")
            .arg("history")
            .output()
            .unwrap(),
    );
    assert!(narrow.contains("  track seven-eight-years"), "{narrow}");
    assert_eq!(too_wide(&narrow, 60), Vec::<String>::new(), "{narrow}");

    let stats = run(&["stats"]);
    assert!(stats.contains("    js-fundamentals "), "{stats}");
    assert_eq!(too_wide(&stats, 80), Vec::<String>::new(), "{stats}");
    // At 60 columns the kind columns give way to the totals.
    let narrow = ok_stdout(lc().env("COLUMNS", "60").arg("stats").output().unwrap());
    assert!(narrow.contains("each topic's kinds"), "{narrow}");
    assert_eq!(too_wide(&narrow, 60), Vec::<String>::new(), "{narrow}");

    let sim = run(&["simulate", "--examinees", "20", "-n", "10"]);
    assert!(
        sim.contains("Intermediate") && sim.contains("confusion"),
        "{sim}"
    );
    assert_eq!(too_wide(&sim, 80), Vec::<String>::new(), "{sim}");
}

/// Every "drill it" hint of the report (text and Markdown), of `report` and of the interview
/// scorecard names the `--bank` the run used, and runs as printed.
#[test]
fn drill_hints_name_the_bank_and_run_as_printed() {
    let bank = copy_bank("http-bank");
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        ok_stdout(
            lc().env("LEVELCHECK_HOME", home.path())
                .env("COLUMNS", "60")
                .arg("--bank")
                .arg(bank.path())
                .args(args)
                .write_stdin("{}")
                .output()
                .unwrap(),
        )
    };
    let texts = [
        run(&["take", "--fixed", "--seed", "1", "--answers", "-"]),
        run(&["report", "--format", "markdown"]),
        run(&[
            "interview",
            "--seed",
            "3",
            "--minutes",
            "7",
            "--answers",
            "-",
        ]),
    ];
    let mut hints = Vec::new();
    for text in &texts {
        for line in text.lines() {
            let Some(at) = line.find("levelcheck practice") else {
                continue;
            };
            let hint = line[at..].split(['`', '#']).next().unwrap().trim();
            hints.push(hint.to_string());
        }
    }
    assert!(hints.len() >= 3, "{hints:?}\n{}", texts.join("\n"));
    for hint in &hints {
        let words: Vec<&str> = hint.split_whitespace().collect();
        assert_eq!(
            words[2..4],
            ["--bank", &bank.path().display().to_string()],
            "{hint}"
        );
        // Run it as printed (answers scripted, as there is no terminal here).
        let out = lc()
            .env("LEVELCHECK_HOME", home.path())
            .args(&words[1..])
            .args(["--answers", "-"])
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{hint}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A count of one reads "1 question", "1 file", "1 rated answer".
#[test]
fn a_count_of_one_is_singular() {
    let bank = copy_bank("http-bank");
    std::fs::remove_file(bank.path().join("advanced/caching.toml")).unwrap();
    let messages = bank.path().join("basics/messages.toml");
    let text = std::fs::read_to_string(&messages).unwrap();
    // Keep only the first question of the file.
    let second = text.match_indices("[[questions]]").nth(1).unwrap().0;
    std::fs::write(&messages, &text[..second]).unwrap();
    let out = lc().arg("validate").arg(bank.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 question in 1 file"), "{stdout}");
    let md = ok_stdout(
        lc().env("LEVELCHECK_HOME", tempfile::tempdir().unwrap().path())
            .arg("--bank")
            .arg(example("http-bank"))
            .args([
                "take", "--fixed", "-n", "1", "--seed", "1", "--format", "markdown",
            ])
            .args(["--answers", "-"])
            .write_stdin(r#"{"messages.head-body": {"answer": false, "confidence": "certain"}}"#)
            .output()
            .unwrap(),
    );
    assert!(md.contains("1 question ·"), "{md}");
}

/// The practice tally wraps to the terminal: long topic titles hang under themselves.
#[test]
fn the_practice_tally_fits_60_columns() {
    let out = ok_stdout(
        lc().env("LEVELCHECK_HOME", tempfile::tempdir().unwrap().path())
            .env("COLUMNS", "60")
            .args(["practice", "--section", "cloud", "-n", "6", "--seed", "2"])
            .args(["--answers", "-"])
            .write_stdin("{}")
            .output()
            .unwrap(),
    );
    let tally = &out[out.find("━━ practice:").expect("a tally")..];
    // The cloud section's topics have titles of up to 79 characters.
    assert!(tally.lines().count() > 4, "{tally}");
    assert_eq!(too_wide(tally, 60), Vec::<String>::new(), "{tally}");
}

/// `validate` at 60 columns wraps a long finding under its first word (after "error: ") and
/// its summary, instead of leaving the terminal to break them mid-word.
#[test]
fn validate_findings_wrap_to_60_columns() {
    let out = lc()
        .env("COLUMNS", "60")
        .arg("validate")
        .arg(example("http-bank-broken"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error: option \"All of the above\" says \"all of the above\",\n       but"),
        "{text}"
    );
    // Source lines are quoted as they are, and a location (`--> path:line:col`) is whole.
    let prose: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains(" | ") && !l.trim_start().starts_with("--> "))
        .collect();
    assert_eq!(
        too_wide(&prose.join("\n"), 60),
        Vec::<String>::new(),
        "{text}"
    );
}

/// A failure's message wraps under its "error: " label at the width, never splitting a word;
/// piped with no $COLUMNS it is not wrapped at all.
#[test]
fn an_error_message_wraps_under_its_label() {
    let home = tempfile::tempdir().unwrap();
    let message = |columns: Option<&str>| {
        let mut cmd = lc();
        if let Some(columns) = columns {
            cmd.env("COLUMNS", columns);
        }
        let out = cmd
            .env("LEVELCHECK_HOME", home.path())
            .args(["take", "--resume", "--answers", "-"])
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let wide = message(Some("200"));
    let narrow = message(Some("40"));
    let piped = message(None);
    assert_eq!(
        piped, wide,
        "piped with no $COLUMNS, a message stays on one line for grep"
    );
    assert_eq!(wide.lines().count(), 1, "{wide}");
    assert!(narrow.lines().count() > 1, "{narrow}");
    for line in narrow.lines() {
        assert!(line.chars().count() <= 40, "{line:?} in\n{narrow}");
    }
    assert!(narrow.starts_with("error: "), "{narrow}");
    assert!(
        narrow.lines().skip(1).all(|l| l.starts_with("       ")),
        "hanging indent: {narrow}"
    );
    assert_eq!(words(&narrow), words(&wide), "the same words");
}
