//! Reserve and PreBind of the chosen node: its allocation is written into
//! the pod's pending claims, whose devices are in use for the pods after
//! it, and every claim of the pod lists it in `status.reservedFor`.

use super::{Context, State};
use crate::allocator::AllocationError;
use crate::api::{Node, Pod, PodExtendedResourceClaimStatus, ResourceClaim};
use crate::scheduler::framework::verdict::NodeAllocation;
use crate::scheduler::plugins::dynamic_resources::PodClaims;
use crate::scheduler::reservation::reserve;

/// Commits the chosen node's allocation of the pod's pending claims
/// (`dra.pending`, indices into `state.claims`) and reserves all its claims
/// (`dra.claims`). A claim made for the pod's extended resources (its
/// result comes last) joins the run's claims; its index and the pod's
/// `extendedResourceClaimStatus` are returned.
/// The allocation's results are made here, from what the allocator found
/// on the chosen node (an error there leaves everything as it was).
pub(super) fn commit(
    ctx: &Context<'_>,
    state: &mut State,
    pod: &Pod,
    dra: &PodClaims<'_>,
    (node, allocation): (&Node, Option<NodeAllocation>),
) -> Result<Option<(usize, PodExtendedResourceClaimStatus)>, AllocationError> {
    let allocation = allocation.unwrap_or_default();
    let results = if allocation.found.is_empty() {
        Vec::new()
    } else {
        let claims: Vec<&ResourceClaim> = dra
            .pending
            .iter()
            .map(|&i| &state.claims[i])
            .chain(
                allocation
                    .extended_claim
                    .as_ref()
                    .map(|extended| &extended.0),
            )
            .collect();
        let allocator = ctx.allocator(&state.allocated);
        allocator.results(node, &claims, &allocation.found)?
    };
    let made = allocation.extended_claim.map(|extended| {
        let (claim, mappings) = *extended;
        state.claims.push(claim);
        (state.claims.len() - 1, mappings)
    });
    let allocated = dra
        .pending
        .iter()
        .copied()
        .chain(made.as_ref().map(|(i, _)| *i));
    for (index, result) in allocated.zip(results) {
        state
            .allocated
            .add_allocation(ctx.inventory, ctx.features.consumable_capacity, &result);
        state.claims[index].status.allocation = Some(result);
    }
    for &index in dra.claims.iter().chain(made.as_ref().map(|(i, _)| i)) {
        reserve(&mut state.claims[index], pod);
    }
    Ok(made.map(|(index, request_mappings)| {
        let status = PodExtendedResourceClaimStatus {
            request_mappings,
            resource_claim_name: state.claims[index].metadata.name.clone(),
        };
        (index, status)
    }))
}
