//! Which nodes a pod may land on, before devices are considered.

use crate::allocator::{node_matches, NodeSelection};
use crate::api::{AllocationResult, Node, NodeSelector, Pod};

/// The nodes left for a pod, with the reasons the others were ruled out.
pub(super) struct CandidateNodes<'a> {
    total: usize,
    nodes: Vec<&'a Node>,
    /// Nodes ruled out, with the reason.
    pub(super) ruled_out: Vec<(String, String)>,
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
            let reason = if !pod.spec.node_name.is_empty() && pod.spec.node_name != *name {
                "not the node the pod is pinned to"
            } else if !labels_match(&pod.spec.node_selector, node) {
                "node(s) didn't match Pod's node selector"
            } else if affinity.is_some_and(|selector| !selects(selector, node)) {
                "node(s) didn't match Pod's node affinity"
            } else {
                candidates.nodes.push(node);
                continue;
            };
            candidates.ruled_out.push((name.clone(), reason.to_owned()));
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
                ruled_out.push((
                    node.metadata.name.clone(),
                    format!("resourceclaim {claim_name:?} is allocated for other nodes"),
                ));
            }
            keep
        });
    }

    /// The candidates, in document order.
    pub(super) fn nodes(&self) -> impl Iterator<Item = &'a Node> + '_ {
        self.nodes.iter().copied()
    }

    /// The scheduler's message when no node fits: every node with its
    /// reason, nodes with the same reason together.
    pub(super) fn unschedulable_message(&self, node_failures: &[(String, String)]) -> String {
        if self.total == 0 {
            return "0/0 nodes are available: the scenario has no nodes".to_owned();
        }
        let all = self.ruled_out.iter().chain(node_failures);
        format!(
            "0/{} nodes are available: {}",
            self.total,
            group_by_reason(all)
        )
    }
}

/// `node-1: reason; node-2, node-3: other reason`: nodes in order of first
/// appearance of their reason; more than three nodes with one reason are
/// counted (`5 nodes (node-1, node-2, node-3, ...): reason`).
pub(crate) fn group_by_reason<'r>(
    entries: impl IntoIterator<Item = &'r (String, String)>,
) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (node, reason) in entries {
        match groups.iter_mut().find(|(r, _)| r == reason) {
            Some((_, nodes)) => nodes.push(node),
            None => groups.push((reason, vec![node])),
        }
    }
    groups
        .iter()
        .map(|(reason, nodes)| {
            let names = if nodes.len() > 3 {
                format!("{} nodes ({}, ...)", nodes.len(), nodes[..3].join(", "))
            } else {
                nodes.join(", ")
            };
            format!("{names}: {reason}")
        })
        .collect::<Vec<_>>()
        .join("; ")
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
    fn many_nodes_with_one_reason_are_counted() {
        let entries: Vec<(String, String)> = (0..5)
            .map(|i| (format!("n{i}"), "full".to_owned()))
            .chain([("x".to_owned(), "other".to_owned())])
            .collect();
        assert_eq!(
            group_by_reason(&entries),
            "5 nodes (n0, n1, n2, ...): full; x: other"
        );
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
        let message = candidates.unschedulable_message(&[
            ("c".into(), "cannot allocate all claims".into()),
            ("d".into(), "cannot allocate all claims".into()),
        ]);
        assert!(
            message.starts_with("0/3 nodes are available: a: node(s) didn't match"),
            "{message}"
        );
        assert!(
            message.contains("b: resourceclaim \"claim\" is allocated for other nodes"),
            "{message}"
        );
        assert!(
            message.ends_with("; c, d: cannot allocate all claims"),
            "{message}"
        );

        pod.spec.node_name = "a".into();
        let candidates = CandidateNodes::for_pod(&pod, &nodes);
        assert_eq!(candidates.nodes().count(), 0);
    }
}
