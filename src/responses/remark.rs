//! Re-marking responses against today's banks: each `given` marked with the current key (so a
//! fixed key is reflected and a wrong one shows), responses to unknown or changed questions
//! counted and left out, one person per (respondent, session). Shared by `analyze` and `calibrate`.

use std::collections::HashMap;

use super::{Response, given_from_value};
use crate::bank::Bank;
use crate::mark::Given;

/// What was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Skipped {
    /// Responses to a question id no bank has.
    pub unknown: usize,
    /// Responses given to an earlier version of the question (its digest differs).
    pub changed: usize,
    /// Responses whose `given` no answer has (a number, an object).
    pub unreadable: usize,
    /// A second answer to the same question in one session (the first is kept).
    pub repeated: usize,
    /// The first few distinct unknown ids, to name in a warning.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_ids: Vec<String>,
    /// The first few distinct changed questions' ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_ids: Vec<String>,
}

/// How many ids a warning names before "…".
pub const EXAMPLE_IDS: usize = 5;

/// One response re-marked: the question's index in the bank, the answer and whether it is right
/// by today's key.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub item: usize,
    pub given: Given,
    pub correct: bool,
}

/// Why a response was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    Unknown,
    /// The question changed since: its bank index, so it can be reported apart.
    Changed(usize),
    Unreadable,
}

/// Marks responses against one bank.
pub struct Remarker<'a> {
    bank: &'a Bank,
    index: HashMap<&'a str, usize>,
    digests: Vec<String>,
}

impl<'a> Remarker<'a> {
    pub fn new(bank: &'a Bank) -> Self {
        Self {
            bank,
            index: bank
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), i))
                .collect(),
            digests: bank.questions.iter().map(|q| q.digest()).collect(),
        }
    }

    /// Re-marks one response, or says why it cannot be used.
    pub fn mark(&self, r: &Response) -> Result<Marked, Left> {
        let &item = self.index.get(r.question.as_str()).ok_or(Left::Unknown)?;
        if r.digest.as_ref().is_some_and(|d| *d != self.digests[item]) {
            return Err(Left::Changed(item));
        }
        let given = given_from_value(&r.given).ok_or(Left::Unreadable)?;
        let correct = crate::mark::is_correct(&self.bank.questions[item], &given);
        Ok(Marked {
            item,
            given,
            correct,
        })
    }
}

impl Skipped {
    /// Counts one response left out.
    pub fn count(&mut self, why: Left) {
        match why {
            Left::Unknown => self.unknown += 1,
            Left::Changed(_) => self.changed += 1,
            Left::Unreadable => self.unreadable += 1,
        }
    }

    /// Counts one response left out and remembers its id among the first few of its kind.
    pub fn count_named(&mut self, why: Left, id: &str) {
        self.count(why);
        let ids = match why {
            Left::Unknown => &mut self.unknown_ids,
            Left::Changed(_) => &mut self.changed_ids,
            Left::Unreadable => return,
        };
        if ids.len() < EXAMPLE_IDS && !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }

    /// Responses left out, all reasons together.
    pub fn total(&self) -> usize {
        self.unknown + self.changed + self.unreadable + self.repeated
    }
}

/// Re-marked responses grouped into people (one per respondent and session, in first-seen
/// order), each keeping a caller's summary `T` of every answer; a repeated question is dropped.
pub struct People<T> {
    slots: HashMap<(String, String), usize>,
    pub people: Vec<Vec<(u32, T)>>,
}

impl<T> Default for People<T> {
    fn default() -> Self {
        Self {
            slots: HashMap::new(),
            people: Vec::new(),
        }
    }
}

impl<T> People<T> {
    /// Adds one answer; `false` when this person already answered the question (not added).
    pub fn add(&mut self, r: &Response, item: usize, summary: T) -> bool {
        let key = (r.respondent.clone(), r.session.clone());
        let next = self.people.len();
        let slot = *self.slots.entry(key).or_insert(next);
        if slot == next {
            self.people.push(Vec::new());
        }
        let answers = &mut self.people[slot];
        if answers.iter().any(|(j, _)| *j as usize == item) {
            return false;
        }
        answers.push((item as u32, summary));
        true
    }
}
