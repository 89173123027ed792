//! A lesson file as written (`lessons/*.yaml`, described in `lessons/README.md`): what the
//! learner reads, the goals the engine checks, and the two scenarios.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::quantity::Quantity;

/// One lesson of the track.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lesson {
    /// The title.
    pub title: String,
    /// What it teaches, in one line (the lessons list shows it).
    pub summary: String,
    /// What the learner reads first: paragraphs separated by blank lines, `code` in
    /// backquotes.
    pub explanation: String,
    /// What to do, in a sentence or two.
    pub task: String,
    /// What the engine checks after every edit; the lesson is solved when every goal is met.
    pub goals: Vec<Goal>,
    /// Hints from gentle to nearly the answer, shown one at a time on request.
    pub hints: Vec<String>,
    /// The scenario the lesson starts from.
    pub start: String,
    /// The edits that turn the start into a solution, in order, as the file writes them.
    #[serde(rename = "solution")]
    pub(super) edits: Vec<Edit>,
    /// A scenario that meets every goal: the start with the edits applied (by
    /// [`Lesson::parse`]).
    #[serde(skip)]
    pub solution: String,
}

/// One edit of the text: `find` occurs exactly once and becomes `replace`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Edit {
    pub find: String,
    pub replace: String,
}

/// A goal: a fact about the run of the learner's scenario.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Goal {
    /// The scenario has no errors (so that it runs).
    NoErrors,
    /// A pod is scheduled.
    PodScheduled(PodScheduled),
    /// A pod is not scheduled.
    PodUnschedulable(PodRef),
    /// A claim is allocated, with devices as asked.
    ClaimAllocated(ClaimAllocated),
}

/// A pod: `NAME` (in the default namespace) or `NAMESPACE/NAME`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodRef {
    /// The pod.
    pub pod: String,
}

/// A pod is scheduled, on a given node or any, pinned or not.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodScheduled {
    /// The pod: `NAME` or `NAMESPACE/NAME`.
    pub pod: String,
    /// On this node.
    #[serde(default)]
    pub node: Option<String>,
    /// The pod names no node itself: no `spec.nodeName`, no `spec.nodeSelector`, no required
    /// node affinity (the scheduler finds the node).
    #[serde(default)]
    pub unpinned: bool,
}

/// A claim is allocated; every condition given holds for its devices.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimAllocated {
    /// A claim by name: `NAME` (in the default namespace) or `NAMESPACE/NAME`.
    #[serde(default)]
    pub claim: Option<String>,
    /// Or the claim a pod uses for one of its `spec.resourceClaims` entries (named, or made
    /// from a template): the pod, with `entry`.
    #[serde(default)]
    pub pod: Option<String>,
    /// The pod's entry (with `pod`).
    #[serde(default)]
    pub entry: Option<String>,
    /// Exactly this many devices.
    #[serde(default)]
    pub count: Option<usize>,
    /// Every device was allocated for a request (or a prioritized alternative) of this
    /// DeviceClass.
    #[serde(default)]
    pub class: Option<String>,
    /// Every device has these attributes with these values (a name without a domain is in
    /// the device driver's domain; a list attribute holds the value).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Every device was allocated through a prioritized alternative (`firstAvailable`).
    #[serde(default)]
    pub from_alternative: bool,
    /// Every device has at least this capacity.
    #[serde(default)]
    pub capacity_at_least: BTreeMap<String, Quantity>,
    /// The claim consumes at least this much of each device's consumable capacity.
    #[serde(default)]
    pub consumes_at_least: BTreeMap<String, Quantity>,
    /// Every device has the same value of this attribute.
    #[serde(default)]
    pub same_attribute: Option<String>,
    /// Every device was allocated with admin access (true) or without (false).
    #[serde(default)]
    pub admin_access: Option<bool>,
    /// At least this many pods use the claim (`status.reservedFor`).
    #[serde(default)]
    pub used_by: Option<usize>,
}
