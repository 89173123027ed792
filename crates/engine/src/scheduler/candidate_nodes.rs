//! Which nodes a pod may land on, before devices are considered.

use crate::allocator::{node_matches, NodeSelection};
use crate::api::{AllocationResult, Node, NodeSelector, Pod};

/// The nodes left for a pod, with the reasons the others were ruled out.
pub(super) struct CandidateNodes<'a> {
    total: usize,
    nodes: Vec<&'a Node>,
    ruled_out: Vec<String>,
}

impl<'a> CandidateNodes<'a> {
    /// Nodes that match the pod's `nodeName`, `nodeSelector` and required
    /// node affinity, in document order.
    pub(super) fn for_pod(pod: &Pod, all: &'a [Node]) -> Self {
        let mut candidates = CandidateNodes {
            total: all.len(),
            nodes: Vec::new(),
            ruled_out: Vec::new(),
        };
        let affinity = pod
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|a| a.required.as_ref());
        for node in all {
            let name = &node.metadata.name;
            if !pod.spec.node_name.is_empty() && pod.spec.node_name != *name {
                candidates
                    .ruled_out
                    .push(format!("{name}: not the node the pod is pinned to"));
            } else if !labels_match(&pod.spec.node_selector, node) {
                candidates
                    .ruled_out
                    .push(format!("{name}: node(s) didn't match Pod's node selector"));
            } else if affinity.is_some_and(|selector| !selects(selector, node)) {
                candidates
                    .ruled_out
                    .push(format!("{name}: node(s) didn't match Pod's node affinity"));
            } else {
                candidates.nodes.push(node);
            }
        }
        candidates
    }

    /// Keeps only the nodes where an already-allocated claim can be used.
    pub(super) fn restrict_to(&mut self, claim_name: &str, allocation: &AllocationResult) {
        let Some(selector) = &allocation.node_selector else {
            return;
        };
        let ruled_out = &mut self.ruled_out;
        self.nodes.retain(|node| {
            let keep = selects(selector, node);
            if !keep {
                ruled_out.push(format!(
                    "{}: resourceclaim {claim_name:?} is allocated for other nodes",
                    node.metadata.name
                ));
            }
            keep
        });
    }

    /// The candidates, in document order.
    pub(super) fn nodes(&self) -> impl Iterator<Item = &'a Node> + '_ {
        self.nodes.iter().copied()
    }

    /// The scheduler's message when no node fits: every node with its reason.
    pub(super) fn unschedulable_message(&self, node_failures: &[(String, String)]) -> String {
        let reasons: Vec<String> = self
            .ruled_out
            .iter()
            .cloned()
            .chain(
                node_failures
                    .iter()
                    .map(|(node, reason)| format!("{node}: {reason}")),
            )
            .collect();
        if self.total == 0 {
            return "0/0 nodes are available: the scenario has no nodes".to_owned();
        }
        format!(
            "0/{} nodes are available: {}",
            self.total,
            reasons.join("; ")
        )
    }
}

/// Whether a node selector selects a node; a selector that does not parse
/// selects nothing.
fn selects(selector: &NodeSelector, node: &Node) -> bool {
    let selection = NodeSelection {
        node_selector: Some(selector),
        ..NodeSelection::default()
    };
    node_matches(node, selection).unwrap_or(false)
}

/// `spec.nodeSelector`: every label must be present with that value.
fn labels_match(selector: &std::collections::BTreeMap<String, String>, node: &Node) -> bool {
    selector
        .iter()
        .all(|(key, value)| node.metadata.labels.get(key) == Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta};

    /// A node selector that matches exactly one node by name.
    fn by_name(name: &str) -> NodeSelector {
        NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_fields: vec![NodeSelectorRequirement {
                    key: "metadata.name".into(),
                    operator: "In".into(),
                    values: vec![name.into()],
                }],
                ..NodeSelectorTerm::default()
            }],
        }
    }

    fn node(name: &str, labels: &[(&str, &str)]) -> Node {
        Node {
            metadata: ObjectMeta {
                name: name.into(),
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..ObjectMeta::default()
            },
            ..Node::default()
        }
    }

    #[test]
    fn filters_by_pin_selector_and_allocated_claims() {
        let nodes = vec![
            node("a", &[("zone", "x")]),
            node("b", &[("zone", "y")]),
            node("c", &[("zone", "y")]),
        ];
        let mut pod = Pod::default();
        pod.spec.node_selector.insert("zone".into(), "y".into());
        let mut candidates = CandidateNodes::for_pod(&pod, &nodes);
        let names: Vec<&str> = candidates
            .nodes()
            .map(|n| n.metadata.name.as_str())
            .collect();
        assert_eq!(names, ["b", "c"]);

        let allocation = AllocationResult {
            node_selector: Some(by_name("c")),
            ..AllocationResult::default()
        };
        candidates.restrict_to("claim", &allocation);
        let names: Vec<&str> = candidates
            .nodes()
            .map(|n| n.metadata.name.as_str())
            .collect();
        assert_eq!(names, ["c"]);
        let message =
            candidates.unschedulable_message(&[("c".into(), "cannot allocate all claims".into())]);
        assert!(
            message.starts_with("0/3 nodes are available: a: node(s) didn't match"),
            "{message}"
        );
        assert!(
            message.contains("b: resourceclaim \"claim\" is allocated for other nodes"),
            "{message}"
        );

        pod.spec.node_name = "a".into();
        let candidates = CandidateNodes::for_pod(&pod, &nodes);
        assert_eq!(candidates.nodes().count(), 0);
    }
}
