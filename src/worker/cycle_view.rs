//! A pod's scheduling cycle as the panel's table shows it, built in the worker from
//! `dra_engine::scheduler::report::SchedulingCycle`. The engine's type leaves empty fields out
//! of its JSON (`dra-playground explain --output json`), which yew-agent's bincode cannot
//! carry; these views keep every field.

use dra_engine::scheduler::report::{FilterCell, NodeRow, SchedulingCycle, ScoreCell, ScoreColumn};
use serde::{Deserialize, Serialize};

/// One pod's scheduling cycle: the filters' verdicts on each node, the scores of the feasible
/// nodes, and the choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchedulingCycleView {
    /// The profile that scheduled the pod.
    pub scheduler_name: String,
    /// The Kubernetes release simulated.
    pub release: String,
    /// Whether feasible nodes were scored (false: the first feasible node wins).
    pub scoring: bool,
    /// The filter plugins, in the order they ran.
    pub filters: Vec<String>,
    /// The score plugins, in order, with their weights.
    pub scores: Vec<ScoreColumn>,
    /// Plugins of the profile the playground does not simulate, with why.
    pub not_simulated: Vec<String>,
    /// PreFilter's rejection of the pod, for every node.
    pub pre_filter: Option<String>,
    /// Nodes in the cluster.
    pub nodes: usize,
    /// How many feasible nodes the scheduler looked for (`percentageOfNodesToScore`).
    pub nodes_to_find: usize,
    /// The node filtering started from.
    pub start_node: Option<String>,
    /// Every node filtered, in document order.
    pub rows: Vec<NodeRowView>,
    /// Why the feasible nodes were not scored.
    pub scoring_skipped: Option<String>,
    /// PreBind's failure on the chosen node.
    pub pre_bind: Option<String>,
    /// The nodes that shared the highest total, in document order.
    pub tied: Vec<String>,
}

/// One node of the cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeRowView {
    /// The node.
    pub node: String,
    /// One verdict per filter plugin, in the cycle's order.
    pub filters: Vec<FilterCellView>,
    /// One score per score plugin, for a node that was scored.
    pub scores: Vec<ScoreCell>,
    /// The sum of the weighted scores (None: not scored).
    pub total: Option<i64>,
    /// It was filtered and no filter rejected it.
    pub feasible: bool,
}

/// A filter plugin's verdict on a node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterCellView {
    /// `passed`, `rejected`, `notRun`, `skipped` or `error`.
    pub verdict: String,
    /// For `rejected`: `Unschedulable` or `UnschedulableAndUnresolvable`.
    pub code: String,
    /// For `rejected`: the plugin's reasons, in upstream's words.
    pub reasons: Vec<String>,
}

impl SchedulingCycleView {
    /// How many nodes are feasible.
    pub fn feasible(&self) -> usize {
        self.rows.iter().filter(|r| r.feasible).count()
    }

    /// How many nodes were filtered (the others were not looked at: enough feasible nodes
    /// were found first, `percentageOfNodesToScore`).
    pub fn filtered(&self) -> usize {
        self.rows.iter().filter(|r| !r.filters.is_empty()).count()
    }
}

impl From<&SchedulingCycle> for SchedulingCycleView {
    fn from(c: &SchedulingCycle) -> Self {
        SchedulingCycleView {
            scheduler_name: c.scheduler_name.clone(),
            release: c.release.clone(),
            scoring: c.scoring,
            filters: c.filters.clone(),
            scores: c.scores.clone(),
            not_simulated: c.not_simulated.clone(),
            pre_filter: c.pre_filter.clone(),
            nodes: c.nodes,
            nodes_to_find: c.nodes_to_find,
            start_node: c.start_node.clone(),
            rows: c.rows.iter().map(NodeRowView::from).collect(),
            scoring_skipped: c.scoring_skipped.clone(),
            pre_bind: c.pre_bind.clone(),
            tied: c.tied.clone(),
        }
    }
}

impl From<&NodeRow> for NodeRowView {
    fn from(r: &NodeRow) -> Self {
        NodeRowView {
            node: r.node.clone(),
            filters: r.filters.iter().map(FilterCellView::from).collect(),
            scores: r.scores.clone(),
            total: r.total,
            feasible: r.feasible(),
        }
    }
}

impl From<&FilterCell> for FilterCellView {
    fn from(f: &FilterCell) -> Self {
        FilterCellView {
            verdict: f.verdict.clone(),
            code: f.code.clone(),
            reasons: f.reasons.clone(),
        }
    }
}
