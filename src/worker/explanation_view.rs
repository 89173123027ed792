//! The explanation as the panel shows it, built in the worker from
//! `dra_engine::explain::Explanation` and sent to the page through yew-agent's bincode.
//!
//! The engine's model keeps the shape of `dra-playground explain --output json`: internally
//! tagged enums (reasons, findings, search events) and optional fields left out when empty,
//! which bincode cannot carry. Decoding that JSON in the page cost about 65 KB of gzipped wasm.
//! This view has no tags and no skipped fields, and holds words where the panel shows words
//! (a finding's text, a search event's sentence), so the page needs neither JSON decoding nor
//! the engine's wording code.
//!
//! Each type is named for the engine type it carries, plus `View`: [`PodExplanationView`] is a
//! `dra_engine::explain::PodExplanation` (not `dra_engine::playground::PodView`, a pod as the
//! results draw it).

use dra_engine::explain::FunnelStep as EngineStep;
use dra_engine::explain::{
    ClaimExplanation, ClaimState, DeviceExplanation, Explanation, Hint, NodeExplanation,
    PodExplanation, RequestExplanation, SelectorMatrix, SourcePos,
};
use serde::{Deserialize, Serialize};

use crate::worker::cycle_view::SchedulingCycleView;
use crate::worker::trace_words::{self, SearchEventView};

/// What the panel can show of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExplanationView {
    /// Every pod explained, in scheduling order.
    pub pods: Vec<PodExplanationView>,
    /// Every device.
    pub devices: Vec<DeviceExplanationView>,
    /// The selector matrix, when asked for.
    pub matrix: Option<SelectorMatrix>,
}

impl ExplanationView {
    /// A pod by `namespace/name`.
    pub fn pod(&self, key: &str) -> Option<&PodExplanationView> {
        self.pods.iter().find(|p| p.pod == key)
    }

    /// A device by `driver/pool/device`.
    pub fn device(&self, key: &str) -> Option<&DeviceExplanationView> {
        self.devices.iter().find(|d| d.device == key)
    }
}

/// One pod: where it went, its claims, and every node tried.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PodExplanationView {
    /// `namespace/name`.
    pub pod: String,
    /// A claim standing in for a pod (a scenario without pods).
    pub implicit: bool,
    /// The node chosen.
    pub node: Option<String>,
    /// The outcome in one sentence.
    pub summary: String,
    /// Its claims after the run.
    pub claims: Vec<ClaimStateView>,
    /// Every node tried.
    pub nodes: Vec<NodeExplanationView>,
    /// Nodes not tried.
    pub not_tried: usize,
    /// Search steps taken.
    pub steps: u64,
    /// For an unschedulable pod: upstream's `0/N nodes are available: ...` message.
    pub message: Option<String>,
    /// The scheduling cycle, plugin by plugin.
    pub scheduling: Option<SchedulingCycleView>,
}

/// A claim of a pod after the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimStateView {
    /// `namespace/name`.
    pub claim: String,
    /// The template it was made from.
    pub template: Option<String>,
    /// `allocatedBefore`, `allocated` or `notAllocated`.
    pub state: String,
    /// Its devices, `REQUEST: DRIVER/POOL/DEVICE`.
    pub devices: Vec<String>,
}

/// One node tried for a pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeExplanationView {
    /// The node's name.
    pub node: String,
    /// The verdict (a CSS class and a test hook).
    pub verdict: String,
    /// The verdict in words.
    pub summary: String,
    /// The funnels of its claims.
    pub claims: Vec<ClaimExplanationView>,
    /// Findings about requests that only fail together, in words.
    pub findings: Vec<String>,
    /// Details were left out to keep the explanation small.
    pub details_omitted: bool,
    /// The search, when it was recorded.
    pub search: Option<SearchRecordView>,
}

/// The recorded search on one node, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchRecordView {
    /// Every recorded step.
    pub steps: Vec<SearchEventView>,
    /// Tentative picks.
    pub picks: u64,
    /// Backtracks.
    pub backtracks: u64,
    /// Steps not recorded.
    pub dropped: u64,
}

/// One claim's funnels on one node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimExplanationView {
    /// `namespace/name`.
    pub claim: String,
    /// Its requests (and subrequests).
    pub requests: Vec<RequestExplanationView>,
    /// Its findings, in words.
    pub findings: Vec<String>,
}

/// One request's funnel on one node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestExplanationView {
    /// The request (a subrequest: `main/sub`).
    pub request: String,
    /// The request a subrequest belongs to.
    pub parent: Option<String>,
    /// Its device class.
    pub class: String,
    /// `ExactCount` or `All`.
    pub mode: String,
    /// Devices needed.
    pub needed: i64,
    /// Devices reachable from the node.
    pub reachable: usize,
    /// Devices not reachable.
    pub unreachable: usize,
    /// What removed devices, and how many.
    pub removed: Vec<FunnelStepView>,
    /// Devices left.
    pub candidates: usize,
    /// Some of them.
    pub candidate_devices: Vec<String>,
    /// What the search turned down.
    pub search: Vec<FunnelStepView>,
    /// Devices picked.
    pub picked: Vec<String>,
    /// The verdict in words.
    pub verdict: String,
}

/// One reason of a funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStepView {
    /// The reason in words.
    pub text: String,
    /// Devices it removed.
    pub count: usize,
    /// Some of them.
    pub devices: Vec<String>,
    /// The values that decided.
    pub detail: Option<String>,
    /// Where the expression at fault is written.
    pub position: Option<SourcePos>,
}

