//! DynamicResources' PreFilter (the pod's claims, the claim its extended
//! resources need) and what its PostFilter finds when no node fits.

use super::extended::ExtendedResources;
use super::{extended_claim, DraState, PodClaims};
use crate::api::{DeviceClass, Pod, ResourceClaim};
use crate::features::Features;

impl<'c> PodClaims<'c> {
    /// The pod's claims (indices into the run's `claims`, in
    /// `spec.resourceClaims` order) as the plugin sees them.
    pub(crate) fn of(
        features: Features,
        classes: &'c [DeviceClass],
        claims: &[ResourceClaim],
        pod: &Pod,
        mut indices: Vec<usize>,
    ) -> PodClaims<'c> {
        let extended = if features.extended_resource {
            ExtendedResources::for_pod(pod, classes)
        } else {
            None
        };
        // The pod gets a claim for its extended resources, unless one was
        // made for it before (the output of a run read again).
        let mut make_extended_claim = extended.is_some();
        if make_extended_claim {
            if let Some(earlier) = earlier_extended_claim(claims, pod) {
                if !indices.contains(&earlier) {
                    indices.push(earlier);
                }
                make_extended_claim = false;
            }
        }
        let pending = indices
            .iter()
            .copied()
            .filter(|&i| claims[i].status.allocation.is_none())
            .collect();
        let available_on = indices
            .iter()
            .filter_map(|&i| claims[i].status.allocation.as_ref()?.node_selector.clone())
            .collect();
        PodClaims {
            claims: indices,
            pending,
            available_on,
            extended,
            make_extended_claim,
        }
    }

    /// What PostFilter finds: whether the pod has claims, and whether one
    /// of them (allocated, reserved for nobody else) kept it from a node
    /// (`unavailable_seen`) and could be deallocated.
    pub(crate) fn post_filter_state(
        &self,
        claims: &[ResourceClaim],
        pod: &Pod,
        unavailable_seen: bool,
    ) -> DraState {
        if self.is_empty() {
            return DraState::NoClaims;
        }
        let freeable = self.claims.iter().any(|&i| {
            let claim = &claims[i];
            let reserved = &claim.status.reserved_for;
            claim.status.allocation.is_some()
                && (reserved.is_empty()
                    || (reserved.len() == 1 && reserved[0].uid == pod.metadata.uid))
        });
        if unavailable_seen && freeable {
            DraState::Deallocatable
        } else {
            DraState::Claims
        }
    }
}

/// A claim made for this pod's extended resources by an earlier run.
fn earlier_extended_claim(claims: &[ResourceClaim], pod: &Pod) -> Option<usize> {
    let name = extended_claim::claim_name(pod);
    let namespace = pod.metadata.namespace_or_default();
    claims.iter().position(|c| {
        c.metadata.name == name
            && c.metadata.namespace_or_default() == namespace
            && extended_claim::is_extended_resource_claim(c)
    })
}
