//! NodePorts: a pod's host ports (of its containers and sidecars) must be
//! free on the node: not taken on the same IP, nor on all IPs (`0.0.0.0`)
//! on either side, for the same protocol.

use crate::scheduler::framework::node_info::{HostPort, NodeInfo};
use crate::scheduler::framework::status::Rejection;
use crate::scheduler_profile::PluginName;

/// The reason of a node where a port is taken.
pub(crate) const PORTS_TAKEN: &str = "node(s) didn't have free ports for the requested pod ports";

/// Filter (PreFilter skips it for a pod without host ports).
pub(crate) fn filter(wanted: &[HostPort], node: &NodeInfo) -> Option<Rejection> {
    wanted
        .iter()
        .any(|want| node.used_ports.iter().any(|used| want.conflicts_with(used)))
        .then(|| Rejection::unschedulable(PluginName::NodePorts, PORTS_TAKEN))
}
