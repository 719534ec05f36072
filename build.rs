//! Embeds questions/ into the binary: generates a table of (relative path, include_str!) pairs,
//! so an installed `levelcheck` works from any directory. Rebuilds whenever a bank changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // Read at run time, not baked in with env!(): cargo shares a compiled build script between
    // copies of this package built into one target folder (cargo install from another checkout,
    // pre-commit's clone), and a baked-in path read the first copy's questions, or none.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("questions");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed={}", root.join("ratings").display());
    let mut files = Vec::new();
    collect(&root, &root, 0, &mut files);
    // A binary without its banks would fail every command: refuse to build one.
    assert!(
        files.iter().any(|(rel, _)| rel == "roadmap.toml"),
        "no questions/roadmap.toml under {}",
        root.display()
    );
    // roadmap.toml first, then banks in path order: the same order on every platform.
    files.sort_by_key(|(rel, _)| (rel != "roadmap.toml", rel.clone()));
    let mut out = String::from(
        "/// Built-in bank files: (path under questions/, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    // Committed blind ratings (questions/ratings/*.jsonl): the engine's priors use them.
    let mut ratings: Vec<(String, PathBuf)> = std::fs::read_dir(root.join("ratings"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .map(|p| {
            (
                format!("ratings/{}", p.file_name().unwrap().to_string_lossy()),
                p,
            )
        })
        .collect();
    ratings.sort();
    out.push_str("/// Built-in ratings files: (path under questions/, contents).\npub static RATINGS: &[(&str, &str)] = &[\n");
    for (rel, path) in &ratings {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    // A shipped calibration (questions/calibration.toml), when there is one.
    let calibration = root.join("calibration.toml");
    println!("cargo:rerun-if-changed={}", calibration.display());
    out.push_str("/// The built-in calibration file, if questions/ ships one.\npub static CALIBRATION: Option<&str> = ");
    if calibration.is_file() {
        writeln!(
            out,
            "Some(include_str!({:?}));",
            calibration.display().to_string()
        )
        .unwrap();
    } else {
        out.push_str("None;\n");
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_banks.rs");
    std::fs::write(dest, out).unwrap();
}

/// roadmap.toml at the top, bank files one folder down (`<level>/<section>.toml`).
fn collect(root: &Path, dir: &Path, depth: usize, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", dir.display());
        if path.is_dir() && depth == 0 {
            collect(root, &path, depth + 1, files);
        } else if path.extension().is_some_and(|e| e == "toml")
            && (depth == 1 || path.ends_with("roadmap.toml"))
        {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push((rel, path));
        }
    }
}
