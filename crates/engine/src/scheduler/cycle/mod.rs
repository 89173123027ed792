//! One pod's scheduling cycle (upstream's `schedule_one.go`). PreFilter
//! prepares what the filters need; Filter runs the profile's filter plugins
//! on nodes (`filter`), from where the previous pod stopped, until enough
//! feasible nodes are found (`feasible`: `percentageOfNodesToScore`);
//! without any, the pod's message counts the nodes' reasons (`fit_error`)
//! and PostFilter adds its words (`post_filter`); with one, it wins; with
//! more, the score plugins score them (`score`), each normalized and
//! weighted, and the highest total wins (`select`: a tie goes to the node
//! written first). Then PreBind may still refuse the pod (a claim whose
//! `reservedFor` is full), else the chosen node's allocation is committed
//! (`commit`). `cycle_report` notes the table of nodes by plugins for an
//! observer.
//!
//! Without scoring (`--no-scoring`) nodes are tried in document order from
//! the first, for every pod, and the first feasible node wins.

mod commit;
mod cycle_report;
mod failed_cycles;
mod feasible;
mod filter;
pub(crate) mod fit_error;
mod post_filter;
mod schedule;
mod score;
mod select;
#[cfg(test)]
mod upstream_tables;

use crate::allocator::{AllocatedState, Allocator, Budget, CelCache, Inventory, SearchMemo};
use crate::api::{DeviceClass, Node, Pod, ResourceClaim};
use crate::features::Features;
use crate::scheduler::framework::node_info::NodeInfo;
use crate::scheduler::plugins::image_locality::Images;
use crate::scheduler_profile::{Profile, DEFAULT_SCHEDULER_NAME};
use failed_cycles::{FailedCycles, RunGeneration};

#[cfg(test)]
pub(crate) use failed_cycles::{hits, without_failed_cycles};
pub(crate) use schedule::schedule;

/// What does not change during a run.
pub(crate) struct Context<'a> {
    /// Classes, in document order.
    pub classes: &'a [DeviceClass],
    /// Compiled selectors, shared by the pods' allocators.
    pub cel_cache: &'a CelCache,
    /// The last search's outcome on each node, shared by the pods'
    /// allocators (DynamicResources' Filter replays it while it holds).
    pub memo: &'a SearchMemo<'a>,
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
    /// An allocator (without a budget) for the run's classes, slices and
    /// features, and the devices in use in `allocated` (the run's state),
    /// with the run's memo.
    pub(crate) fn allocator<'s>(&'s self, allocated: &'s AllocatedState) -> Allocator<'s> {
        Allocator::new(
            self.features,
            self.classes,
            self.inventory,
            allocated,
            self.cel_cache,
        )
        .with_memo(self.memo)
    }

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
    /// Pods placed on nodes so far.
    pub placed: u64,
    /// Pods that fit nowhere at this state, for the pods after them.
    pub failed: FailedCycles,
}

impl State {
    /// Counts a pod placed on the node at `node` (scheduled now, or running
    /// there already) against that node, for the pods after it: the one
    /// place the node-level plugins (NodeResourcesFit, NodePorts) learn what
    /// a node holds.
    pub(crate) fn place(&mut self, node: usize, pod: &Pod) {
        self.nodes[node].add_pod(pod);
        self.placed += 1;
    }

    /// Where the state stands: it moves with every allocation and every
    /// pod placed.
    fn generation(&self) -> RunGeneration {
        RunGeneration {
            allocated: self.allocated.generation(),
            placed: self.placed,
        }
    }
}
