//! Fields of the core kinds that the simulation keeps but does not model,
//! although a user could expect an effect on where a pod lands: each gets
//! an info hint at its key (in a pod, or a workload's pod template). A
//! scheduler plugin that comes to model one of them removes its row.

/// (Go type, JSON field, what the playground does instead).
const FIELD_HINTS: &[(&str, &str, &str)] = &[
    (
        "PodSpec",
        "schedulingGates",
        "scheduling gates are not simulated: the pod is scheduled as if they were removed",
    ),
    (
        "PodSpec",
        "priorityClassName",
        "priorities are not simulated: pods are scheduled in document order, without preemption",
    ),
    (
        "PodSpec",
        "topologySpreadConstraints",
        "topology spread constraints are not simulated",
    ),
    (
        "Affinity",
        "podAffinity",
        "pod affinity is not simulated (node affinity is)",
    ),
    (
        "Affinity",
        "podAntiAffinity",
        "pod anti-affinity is not simulated (node affinity is)",
    ),
    (
        "Volume",
        "persistentVolumeClaim",
        "volumes are not simulated: the claim does not constrain the pod's node",
    ),
    (
        "Volume",
        "ephemeral",
        "volumes are not simulated: the volume does not constrain the pod's node",
    ),
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
    }
}
