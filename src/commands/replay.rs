//! The replay hint: the `levelcheck take` command line that asks a run's questions again.

use crate::cli::{GlobalArgs, TakeArgs};
use crate::engine::adaptive::DEFAULT_TARGET;
use crate::session::Feedback;

/// Every argument that decides which questions a run asks and how it asks them (not where its
/// answers come from or where its report goes); bank folders made absolute, so the hint works
/// from any directory.
pub fn command(args: &TakeArgs, g: &GlobalArgs, seed: u64, recent_before: Option<u64>) -> String {
    let mut words: Vec<String> = vec!["levelcheck".into(), "take".into()];
    let mut flag = |name: &str, value: Option<String>| {
        words.push(name.to_string());
        words.extend(value.map(|v| quote(&v)));
    };
    for bank in &g.banks {
        let full = std::path::absolute(bank).unwrap_or_else(|_| bank.clone());
        flag("--bank", Some(full.display().to_string()));
    }
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
    let f = &args.filter;
    for (name, values) in [
        ("--level", &f.level),
        ("--section", &f.section),
        ("--topic", &f.topic),
        ("--area", &f.area),
    ] {
        for v in values {
            flag(name, Some(v.clone()));
        }
    }
    if let Some(t) = &f.track {
        flag("--track", Some(t.clone()));
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
