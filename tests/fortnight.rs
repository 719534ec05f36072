//! A simulated fortnight of review, from the binary: `LEVELCHECK_HOME` in a temporary folder and
//! the clock faked with `LEVELCHECK_NOW`. Questions answered "certain" come back later than those
//! answered by guessing; history written in the Leitner era migrates into FSRS with every question.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

const DAY: i64 = 24 * 60 * 60;
/// 2026-12-01T09:00:00Z, the first day of the fortnight.
const START: i64 = 1_764_579_600;

fn at(unix: i64) -> String {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(unix).unwrap());
    humantime::format_rfc3339_seconds(t).to_string()
}

fn unix(rfc3339: &str) -> i64 {
    let t = humantime::parse_rfc3339(rfc3339).unwrap_or_else(|e| panic!("{rfc3339:?}: {e}"));
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    i64::try_from(secs).unwrap()
}

/// Every HTTP example question answered right, the first three rated "certain" and the rest
/// "guessing", as `{ "id": { "answer": …, "confidence": … } }`.
fn rated_answers() -> (serde_json::Value, Vec<String>, Vec<String>) {
    let right: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(HTTP_ALL_RIGHT).unwrap();
    let (mut certain, mut guessing) = (Vec::new(), Vec::new());
    let mut file = serde_json::Map::new();
    for (i, (id, answer)) in right.into_iter().enumerate() {
        let rating = if i < 3 { "certain" } else { "guessing" };
        if i < 3 { &mut certain } else { &mut guessing }.push(id.clone());
        file.insert(
            id,
            serde_json::json!({ "answer": answer, "confidence": rating }),
        );
    }
    (serde_json::Value::Object(file), certain, guessing)
}

fn practice(home: &Path, now: i64, args: &[&str], answers: &Path) -> serde_json::Value {
    json(
        lc().env("LEVELCHECK_HOME", home)
            .env("LEVELCHECK_NOW", at(now))
            .arg("--bank")
            .arg(example("http-bank"))
            .arg("practice")
            .args(args)
            .args(["--format", "json", "--answers"])
            .arg(answers),
    )
}

/// `practice --due --format json` at `now`: id → due time (Unix seconds).
fn schedule(home: &Path, now: i64, bank: &Path) -> BTreeMap<String, i64> {
    let j = json(
        lc().env("LEVELCHECK_HOME", home)
            .env("LEVELCHECK_NOW", at(now))
            .arg("--bank")
            .arg(bank)
            .args(["practice", "--due", "--format", "json"]),
    );
    j["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            for key in ["stability", "difficulty"] {
                assert!(q[key].as_f64().is_some_and(|v| v > 0.0), "{key}: {q}");
            }
            assert!(unix(q["last_review"].as_str().unwrap()) <= now);
            (
                q["id"].as_str().unwrap().to_string(),
                unix(q["due"].as_str().unwrap()),
            )
        })
        .collect()
}

#[test]
fn certain_answers_come_back_later_than_guesses_over_a_fortnight() {
    let home = tempfile::tempdir().unwrap();
    let (answers, certain, guessing) = rated_answers();
    let file = write(home.path(), "answers.json", &answers.to_string());
    let tally = practice(home.path(), START, &["-n", "7", "--seed", "1"], &file);
    assert_eq!(tally["asked"], 7);
    assert_eq!(tally["correct"], 7);

    // Every practised question is on the schedule, right answers included.
    let first = schedule(home.path(), START, &example("http-bank"));
    assert_eq!(first.len(), 7, "{first:?}");

    // Each morning for a fortnight: review whatever is due, with the same ratings.
    let mut times_due: BTreeMap<&str, usize> = BTreeMap::new();
    for day in 1..=14 {
        let now = START + day * DAY;
        let due: BTreeSet<String> = schedule(home.path(), now, &example("http-bank"))
            .into_iter()
            .filter(|(_, due)| *due <= now)
            .map(|(id, _)| id)
            .collect();
        for id in certain.iter().chain(&guessing) {
            if due.contains(id) {
                *times_due.entry(id.as_str()).or_default() += 1;
            }
        }
        if !due.is_empty() {
            let t = practice(home.path(), now, &["--missed", "-n", "20"], &file);
            assert_eq!(
                t["asked"].as_u64().unwrap() as usize,
                due.len(),
                "day {day}"
            );
        }
    }
    let count = |id: &String| times_due.get(id.as_str()).copied().unwrap_or(0);
    let most_certain = certain.iter().map(count).max().unwrap();
    let fewest_guessed = guessing.iter().map(count).min().unwrap();
    assert!(
        fewest_guessed >= 1,
        "guesses never came back: {times_due:?}"
    );
    assert!(
        most_certain < fewest_guessed,
        "certain answers came back as often as guesses: {times_due:?}"
    );

    let end = START + 14 * DAY;
    let last = schedule(home.path(), end, &example("http-bank"));
    let soonest_certain = certain.iter().map(|id| last[id]).min().unwrap();
    let latest_guess = guessing.iter().map(|id| last[id]).max().unwrap();
    assert!(
        soonest_certain > latest_guess,
        "a certain answer is due {} before a guess ({})",
        at(soonest_certain),
        at(latest_guess)
    );
}

