//! The roadmap as data: levels, sections, topics, the rubric and tracks, from `roadmap.toml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A bank folder's `roadmap.toml`: levels, sections and topics, the rubric, tracks and areas.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "levelcheck roadmap")]
pub struct Roadmap {
    /// Version of the roadmap format; 1 today.
    pub format_version: u32,
    /// Scoring settings.
    pub rubric: Rubric,
    /// Levels from the lowest to the highest.
    pub levels: Vec<Level>,
    /// Sections, each at one level.
    pub sections: Vec<Section>,
    /// Topics, each in one section.
    pub topics: Vec<Topic>,
    /// Named study tracks.
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// Groups of sections that cut across levels (the adaptive check balances and judges these);
    /// when absent, every section is an area of its own.
    #[serde(default)]
    pub areas: Vec<Area>,
}

/// A group of sections across levels: the unit the adaptive check balances and calls weak.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stable id (`--area`).
    pub id: String,
    /// Shown in reports.
    pub title: String,
    /// Sections in this area; every section belongs to exactly one area.
    pub sections: Vec<String>,
    /// Topics drawn into this area from sections of other areas (a topic in at most one area):
    /// the roadmap files database sharding under Senior system design, but it is data knowledge,
    /// and without it the data area has nothing to ask above Intermediate.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The share of a quick check's questions this area should get (default: equal shares).
    #[serde(default)]
    pub weight: Option<f64>,
}

/// Scoring settings shared by every mode.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// A level is reached when its typical question is answered right with this probability.
    pub pass_mark: f64,
    /// Fewer answered questions than this at a level is "not enough evidence".
    pub min_evidence: usize,
    /// `validate` warns when a topic has fewer questions than this.
    #[serde(default = "default_min_per_topic")]
    pub min_per_topic: usize,
}

fn default_min_per_topic() -> usize {
    5
}

/// One level of the roadmap.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id: the bank folder's name (`<level>/<section>.toml`) and `--level`.
    pub id: String,
    /// Shown in reports ("Beginner").
    pub title: String,
    /// A few words under the title ("Foundations").
    #[serde(default)]
    pub subtitle: String,
    /// The roadmap's goal line for this level.
    pub goal: String,
    /// The "what separates levels" line for moving up from this level.
    #[serde(default)]
    pub next_step: Option<String>,
}

/// One section of a level (one bank file).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id: the bank file's name and `--section`.
    pub id: String,
    /// The level id this section belongs to.
    pub level: String,
    /// Shown in reports.
    pub title: String,
}

/// The index of the area in `areas` that holds a question of `section` and `topic`: the area
/// that draws the topic in, else the section's.
pub fn area_index(areas: &[Area], section: &str, topic: &str) -> Option<usize> {
    areas
        .iter()
        .position(|a| a.topics.iter().any(|t| t == topic))
        .or_else(|| {
            areas
                .iter()
                .position(|a| a.sections.iter().any(|s| s == section))
        })
}

/// How much a topic matters at its level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Asked in almost every interview at that level.
    MustHave,
    /// Expected, but a gap is forgivable.
    GoodToHave,
    /// Depth that separates the top of the level.
    Advanced,
}

/// One topic of a section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable id, named by each question's `topic` and by `--topic`.
    pub id: String,
    /// The section id this topic belongs to.
    pub section: String,
    /// Shown in reports.
    pub title: String,
    /// How much the topic matters at its level.
    pub priority: Priority,
    /// The "7–8 years" checklist group this topic answers, if any.
    #[serde(default)]
    pub checklist: Option<String>,
}

/// A named set of topics measured against a target level.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id (`--track`).
    pub id: String,
    /// Shown in reports.
    pub title: String,
    /// The level id the track measures against.
    pub target: String,
    /// Every topic of these levels.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Every topic with a checklist group.
    #[serde(default)]
    pub checklist: bool,
    /// Named topics.
    #[serde(default)]
    pub topics: Vec<String>,
}

