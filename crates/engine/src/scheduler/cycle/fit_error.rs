//! The message of a pod no node can take (upstream's `FitError.Error()`):
//! `0/N nodes are available: ` then either the PreFilter rejection, or each
//! reason of the nodes' rejections counted over the nodes and sorted as
//! text (`1 Insufficient cpu, 2 node(s) had untolerated taint(s).`), then
//! what the PostFilter plugins said.

use std::collections::BTreeMap;

/// When the cluster has no node at all (`ErrNoNodesAvailable`).
pub(crate) const NO_NODES: &str = "no nodes available to schedule pods";

/// What a failed scheduling cycle found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FitError {
    /// Nodes of the cluster.
    pub nodes: usize,
    /// A PreFilter plugin rejected the pod for every node.
    pub pre_filter: Option<String>,
    /// The reasons of each node that was filtered and rejected.
    pub node_reasons: Vec<Vec<String>>,
    /// The reasons given for the nodes PreFilter ruled out (they count once
    /// per node not in `node_reasons`).
    pub absent_reasons: Vec<String>,
    /// The PostFilter plugins' message.
    pub post_filter: Option<String>,
}

/// How the message starts: `0/N nodes are available:`.
pub(crate) fn no_node_available(nodes: usize) -> String {
    format!("0/{nodes} nodes are available:")
}

impl FitError {
    /// The message.
    pub(crate) fn message(&self) -> String {
        let mut message = no_node_available(self.nodes);
        match &self.pre_filter {
            Some(pre_filter) => message.push_str(&format!(" {pre_filter}.")),
            None => {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for reasons in &self.node_reasons {
                    for reason in reasons {
                        *counts.entry(reason).or_default() += 1;
                    }
                }
                let absent = self.nodes.saturating_sub(self.node_reasons.len());
                if absent > 0 {
                    for reason in &self.absent_reasons {
                        *counts.entry(reason).or_default() += absent;
                    }
                }
                let mut histogram: Vec<String> = counts
                    .iter()
                    .map(|(reason, count)| format!("{count} {reason}"))
                    .collect();
                histogram.sort();
                if !histogram.is_empty() {
                    message.push_str(&format!(" {}.", histogram.join(", ")));
                }
            }
        }
        if let Some(post_filter) = &self.post_filter {
            message.push_str(&format!(" {post_filter}"));
        }
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn counts_each_reason_and_sorts_as_text() {
        let e = FitError {
            nodes: 3,
            node_reasons: vec![
                reasons(&["node(s) had untolerated taint(s)"]),
                reasons(&["Insufficient cpu", "Insufficient memory"]),
                reasons(&["Insufficient cpu", "Insufficient memory"]),
            ],
            post_filter: Some("no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".into()),
            ..FitError::default()
        };
        assert_eq!(
            e.message(),
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 2 Insufficient memory. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn pre_filter_and_absent_nodes() {
        let e = FitError {
            nodes: 2,
            pre_filter: Some("pod affinity terms conflict".into()),
            ..FitError::default()
        };
        assert_eq!(
            e.message(),
            "0/2 nodes are available: pod affinity terms conflict."
        );
        let e = FitError {
            nodes: 12,
            node_reasons: vec![reasons(&["Insufficient cpu"])],
            absent_reasons: reasons(&["node(s) didn't satisfy plugin(s) [NodeAffinity]"]),
            ..FitError::default()
        };
        // Sorted as text: "1 I..." before "11 ..." (a space before a digit),
        // but "10 ..." would come before "2 ...".
        assert_eq!(
            e.message(),
            "0/12 nodes are available: 1 Insufficient cpu, 11 node(s) didn't satisfy plugin(s) [NodeAffinity]."
        );
    }
}
