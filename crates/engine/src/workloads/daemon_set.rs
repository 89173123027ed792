//! DaemonSet: one pod per node that its pods would fit by their node
//! selector, required node affinity and taints (the NoSchedule and
//! NoExecute ones the pod does not tolerate), as the DaemonSet controller
//! decides (`NodeShouldRunDaemonPod`). Each pod gets the tolerations the
//! controller adds and a required node affinity for its node alone
//! (`ReplaceDaemonSetPodNodeNameNodeAffinity`). A node that has a pod of
//! the DaemonSet in the scenario already gets no other.

use serde_json::Value;

use super::{pod_from_template, Cluster, Owner};
use crate::allocator::{node_matches, NodeSelection, NODE_NAME_FIELD};
use crate::api::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod,
    Toleration, Workload,
};

/// The tolerations the controller adds to every daemon pod (key, effect);
/// `network-unavailable` only to pods on the host network.
const DAEMON_TOLERATIONS: &[(&str, &str)] = &[
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];
const NETWORK_UNAVAILABLE: (&str, &str) = ("node.kubernetes.io/network-unavailable", "NoSchedule");

pub(super) fn pods(daemon_set: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    let owner = Owner::of(daemon_set);
    let mut template = pod_from_template(daemon_set, owner, &daemon_set.metadata.name);
    add_daemon_tolerations(&mut template);
    let present: Vec<&str> = cluster
        .active_pods_of(
            daemon_set.metadata.namespace_or_default(),
            "DaemonSet",
            &daemon_set.metadata.name,
        )
        .iter()
        .map(|p| p.spec.node_name.as_str())
        .collect();
    cluster
        .nodes
        .iter()
        .filter(|node| !present.contains(&node.metadata.name.as_str()))
        .filter(|node| should_run(&template, node))
        .map(|node| {
            let mut pod = template.clone();
            pin_to_node(&mut pod, &node.metadata.name);
            pod
        })
        .collect()
}

/// Whether a DaemonSet pod would fit the node (name, selector, affinity,
/// taints), as the controller checks before making a pod for it.
fn should_run(pod: &Pod, node: &Node) -> bool {
    let spec = &pod.spec;
    if !spec.node_name.is_empty() && spec.node_name != node.metadata.name {
        return false;
    }
    if !spec
        .node_selector
        .iter()
        .all(|(k, v)| node.metadata.labels.get(k) == Some(v))
    {
        return false;
    }
    let required = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| a.required.as_ref());
    if let Some(selector) = required {
        let selection = NodeSelection {
            node_selector: Some(selector),
            ..NodeSelection::default()
        };
        if !node_matches(node, selection).unwrap_or(false) {
            return false;
        }
    }
    node.untolerated_taint(&spec.tolerations).is_none()
}

fn add_daemon_tolerations(pod: &mut Pod) {
    let host_network = pod
        .spec
        .other
        .get("hostNetwork")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let extra = host_network.then_some(NETWORK_UNAVAILABLE);
    for (key, effect) in DAEMON_TOLERATIONS.iter().copied().chain(extra) {
        let present = pod
            .spec
            .tolerations
            .iter()
            .any(|t| t.key == key && t.effect == effect);
        if !present {
            pod.spec.tolerations.push(Toleration {
                key: key.to_owned(),
                operator: "Exists".to_owned(),
                effect: effect.to_owned(),
                ..Toleration::default()
            });
        }
    }
}

/// The required node affinity of a daemon pod: its node, by name.
fn pin_to_node(pod: &mut Pod, node: &str) {
    let selector = NodeSelector {
        node_selector_terms: vec![NodeSelectorTerm {
            match_fields: vec![NodeSelectorRequirement {
                key: NODE_NAME_FIELD.to_owned(),
                operator: "In".to_owned(),
                values: vec![node.to_owned()],
            }],
            ..NodeSelectorTerm::default()
        }],
    };
    let affinity = pod.spec.affinity.get_or_insert_with(Affinity::default);
    let node_affinity = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    node_affinity.required = Some(selector);
}
