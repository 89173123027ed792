//! The lessons panel's state, without a browser: whether it is open, the lesson open, whether
//! its start is still to be loaded, the lessons solved; and the `#lesson=NAME` links.

use dra_playground_web::worker::messages::{LessonView, LessonsQuery, LessonsReply};

/// The fragment that opens a lesson: `#lesson=NAME`.
const FRAGMENT: &str = "#lesson=";

/// The lesson a URL fragment opens, if it names one.
pub fn from_fragment(hash: &str) -> Option<String> {
    let name = hash.strip_prefix(FRAGMENT)?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// The fragment of a lesson's link.
pub fn fragment(name: &str) -> String {
    format!("{FRAGMENT}{name}")
}

/// The lessons panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lessons {
    /// The panel shows.
    pub panel: bool,
    /// The lesson open, if any (else the panel lists the track).
    pub open: Option<String>,
    /// The lesson's start is to replace the editor's text when the worker sends it (opened
    /// without work kept from an earlier visit).
    pub awaiting_start: bool,
    /// The lessons solved, as the browser remembers them.
    pub solved: Vec<String>,
    /// The editor holds a lesson's scenario, not the learner's own (which comes back when the
    /// panel closes).
    pub lesson_in_editor: bool,
}

impl Lessons {
    /// The state a page opened with `lesson` (from its link) starts in; `has_work`: the
    /// browser kept work on it.
    pub fn boot(lesson: Option<String>, has_work: bool, solved: Vec<String>) -> Lessons {
        Lessons {
            panel: lesson.is_some(),
            awaiting_start: lesson.is_some() && !has_work,
            lesson_in_editor: lesson.is_some(),
            open: lesson,
            solved,
        }
    }

    /// What runs ask the worker (None while the panel is closed).
    pub fn query(&self) -> Option<LessonsQuery> {
        self.panel.then(|| LessonsQuery {
            open: self.open.clone(),
        })
    }

    /// The lesson whose work runs save: the one open, once its start is in the editor.
    pub fn work_saved(&self) -> Option<String> {
        self.open.clone().filter(|_| !self.awaiting_start)
    }

    /// The lesson open as the reply shows it (None if the reply is of another lesson).
    pub fn view<'r>(&self, reply: &'r LessonsReply) -> Option<&'r LessonView> {
        match &reply.open {
            Some(Ok(view)) if Some(&view.name) == self.open.as_ref() => Some(view),
            _ => None,
        }
    }

    /// The lesson is solved (now or on an earlier visit).
    pub fn is_solved(&self, name: &str) -> bool {
        self.solved.iter().any(|s| s == name)
    }

    /// The lessons before and after the one open, in track order.
    pub fn neighbours<'r>(&self, reply: &'r LessonsReply) -> (Option<&'r str>, Option<&'r str>) {
        let Some(open) = &self.open else {
            return (None, None);
        };
        let names: Vec<&str> = reply.track.iter().map(|t| t.name.as_str()).collect();
        match names.iter().position(|n| n == open) {
            Some(i) => (
                i.checked_sub(1).map(|p| names[p]),
                names.get(i + 1).copied(),
            ),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use dra_playground_web::worker::messages::TrackEntry;

    use super::*;

    fn track(names: &[&str]) -> LessonsReply {
        LessonsReply {
            track: names
                .iter()
                .map(|n| TrackEntry {
                    name: (*n).to_owned(),
                    title: n.to_uppercase(),
                    summary: String::new(),
                })
                .collect(),
            open: None,
        }
    }

    #[test]
    fn a_lesson_link_opens_the_panel_on_that_lesson() {
        assert_eq!(
            from_fragment("#lesson=first-claim").as_deref(),
            Some("first-claim")
        );
        assert_eq!(
            from_fragment(&fragment("tpu-slice")).as_deref(),
            Some("tpu-slice")
        );
        assert_eq!(from_fragment("#lesson="), None);
        assert_eq!(from_fragment("#scenario=v1:abc"), None);
        let fresh = Lessons::boot(Some("tpu-slice".into()), false, Vec::new());
        assert!(fresh.panel && fresh.awaiting_start);
        assert_eq!(fresh.work_saved(), None);
        assert_eq!(
            fresh.query(),
            Some(LessonsQuery {
                open: Some("tpu-slice".into())
            })
        );
        let back = Lessons::boot(Some("tpu-slice".into()), true, vec!["tpu-slice".into()]);
        assert!(!back.awaiting_start && back.is_solved("tpu-slice"));
        assert_eq!(back.work_saved().as_deref(), Some("tpu-slice"));
        assert_eq!(Lessons::boot(None, false, Vec::new()).query(), None);
    }

    #[test]
    fn previous_and_next_follow_the_track() {
        let reply = track(&["a", "b", "c"]);
        let at = |open: &str| Lessons {
            panel: true,
            open: Some(open.into()),
            ..Lessons::default()
        };
        assert_eq!(at("a").neighbours(&reply), (None, Some("b")));
        assert_eq!(at("b").neighbours(&reply), (Some("a"), Some("c")));
        assert_eq!(at("c").neighbours(&reply), (Some("b"), None));
        assert_eq!(at("zz").neighbours(&reply), (None, None));
    }
}
