//! What the allocator reports when asked why: plain data (serializable) about
//! one allocation attempt on one node.
//!
//! - A [`NodeFunnel`]: for each request (and subrequest) of each claim, every
//!   device the node can reach with the first reason it cannot be used, in
//!   the order of the checks (pool, feature gates, class selectors, request
//!   selectors, in use, capacity, counters, taints), judged one device at a
//!   time against the devices in use before the pod; then [`Finding`]s about
//!   requests that fit one by one but not together (constraints, devices
//!   wanted by several requests).
//! - [`SearchEvent`]s: the search's tentative picks, rejections that depend
//!   on other picks (constraints, devices or counters taken by another
//!   request of the pod) and backtracks, recorded only when asked.
//!
//! None of this is computed during a normal run: see [`super::Allocator::funnel`]
//! and [`super::Allocator::allocate_recorded`].

use serde::{Deserialize, Serialize};

use super::observe::SearchRecord;

/// Why a device cannot be used for a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Reason {
    /// Not all slices of the pool's generation are published
    /// (`resourceSliceCount`): nothing is allocated from it.
    PoolIncomplete,
    /// The pool is invalid (duplicate device names, counters that do not
    /// exist): nothing is allocated from it.
    PoolInvalid,
    /// The slice is of an older generation of its pool, or a newer
    /// generation is being published.
    PoolOutdated,
    /// The device is in a slice that also publishes counter sets: from
    /// Kubernetes 1.35 such a slice is read for its counters only (1.34
    /// allowed devices beside them).
    BesideCounters,
    /// Per-device node selection does not include the node.
    NotReachable,
    /// The device has binding conditions, but DRADeviceBindingConditions
    /// (with DRAResourceClaimDeviceStatus) is off.
    BindingConditionsDisabled,
    /// The device consumes shared counters, but DRAPartitionableDevices is off.
    PartitionableDisabled,
    /// A selector of the request's class is false.
    ClassSelector {
        /// Its index in the class's selectors.
        index: usize,
    },
    /// A selector of the request (or subrequest) is false.
    RequestSelector {
        /// Its index in the request's selectors.
        index: usize,
    },
    /// A selector failed to evaluate (this aborts the pod's scheduling).
    SelectorError {
        /// A selector of the class (else of the request).
        class: bool,
        /// Its index.
        index: usize,
        /// The CEL runtime error.
        message: String,
    },
    /// Allocated to a claim before this pod.
    InUse,
    /// Tentatively picked for another request of the pod's claims.
    PickedForOtherRequest {
        /// The claim (`namespace/name`).
        claim: String,
        /// The request (`request` or `request/subrequest`).
        request: String,
    },
    /// Admin access: already picked for another request of the same claim.
    AdminAccessSameClaim,
    /// A taint with effect NoSchedule or NoExecute that the request does not tolerate.
    Taint {
        /// The taint's key.
        key: String,
        /// The taint's value.
        value: String,
        /// The taint's effect.
        effect: String,
    },
    /// A shared counter of the pool would be exceeded.
    Counters {
        /// The counter set.
        counter_set: String,
        /// The counter.
        counter: String,
        /// What the device consumes of it.
        needed: String,
        /// What is left of it.
        left: String,
        /// True when what is left was reduced by other picks for this pod.
        joint: bool,
        /// True when devices that the search tried and turned down still
        /// hold part of the counter: upstream does not give back the
        /// counters of a device refused after its counters were checked
        /// (by a taint, a constraint or capacity) until the node's attempt ends.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        held_by_rejected: bool,
    },
    /// Not enough of a consumable capacity is left.
    Capacity {
        /// The capacity.
        capacity: String,
        /// What the request consumes of it (rounded per the request policy).
        needed: String,
        /// What is left of it.
        left: String,
        /// True when what is left was reduced by other picks for this pod.
        joint: bool,
    },
    /// The consumption is not allowed by the capacity's request policy.
    CapacityPolicy {
        /// The capacity.
        capacity: String,
        /// The consumption (rounded per the request policy).
        consumed: String,
    },
    /// The request asks for a capacity the device does not have.
    UnknownCapacity {
        /// The capacity.
        capacity: String,
    },
    /// A constraint of the claim would be violated.
    Constraint {
        /// The constraint's index in the claim.
        index: usize,
        /// matchAttribute or distinctAttribute.
        constraint: ConstraintKind,
        /// The attribute.
        attribute: String,
        /// How it would be violated.
        conflict: Conflict,
    },
    /// The claim would hold more than 32 devices.
    TooManyDevices,
}

