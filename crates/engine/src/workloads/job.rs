//! Job: the pods running at one moment, `min(parallelism, completions)`
//! (parallelism default 1; without completions, parallelism), none while
//! suspended; the Job's pods the scenario holds count (those running take
//! a place, those that succeeded a completion). Each carries the Job's
//! labels; in Indexed mode its completion index (label and annotation; an
//! index a pod holds is not made again) and `generateName: <job>-<index>-`.

use super::{count, pod_from_template, with_label, Cluster, Owner};
use crate::api::{Pod, Workload};

const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
const LEGACY_JOB_NAME_LABEL: &str = "job-name";
const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

pub(super) fn pods(job: &Workload, cluster: &Cluster<'_>) -> Vec<Pod> {
    if job.spec.suspend == Some(true) {
        return Vec::new();
    }
    let name = &job.metadata.name;
    let namespace = job.metadata.namespace_or_default();
    let active = cluster.active_pods_of(namespace, "Job", name);
    let succeeded = cluster.succeeded_pods_of(namespace, "Job", name);
    let parallelism = count(job.spec.parallelism, 1);
    let wanted = job.spec.completions.map_or(parallelism, |c| {
        parallelism.min(count(Some(c), 0).saturating_sub(succeeded))
    });
    let indexed = job.spec.completion_mode.as_deref() == Some("Indexed");
    let taken: Vec<&str> = active
        .iter()
        .filter_map(|p| p.metadata.labels.get(COMPLETION_INDEX).map(String::as_str))
        .collect();
    let owner = Owner::of(job);
    (0..)
        .filter(|index: &usize| !indexed || !taken.contains(&index.to_string().as_str()))
        .take(wanted.saturating_sub(active.len()))
        .map(|index| {
            let prefix = if indexed {
                format!("{name}-{index}")
            } else {
                name.clone()
            };
            let mut pod = pod_from_template(job, owner, &prefix);
            let labels = with_label(&pod.metadata.labels, JOB_NAME_LABEL, name);
            pod.metadata.labels = with_label(&labels, LEGACY_JOB_NAME_LABEL, name);
            if indexed {
                let index = index.to_string();
                pod.metadata.labels = with_label(&pod.metadata.labels, COMPLETION_INDEX, &index);
                pod.metadata.annotations =
                    with_label(&pod.metadata.annotations, COMPLETION_INDEX, &index);
                pod.spec.hostname = Some(format!("{name}-{index}"));
            }
            pod
        })
        .collect()
}
