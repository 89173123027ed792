//! What the scheduler tells a [`RunObserver`] about each pod: every node with
//! its outcome, the allocator's funnel where it ran, (when asked) the
//! search's record, and the scheduling cycle plugin by plugin. This is the
//! raw material of explanations (`crate::explain`); a run without an
//! observer computes none of it.

use serde::{Deserialize, Serialize};

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

    /// Whether to compute funnels, search records, each node's outcome and
    /// the cycle's table for this pod (else its report only has its
    /// placement and claims).
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
    /// The scheduling cycle, plugin by plugin (None when the pod's claims
    /// could not be resolved, or no profile has its scheduler name).
    pub cycle: Option<SchedulingCycle>,
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
    /// Every filter passed, but another node scored higher (or tied and
    /// was written first).
    Feasible,
    /// Ruled out before devices were considered (pin, node selector,
    /// affinity, a claim allocated for other nodes, not enough of an
    /// extended resource in the node's allocatable).
    RuledOut(String),
    /// The allocator found no way to allocate the claims there; the funnel's
    /// summary in words.
    NoAllocation(String),
    /// An error that rules out this node only.
    NodeError(String),
    /// An error that made the pod unschedulable (a CEL error, a missing
    /// class, PreBind's refusal on the chosen node, ...).
    Fatal(String),
    /// The search budget ran out here.
    Stopped(String),
}

/// One pod's scheduling cycle, plugin by plugin: the filters' verdicts on
/// each node, the scores of the feasible nodes, and the choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingCycle {
    /// The profile that scheduled the pod (its `spec.schedulerName`).
    pub scheduler_name: String,
    /// The Kubernetes release simulated ("1.36").
    pub release: String,
    /// Whether feasible nodes were scored (false: `--no-scoring`, the first
    /// feasible node in document order wins).
    pub scoring: bool,
    /// The filter plugins that ran, in order: one verdict per node each.
    pub filters: Vec<String>,
    /// The score plugins, in order.
    pub scores: Vec<ScoreColumn>,
    /// Plugins of the profile the playground does not simulate, with why.
    pub not_simulated: Vec<String>,
    /// PreFilter's rejection of the pod, for every node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_filter: Option<String>,
    /// Nodes in the cluster.
    pub nodes: usize,
    /// How many feasible nodes the scheduler looked for before scoring
    /// (`percentageOfNodesToScore`).
    pub nodes_to_find: usize,
    /// The node filtering started from (it moves on from pod to pod).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_node: Option<String>,
    /// Every node filtered, in document order.
    pub rows: Vec<NodeRow>,
    /// Why the feasible nodes were not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring_skipped: Option<String>,
    /// PreBind's failure on the chosen node (a claim whose `reservedFor` is
    /// full): the pod is not bound, and Kubernetes reports a scheduler error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_bind: Option<String>,
    /// The nodes that shared the highest total, in document order (more
    /// than one: a tie, which the first of them wins).
    pub tied: Vec<String>,
}

/// A score plugin of the cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreColumn {
    /// The plugin.
    pub plugin: String,
    /// Its weight.
    pub weight: i64,
    /// PreScore skipped it for this pod (nothing to score).
    pub skipped: bool,
}

/// One node of the cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeRow {
    /// The node.
    pub node: String,
    /// One verdict per filter plugin, in the cycle's order.
    pub filters: Vec<FilterCell>,
    /// One score per score plugin, for a node that was scored.
    pub scores: Vec<ScoreCell>,
    /// The sum of the weighted scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl NodeRow {
    /// The node was filtered and no filter rejected it (or failed on it).
    pub fn feasible(&self) -> bool {
        !self.filters.is_empty()
            && self
                .filters
                .iter()
                .all(|f| f.verdict != "rejected" && f.verdict != "error")
    }
}

/// A filter plugin's verdict on a node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterCell {
    /// `passed`, `rejected`, `notRun` (an earlier filter rejected the node)
    /// or `skipped` (PreFilter found nothing to check).
    pub verdict: String,
    /// For `rejected`: `Unschedulable` or `UnschedulableAndUnresolvable`
    /// (whether preemption could help).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// For `rejected`: the plugin's reasons, in its words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

/// A score plugin's score of a node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreCell {
    /// What the plugin's Score returned.
    pub raw: i64,
    /// After its NormalizeScore (0-100).
    pub normalized: i64,
    /// Times the plugin's weight: what counts in the total.
    pub weighted: i64,
}
