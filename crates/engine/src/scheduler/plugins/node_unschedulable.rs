//! NodeUnschedulable: a node with `spec.unschedulable` (cordoned) takes only
//! pods that tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.

use crate::api::{Node, Pod, Taint};
use crate::scheduler::framework::status::Rejection;
use crate::scheduler_profile::PluginName;

/// The reason a cordoned node gives.
pub(crate) const UNSCHEDULABLE: &str = "node(s) were unschedulable";

/// The taint that stands for `spec.unschedulable`.
const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";

/// Filter.
pub(crate) fn filter(pod: &Pod, node: &Node) -> Option<Rejection> {
    if !node.is_unschedulable() {
        return None;
    }
    let taint = Taint {
        key: UNSCHEDULABLE_TAINT.to_owned(),
        effect: "NoSchedule".to_owned(),
        ..Taint::default()
    };
    if pod.spec.tolerations.iter().any(|t| t.tolerates(&taint)) {
        return None;
    }
    Some(Rejection::unresolvable(
        PluginName::NodeUnschedulable,
        UNSCHEDULABLE,
    ))
}
