//! The explanation of a run as plain data: serializable (camelCase JSON) so
//! that the command line prints it and a web app or a Web Worker can pass it
//! around; every list in a deterministic order.

use serde::{Deserialize, Serialize};

use crate::allocator::report::{Finding, Reason};
use crate::allocator::SearchRecord;
use crate::scheduler::report::SchedulingCycle;

/// Why a run ended as it did, for every pod, node, claim, request and device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Every pod (or, without Pod documents, the pods standing in for
    /// claims), in scheduling order.
    pub pods: Vec<PodExplanation>,
    /// Every device of the scenario, in document order.
    pub devices: Vec<DeviceExplanation>,
    /// Likely mistakes in the scenario, in document order.
    pub hints: Vec<Hint>,
    /// Every selector evaluated on every device, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<SelectorMatrix>,
    /// The search budget of each pod.
    pub budget: BudgetInfo,
}

impl Explanation {
    /// The pod with this `namespace/name` (or `name`).
    pub fn pod(&self, name: &str) -> Option<&PodExplanation> {
        self.pods.iter().find(|p| p.is_named(name))
    }

    /// The device with this `driver/pool/device` key.
    pub fn device(&self, key: &str) -> Option<&DeviceExplanation> {
        self.devices.iter().find(|d| d.device == key)
    }

    /// The hints about one object (`Kind namespace/name`, as in [`Hint::object`]).
    pub fn hints_for<'e>(&'e self, object: &'e str) -> impl Iterator<Item = &'e Hint> + 'e {
        self.hints.iter().filter(move |h| h.object == object)
    }
}

/// The search budget in force.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetInfo {
    /// Steps per pod (None: no limit).
    pub max_steps: Option<u64>,
    /// Milliseconds per pod (None: no limit).
    pub max_millis: Option<u64>,
}

/// One pod.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodExplanation {
    /// `namespace/name`.
    pub pod: String,
    /// Stands in for a claim (the scenario has no Pod documents).
    pub implicit: bool,
    /// The node it was scheduled on (or runs on).
    pub node: Option<String>,
    /// It was bound to its node before the run (not scheduled).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub running: bool,
    /// The outcome in one sentence (for an unschedulable pod, each node's
    /// reason, nodes with one reason together).
    pub summary: String,
    /// For an unschedulable pod: its PodScheduled=False message, as the
    /// kube-scheduler writes it (reasons counted over the nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Its claims, in `spec.resourceClaims` order.
    pub claims: Vec<ClaimState>,
    /// The nodes of the scenario that were ruled out or tried, in document
    /// order (nodes after the chosen one, or after an error, are not tried
    /// and not listed).
    pub nodes: Vec<NodeExplanation>,
    /// Nodes not tried (not listed).
    pub not_tried: usize,
    /// Search steps taken (upstream's allocateOne calls, over all nodes).
    pub steps: u64,
    /// Milliseconds the search took, when the run had a clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_millis: Option<f64>,
    /// The scheduling cycle, plugin by plugin: each filter's verdict on
    /// each node, each score plugin's scores of the feasible nodes, the
    /// totals and the tie (None when the pod's claims could not be
    /// resolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduling: Option<SchedulingCycle>,
}

impl PodExplanation {
    /// Whether this is the pod named `name`: `namespace/name`, or `name` alone.
    pub fn is_named(&self, name: &str) -> bool {
        self.pod == name
            || self
                .pod
                .split_once('/')
                .is_some_and(|(_, short)| short == name)
    }
}

/// A claim of a pod, after the run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimState {
    /// `namespace/name`.
    pub claim: String,
    /// The template it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// `allocatedBefore`, `allocated` (by this pod) or `notAllocated`.
    pub state: String,
    /// The devices it got from this pod, as `request: driver/pool/device`.
    pub devices: Vec<String>,
}

/// One node, for one pod.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeExplanation {
    /// The node.
    pub node: String,
    /// `chosen`, `feasible` (passed every filter, scored lower),
    /// `ruledOut`, `noAllocation`, `nodeError`, `error` or `stopped`.
    pub verdict: String,
    /// Why, in one phrase.
    pub summary: String,
    /// Where the allocator ran: its claims with their funnels.
    pub claims: Vec<ClaimExplanation>,
    /// Findings across claims (devices wanted by requests of several claims).
    pub findings: Vec<FindingExplanation>,
    /// The funnels were left out to keep the explanation small (see
    /// `ExplainOptions::max_node_details`); the summary stays.
    pub details_omitted: bool,
    /// What the search did here, when a trace was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchRecord>,
}

/// A claim on a node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimExplanation {
    /// `namespace/name`.
    pub claim: String,
    /// Its requests; a `firstAvailable` request contributes one entry per
    /// subrequest (with `parent` set), in order.
    pub requests: Vec<RequestExplanation>,
    /// What rules the claim out although each request alone fits.
    pub findings: Vec<FindingExplanation>,
}

