//! DeviceTaintRule: a taint that the scheduler adds to every device its
//! selector names, as if the driver had published it.

use serde::{Deserialize, Serialize};

use super::{DeviceSelector, DeviceTaint, ObjectMeta, RawValue};

/// A DeviceTaintRule (resource.k8s.io/v1alpha3 from Kubernetes 1.33,
/// v1beta2 from 1.36), read in the newest shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceTaintRule {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: DeviceTaintRuleSpec,
    /// Conditions the eviction controller reports; kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RawValue>,
}

/// Which devices get the taint, and the taint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceTaintRuleSpec {
    /// No selector selects no device; an empty one every device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_selector: Option<DeviceTaintSelector>,
    #[serde(default)]
    pub taint: DeviceTaint,
}

/// The devices a rule taints: every condition that is set must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceTaintSelector {
    /// Kubernetes 1.33 and 1.34 only: the class's selectors must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Kubernetes 1.33 and 1.34 only: CEL selectors that must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub selectors: Vec<DeviceSelector>,
}
