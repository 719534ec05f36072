//! The `analyze` scale figures in the README (run with `cargo run --release --example
//! analyze_bench`): pooled files of 250,000, 500,000 and 1,000,000 simulated responses to the
//! shipped banks, each analysed in a fresh child process that reports its wall time and peak
//! resident memory (VmHWM), so memory growth with the pool's size is visible.
//!
//! Nothing here asserts a time.

#![allow(clippy::print_stdout)] // a benchmark report is its output

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use levelcheck::bank::load::{BankSource, load};
use levelcheck::bank::{Bank, Body, Question};
use levelcheck::engine::irt::{Scale, p_correct};
use levelcheck::engine::rng::QuizRng;
use levelcheck::simulate::normal;

const SIZES: [usize; 3] = [250_000, 500_000, 1_000_000];
const PER_PERSON: usize = 40;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path] = &args[..]
        && flag == "--child"
    {
        child(Path::new(path));
        return;
    }
    let bank = load(&BankSource::Embedded).expect("the shipped banks load");
    let dir = tempfile::tempdir().expect("tempdir");
    for size in SIZES {
        let path = dir.path().join(format!("r{size}.jsonl"));
        let started = Instant::now();
        generate(&bank, size, &path);
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        println!(
            "{size} responses ({:.0} MB) generated in {:.1} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        let out = std::process::Command::new(std::env::current_exe().expect("own path"))
            .arg("--child")
            .arg(&path)
            .output()
            .expect("child runs");
        print!("  {}", String::from_utf8_lossy(&out.stdout));
    }
}

/// Reads, re-marks and analyses one pooled file, rendering JSON as the command would.
fn child(path: &Path) {
    let started = Instant::now();
    let bank = load(&BankSource::Embedded).expect("the shipped banks load");
    let files: Vec<PathBuf> = vec![path.to_path_buf()];
    let pool = levelcheck::analyze::read(&bank, &files).expect("reads");
    let analysis = levelcheck::analyze::analyze(&bank, &pool);
    let json =
        levelcheck::analyze::output::render(&analysis, levelcheck::analyze::output::Format::Json);
    println!(
        "analyze: {:.2} s wall, peak RSS {} ({} questions, {} people, {} KB of JSON)",
        started.elapsed().as_secs_f64(),
        peak_rss(),
        analysis.questions.len(),
        analysis.people,
        json.len() / 1024
    );
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// `total` responses: people of standard-normal ability answering 40 random closed questions
/// each, right with the engine's probability; a wrong answer is a random distractor or a skip.
fn generate(bank: &Bank, total: usize, path: &Path) {
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let closed: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| !q.body.is_open())
        .collect();
    let mut rng = QuizRng::new(total as u64);
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("creates"));
    let mut written = 0;
    let mut person = 0;
    while written < total {
        let theta = normal(&mut rng);
        let mut order: Vec<usize> = (0..closed.len()).collect();
        rng.shuffle(&mut order);
        for &j in order.iter().take(PER_PERSON.min(total - written)) {
            let q = closed[j];
            let right = rng.unit() < p_correct(scale.params(q), theta);
            let line = serde_json::json!({
                "respondent": format!("r{person}"), "session": format!("s{person}"),
                "question": q.id, "given": given(q, right, &mut rng), "correct": right,
                "mode": "adaptive", "bank": bank.digest, "digest": q.digest(),
            });
            writeln!(w, "{line}").expect("writes");
            written += 1;
        }
        person += 1;
    }
    w.flush().expect("writes");
}

fn given(q: &Question, right: bool, rng: &mut QuizRng) -> serde_json::Value {
    use serde_json::json;
    match (&q.body, right) {
        (Body::Single { answer, .. }, true) => json!(answer),
        (Body::Output { output, .. }, true) => json!(output),
        (Body::Multi { answers, .. }, true) => json!(answers),
        (Body::TrueFalse { answer }, r) => json!(*answer == r),
        (Body::Text { accept, .. }, true) => json!(accept[0]),
        (Body::Order { items }, true) => json!(items),
        (b, false) => match b.distractors() {
            Some((d, _)) if !d.is_empty() => json!(d[rng.below(d.len())]),
            _ => json!("skip"),
        },
        _ => json!("skip"),
    }
}
