//! The scheduling queue: the pods that wait are tried in upstream's
//! order (PrioritySort: higher `spec.priority` first, then the earlier
//! time into the queue; a pod that fails goes back with the time of that
//! failure), each through the scheduler's cycle on the cluster as it is,
//! the pods bound or waiting for binding holding their devices and their
//! share of their nodes. Every pod that waits is tried at each moment
//! (upstream tries it when an event may have made it schedulable; a
//! retry that cannot succeed changes nothing but its time in the queue).

use super::super::cluster::{shown, Cluster};
use super::super::{Event, EventKind, PodState};
use super::binding::has_binding_conditions;
use super::pod_name;
use crate::api::Object;
use crate::scheduler::Placement;

/// Tries every pending pod once, in the queue's order.
pub(crate) fn schedule(cluster: &mut Cluster) -> Vec<Event> {
    let queue = cluster.queue();
    if queue.is_empty() {
        return Vec::new();
    }
    let mut objects: Vec<Object> = cluster.objects.clone();
    objects.extend(cluster.claims.iter().cloned().map(Object::ResourceClaim));
    for record in &cluster.pods {
        let held = match &record.state {
            PodState::Bound(node) | PodState::WaitingForBinding(node) => node,
            PodState::Pending(_) => continue,
        };
        let mut as_bound = record.clone();
        as_bound.state = PodState::Bound(held.clone());
        objects.push(Object::Pod(shown(&as_bound)));
    }
    for &index in &queue {
        let mut pod = cluster.pods[index].pod.clone();
        if let Some(status) = pod.status.as_mut() {
            status.conditions.retain(|c| c.type_ != "PodScheduled");
        }
        objects.push(Object::Pod(pod));
    }
    let result = crate::scheduler::run_with(objects, cluster.features, &cluster.options, None);
    cluster.claims = result.claims;
    let mut events = Vec::new();
    for outcome in result.pods {
        let namespace = outcome.pod.metadata.namespace_or_default().to_owned();
        let Some(index) = cluster.pod_index(&namespace, &outcome.pod.metadata.name) else {
            continue;
        };
        if !queue.contains(&index) {
            continue;
        }
        let mut pod = outcome.pod;
        if let Some(status) = pod.status.as_mut() {
            status.conditions.retain(|c| c.type_ != "PodScheduled");
        }
        let record = &mut cluster.pods[index];
        let previous = record.state.clone();
        match outcome.placement {
            Placement::Node(node) => {
                pod.spec.node_name.clear();
                let waits = has_binding_conditions(&pod, &cluster.claims);
                let record = &mut cluster.pods[index];
                record.pod = pod;
                let (state, kind, message) = if waits {
                    record.waiting_since = cluster.now;
                    (
                        PodState::WaitingForBinding(node.clone()),
                        EventKind::WaitingForBinding,
                        format!("devices allocated on node {node}; waits for their binding conditions before binding"),
                    )
                } else {
                    (
                        PodState::Bound(node.clone()),
                        EventKind::Scheduled,
                        format!("scheduled on node {node}"),
                    )
                };
                record.state = state;
                events.push(Event {
                    at: cluster.now,
                    kind,
                    object: pod_name(&record.pod),
                    message,
                });
            }
            Placement::Unschedulable(why) => {
                record.pod = pod;
                record.queued_at = cluster.now;
                if previous != PodState::Pending(why.clone()) {
                    events.push(Event {
                        at: cluster.now,
                        kind: EventKind::Unschedulable,
                        object: pod_name(&record.pod),
                        message: format!("unschedulable: {why}"),
                    });
                }
                record.state = PodState::Pending(why);
            }
        }
    }
    events
}
