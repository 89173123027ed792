//! Funnels: for each request (and subrequest) of each claim on a node, every
//! device the node can reach with the first reason it cannot be used, and what
//! rules the node out.

use serde::{Deserialize, Serialize};

use super::finding::Finding;
use super::reason::Reason;
use super::search_record::SearchRecord;

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
