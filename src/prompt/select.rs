//! A single-choice list where only Enter submits: dialoguer's `Select` also submits on Space,
//! which in a select-all list marks an option — one key must mean one thing (Space never
//! submits). Drawn with the same theme as every other prompt, on `console`.

use std::io;
use std::ops::Range;

use console::{Key, Term};
use dialoguer::theme::Theme;

/// What a key does to a list of `len` rows with the cursor on `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Move(usize),
    Submit,
    Ignore,
}

/// The key map: arrows (and Tab, j/k) move with wrap-around, Home/End jump, Enter submits.
/// Space, Escape and every other key do nothing.
pub fn step(key: &Key, at: usize, len: usize) -> Step {
    match key {
        Key::ArrowDown | Key::Tab | Key::Char('j') => Step::Move((at + 1) % len),
        Key::ArrowUp | Key::BackTab | Key::Char('k') => Step::Move((at + len - 1) % len),
        Key::Home => Step::Move(0),
        Key::End => Step::Move(len - 1),
        Key::Enter => Step::Submit,
        _ => Step::Ignore,
    }
}

/// The rows to draw when they do not all fit in `room` lines: a window that holds the cursor's
/// row, each row `heights[i]` lines tall (a wrapped option is several).
pub fn window(heights: &[usize], at: usize, room: usize) -> Range<usize> {
    let room = room.max(1);
    let (mut start, mut end, mut used) = (at, at + 1, heights[at]);
    // Grow downwards first (the rows after the cursor are the ones the reader looks for next),
    // then upwards.
    while end < heights.len() && used + heights[end] <= room {
        used += heights[end];
        end += 1;
    }
    while start > 0 && used + heights[start - 1] <= room {
        start -= 1;
        used += heights[start];
    }
    start..end
}

/// One choice among `items`, Enter to submit; the builder mirrors dialoguer's `Select`.
pub struct SingleSelect<'a> {
    theme: &'a dyn Theme,
    prompt: String,
    items: Vec<String>,
    default: usize,
    report: bool,
}

impl<'a> SingleSelect<'a> {
    pub fn with_theme(theme: &'a dyn Theme) -> Self {
        Self {
            theme,
            prompt: String::new(),
            items: Vec::new(),
            default: 0,
            report: true,
        }
    }

    pub fn with_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = prompt.into();
        self
    }

    pub fn items<S: ToString>(mut self, items: impl IntoIterator<Item = S>) -> Self {
        self.items = items.into_iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn default(mut self, i: usize) -> Self {
        self.default = i;
        self
    }

    /// Whether to leave a "prompt · choice" line once answered (otherwise the list is cleared
    /// and the caller says what was chosen).
    pub fn report(mut self, report: bool) -> Self {
        self.report = report;
        self
    }

    /// Asks on `term`; Ctrl-C (or a terminal gone) is an error, and the cursor is shown again.
    pub fn interact_on(self, term: &Term) -> io::Result<usize> {
        if !term.is_term() {
            return Err(io::Error::new(
                io::ErrorKind::NotConnected,
                "not a terminal",
            ));
        }
        if self.items.is_empty() {
            return Err(io::Error::other("nothing to choose from"));
        }
        term.hide_cursor()?;
        let picked = self.ask(term);
        let _ = term.show_cursor();
        let i = picked?;
        if self.report {
            term.write_line(
                &self.format(|t, f| {
                    t.format_select_prompt_selection(f, &self.prompt, &self.items[i])
                }),
            )?;
        }
        Ok(i)
    }

    fn ask(&self, term: &Term) -> io::Result<usize> {
        let mut at = self.default.min(self.items.len() - 1);
        let heights: Vec<usize> = self
            .items
            .iter()
            .map(|s| s.lines().count().max(1))
            .collect();
        loop {
            let room = usize::from(term.size().0).saturating_sub(2);
            let drawn = self.draw(term, &heights, at, room)?;
            let key = term.read_key();
            term.clear_last_lines(drawn)?;
            match step(&key?, at, self.items.len()) {
                Step::Move(i) => at = i,
                Step::Submit => return Ok(at),
                Step::Ignore => {}
            }
        }
    }

    /// Draws the prompt and the visible rows; returns the number of lines written.
    fn draw(&self, term: &Term, heights: &[usize], at: usize, room: usize) -> io::Result<usize> {
        let mut lines = vec![self.format(|t, f| t.format_select_prompt(f, &self.prompt))];
        for i in window(heights, at, room) {
            lines.push(self.format(|t, f| t.format_select_prompt_item(f, &self.items[i], i == at)));
        }
        let text = lines.join("\n");
        term.write_line(&text)?;
        term.flush()?;
        Ok(text.lines().count())
    }

    fn format(&self, f: impl FnOnce(&dyn Theme, &mut String) -> std::fmt::Result) -> String {
        let mut s = String::new();
        // Writing into a String cannot fail.
        let _ = f(self.theme, &mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_never_submits_and_enter_does() {
        assert_eq!(step(&Key::Char(' '), 1, 3), Step::Ignore);
        assert_eq!(step(&Key::Enter, 1, 3), Step::Submit);
        assert_eq!(step(&Key::Escape, 1, 3), Step::Ignore);
    }

    #[test]
    fn arrows_wrap_around() {
        assert_eq!(step(&Key::ArrowUp, 0, 3), Step::Move(2));
        assert_eq!(step(&Key::ArrowDown, 2, 3), Step::Move(0));
        assert_eq!(step(&Key::End, 0, 3), Step::Move(2));
    }

    #[test]
    fn a_tall_list_shows_a_window_holding_the_cursor() {
        let h = [2, 2, 2, 2, 2];
        assert_eq!(window(&h, 0, 100), 0..5);
        assert_eq!(window(&h, 0, 5), 0..2);
        assert_eq!(window(&h, 4, 5), 3..5);
        assert!(window(&h, 2, 6).contains(&2));
        // A row taller than the room is still shown.
        assert_eq!(window(&[9], 0, 3), 0..1);
    }
}
