//! What a successful search picked on one node, kept as device positions
//! and request indices: cheap to keep for every feasible node while the
//! scheduler scores them, and turned into the claims' `AllocationResult`s
//! ([`super::Allocator::results`], `result.rs`) only for the node the pod
//! goes to. Shared, not copied: a clone (a memo's replay, a feasible node's
//! copy) counts one more holder of the same picks.

use std::borrow::Cow;
use std::rc::Rc;

use super::inventory::DevicePos;
use super::sums::Amounts;
use crate::api::ResourceClaim;

/// The devices a search picked for each claim, in claim order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub(super) claims: Rc<[FoundClaim]>,
}

/// The devices picked for one claim.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FoundClaim {
    /// In the order they were picked.
    pub picks: Vec<FoundDevice>,
    /// Per request: the subrequest that got picked.
    pub selected: Vec<usize>,
}

/// One device picked for a claim.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FoundDevice {
    /// The request's index in the claim.
    pub request: u32,
    /// The subrequest's index (0 for a request without `firstAvailable`).
    pub sub: u32,
    /// Whether the request is a `firstAvailable` list.
    pub prioritized: bool,
    pub pos: DevicePos,
    pub share_id: Option<String>,
    pub consumed: Amounts,
}

impl Found {
    /// How many claims it holds devices for.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether it holds no claim.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The names of the requests devices were picked for in the claim at
    /// `index` (`request`, or `request/subrequest`), as its result would
    /// name them; `claim` is that claim.
    pub fn request_names<'c>(&self, index: usize, claim: &'c ResourceClaim) -> Vec<Cow<'c, str>> {
        let Some(found) = self.claims.get(index) else {
            return Vec::new();
        };
        let requests = &claim.spec.devices.requests;
        found
            .picks
            .iter()
            .filter_map(|pick| {
                let request = requests.get(pick.request as usize)?;
                if !pick.prioritized {
                    return Some(Cow::Borrowed(request.name.as_str()));
                }
                let sub = request.first_available.get(pick.sub as usize)?;
                Some(Cow::Owned(format!("{}/{}", request.name, sub.name)))
            })
            .collect()
    }
}
