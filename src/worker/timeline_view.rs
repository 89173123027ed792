//! A scenario's moments in time as the timeline shows them (`dra_engine::timeline`): for each
//! moment its name and time, what changed and why (with the rule behind each change), where
//! every pod is, how the cluster map changed ([`MapChange`]) and how long the step took to run.
//! Only words and the map's changes cross to the page, so the run's reply stays small.

use dra_engine::load::LoadedScenario;
use dra_engine::playground::{moment_views, Analysis};
use dra_engine::timeline::{time_words, Event, Moment, PodState, Resumable};
use serde::{Deserialize, Serialize};

use crate::worker::moment_map::{self, MapChange};

/// Every moment of a scenario with steps, in time order (the first is `start`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineView {
    /// In time order.
    pub moments: Vec<MomentView>,
    /// The position of the first moment this run computed: those before were kept from the
    /// previous run, the edit being later (0: every moment ran).
    pub first_run: usize,
}

/// The cluster at one moment, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MomentView {
    /// The step's name (`start` for the first moment).
    pub name: String,
    /// The time since the start, as a Go duration (`30s`).
    pub time: String,
    /// What changed since the previous moment, in order.
    pub events: Vec<EventView>,
    /// Every pod that exists at this moment.
    pub pods: Vec<PodStateView>,
    /// How the cluster map changed since the moment before (the first: since the analysis).
    pub map: MapChange,
    /// How long the step took to run, in milliseconds (none for the first moment, part of the
    /// run of the scenario as written, and where the worker has no clock).
    pub millis: Option<f64>,
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
    /// The rule that made it (`EventKind::rule`).
    pub rule: String,
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

impl TimelineView {
    /// The moments of `timeline`, a run of `loaded` whose first moment `analysis` draws.
    pub fn new(loaded: &LoadedScenario, analysis: &Analysis, timeline: &Resumable) -> Self {
        let mut before = moment_map::views_of(analysis);
        let moments = timeline
            .timeline()
            .moments
            .iter()
            .enumerate()
            .map(|(i, moment)| {
                let views = moment_views(loaded, timeline.objects(i), &moment.as_run_result());
                let map = moment_map::change(&before, &views);
                before = views;
                MomentView::new(moment, map, timeline.millis(i))
            })
            .collect();
        TimelineView {
            moments,
            first_run: timeline.first_run(),
        }
    }
}

impl MomentView {
    fn new(moment: &Moment, map: MapChange, millis: Option<f64>) -> Self {
        MomentView {
            name: moment.name.clone(),
            time: time_words(moment.at),
            events: moment.events.iter().map(EventView::from).collect(),
            pods: moment
                .pods
                .iter()
                .map(|(pod, state)| PodStateView::new(pod.metadata.namespaced_name(), state))
                .collect(),
            map,
            millis,
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
            rule: event.kind.rule().to_owned(),
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