/// The two kinds of claim constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConstraintKind {
    /// `matchAttribute`: all devices share a value.
    MatchAttribute,
    /// `distinctAttribute`: no two devices share a value.
    DistinctAttribute,
}

impl ConstraintKind {
    /// The field name.
    pub fn field(self) -> &'static str {
        match self {
            ConstraintKind::MatchAttribute => "matchAttribute",
            ConstraintKind::DistinctAttribute => "distinctAttribute",
        }
    }
}

/// How a device would violate a constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Conflict {
    /// The device does not have the attribute.
    Missing,
    /// matchAttribute: the device's value is not the one(s) picked so far.
    Differs {
        /// The device's value.
        value: String,
        /// The value(s) the devices picked so far have in common.
        expected: String,
    },
    /// distinctAttribute: a device picked for another request has the value.
    Duplicate {
        /// The shared value.
        value: String,
        /// The request whose device has it.
        request: String,
    },
}

impl Reason {
    /// A short machine name of the reason (the serialized `kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::PoolIncomplete => "poolIncomplete",
            Reason::PoolInvalid => "poolInvalid",
            Reason::PoolOutdated => "poolOutdated",
            Reason::BesideCounters => "besideCounters",
            Reason::NotReachable => "notReachable",
            Reason::BindingConditionsDisabled => "bindingConditionsDisabled",
            Reason::PartitionableDisabled => "partitionableDisabled",
            Reason::ClassSelector { .. } => "classSelector",
            Reason::RequestSelector { .. } => "requestSelector",
            Reason::SelectorError { .. } => "selectorError",
            Reason::InUse => "inUse",
            Reason::PickedForOtherRequest { .. } => "pickedForOtherRequest",
            Reason::AdminAccessSameClaim => "adminAccessSameClaim",
            Reason::Taint { .. } => "taint",
            Reason::Counters { .. } => "counters",
            Reason::Capacity { .. } => "capacity",
            Reason::CapacityPolicy { .. } => "capacityPolicy",
            Reason::UnknownCapacity { .. } => "unknownCapacity",
            Reason::Constraint { .. } => "constraint",
            Reason::TooManyDevices => "tooManyDevices",
        }
    }

    /// Whether two reasons count as the same step of a funnel: same kind and
    /// same selector, taint, counter, capacity or constraint (values aside).
    pub fn same_group(&self, other: &Reason) -> bool {
        match (self, other) {
            (Reason::ClassSelector { index: a }, Reason::ClassSelector { index: b })
            | (Reason::RequestSelector { index: a }, Reason::RequestSelector { index: b }) => {
                a == b
            }
            (
                Reason::SelectorError {
                    class: a, index: i, ..
                },
                Reason::SelectorError {
                    class: b, index: j, ..
                },
            ) => a == b && i == j,
            (
                Reason::PickedForOtherRequest {
                    request: a,
                    claim: c,
                },
                Reason::PickedForOtherRequest {
                    request: b,
                    claim: d,
                },
            ) => a == b && c == d,
            (
                Reason::Taint {
                    key: a, effect: e, ..
                },
                Reason::Taint {
                    key: b, effect: f, ..
                },
            ) => a == b && e == f,
            (
                Reason::Counters {
                    counter_set: s,
                    counter: c,
                    joint: j,
                    ..
                },
                Reason::Counters {
                    counter_set: t,
                    counter: d,
                    joint: k,
                    ..
                },
            ) => s == t && c == d && j == k,
            (
                Reason::Capacity {
                    capacity: a,
                    joint: j,
                    ..
                },
                Reason::Capacity {
                    capacity: b,
                    joint: k,
                    ..
                },
            ) => a == b && j == k,
            (
                Reason::CapacityPolicy { capacity: a, .. },
                Reason::CapacityPolicy { capacity: b, .. },
            )
            | (Reason::UnknownCapacity { capacity: a }, Reason::UnknownCapacity { capacity: b }) => {
                a == b
            }
            (
                Reason::Constraint {
                    index: a,
                    conflict: c,
                    ..
                },
                Reason::Constraint {
                    index: b,
                    conflict: d,
                    ..
                },
            ) => a == b && std::mem::discriminant(c) == std::mem::discriminant(d),
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }

    /// The reason in a few words, given the selectors' expressions (for
    /// selector reasons) of the request's class and of the request.
    pub fn describe(
        &self,
        class: &str,
        class_selectors: &[String],
        selectors: &[String],
    ) -> String {
        let expression = |list: &[String], index: usize| {
            list.get(index)
                .map(|e| format!(" `{}`", shorten(e, 48)))
                .unwrap_or_default()
        };
        match self {
            Reason::PoolIncomplete => {
                "in an incomplete pool (not all its slices are published)".into()
            }
            Reason::PoolInvalid => "in an invalid pool".into(),
            Reason::PoolOutdated => "in an outdated slice of its pool (older generation)".into(),
            Reason::BesideCounters => {
                "in a slice that also publishes sharedCounters: from Kubernetes 1.35 such a slice is read for its counters only (1.34 allowed devices beside them)".into()
            }
            Reason::NotReachable => {
                "not reachable from the node (per-device node selection)".into()
            }
            Reason::BindingConditionsDisabled => {
                "has binding conditions, but DRADeviceBindingConditions is off".into()
            }
            Reason::PartitionableDisabled => {
                "consumes shared counters, but DRAPartitionableDevices is off".into()
            }
            Reason::ClassSelector { index } => format!(
                "not of class {class} (selector{})",
                expression(class_selectors, *index)
            ),
            Reason::RequestSelector { index } => {
                format!("rejected by selector{}", expression(selectors, *index))
            }
            Reason::SelectorError {
                class: in_class,
                index,
                message,
            } => {
                let list = if *in_class {
                    class_selectors
                } else {
                    selectors
                };
                let owner = if *in_class {
                    format!("class {class} selector")
                } else {
                    "selector".to_owned()
                };
                format!(
                    "CEL error in {owner}{}: {message}",
                    expression(list, *index)
                )
            }
            Reason::InUse => "in use".into(),
            Reason::PickedForOtherRequest { claim, request } => {
                format!("taken by request {request} of claim {claim}")
            }
            Reason::AdminAccessSameClaim => "already picked for this claim (admin access)".into(),
            Reason::Taint { key, value, effect } => {
                let shown = if value.is_empty() {
                    key.clone()
                } else {
                    format!("{key}={value}")
                };
                format!("taint {shown}:{effect} not tolerated")
            }
            Reason::Counters {
                counter_set,
                counter,
                needed,
                left,
                joint,
                held_by_rejected,
            } => format!(
                "counter {counter_set}/{counter} exhausted (needs {needed}, {left} left{})",
                if *held_by_rejected {
                    ": still held by devices turned down earlier in this search, which the \
                     Kubernetes allocator gives back only when it leaves the node"
                } else if *joint {
                    " after the pod's other picks"
                } else {
                    ""
                }
            ),
            Reason::Capacity {
                capacity,
                needed,
                left,
                joint,
            } => format!(
                "capacity {capacity} insufficient (needs {needed}, {left} left{})",
                if *joint {
                    " after the pod's other picks"
                } else {
                    ""
                }
            ),
            Reason::CapacityPolicy { capacity, consumed } => {
                format!("capacity {capacity}: {consumed} not allowed by its request policy")
            }
            Reason::UnknownCapacity { capacity } => {
                format!("has no capacity {capacity}")
            }
            Reason::Constraint {
                constraint,
                attribute,
                conflict,
                ..
            } => {
                let what = format!("{} {attribute}", constraint.field());
                match conflict {
                    Conflict::Missing => format!("{what}: device has no such attribute"),
                    Conflict::Differs { value, expected } => {
                        format!(
                            "{what}: value {value}, but the devices picked so far have {expected}"
                        )
                    }
                    Conflict::Duplicate { value, request } => {
                        format!("{what}: value {value} already taken by request {request}")
                    }
                }
            }
            Reason::TooManyDevices => "the claim would hold more than 32 devices".into(),
        }
    }
}

