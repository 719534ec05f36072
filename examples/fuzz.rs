//! A stable-Rust fuzz driver for the loader, the validator, the diagnostic renderer and the
//! answers parser (cargo-fuzz needs nightly). It mutates real files — the HTTP example's
//! roadmap and banks, and answers files in JSON and TOML — with byte edits, splices and TOML
//! tokens, runs each through the code, and stops at the first panic, saving the input.
//!
//! `cargo run --release --example fuzz -- [EXECUTIONS] [SEED]` (default 1,000,000 and 1).
//! It also checks the invariant that rendered diagnostics never carry a raw escape character.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a fuzz report is its output

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use levelcheck::bank::load::{BankSource, load, parse_sources};
use levelcheck::diagnostic::{Index, Source};
use levelcheck::text::is_unsafe;
use levelcheck::validate::{Options, check};

/// Pieces of TOML and JSON syntax and awkward characters, spliced in at random.
const TOKENS: &[&str] = &[
    "[[questions]]\n",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    ",",
    "\n",
    "\r\n",
    "#",
    "\\",
    "\\u001b",
    "\\u202e",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "é",
    "𝄞",
    "kind = \"order\"\n",
    "kind = \"output\"\n",
    "items = []\n",
    "answer = true\n",
    "id = \"x\"\n",
    "topic = \"methods\"\n",
    "difficulty = 9\n",
    "format_version = 2\n",
    "1e999",
    "-0",
    "true",
    "null",
    "[]",
    "{}",
    ": ",
    "\"messages.head-body\": ",
    "inf",
    "nan",
    "1979-05-27T07:32:00Z",
];

/// A small, fixed generator (xorshift64*): a seed gives the same run forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let i = rng.below(b.len() + 1);
        match rng.below(6) {
            0 => b.insert(i, rng.next() as u8),
            1 if i < b.len() => {
                let n = rng.below(16).min(b.len() - i);
                b.drain(i..i + n);
            }
            2 if i < b.len() => b[i] = rng.next() as u8,
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                b.splice(i..i, t.iter().copied());
            }
            4 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let len = rng.below(200).min(other.len() - from);
                b.splice(i..i, other[from..from + len].iter().copied());
            }
            _ if i < b.len() => {
                // Duplicate a run: repeated keys and tables.
                let len = rng.below(120).min(b.len() - i);
                let run = b[i..i + len].to_vec();
                b.splice(i..i, run);
            }
            _ => {}
        }
    }
    b
}

fn source(rel: &str, bytes: &[u8]) -> Source {
    Source {
        name: rel.into(),
        rel: rel.into(),
        text: String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let executions: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/http-bank");
    let read = |p: &str| std::fs::read(root.join(p)).expect("example bank");
    let roadmap = read("roadmap.toml");
    let banks = [read("basics/messages.toml"), read("advanced/caching.toml")];
    let answers_json = br#"{ "messages.idempotent-methods": ["PUT", "DELETE"], "messages.head-body": false,
  "messages.created-status": "201", "caching.json-stringify-order": { "answer": "false", "confidence": "sure" } }"#
        .to_vec();
    let answers_toml = b"\"messages.head-body\" = false\n\"messages.created-status\" = \"201\"\n\
        \"messages.idempotent-methods\" = [\"PUT\", \"DELETE\"]\n"
        .to_vec();
    let corpus = vec![
        roadmap.clone(),
        banks[0].clone(),
        banks[1].clone(),
        answers_json.clone(),
        answers_toml.clone(),
    ];
    let bank = load(&BankSource::Dirs(vec![root.clone()])).expect("the example loads");
    let opts = Options {
        snippets: None,
        runs: 1,
        timeout: std::time::Duration::from_secs(1),
    };
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed.max(1));
    let start = Instant::now();
    let mut findings = 0u64;
    for n in 0..executions {
        let target = rng.below(4);
        let (input, name) = match target {
            0 => (mutate(&mut rng, &roadmap, &corpus), "roadmap.toml"),
            1 => {
                let which = rng.below(2);
                let rel = ["basics/messages.toml", "advanced/caching.toml"][which];
                (mutate(&mut rng, &banks[which], &corpus), rel)
            }
            2 => (mutate(&mut rng, &answers_json, &corpus), "answers.json"),
            _ => (mutate(&mut rng, &answers_toml, &corpus), "answers.toml"),
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if target <= 1 {
                let mut sources = vec![source("roadmap.toml", &roadmap)];
                sources.push(source("basics/messages.toml", &banks[0]));
                sources.push(source("advanced/caching.toml", &banks[1]));
                let i = sources.iter().position(|s| s.rel == name).expect("named");
                sources[i] = source(name, &input);
                let v = check(parse_sources(sources), &opts);
                let index = Index::new(&v.sources);
                for d in &v.diagnostics {
                    let shown = index.render(d, false);
                    assert!(!shown.chars().any(is_unsafe), "raw escape in {shown:?}");
                }
                v.diagnostics.len() as u64
            } else {
                let src = source(name, &input);
                match levelcheck::answers::parse(&src, &bank) {
                    Ok(_) => 0,
                    Err(e) => {
                        let shown = levelcheck::render_error(&e, false, Some(100));
                        assert!(!shown.chars().any(is_unsafe), "raw escape in {shown:?}");
                        1
                    }
                }
            }
        }));
        match outcome {
            Ok(f) => findings += f,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("levelcheck-fuzz-crash-{n}-{name}"));
                let _ = std::fs::write(&path, &input);
                eprintln!(
                    "panic at execution {n} on {name}; input saved to {}",
                    path.display()
                );
                std::process::exit(1);
            }
        }
        if (n + 1) % 100_000 == 0 {
            eprintln!(
                "{} executions, {:.0}/s",
                n + 1,
                (n + 1) as f64 / start.elapsed().as_secs_f64()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{executions} executions in {secs:.1} s ({:.0}/s), seed {seed}: no panic ({findings} findings reported)",
        executions as f64 / secs
    );
}