/// A finding with its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingExplanation {
    /// In words.
    pub text: String,
    /// The structure.
    pub finding: Finding,
}

/// The funnel of one request (or subrequest) on one node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestExplanation {
    /// `request` or `request/subrequest`.
    pub request: String,
    /// For a subrequest: its request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The device class.
    pub class: String,
    /// `ExactCount` or `All`.
    pub mode: String,
    /// Devices needed (for mode All: the matching devices).
    pub needed: i64,
    /// Devices the node can reach.
    pub reachable: usize,
    /// Devices of the scenario the node cannot reach.
    pub unreachable: usize,
    /// Reachable devices removed, reason by reason, in funnel order.
    pub removed: Vec<FunnelStep>,
    /// Devices left: usable one by one.
    pub candidates: usize,
    /// Some of them (`driver/pool/device`).
    pub candidate_devices: Vec<String>,
    /// Candidates turned down during the search (constraints, devices taken
    /// by another request, counters).
    pub search: Vec<FunnelStep>,
    /// The devices picked on this node (on the chosen node only).
    pub picked: Vec<String>,
    /// The verdict in a few words.
    pub verdict: String,
}

/// One step of a funnel: a reason and the devices it removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStep {
    /// In words.
    pub text: String,
    /// The structure (of the first device).
    pub reason: Reason,
    /// Devices removed.
    pub count: usize,
    /// Some of them (`driver/pool/device`).
    pub devices: Vec<String>,
    /// For the first of them: the values that decided, such as
    /// `gpu.example.com/memory = 24Gi, selector needs >= 40Gi`, or who
    /// holds a device in use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For a CEL error: where in the scenario it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<SourcePos>,
}

/// A position in the scenario text (1-based line and column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourcePos {
    /// Line, 1-based.
    pub line: usize,
    /// Column, 1-based, in characters.
    pub column: usize,
}

/// One device of the scenario: what it got, and why it was not picked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceExplanation {
    /// `driver/pool/device`.
    pub device: String,
    /// The node of its slice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// In one sentence.
    pub summary: String,
    /// Who holds it after the run.
    pub allocations: Vec<DeviceUse>,
    /// Why requests that could have wanted it did not get it, grouped by
    /// reason (requests whose class does not select it are only counted).
    pub rejections: Vec<DeviceRejection>,
    /// Requests (on nodes where it was considered) whose class does not
    /// select it.
    pub other_classes: usize,
}

/// A claim holding a device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceUse {
    /// `namespace/name`.
    pub claim: String,
    /// The request it serves.
    pub request: String,
    /// The pod that got it allocated (None: allocated in the input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// The other pods that use the claim, and so the device (a claim
    /// several pods share, or one allocated in the input), in run order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
}

/// Requests that did not get a device, for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRejection {
    /// The reason in words.
    pub text: String,
    /// The structure (None: the device was a candidate but others were
    /// picked, or its node was not chosen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// The values that decided (for selectors), or who holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// How many requests (counted per node tried).
    pub count: usize,
    /// Some of them, as `pod P: claim C, request R, NODE`.
    pub requests: Vec<String>,
}

/// A likely mistake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    /// `unknownAttribute`, `unknownCapacity`, `wrongDomain`,
    /// `capacityNotAttribute`, `attributeNotCapacity`, `typeMismatch`,
    /// `constraintAttributeDiffers`, `constraintAttributeMissing`,
    /// `unqualifiedConstraint`, `unhashableVersion`, `allocatorVariant`,
    /// `noPodCount` (a node whose allocatable admits no pod).
    pub kind: String,
    /// In words.
    pub message: String,
    /// `Kind namespace/name` of the object.
    pub object: String,
    /// The field, as Kubernetes writes paths.
    pub field: String,
    /// Where in the scenario (the expression's character when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<SourcePos>,
    /// A replacement to try.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// Every selector on every device: `true`, `false` or an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectorMatrix {
    /// The columns: `driver/pool/device`, in document order.
    pub devices: Vec<String>,
    /// The rows: one per distinct expression.
    pub rows: Vec<MatrixRow>,
}

/// One selector expression on every device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatrixRow {
    /// The expression.
    pub expression: String,
    /// Where it is used: `class gpu #0`, `claim default/c request gpu #1`, ...
    pub used_by: Vec<String>,
    /// One cell per device.
    pub cells: Vec<Cell>,
    /// How many devices it is true for.
    pub matches: usize,
}

/// A selector's verdict on a device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cell {
    /// True.
    True,
    /// False.
    False,
    /// An error (compile or runtime).
    Error(String),
}