/// At most `max` characters of a text, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A device of the inventory: its slice (index among the scenario's
/// ResourceSlices, in document order) and its index in the slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DeviceAt {
    /// Index of the slice among the ResourceSlices, in document order.
    pub slice: u32,
    /// Index of the device in the slice's `spec.devices`.
    pub device: u32,
}

/// One device and the first reason it cannot be used (None: a candidate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceVerdict {
    /// The device.
    pub at: DeviceAt,
    /// Why it cannot be used; None when it can.
    pub reason: Option<Reason>,
}

/// The devices a request (or one subrequest) can use on a node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestFunnel {
    /// `request`, or `request/subrequest` for an alternative of a
    /// `firstAvailable` list.
    pub request: String,
    /// For a subrequest: its request's name.
    pub parent: Option<String>,
    /// The device class.
    pub class: String,
    /// The class's selector expressions.
    pub class_selectors: Vec<String>,
    /// The request's selector expressions.
    pub selectors: Vec<String>,
    /// Allocation mode All (every matching device).
    pub all: bool,
    /// Devices needed (for mode All: the matching devices).
    pub needed: i64,
    /// Admin access requested.
    pub admin_access: bool,
    /// Devices of the scenario that the node cannot reach (not listed).
    pub unreachable: usize,
    /// The devices the node can reach, in search order, with their verdicts.
    pub devices: Vec<DeviceVerdict>,
}

