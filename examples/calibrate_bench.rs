//! Benchmark behind the calibrate figures in the README (`cargo run --release --example
//! calibrate_bench [RUNS]`): pooled responses files of 250k, 500k and 1M responses to the shipped
//! banks are generated, then `levelcheck calibrate` runs on each, RUNS times (default 3), each
//! run in a fresh child process so its peak memory (VmHWM) is its own. Prints the medians.
//!
//! Nothing here asserts a time.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark report is its output

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use clap::Parser;
use levelcheck::bank::Body;
use levelcheck::bank::load::{BankSource, load};
use levelcheck::engine::irt::Scale;
use levelcheck::engine::rng::QuizRng;
use levelcheck::mark::Given;
use levelcheck::responses::given_value;
use levelcheck::simulate::normal;

const SIZES: [usize; 3] = [250_000, 500_000, 1_000_000];
/// Questions each simulated session answers (a full adaptive check asks about this many).
const PER_SESSION: usize = 40;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(Path::new(&args[2]), Path::new(&args[3]));
        return;
    }
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let dir = std::env::temp_dir().join(format!("levelcheck-calbench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    println!("| responses | sessions | file | wall time (median of {runs}) | peak RSS (median) |");
    println!("| --- | --- | --- | --- | --- |");
    for size in SIZES {
        let file = dir.join(format!("pooled-{size}.jsonl"));
        let bytes = generate(size, &file);
        let mut times = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..runs {
            let (secs, kb) = run_child(&file, &dir.join("calibration.toml"));
            times.push(secs);
            rss.push(kb);
        }
        println!(
            "| {size} | {} | {:.0} MB | {:.1} s | {:.0} MB |",
            size / PER_SESSION,
            bytes as f64 / 1e6,
            median(&mut times),
            median(&mut rss) / 1024.0
        );
        std::fs::remove_file(&file).ok();
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Runs `calibrate` in a child process; returns its wall time and peak RSS in kB.
fn run_child(file: &Path, out: &Path) -> (f64, f64) {
    let exe = std::env::current_exe().expect("own path");
    let o = Command::new(exe)
        .arg("--child")
        .arg(file)
        .arg(out)
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut it = text.split_whitespace();
    let secs = it.next().and_then(|x| x.parse().ok()).expect("seconds");
    let kb = it.next().and_then(|x| x.parse().ok()).expect("kB");
    eprintln!("  {} → {secs:.2} s, {:.0} MB", file.display(), kb / 1024.0);
    (secs, kb)
}

/// The child: `levelcheck calibrate FILE --output OUT`, timed, then its VmHWM.
fn child(file: &Path, out: &Path) {
    let cli = levelcheck::cli::Cli::parse_from([
        "levelcheck".as_ref(),
        "calibrate".as_ref(),
        file.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ]);
    let start = Instant::now();
    let mut sink = Vec::new();
    let mut err = Vec::new();
    levelcheck::run(cli, &mut sink, &mut err).expect("calibrate runs");
    let secs = start.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    println!("{secs} {kb}");
}

/// Writes `size` responses of simulated sessions (40 random closed questions each, answered by
/// the 2PL with each item's difficulty off its tag) to `path`; returns the file's size.
fn generate(size: usize, path: &Path) -> u64 {
    let bank = load(&BankSource::Embedded).expect("shipped banks load");
    let scale = Scale::new(bank.roadmap.levels.len(), bank.roadmap.rubric.pass_mark);
    let closed: Vec<(usize, Given)> = bank
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| right_answer(&q.body).map(|g| (i, g)))
        .collect();
    let digests: Vec<String> = bank.questions.iter().map(|q| q.digest()).collect();
    let mut rng = QuizRng::new(size as u64);
    // The truth is off the tags as real items are (MODEL.md: difficulty noise 0.6), so EM works.
    let shift: Vec<f64> = closed.iter().map(|_| 0.6 * normal(&mut rng)).collect();
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("bench file"));
    let mut order: Vec<usize> = (0..closed.len()).collect();
    for s in 0..size / PER_SESSION {
        let theta = normal(&mut rng);
        rng.shuffle(&mut order);
        for &k in &order[..PER_SESSION] {
            let (i, right) = &closed[k];
            let q = &bank.questions[*i];
            let p = scale.params(q);
            let truth = p.c + (1.0 - p.c) / (1.0 + (-p.a * (theta - p.b - shift[k])).exp());
            let correct = rng.unit() < truth;
            let given = if correct { right.clone() } else { Given::Skip };
            let line = serde_json::json!({
                "respondent": format!("r{s:07}"), "session": format!("s{s:07}"),
                "question": q.id, "given": given_value(&given), "correct": correct,
                "mode": "adaptive", "bank": bank.digest, "digest": digests[*i],
            });
            writeln!(w, "{line}").expect("write");
        }
    }
    w.flush().expect("flush");
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// An answer the marker accepts, for every closed kind.
fn right_answer(body: &Body) -> Option<Given> {
    Some(match body {
        Body::Single { answer, .. } => Given::Text(answer.clone()),
        Body::Multi { answers, .. } => Given::List(answers.clone()),
        Body::TrueFalse { answer } => Given::Bool(*answer),
        Body::Text { accept, .. } => Given::Text(accept.first()?.clone()),
        Body::Order { items } => Given::List(items.clone()),
        Body::Output { output, .. } => Given::Text(output.clone()),
        Body::Open { .. } => return None,
    })
}
