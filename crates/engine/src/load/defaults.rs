//! The apiserver's defaulting (pkg/apis/resource/v1/defaults.go and the
//! `+default` markers of the v1 types), applied after conversion.
//!
//! - namespaced objects (ResourceClaim, ResourceClaimTemplate, Pod, the
//!   workloads) without a namespace get `default`, as `kubectl apply` would
//!   put them there;
//! - a request (`exactly`) or subrequest without `allocationMode` gets
//!   `ExactCount`, and with `ExactCount` and no `count` gets `count: 1`; for a
//!   v1beta1 request only when it names a device class, as v1beta1's
//!   defaulting does;
//! - a toleration without `operator` gets `Equal`;
//! - a container (or init container) resource with a limit and no request
//!   gets the limit as its request (core/v1's `SetDefaults_Pod`; also in a
//!   workload's pod template); with pod-level limits (PodLevelResources), a
//!   pod-level resource that no container requests gets its pod-level limit
//!   as the pod-level request;
//! - a node without `status.allocatable` gets its `status.capacity`
//!   (`SetDefaults_NodeStatus`).
//!
//! Not applied: a taint's `timeAdded` (the apiserver sets the current time,
//! which would make runs depend on the clock).

use crate::api::{
    Container, DeviceClaim, DeviceToleration, Object, PodSpec, ResourceClaimStatus,
    DEFAULT_NAMESPACE,
};
use crate::quantity::Quantity;
use crate::resource_names::is_supported_pod_level_resource;

const EXACT_COUNT: &str = "ExactCount";

/// Applies the apiserver's defaults to an object read as `api_version`.
pub fn apply_defaults(object: &mut Object, api_version: &str) {
    let v1beta1 = api_version.ends_with("/v1beta1");
    match object {
        Object::ResourceClaim(c) => {
            default_namespace(&mut c.metadata.namespace);
            default_claim(&mut c.spec.devices, v1beta1);
            default_status(&mut c.status);
        }
        Object::ResourceClaimTemplate(t) => {
            default_namespace(&mut t.metadata.namespace);
            default_claim(&mut t.spec.spec.devices, v1beta1);
        }
        Object::Pod(p) => {
            default_namespace(&mut p.metadata.namespace);
            default_pod_spec(&mut p.spec);
        }
        Object::Workload(w) => {
            default_namespace(&mut w.metadata.namespace);
            default_pod_spec(&mut w.spec.template.spec);
        }
        Object::Node(n) => {
            if let Some(status) = &mut n.status {
                if status.allocatable.is_empty() {
                    status.allocatable = status.capacity.clone();
                }
            }
        }
        Object::DeviceClass(_)
        | Object::ResourceSlice(_)
        | Object::DeviceTaintRule(_)
        | Object::Namespace(_)
        | Object::KubeSchedulerConfiguration(_)
        | Object::Scenario(_) => {}
    }
}

/// A pod's (or a template's) requests: containers' default to their
/// limits, then the pod-level ones to the pod-level limits.
fn default_pod_spec(spec: &mut PodSpec) {
    spec.init_containers
        .iter_mut()
        .chain(spec.containers.iter_mut())
        .for_each(default_requests);
    default_pod_requests(spec);
}

/// Requests default to limits, resource by resource.
fn default_requests(container: &mut Container) {
    if let Some(resources) = &mut container.resources {
        for (name, limit) in &resources.limits {
            resources
                .requests
                .entry(name.clone())
                .or_insert_with(|| limit.clone());
        }
    }
}

/// Pod-level requests default to pod-level limits for the resources no
/// container requests (where containers do, the pod-level request defaults
/// to their sum, which is what the scheduler counts anyway).
fn default_pod_requests(spec: &mut PodSpec) {
    let Some(resources) = &spec.resources else {
        return;
    };
    let requested_by_containers = |name: &str| {
        spec.init_containers
            .iter()
            .chain(&spec.containers)
            .any(|c| c.request(name).is_some())
    };
    let defaults: Vec<(String, Quantity)> = resources
        .limits
        .iter()
        .filter(|(name, _)| {
            is_supported_pod_level_resource(name)
                && !resources.requests.contains_key(*name)
                && !requested_by_containers(name)
        })
        .map(|(name, q)| (name.clone(), q.clone()))
        .collect();
    if let Some(resources) = &mut spec.resources {
        resources.requests.extend(defaults);
    }
}

fn default_namespace(namespace: &mut String) {
    if namespace.is_empty() {
        *namespace = DEFAULT_NAMESPACE.to_string();
    }
}

fn default_mode(mode: &mut String, count: &mut i64) {
    if mode.is_empty() {
        *mode = EXACT_COUNT.to_string();
    }
    if mode == EXACT_COUNT && *count == 0 {
        *count = 1;
    }
}

fn default_tolerations(tolerations: &mut [DeviceToleration]) {
    for t in tolerations {
        if t.operator.is_empty() {
            t.operator = "Equal".to_string();
        }
    }
}

fn default_claim(claim: &mut DeviceClaim, v1beta1: bool) {
    for request in &mut claim.requests {
        if let Some(exact) = &mut request.exactly {
            if !v1beta1 || !exact.device_class_name.is_empty() {
                default_mode(&mut exact.allocation_mode, &mut exact.count);
            }
            default_tolerations(&mut exact.tolerations);
        }
        for sub in &mut request.first_available {
            default_mode(&mut sub.allocation_mode, &mut sub.count);
            default_tolerations(&mut sub.tolerations);
        }
    }
}

fn default_status(status: &mut ResourceClaimStatus) {
    if let Some(allocation) = &mut status.allocation {
        for result in &mut allocation.devices.results {
            default_tolerations(&mut result.tolerations);
        }
    }
}
