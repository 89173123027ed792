//! NodeResourcesFit (filter, and score by its strategy) and
//! NodeResourcesBalancedAllocation (score): cpu, memory, ephemeral storage,
//! pods and extended resources against what nodes allocate.

pub(crate) mod allocation;
mod balanced_allocation;
pub(crate) mod fit;
mod least_allocated;
mod most_allocated;
mod requested_to_capacity_ratio;

use crate::api::Pod;
use crate::features::Release;
use crate::scheduler::framework::node_info::NodeInfo;
use crate::scheduler_profile::{FitArgs, ScoringStrategyType, WeightedResource};
use allocation::Use;

/// NodeResourcesFit's score of one node for a pod (PreScore's request
/// list computed once: `pod_requests`; `uses`: a buffer for the node's
/// resources, reused from node to node).
pub(crate) fn fit_score(
    node: &NodeInfo,
    args: &FitArgs,
    pod_requests: &[i64],
    uses: &mut Vec<Use>,
) -> i64 {
    allocation::uses(node, &args.resources, pod_requests, false, uses);
    match args.strategy {
        ScoringStrategyType::LeastAllocated => least_allocated::score(uses, &args.resources),
        ScoringStrategyType::MostAllocated => most_allocated::score(uses, &args.resources),
        ScoringStrategyType::RequestedToCapacityRatio => {
            requested_to_capacity_ratio::score(uses, &args.resources, &args.shape)
        }
    }
}

/// The pod's requests of NodeResourcesFit's scored resources.
pub(crate) fn fit_requests(pod: &Pod, args: &FitArgs) -> Vec<i64> {
    allocation::pod_request_list(pod, &args.resources, false)
}

/// The pod's requests of the balanced resources; None when it requests
/// none of them (a best-effort pod: PreScore skips the plugin).
pub(crate) fn balanced_requests(pod: &Pod, resources: &[WeightedResource]) -> Option<Vec<i64>> {
    let requests = allocation::pod_request_list(pod, resources, true);
    requests.iter().any(|&r| r != 0).then_some(requests)
}

/// NodeResourcesBalancedAllocation's score of one node (`uses`: as for
/// [`fit_score`]).
pub(crate) fn balanced_score(
    node: &NodeInfo,
    resources: &[WeightedResource],
    pod_requests: &[i64],
    release: Release,
    uses: &mut Vec<Use>,
) -> i64 {
    allocation::uses(node, resources, pod_requests, true, uses);
    balanced_allocation::score(uses, release.balances_by_change())
}
