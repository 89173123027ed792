//! The view from each device: who holds it, and why the requests that could
//! have wanted it (those whose class selects it, on the nodes tried) did
//! not get it, grouped by reason, with the values that decided.

use std::collections::HashMap;

use crate::allocator::report::{DeviceAt, NodeFunnel, Reason};
use crate::api::{device_id, Object, ResourceSlice};
use crate::cel::{CompileOptions, DeviceInput};
use crate::load::LoadedScenario;
use crate::scheduler::report::{NodeOutcome, PodClaim};

use super::model::{DeviceExplanation, DeviceRejection, DeviceUse};
use super::selectors::Insights;

/// Requests named per rejection group.
const MAX_REQUESTS: usize = 10;

/// Per device: what was recorded so far.
#[derive(Debug, Default)]
struct Entry {
    allocations: Vec<DeviceUse>,
    rejections: Vec<DeviceRejection>,
    /// What groups `rejections` (same index).
    keys: Vec<GroupKey>,
    other_classes: usize,
}

/// What makes requests share a rejection group of a device: the same
/// reason (and selector expression), or being a candidate on the same node.
#[derive(Debug, PartialEq)]
enum GroupKey {
    Reason {
        reason: Reason,
        selector: Option<String>,
    },
    Candidate {
        node: String,
    },
}

/// The expression of a selector reason.
fn selector_of(reason: &Reason, class: &[String], request: &[String]) -> Option<String> {
    match reason {
        Reason::RequestSelector { index } => request.get(*index).cloned(),
        Reason::SelectorError {
            class: true, index, ..
        } => class.get(*index).cloned(),
        Reason::SelectorError { index, .. } => request.get(*index).cloned(),
        _ => None,
    }
}

/// Collects the device view while the run is reported.
#[derive(Debug)]
pub(crate) struct DeviceBook {
    /// Index of each slice's first device.
    first: Vec<usize>,
    entries: Vec<Entry>,
    /// Device key → index.
    index: HashMap<String, usize>,
    /// Claim → where it holds a device (entry, allocation).
    by_claim: HashMap<String, Vec<(usize, usize)>>,
}

impl DeviceBook {
    /// A book for the devices of the slices, with the allocations of the
    /// input's claims.
    pub fn new(slices: &[&ResourceSlice], loaded: &LoadedScenario) -> Self {
        let mut first = Vec::with_capacity(slices.len());
        let mut index = HashMap::new();
        let mut count = 0;
        for slice in slices {
            first.push(count);
            for device in &slice.spec.devices {
                index
                    .entry(device_id(
                        &slice.spec.driver,
                        &slice.spec.pool.name,
                        &device.name,
                    ))
                    .or_insert(count);
                count += 1;
            }
        }
        let mut book = DeviceBook {
            first,
            entries: (0..count).map(|_| Entry::default()).collect(),
            index,
            by_claim: HashMap::new(),
        };
        for object in &loaded.objects {
            let Object::ResourceClaim(claim) = &object.object else {
                continue;
            };
            let name = claim.metadata.namespaced_name();
            for result in claim
                .status
                .allocation
                .iter()
                .flat_map(|a| &a.devices.results)
            {
                book.hold(
                    &name,
                    &result.request,
                    &result.driver,
                    &result.pool,
                    &result.device,
                    None,
                );
            }
        }
        book
    }

    fn position(&self, at: DeviceAt) -> Option<usize> {
        let index = self.first.get(at.slice as usize)? + at.device as usize;
        (index < self.entries.len()).then_some(index)
    }

    fn hold(
        &mut self,
        claim: &str,
        request: &str,
        driver: &str,
        pool: &str,
        device: &str,
        pod: Option<&str>,
    ) {
        if let Some(&i) = self.index.get(&device_id(driver, pool, device)) {
            let allocations = &mut self.entries[i].allocations;
            self.by_claim
                .entry(claim.to_owned())
                .or_default()
                .push((i, allocations.len()));
            allocations.push(DeviceUse {
                claim: claim.to_owned(),
                request: request.to_owned(),
                pod: pod.map(str::to_owned),
                shared_with: Vec::new(),
            });
        }
    }