/// One device: who holds it, and why requests did not get it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceExplanationView {
    /// `driver/pool/device`.
    pub device: String,
    /// Its node.
    pub node: Option<String>,
    /// In one sentence.
    pub summary: String,
    /// Who holds it.
    pub allocations: Vec<DeviceUseView>,
    /// Why requests did not get it.
    pub rejections: Vec<DeviceRejectionView>,
    /// Requests of classes that do not select it.
    pub other_classes: usize,
}

/// A claim's request holding a device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceUseView {
    /// `namespace/name`.
    pub claim: String,
    /// The request (a subrequest: `main/sub`).
    pub request: String,
    /// The pod whose scheduling allocated it (None: allocated in the input).
    pub pod: Option<String>,
}

/// One reason requests did not get a device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceRejectionView {
    /// The reason in words.
    pub text: String,
    /// The values that decided.
    pub detail: Option<String>,
    /// Requests turned away for it.
    pub count: usize,
    /// Some of them, in words.
    pub requests: Vec<String>,
}

/// A hint about a likely mistake, as the editor and the panel show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HintView {
    /// In words.
    pub message: String,
    /// The object it concerns, `Kind namespace/name`.
    pub object: String,
    /// Where in the scenario.
    pub position: Option<SourcePos>,
}

impl From<&Explanation> for ExplanationView {
    fn from(e: &Explanation) -> Self {
        ExplanationView {
            pods: e.pods.iter().map(PodExplanationView::from).collect(),
            devices: e.devices.iter().map(DeviceExplanationView::from).collect(),
            matrix: e.matrix.clone(),
        }
    }
}

impl From<&PodExplanation> for PodExplanationView {
    fn from(p: &PodExplanation) -> Self {
        PodExplanationView {
            pod: p.pod.clone(),
            implicit: p.implicit,
            node: p.node.clone(),
            summary: p.summary.clone(),
            claims: p.claims.iter().map(ClaimStateView::from).collect(),
            nodes: p.nodes.iter().map(NodeExplanationView::from).collect(),
            not_tried: p.not_tried,
            steps: p.steps,
            message: p.message.clone(),
            scheduling: p.scheduling.as_ref().map(SchedulingCycleView::from),
        }
    }
}

impl From<&ClaimState> for ClaimStateView {
    fn from(c: &ClaimState) -> Self {
        ClaimStateView {
            claim: c.claim.clone(),
            template: c.template.clone(),
            state: c.state.clone(),
            devices: c.devices.clone(),
        }
    }
}

impl From<&NodeExplanation> for NodeExplanationView {
    fn from(n: &NodeExplanation) -> Self {
        NodeExplanationView {
            node: n.node.clone(),
            verdict: n.verdict.clone(),
            summary: n.summary.clone(),
            claims: n.claims.iter().map(ClaimExplanationView::from).collect(),
            findings: n.findings.iter().map(|f| f.text.clone()).collect(),
            details_omitted: n.details_omitted,
            search: n.search.as_ref().map(|s| SearchRecordView {
                steps: s.events.iter().map(trace_words::step).collect(),
                picks: s.picks,
                backtracks: s.backtracks,
                dropped: s.dropped,
            }),
        }
    }
}

impl From<&ClaimExplanation> for ClaimExplanationView {
    fn from(c: &ClaimExplanation) -> Self {
        ClaimExplanationView {
            claim: c.claim.clone(),
            requests: c
                .requests
                .iter()
                .map(RequestExplanationView::from)
                .collect(),
            findings: c.findings.iter().map(|f| f.text.clone()).collect(),
        }
    }
}

impl From<&RequestExplanation> for RequestExplanationView {
    fn from(r: &RequestExplanation) -> Self {
        RequestExplanationView {
            request: r.request.clone(),
            parent: r.parent.clone(),
            class: r.class.clone(),
            mode: r.mode.clone(),
            needed: r.needed,
            reachable: r.reachable,
            unreachable: r.unreachable,
            removed: r.removed.iter().map(FunnelStepView::from).collect(),
            candidates: r.candidates,
            candidate_devices: r.candidate_devices.clone(),
            search: r.search.iter().map(FunnelStepView::from).collect(),
            picked: r.picked.clone(),
            verdict: r.verdict.clone(),
        }
    }
}

impl From<&EngineStep> for FunnelStepView {
    fn from(s: &EngineStep) -> Self {
        FunnelStepView {
            text: s.text.clone(),
            count: s.count,
            devices: s.devices.clone(),
            detail: s.detail.clone(),
            position: s.position,
        }
    }
}

impl From<&DeviceExplanation> for DeviceExplanationView {
    fn from(d: &DeviceExplanation) -> Self {
        DeviceExplanationView {
            device: d.device.clone(),
            node: d.node.clone(),
            summary: d.summary.clone(),
            allocations: d
                .allocations
                .iter()
                .map(|u| DeviceUseView {
                    claim: u.claim.clone(),
                    request: u.request.clone(),
                    pod: u.pod.clone(),
                })
                .collect(),
            rejections: d
                .rejections
                .iter()
                .map(|r| DeviceRejectionView {
                    text: r.text.clone(),
                    detail: r.detail.clone(),
                    count: r.count,
                    requests: r.requests.clone(),
                })
                .collect(),
            other_classes: d.other_classes,
        }
    }
}

impl From<&Hint> for HintView {
    fn from(h: &Hint) -> Self {
        HintView {
            message: h.message.clone(),
            object: h.object.clone(),
            position: h.position,
        }
    }
}
