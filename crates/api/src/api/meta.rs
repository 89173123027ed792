//! Object metadata shared by every kind.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A free-form value kept as written (opaque driver parameters, fields the
/// playground does not interpret such as `managedFields`).
pub type RawValue = serde_json::Value;

/// metav1.ObjectMeta: every field Kubernetes has, so that `kubectl get -o yaml`
/// output loads; the playground reads name, namespace, labels and uid.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generate_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owner_references: Vec<RawValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub managed_fields: Vec<RawValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
}

/// Namespace of objects that do not name one.
pub const DEFAULT_NAMESPACE: &str = "default";

/// A namespace as written, with Kubernetes' default for an empty one.
pub fn namespace_or_default(namespace: &str) -> &str {
    if namespace.is_empty() {
        DEFAULT_NAMESPACE
    } else {
        namespace
    }
}

/// `namespace/name`, the namespace defaulted: how the playground names a
/// namespaced object in its messages, views and options.
pub fn namespaced_name(namespace: &str, name: &str) -> String {
    format!("{}/{name}", namespace_or_default(namespace))
}

impl ObjectMeta {
    /// A reference to this object as the controller of another, as
    /// `metav1.NewControllerRef` writes it (`controller` and
    /// `blockOwnerDeletion` true; the uid when the object has one).
    pub fn controller_reference(&self, api_version: &str, kind: &str) -> RawValue {
        let mut reference = serde_json::json!({
            "apiVersion": api_version,
            "kind": kind,
            "name": self.name,
            "controller": true,
            "blockOwnerDeletion": true,
        });
        if !self.uid.is_empty() {
            reference["uid"] = RawValue::from(self.uid.as_str());
        }
        reference
    }

    /// The namespace, with Kubernetes' default applied.
    pub fn namespace_or_default(&self) -> &str {
        namespace_or_default(&self.namespace)
    }

    /// `namespace/name` (see [`namespaced_name`]).
    pub fn namespaced_name(&self) -> String {
        namespaced_name(&self.namespace, &self.name)
    }
}

/// metav1.Condition, as in claim device status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}
