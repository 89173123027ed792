//! A node's verdict and a pod's outcome, in words, and lists of names cut
//! short.

use std::collections::HashMap;

use super::model::{ClaimState, NodeExplanation};
use crate::scheduler::no_node_available;
use crate::scheduler::report::{NodeOutcome, SchedulingCycle};

/// Names shown per list (by [`name_list`], and by the web app's linked lists).
pub const NAMES_SHOWN: usize = 4;

/// Up to four of the `names` of a list of `total`, with `…` when some are left out.
pub fn name_list(names: &[String], total: usize) -> String {
    let mut text = names
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if total > NAMES_SHOWN.min(names.len()) {
        text.push_str(", …");
    }
    text
}

/// How the chosen node won, in a few words.
fn how_chosen(cycle: Option<&SchedulingCycle>, node: &str) -> String {
    let Some(cycle) = cycle else {
        return "the first node where all claims fit".to_owned();
    };
    if !cycle.scoring {
        return "the first node where all claims fit".to_owned();
    }
    let feasible = cycle.rows.iter().filter(|r| r.total.is_some()).count();
    let total = cycle
        .rows
        .iter()
        .find(|r| r.node == node)
        .and_then(|r| r.total);
    match (total, cycle.tied.len()) {
        (None, _) => "the only feasible node".to_owned(),
        (Some(total), n) if n > 1 => {
            let others: Vec<&str> = cycle
                .tied
                .iter()
                .map(String::as_str)
                .filter(|t| *t != node)
                .collect();
            let named = if others.len() > NAMES_SHOWN {
                format!("{} other nodes", others.len())
            } else {
                others.join(", ")
            };
            format!("tied with {named} for the highest total score ({total}), and written first")
        }
        (Some(total), _) => {
            format!("the highest total score ({total} of {feasible} feasible nodes)")
        }
    }
}

/// A node's verdict (machine word) and summary.
pub(super) fn node_words(
    outcome: &NodeOutcome,
    node: &str,
    picked: &HashMap<(String, String), Vec<String>>,
    cycle: Option<&SchedulingCycle>,
) -> (&'static str, String) {
    match outcome {
        NodeOutcome::Chosen => {
            let mut got: Vec<String> = picked
                .iter()
                .map(|((claim, request), devices)| {
                    format!("claim {claim} request {request}: {}", devices.join(", "))
                })
                .collect();
            got.sort();
            let how = how_chosen(cycle, node);
            let summary = if got.is_empty() {
                format!("chosen: {how} (no devices to allocate)")
            } else {
                format!("chosen: {how} ({})", got.join("; "))
            };
            ("chosen", summary)
        }
        NodeOutcome::Feasible => {
            let total = cycle
                .and_then(|c| c.rows.iter().find(|r| r.node == node))
                .and_then(|r| r.total);
            let tied = cycle.is_some_and(|c| c.tied.iter().any(|t| t == node));
            let summary = match total {
                Some(total) if tied => {
                    format!("total score {total}, tied with the chosen node (written first)")
                }
                Some(total) => format!("total score {total}, lower than the chosen node's"),
                None => "every filter passed".to_owned(),
            };
            ("feasible", summary)
        }
        NodeOutcome::RuledOut(reason) => ("ruledOut", reason.clone()),
        NodeOutcome::NoAllocation(summary) => ("noAllocation", summary.clone()),
        NodeOutcome::NodeError(message) => ("nodeError", message.clone()),
        NodeOutcome::Fatal(message) => ("error", message.clone()),
        NodeOutcome::Stopped(message) => ("stopped", message.clone()),
    }
}

/// A scheduled pod's outcome in one sentence.
pub(super) fn pod_summary(node: &str, nodes: &[NodeExplanation], claims: &[ClaimState]) -> String {
    let got: Vec<String> = claims
        .iter()
        .filter(|c| c.state == "allocated")
        .map(|c| {
            let devices: Vec<&str> = c
                .devices
                .iter()
                .map(|d| d.split_once(": ").map_or(d.as_str(), |(_, d)| d))
                .collect();
            format!("claim {} got {}", c.claim, devices.join(", "))
        })
        .collect();
    let before: Vec<(String, String)> = nodes
        .iter()
        .take_while(|n| n.node != node)
        .filter(|n| n.verdict != "notTried" && n.verdict != "feasible")
        .map(|n| (n.node.clone(), n.summary.clone()))
        .collect();
    let mut sentence = format!("scheduled on {node}");
    if !got.is_empty() {
        sentence.push_str(&format!(": {}", got.join("; ")));
    }
    match before.as_slice() {
        [] => {}
        [_, _, _, _, ..] => sentence.push_str(&format!(
            " ({} earlier nodes could not take it; the first, {}: {})",
            before.len(),
            before[0].0,
            before[0].1
        )),
        _ => sentence.push_str(&format!(" (earlier nodes: {})", group_by_reason(&before))),
    }
    sentence
}

/// An unschedulable pod's outcome in one sentence: each node's reason,
/// nodes with one reason together, after the count of nodes the scheduler's
/// `message` starts with. Where no node was filtered, or the scheduling
/// stopped on an error, the message itself.
pub(super) fn unschedulable_summary(
    message: &str,
    nodes: &[NodeExplanation],
    all_nodes: usize,
) -> String {
    let reasons: Vec<(String, String)> = nodes
        .iter()
        .filter(|n| n.verdict != "notTried")
        .map(|n| (n.node.clone(), n.summary.clone()))
        .collect();
    let stopped = nodes
        .iter()
        .any(|n| n.verdict == "error" || n.verdict == "stopped");
    if reasons.is_empty() || stopped {
        return message.to_owned();
    }
    format!(
        "{} {}",
        no_node_available(all_nodes),
        group_by_reason(&reasons)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
