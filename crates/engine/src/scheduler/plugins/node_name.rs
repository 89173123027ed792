//! NodeName: a pod with `spec.nodeName` runs on that node only.

use crate::api::{Node, Pod};
use crate::scheduler::framework::status::Rejection;
use crate::scheduler_profile::PluginName;

/// The reason every other node gives.
pub(crate) const OTHER_NODE: &str = "node(s) didn't match the requested node name";

/// Filter.
pub(crate) fn filter(pod: &Pod, node: &Node) -> Option<Rejection> {
    let wanted = &pod.spec.node_name;
    (!wanted.is_empty() && *wanted != node.metadata.name)
        .then(|| Rejection::unresolvable(PluginName::NodeName, OTHER_NODE))
}
