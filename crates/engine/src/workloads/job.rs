//! Job: the pods running at one moment, `min(parallelism, completions)`
//! (parallelism default 1; without completions, parallelism), none while
//! suspended. Each carries the Job's labels; in Indexed mode its completion
//! index (label and annotation) and `generateName: <job>-<index>-`.

use super::{count, pod_from_template, with_label, Owner};
use crate::api::{Pod, Workload};

const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
const LEGACY_JOB_NAME_LABEL: &str = "job-name";
const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

pub(super) fn pods(job: &Workload) -> Vec<Pod> {
    if job.spec.suspend == Some(true) {
        return Vec::new();
    }
    let parallelism = count(job.spec.parallelism, 1);
    let running = job
        .spec
        .completions
        .map_or(parallelism, |c| parallelism.min(count(Some(c), 0)));
    let indexed = job.spec.completion_mode.as_deref() == Some("Indexed");
    let owner = Owner::of(job);
    let name = &job.metadata.name;
    (0..running)
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
