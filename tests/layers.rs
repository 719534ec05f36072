//! The module layering, checked from the source: every `crate::` path points down the data flow
//! (files → bank → engine → session → score → report, the terminal at the edge), never up.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every top-level module of `src/`, lowest first. A module may name only modules listed before
/// it; a new module must be placed here, which is the moment to decide where it belongs.
const LAYERS: &[&str] = &[
    // Foundations any layer may use: text, diagnostics, errors, bounded reads, atomic writes.
    "text",
    "diagnostic",
    "error",
    "read",
    "outfile",
    "pipe",
    // Files → bank.
    "roadmap",
    "bank",
    "schema",
    // An answer: marking it, the answered question, confidence calibration, answer files.
    "mark",
    "answered",
    "confidence",
    "responses",
    "answers",
    // Bank → engine, and the tools that check banks and fit their parameters.
    "engine",
    "calibrate",
    "validate",
    "analyze",
    "ratings",
    // Engine → prompter → session → score → report.
    "prompt",
    "session",
    "score",
    "simulate",
    "report",
    "interview",
    "history",
    // The edge: what the user types, and the commands that wire everything together.
    "cli",
    "commands",
];

/// Where the terminal crates may be used: the terminal prompter (with its select widget and
/// theme), the human reporter, commands.
const TERMINAL_ALLOWED: &[&str] = &[
    "prompt/term.rs",
    "prompt/term_rater.rs",
    "prompt/select.rs",
    "prompt/theme.rs",
    "report/text.rs",
    "commands/",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library's source files (not `lib.rs`, the root, nor `main.rs`, the binary) as
/// (path relative to `src/`, top-level module, text).
fn sources() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "lib.rs" || rel == "main.rs" {
                return None;
            }
            let top = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            Some((rel, top, std::fs::read_to_string(&p).unwrap()))
        })
        .collect()
}

/// The code of a line, without its `//` comment (doc comments may name any module).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// Top-level modules named by `crate::name` or `crate::{name, …}` in `text`, with their lines.
fn crate_paths(text: &str) -> BTreeSet<(usize, String)> {
    let code: String = text.lines().map(code).collect::<Vec<_>>().join("\n");
    let line_of = |i: usize| code[..i].matches('\n').count() + 1;
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `foocrate::` is not a path into this crate
        }
        let rest = &code[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            for name in group_heads(group) {
                found.insert((line_of(i), name));
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert((line_of(i), name));
            }
        }
    }
    found
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The first segment of each path in a `{a::x, b}` group (text after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let (mut depth, mut heads, mut at_start) = (1, Vec::new(), true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => at_start = true,
            c if c.is_whitespace() => {}
            _ if at_start && depth == 1 => {
                heads.push(ident(&group[i..]));
                at_start = false;
            }
            _ => {}
        }
    }
    heads
}

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|m| *m == module)
}

#[test]
fn every_module_has_a_layer() {
    let missing: BTreeSet<String> = sources()
        .into_iter()
        .map(|(_, top, _)| top)
        .filter(|top| rank(top).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "place these modules in LAYERS: {missing:?}"
    );
}

#[test]
fn imports_point_down_the_layers() {
    let mut upward = Vec::new();
    for (rel, top, text) in sources() {
        let Some(own) = rank(&top) else { continue };
        for (line, target) in crate_paths(&text) {
            match rank(&target) {
                Some(r) if r <= own => {}
                Some(_) => upward.push(format!("src/{rel}:{line}: {top} imports {target}")),
                None => upward.push(format!("src/{rel}:{line}: unknown module {target}")),
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the data flow:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_terminal_stays_at_the_edge() {
    let mut stray = Vec::new();
    for (rel, _, text) in sources() {
        if TERMINAL_ALLOWED.iter().any(|a| rel.starts_with(a)) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let line = code(line);
            if ["dialoguer", "indicatif", "console::"]
                .iter()
                .any(|c| line.contains(c))
            {
                stray.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        stray.is_empty(),
        "terminal crates outside the edge:\n{}",
        stray.join("\n")
    );
}

/// The checker itself: it sees grouped and inline paths and ignores comments.
#[test]
fn crate_paths_finds_what_an_import_names() {
    let text = "use crate::bank::Bank;\nlet x = crate::engine::pool::pool(b);\n\
                // crate::cli in a comment\nuse crate::{\n    score::{a, b},\n    session::Session,\n};";
    let found: Vec<(usize, String)> = crate_paths(text).into_iter().collect();
    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["bank", "engine", "score", "session"]);
    assert_eq!(found[0].0, 1);
    assert_eq!(found[2].0, 4);
    assert!(rank("session") < rank("score") && rank("bank") < rank("engine"));
}
