//! The ResourceClaim the scheduler makes for a pod's extended resources that
//! DRA serves on a node, and the pod's `status.extendedResourceClaimStatus`
//! that says which request serves which container.
//!
//! As upstream's DynamicResources plugin builds it: one request per container
//! and resource, named `container-<i>-request-<j>` (`i` counts init
//! containers first, then containers; `j` is the resource's place among the
//! container's requested names, sorted), asking for `count` devices of the
//! serving class (ExactCount). Init containers that run to completion reuse
//! the devices of later long-running containers where they can, and share
//! one request, the largest, for what they need beyond that.
//!
//! Upstream's claim gets `generateName: <pod>-extended-resources-` and a
//! random suffix from the apiserver; here, as for claims from templates, the
//! name is that prefix without the suffix: `<pod>-extended-resources`.

use std::collections::BTreeSet;

use crate::api::{
    Container, ContainerExtendedResourceRequest, DeviceClass, DeviceRequest, ExactDeviceRequest,
    ObjectMeta, Pod, ResourceClaim,
};

/// The annotation that marks the claim made for a pod's extended resources.
pub const EXTENDED_RESOURCE_CLAIM_ANNOTATION: &str =
    "resource.kubernetes.io/extended-resource-claim";

/// The name of the claim for a pod's extended resources.
pub(crate) fn claim_name(pod: &Pod) -> String {
    format!("{}-extended-resources", pod.metadata.name)
}

/// Whether a claim is the one made for a pod's extended resources.
pub fn is_extended_resource_claim(claim: &ResourceClaim) -> bool {
    claim
        .metadata
        .annotations
        .get(EXTENDED_RESOURCE_CLAIM_ANNOTATION)
        .is_some_and(|v| v == "true")
}

/// The claim for the resources DRA serves on a node, in name order with
/// their classes, and the request of each container and resource.
pub(crate) fn build(
    pod: &Pod,
    resources: &[(&str, &DeviceClass)],
) -> (ResourceClaim, Vec<ContainerExtendedResourceRequest>) {
    let containers: Vec<&Container> = pod
        .spec
        .init_containers
        .iter()
        .chain(&pod.spec.containers)
        .collect();
    let inits = pod.spec.init_containers.len();
    let short_lived = |i: usize| i < inits && !containers[i].is_sidecar();
    let mut requests: Vec<DeviceRequest> = Vec::new();
    let mut mappings = Vec::new();
    for &(resource, class) in resources {
        let class = class.metadata.name.as_str();
        // Long-running containers each get their own request.
        let mut long: Vec<Option<DeviceRequest>> = vec![None; containers.len()];
        let mut long_mappings = Vec::new();
        for i in (0..containers.len()).filter(|&i| !short_lived(i)) {
            let (request, found) = container_request(i, containers[i], resource, class, &[]);
            long[i] = request;
            long_mappings.extend(found);
        }
        // Init containers use what long-running containers after them
        // get, then one shared request for the rest: the largest.
        let mut largest: Option<DeviceRequest> = None;
        let mut short_names = BTreeSet::new();
        let mut short_mappings = Vec::new();
        for i in (0..containers.len()).filter(|&i| short_lived(i)) {
            let (request, found) = container_request(i, containers[i], resource, class, &long[i..]);
            short_mappings.extend(found);
            if let Some(request) = request {
                short_names.insert(request.name.clone());
                if largest.as_ref().is_none_or(|l| count(l) < count(&request)) {
                    largest = Some(request);
                }
            }
        }
        if let Some(largest) = &largest {
            if short_names.len() > 1 {
                for m in &mut short_mappings {
                    if short_names.contains(&m.request_name) {
                        m.request_name.clone_from(&largest.name);
                    }
                }
            }
        }
        requests.extend(largest);
        requests.extend(long.into_iter().flatten());
        mappings.extend(long_mappings);
        mappings.extend(short_mappings);
    }
    requests.sort_by(|a, b| a.name.cmp(&b.name));
    let name = claim_name(pod);
    let mut metadata = ObjectMeta {
        generate_name: format!("{name}-"),
        name,
        namespace: pod.metadata.namespace_or_default().to_owned(),
        ..ObjectMeta::default()
    };
    metadata
        .annotations
        .insert(EXTENDED_RESOURCE_CLAIM_ANNOTATION.into(), "true".into());
    metadata
        .owner_references
        .push(pod.metadata.controller_reference("v1", "Pod"));
    let mut claim = ResourceClaim {
        metadata,
        ..ResourceClaim::default()
    };
    claim.spec.devices.requests = requests;
    (claim, mappings)
}

/// The pod as the claim's controlling owner.
fn count(request: &DeviceRequest) -> i64 {
    request.exactly.as_ref().map_or(0, |e| e.count)
}

/// One container's request for one resource, after using what `reusable`
/// requests (of later containers) provide; None when the container asks
/// for none of it, or those cover it.
fn container_request(
    index: usize,
    container: &Container,
    resource: &str,
    class: &str,
    reusable: &[Option<DeviceRequest>],
) -> (Option<DeviceRequest>, Vec<ContainerExtendedResourceRequest>) {
    let mut mappings = Vec::new();
    let Some(requests) = container.resources.as_ref().map(|r| &r.requests) else {
        return (None, mappings);
    };
    let Some(wanted) = requests.get(resource).and_then(|q| q.as_i64()) else {
        return (None, mappings);
    };
    if wanted == 0 {
        return (None, mappings);
    }
    let mapping = |request: &str| ContainerExtendedResourceRequest {
        container_name: container.name.clone(),
        resource_name: resource.to_owned(),
        request_name: request.to_owned(),
    };
    let mut covered = 0;
    for request in reusable.iter().flatten() {
        covered += count(request);
        mappings.push(mapping(&request.name));
        if covered >= wanted {
            return (None, mappings);
        }
    }
    // Requests are a map: the resource's place among its sorted names.
    let place = requests.keys().position(|k| k == resource).unwrap_or(0);
    let name = format!("container-{index}-request-{place}");
    mappings.push(mapping(&name));
    let request = DeviceRequest {
        name,
        exactly: Some(ExactDeviceRequest {
            device_class_name: class.to_owned(),
            allocation_mode: "ExactCount".into(),
            count: wanted - covered,
            ..ExactDeviceRequest::default()
        }),
        ..DeviceRequest::default()
    };
    (Some(request), mappings)
}
