//! Proving output keys: run each snippet with node, several times, in a fresh temporary folder,
//! under a timeout, an output cap and Node's permission model, and compare with the key.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Options;
use crate::bank::{Body, Module, Question};
use crate::diagnostic::Diagnostic;

/// Output beyond this is cut off and reported: a key is a few lines, never megabytes.
pub const MAX_OUTPUT: usize = 64 * 1024;

/// The outcome of one run.
#[derive(Debug, Clone, PartialEq)]
pub enum RunResult {
    Output(String),
    TimedOut,
    TooMuchOutput,
    Failed(String),
}

/// Finds the flag that turns on Node's permission model, where this node has one.
pub fn permission_flag(node: &Path) -> Option<&'static str> {
    ["--permission", "--experimental-permission"]
        .into_iter()
        .find(|flag| {
            Command::new(node)
                .args([flag, "-e", "0"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// Whether `node` can be started at all.
pub fn node_version(node: &Path) -> Option<String> {
    let out = Command::new(node)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs one snippet once in a fresh folder it may read but not write.
pub fn run_once(
    node: &Path,
    permission: Option<&str>,
    code: &str,
    module: Module,
    timeout: Duration,
) -> RunResult {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return RunResult::Failed(format!("cannot create a temporary folder: {e}")),
    };
    let file = dir.path().join(match module {
        Module::Commonjs => "snippet.cjs",
        Module::Esm => "snippet.mjs",
    });
    if let Err(e) = std::fs::write(&file, code) {
        return RunResult::Failed(format!("cannot write the snippet: {e}"));
    }
    let mut cmd = Command::new(node);
    if let Some(flag) = permission {
        // Read the snippet's own folder; allow worker threads (a roadmap topic); no writes, no
        // child processes, no addons.
        cmd.arg(flag)
            .arg(format!("--allow-fs-read={}", dir.path().display()))
            .arg("--allow-worker");
    }
    cmd.arg(&file)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.env("NODE_OPTIONS", "")
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0");
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return RunResult::Failed(format!("cannot start {}: {e}", node.display())),
    };
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stdout)
            .take(MAX_OUTPUT as u64 + 1)
            .read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(4096).read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let Some(status) = status else {
        return RunResult::TimedOut;
    };
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if out.len() > MAX_OUTPUT {
        return RunResult::TooMuchOutput;
    }
    if !status.success() {
        let err = String::from_utf8_lossy(&err);
        let first = err
            .lines()
            .find(|l| l.contains("Error"))
            .unwrap_or_else(|| err.lines().next().unwrap_or(""));
        return RunResult::Failed(format!("node exited with {status}: {}", first.trim()));
    }
    RunResult::Output(String::from_utf8_lossy(&out).into_owned())
}

/// Runs every output snippet `opts.runs` times (two at a time) and reports keys that differ from
/// the real output, flaky output, timeouts, floods and crashes.
pub fn check(qs: &[Question], opts: &Options) -> (Vec<Diagnostic>, usize) {
    let permission = permission_flag(&opts.node);
    let jobs: Vec<&Question> = qs
        .iter()
        .filter(|q| matches!(q.body, Body::Output { .. }))
        .collect();
    let next = Mutex::new(0usize);
    let found = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("lock");
                        *n += 1;
                        *n - 1
                    };
                    let Some(q) = jobs.get(i) else { break };
                    if let Some(d) = check_one(q, opts, permission) {
                        found.lock().expect("lock").push(d);
                    }
                }
            });
        }
    });
    (found.into_inner().expect("lock"), jobs.len())
}

fn check_one(q: &Question, opts: &Options, permission: Option<&str>) -> Option<Diagnostic> {
    let Body::Output {
        code,
        output,
        module,
        ..
    } = &q.body
    else {
        return None;
    };
    let mut first: Option<String> = None;
    for run in 0..opts.runs {
        let got = match run_once(&opts.node, permission, code, *module, opts.timeout) {
            RunResult::Output(o) => o,
            RunResult::TimedOut => {
                return Some(diag(
                    q,
                    "code",
                    "snippet-timeout",
                    format!("the snippet ran past {:?} and was stopped", opts.timeout),
                ));
            }
            RunResult::TooMuchOutput => {
                return Some(diag(
                    q,
                    "code",
                    "snippet-flood",
                    format!(
                        "the snippet printed more than {} KiB and was cut off",
                        MAX_OUTPUT / 1024
                    ),
                ));
            }
            RunResult::Failed(why) => return Some(diag(q, "code", "snippet-failed", why)),
        };
        match &first {
            None => first = Some(got),
            Some(prev) if *prev != got => {
                return Some(diag(
                    q,
                    "output",
                    "snippet-flaky",
                    format!(
                        "the output differs between runs (run 1: {:?}, run {}: {:?}): the snippet is not deterministic",
                        prev.trim_end(),
                        run + 1,
                        got.trim_end()
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    let got = first.unwrap_or_default();
    (got.trim_end_matches('\n') != output.trim_end_matches('\n')).then(|| {
        diag(
            q,
            "output",
            "wrong-output-key",
            format!(
                "the key differs from what node prints\n  key:  {:?}\n  node: {:?}",
                output.trim_end_matches('\n'),
                got.trim_end_matches('\n')
            ),
        )
    })
}

fn diag(q: &Question, key: &str, code: &'static str, msg: String) -> Diagnostic {
    Diagnostic::error(
        code,
        &q.origin.file,
        Some(q.origin.span(key)),
        format!("`{}`: {msg}", q.id),
    )
}
