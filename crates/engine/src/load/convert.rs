//! Conversion of `resource.k8s.io/v1beta1` and `v1alpha3` objects to `v1`,
//! done on the node tree so that every field keeps the span where it is
//! written.
//!
//! It follows the apiserver's conversion functions
//! (pkg/apis/resource/v1beta1/conversion.go; v1alpha3 had v1beta1's shape,
//! except that a device's capacity was a plain quantity, not `{value: ...}`):
//!
//! - a request's fields `deviceClassName`, `selectors`, `allocationMode`,
//!   `count`, `adminAccess`, `tolerations`, `capacity` move into `exactly`
//!   when any of them is set (non-empty string, non-nil list or pointer,
//!   non-zero count); otherwise they are dropped;
//! - a device's `basic` fields move up into the device;
//! - a slice's `nodeName: ""` and `allNodes: false` become unset.
//!
//! `v1beta2` has the same shape as `v1`. Fields that v1beta1 does not have
//! (`exactly` on a request, `attributes` directly on a device) are unknown
//! fields, as the apiserver would report them.

use crate::diagnostic::{Diagnostic, Span};
use crate::yaml::{parse_bool, parse_int, FieldPath, Node, NodeKind, ScalarStyle};

/// v1beta1 DeviceRequest fields that v1 keeps under `exactly`.
const EXACT_FIELDS: &[&str] = &[
    "deviceClassName",
    "selectors",
    "allocationMode",
    "count",
    "adminAccess",
    "tolerations",
    "capacity",
];

/// v1beta1 DeviceRequest fields.
const REQUEST_FIELDS: &[&str] = &[
    "name",
    "deviceClassName",
    "selectors",
    "allocationMode",
    "count",
    "adminAccess",
    "firstAvailable",
    "tolerations",
    "capacity",
];

/// v1beta1 (and v1alpha3) BasicDevice fields.
const BASIC_FIELDS: &[&str] = &[
    "attributes",
    "capacity",
    "consumesCounters",
    "nodeName",
    "nodeSelector",
    "allNodes",
    "taints",
    "bindsToNode",
    "bindingConditions",
    "bindingFailureConditions",
    "allowMultipleAllocations",
    "nodeAllocatableResourceMappings",
    "nodeAllocatableResources",
];

/// Converts an object of `resource.k8s.io/<version>` (apiVersion and kind
/// already removed) to v1 in place; v1 and v1beta2 need nothing.
pub(super) fn to_v1(
    api_version: &str,
    kind: &str,
    root: &mut Node,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let version = api_version.rsplit('/').next().unwrap_or_default();
    match version {
        "v1beta1" => v1beta1_to_v1(kind, root, version, diagnostics),
        "v1alpha3" if kind != "DeviceTaintRule" => {
            v1beta1_to_v1(kind, root, version, diagnostics);
            if kind == "ResourceSlice" {
                wrap_capacities(root);
            }
        }
        _ => {}
    }
}

/// v1alpha3's `capacity: {memory: 80Gi}` is v1's `{memory: {value: 80Gi}}`.
fn wrap_capacities(root: &mut Node) {
    let Some(NodeKind::Sequence(devices)) = get_mut(root, "spec")
        .and_then(|s| get_mut(s, "devices"))
        .map(|d| &mut d.kind)
    else {
        return;
    };
    for device in devices {
        let Some(NodeKind::Mapping(capacities)) = get_mut(device, "capacity").map(|c| &mut c.kind)
        else {
            continue;
        };
        for (_, value) in capacities.iter_mut() {
            if matches!(value.kind, NodeKind::Scalar(_)) {
                let span = value.span;
                let quantity = std::mem::replace(value, Node::scalar("", ScalarStyle::Plain, span));
                *value = Node {
                    kind: NodeKind::Mapping(vec![(
                        Node::scalar("value", ScalarStyle::Plain, span),
                        quantity,
                    )]),
                    span,
                };
            }
        }
    }
}

/// The version being converted and where its problems go.
struct Ctx<'d> {
    version: &'d str,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// Converts a v1beta1-shaped object (apiVersion and kind already removed)
/// in place; `version` names it in messages.
fn v1beta1_to_v1(kind: &str, root: &mut Node, version: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut ctx = Ctx {
        version,
        diagnostics,
    };
    match kind {
        "ResourceSlice" => {
            if let Some(spec) = get_mut(root, "spec") {
                convert_slice_spec(spec, &mut ctx);
            }
        }
        "ResourceClaim" => {
            if let Some(devices) = get_mut(root, "spec").and_then(|s| get_mut(s, "devices")) {
                let path = FieldPath::new("spec").child("devices");
                convert_device_claim(devices, &path, &mut ctx);
            }
        }
        "ResourceClaimTemplate" => {
            if let Some(devices) = get_mut(root, "spec")
                .and_then(|s| get_mut(s, "spec"))
                .and_then(|s| get_mut(s, "devices"))
            {
                let path = FieldPath::new("spec").child("spec").child("devices");
                convert_device_claim(devices, &path, &mut ctx);
            }
        }
        _ => {} // DeviceClass: same shape.
    }
}

