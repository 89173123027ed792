//! Pods already running: a pod bound to a node as a cluster shows it
//! (`spec.nodeName` with a status, [`Pod::is_bound`]) whose claims all exist
//! and are allocated runs there (the scheduler never sees it again). It
//! holds its claims (their devices are in use from the start) and its share
//! of the node, and the resource claim controller lists it in each claim's
//! `status.reservedFor`. A pod with `spec.nodeName` alone, or with a claim
//! still to allocate, is scheduled as a pod pinned to that node.

use super::plugins::dynamic_resources::claim_index::ClaimIndex;
use super::reservation::reserve;
use crate::api::{pod_claim_name, Pod, ResourceClaim};

/// For each pod in order: the indices of its claims when it is running,
/// None when it is to be scheduled. Running pods are added to their claims'
/// `reservedFor` where they are missing. `by_name` finds claims by name
/// among `claims`.
pub(super) fn pods_already_running(
    pods: &[Pod],
    claims: &mut [ResourceClaim],
    by_name: &mut ClaimIndex,
) -> Vec<Option<Vec<usize>>> {
    pods.iter()
        .map(|pod| {
            let indices = running_claims(pod, claims, by_name)?;
            for &index in &indices {
                reserve(&mut claims[index], pod);
            }
            Some(indices)
        })
        .collect()
}

/// The pod's claims when it is bound to a node and every claim it uses
/// exists and is allocated.
fn running_claims(
    pod: &Pod,
    claims: &[ResourceClaim],
    by_name: &mut ClaimIndex,
) -> Option<Vec<usize>> {
    if !pod.is_bound() {
        return None;
    }
    let namespace = pod.metadata.namespace_or_default();
    let mut indices = Vec::new();
    let extended = pod
        .status
        .as_ref()
        .and_then(|s| s.extended_resource_claim_status.as_ref())
        .map(|s| s.resource_claim_name.clone());
    let names = pod
        .spec
        .resource_claims
        .iter()
        .filter_map(|entry| {
            // No name: the entry needs no claim (or names nothing).
            pod_claim_name(pod, entry)
        })
        .chain(extended);
    for name in names {
        let index = by_name.find(claims, namespace, &name)?;
        claims[index].status.allocation.as_ref()?;
        indices.push(index);
    }
    Some(indices)
}
