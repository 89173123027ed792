//! DynamicResources: a pod's ResourceClaims. PreFilter resolves the claims
//! (and the claim for extended resources that DRA serves); Filter checks, per
//! node, that allocated claims are available there and that the structured
//! allocator can allocate the others there (the framework calls the
//! allocator); Score (Kubernetes 1.35 and later, with DRAPrioritizedList)
//! favors nodes where the pod gets earlier alternatives of `firstAvailable`
//! requests.

pub(crate) mod claim_index;
pub(crate) mod claims;
pub(crate) mod extended;
pub(crate) mod extended_claim;
mod filter;
mod pre_filter;

use std::borrow::Cow;
use std::collections::HashSet;

use crate::api::{AllocationResult, Node, NodeSelector, Pod, ResourceClaim};
use crate::scheduler::framework::normalize::default_normalize;
use crate::scheduler::framework::status::Rejection;
use crate::scheduler::framework::verdict::ExtendedClaim;
use crate::scheduler_profile::PluginName;
use extended::{ExtendedResources, NodeFit};

/// The reason when the allocator finds no allocation on a node.
pub(crate) const CANNOT_ALLOCATE: &str = "cannot allocate all claims";

/// The reason when an allocated claim cannot be used on a node.
pub(crate) const NOT_AVAILABLE: &str = "resourceclaim not available on the node";

/// The reason when a node can serve an extended resource neither from its
/// allocatable nor through a class.
pub(crate) const CANNOT_FIT_RESOURCE: &str = "cannot fit resource";

/// Most subrequests a `firstAvailable` request may list
/// (`FirstAvailableDeviceRequestMaxSize`): the first one scores this much.
const FIRST_AVAILABLE_MAX_SIZE: i64 = 8;

/// What DynamicResources knew about the pod when the cycle failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DraState {
    /// Its PreFilter did not run (an earlier PreFilter rejected the pod).
    NotRun,
    /// The pod has no claims.
    NoClaims,
    /// The pod has claims; some allocated claim, reserved for nobody else,
    /// is not available on a node (DynamicResources would deallocate it).
    Deallocatable,
    /// The pod has claims, none of which it could free.
    Claims,
}

/// What the allocator is asked on a node: the pod's pending claims plus,
/// where DRA serves extended resources there, the node's claim for them.
#[derive(Debug)]
pub(crate) struct NodeRequest {
    /// The claim for the node's extended resources, if any (boxed: a
    /// request is made and moved for every node filtered).
    pub extended_claim: Option<Box<ExtendedClaim>>,
}

/// The pod as DynamicResources sees it after PreFilter.
#[derive(Debug)]
pub(crate) struct PodClaims<'c> {
    /// Its claims' indices among the run's claims, in `spec.resourceClaims`
    /// order (and the extended-resources claim of an earlier run, last).
    pub claims: Vec<usize>,
    /// The claims still to allocate.
    pub pending: Vec<usize>,
    /// Node selectors of the allocated claims.
    pub available_on: Vec<NodeSelector>,
    /// Extended resources a class serves.
    pub extended: Option<ExtendedResources<'c>>,
    /// A claim for them is made on the chosen node (none exists yet).
    pub make_extended_claim: bool,
}

impl PodClaims<'_> {
    /// Nothing for the plugin to do (PreFilter's Skip).
    pub(crate) fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.extended.is_none()
    }

    /// Filter, before the allocator: the node's claim for extended
    /// resources, or why the node cannot serve them; None when there is
    /// nothing to allocate on this node.
    pub(crate) fn prepare(&self, pod: &Pod, node: &Node) -> Result<Option<NodeRequest>, Rejection> {
        let mut extended_claim = None;
        if let Some(extended) = &self.extended {
            match extended.on_node(node) {
                NodeFit::CannotFit => {
                    return Err(Rejection::unresolvable(
                        PluginName::DynamicResources,
                        CANNOT_FIT_RESOURCE,
                    ))
                }
                NodeFit::Fits(dra) if self.make_extended_claim && !dra.is_empty() => {
                    extended_claim = Some(Box::new(extended_claim::build(pod, &dra)));
                }
                NodeFit::Fits(_) => {}
            }
        }
        if self.pending.is_empty() && extended_claim.is_none() {
            return Ok(None);
        }
        Ok(Some(NodeRequest { extended_claim }))
    }

    /// Whether every allocated claim can be used on the node.
    pub(crate) fn available(&self, node: &Node) -> bool {
        self.available_on.iter().all(|selector| {
            crate::allocator::selector_matches(selector, &node.metadata.name, &node.metadata.labels)
                .unwrap_or(false)
        })
    }
}

/// The rejection when the allocator found no allocation.
pub(crate) fn cannot_allocate() -> Rejection {
    Rejection::unresolvable(PluginName::DynamicResources, CANNOT_ALLOCATE)
}

/// The rejection when an allocated claim cannot be used on the node.
pub(crate) fn not_available() -> Rejection {
    Rejection::unresolvable(PluginName::DynamicResources, NOT_AVAILABLE)
}

/// Score: for every claim of the pod (given with the names of the
/// requests its devices were picked for: an allocated claim's by its
/// allocation, the others' by what the allocator found on the node), each
/// `firstAvailable` alternative that got devices scores 8 minus its place
/// (the first 8, the second 7, ...).
pub(crate) fn score<'c>(
    claims: impl Iterator<Item = (&'c ResourceClaim, Vec<Cow<'c, str>>)>,
) -> i64 {
    let mut score = 0;
    for (claim, requests) in claims {
        let picked: HashSet<&str> = requests
            .iter()
            .map(|r| r.as_ref())
            .filter(|r| r.contains('/'))
            .collect();
        if picked.is_empty() {
            continue;
        }
        for request in &claim.spec.devices.requests {
            if request.exactly.is_some() {
                continue;
            }
            for (i, sub) in request.first_available.iter().enumerate() {
                if picked.contains(format!("{}/{}", request.name, sub.name).as_str()) {
                    score += FIRST_AVAILABLE_MAX_SIZE - i as i64;
                }
            }
        }
    }
    score
}

/// Whether a claim has a request with `firstAvailable` alternatives (the
/// only ones Score counts).
pub(crate) fn has_alternatives(claim: &ResourceClaim) -> bool {
    claim
        .spec
        .devices
        .requests
        .iter()
        .any(|request| request.exactly.is_none() && !request.first_available.is_empty())
}

/// The names of the requests an allocation's devices were picked for.
pub(crate) fn result_requests(allocation: &AllocationResult) -> Vec<Cow<'_, str>> {
    allocation
        .devices
        .results
        .iter()
        .map(|r| Cow::Borrowed(r.request.as_str()))
        .collect()
}

/// NormalizeScore.
pub(crate) fn normalize(scores: &mut [i64]) {
    default_normalize(scores, false);
}
