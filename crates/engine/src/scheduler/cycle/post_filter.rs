//! What the PostFilter plugins add to an unschedulable pod's message, in the
//! profile's order: DynamicResources (whether it could free a claim) and
//! DefaultPreemption (whether evicting lower-priority pods could help).
//!
//! Preemption itself is not simulated: where lower-priority pods run on a
//! node that preemption could help, the message says so instead of
//! evicting them.

use super::fit_error::FitError;
use crate::api::Pod;
use crate::scheduler::framework::status::Code;
use crate::scheduler::plugins::dynamic_resources::DraState;
use crate::scheduler_profile::{PluginName, Profile};

/// A node's verdict, for preemption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NodeVerdict {
    /// How the node rejected the pod.
    pub code: Code,
    /// Pods of lower priority than the pod run on the node.
    pub has_lower_priority_pods: bool,
}

/// The PostFilter message, None when no PostFilter plugin runs.
pub(crate) fn message(
    profile: &Profile,
    pod: &Pod,
    dra: DraState,
    nodes: &[NodeVerdict],
) -> Option<String> {
    let mut reasons: Vec<String> = Vec::new();
    for plugin in &profile.post_filter {
        match plugin {
            PluginName::DynamicResources => match dra {
                // The plugin finds no state and fails; the framework stops.
                DraState::NotRun => return Some("not found".to_owned()),
                DraState::NoClaims => reasons.push("no new claims to deallocate".into()),
                DraState::Deallocatable => {
                    reasons.push("deallocation of ResourceClaim completed".into())
                }
                DraState::Claims => reasons.push("still not schedulable".into()),
            },
            PluginName::DefaultPreemption => reasons.push(preemption(pod, nodes)),
            _ => {}
        }
    }
    (!reasons.is_empty()).then(|| reasons.join(", "))
}

/// DefaultPreemption's words.
fn preemption(pod: &Pod, nodes: &[NodeVerdict]) -> String {
    if pod.spec.preemption_policy.as_deref() == Some("Never") {
        return "preemption: not eligible due to preemptionPolicy=Never.".to_owned();
    }
    let helpful = |n: &&NodeVerdict| n.code == Code::Unschedulable;
    let with_victims = nodes
        .iter()
        .filter(helpful)
        .filter(|n| n.has_lower_priority_pods)
        .count();
    if with_victims > 0 {
        return format!(
            "preemption: not simulated (lower-priority pods on {with_victims} node(s) could be evicted)"
        );
    }
    let node_reasons = nodes
        .iter()
        .map(|n| {
            vec![match n.code {
                Code::Unschedulable => "No preemption victims found for incoming pod",
                Code::UnschedulableAndUnresolvable => "Preemption is not helpful for scheduling",
            }
            .to_owned()]
        })
        .collect();
    let fit = FitError {
        nodes: nodes.len(),
        node_reasons,
        ..FitError::default()
    };
    format!("preemption: {}", fit.message())
}
