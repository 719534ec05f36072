//! Proving output keys: run each snippet with node, several times, in the sandbox, under a
//! timeout, an output cap and Node's permission model, and compare with the key.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Options;
use super::sandbox::{self, Sandbox};
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
    /// Stopped at the memory limit.
    OutOfMemory,
    Failed(String),
}

/// Finds the flag that turns on Node's permission model, where this node has one.
pub fn permission_flag(node: &Path) -> Option<&'static str> {
    ["--permission", "--experimental-permission"]
        .into_iter()
        .find(|flag| {
            Command::new(node)
                .args([flag, "-e", "0"])
                .env_clear()
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
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// How snippets run: the node binary, its permission-model flags, and the sandbox around it.
#[derive(Debug, Clone)]
pub struct Runner {
    node: PathBuf,
    /// The permission model: read the snippet's own folder; worker threads (a roadmap topic);
    /// no writes, no child processes, no addons. Empty when node has no permission model.
    flags: Vec<String>,
    sandbox: Option<Sandbox>,
    weaknesses: Vec<String>,
    /// Ticked once per snippet checked; silent unless the caller gives one that draws.
    progress: std::sync::Arc<dyn SnippetProgress>,
}

/// Where `check` reports how far it has got. The library names no terminal crate: the command
/// hands in a progress bar, or nothing.
pub trait SnippetProgress: std::fmt::Debug + Send + Sync {
    /// `total` snippets are about to run.
    fn start(&self, total: u64);
    /// One more snippet is checked.
    fn tick(&self);
    /// Every snippet is checked.
    fn finish(&self);
}

/// No progress shown.
#[derive(Debug)]
struct Silent;

impl SnippetProgress for Silent {
    fn start(&self, _: u64) {}
    fn tick(&self) {}
    fn finish(&self) {}
}

impl Runner {
    /// Checks that snippets can run isolated with `node`: Linux namespaces and node's permission
    /// model. Where either is missing this is an error saying why, unless `unsandboxed` (the
    /// user's explicit `--unsandboxed-snippets`) accepts the weaker isolation: then the runner
    /// lists what is missing in [`Runner::weaknesses`], for a warning.
    pub fn prepare(node: &Path, unsandboxed: bool) -> Result<Self, String> {
        let hint = "hint: pass --unsandboxed-snippets to run them anyway, only on banks you trust";
        let resolved = sandbox::resolve_node(node)
            .filter(|p| node_version(p).is_some())
            .ok_or_else(|| {
                format!(
                    "--run-snippets needs node, and `{}` could not be run\nhint: install Node.js, or point --node at the binary",
                    node.display()
                )
            })?;
        let mut weaknesses = Vec::new();
        let flags = match permission_flag(&resolved) {
            Some(flag) => vec![
                flag.to_string(),
                format!("--allow-fs-read={}", Sandbox::SNIPPET_DIR),
                "--allow-worker".to_string(),
            ],
            None => {
                let why = format!(
                    "node {} has no permission model (Node.js 20 or later has one): snippets could write files and start processes",
                    node_version(&resolved).unwrap_or_default()
                );
                if !unsandboxed {
                    return Err(format!("refusing to run snippets: {why}\n{hint}"));
                }
                weaknesses.push(why);
                Vec::new()
            }
        };
        let sandbox = match Sandbox::probe(&resolved) {
            Ok(s) => Some(s),
            Err(why) => {
                let why = format!(
                    "snippets cannot be isolated: {why}; they would see the environment and the network and could signal other processes"
                );
                if !unsandboxed {
                    return Err(format!("refusing to run snippets: {why}\n{hint}"));
                }
                weaknesses.push(why);
                None
            }
        };
        Ok(Runner {
            node: resolved,
            flags,
            sandbox,
            weaknesses,
            progress: std::sync::Arc::new(Silent),
        })
    }

    /// Reports progress on `bar` while snippets run: the caller decides where (and whether) it
    /// draws, so the library never writes to the terminal itself.
    pub fn with_progress(mut self, bar: impl SnippetProgress + 'static) -> Self {
        self.progress = std::sync::Arc::new(bar);
        self
    }

    /// What this runner does not isolate (empty when fully sandboxed).
    pub fn weaknesses(&self) -> &[String] {
        &self.weaknesses
    }

    /// Whether snippets run inside the namespace sandbox.
    pub fn is_sandboxed(&self) -> bool {
        self.sandbox.is_some()
    }

    /// Runs one snippet once and returns what it printed, or why it did not finish.
    pub fn run_once(&self, code: &str, module: Module, timeout: Duration) -> RunResult {
        let file = match module {
            Module::Commonjs => "snippet.cjs",
            Module::Esm => "snippet.mjs",
        };
        match &self.sandbox {
            Some(sandbox) => {
                let mut cmd = sandbox.command(file, &self.flags);
                run_child(&mut cmd, Some(code), timeout)
            }
            None => self.run_unsandboxed(file, code, timeout),
        }
    }

    /// Without namespaces: a fresh temporary folder, an empty environment, node's permission
    /// model when it has one. Only with `--unsandboxed-snippets`.
    fn run_unsandboxed(&self, file: &str, code: &str, timeout: Duration) -> RunResult {
        let dir = match tempfile::Builder::new()
            .prefix(".tmp-levelcheck-")
            .tempdir()
        {
            Ok(d) => d,
            Err(e) => return RunResult::Failed(format!("cannot create a temporary folder: {e}")),
        };
        let path = dir.path().join(file);
        if let Err(e) = std::fs::write(&path, code) {
            return RunResult::Failed(format!("cannot write the snippet: {e}"));
        }
        let mut cmd = Command::new(&self.node);
        for flag in &self.flags {
            match flag.strip_prefix("--allow-fs-read=") {
                Some(_) => cmd.arg(format!("--allow-fs-read={}", dir.path().display())),
                None => cmd.arg(flag),
            };
        }
        cmd.arg(&path)
            .current_dir(dir.path())
            .env_clear()
            .stdin(Stdio::null());
        run_child(&mut cmd, None, timeout)
    }
}

/// Starts `cmd`, feeds it `input`, collects capped output, and stops it at the timeout.
fn run_child(cmd: &mut Command, input: Option<&str>, timeout: Duration) -> RunResult {
    cmd.env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return RunResult::Failed(format!("cannot start node: {e}")),
    };
    if let (Some(mut stdin), Some(code)) = (child.stdin.take(), input) {
        // A snippet is small and the sandbox reads all of it before starting node.
        let _ = stdin.write_all(code.as_bytes());
    }
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
        let _ = (&mut stderr).take(16 * 1024).read_to_end(&mut buf);
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
    // A flood can also end in a crash: with the reader at the cap, node queues writes in memory
    // until the memory limit kills it (seen as SIGSEGV under load). Having printed the whole cap,
    // it flooded, whatever it died of.
    if out.len() > MAX_OUTPUT || (!status.success() && out.len() >= MAX_OUTPUT) {
        return RunResult::TooMuchOutput;
    }
    if !status.success() {
        let err = String::from_utf8_lossy(&err);
        let lower = err.to_lowercase();
        if ["out of memory", "bad_alloc", "allocation failed"]
            .iter()
            .any(|m| lower.contains(m))
        {
            return RunResult::OutOfMemory;
        }
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
pub fn check(qs: &[Question], runner: &Runner, opts: &Options) -> (Vec<Diagnostic>, usize) {
    let jobs: Vec<&Question> = qs
        .iter()
        .filter(|q| matches!(q.body, Body::Output { .. }))
        .collect();
    let next = Mutex::new(0usize);
    let found = Mutex::new(Vec::new());
    runner.progress.start(jobs.len() as u64);
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
                    if let Some(d) = check_one(q, runner, opts) {
                        found.lock().expect("lock").push(d);
                    }
                    runner.progress.tick();
                }
            });
        }
    });
    runner.progress.finish();
    (found.into_inner().expect("lock"), jobs.len())
}

fn check_one(q: &Question, runner: &Runner, opts: &Options) -> Option<Diagnostic> {
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
        let got = match runner.run_once(code, *module, opts.timeout) {
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
            RunResult::OutOfMemory => {
                return Some(diag(
                    q,
                    "code",
                    "snippet-memory",
                    format!(
                        "the snippet used more than the {} MiB memory limit and was stopped",
                        sandbox::MEMORY_LIMIT >> 20
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
