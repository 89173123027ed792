//! The playground's own Scenario document: optional settings for a run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ObjectMeta;

/// `kind: Scenario` (playground.dra/v1alpha1): at most one per scenario.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ScenarioSpec,
}

/// Settings of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioSpec {
    /// A Kubernetes minor release such as "1.36": picks its default feature gates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes_version: Option<String>,
    /// Feature gate overrides, by Kubernetes gate name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub feature_gates: BTreeMap<String, bool>,
    /// How long one pod's device search may take before it stops (like the
    /// kube-scheduler's DRA filter timeout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_budget: Option<SearchBudget>,
    /// `false`: no scoring; nodes are tried in document order from the
    /// first, for every pod, and the first feasible node wins (as the
    /// command line's `--no-scoring`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<bool>,
}

/// `spec.searchBudget`: limits of one pod's device search; the pod is
/// unschedulable with "search stopped after N steps / T ms" when one is hit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchBudget {
    /// Search steps per pod (calls of the allocator's `allocateOne`, over
    /// all nodes tried); the default is the engine's
    /// `allocator::DEFAULT_MAX_STEPS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_steps: Option<u64>,
    /// Milliseconds per pod, where the caller provides a clock (the command
    /// line and the app do); no limit by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_millis: Option<u64>,
}
