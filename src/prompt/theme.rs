//! The prompts' look: dialoguer's colourful theme, with a cursor glyph wherever it showed the
//! current row by colour alone (select-all and ordering lists), so `--color never` and
//! `NO_COLOR` still show where the cursor is.

use std::fmt;

use console::{StyledObject, style};
use dialoguer::theme::{ColorfulTheme, Theme};

/// The row under the cursor.
pub const CURSOR: &str = "❯";
/// An ordering item picked up: the arrows move it.
pub const MOVING: &str = "↕";

/// [`ColorfulTheme`] with glyph cursors; every other format is the colourful one.
pub struct PromptTheme {
    pub inner: ColorfulTheme,
    cursor: StyledObject<String>,
    moving: StyledObject<String>,
}

impl Default for PromptTheme {
    fn default() -> Self {
        Self {
            // dialoguer's default "✔" after an answer reads as "correct": use a neutral mark.
            inner: ColorfulTheme {
                success_prefix: style("›".to_string()).for_stderr().dim(),
                ..ColorfulTheme::default()
            },
            cursor: style(CURSOR.to_string()).for_stderr().green(),
            moving: style(MOVING.to_string()).for_stderr().green(),
        }
    }
}

impl PromptTheme {
    /// The glyph before a row: the cursor, or a blank of the same width.
    fn cursor(&self, active: bool) -> String {
        if active {
            self.cursor.to_string()
        } else {
            " ".to_string()
        }
    }

    fn item_style(&self, active: bool, text: &str) -> String {
        let s = if active {
            &self.inner.active_item_style
        } else {
            &self.inner.inactive_item_style
        };
        s.apply_to(text).to_string()
    }
}

impl Theme for PromptTheme {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.inner.format_error(f, err)
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        self.inner.format_confirm_prompt(f, prompt, default)
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        self.inner
            .format_confirm_prompt_selection(f, prompt, selection)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        self.inner.format_input_prompt(f, prompt, default)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.inner.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.inner.format_select_prompt_selection(f, prompt, sel)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_multi_select_prompt(f, prompt)
    }

    fn format_sort_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.inner.format_sort_prompt(f, prompt)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.inner
            .format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_sort_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.inner
            .format_sort_prompt_selection(f, prompt, selections)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.inner.format_select_prompt_item(f, text, active)
    }

    /// `❯ ✔ text`: the cursor glyph, then the colourful theme's check box.
    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        let check = if checked {
            &self.inner.checked_item_prefix
        } else {
            &self.inner.unchecked_item_prefix
        };
        write!(
            f,
            "{} {} {}",
            self.cursor(active),
            check,
            self.item_style(active, text)
        )
    }

    /// `❯ text` under the cursor, `↕ text` while the item is picked up and moving.
    fn format_sort_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        picked: bool,
        active: bool,
    ) -> fmt::Result {
        let glyph = match (picked, active) {
            (true, true) => self.moving.to_string(),
            (_, active) => self.cursor(active),
        };
        write!(f, "{glyph} {}", self.item_style(active, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sort_item(picked: bool, active: bool) -> String {
        console::set_colors_enabled_stderr(false);
        let mut s = String::new();
        PromptTheme::default()
            .format_sort_prompt_item(&mut s, "item", picked, active)
            .unwrap();
        s
    }

    #[test]
    fn without_colour_the_ordering_cursor_is_a_glyph() {
        assert_eq!(sort_item(false, true), "❯ item");
        assert_eq!(sort_item(true, true), "↕ item");
        assert_eq!(sort_item(false, false), "  item");
    }

    #[test]
    fn without_colour_the_select_all_cursor_is_a_glyph() {
        console::set_colors_enabled_stderr(false);
        let t = PromptTheme::default();
        let mut on = String::new();
        t.format_multi_select_prompt_item(&mut on, "x", false, true)
            .unwrap();
        let mut off = String::new();
        t.format_multi_select_prompt_item(&mut off, "x", true, false)
            .unwrap();
        assert!(on.starts_with(CURSOR), "{on}");
        assert!(!off.contains(CURSOR), "{off}");
    }
}
