//! The pod garbage collector: a pod bound to (or waiting for) a node that
//! no longer exists is deleted. (Upstream waits a short quarantine before
//! deleting such an orphan; the timeline deletes it at once.)

use super::super::cluster::Cluster;
use super::super::{Event, EventKind, PodState};
use super::pod_name;
use crate::api::Object;

/// Deletes the pods whose node is gone.
pub(crate) fn collect(cluster: &mut Cluster) -> Vec<Event> {
    let nodes: Vec<&str> = cluster
        .objects
        .iter()
        .filter_map(|o| match o {
            Object::Node(n) => Some(n.metadata.name.as_str()),
            _ => None,
        })
        .collect();
    // Without Node documents the nodes are those the slices name.
    let slice_nodes: Vec<String> = if !cluster.nodes_written {
        cluster
            .objects
            .iter()
            .filter_map(|o| match o {
                Object::ResourceSlice(s) => s.spec.node_name.clone(),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let exists = |node: &str| nodes.contains(&node) || slice_nodes.iter().any(|n| n == node);
    let orphans: Vec<(usize, String)> = cluster
        .pods
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.state {
            PodState::Bound(node) | PodState::WaitingForBinding(node) if !exists(node) => {
                Some((i, node.clone()))
            }
            _ => None,
        })
        .collect();
    let mut events = Vec::new();
    for (index, node) in orphans.into_iter().rev() {
        let pod = cluster.remove_pod(index);
        events.push(Event {
            at: cluster.now,
            kind: EventKind::PodGarbageCollected,
            object: pod_name(&pod),
            message: format!("deleted: its node {node} is gone"),
        });
    }
    events.reverse();
    events
}
