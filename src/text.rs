//! Plain text for people: made safe for a terminal (controls escaped), wrapped to a width, and
//! normalized for comparing typed answers. Pure functions, usable from every layer.

/// Characters that must never reach the terminal raw: C0/C1 controls (ESC starts escape
/// sequences; a lone CR rewrites the line), the bidirectional controls that can make text read
/// differently than it is, and invisible zero-width characters. Newline and tab are layout.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The unsafe characters of `s` with their byte offsets; a CR that ends a CRLF line is layout.
pub fn unsafe_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.char_indices().filter(move |&(i, c)| {
        is_unsafe(c) && !(c == '\r' && s.as_bytes().get(i + 1) == Some(&b'\n'))
    })
}

/// The one path from file text to display text: CRLF becomes LF and every unsafe character a
/// visible `\u{…}` escape. Banks, roadmaps and history records go through it once, at load.
pub fn escape_unsafe(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    if !s.chars().any(is_unsafe) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes every string inside any serde value (a roadmap, a history record) in place, through
/// its JSON form: every field is covered, including fields added later.
pub fn escape_all<T: serde::Serialize + serde::de::DeserializeOwned>(x: &mut T) {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = escape_unsafe(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    let Ok(mut v) = serde_json::to_value(&*x) else {
        return;
    };
    walk(&mut v);
    if let Ok(safe) = serde_json::from_value(v) {
        *x = safe;
    }
}

/// Display text: [`escape_unsafe`], and tabs as spaces for layout.
pub fn sanitize(s: &str) -> String {
    escape_unsafe(s).replace('\t', "    ")
}

/// The textwrap options every wrap here uses: break at spaces only, and never inside a word —
/// not even one longer than the line. textwrap's default (`break_words`) cuts such a word at the
/// edge, turning a URL, a path or a command into two halves that no longer work when copied; a
/// word that cannot fit is left whole, to overflow (the terminal folds it, copy keeps it whole).
fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width.max(20))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .initial_indent(first)
        .subsequent_indent(rest)
}

