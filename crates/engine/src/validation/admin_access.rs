//! Admin access to devices needs a labelled namespace (the apiserver's
//! `AuthorizedForAdmin`, Kubernetes 1.33 on; the label is
//! `resource.kubernetes.io/admin-access` from 1.34, the oldest release the
//! playground offers).

use super::{ErrorList, FieldError};
use crate::api::{
    namespace_or_default, DeviceClaim, Namespace, Object, ADMIN_ACCESS_NAMESPACE_LABEL,
};
use crate::yaml::FieldPath;

/// The error of a claim or template asking for admin access in a namespace
/// without the label (none for other objects).
pub(super) fn check(object: &Object, namespaces: &[&Namespace]) -> Vec<FieldError> {
    let (meta, devices, spec) = match object {
        Object::ResourceClaim(c) => (&c.metadata, &c.spec.devices, FieldPath::new("spec")),
        Object::ResourceClaimTemplate(t) => (
            &t.metadata,
            &t.spec.spec.devices,
            FieldPath::new("spec").child("spec"),
        ),
        _ => return Vec::new(),
    };
    let Some(request) = first_admin_request(devices) else {
        return Vec::new();
    };
    let name = namespace_or_default(&meta.namespace);
    let namespace = namespaces.iter().find(|n| n.metadata.name == name);
    if namespace.is_some_and(|n| n.allows_admin_access()) {
        return Vec::new();
    }
    let why = match namespace {
        Some(_) => format!("namespace {name:?} does not have it"),
        None => format!("no Namespace document gives namespace {name:?} its labels"),
    };
    let mut errs = ErrorList::default();
    errs.forbidden(
        &spec
            .child("devices")
            .child("requests")
            .index(request)
            .child("exactly")
            .child("adminAccess"),
        format!(
            "admin access to devices requires the `{ADMIN_ACCESS_NAMESPACE_LABEL}: true` label on the containing namespace ({why})"
        ),
    );
    errs.0
}

/// The index of the first request that asks for admin access.
fn first_admin_request(devices: &DeviceClaim) -> Option<usize> {
    devices.requests.iter().position(|r| {
        r.exactly
            .as_ref()
            .is_some_and(|e| e.admin_access == Some(true))
    })
}