    /// Who holds a device now: every claim allocated it and every pod using
    /// each (`allocated to claim X (pods P, Q), claim Y (pod R)`).
    pub fn holder_text(&self, slices: &[&ResourceSlice], at: DeviceAt) -> Option<String> {
        let _ = slices;
        let entry = &self.entries[self.position(at)?];
        let holders: Vec<String> = entry
            .allocations
            .iter()
            .map(|u| {
                let pods: Vec<&str> = u
                    .pod
                    .iter()
                    .chain(&u.shared_with)
                    .map(String::as_str)
                    .collect();
                match (pods.as_slice(), u.pod.is_none()) {
                    ([], _) => format!("claim {} (allocated in the input)", u.claim),
                    ([pod], false) => format!("claim {} (pod {pod})", u.claim),
                    (pods, false) => format!("claim {} (pods {})", u.claim, pods.join(", ")),
                    (pods, true) => format!(
                        "claim {} (allocated in the input; pod{} {})",
                        u.claim,
                        if pods.len() == 1 { "" } else { "s" },
                        pods.join(", ")
                    ),
                }
            })
            .collect();
        (!holders.is_empty()).then(|| format!("allocated to {}", holders.join(", ")))
    }

    /// Records the allocations a pod got, and the pod as a user of the
    /// claims it shares with pods before it (or with the input).
    pub fn commit(&mut self, pod: &str, claims: &[PodClaim]) {
        for claim in claims.iter().filter(|c| c.allocated_before) {
            for &(entry, allocation) in self.by_claim.get(&claim.name).into_iter().flatten() {
                let holder = &mut self.entries[entry].allocations[allocation];
                if holder.pod.as_deref() != Some(pod)
                    && !holder.shared_with.iter().any(|p| p == pod)
                {
                    holder.shared_with.push(pod.to_owned());
                }
            }
        }
        for claim in claims {
            for result in claim.allocation.iter().flat_map(|a| &a.devices.results) {
                self.hold(
                    &claim.name,
                    &result.request,
                    &result.driver,
                    &result.pool,
                    &result.device,
                    Some(pod),
                );
            }
        }
    }

    /// Records the verdicts of one node's funnel for a pod. Called for every
    /// node tried for every pod: strings are only built for a new group or
    /// a request named in one.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        pod: &str,
        node: &str,
        outcome: &NodeOutcome,
        funnel: &NodeFunnel,
        picked: &HashMap<(String, String), Vec<String>>,
        slices: &[&ResourceSlice],
        insights: &mut Insights,
        cel: CompileOptions,
    ) {
        for claim in &funnel.claims {
            for alternatives in &claim.requests {
                for request in alternatives {
                    let got = picked.get(&(claim.claim.clone(), request.request.clone()));
                    let label = || {
                        format!(
                            "pod {pod}: claim {}, request {}, {node}",
                            claim.claim, request.request
                        )
                    };
                    for verdict in &request.devices {
                        let Some(position) = self.position(verdict.at) else {
                            continue;
                        };
                        let key = match &verdict.reason {
                            Some(Reason::ClassSelector { .. }) => {
                                self.entries[position].other_classes += 1;
                                continue;
                            }
                            Some(reason) => GroupKey::Reason {
                                reason: reason.clone(),
                                selector: selector_of(
                                    reason,
                                    request.class_selectors.as_slice(),
                                    request.selectors.as_slice(),
                                ),
                            },
                            None => {
                                if *outcome == NodeOutcome::Chosen
                                    && got.is_some_and(|g| {
                                        g.iter().any(|d| {
                                            *d == super::device_key(
                                                slices,
                                                verdict.at.slice,
                                                verdict.at.device,
                                            )
                                        })
                                    })
                                {
                                    continue;
                                }
                                GroupKey::Candidate {
                                    node: node.to_owned(),
                                }
                            }
                        };
                        let entry = &self.entries[position];
                        if let Some(group) = entry.keys.iter().position(|k| *k == key) {
                            let group = &mut self.entries[position].rejections[group];
                            group.count += 1;
                            if group.requests.len() < MAX_REQUESTS {
                                group.requests.push(label());
                            }
                            continue;
                        }
                        let (text, reason, detail) = match &verdict.reason {
                            Some(reason) => {
                                let text = reason.describe(
                                    &request.class,
                                    &request.class_selectors,
                                    &request.selectors,
                                );
                                let text = match reason {
                                    Reason::InUse => match self.holder_text(slices, verdict.at) {
                                        Some(holder) => format!("in use: {holder}"),
                                        None => text,
                                    },
                                    _ => text,
                                };
                                let detail = match reason {
                                    Reason::RequestSelector { index } => {
                                        request.selectors.get(*index).and_then(|e| {
                                            why_false(slices, insights, cel, e, verdict.at)
                                        })
                                    }
                                    _ => None,
                                };
                                (text, Some(reason.clone()), detail)
                            }
                            None => {
                                let text = match outcome {
                                    NodeOutcome::Chosen => format!(
                                        "a candidate on {node}, but the search picked other devices first"
                                    ),
                                    NodeOutcome::NoAllocation(summary) => {
                                        format!("a candidate on {node}, but the pod's claims do not fit there: {summary}")
                                    }
                                    other => format!(
                                        "a candidate on {node}, but the node failed: {}",
                                        outcome_text(other)
                                    ),
                                };
                                (text, None, None)
                            }
                        };
                        let entry = &mut self.entries[position];
                        entry.keys.push(key);
                        entry.rejections.push(DeviceRejection {
                            text,
                            reason,
                            detail,
                            count: 1,
                            requests: vec![label()],
                        });
                    }
                }
            }
        }
    }

    /// The device explanations, in document order.
    pub fn finish(
        self,
        slices: &[&ResourceSlice],
        insights: &mut Insights,
        cel: CompileOptions,
    ) -> Vec<DeviceExplanation> {
        let _ = (insights, cel);
        let mut out = Vec::with_capacity(self.entries.len());
        let mut entries = self.entries.into_iter();
        for slice in slices {
            for device in &slice.spec.devices {
                let Some(entry) = entries.next() else {
                    break;
                };
                let key = device_id(&slice.spec.driver, &slice.spec.pool.name, &device.name);
                let summary = device_summary(&entry);
                out.push(DeviceExplanation {
                    device: key,
                    node: slice.spec.node_name.clone().filter(|n| !n.is_empty()),
                    summary,
                    allocations: entry.allocations,
                    rejections: entry.rejections,
                    other_classes: entry.other_classes,
                });
            }
        }
        out
    }
}

