//! What differs between two analyses: the settings in effect, each pod's place, each claim's
//! devices; each difference in words.

use serde::{Deserialize, Serialize};

use crate::playground::{Analysis, ClaimView, PodView, Settings};

/// Where a pod ended on one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    /// Scheduled on this node.
    Node(String),
    /// Unschedulable, with the reason.
    Unschedulable(String),
    /// Nothing ran on this side (its scenario has errors).
    NotRun,
    /// The side has no such pod.
    Absent,
}

impl Place {
    fn of(pod: Option<&PodView>) -> Place {
        match pod {
            None => Place::Absent,
            Some(p) => match (&p.node, &p.unschedulable) {
                (Some(node), _) => Place::Node(node.clone()),
                (None, Some(reason)) => Place::Unschedulable(reason.clone()),
                (None, None) => Place::NotRun,
            },
        }
    }

    /// The same outcome: the same node, or unschedulable on both sides whatever the reason.
    fn same_outcome(&self, other: &Place) -> bool {
        match (self, other) {
            (Place::Unschedulable(_), Place::Unschedulable(_)) => true,
            (a, b) => a == b,
        }
    }

    fn words(&self) -> String {
        match self {
            Place::Node(node) => format!("on {node}"),
            Place::Unschedulable(_) => "unschedulable".to_owned(),
            Place::NotRun => "not run (the scenario has errors)".to_owned(),
            Place::Absent => "absent".to_owned(),
        }
    }
}

/// A pod whose outcome differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodChange {
    /// The pod, `NAMESPACE/NAME`.
    pub pod: String,
    /// Where it ended on the left.
    pub left: Place,
    /// Where it ended on the right.
    pub right: Place,
}

impl PodChange {
    /// The change in words, with the reason of the side where it is unschedulable.
    pub fn describe(&self) -> String {
        let pod = &self.pod;
        match (&self.left, &self.right) {
            (Place::Node(a), Place::Node(b)) => format!("pod {pod} moves from {a} to {b}"),
            (Place::Node(a), Place::Unschedulable(why)) => {
                format!("pod {pod} becomes unschedulable (it was on {a}): {why}")
            }
            (Place::Unschedulable(why), Place::Node(b)) => {
                format!("pod {pod} is scheduled on {b} (it was unschedulable: {why})")
            }
            (Place::Absent, right) => format!("pod {pod} is only on the right: {}", right.words()),
            (left, Place::Absent) => format!("pod {pod} is only on the left: {}", left.words()),
            (left, right) => format!("pod {pod}: {} → {}", left.words(), right.words()),
        }
    }
}

/// What a claim holds on one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Holding {
    /// Allocated: each `request → DRIVER/POOL/DEVICE`, sorted.
    Devices(Vec<String>),
    /// Not allocated.
    Unallocated,
    /// The side has no such claim.
    Absent,
}

impl Holding {
    fn of(claim: Option<&ClaimView>) -> Holding {
        match claim {
            None => Holding::Absent,
            Some(c) if !c.allocated => Holding::Unallocated,
            Some(c) => {
                let mut devices: Vec<String> = c
                    .results
                    .iter()
                    .map(|r| format!("{} → {}", r.request, r.device))
                    .collect();
                devices.sort();
                Holding::Devices(devices)
            }
        }
    }

    fn words(&self) -> String {
        match self {
            Holding::Devices(devices) => devices.join(", "),
            Holding::Unallocated => "not allocated".to_owned(),
            Holding::Absent => "absent".to_owned(),
        }
    }
}

/// A claim whose devices differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimChange {
    /// The claim, `NAMESPACE/NAME`.
    pub claim: String,
    /// What it holds on the left.
    pub left: Holding,
    /// What it holds on the right.
    pub right: Holding,
}

