//! The pods that workload controllers make from a template, as those
//! controllers make them: Deployment (through its ReplicaSet), ReplicaSet,
//! StatefulSet, DaemonSet and Job. The loader adds them to the scenario in
//! the workload's place; the scheduler then sees ordinary pods.
//!
//! A controller makes only the pods missing from what the scenario holds
//! already (a pasted cluster's pods: [`Cluster`]).
//!
//! Pods that upstream names with a random suffix carry the controller's
//! `generateName` and no name: the loader completes every `generateName`
//! in one place ([`crate::api::generate_name`], deterministic). The claims
//! of the templates' `resourceClaims` are made per pod by the scheduler, as
//! the resource claim controller makes them.

mod cluster;
mod daemon_set;
mod deployment;
mod job;
mod stateful_set;

use std::collections::BTreeMap;

pub use cluster::Cluster;

use crate::api::{ObjectMeta, Pod, Workload, WorkloadKind};

/// The pods a workload's controller makes in this cluster (the pods
/// missing), in the order it makes them.
pub fn expand(workload: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    match workload.kind {
        WorkloadKind::Deployment => deployment::deployment_pods(workload, cluster),
        WorkloadKind::ReplicaSet => deployment::replica_set_pods(workload, cluster),
        WorkloadKind::StatefulSet => stateful_set::pods(workload, cluster),
        WorkloadKind::DaemonSet => daemon_set::pods(workload, cluster),
        WorkloadKind::Job => job::pods(workload, cluster),
    }
}

/// The most pods a workload's controller makes (before counting those the
/// cluster holds): what bounds the work of [`expand`].
pub fn most_pods(workload: &Workload, cluster: &Cluster<'_>) -> usize {
    let spec = &workload.spec;
    match workload.kind {
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet | WorkloadKind::StatefulSet => {
            count(spec.replicas, 1)
        }
        WorkloadKind::DaemonSet => cluster.nodes.len(),
        WorkloadKind::Job => count(spec.parallelism, 1),
    }
}

/// A pod from the workload's template, as `GetPodFromTemplate` makes it:
/// the template's labels, annotations, finalizers and spec, the workload's
/// namespace, `generateName: <prefix>-`, and the owner as its controller.
fn pod_from_template(workload: &Workload, owner: Owner<'_>, prefix: &str) -> Pod {
    let template = &workload.spec.template;
    let mut pod = Pod {
        metadata: ObjectMeta {
            generate_name: format!("{prefix}-"),
            namespace: workload.metadata.namespace_or_default().to_owned(),
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
            finalizers: template.metadata.finalizers.clone(),
            owner_references: vec![owner.reference()],
            ..ObjectMeta::default()
        },
        spec: template.spec.clone(),
        status: None,
    };
    pod.spec.node_name.clear();
    pod
}

/// The controller of a pod, for its owner reference.
#[derive(Clone, Copy, Debug)]
struct Owner<'a> {
    api_version: &'a str,
    kind: &'a str,
    metadata: &'a ObjectMeta,
}

impl Owner<'_> {
    fn of(workload: &Workload) -> Owner<'_> {
        Owner {
            api_version: workload.kind.api_version(),
            kind: workload.kind.name(),
            metadata: &workload.metadata,
        }
    }

    fn reference(self) -> serde_json::Value {
        self.metadata
            .controller_reference(self.api_version, self.kind)
    }
}

/// A count the spec gives, its default when unset, never below zero.
fn count(value: Option<i32>, default: i32) -> usize {
    usize::try_from(value.unwrap_or(default)).unwrap_or(0)
}

/// Labels with one more.
fn with_label(
    labels: &BTreeMap<String, String>,
    key: &str,
    value: &str,
) -> BTreeMap<String, String> {
    let mut labels = labels.clone();
    labels.insert(key.to_owned(), value.to_owned());
    labels
}

#[cfg(test)]
mod tests;