impl RequestFunnel {
    /// Devices that can be used, judged one by one.
    pub fn candidates(&self) -> usize {
        self.devices.iter().filter(|d| d.reason.is_none()).count()
    }

    /// Whether, judged one by one, enough devices are left.
    pub fn enough(&self) -> bool {
        let candidates = self.candidates() as i64;
        if self.all {
            // Mode All needs every selected device to be usable.
            return self
                .devices
                .iter()
                .all(|d| d.reason.as_ref().is_none_or(all_mode_skips))
                && candidates > 0;
        }
        candidates >= self.needed
    }

    /// The funnel's steps: each reason with how many devices it removed,
    /// in order of first appearance (reasons of a kind together).
    pub fn steps(&self) -> Vec<(&Reason, Vec<DeviceAt>)> {
        let mut steps: Vec<(&Reason, Vec<DeviceAt>)> = Vec::new();
        for verdict in &self.devices {
            let Some(reason) = &verdict.reason else {
                continue;
            };
            match steps.iter_mut().find(|(r, _)| r.same_group(reason)) {
                Some((_, devices)) => devices.push(verdict.at),
                None => steps.push((reason, vec![verdict.at])),
            }
        }
        steps
    }

    /// The funnel in words: `8 devices, 5 rejected by selector ..., 3 in use`.
    pub fn summary(&self) -> String {
        let reachable = self.devices.len();
        let mut parts = vec![format!(
            "{reachable} device{}",
            if reachable == 1 { "" } else { "s" }
        )];
        for (reason, devices) in self.steps() {
            let text = reason.describe(&self.class, &self.class_selectors, &self.selectors);
            parts.push(format!("{} {text}", devices.len()));
        }
        let candidates = self.candidates();
        if self.all {
            parts.push(format!(
                "{candidates} usable, mode All needs every matching device"
            ));
        } else {
            parts.push(format!("{candidates} left, {} needed", self.needed));
        }
        parts.join(", ")
    }
}

/// Whether mode All leaves a device out for this reason (rather than
/// failing because it cannot have it): the device is not selected, or its
/// capacity does not fit.
fn all_mode_skips(reason: &Reason) -> bool {
    matches!(
        reason,
        Reason::ClassSelector { .. }
            | Reason::RequestSelector { .. }
            | Reason::NotReachable
            | Reason::BindingConditionsDisabled
            | Reason::Capacity { .. }
            | Reason::CapacityPolicy { .. }
            | Reason::UnknownCapacity { .. }
    )
}

