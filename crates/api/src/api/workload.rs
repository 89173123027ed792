//! The workloads whose controllers make pods from a template: apps/v1
//! Deployment, ReplicaSet, StatefulSet, DaemonSet and batch/v1 Job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ObjectMeta, PodTemplateSpec, RawValue};

/// Which controller makes the pods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WorkloadKind {
    /// apps/v1 Deployment: a ReplicaSet per template, `replicas` pods.
    #[default]
    Deployment,
    /// apps/v1 ReplicaSet: `replicas` pods.
    ReplicaSet,
    /// apps/v1 StatefulSet: `replicas` pods named by ordinal.
    StatefulSet,
    /// apps/v1 DaemonSet: one pod per node it selects.
    DaemonSet,
    /// batch/v1 Job: `parallelism` pods at once, at most `completions`.
    Job,
}

impl WorkloadKind {
    /// Every kind, in the order of [`WorkloadKind::name`].
    pub const ALL: [WorkloadKind; 5] = [
        WorkloadKind::Deployment,
        WorkloadKind::ReplicaSet,
        WorkloadKind::StatefulSet,
        WorkloadKind::DaemonSet,
        WorkloadKind::Job,
    ];

    /// The kind as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::Job => "Job",
        }
    }

    /// The kind of this name.
    pub fn from_name(name: &str) -> Option<WorkloadKind> {
        WorkloadKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Its API group and version.
    pub fn api_version(self) -> &'static str {
        match self {
            WorkloadKind::Job => "batch/v1",
            _ => "apps/v1",
        }
    }
}

/// A workload: the template and the counts its controller reads, the rest
/// of its spec and its status kept as written (the loader checks every
/// field against [`crate::fields`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workload {
    /// Set by the loader from the document's `kind`.
    #[serde(skip)]
    pub kind: WorkloadKind,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: WorkloadSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RawValue>,
}

/// The fields of the five kinds' specs that decide which pods exist.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadSpec {
    /// Deployment, ReplicaSet, StatefulSet: how many pods (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i32>,
    /// Job: how many pods run at once (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    /// Job: how many pods must succeed (default: as `parallelism`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    /// Job: NonIndexed (default) or Indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_mode: Option<String>,
    /// Job: a suspended Job makes no pods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    /// StatefulSet: OrderedReady (default) or Parallel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_management_policy: Option<String>,
    /// StatefulSet: the first ordinal (`ordinals.start`, default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinals: Option<StatefulSetOrdinals>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    /// The other fields of the kind's spec, as written.
    #[serde(flatten)]
    pub other: BTreeMap<String, RawValue>,
}

/// A StatefulSet's `spec.ordinals`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatefulSetOrdinals {
    #[serde(default)]
    pub start: i32,
}
