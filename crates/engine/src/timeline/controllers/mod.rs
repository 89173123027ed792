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

/// `Kind namespace/name` of a pod, as events name it.
pub(super) fn pod_name(pod: &crate::api::Pod) -> String {
    format!("Pod {}", pod.metadata.namespaced_name())
}

/// `Kind namespace/name` of a claim, as events name it.
pub(super) fn claim_name(claim: &crate::api::ResourceClaim) -> String {
    format!("ResourceClaim {}", claim.metadata.namespaced_name())
}