impl Roadmap {
    /// Everything that makes a roadmap unusable: bad settings, duplicate ids, dangling names.
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.settings_problems();
        out.extend(self.duplicate_ids());
        out.extend(self.dangling_references());
        out.extend(self.area_problems());
        out
    }

    fn settings_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.format_version != 1 {
            out.push(format!(
                "roadmap format_version {} is not supported (this build reads 1)",
                self.format_version
            ));
        }
        if self.levels.is_empty() {
            out.push("the roadmap has no levels".into());
        }
        if !(self.rubric.pass_mark > 0.0 && self.rubric.pass_mark <= 1.0) {
            out.push(format!(
                "rubric.pass_mark {} must be in (0, 1]",
                self.rubric.pass_mark
            ));
        }
        out
    }

    fn duplicate_ids(&self) -> Vec<String> {
        let lists: [(&str, Vec<&str>); 5] = [
            ("level", self.levels.iter().map(|x| x.id.as_str()).collect()),
            (
                "section",
                self.sections.iter().map(|x| x.id.as_str()).collect(),
            ),
            ("topic", self.topics.iter().map(|x| x.id.as_str()).collect()),
            ("track", self.tracks.iter().map(|x| x.id.as_str()).collect()),
            ("area", self.areas.iter().map(|x| x.id.as_str()).collect()),
        ];
        let mut out = Vec::new();
        for (kind, ids) in lists {
            let mut seen = std::collections::HashSet::new();
            out.extend(
                ids.into_iter()
                    .filter(|id| !seen.insert(*id))
                    .map(|id| format!("{kind} id `{id}` is defined twice")),
            );
        }
        out
    }

    fn dangling_references(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in self
            .sections
            .iter()
            .filter(|s| self.level_index(&s.level).is_none())
        {
            out.push(format!(
                "section `{}` names unknown level `{}`",
                s.id, s.level
            ));
        }
        for t in self
            .topics
            .iter()
            .filter(|t| self.section(&t.section).is_none())
        {
            out.push(format!(
                "topic `{}` names unknown section `{}`",
                t.id, t.section
            ));
        }
        for t in &self.tracks {
            for l in std::iter::once(&t.target)
                .chain(&t.levels)
                .filter(|l| self.level_index(l).is_none())
            {
                out.push(format!("track `{}` names unknown level `{l}`", t.id));
            }
            for topic in t.topics.iter().filter(|x| self.topic(x).is_none()) {
                out.push(format!("track `{}` names unknown topic `{topic}`", t.id));
            }
        }
        out
    }

    /// Areas must partition the sections: each section in exactly one, weights positive.
    fn area_problems(&self) -> Vec<String> {
        if self.areas.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for a in &self.areas {
            for s in a.sections.iter().filter(|s| self.section(s).is_none()) {
                out.push(format!("area `{}` names unknown section `{s}`", a.id));
            }
            for t in a.topics.iter().filter(|t| self.topic(t).is_none()) {
                out.push(format!("area `{}` names unknown topic `{t}`", a.id));
            }
            if a.weight.is_some_and(|w| !(w.is_finite() && w > 0.0)) {
                out.push(format!("area `{}` needs a positive weight", a.id));
            }
        }
        for s in &self.sections {
            match self
                .areas
                .iter()
                .filter(|a| a.sections.contains(&s.id))
                .count()
            {
                1 => {}
                0 => out.push(format!("section `{}` is in no area", s.id)),
                n => out.push(format!("section `{}` is in {n} areas", s.id)),
            }
        }
        for t in &self.topics {
            let n = self
                .areas
                .iter()
                .filter(|a| a.topics.contains(&t.id))
                .count();
            if n > 1 {
                out.push(format!("topic `{}` is drawn into {n} areas", t.id));
            }
        }
        out
    }

    /// The areas to balance and judge: the roadmap's, or one per section when it defines none.
    pub fn effective_areas(&self) -> Vec<Area> {
        if !self.areas.is_empty() {
            return self.areas.clone();
        }
        self.sections
            .iter()
            .map(|s| Area {
                id: s.id.clone(),
                title: s.title.clone(),
                sections: vec![s.id.clone()],
                topics: Vec::new(),
                weight: None,
            })
            .collect()
    }

    /// Position of a level id (0 = lowest).
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// Level index of a section; unknown sections sort last.
    pub fn section_level(&self, section: &str) -> usize {
        self.section(section)
            .and_then(|s| self.level_index(&s.level))
            .unwrap_or(usize::MAX)
    }

    /// Whether a topic belongs to a track.
    pub fn track_has_topic(&self, track: &Track, topic: &Topic) -> bool {
        let level = self
            .section(&topic.section)
            .map(|s| s.level.as_str())
            .unwrap_or("");
        track.levels.iter().any(|l| l == level)
            || (track.checklist && topic.checklist.is_some())
            || track.topics.contains(&topic.id)
    }
}
