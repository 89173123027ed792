//! StatefulSet: `replicas` pods named `<set>-<ordinal>` from `ordinals.start`
//! (default 0), with the set's identity labels, `hostname` and, with a
//! `serviceName`, `subdomain`; an ordinal whose pod the scenario holds is
//! not made again.
//!
//! Not simulated: OrderedReady (the default) makes pod N+1 only once pod N
//! runs; the playground makes them all, as Parallel does, so a pod after an
//! unschedulable one is tried too. `volumeClaimTemplates` make
//! PersistentVolumeClaims (no DRA claims; volumes are not simulated).

use super::{count, pod_from_template, with_label, Cluster, Owner};
use crate::api::{Pod, Workload};

/// The label naming a StatefulSet pod.
const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// The label holding a StatefulSet pod's ordinal (Kubernetes 1.28 on).
const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

pub(super) fn pods(set: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    let namespace = set.metadata.namespace_or_default();
    let owner = Owner::of(set);
    let start = set.spec.ordinals.map_or(0, |o| o.start);
    let service = set
        .spec
        .other
        .get("serviceName")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    (0..count(set.spec.replicas, 1))
        .map(|i| (i64::from(start) + i as i64).to_string())
        .filter(|ordinal| {
            let name = format!("{}-{ordinal}", set.metadata.name);
            cluster.pod_named(namespace, &name).is_none()
        })
        .map(|ordinal| {
            let name = format!("{}-{ordinal}", set.metadata.name);
            let mut pod = pod_from_template(set, owner, &set.metadata.name);
            pod.metadata.labels = with_label(&pod.metadata.labels, POD_NAME_LABEL, &name);
            pod.metadata.labels = with_label(&pod.metadata.labels, POD_INDEX_LABEL, &ordinal);
            pod.spec.hostname = Some(name.clone());
            if !service.is_empty() {
                pod.spec.subdomain = Some(service.to_owned());
            }
            pod.metadata.name = name;
            pod
        })
        .collect()
}