/// Without `--confidence`, a rating in the answers file still sets the grade; without a rating,
/// a right answer is graded Good, between the two.
#[test]
fn ratings_in_an_answers_file_grade_the_review_without_the_flag() {
    let home = tempfile::tempdir().unwrap();
    let id = "messages.head-body";
    let due_after = |rating: Option<&str>| {
        let h = home.path().join(rating.unwrap_or("none"));
        let answer = match rating {
            Some(r) => serde_json::json!({ id: { "answer": false, "confidence": r } }),
            None => serde_json::json!({ id: false }),
        };
        let file = write(home.path(), "a.json", &answer.to_string());
        practice(&h, START, &["--section", "messages", "-n", "7"], &file);
        schedule(&h, START, &example("http-bank"))[id] - START
    };
    let (guess, plain, sure) = (
        due_after(Some("guessing")),
        due_after(None),
        due_after(Some("certain")),
    );
    assert!(guess < plain && plain < sure, "{guess} {plain} {sure}");
}

/// `tests/fixtures/leitner-history` holds session records as the Leitner-era levelcheck wrote
/// them (no ratings, no timings, no follow-ups), over three days, with a question missed and then
/// learned, one only ever answered right, and one skipped. Replayed into FSRS, every question
/// keeps a card, and the reviews of each all count.
#[test]
fn leitner_era_history_migrates_without_losing_a_question() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/leitner-history");
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    let mut asked: BTreeMap<String, i64> = BTreeMap::new();
    for e in std::fs::read_dir(fixture.join("sessions")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let rec: serde_json::Value = serde_json::from_str(&text).unwrap();
        for q in rec["questions"].as_array().unwrap() {
            let t = rec["started_unix"].as_i64().unwrap();
            let last = asked
                .entry(q["id"].as_str().unwrap().to_string())
                .or_default();
            *last = (*last).max(t);
        }
        std::fs::write(
            home.path().join("sessions").join(p.file_name().unwrap()),
            text,
        )
        .unwrap();
    }
    assert!(asked.len() >= 5, "a fixture worth the name: {asked:?}");
    let now = START + 30 * DAY;
    let cards = schedule(home.path(), now, &example("http-bank"));
    let scheduled: BTreeSet<&String> = cards.keys().collect();
    assert_eq!(scheduled, asked.keys().collect(), "a question was lost");
    // Each card's last review is the question's last session: nothing was dropped on the way.
    let j = json(
        lc().env("LEVELCHECK_HOME", home.path())
            .env("LEVELCHECK_NOW", at(now))
            .arg("--bank")
            .arg(example("http-bank"))
            .args(["practice", "--due", "--format", "json"]),
    );
    for q in j["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        assert_eq!(unix(q["last_review"].as_str().unwrap()), asked[id], "{id}");
    }
    // The text summary agrees, and the fixture itself was not touched.
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        .env("LEVELCHECK_NOW", at(now))
        .arg("--bank")
        .arg(example("http-bank"))
        .args(["practice", "--due"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{} on the schedule in all", asked.len())),
        "{text}"
    );
}

/// An interview feeds the schedule too, open answers graded by their share of key points: all
/// four covered comes back later than one of four.
#[test]
fn open_answers_are_scheduled_by_the_share_of_key_points() {
    let home = tempfile::tempdir().unwrap();
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/open-bank");
    let file = write(
        home.path(),
        "a.toml",
        "\"core.open-event-loop-stall\" = { points = [0, 1, 2, 3] }\n\"core.open-promise-error-handling\" = { points = [0] }\n",
    );
    let out = lc()
        .env("LEVELCHECK_HOME", home.path())
        .env("LEVELCHECK_NOW", at(START))
        .arg("--bank")
        .arg(&bank)
        .args(["interview", "--seed", "3", "--minutes", "10", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cards = schedule(home.path(), START, &bank);
    let (all, one) = (
        cards["core.open-event-loop-stall"],
        cards["core.open-promise-error-handling"],
    );
    assert!(
        all > one,
        "all points due {} vs one point {}",
        at(all),
        at(one)
    );
    assert!(
        all - START >= DAY,
        "all key points is an Easy review: {}",
        at(all)
    );
}
