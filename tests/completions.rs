//! Shell completions offer the roadmap's ids as the values of the filter flags, in every shell,
//! without making the flags reject another bank's ids.

mod common;

use common::*;

fn script(args: &[&str]) -> String {
    let out = lc().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// The value list each shell's script gives a flag, as that shell's syntax spells an entry.
fn offers(shell: &str, text: &str, id: &str) -> bool {
    match shell {
        // `compgen -W "… id …"` under the flag's case.
        "bash" => text.lines().any(|l| {
            l.contains("compgen -W \"") && l.split_whitespace().any(|w| w.trim_matches('"') == id)
        }),
        // `:SECTION:((id\:"Title"` then one `id\:"Title"` a line.
        "zsh" => text
            .lines()
            .any(|l| l.starts_with(&format!("{id}\\:")) || l.contains(&format!("(({id}\\:"))),
        // `-a "id\t'Title'` then one `id\t'Title'` a line (a literal backslash-t).
        "fish" => text
            .lines()
            .any(|l| l.starts_with(&format!("{id}\\t'")) || l.contains(&format!("-a \"{id}\\t'"))),
        _ => unreachable!(),
    }
}

#[test]
fn every_shell_offers_section_topic_track_and_level_ids() {
    for shell in ["bash", "zsh", "fish"] {
        let text = script(&["completions", shell]);
        for id in ["node-internals", "event-loop", "senior", "beginner"] {
            assert!(offers(shell, &text, id), "{shell}: {id} not offered");
        }
        assert!(
            !offers(shell, &text, "caching"),
            "{shell}: the example bank leaked in"
        );
    }
}

#[test]
fn with_bank_the_banks_own_ids_are_offered() {
    let bank = example("http-bank");
    let bank = bank.to_str().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let text = script(&["--bank", bank, "completions", shell]);
        assert!(
            offers(shell, &text, "caching"),
            "{shell}: caching not offered"
        );
        assert!(!offers(shell, &text, "node-internals"), "{shell}");
    }
}

/// The ids are added for the script only: parsing still takes a custom bank's section.
#[test]
fn a_custom_banks_ids_still_parse() {
    lc().arg("--bank")
        .arg(example("http-bank"))
        .args([
            "--no-history",
            "take",
            "--fixed",
            "--section",
            "caching",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(0);
}
