//! The workload controllers (Deployment through its ReplicaSet, ReplicaSet,
//! StatefulSet, DaemonSet) make a pod for each one missing, as in the
//! first moment ([`crate::workloads`]): a pod evicted or deleted is
//! replaced. A Job's pod that is gone counts as finished: it is not
//! replaced.

use super::super::cluster::Cluster;
use super::super::{Event, EventKind, PodState};
use super::pod_name;
use crate::api::{Object, WorkloadKind};
use crate::workloads::Cluster as WorkloadCluster;

/// Adds the pods the workloads miss, pending.
pub(crate) fn replace(cluster: &mut Cluster) -> Vec<Event> {
    let made: Vec<(String, crate::api::Pod)> = {
        let pods: Vec<&crate::api::Pod> = cluster.pods.iter().map(|r| &r.pod).collect();
        let view = WorkloadCluster {
            nodes: cluster
                .objects
                .iter()
                .filter_map(|o| match o {
                    Object::Node(n) => Some(n),
                    _ => None,
                })
                .collect(),
            pods,
            workloads: cluster
                .objects
                .iter()
                .filter_map(|o| match o {
                    Object::Workload(w) => Some(w),
                    _ => None,
                })
                .collect(),
        };
        view.workloads
            .iter()
            .filter(|w| w.kind != WorkloadKind::Job)
            .flat_map(|w| {
                crate::workloads::expand(w, &view)
                    .into_iter()
                    .map(|p| (format!("{} {}", w.kind.name(), w.metadata.name), p))
            })
            .collect()
    };
    let mut events = Vec::new();
    for (owner, mut pod) in made {
        name_pod(cluster, &mut pod);
        events.push(Event {
            at: cluster.now,
            kind: EventKind::PodCreated,
            object: pod_name(&pod),
            message: format!("created by {owner} for a pod that is gone"),
        });
        cluster.add_pod(pod, PodState::Pending("not tried yet".to_owned()));
    }
    events
}

/// Completes a made pod's `generateName` as the apiserver does (drawn
/// deterministically, seeded by how many pods have arrived, again while
/// the name is taken).
fn name_pod(cluster: &Cluster, pod: &mut crate::api::Pod) {
    if !pod.metadata.name.is_empty() || pod.metadata.generate_name.is_empty() {
        return;
    }
    let namespace = pod.metadata.namespace_or_default().to_owned();
    let prefix = pod.metadata.generate_name.clone();
    for draw in 0.. {
        let seed = format!(
            "Pod/{namespace}/{prefix}#timeline-{}-{draw}",
            cluster.arrivals
        );
        let name = crate::api::generate_name(&prefix, &seed);
        if cluster.pod_index(&namespace, &name).is_none() {
            pod.metadata.name = name;
            return;
        }
    }
}
