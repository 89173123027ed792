//! MostAllocated: the share of each resource requested, weighted; packs
//! pods onto the fullest nodes (bin packing).

use super::allocation::{weighted_share, Use};
use crate::scheduler::framework::normalize::MAX_NODE_SCORE;
use crate::scheduler_profile::WeightedResource;

/// The node's score, 0-100.
pub(crate) fn score(uses: &[Use], resources: &[WeightedResource]) -> i64 {
    weighted_share(uses, resources, used_share)
}

/// `mostRequestedScore`: requests beyond the capacity (pods without
/// requests count the defaults) count as the capacity.
fn used_share(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 {
        return 0;
    }
    requested.min(capacity) * MAX_NODE_SCORE / capacity
}
