//! The controllers around the scheduler, each as upstream's acts: the
//! scheduling queue (`queue`), the resource claim controller
//! (`resource_claim`), the device taint eviction controller
//! (`taint_eviction`, with the taints it sees in `device_taints`), the DynamicResources plugin's wait for binding
//! conditions (`binding`), the pod garbage collector for pods whose node is
//! gone (`pod_gc`), and the workload controllers replacing their pods
//! (`workloads`).

pub(super) mod binding;
mod device_taints;
pub(super) mod pod_gc;
pub(super) mod queue;
pub(super) mod resource_claim;
pub(super) mod taint_eviction;
pub(super) mod workloads;

use super::events::object_name;

/// A pod as events name it.
pub(super) fn pod_name(pod: &crate::api::Pod) -> String {
    object_name("Pod", &pod.metadata.namespaced_name())
}

/// A claim as events name it.
pub(super) fn claim_name(claim: &crate::api::ResourceClaim) -> String {
    object_name("ResourceClaim", &claim.metadata.namespaced_name())
}
