//! The replay hint: the `levelcheck take` command line that asks a run's questions again (and
//! the `practice --missed` hint, built from the same words).

use crate::cli::{FilterArgs, GlobalArgs, TakeArgs};
use crate::engine::adaptive::DEFAULT_TARGET;
use crate::session::Feedback;

/// Every argument that decides which questions a run asks and how it asks them (not where its
/// answers come from or where its report goes); bank folders made absolute, so the hint works
/// from any directory.
pub fn command(args: &TakeArgs, g: &GlobalArgs, seed: u64, recent_before: Option<u64>) -> String {
    let mut words: Vec<String> = vec!["levelcheck".into(), "take".into()];
    words.extend(bank_words(g));
    let filters = filter_flags(&args.filter);
    let mut flag = |name: &str, value: Option<String>| {
        words.push(name.to_string());
        words.extend(value.map(|v| quote(&v)));
    };
    if args.fixed {
        flag("--fixed", None);
    }
    if let Some(n) = args.questions {
        flag("-n", Some(n.to_string()));
    }
    if !args.fixed && args.min_questions != 8 {
        flag("--min-questions", Some(args.min_questions.to_string()));
    }
    if !args.fixed && args.target_confidence != DEFAULT_TARGET {
        flag(
            "--target-confidence",
            Some(args.target_confidence.to_string()),
        );
    }
    for (name, value) in filters {
        flag(name, Some(value));
    }
    flag("--seed", Some(seed.to_string()));
    if let Some(t) = recent_before {
        flag("--recent-before", Some(t.to_string()));
    }
    if args.feedback == Feedback::AfterEach {
        flag("--feedback", Some("after-each".into()));
    }
    if args.confidence {
        flag("--confidence", None);
    }
    if args.confirm_gaps {
        flag("--confirm-gaps", None);
    }
    words.join(" ")
}

/// `levelcheck practice --missed` for the same banks and filters: the hint a drill ends with.
pub fn practice_missed(g: &GlobalArgs, filter: &FilterArgs) -> String {
    let mut words: Vec<String> = vec!["levelcheck".into(), "practice".into()];
    words.extend(bank_words(g));
    words.push("--missed".into());
    for (name, value) in filter_flags(filter) {
        words.extend([name.to_string(), quote(&value)]);
    }
    words.join(" ")
}

/// " --bank DIR" for each bank folder (empty for the built-in banks): what every printed
/// `levelcheck …` hint carries so that, copied, it runs on the same banks.
pub fn bank_flags(g: &GlobalArgs) -> String {
    bank_words(g).iter().map(|w| format!(" {w}")).collect()
}

/// `--bank DIR` for each bank folder, made absolute so the hint works from any directory.
fn bank_words(g: &GlobalArgs) -> Vec<String> {
    g.banks
        .iter()
        .flat_map(|bank| {
            let full = std::path::absolute(bank).unwrap_or_else(|_| bank.clone());
            ["--bank".to_string(), quote(&full.display().to_string())]
        })
        .collect()
}

/// The filter flags and their values (unquoted), in a fixed order.
fn filter_flags(f: &FilterArgs) -> Vec<(&'static str, String)> {
    let mut words = Vec::new();
    for (name, values) in [
        ("--level", &f.level),
        ("--section", &f.section),
        ("--topic", &f.topic),
        ("--area", &f.area),
    ] {
        for v in values {
            words.push((name, v.clone()));
        }
    }
    if let Some(t) = &f.track {
        words.push(("--track", t.clone()));
    }
    words
}

/// A word as a POSIX shell reads it back: bare when it is plainly safe, else single-quoted.
fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_survives_spaces_and_quotes() {
        assert_eq!(quote("abc-1"), "abc-1");
        assert_eq!(quote("my banks"), "'my banks'");
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
