//! What the scheduler tells a [`RunObserver`] about each pod: every node with
//! its outcome, the allocator's funnel where it ran, and (when asked) the
//! search's record. This is the raw material of explanations
//! (`crate::explain`); a run without an observer computes none of it.

use super::Placement;
use crate::allocator::report::NodeFunnel;
use crate::allocator::SearchRecord;
use crate::api::{AllocationResult, Pod};

/// Watches a run, pod by pod.
pub trait RunObserver {
    /// How many search events to record per node tried (None: none; what
    /// the search turned down is recorded anyway).
    fn trace_limit(&self) -> Option<usize> {
        None
    }

    /// Whether to compute funnels and search records for this pod (else
    /// its report only has each node's outcome).
    fn wants(&self, pod: &Pod) -> bool {
        let _ = pod;
        true
    }

    /// One pod, once it is scheduled or found unschedulable.
    fn pod(&mut self, report: PodReport<'_>);
}

/// One pod of a run.
#[derive(Debug)]
pub struct PodReport<'r> {
    /// The pod as the scheduler leaves it (`spec.nodeName` or the
    /// PodScheduled=False condition set).
    pub pod: &'r Pod,
    /// Where it went.
    pub placement: &'r Placement,
    /// A pod standing in for a claim (the scenario has no Pod).
    pub implicit: bool,
    /// A pod bound to its node before the run: it was not scheduled, it
    /// holds its claims there.
    pub running: bool,
    /// The pod's claims, in `spec.resourceClaims` order.
    pub claims: Vec<PodClaim>,
    /// The claims resolution failed (a missing claim or template): why.
    pub claims_error: Option<String>,
    /// The nodes tried or ruled out, in document order, with what happened
    /// there (the others were not tried: an earlier node was chosen, or the
    /// pod's scheduling was given up).
    pub nodes: Vec<NodeReport>,
    /// How many nodes were not tried.
    pub not_tried: usize,
    /// Search steps taken for the pod, over all nodes.
    pub steps: u64,
    /// Milliseconds the pod's search took, when the run has a clock.
    pub elapsed_millis: Option<f64>,
}

/// A claim of a pod.
#[derive(Clone, Debug, PartialEq)]
pub struct PodClaim {
    /// `namespace/name`.
    pub name: String,
    /// Its index among the run's claims (input claims first, then claims
    /// made from templates).
    pub index: usize,
    /// Allocated before this pod (its node selector restricts the nodes).
    pub allocated_before: bool,
    /// Made from this template for the pod.
    pub template: Option<String>,
    /// The allocation this pod got for it.
    pub allocation: Option<AllocationResult>,
}

/// One node, for one pod.
#[derive(Debug)]
pub struct NodeReport {
    /// The node's name.
    pub node: String,
    /// What happened there.
    pub outcome: NodeOutcome,
    /// Where the allocator ran (or would have): the funnel of its requests.
    pub funnel: Option<NodeFunnel>,
    /// Where the allocator ran: what the search turned down, and its events
    /// up to the observer's trace limit.
    pub search: Option<SearchRecord>,
}

/// What happened on one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeOutcome {
    /// The pod went there.
    Chosen,
    /// Ruled out before devices were considered (pin, node selector,
    /// affinity, a claim allocated for other nodes, not enough of an
    /// extended resource in the node's allocatable).
    RuledOut(String),
    /// The allocator found no way to allocate the claims there; the funnel's
    /// summary in words.
    NoAllocation(String),
    /// An error that rules out this node only.
    NodeError(String),
    /// An error that made the pod unschedulable (a CEL error, a missing class, ...).
    Fatal(String),
    /// The search budget ran out here.
    Stopped(String),
}