fn entries_mut(node: &mut Node) -> Option<&mut Vec<(Node, Node)>> {
    match &mut node.kind {
        NodeKind::Mapping(entries) => Some(entries),
        _ => None,
    }
}

fn get_mut<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    entries_mut(node)?
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

fn unknown(key: &Node, path: &FieldPath, ctx: &mut Ctx<'_>) {
    ctx.diagnostics.push(Diagnostic::error(
        key.span,
        format!(
            "unknown field {:?} (not in resource.k8s.io/{})",
            path.to_string(),
            ctx.version
        ),
    ));
}

fn convert_slice_spec(spec: &mut Node, ctx: &mut Ctx<'_>) {
    let Some(entries) = entries_mut(spec) else {
        return;
    };
    // nodeName "" and allNodes false are "unset" in v1.
    entries.retain(|(k, v)| match k.as_str() {
        Some("nodeName") => !(v.is_null() || v.as_str() == Some("")),
        Some("allNodes") => {
            !(v.is_null()
                || v.as_scalar()
                    .is_some_and(|s| s.is_plain() && parse_bool(&s.text) == Some(false)))
        }
        _ => true,
    });
    let Some(devices) = entries
        .iter_mut()
        .find(|(k, _)| k.as_str() == Some("devices"))
        .map(|(_, v)| v)
    else {
        return;
    };
    let NodeKind::Sequence(devices) = &mut devices.kind else {
        return;
    };
    for (i, device) in devices.iter_mut().enumerate() {
        let path = FieldPath::new("spec").child("devices").index(i);
        convert_device(device, &path, ctx);
    }
}

fn convert_device(device: &mut Node, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let Some(entries) = entries_mut(device) else {
        return;
    };
    let old = std::mem::take(entries);
    let mut basic = None;
    for (k, v) in old {
        match k.as_str() {
            Some("name") => entries.push((k, v)),
            Some("basic") => basic = Some((k, v)),
            other => unknown(&k, &path.child(other.unwrap_or_default()), ctx),
        }
    }
    let Some((basic_key, basic)) = basic else {
        return;
    };
    match basic.kind {
        NodeKind::Mapping(fields) => {
            for (k, v) in fields {
                let name = k.as_str().unwrap_or_default();
                if BASIC_FIELDS.contains(&name) {
                    entries.push((k, v));
                } else {
                    unknown(&k, &path.child("basic").child(name), ctx);
                }
            }
        }
        NodeKind::Scalar(_) if basic.is_null() => {}
        _ => ctx.diagnostics.push(Diagnostic::error(
            basic.span,
            format!(
                "{}: expected a mapping, got {}",
                path.child("basic"),
                basic.describe()
            ),
        )),
    }
    let _ = basic_key;
}

fn convert_device_claim(devices: &mut Node, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let Some(requests) = get_mut(devices, "requests") else {
        return;
    };
    let NodeKind::Sequence(requests) = &mut requests.kind else {
        return;
    };
    for (i, request) in requests.iter_mut().enumerate() {
        convert_request(request, &path.child("requests").index(i), ctx);
    }
}

/// hasAnyMainRequestFieldsSet, on the written value of one field.
fn is_set(key: &str, value: &Node) -> bool {
    if value.is_null() {
        return false;
    }
    match key {
        "deviceClassName" | "allocationMode" => value.as_str() != Some(""),
        "count" => match value.as_scalar() {
            Some(s) if s.is_plain() => parse_int(&s.text) != Ok(0),
            _ => true, // a wrong type: keep it, so that decoding reports it where it is written
        },
        _ => true,
    }
}

fn convert_request(request: &mut Node, path: &FieldPath, ctx: &mut Ctx<'_>) {
    let Some(entries) = entries_mut(request) else {
        return;
    };
    let old = std::mem::take(entries);
    let mut exact = Vec::new();
    let mut any_set = false;
    for (k, v) in old {
        let name = k.as_str().unwrap_or_default();
        if EXACT_FIELDS.contains(&name) {
            any_set |= is_set(name, &v);
            exact.push((k, v));
        } else if REQUEST_FIELDS.contains(&name) {
            entries.push((k, v));
        } else {
            unknown(&k, &path.child(name), ctx);
        }
    }
    if !any_set || exact.is_empty() {
        return;
    }
    let key_span = exact[0].0.span;
    let value_span = exact.iter().fold(Span::point(key_span.start), |s, (k, v)| {
        s.cover(k.span).cover(v.span)
    });
    let exactly = Node {
        kind: NodeKind::Mapping(exact),
        span: value_span,
    };
    // `exactly` follows `name`, as v1 writes it.
    let at = entries
        .iter()
        .position(|(k, _)| k.as_str() == Some("name"))
        .map_or(0, |i| i + 1);
    entries.insert(
        at,
        (
            Node::scalar("exactly", ScalarStyle::Plain, key_span),
            exactly,
        ),
    );
}