/// Something that rules out a node although each request, alone, has
/// enough devices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Finding {
    /// matchAttribute: no single value is shared by enough candidates of
    /// every request it applies to.
    NoCommonValue {
        /// The constraint's index in the claim.
        constraint: usize,
        /// The attribute.
        attribute: String,
        /// Per request: its name, devices needed, and the candidates per value.
        requests: Vec<ValueCounts>,
    },
    /// distinctAttribute: fewer distinct values among the candidates than
    /// requests it applies to (as upstream, it compares the devices of
    /// different requests).
    TooFewDistinctValues {
        /// The constraint's index in the claim.
        constraint: usize,
        /// The attribute.
        attribute: String,
        /// Requests it applies to that need devices.
        needed: i64,
        /// The distinct values among their candidates.
        values: Vec<String>,
    },
    /// Requests (of one or several claims of the pod) that want the same
    /// devices, and need more of them together than there are.
    Contention {
        /// The requests, as `claim: request`.
        requests: Vec<String>,
        /// Devices they need together.
        needed: i64,
        /// Candidates they have together.
        candidates: usize,
    },
}

/// For one request: the candidates per value of an attribute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueCounts {
    /// The request.
    pub request: String,
    /// Devices it needs.
    pub needed: i64,
    /// Candidates by value, in order of first appearance.
    pub values: Vec<(String, usize)>,
    /// Candidates without the attribute.
    pub missing: usize,
}

impl Finding {
    /// The finding in words.
    pub fn describe(&self) -> String {
        match self {
            Finding::NoCommonValue {
                attribute,
                requests,
                ..
            } if requests.iter().all(|r| r.values.is_empty()) => {
                let names: Vec<&str> = requests.iter().map(|r| r.request.as_str()).collect();
                format!(
                    "matchAttribute {attribute}: no candidate of request{} {} has the attribute",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
            Finding::NoCommonValue {
                attribute,
                requests,
                ..
            } => {
                let parts: Vec<String> = requests
                    .iter()
                    .map(|r| {
                        let mut values: Vec<String> = r
                            .values
                            .iter()
                            .map(|(value, count)| format!("{value}: {count}"))
                            .collect();
                        if r.missing > 0 {
                            values.push(format!("{} without the attribute", r.missing));
                        }
                        if values.is_empty() {
                            values.push("no candidates".into());
                        }
                        format!("{} needs {} ({})", r.request, r.needed, values.join(", "))
                    })
                    .collect();
                format!(
                    "matchAttribute {attribute}: no value is shared by enough devices: {}",
                    parts.join("; ")
                )
            }
            Finding::TooFewDistinctValues {
                attribute,
                values,
                ..
            } if values.is_empty() => {
                format!("distinctAttribute {attribute}: no candidate has the attribute")
            }
            Finding::TooFewDistinctValues {
                attribute,
                needed,
                values,
                ..
            } => format!(
                "distinctAttribute {attribute}: {needed} requests need different values, but their candidates have only {} distinct value{} ({})",
                values.len(),
                if values.len() == 1 { "" } else { "s" },
                values.join(", ")
            ),
            Finding::Contention {
                requests,
                needed,
                candidates,
            } => format!(
                "requests {} want the same devices: {needed} needed together, {candidates} candidate{}",
                requests.join(", "),
                if *candidates == 1 { "" } else { "s" }
            ),
        }
    }
}

/// One claim on one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimFunnel {
    /// `namespace/name`.
    pub claim: String,
    /// Per request of the claim: the request, or its alternatives in order.
    pub requests: Vec<Vec<RequestFunnel>>,
    /// What rules the claim out although each request alone fits.
    pub findings: Vec<Finding>,
}

/// The pod's claims on one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeFunnel {
    /// Per claim being allocated.
    pub claims: Vec<ClaimFunnel>,
    /// Findings across claims (devices wanted by requests of several claims).
    pub findings: Vec<Finding>,
}

