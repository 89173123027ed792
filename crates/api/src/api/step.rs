//! The playground's Step document: a moment after the scenario's first, at a
//! time offset, with what happens then. The objects written after a Step
//! document (up to the next one) are applied at that step.

use serde::{Deserialize, Serialize};

use super::{DeviceTaint, ObjectMeta};

/// `kind: Step` (playground.dra/v1alpha1): one moment of a timeline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: StepSpec,
}

/// When a step happens and what it does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepSpec {
    /// Time since the scenario's start, a Go duration (`30s`, `2m30s`); the
    /// steps' times never go back.
    #[serde(default)]
    pub at: String,
    /// What happens at that time, in order (besides the objects applied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<StepAction>,
}

/// One action: exactly one of its fields is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepAction {
    /// Delete an object (a pod finishing, a node or slice disappearing, a
    /// DeviceTaintRule removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<ObjectReference>,
    /// Add a taint to one device of a ResourceSlice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taint_device: Option<TaintDevice>,
    /// Set a condition of an allocated device in a claim's
    /// `status.devices` (as its driver reports it): a binding condition or a
    /// binding failure condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_device_condition: Option<SetDeviceCondition>,
}

/// An object by kind and name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectReference {
    pub kind: String,
    pub name: String,
    /// For namespaced kinds; `default` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// `taintDevice`: the device (`DRIVER/POOL/DEVICE`) and its new taint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaintDevice {
    pub device: String,
    pub taint: DeviceTaint,
}

/// `setDeviceCondition`: a condition of an allocated device of a claim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetDeviceCondition {
    /// The claim's name.
    pub claim: String,
    /// The claim's namespace; `default` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The device, `DRIVER/POOL/DEVICE`.
    pub device: String,
    /// The condition's type (a binding condition or failure condition).
    #[serde(rename = "type")]
    pub type_: String,
    /// `"True"` or `"False"`.
    pub status: String,
}

/// The kinds a step's `delete` may name, as a step writes them.
pub const DELETABLE_KINDS: &[&str] = &[
    "Pod",
    "ResourceClaim",
    "ResourceClaimTemplate",
    "ResourceSlice",
    "DeviceClass",
    "DeviceTaintRule",
    "Node",
];

/// The effects a device taint may have.
pub const DEVICE_TAINT_EFFECTS: &[&str] = &["NoSchedule", "NoExecute", "None"];

/// The statuses a condition may have.
pub const CONDITION_STATUSES: &[&str] = &["True", "False", "Unknown"];

/// Whether objects of a kind (as written) live in a namespace.
pub fn kind_is_namespaced(kind: &str) -> bool {
    matches!(kind, "Pod" | "ResourceClaim" | "ResourceClaimTemplate")
        || super::WorkloadKind::from_name(kind).is_some()
}

impl Step {
    /// What the step is called: its name, else its time.
    pub fn label(&self) -> &str {
        if self.metadata.name.is_empty() {
            &self.spec.at
        } else {
            &self.metadata.name
        }
    }
}
