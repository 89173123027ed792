//! The resource claim controller: a claim made from a template for a pod
//! is deleted with the pod (the pod owns it); a pod that is gone leaves the
//! `reservedFor` of every claim; a claim that loses its last reservation is
//! deallocated, and its devices are free again. (A claim written allocated
//! without any reservation keeps its allocation: the controller acts when
//! a reservation goes away.)

use super::super::cluster::Cluster;
use super::super::{Event, EventKind};
use super::claim_name;
use crate::api::pod_claim_name;

/// Acts on the pods gone since it last looked.
pub(crate) fn sync(cluster: &mut Cluster) -> Vec<Event> {
    let mut events = Vec::new();
    let gone = std::mem::take(&mut cluster.gone);
    for pod in &gone {
        let namespace = pod.metadata.namespace_or_default();
        for entry in pod
            .spec
            .resource_claims
            .iter()
            .filter(|e| e.resource_claim_template_name.is_some())
        {
            let Some(name) = pod_claim_name(pod, entry) else {
                continue;
            };
            if let Some(index) = cluster.claim_index(namespace, &name) {
                let claim = cluster.claims.remove(index);
                events.push(Event {
                    at: cluster.now,
                    kind: EventKind::ClaimDeleted,
                    object: claim_name(&claim),
                    message: format!(
                        "deleted with pod {}, for which it was made from template {}",
                        pod.metadata.name,
                        entry
                            .resource_claim_template_name
                            .as_deref()
                            .unwrap_or_default()
                    ),
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
            .filter(|r| r.resource == "pods" && cluster.pod_index(&namespace, &r.name).is_none())
            .map(|r| r.name.clone())
            .collect();
        if reserved.is_empty() {
            continue;
        }
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
        if before > 0 && claim.status.reserved_for.is_empty() && claim.status.allocation.is_some() {
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
