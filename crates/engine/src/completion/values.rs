//! Fields whose values form a closed set: a document's apiVersion and kind (what the loader
//! reads), and the enum-like fields the apiserver checks against a list (validation's
//! [`supported`] values, the Step actions' kinds and statuses, the releases offered).

use super::{CompletionOption, OptionKind};
use crate::api::{CONDITION_STATUSES, DELETABLE_KINDS};
use crate::features::KUBERNETES_VERSIONS;
use crate::load::read_kinds;
use crate::validation::supported;

/// Fields with a closed set of values: typed (an `api` struct) or a type of the field tree,
/// the type's name, the field, the values.
const CLOSED: &[(bool, &str, &str, &[&str])] = &[
    (
        true,
        "ExactDeviceRequest",
        "allocationMode",
        supported::ALLOCATION_MODES,
    ),
    (
        true,
        "DeviceSubRequest",
        "allocationMode",
        supported::ALLOCATION_MODES,
    ),
    (
        true,
        "DeviceToleration",
        "operator",
        supported::TOLERATION_OPERATORS,
    ),
    (
        true,
        "DeviceToleration",
        "effect",
        supported::DEVICE_TAINT_EFFECTS,
    ),
    (
        true,
        "DeviceTaint",
        "effect",
        supported::DEVICE_TAINT_EFFECTS,
    ),
    (
        true,
        "DeviceAllocationConfiguration",
        "source",
        supported::CONFIG_SOURCES,
    ),
    (true, "ObjectReference", "kind", DELETABLE_KINDS),
    (true, "SetDeviceCondition", "status", CONDITION_STATUSES),
    (
        true,
        "ScenarioSpec",
        "kubernetesVersion",
        KUBERNETES_VERSIONS,
    ),
    (
        false,
        "Toleration",
        "operator",
        supported::TOLERATION_OPERATORS,
    ),
    (
        false,
        "Toleration",
        "effect",
        &supported::NODE_TAINT_EFFECTS,
    ),
    (false, "Taint", "effect", &supported::NODE_TAINT_EFFECTS),
    (false, "ContainerPort", "protocol", &supported::PROTOCOLS),
];

fn option(value: &str, detail: &str) -> CompletionOption {
    CompletionOption {
        label: value.to_owned(),
        insert: value.to_owned(),
        kind: OptionKind::Value,
        detail: detail.to_owned(),
    }
}

/// The values of `field` of `type_name`, when they form a closed set.
pub(super) fn closed(typed: bool, type_name: &str, field: &str) -> Option<Vec<CompletionOption>> {
    let (_, _, _, values) = CLOSED
        .iter()
        .find(|(t, name, f, _)| *t == typed && *name == type_name && *f == field)?;
    Some(values.iter().map(|v| option(v, type_name)).collect())
}

/// The apiVersions (for the document's kind, if written) or the kinds (of its apiVersion,
/// if written) that the playground reads.
pub(super) fn type_values(
    field: &str,
    api_version: Option<&str>,
    kind: Option<&str>,
) -> Vec<CompletionOption> {
    let mut out: Vec<CompletionOption> = Vec::new();
    for (version, name) in read_kinds() {
        let (value, detail) = if field == "apiVersion" {
            if kind.is_some_and(|k| k != name) && kind.is_some_and(is_read_kind) {
                continue;
            }
            (version.clone(), kind.map_or("apiVersion", |_| name))
        } else {
            if api_version.is_some_and(|v| v != version) && api_version.is_some_and(is_read_version)
            {
                continue;
            }
            (name.to_owned(), version.as_str())
        };
        if !out.iter().any(|o| o.label == value) {
            out.push(option(&value, detail));
        }
    }
    out
}

fn is_read_kind(kind: &str) -> bool {
    read_kinds().iter().any(|(_, k)| *k == kind)
}

fn is_read_version(version: &str) -> bool {
    read_kinds().iter().any(|(v, _)| v == version)
}

/// true and false.
pub(super) fn booleans() -> Vec<CompletionOption> {
    ["true", "false"]
        .iter()
        .map(|v| option(v, "boolean"))
        .collect()
}
