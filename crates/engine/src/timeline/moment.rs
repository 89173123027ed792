//! A timeline as its moments: the cluster at each and what changed.

use serde::Serialize;

use super::Event;
use crate::api::{Pod, ResourceClaim};
use crate::scheduler::{Placement, PodOutcome, RunResult};

/// A scenario's moments: the first (`start`), then one per step.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// In time order.
    pub moments: Vec<Moment>,
}

/// The cluster at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    /// The step's name (its time when it has none); `start` for the first.
    pub name: String,
    /// Nanoseconds since the start.
    pub at: i64,
    /// Every claim, in the order the cluster holds them.
    pub claims: Vec<ResourceClaim>,
    /// Every pod that exists, as the cluster shows it, with its state.
    pub pods: Vec<(Pod, PodState)>,
    /// What changed since the previous moment, in order.
    pub events: Vec<Event>,
}

/// Where a pod is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PodState {
    /// In the scheduling queue; why it is unschedulable.
    Pending(String),
    /// Its devices are allocated on this node; it waits before binding for
    /// their binding conditions.
    WaitingForBinding(String),
    /// Bound to this node.
    Bound(String),
}

impl Moment {
    /// The moment as a run's outcome, for [`crate::output`]: its claims and
    /// pods (a pod waiting for binding is not on a node yet).
    pub fn as_run_result(&self) -> RunResult {
        RunResult {
            claims: self.claims.clone(),
            pods: self
                .pods
                .iter()
                .map(|(pod, state)| PodOutcome {
                    pod: pod.clone(),
                    placement: match state {
                        PodState::Bound(node) => Placement::Node(node.clone()),
                        PodState::Pending(why) => Placement::Unschedulable(why.clone()),
                        PodState::WaitingForBinding(node) => Placement::Unschedulable(format!(
                            "waiting for binding conditions on node {node}"
                        )),
                    },
                })
                .collect(),
            implicit_pods: Vec::new(),
        }
    }
}
