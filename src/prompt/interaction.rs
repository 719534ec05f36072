//! The one decision "ask a person or read answers", made from plain facts so it can be tested.

/// How a quiz gets its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interaction {
    /// Prompts in the terminal.
    Terminal,
    /// Answers from `--answers`.
    Scripted,
    /// Neither is possible: exit 2 with a hint, never wait.
    Impossible,
}

/// `answers_given` wins; otherwise prompting needs both stdin and stderr on a terminal (the
/// prompts draw on stderr and read keys from the terminal).
pub fn decide(answers_given: bool, stdin_tty: bool, stderr_tty: bool) -> Interaction {
    if answers_given {
        Interaction::Scripted
    } else if stdin_tty && stderr_tty {
        Interaction::Terminal
    } else {
        Interaction::Impossible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_win_and_pipes_never_prompt() {
        assert_eq!(decide(true, false, false), Interaction::Scripted);
        assert_eq!(decide(true, true, true), Interaction::Scripted);
        assert_eq!(decide(false, true, true), Interaction::Terminal);
        assert_eq!(decide(false, false, true), Interaction::Impossible);
        assert_eq!(decide(false, true, false), Interaction::Impossible);
    }
}

/// `--color`: whether output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour a stream: `--color` wins over `NO_COLOR`, which wins over "is a terminal".
pub fn use_color(choice: ColorChoice, no_color_env: bool, is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color_env && is_tty,
    }
}

/// `NO_COLOR` set to anything non-empty (https://no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod color_tests {
    use super::*;

    #[test]
    fn no_color_beats_auto_but_not_always() {
        assert!(!use_color(ColorChoice::Auto, true, true));
        assert!(use_color(ColorChoice::Auto, false, true));
        assert!(!use_color(ColorChoice::Auto, false, false));
        assert!(use_color(ColorChoice::Always, true, false));
        assert!(!use_color(ColorChoice::Never, false, true));
    }
}
