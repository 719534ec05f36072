//! Text made safe and readable for a terminal: control characters escaped, lines wrapped.

/// Characters that must never reach the terminal raw: C0/C1 controls (ESC starts escape
/// sequences) and the bidirectional overrides that can make text read differently than it is.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replaces unsafe characters with a visible `\u{…}` escape and tabs with spaces.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Wraps sanitized text to `width` columns, keeping the author's line breaks.
pub fn wrap(s: &str, width: usize, indent: &str) -> String {
    let opts = textwrap::Options::new(width.max(20))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(indent);
    sanitize(s)
        .lines()
        .map(|line| textwrap::fill(line, &opts))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps an option for a selection list: continuation lines indented under the first.
pub fn wrap_option(s: &str, width: usize) -> String {
    let opts = textwrap::Options::new(width.max(20))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .subsequent_indent("  ");
    textwrap::fill(&sanitize(s).replace('\n', " ⏎ "), &opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        let s = sanitize("red \u{1b}[31mX\u{7} \u{202E}abc");
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert!(s.contains("\\u{1b}[31mX\\u{7}"), "{s:?}");
        assert!(s.contains("\\u{202e}"), "{s:?}");
    }

    #[test]
    fn wrap_respects_width() {
        let w = wrap(&"word ".repeat(40), 30, "  ");
        assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
        assert!(w.lines().all(|l| l.starts_with("  ")));
    }
}
