//! Why a device cannot be used for a request ([`Reason`]), with the
//! deciding values, and the reason in words.

use serde::{Deserialize, Serialize};

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
