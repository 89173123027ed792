//! What the scheduler knows about each node (upstream's `NodeInfo`): what it
//! offers, and what the pods placed on it take.

use std::collections::BTreeMap;

use super::requests::{pod_requests, RequestOptions, ResourceList};
use crate::api::{Container, Node, Pod};
use crate::quantity::Quantity;
use crate::resource_names::{is_extended_resource_name, is_huge_page_resource_name};

/// Amounts of resources in the scheduler's units: cpu in thousandths, the
/// rest in whole units (upstream's `framework.Resource`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    /// Extended resources, huge pages and other prefixed native resources.
    pub scalar: BTreeMap<String, i64>,
}

/// `IsScalarResourceName`: what the scheduler counts besides cpu, memory,
/// ephemeral storage and pods.
pub(crate) fn is_scalar_resource_name(name: &str) -> bool {
    is_extended_resource_name(name)
        || is_huge_page_resource_name(name)
        || name.contains("kubernetes.io/")
        || name.starts_with("attachable-volumes-")
}

impl Resources {
    /// `Resource.Add` of a resource list (pods are counted apart).
    pub(crate) fn add(&mut self, list: &ResourceList) {
        for (name, q) in list {
            match name.as_str() {
                "cpu" => self.milli_cpu += q.milli_value(),
                "memory" => self.memory += q.value(),
                "ephemeral-storage" => self.ephemeral_storage += q.value(),
                "pods" => {}
                _ if is_scalar_resource_name(name) => {
                    *self.scalar.entry(name.clone()).or_default() += q.value()
                }
                _ => {}
            }
        }
    }

    /// A pod's request as NodeResourcesFit checks it (`SetMaxResource` on
    /// nothing: negative amounts count as zero).
    pub(crate) fn request_of(list: &ResourceList) -> Resources {
        let mut r = Resources::default();
        for (name, q) in list {
            match name.as_str() {
                "cpu" => r.milli_cpu = r.milli_cpu.max(q.milli_value()),
                "memory" => r.memory = r.memory.max(q.value()),
                "ephemeral-storage" => r.ephemeral_storage = r.ephemeral_storage.max(q.value()),
                _ if is_scalar_resource_name(name) => {
                    let v = r.scalar.entry(name.clone()).or_default();
                    *v = (*v).max(q.value());
                }
                _ => {}
            }
        }
        r
    }

    /// Nothing requested at all.
    pub(crate) fn is_zero(&self) -> bool {
        self.milli_cpu == 0
            && self.memory == 0
            && self.ephemeral_storage == 0
            && self.scalar.is_empty()
    }
}

/// A host port a pod takes: IP (`0.0.0.0` for all), protocol, port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl HostPort {
    /// The host ports of containers (and sidecars), with upstream's
    /// defaults: all IPs, TCP; ports of 0 take nothing.
    pub(crate) fn of_pod(pod: &Pod) -> Vec<HostPort> {
        let sidecars = pod.spec.init_containers.iter().filter(|c| c.is_sidecar());
        pod.spec
            .containers
            .iter()
            .chain(sidecars)
            .flat_map(|c: &Container| &c.ports)
            .filter_map(|p| {
                let port = p.host_port.unwrap_or(0);
                (port > 0).then(|| HostPort {
                    ip: p
                        .host_ip
                        .clone()
                        .filter(|ip| !ip.is_empty())
                        .unwrap_or_else(|| ALL_HOST_IPS.to_owned()),
                    protocol: p
                        .protocol
                        .clone()
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| "TCP".to_owned()),
                    port,
                })
            })
            .collect()
    }

    /// `HostPortInfo.CheckConflict`: the same protocol and port on the same
    /// IP, or on all IPs on either side.
    pub(crate) fn conflicts_with(&self, used: &HostPort) -> bool {
        self.protocol == used.protocol
            && self.port == used.port
            && (self.ip == ALL_HOST_IPS || used.ip == ALL_HOST_IPS || self.ip == used.ip)
    }
}

/// No resources at all.
static NOTHING: Resources = Resources {
    milli_cpu: 0,
    memory: 0,
    ephemeral_storage: 0,
    scalar: BTreeMap::new(),
};

/// The host IP that stands for every IP.
const ALL_HOST_IPS: &str = "0.0.0.0";

/// One node and what is placed on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NodeInfo {
    /// `status.allocatable`; None for a node that does not say (then
    /// NodeResourcesFit does not limit it).
    pub allocatable: Option<Resources>,
    /// `status.allocatable.pods`.
    pub allowed_pods: i64,
    /// What the placed pods request.
    pub requested: Resources,
    /// cpu and memory of the placed pods, containers without a request
    /// counting as the scoring defaults.
    pub non_zero_cpu: i64,
    /// See `non_zero_cpu`.
    pub non_zero_memory: i64,
    /// Pods placed.
    pub pods: usize,
    /// Host ports in use.
    pub used_ports: Vec<HostPort>,
    /// Priorities of the placed pods (for the preemption message).
    pub priorities: Vec<i32>,
}

impl NodeInfo {
    /// A node with nothing placed on it.
    pub(crate) fn of(node: &Node) -> NodeInfo {
        let list = node
            .status
            .as_ref()
            .map(|s| &s.allocatable)
            .filter(|a| !a.is_empty());
        let mut info = NodeInfo::default();
        if let Some(list) = list {
            let mut allocatable = Resources::default();
            allocatable.add(list);
            info.allocatable = Some(allocatable);
            info.allowed_pods = list.get("pods").map_or(0, Quantity::value);
        }
        info
    }

    /// Adds a pod placed on the node (`NodeInfo.AddPod`).
    pub(crate) fn add_pod(&mut self, pod: &Pod) {
        let requests = pod_requests(pod, RequestOptions::default());
        self.requested.add(&requests);
        let non_zero = pod_requests(pod, RequestOptions { non_missing: true });
        self.non_zero_cpu += non_zero.get("cpu").map_or(0, Quantity::milli_value);
        self.non_zero_memory += non_zero.get("memory").map_or(0, Quantity::value);
        self.pods += 1;
        self.used_ports.extend(HostPort::of_pod(pod));
        self.priorities.push(pod.spec.priority.unwrap_or(0));
    }

    /// Allocatable resources (nothing for a node that does not say).
    pub(crate) fn allocatable(&self) -> &Resources {
        self.allocatable.as_ref().unwrap_or(&NOTHING)
    }
}
