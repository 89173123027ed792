//! TaintToleration: a node's `NoSchedule` and `NoExecute` taints keep off the
//! pods that do not tolerate them (filter); each `PreferNoSchedule` taint a
//! pod does not tolerate makes the node less attractive (score, reversed
//! when normalized: the fewest such taints scores 100).

use crate::api::{Node, Pod, Toleration};
use crate::scheduler::framework::normalize::default_normalize;
use crate::scheduler::framework::status::Rejection;
use crate::scheduler_profile::PluginName;

/// The reason a node with an untolerated taint gives (the taint itself is
/// not named: Kubernetes stopped naming it, as taints can be sensitive).
pub(crate) const UNTOLERATED: &str = "node(s) had untolerated taint(s)";

/// Filter: a `NoSchedule` or `NoExecute` taint no toleration tolerates
/// rejects the node.
pub(crate) fn filter(pod: &Pod, node: &Node) -> Option<Rejection> {
    node.untolerated_taint(&pod.spec.tolerations)
        .map(|_| Rejection::unresolvable(PluginName::TaintToleration, UNTOLERATED))
}

/// PreScore: the pod's tolerations with effect `PreferNoSchedule` (or
/// none), the ones Score looks at.
pub(crate) fn score_tolerations(pod: &Pod) -> Vec<&Toleration> {
    pod.spec
        .tolerations
        .iter()
        .filter(|t| t.effect.is_empty() || t.effect == "PreferNoSchedule")
        .collect()
}

/// Score: the `PreferNoSchedule` taints that none of `tolerations` (the
/// pod's [`score_tolerations`]) tolerates.
pub(crate) fn score(tolerations: &[&Toleration], node: &Node) -> i64 {
    node.taints()
        .iter()
        .filter(|t| t.effect == "PreferNoSchedule" && !tolerations.iter().any(|x| x.tolerates(t)))
        .count() as i64
}

/// NormalizeScore: fewer untolerated taints score higher.
pub(crate) fn normalize(scores: &mut [i64]) {
    default_normalize(scores, true);
}
