//! Binding conditions, as the DynamicResources plugin's PreBind waits for
//! them: a pod whose allocated devices have binding conditions waits before
//! binding until every one of them is `True` in its claim's
//! `status.devices`; a binding failure condition that is `True`, or the
//! binding timeout running out, fails the binding: the pod's reservations
//! are removed, claims no other pod reserves are deallocated (their device
//! statuses with them), and the pod goes back to the scheduling queue.

use super::super::cluster::Cluster;
use super::super::events::time_words;
use super::super::{Event, EventKind, PodState};
use super::pod_name;
use crate::api::{device_id, Pod, ResourceClaim};

/// How long PreBind waits for binding conditions: the DynamicResources
/// plugin's default `bindingTimeout` (600 seconds).
pub(crate) const BINDING_TIMEOUT_NANOS: i64 = 600 * 1_000_000_000;

/// Whether any device allocated to the pod's claims has binding conditions.
pub(crate) fn has_binding_conditions(pod: &Pod, claims: &[ResourceClaim]) -> bool {
    let namespace = pod.metadata.namespace_or_default();
    pod.spec
        .resource_claims
        .iter()
        .filter_map(|e| crate::api::pod_claim_name(pod, e))
        .filter_map(|name| {
            claims
                .iter()
                .find(|c| c.metadata.name == name && c.metadata.namespace_or_default() == namespace)
        })
        .any(|c| {
            c.status.allocation.as_ref().is_some_and(|a| {
                a.devices
                    .results
                    .iter()
                    .any(|r| !r.binding_conditions.is_empty())
            })
        })
}

/// When each waiting pod's binding times out.
pub(crate) fn timeouts(cluster: &Cluster) -> Vec<i64> {
    cluster
        .pods
        .iter()
        .filter(|r| matches!(r.state, PodState::WaitingForBinding(_)))
        .map(|r| r.waiting_since + BINDING_TIMEOUT_NANOS)
        .collect()
}

/// What a waiting pod's devices say.
enum Verdict {
    Ready,
    Failed(String),
    Waiting,
}

/// Binds the waiting pods whose conditions are met; fails those with a
/// failure condition or past the timeout.
pub(crate) fn check(cluster: &mut Cluster) -> Vec<Event> {
    let mut events = Vec::new();
    let mut index = 0;
    while index < cluster.pods.len() {
        let PodState::WaitingForBinding(node) = cluster.pods[index].state.clone() else {
            index += 1;
            continue;
        };
        let pod = cluster.pods[index].pod.clone();
        let claims = cluster.claims_of(&pod);
        let verdict = verdict(cluster, &claims, cluster.pods[index].waiting_since);
        match verdict {
            Verdict::Waiting => {}
            Verdict::Ready => {
                cluster.pods[index].state = PodState::Bound(node.clone());
                events.push(Event {
                    at: cluster.now,
                    kind: EventKind::Bound,
                    object: pod_name(&pod),
                    message: format!(
                        "bound to node {node}: every binding condition of its devices is True"
                    ),
                });
            }
            Verdict::Failed(why) => {
                let freed = unreserve(cluster, &pod, &claims);
                let record = &mut cluster.pods[index];
                record.state = PodState::Pending(format!("binding failed: {why}"));
                record.queued_at = cluster.now;
                events.push(Event {
                    at: cluster.now,
                    kind: EventKind::BindingFailed,
                    object: pod_name(&pod),
                    message: format!(
                        "binding to node {node} failed: {why}; {freed} and the pod is tried again"
                    ),
                });
            }
        }
        index += 1;
    }
    events
}

fn verdict(cluster: &Cluster, claims: &[usize], since: i64) -> Verdict {
    let mut ready = true;
    for &index in claims {
        let claim = &cluster.claims[index];
        let Some(allocation) = &claim.status.allocation else {
            continue;
        };
        for result in &allocation.devices.results {
            let conditions = claim
                .status
                .devices
                .iter()
                .find(|d| {
                    d.driver == result.driver && d.pool == result.pool && d.device == result.device
                })
                .map(|d| d.conditions.as_slice())
                .unwrap_or_default();
            let is_true = |t: &String| {
                conditions
                    .iter()
                    .any(|c| &c.type_ == t && c.status == "True")
            };
            if let Some(failed) = result
                .binding_failure_conditions
                .iter()
                .find(|t| is_true(t))
            {
                return Verdict::Failed(format!(
                    "device {} reports the failure condition {failed}",
                    device_id(&result.driver, &result.pool, &result.device)
                ));
            }
            if !result.binding_conditions.iter().all(is_true) {
                ready = false;
            }
        }
    }
    if ready {
        Verdict::Ready
    } else if cluster.now >= since + BINDING_TIMEOUT_NANOS {
        Verdict::Failed(format!(
            "its binding conditions were not all True within the binding timeout ({})",
            time_words(BINDING_TIMEOUT_NANOS)
        ))
    } else {
        Verdict::Waiting
    }
}

/// Removes the pod from its claims' `reservedFor` and deallocates those no
/// other pod reserves; says what was given back.
fn unreserve(cluster: &mut Cluster, pod: &Pod, claims: &[usize]) -> String {
    let mut freed = Vec::new();
    for &index in claims {
        let claim = &mut cluster.claims[index];
        claim
            .status
            .reserved_for
            .retain(|r| !(r.resource == "pods" && r.name == pod.metadata.name));
        if claim.status.reserved_for.is_empty() && claim.status.allocation.is_some() {
            claim.status.allocation = None;
            claim.status.devices.clear();
            freed.push(claim.metadata.name.clone());
        }
    }
    if freed.is_empty() {
        "no claim was deallocated".to_owned()
    } else {
        format!("claims {} were deallocated", freed.join(", "))
    }
}
