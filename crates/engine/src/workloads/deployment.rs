//! Deployment and ReplicaSet: `replicas` pods (default 1). A Deployment's
//! pods come from its ReplicaSet `<deployment>-<pod-template-hash>`, whose
//! template adds the `pod-template-hash` label. Pods the scenario holds
//! already count: a ReplicaSet's (its controller's), a Deployment's (a
//! ReplicaSet `<deployment>-<hash>` controls them, with that hash as their
//! label); a Deployment whose ReplicaSet the scenario holds leaves the pods
//! to it.

use super::cluster::controller_of;
use super::{count, pod_from_template, with_label, Cluster, Owner};
use crate::api::{pod_template_hash, ObjectMeta, Pod, Workload, WorkloadKind};

/// The label a Deployment's ReplicaSet and pods carry.
pub(super) const POD_TEMPLATE_HASH_LABEL: &str = "pod-template-hash";

/// The name of the ReplicaSet a Deployment makes for its template.
pub(super) fn replica_set_name(deployment: &Workload) -> String {
    let template = serde_json::to_string(&deployment.spec.template).unwrap_or_default();
    format!(
        "{}-{}",
        deployment.metadata.name,
        pod_template_hash(&template)
    )
}

pub(super) fn deployment_pods(deployment: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    let namespace = deployment.metadata.namespace_or_default();
    let name = &deployment.metadata.name;
    if cluster.has_workload_of(namespace, "ReplicaSet", "Deployment", name) {
        return Vec::new();
    }
    let existing = cluster
        .active_pods_in(namespace)
        .filter(|p| {
            p.metadata
                .labels
                .get(POD_TEMPLATE_HASH_LABEL)
                .is_some_and(|hash| {
                    controller_of(&p.metadata)
                        == Some(("ReplicaSet", format!("{name}-{hash}").as_str()))
                })
        })
        .count();
    let rs = replica_set_name(deployment);
    let hash = rs.rsplit('-').next().unwrap_or_default().to_owned();
    let replica_set = ObjectMeta {
        name: rs.clone(),
        ..ObjectMeta::default()
    };
    let owner = Owner {
        api_version: WorkloadKind::ReplicaSet.api_version(),
        kind: WorkloadKind::ReplicaSet.name(),
        metadata: &replica_set,
    };
    (existing..count(deployment.spec.replicas, 1))
        .map(|_| {
            let mut pod = pod_from_template(deployment, owner, &rs);
            pod.metadata.labels = with_label(&pod.metadata.labels, POD_TEMPLATE_HASH_LABEL, &hash);
            pod
        })
        .collect()
}

pub(super) fn replica_set_pods(replica_set: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    let owner = Owner::of(replica_set);
    let existing = cluster
        .active_pods_of(
            replica_set.metadata.namespace_or_default(),
            "ReplicaSet",
            &replica_set.metadata.name,
        )
        .len();
    (existing..count(replica_set.spec.replicas, 1))
        .map(|_| pod_from_template(replica_set, owner, &replica_set.metadata.name))
        .collect()
}
