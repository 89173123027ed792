//! A scenario's moments in time as the timeline shows them (`dra_engine::timeline`): for each
//! moment its name and time, what changed and why, and where every pod is. Only words cross to
//! the page, so the run's reply stays small.

use dra_engine::timeline::{time_words, Event, Moment, PodState, Timeline};
use serde::{Deserialize, Serialize};

/// Every moment of a scenario with steps, in time order (the first is `start`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineView {
    /// In time order.
    pub moments: Vec<MomentView>,
}

/// The cluster at one moment, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MomentView {
    /// The step's name (`start` for the first moment).
    pub name: String,
    /// The time since the start, as a Go duration (`30s`).
    pub time: String,
    /// What changed since the previous moment, in order.
    pub events: Vec<EventView>,
    /// Every pod that exists at this moment.
    pub pods: Vec<PodStateView>,
}

/// One change and why it happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// The time of the change, as a Go duration.
    pub time: String,
    /// The kind of change (`Evicted`, `Scheduled`, ...).
    pub kind: String,
    /// The object it happened to (`Pod default/name`).
    pub object: String,
    /// What happened and why.
    pub message: String,
}

/// Where one pod is at a moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodStateView {
    /// `namespace/name`.
    pub pod: String,
    /// `bound`, `waiting` (for its binding conditions) or `pending`.
    pub state: String,
    /// The node it is bound to or waits to bind to.
    pub node: Option<String>,
    /// Why it is pending.
    pub reason: Option<String>,
}

impl From<&Timeline> for TimelineView {
    fn from(timeline: &Timeline) -> Self {
        TimelineView {
            moments: timeline.moments.iter().map(MomentView::from).collect(),
        }
    }
}

impl From<&Moment> for MomentView {
    fn from(moment: &Moment) -> Self {
        MomentView {
            name: moment.name.clone(),
            time: time_words(moment.at),
            events: moment.events.iter().map(EventView::from).collect(),
            pods: moment
                .pods
                .iter()
                .map(|(pod, state)| PodStateView::new(pod.metadata.namespaced_name(), state))
                .collect(),
        }
    }
}

impl From<&Event> for EventView {
    fn from(event: &Event) -> Self {
        EventView {
            time: time_words(event.at),
            kind: format!("{:?}", event.kind),
            object: event.object.clone(),
            message: event.message.clone(),
        }
    }
}

impl PodStateView {
    fn new(pod: String, state: &PodState) -> Self {
        let (state, node, reason) = match state {
            PodState::Bound(node) => ("bound", Some(node.clone()), None),
            PodState::WaitingForBinding(node) => ("waiting", Some(node.clone()), None),
            PodState::Pending(why) => ("pending", None, Some(why.clone())),
        };
        PodStateView {
            pod,
            state: state.to_owned(),
            node,
            reason,
        }
    }
}