impl ClaimChange {
    /// The change in words.
    pub fn describe(&self) -> String {
        let claim = &self.claim;
        match (&self.left, &self.right) {
            (Holding::Devices(_), Holding::Devices(_)) => format!(
                "claim {claim} gets other devices: {} instead of {}",
                self.right.words(),
                self.left.words()
            ),
            (Holding::Devices(_), Holding::Unallocated) => format!(
                "claim {claim} is not allocated (it had {})",
                self.left.words()
            ),
            (Holding::Unallocated, Holding::Devices(_)) => format!(
                "claim {claim} is allocated: {} (it was not)",
                self.right.words()
            ),
            (Holding::Absent, right) => {
                format!("claim {claim} is only on the right: {}", right.words())
            }
            (left, Holding::Absent) => {
                format!("claim {claim} is only on the left: {}", left.words())
            }
            (left, right) => format!("claim {claim}: {} → {}", left.words(), right.words()),
        }
    }
}

/// A setting in effect that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChange {
    /// `kubernetesVersion`, a feature gate's name, or `skipValidation`.
    pub name: String,
    /// Its value on the left.
    pub left: String,
    /// Its value on the right.
    pub right: String,
}

impl SettingChange {
    /// The change in words.
    pub fn describe(&self) -> String {
        format!("{}: {} → {}", self.name, self.left, self.right)
    }
}

/// The settings in effect that differ: the version, every DRA gate, validation.
pub(super) fn settings(left: &Settings, right: &Settings) -> Vec<SettingChange> {
    let mut changes = Vec::new();
    let version = |s: &Settings| {
        s.kubernetes_version
            .clone()
            .unwrap_or_else(|| "not set".to_owned())
    };
    if left.kubernetes_version != right.kubernetes_version {
        changes.push(SettingChange {
            name: "kubernetesVersion".to_owned(),
            left: version(left),
            right: version(right),
        });
    }
    let on_off = |on: bool| if on { "on" } else { "off" }.to_owned();
    for (gate, on) in &left.effective {
        if let Some((_, other)) = right.effective.iter().find(|(g, _)| g == gate) {
            if on != other {
                changes.push(SettingChange {
                    name: gate.clone(),
                    left: on_off(*on),
                    right: on_off(*other),
                });
            }
        }
    }
    if left.skip_validation != right.skip_validation {
        let skipped = |s: bool| if s { "skipped" } else { "on" }.to_owned();
        changes.push(SettingChange {
            name: "validation".to_owned(),
            left: skipped(left.skip_validation),
            right: skipped(right.skip_validation),
        });
    }
    changes
}

/// Every key of the left in order, then those only on the right.
fn keys<'a>(
    left: impl Iterator<Item = &'a str>,
    right: impl Iterator<Item = &'a str>,
) -> Vec<&'a str> {
    let mut keys: Vec<&str> = left.collect();
    for k in right {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The pods whose outcome differs.
pub(super) fn pods(left: &Analysis, right: &Analysis) -> Vec<PodChange> {
    keys(
        left.pods.iter().map(|p| p.key.as_str()),
        right.pods.iter().map(|p| p.key.as_str()),
    )
    .into_iter()
    .filter_map(|key| {
        let (l, r) = (Place::of(left.pod(key)), Place::of(right.pod(key)));
        (!l.same_outcome(&r)).then(|| PodChange {
            pod: key.to_owned(),
            left: l,
            right: r,
        })
    })
    .collect()
}

/// The claims whose devices differ.
pub(super) fn claims(left: &Analysis, right: &Analysis) -> Vec<ClaimChange> {
    keys(
        left.claims.iter().map(|c| c.key.as_str()),
        right.claims.iter().map(|c| c.key.as_str()),
    )
    .into_iter()
    .filter_map(|key| {
        let (l, r) = (Holding::of(left.claim(key)), Holding::of(right.claim(key)));
        (l != r).then(|| ClaimChange {
            claim: key.to_owned(),
            left: l,
            right: r,
        })
    })
    .collect()
}
