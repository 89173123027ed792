//! Fields of the core kinds that the simulation keeps but does not model,
//! although a user could expect an effect on where a pod lands: each gets
//! an info hint at its key (in a pod, or a workload's pod template). This
//! table is the one place that decides which fields of a pod are hinted
//! (a KubeSchedulerConfiguration's are hinted where it is decoded,
//! `scheduler_config.rs`). A scheduler plugin that comes to model one of
//! them removes its row: the simulated scheduler models tolerations and
//! taints, `unschedulable`, node affinity and selectors, resources and
//! overhead, host ports, images and `schedulerName`.

/// What a priority would change in Kubernetes, and what the playground
/// does instead.
const PRIORITY: &str = "the scheduling queue's priority order (PrioritySort) and preemption are not simulated: pods are scheduled in document order (an unschedulable pod's message says where preemption could help)";

/// What a volume the kube-scheduler checks against nodes would change.
const VOLUME: &str = "volumes are not simulated: the kube-scheduler would also check that the volume can be attached on the node (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits)";

/// (Go type, JSON field, what the playground does instead).
const FIELD_HINTS: &[(&str, &str, &str)] = &[
    (
        "PodSpec",
        "schedulingGates",
        "scheduling gates are not simulated: the pod is scheduled as if they were removed",
    ),
    ("PodSpec", "priority", PRIORITY),
    ("PodSpec", "priorityClassName", PRIORITY),
    (
        "PodSpec",
        "topologySpreadConstraints",
        "topology spreading (PodTopologySpread) is not simulated: these constraints change no placement here",
    ),
    (
        "Affinity",
        "podAffinity",
        "inter-pod affinity (InterPodAffinity) is not simulated (node affinity is): this term changes no placement here",
    ),
    (
        "Affinity",
        "podAntiAffinity",
        "inter-pod anti-affinity (InterPodAffinity) is not simulated (node affinity is): this term changes no placement here",
    ),
    ("Volume", "persistentVolumeClaim", VOLUME),
    ("Volume", "ephemeral", VOLUME),
    ("Volume", "csi", VOLUME),
    ("Volume", "awsElasticBlockStore", VOLUME),
    ("Volume", "gcePersistentDisk", VOLUME),
    ("Volume", "azureDisk", VOLUME),
    ("Volume", "iscsi", VOLUME),
    ("Volume", "rbd", VOLUME),
    (
        "StatefulSetSpec",
        "volumeClaimTemplates",
        "volumes are not simulated: the PersistentVolumeClaims made per pod do not constrain where it lands",
    ),
    (
        "PodSpec",
        "schedulingGroup",
        "gang scheduling is not simulated: the pods of a group are scheduled one at a time",
    ),
];

/// The hint for a field of a type, if the table has one.
pub(super) fn field_hint(type_name: &str, field: &str) -> Option<&'static str> {
    FIELD_HINTS
        .iter()
        .find(|(t, f, _)| *t == type_name && *f == field)
        .map(|(_, _, hint)| *hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::type_fields;

    #[test]
    fn every_row_names_a_real_field() {
        for (t, f, _) in FIELD_HINTS {
            let fields = type_fields(t).unwrap_or_else(|| panic!("{t}"));
            assert!(fields.field(f).is_some(), "{t}.{f}");
        }
        assert!(field_hint("PodSpec", "schedulingGates").is_some());
        assert!(field_hint("PodSpec", "containers").is_none());
        // What the simulated scheduler models has no row.
        for (t, f) in [
            ("PodSpec", "tolerations"),
            ("PodSpec", "nodeSelector"),
            ("PodSpec", "overhead"),
            ("PodSpec", "schedulerName"),
            ("Affinity", "nodeAffinity"),
            ("Container", "ports"),
            ("Container", "resources"),
            ("NodeSpec", "taints"),
            ("NodeSpec", "unschedulable"),
            ("NodeStatus", "images"),
        ] {
            assert!(field_hint(t, f).is_none(), "{t}.{f}");
        }
    }
}
