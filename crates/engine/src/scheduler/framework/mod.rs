//! The scheduling framework: one pod's cycle. PreFilter prepares what the
//! filters need; Filter runs the profile's filter plugins on nodes, from
//! where the previous pod stopped, until enough feasible nodes are found
//! (`percentageOfNodesToScore`); without any, the pod's message counts the
//! nodes' reasons and PostFilter adds its words; with one, it wins; with
//! more, the score plugins score them, each normalized and weighted, and the
//! highest total wins (a tie goes to the node written first).
//!
//! Without scoring (`--no-scoring`) nodes are tried in document order from
//! the first, for every pod, and the first feasible node wins.

mod commit;
mod cycle;
mod cycle_report;
pub(crate) mod feasible;
pub(crate) mod filter;
pub(crate) mod fit_error;
pub(crate) mod node_info;
pub(crate) mod normalize;
pub(crate) mod post_filter;
mod score;
pub(crate) mod select;
pub(crate) mod status;
#[cfg(test)]
mod upstream_tables;

use crate::allocator::{AllocatedState, Budget, CelCache, Inventory};
use crate::api::{DeviceClass, Node, Pod, ResourceClaim};
use crate::features::Features;
use crate::scheduler::plugins::image_locality::Images;
use crate::scheduler_profile::{Profile, DEFAULT_SCHEDULER_NAME};

pub(crate) use cycle::schedule;
use node_info::NodeInfo;

/// What does not change during a run.
pub(crate) struct Context<'a> {
    /// Classes, in document order.
    pub classes: &'a [DeviceClass],
    /// Compiled selectors, shared by the pods' allocators.
    pub cel_cache: &'a CelCache,
    /// The devices.
    pub inventory: &'a Inventory<'a>,
    /// The nodes, in document order.
    pub nodes: &'a [Node],
    /// The nodes' images (ImageLocality).
    pub images: Images,
    /// The DRA features.
    pub features: Features,
    /// Each pod's search budget.
    pub budget: Budget,
    /// The profiles, by scheduler name.
    pub profiles: Vec<Profile>,
    /// Score feasible nodes (else: the first feasible node in document
    /// order, tried from the first node for every pod).
    pub scoring: bool,
}

impl Context<'_> {
    /// The profile that schedules a pod (by `spec.schedulerName`).
    pub(crate) fn profile_for(&self, pod: &Pod) -> Option<&Profile> {
        let name = pod
            .spec
            .scheduler_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(DEFAULT_SCHEDULER_NAME);
        self.profiles.iter().find(|p| p.scheduler_name == name)
    }
}

/// What carries from one pod to the next.
pub(crate) struct State {
    /// Devices in use.
    pub allocated: AllocatedState,
    /// Input claims first, then claims made for pods (from templates, for
    /// extended resources).
    pub claims: Vec<ResourceClaim>,
    /// Each node (document order) and the pods placed there.
    pub nodes: Vec<NodeInfo>,
    /// Where the next pod's filtering starts (`nextStartNodeIndex`).
    pub next_start: usize,
}
