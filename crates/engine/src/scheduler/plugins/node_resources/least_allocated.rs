//! LeastAllocated (NodeResourcesFit's default strategy): the share of each
//! resource left free, weighted; spreads pods over nodes.

use super::allocation::{weighted_share, Use};
use crate::scheduler::framework::normalize::MAX_NODE_SCORE;
use crate::scheduler_profile::WeightedResource;

/// The node's score, 0-100.
pub(crate) fn score(uses: &[Use], resources: &[WeightedResource]) -> i64 {
    weighted_share(uses, resources, free_share)
}

/// `leastRequestedScore`: 0 when the requests exceed the capacity.
fn free_share(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested) * MAX_NODE_SCORE / capacity
}