impl NodeFunnel {
    /// The deciding factor in one phrase: the first request without enough
    /// devices (with its funnel), else the first finding, else (given what
    /// the search recorded) the rejection it met most often.
    pub fn summary(&self, search: Option<&SearchRecord>) -> String {
        if let Some(reason) = self.deciding() {
            return reason;
        }
        let top = search.and_then(|record| record.rejections.iter().max_by_key(|r| r.times));
        match top {
            Some(rejection) => {
                let request = self
                    .claims
                    .iter()
                    .filter(|c| c.claim == rejection.claim)
                    .flat_map(|c| c.requests.iter().flatten())
                    .find(|r| r.request == rejection.request);
                let text = match request {
                    Some(r) => rejection.reason.describe(&r.class, &r.class_selectors, &r.selectors),
                    None => rejection.reason.describe("", &[], &[]),
                };
                let prefix = if self.claims.len() > 1 {
                    format!("claim {}, ", rejection.claim)
                } else {
                    String::new()
                };
                format!(
                    "{prefix}request {}: each request has enough devices on its own, but not together: {} device{} turned down during the search, {text}",
                    rejection.request,
                    rejection.devices.len(),
                    if rejection.devices.len() == 1 { "" } else { "s" },
                )
            }
            None => "each request has enough devices on its own, but no combination satisfies all requests and constraints together".into(),
        }
    }

    /// What rules the node out without looking at the search: the first
    /// request without enough devices, else the first finding.
    pub fn deciding(&self) -> Option<String> {
        let several = self.claims.len() > 1;
        for claim in &self.claims {
            let prefix = if several {
                format!("claim {}, ", claim.claim)
            } else {
                String::new()
            };
            for alternatives in &claim.requests {
                if alternatives.iter().any(RequestFunnel::enough) {
                    continue;
                }
                return Some(match alternatives.as_slice() {
                    [only] if only.parent.is_none() => {
                        format!("{prefix}request {}: {}", only.request, only.summary())
                    }
                    _ => {
                        let parent = alternatives
                            .first()
                            .and_then(|a| a.parent.clone())
                            .unwrap_or_default();
                        let each: Vec<String> = alternatives
                            .iter()
                            .map(|a| format!("{}: {}", a.request, a.summary()))
                            .collect();
                        format!(
                            "{prefix}request {parent}: no alternative fits ({})",
                            each.join("; ")
                        )
                    }
                });
            }
        }
        for claim in &self.claims {
            if let Some(finding) = claim.findings.first() {
                let prefix = if several {
                    format!("claim {}: ", claim.claim)
                } else {
                    String::new()
                };
                return Some(format!("{prefix}{}", finding.describe()));
            }
        }
        self.findings.first().map(Finding::describe)
    }
}

/// One step of the search, for a trace the app can step through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SearchEvent {
    /// The search starts on a node.
    Start {
        /// The node.
        node: String,
    },
    /// Trying one alternative of a `firstAvailable` list.
    TryAlternative {
        /// The step count when it happened.
        step: u64,
        /// The claim (`namespace/name`).
        claim: String,
        /// `request/subrequest`.
        request: String,
    },
    /// A device tentatively picked.
    Pick {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request (`request` or `request/subrequest`).
        request: String,
        /// `driver/pool/device`.
        device: String,
        /// Devices picked for the pod so far, this one included.
        depth: usize,
    },
    /// A device that passed the request's selectors, turned down because of
    /// what was picked before it (or a counter, capacity or taint).
    Reject {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// `driver/pool/device`.
        device: String,
        /// Why.
        reason: Reason,
    },
    /// A pick taken back: nothing after it worked out.
    Backtrack {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// `driver/pool/device`.
        device: String,
    },
    /// No device left for a request at this point of the search.
    Exhausted {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// Devices picked for the request so far.
        picked: usize,
        /// Devices it needs.
        needed: i64,
    },
    /// Every claim got its devices.
    Solution {
        /// The step count when it happened.
        step: u64,
    },
    /// The search budget ran out.
    Stopped {
        /// The step count when it happened.
        step: u64,
    },
}
