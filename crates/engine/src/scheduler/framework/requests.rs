//! What a pod requests (component-helpers' `PodRequests`): regular
//! containers and sidecars add up; each other init container, with the
//! sidecars started before it, only needs to fit at its own time, so the pod
//! needs the larger of the two; pod-level requests (PodLevelResources)
//! replace what the containers add up to for cpu, memory and huge pages;
//! the overhead comes on top.

use std::collections::BTreeMap;

use crate::api::{Container, Pod};
use crate::quantity::Quantity;
use crate::resource_names::is_supported_pod_level_resource;

/// Resource name to quantity.
pub(crate) type ResourceList = BTreeMap<String, Quantity>;

/// The cpu a container without a cpu request counts as when scoring
/// (`DefaultMilliCPURequest`, 100m).
pub(crate) const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;

/// The memory a container without a memory request counts as when scoring
/// (`DefaultMemoryRequest`, 200Mi).
pub(crate) const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// How to add up a pod's requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RequestOptions {
    /// Count a container without a cpu or memory request as requesting the
    /// scoring defaults (`NonMissingContainerRequests`).
    pub non_missing: bool,
}

/// The pod's requests.
pub(crate) fn pod_requests(pod: &Pod, options: RequestOptions) -> ResourceList {
    let mut total = container_requests(pod, options);
    if let Some(pod_level) = &pod.spec.resources {
        for (name, quantity) in &pod_level.requests {
            if is_supported_pod_level_resource(name) {
                total.insert(name.clone(), quantity.clone());
            }
        }
    }
    add(&mut total, &pod.spec.overhead);
    total
}

/// `AggregateContainerRequests`.
fn container_requests(pod: &Pod, options: RequestOptions) -> ResourceList {
    let requests = |c: &Container| -> ResourceList {
        let mut list: ResourceList = c
            .resources
            .as_ref()
            .map(|r| r.requests.clone())
            .unwrap_or_default();
        if options.non_missing {
            list.entry("cpu".into())
                .or_insert_with(|| Quantity::from_milli(DEFAULT_MILLI_CPU_REQUEST));
            list.entry("memory".into())
                .or_insert_with(|| Quantity::from_i64(DEFAULT_MEMORY_REQUEST));
        }
        list
    };
    let mut total = ResourceList::new();
    for container in &pod.spec.containers {
        add(&mut total, &requests(container));
    }
    let mut sidecars = ResourceList::new();
    let mut init_peak = ResourceList::new();
    for container in &pod.spec.init_containers {
        let own = requests(container);
        let during = if container.is_sidecar() {
            add(&mut total, &own);
            add(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut during = own;
            add(&mut during, &sidecars);
            during
        };
        max_into(&mut init_peak, &during);
    }
    max_into(&mut total, &init_peak);
    total
}

fn add(total: &mut ResourceList, other: &ResourceList) {
    for (name, q) in other {
        let sum = match total.get(name) {
            Some(before) => before.checked_add(q).unwrap_or_else(|| before.clone()),
            None => q.clone(),
        };
        total.insert(name.clone(), sum);
    }
}

fn max_into(total: &mut ResourceList, other: &ResourceList) {
    for (name, q) in other {
        if total.get(name).is_none_or(|t| q > t) {
            total.insert(name.clone(), q.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ResourceRequirements;

    fn container(requests: &[(&str, &str)], sidecar: bool) -> Container {
        let mut resources = ResourceRequirements::default();
        for (name, q) in requests {
            resources
                .requests
                .insert((*name).into(), Quantity::parse(q).unwrap());
        }
        Container {
            resources: Some(resources),
            restart_policy: sidecar.then(|| "Always".to_owned()),
            ..Container::default()
        }
    }

    fn value(list: &ResourceList, name: &str) -> i64 {
        list.get(name).map_or(0, Quantity::value)
    }

    #[test]
    fn containers_and_sidecars_add_up_and_init_containers_peak() {
        let mut pod = Pod::default();
        pod.spec.containers = vec![container(&[("example.com/gpu", "1")], false); 2];
        pod.spec.init_containers = vec![
            container(&[("example.com/gpu", "1")], true),
            container(&[("example.com/gpu", "4")], false),
        ];
        // Running: 1 + 1 + the sidecar's 1 = 3; the second init container
        // needs 4 plus the sidecar started before it: 5.
        assert_eq!(
            value(
                &pod_requests(&pod, RequestOptions::default()),
                "example.com/gpu"
            ),
            5
        );
        pod.spec.init_containers[1] = container(&[("example.com/gpu", "1")], false);
        assert_eq!(
            value(
                &pod_requests(&pod, RequestOptions::default()),
                "example.com/gpu"
            ),
            3
        );
    }

    #[test]
    fn pod_level_requests_and_overhead() {
        let mut pod = Pod::default();
        pod.spec.containers = vec![container(&[("cpu", "1"), ("memory", "1Gi")], false)];
        let mut pod_level = ResourceRequirements::default();
        pod_level
            .requests
            .insert("cpu".into(), Quantity::parse("3").unwrap());
        pod.spec.resources = Some(pod_level);
        pod.spec
            .overhead
            .insert("cpu".into(), Quantity::parse("250m").unwrap());
        let requests = pod_requests(&pod, RequestOptions::default());
        assert_eq!(requests["cpu"].milli_value(), 3250);
        assert_eq!(value(&requests, "memory"), 1 << 30);
    }

    #[test]
    fn missing_requests_count_as_the_scoring_defaults() {
        let mut pod = Pod::default();
        pod.spec.containers = vec![container(&[("cpu", "1")], false), Container::default()];
        let requests = pod_requests(&pod, RequestOptions { non_missing: true });
        assert_eq!(requests["cpu"].milli_value(), 1100);
        assert_eq!(value(&requests, "memory"), 2 * DEFAULT_MEMORY_REQUEST);
        // A pod without containers requests nothing.
        let empty = pod_requests(&Pod::default(), RequestOptions { non_missing: true });
        assert!(empty.is_empty());
    }
}
