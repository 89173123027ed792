//! The resource claim controller: a claim made for a pod (from a template,
//! or by the scheduler for extended resources) is deleted with the pod (the
//! pod owns it); a pod that is gone leaves the `reservedFor` of every claim
//! (other consumers stay); a claim that loses its last reservation is
//! deallocated, and its devices are free again, when the scheduler
//! allocated it (its finalizer; a claim written allocated without it keeps
//! its allocation, `Cluster::allocated_elsewhere`). (A claim written
//! allocated without any reservation keeps its allocation: the controller
//! acts when a reservation goes away.) A pending pod whose status names a
//! claim made from a template that is gone gets a new one: the link is
//! dropped, and the scheduler makes the claim again.

use super::super::cluster::Cluster;
use super::super::{Event, EventKind, PodState};
use super::{claim_name, pod_name};
use crate::api::{pod_claim_name, Pod};

/// Acts on the pods gone since it last looked, and on pending pods whose
/// claims from templates are gone.
pub(crate) fn sync(cluster: &mut Cluster) -> Vec<Event> {
    let mut events = recreate_gone_claims(cluster);
    let gone = std::mem::take(&mut cluster.gone);
    for pod in &gone {
        let namespace = pod.metadata.namespace_or_default();
        for (name, made) in made_for(pod) {
            if let Some(index) = cluster.claim_index(namespace, &name) {
                let claim = cluster.remove_claim(index);
                events.push(Event {
                    at: cluster.now,
                    kind: EventKind::ClaimDeleted,
                    object: claim_name(&claim),
                    message: format!("deleted with pod {}, for which {made}", pod.metadata.name),
                });
            }
        }
    }
    for index in 0..cluster.claims.len() {
        let namespace = cluster.claims[index]
            .metadata
            .namespace_or_default()
            .to_owned();
        let before = cluster.claims[index].status.reserved_for.len();
        let reserved: Vec<_> = cluster.claims[index]
            .status
            .reserved_for
            .iter()
            .filter(|r| {
                r.resource == "pods"
                    && cluster.pod_index(&namespace, &r.name).is_none()
                    && !cluster
                        .implicit_pods
                        .contains(&format!("{namespace}/{}", r.name))
            })
            .map(|r| r.name.clone())
            .collect();
        if reserved.is_empty() {
            continue;
        }
        let allocated_elsewhere = cluster
            .allocated_elsewhere
            .contains(&cluster.claims[index].metadata.namespaced_name());
        let claim = &mut cluster.claims[index];
        claim
            .status
            .reserved_for
            .retain(|r| !(r.resource == "pods" && reserved.contains(&r.name)));
        for pod in &reserved {
            events.push(Event {
                at: cluster.now,
                kind: EventKind::ReservationRemoved,
                object: claim_name(claim),
                message: format!("pod {pod} is gone: no longer in reservedFor"),
            });
        }
        if before > 0
            && claim.status.reserved_for.is_empty()
            && claim.status.allocation.is_some()
            && !allocated_elsewhere
        {
            claim.status.allocation = None;
            claim.status.devices.clear();
            events.push(Event {
                at: cluster.now,
                kind: EventKind::ClaimDeallocated,
                object: claim_name(claim),
                message: "deallocated: no pod reserves it any more, its devices are free"
                    .to_owned(),
            });
        }
    }
    events
}

/// The claims made for a pod, which it owns and which go with it: those
/// from its templates, and the one the scheduler made for its extended
/// resources; each with how it was made.
fn made_for(pod: &Pod) -> Vec<(String, String)> {
    let from_templates = pod.spec.resource_claims.iter().filter_map(|entry| {
        let template = entry.resource_claim_template_name.as_deref()?;
        let name = pod_claim_name(pod, entry)?;
        Some((name, format!("it was made from template {template}")))
    });
    let extended = pod
        .status
        .as_ref()
        .and_then(|s| s.extended_resource_claim_status.as_ref())
        .map(|s| {
            (
                s.resource_claim_name.clone(),
                "the scheduler made it for extended resources".to_owned(),
            )
        });
    from_templates.chain(extended).collect()
}

/// Drops the link in a pending pod's status to a claim made for it from a
/// template that no longer exists, so that the scheduler makes it again.
fn recreate_gone_claims(cluster: &mut Cluster) -> Vec<Event> {
    let mut events = Vec::new();
    for index in 0..cluster.pods.len() {
        if !matches!(cluster.pods[index].state, PodState::Pending(_)) {
            continue;
        }
        let pod = &cluster.pods[index].pod;
        let namespace = pod.metadata.namespace_or_default();
        let gone: Vec<(String, String, String)> = pod
            .spec
            .resource_claims
            .iter()
            .filter_map(|entry| {
                let template = entry.resource_claim_template_name.as_ref()?;
                let name = pod.claim_status(&entry.name)??;
                cluster
                    .claim_index(namespace, name)
                    .is_none()
                    .then(|| (entry.name.clone(), name.to_owned(), template.clone()))
            })
            .collect();
        if gone.is_empty() {
            continue;
        }
        let pod = &mut cluster.pods[index].pod;
        if let Some(status) = pod.status.as_mut() {
            status
                .resource_claim_statuses
                .retain(|s| !gone.iter().any(|(entry, _, _)| *entry == s.name));
        }
        for (_, claim, template) in gone {
            events.push(Event {
                at: cluster.now,
                kind: EventKind::ClaimRecreated,
                object: pod_name(pod),
                message: format!(
                    "its claim {claim}, made from template {template}, is gone: a new one is made"
                ),
            });
        }
    }
    events
}
