//! `status.reservedFor`: the scheduler lists every pod that uses a claim
//! there (the DynamicResources plugin's PreBind, once the pod has a node),
//! whether the pod's allocation made the claim or an earlier pod's did. The
//! apiserver refuses the update that would list more than
//! [`RESERVED_FOR_MAX_SIZE`](crate::api::RESERVED_FOR_MAX_SIZE) pods; the
//! plugin does not check beforehand, so a pod that finds a claim full passes
//! every filter and fails at PreBind with the apiserver's error (and is
//! retried later, when pods using the claim have finished).

use crate::api::{Pod, ResourceClaim, ResourceClaimConsumerReference};
use crate::validation::reservation_refused;

/// The pod as a consumer of a claim.
pub(super) fn consumer(pod: &Pod) -> ResourceClaimConsumerReference {
    ResourceClaimConsumerReference {
        api_group: String::new(),
        resource: "pods".into(),
        name: pod.metadata.name.clone(),
        uid: pod.metadata.uid.clone(),
    }
}

/// Whether the claim already lists the pod (upstream compares UIDs; where
/// the pod or the entry has none, as in hand-written scenarios, the pod's name
/// in the claim's namespace identifies it).
pub(super) fn is_reserved_for(claim: &ResourceClaim, pod: &Pod) -> bool {
    let meta = &pod.metadata;
    claim.status.reserved_for.iter().any(|r| {
        if meta.uid.is_empty() || r.uid.is_empty() {
            r.resource == "pods" && r.api_group.is_empty() && r.name == meta.name
        } else {
            r.uid == meta.uid
        }
    })
}

/// Lists the pod in the claim, unless it is already there.
pub(super) fn reserve(claim: &mut ResourceClaim, pod: &Pod) {
    if !is_reserved_for(claim, pod) {
        claim.status.reserved_for.push(consumer(pod));
    }
}

/// Why PreBind fails for the pod: the first of its claims (in the pod's
/// order, as PreBind binds them) that is full, with the error the scheduler
/// reports.
pub(super) fn prebind_failure(claims: &[&ResourceClaim], pod: &Pod) -> Option<String> {
    claims
        .iter()
        .filter(|claim| !is_reserved_for(claim, pod))
        .find_map(|claim| {
            let refused = reservation_refused(claim)?;
            Some(format!(
                "running PreBind plugin \"DynamicResources\": add reservation to claim {}/{}: {refused}",
                claim.metadata.namespace_or_default(),
                claim.metadata.name
            ))
        })
}
