//! Reserve and PreBind of the chosen node: its allocation is written into
//! the pod's claims, which reserve it, and their devices are in use for the
//! pods after it.

use super::filter::NodeAllocation;
use super::{Context, State};
use crate::api::{Pod, PodExtendedResourceClaimStatus, ResourceClaimConsumerReference};

/// Commits the chosen node's allocation of the `pending` claims (indices
/// into `state.claims`). A claim made for the pod's extended resources (its
/// result comes last) joins the run's claims; its index and the pod's
/// `extendedResourceClaimStatus` are returned.
pub(super) fn commit(
    ctx: &Context<'_>,
    state: &mut State,
    pod: &Pod,
    pending: &[usize],
    allocation: NodeAllocation,
) -> Option<(usize, PodExtendedResourceClaimStatus)> {
    let made = allocation.extended_claim.map(|(claim, mappings)| {
        state.claims.push(claim);
        (state.claims.len() - 1, mappings)
    });
    let reference = ResourceClaimConsumerReference {
        api_group: String::new(),
        resource: "pods".into(),
        name: pod.metadata.name.clone(),
        uid: pod.metadata.uid.clone(),
    };
    let indices = pending
        .iter()
        .copied()
        .chain(made.as_ref().map(|(i, _)| *i));
    for (index, result) in indices.zip(allocation.results) {
        state
            .allocated
            .add_allocation(ctx.inventory, ctx.features.consumable_capacity, &result);
        let claim = &mut state.claims[index];
        claim.status.allocation = Some(result);
        claim.status.reserved_for.push(reference.clone());
    }
    made.map(|(index, request_mappings)| {
        let status = PodExtendedResourceClaimStatus {
            request_mappings,
            resource_claim_name: state.claims[index].metadata.name.clone(),
        };
        (index, status)
    })
}