/// Wraps sanitized text to `width` columns, keeping the author's line breaks.
pub fn wrap(s: &str, width: usize, indent: &str) -> String {
    let opts = options(width, indent, indent);
    sanitize(s)
        .lines()
        .map(|line| textwrap::fill(line, &opts))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `label` then `s`, wrapped to `width` with every continuation line indented under the text
/// (a hanging indent), so a long answer reads as one item.
pub fn wrap_labelled(indent: &str, label: &str, s: &str, width: usize) -> String {
    let first = format!("{indent}{label}");
    let hang = " ".repeat(textwrap::core::display_width(&first));
    let opts = options(width, &first, &hang);
    textwrap::fill(&sanitize(s).replace('\n', " ⏎ "), &opts)
}

/// A table row: `row` (fixed columns) then `s` (a free-text last column) with a hanging indent
/// under it. When `s` does not fit and fewer than 24 columns would be left for it, it goes on
/// the lines below, indented past the row's own indent, rather than in a sliver at the edge.
pub fn row_then(row: &str, s: &str, width: usize) -> String {
    let left = width.saturating_sub(textwrap::core::display_width(row));
    if left >= 24 || textwrap::core::display_width(&sanitize(s)) <= left {
        return wrap_labelled("", row, s, width);
    }
    let indent = row.len() - row.trim_start().len() + 4;
    format!(
        "{}\n{}",
        row.trim_end(),
        wrap(s, width, &" ".repeat(indent))
    )
}

/// `label` then a command to copy, e.g. "drill it: levelcheck practice …": on one line when it
/// fits, else the command alone on the next line, at the same indent. The command is
/// never wrapped — a command split over two lines runs its first half when pasted — so it may
/// overflow a narrow terminal, like a URL.
pub fn command_line(indent: &str, label: &str, command: &str, width: usize) -> String {
    let command = sanitize(command);
    let one = format!("{indent}{label}{command}");
    if textwrap::core::display_width(&one) <= width {
        return one;
    }
    format!("{indent}{}\n{indent}{command}", label.trim_end())
}

/// The width of text output: the terminal's (`columns`), else `$COLUMNS`, else 100; never
/// under 20, and at most 100 so that prose stays readable on a wide terminal.
pub fn output_width(columns: Option<u16>, env_columns: Option<&str>) -> usize {
    columns
        .map(usize::from)
        .filter(|c| *c > 0)
        .or_else(|| env_columns.and_then(|c| c.trim().parse().ok()))
        .unwrap_or(100)
        .clamp(20, 100)
}

/// Wraps an option for a selection list: continuation lines indented under the first.
pub fn wrap_option(s: &str, width: usize) -> String {
    let opts = options(width, "", "    ");
    textwrap::fill(&sanitize(s).replace('\n', " ⏎ "), &opts)
}

/// `s` cut to at most `width` columns at a space, with "…" where it was cut, and no dangling
/// " ·" separator before it: a one-line status (the progress line) that must not wrap, and must
/// not end mid-word. A first word too long for the line is cut by characters, as a last resort.
pub fn fit_words(s: &str, width: usize) -> String {
    use textwrap::core::display_width;
    if display_width(s) <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut kept = String::new();
    for word in s.split(' ') {
        let next = if kept.is_empty() {
            word.to_string()
        } else {
            format!("{kept} {word}")
        };
        if display_width(&next) > room {
            break;
        }
        kept = next;
    }
    let kept = kept.trim_end_matches([' ', '·']).trim_end();
    if kept.is_empty() {
        let cut: String = s.chars().take(room).collect();
        return format!("{cut}…");
    }
    format!("{kept}…")
}

/// "1 question", "3 questions": a count with its noun, singular for one. `noun` is the
/// singular; the plural adds an "s" (every noun counted in levelcheck's output does).
///
/// ```
/// assert_eq!(levelcheck::text::count(1, "question"), "1 question");
/// assert_eq!(levelcheck::text::count(0, "question"), "0 questions");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// m:ss, as the interview clock and scorecard write times.
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Lower-cases, trims and collapses runs of whitespace: how typed answers (and
/// key points, for duplicates) are compared.
///
/// ```
/// assert_eq!(levelcheck::text::normalize("  201   Created\n"), "201 created");
/// ```
pub fn normalize(s: &str) -> String {
    collapse_spaces(s).to_lowercase()
}

/// Trims and collapses runs of whitespace, keeping case: how a `case_sensitive` answer is
/// compared.
///
/// ```
/// assert_eq!(levelcheck::text::collapse_spaces(" git  switch -C "), "git switch -C");
/// ```
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let z = sanitize("a\u{200b}b\u{feff}\u{2066}\r\nc\rd\u{9b}");
        assert!(!z.chars().any(is_unsafe), "{z:?}");
        assert_eq!(z, "a\\u{200b}b\\u{feff}\\u{2066}\nc\\u{d}d\\u{9b}");
    }

    #[test]
    fn labelled_lines_hang_under_their_text() {
        let w = wrap_labelled("  ", "Your answer: ", &"alpha beta ".repeat(12), 40);
        let lines: Vec<&str> = w.lines().collect();
        assert!(lines.len() > 1, "{w}");
        assert!(lines[0].starts_with("  Your answer: alpha"));
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with(&" ".repeat(15)) && l.len() <= 40)
        );
    }

    #[test]
    fn width_is_the_terminal_then_columns_then_100() {
        assert_eq!(output_width(Some(60), Some("90")), 60);
        assert_eq!(output_width(None, Some("70")), 70);
        assert_eq!(output_width(None, Some("x")), 100);
        assert_eq!(output_width(None, None), 100);
    }

    #[test]
    fn a_row_keeps_its_last_column_under_itself_or_below() {
        let wide = row_then("  id    4  ", "a title of several words that wraps", 40);
        assert_eq!(
            wide,
            "  id    4  a title of several words that\n           wraps"
        );
        let narrow = row_then("    a-long-topic-id   4  must-have  ", "Its title", 40);
        assert_eq!(
            narrow,
            "    a-long-topic-id   4  must-have\n        Its title"
        );
    }

    #[test]
    fn a_word_is_never_split_even_when_it_is_longer_than_the_line() {
        let url = "https://nodejs.org/api/http.html#responsesetheadername-value";
        let w = wrap(&format!("Read {url} first, then retry."), 30, "  ");
        assert!(w.lines().any(|l| l.trim() == url), "{w}");
        assert!(w.lines().all(|l| l.len() <= 30 || l.trim() == url), "{w}");
        // An option whose first line has room for a word its indented tail would not.
        let o = wrap_option(&format!("{} end", "x".repeat(28)), 30);
        assert_eq!(o, format!("{}\n    end", "x".repeat(28)));
        let l = wrap_labelled("  ", "Your answer: ", &format!("see {url}"), 40);
        assert!(l.contains(url), "{l}");
    }

    #[test]
    fn fitted_lines_end_at_a_word_with_an_ellipsis() {
        let s = "Question 3 of at most 20 · Expert · Security & Compliance";
        assert_eq!(fit_words(s, 80), s);
        assert_eq!(
            fit_words(s, 45),
            "Question 3 of at most 20 · Expert · Security…"
        );
        // A cut right after a separator drops the separator too.
        assert_eq!(fit_words(s, 37), "Question 3 of at most 20 · Expert…");
        assert!(fit_words(s, 30).chars().count() <= 30);
        assert_eq!(fit_words("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn a_command_is_never_wrapped() {
        let cmd = "levelcheck practice --bank /srv/team/banks --section caching";
        assert_eq!(
            command_line("  ", "drill it: ", cmd, 80),
            format!("  drill it: {cmd}")
        );
        assert_eq!(
            command_line("  ", "drill it: ", cmd, 40),
            format!("  drill it:\n  {cmd}")
        );
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "question"), "1 question");
        assert_eq!(count(2, "file"), "2 files");
        assert_eq!(count(0, "answer"), "0 answers");
    }

    #[test]
    fn wrap_respects_width() {
        let w = wrap(&"word ".repeat(40), 30, "  ");
        assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
        assert!(w.lines().all(|l| l.starts_with("  ")));
    }
}
