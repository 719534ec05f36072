//! Benchmarks behind the speed figures in the README (run with `cargo run --release --example
//! bench`): validating generated banks of growing size, choosing the next adaptive question in a
//! 10,000-question bank, and simulating 2,000 examinees per population on the shipped banks.
//!
//! Each figure is the median of several runs; nothing here asserts a time.

#![allow(clippy::print_stdout)] // a benchmark report is its output

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use levelcheck::answered::Record;
use levelcheck::bank::load::{BankSource, load};
use levelcheck::engine::Engine;
use levelcheck::engine::adaptive::{Adaptive, Settings};
use levelcheck::engine::rng::QuizRng;
use levelcheck::mark::Given;
use levelcheck::simulate::{SimSettings, simulate};
use levelcheck::validate::{Options, validate};

const WORDS: &[&str] = &[
    "stream",
    "buffer",
    "promise",
    "cluster",
    "worker",
    "socket",
    "router",
    "handler",
    "schema",
    "index",
    "cache",
    "token",
    "queue",
    "broker",
    "span",
    "metric",
    "pod",
    "chart",
    "module",
    "closure",
    "prototype",
    "timer",
    "emitter",
    "pipeline",
    "shard",
    "replica",
    "lock",
    "retry",
    "circuit",
    "gateway",
    "tenant",
    "region",
];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A roadmap with 4 levels × 8 sections × 5 topics and `n` questions spread over them.
fn generate(dir: &Path, n: usize) {
    let levels = ["beginner", "intermediate", "senior", "expert"];
    let mut rm = String::from(
        "format_version = 1\n[rubric]\npass_mark = 0.7\nmin_evidence = 3\nmin_per_topic = 1\n",
    );
    for l in levels {
        let _ = write!(
            rm,
            "[[levels]]\nid = \"{l}\"\ntitle = \"{l}\"\ngoal = \"g\"\n"
        );
    }
    for (li, l) in levels.iter().enumerate() {
        for s in 0..8 {
            let _ = write!(
                rm,
                "[[sections]]\nid = \"s{li}-{s}\"\nlevel = \"{l}\"\ntitle = \"S\"\n"
            );
            for t in 0..5 {
                let _ = write!(
                    rm,
                    "[[topics]]\nid = \"t{li}-{s}-{t}\"\nsection = \"s{li}-{s}\"\ntitle = \"T\"\npriority = \"must-have\"\n"
                );
            }
        }
    }
    std::fs::write(dir.join("roadmap.toml"), rm).unwrap();
    let mut rng = QuizRng::new(n as u64);
    let mut word = || WORDS[rng.below(WORDS.len())];
    for (li, l) in levels.iter().enumerate() {
        std::fs::create_dir_all(dir.join(l)).unwrap();
        for s in 0..8 {
            let mut bank =
                format!("format_version = 1\nlevel = \"{l}\"\nsection = \"s{li}-{s}\"\n");
            for i in (li * 8 + s..n).step_by(32) {
                let t = i % 5;
                let prompt: Vec<&str> = (0..14).map(|_| word()).collect();
                let _ = write!(
                    bank,
                    "[[questions]]\nid = \"q.{i}\"\ntopic = \"t{li}-{s}-{t}\"\nkind = \"single\"\ndifficulty = {}\nprompt = \"Question {i}: {}?\"\nanswer = \"{} {}\"\ndistractors = [\"{} {} a\", \"{} {} b\", \"{} {} c\"]\nexplanation = \"Because {} {}.\"\nreferences = [\"https://nodejs.org/api/\"]\n",
                    1 + i % 3,
                    prompt.join(" "),
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word(),
                    word()
                );
            }
            std::fs::write(dir.join(l).join(format!("s{li}-{s}.toml")), bank).unwrap();
        }
    }
}

fn bench_validate() {
    println!("validate (no snippets), median of 5 runs:");
    let opts = Options {
        snippets: None,
        runs: 1,
        timeout: Duration::from_secs(1),
    };
    let builtin = median(
        (0..5)
            .map(|_| timed(|| drop(validate(&[], &opts).unwrap())))
            .collect(),
    );
    println!("  shipped banks: {builtin:.1?}");
    for n in [1_000, 2_500, 5_000, 10_000, 20_000] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), n);
        let paths = [dir.path().to_path_buf()];
        let t = median(
            (0..5)
                .map(|_| timed(|| drop(validate(&paths, &opts).unwrap())))
                .collect(),
        );
        println!(
            "  {n:>6} questions: {t:>9.1?}  ({:.1} µs per question)",
            t.as_secs_f64() * 1e6 / n as f64
        );
    }
}

fn bench_next_question() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 10_000);
    let bank = load(&BankSource::Dirs(vec![dir.path().to_path_buf()])).unwrap();
    let pool: Vec<usize> = (0..bank.questions.len()).collect();
    let mut times = Vec::new();
    for seed in 0..20 {
        let mut engine = Adaptive::new(&bank, &pool, Settings::default(), seed);
        let mut records: Vec<Record> = Vec::new();
        for k in 0..20 {
            let start = Instant::now();
            let Some(q) = engine.next(&bank, &records) else {
                break;
            };
            times.push(start.elapsed());
            records.push(Record {
                question: q,
                id: String::new(),
                given: Given::Skip,
                correct: k % 2 == 0,
                seconds: 0.0,
                confidence: None,
                confirming: false,
                follow_ups: Vec::new(),
                typed: None,
                follow_up_typed: Vec::new(),
            });
        }
    }
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "next adaptive question in a {}-question bank: median {:.1?}, mean {mean:.1?}, worst {:.1?} ({} choices)",
        bank.questions.len(),
        median(times.clone()),
        times.iter().max().unwrap(),
        times.len()
    );
}

fn bench_simulate() {
    let bank = load(&BankSource::Embedded).unwrap();
    let pool: Vec<usize> = (0..bank.questions.len()).collect();
    let s = SimSettings::default();
    let t = timed(|| drop(simulate(&bank, &pool, &s)));
    println!(
        "simulate: 2,000 examinees × 3 populations × fixed, adaptive and the oracle on the shipped banks (realistic truth): {t:.2?}"
    );
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn main() {
    bench_validate();
    bench_next_question();
    bench_simulate();
}
