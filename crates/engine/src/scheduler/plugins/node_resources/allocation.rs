//! What the resource scores look at (upstream's `resourceAllocationScorer`):
//! per scored resource, the node's allocatable and what is requested there
//! with and without the pod.

use crate::api::Pod;
use crate::quantity::Quantity;
use crate::scheduler::framework::node_info::{is_scalar_resource_name, NodeInfo};
use crate::scheduler_profile::WeightedResource;

use crate::scheduler::framework::requests::{pod_requests, RequestOptions};

/// One scored resource on one node. A resource the node does not offer
/// (or an extended resource the pod does not request) has all zeros.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Use {
    /// The node's allocatable.
    pub allocatable: i64,
    /// Requested with the pod.
    pub requested: i64,
    /// Requested before the pod.
    pub before: i64,
}

/// The pod's request of each scored resource: cpu in thousandths.
/// `use_requested`: as written (BalancedAllocation); otherwise containers
/// without a cpu or memory request count as requesting the defaults
/// (NodeResourcesFit's strategies).
pub(crate) fn pod_request_list(
    pod: &Pod,
    resources: &[WeightedResource],
    use_requested: bool,
) -> Vec<i64> {
    let list = pod_requests(
        pod,
        RequestOptions {
            non_missing: !use_requested,
        },
    );
    resources
        .iter()
        .map(|r| match (r.name.as_str(), list.get(&r.name)) {
            (_, None) => 0,
            ("cpu", Some(q)) => q.milli_value(),
            (_, Some(q)) => Quantity::value(q),
        })
        .collect()
}

/// `calculateResourceAllocatableRequest` for each resource, written into
/// `uses` (one buffer serves every node scored for a pod).
pub(crate) fn uses(
    node: &NodeInfo,
    resources: &[WeightedResource],
    pod_requests: &[i64],
    use_requested: bool,
    uses: &mut Vec<Use>,
) {
    uses.clear();
    uses.extend(
        resources
            .iter()
            .zip(pod_requests)
            .map(|(r, &pod)| resource_use(node, &r.name, pod, use_requested)),
    );
}

fn resource_use(node: &NodeInfo, name: &str, pod: i64, use_requested: bool) -> Use {
    let allocatable = node.allocatable();
    let (cpu, memory) = if use_requested {
        (node.requested.milli_cpu, node.requested.memory)
    } else {
        (node.non_zero_cpu, node.non_zero_memory)
    };
    let (have, before) = match name {
        "cpu" => (allocatable.milli_cpu, cpu),
        "memory" => (allocatable.memory, memory),
        "ephemeral-storage" => (
            allocatable.ephemeral_storage,
            node.requested.ephemeral_storage,
        ),
        // A scalar resource (never one of the three above) that the pod
        // does not request counts as absent.
        _ if pod == 0 && is_scalar_resource_name(name) => return Use::default(),
        _ => match allocatable.scalar.get(name) {
            Some(&have) => (have, node.requested.scalar.get(name).copied().unwrap_or(0)),
            None => return Use::default(),
        },
    };
    if have == 0 {
        // Skipped by the scorers.
        return Use::default();
    }
    Use {
        allocatable: have,
        requested: before + pod,
        before,
    }
}

/// The weighted average of a share (0-100) of each resource the node
/// offers (LeastAllocated, MostAllocated): `share(requested, allocatable)`.
pub(crate) fn weighted_share(
    uses: &[Use],
    resources: &[WeightedResource],
    share: impl Fn(i64, i64) -> i64,
) -> i64 {
    let mut total = 0;
    let mut weights = 0;
    for (u, r) in uses.iter().zip(resources) {
        if u.allocatable == 0 {
            continue;
        }
        total += share(u.requested, u.allocatable) * r.weight;
        weights += r.weight;
    }
    if weights == 0 {
        0
    } else {
        total / weights
    }
}