fn outcome_text(outcome: &NodeOutcome) -> String {
    match outcome {
        NodeOutcome::NodeError(m) | NodeOutcome::Fatal(m) | NodeOutcome::Stopped(m) => m.clone(),
        NodeOutcome::NoAllocation(m) | NodeOutcome::RuledOut(m) => m.clone(),
        NodeOutcome::Chosen => "chosen".into(),
        NodeOutcome::Feasible => "feasible, another node scored higher".into(),
    }
}

fn device_summary(entry: &Entry) -> String {
    let held = entry
        .allocations
        .iter()
        .map(|u| match &u.pod {
            Some(pod) => format!(
                "allocated to claim {} (request {}, pod {pod})",
                u.claim, u.request
            ),
            None => format!("allocated to claim {} in the input", u.claim),
        })
        .collect::<Vec<_>>();
    if !held.is_empty() {
        return held.join("; ");
    }
    match entry.rejections.first() {
        Some(first) => {
            let others: usize = entry.rejections.iter().skip(1).map(|r| r.count).sum();
            let mut text = format!(
                "not allocated; {} request{}: {}",
                first.count,
                if first.count == 1 { "" } else { "s" },
                first.text
            );
            if let Some(detail) = &first.detail {
                text.push_str(&format!(" ({detail})"));
            }
            if others > 0 {
                text.push_str(&format!("; {others} more for other reasons"));
            }
            text
        }
        None if entry.other_classes > 0 => format!(
            "not allocated: no request of its class was tried on its node ({} of other classes)",
            entry.other_classes
        ),
        None => {
            "not allocated: no request considered it (no pod was tried on a node that reaches it)"
                .into()
        }
    }
}

/// Why a selector is false for a device, with the values that decided.
pub(crate) fn why_false(
    slices: &[&ResourceSlice],
    insights: &mut Insights,
    cel: CompileOptions,
    expression: &str,
    at: DeviceAt,
) -> Option<String> {
    let slice = slices.get(at.slice as usize)?;
    let device = slice.spec.devices.get(at.device as usize)?;
    let input = DeviceInput {
        driver: &slice.spec.driver,
        attributes: &device.attributes,
        capacity: &device.capacity,
        allow_multiple_allocations: device.allow_multiple_allocations,
    };
    insights
        .get(expression, cel)
        .why_false(device, &slice.spec.driver, &input)
}
