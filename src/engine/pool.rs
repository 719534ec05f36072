//! The pool: which questions a run may draw from, after `--level`, `--section`, `--topic`,
//! `--area` and `--track` narrow the banks.

use crate::bank::{Bank, Question};
use crate::error::{Error, Result};
use crate::roadmap::area_index;

/// Narrowing asked for on the command line; empty lists mean "everything".
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub levels: Vec<String>,
    pub sections: Vec<String>,
    pub topics: Vec<String>,
    pub track: Option<String>,
    /// Areas of the roadmap (groups of sections).
    pub areas: Vec<String>,
}

/// The closed questions matching the filter: what the level check, the simulator and the judges
/// draw from. Open questions are self-marked, so they never enter the level estimate.
pub fn pool(bank: &Bank, f: &Filter) -> Result<Vec<usize>> {
    let closed: Vec<usize> = pool_with_open(bank, f)?
        .into_iter()
        .filter(|&i| !bank.questions[i].body.is_open())
        .collect();
    if closed.is_empty() {
        return Err(Error::Usage(
            "no closed questions match the given --level/--section/--topic/--area/--track (open questions are for practice and interview)".into(),
        ));
    }
    Ok(closed)
}

/// Checks every name against the roadmap, then returns the matching question indices, open
/// questions included (practice and interview ask them).
pub fn pool_with_open(bank: &Bank, f: &Filter) -> Result<Vec<usize>> {
    let rm = &bank.roadmap;
    let known = |what: &str, name: &str, ok: bool, all: Vec<&str>| {
        if ok {
            Ok(())
        } else {
            Err(Error::Usage(format!(
                "unknown {what} `{name}`; known: {}",
                all.join(", ")
            )))
        }
    };
    for l in &f.levels {
        known(
            "level",
            l,
            rm.level_index(l).is_some(),
            rm.levels.iter().map(|x| x.id.as_str()).collect(),
        )?;
    }
    for s in &f.sections {
        known(
            "section",
            s,
            rm.section(s).is_some(),
            rm.sections.iter().map(|x| x.id.as_str()).collect(),
        )?;
    }
    for t in &f.topics {
        known(
            "topic",
            t,
            rm.topic(t).is_some(),
            vec!["(see `levelcheck stats`)"],
        )?;
    }
    let areas = rm.effective_areas();
    for a in &f.areas {
        known(
            "area",
            a,
            areas.iter().any(|x| &x.id == a),
            areas.iter().map(|x| x.id.as_str()).collect(),
        )?;
    }
    let in_areas = |q: &Question| {
        f.areas.is_empty()
            || area_index(&areas, &q.section, &q.topic)
                .is_some_and(|k| f.areas.contains(&areas[k].id))
    };
    let track = match &f.track {
        Some(name) => {
            known(
                "track",
                name,
                rm.track(name).is_some(),
                rm.tracks.iter().map(|x| x.id.as_str()).collect(),
            )?;
            rm.track(name)
        }
        None => None,
    };
    let picked: Vec<usize> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            f.levels.is_empty() || f.levels.iter().any(|l| rm.level_index(l) == Some(q.level))
        })
        .filter(|(_, q)| f.sections.is_empty() || f.sections.contains(&q.section))
        .filter(|(_, q)| f.topics.is_empty() || f.topics.contains(&q.topic))
        .filter(|(_, q)| in_areas(q))
        .filter(|(_, q)| {
            track.is_none_or(|t| {
                rm.topic(&q.topic)
                    .is_some_and(|topic| rm.track_has_topic(t, topic))
            })
        })
        .map(|(i, _)| i)
        .collect();
    if picked.is_empty() {
        return Err(Error::Usage(
            "no questions match the given --level/--section/--topic/--area/--track".into(),
        ));
    }
    Ok(picked)
}
