//! What the scheduler notes about a pod while scheduling it, for an
//! observer (and the pod's extended-resource claim status, always).

use super::report::{NodeReport, SchedulingCycle};
use crate::api::PodExtendedResourceClaimStatus;

/// What to note about a pod for an observer.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Watch {
    /// Report the pod: its claims and search steps.
    pub report: bool,
    /// Also report each node's outcome and the cycle's table (a pod an observer does not
    /// want explained has neither: on a large cluster they cost more than the run).
    pub nodes: bool,
    /// Also compute funnels and record what the search turns down.
    pub funnels: bool,
    /// Search events to keep per node.
    pub trace: Option<usize>,
}

/// What the scheduler noted about a pod.
#[derive(Debug, Default)]
pub(crate) struct Trail {
    /// The pod was running already (not scheduled).
    pub running: bool,
    /// The pod's claims (indices) and whether each was allocated before.
    pub claims: Vec<(usize, bool)>,
    /// Claims made from templates: index and template name.
    pub templates: Vec<(usize, String)>,
    /// Why the pod's claims could not be resolved.
    pub claims_error: Option<String>,
    /// Each node filtered (or ruled out by PreFilter), in document order.
    pub nodes: Vec<NodeReport>,
    /// Search steps taken.
    pub steps: u64,
    /// Milliseconds the search took, with a clock.
    pub elapsed_millis: Option<f64>,
    /// The cycle, plugin by plugin.
    pub cycle: Option<SchedulingCycle>,
    /// The pod's `status.extendedResourceClaimStatus`, when DRA serves its
    /// extended resources (always noted, not only for an observer).
    pub extended: Option<PodExtendedResourceClaimStatus>,
    /// The scheduler failed after choosing a node (PreBind): the pod's
    /// condition says `SchedulerError` (always noted).
    pub scheduler_error: bool,
}
