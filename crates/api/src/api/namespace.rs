//! core/v1 Namespace: where namespaced objects live; its labels matter (admin
//! access to devices needs `resource.kubernetes.io/admin-access: "true"`).

use serde::{Deserialize, Serialize};

use super::{ObjectMeta, RawValue};

/// The label that a namespace needs for claims in it to ask for admin
/// access to devices (Kubernetes 1.34 on; 1.33 named it
/// `resource.k8s.io/admin-access`).
pub const ADMIN_ACCESS_NAMESPACE_LABEL: &str = "resource.kubernetes.io/admin-access";

/// A core/v1 Namespace: the playground reads its name and labels; `spec`
/// (finalizers) and `status` (phase) are kept as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Namespace {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<RawValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RawValue>,
}

impl Namespace {
    /// Whether claims in this namespace may ask for admin access.
    pub fn allows_admin_access(&self) -> bool {
        self.metadata
            .labels
            .get(ADMIN_ACCESS_NAMESPACE_LABEL)
            .is_some_and(|v| v == "true")
    }
}
