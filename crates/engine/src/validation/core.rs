//! Core validation that DRA objects share: object metadata, node selectors,
//! and the Node and Pod fields that the playground reads.

use std::collections::{BTreeMap, HashSet};

use super::{container_resources, BadValue, ErrorList};
use crate::api::{Node, NodeSelector, NodeSelectorRequirement, ObjectMeta, Pod};
use crate::names::{
    is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_valid_label_value,
};
use crate::yaml::FieldPath;

const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// ValidateObjectMeta for a create, with names checked as DNS subdomains.
pub(super) fn object_meta(meta: &ObjectMeta, namespaced: bool, errs: &mut ErrorList) {
    let path = FieldPath::new("metadata");
    if meta.name.is_empty() {
        if meta.generate_name.is_empty() {
            errs.required(&path.child("name"), "name or generateName is required");
        }
    } else {
        errs.invalid_each(
            &path.child("name"),
            &meta.name,
            is_dns1123_subdomain(&meta.name),
        );
    }
    if namespaced {
        if meta.namespace.is_empty() {
            errs.required(&path.child("namespace"), "");
        } else {
            errs.invalid_each(
                &path.child("namespace"),
                &meta.namespace,
                is_dns1123_label(&meta.namespace),
            );
        }
    } else if !meta.namespace.is_empty() {
        errs.forbidden(&path.child("namespace"), "not allowed on this type");
    }
    labels(&meta.labels, &path.child("labels"), errs);
    annotations(&meta.annotations, &path.child("annotations"), errs);
}

/// ValidateLabels.
pub(super) fn labels(labels: &BTreeMap<String, String>, path: &FieldPath, errs: &mut ErrorList) {
    for (k, v) in labels {
        errs.invalid_each(path, k, is_qualified_name(k));
        errs.invalid_each(&path.key(k), v, is_valid_label_value(v));
    }
}

/// ValidateAnnotations.
pub(super) fn annotations(
    annotations: &BTreeMap<String, String>,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    let mut total = 0;
    for (k, v) in annotations {
        errs.invalid_each(path, k, is_qualified_name(&k.to_lowercase()));
        total += k.len() + v.len();
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}

/// ValidateNodeSelector (label values must be valid).
pub(super) fn node_selector(selector: &NodeSelector, path: &FieldPath, errs: &mut ErrorList) {
    let terms = path.child("nodeSelectorTerms");
    if selector.node_selector_terms.is_empty() {
        errs.required(&terms, "must have at least one node selector term");
        return;
    }
    for (i, term) in selector.node_selector_terms.iter().enumerate() {
        let tp = terms.index(i);
        for (j, req) in term.match_expressions.iter().enumerate() {
            selector_requirement(req, &tp.child("matchExpressions").index(j), errs);
        }
        for (j, req) in term.match_fields.iter().enumerate() {
            field_selector_requirement(req, &tp.child("matchFields").index(j), errs);
        }
    }
}

fn selector_requirement(req: &NodeSelectorRequirement, path: &FieldPath, errs: &mut ErrorList) {
    let values = path.child("values");
    match req.operator.as_str() {
        "In" | "NotIn" => {
            if req.values.is_empty() {
                errs.required(
                    &values,
                    "must be specified when `operator` is 'In' or 'NotIn'",
                );
            }
        }
        "Exists" | "DoesNotExist" => {
            if !req.values.is_empty() {
                errs.forbidden(
                    &values,
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                );
            }
        }
        "Gt" | "Lt" => {
            if req.values.len() != 1 {
                errs.required(
                    &values,
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                );
            }
        }
        op => errs.invalid(&path.child("operator"), op, "not a valid selector operator"),
    }
    errs.invalid_each(&path.child("key"), &req.key, is_qualified_name(&req.key));
    for (i, v) in req.values.iter().enumerate() {
        errs.invalid_each(&values.index(i), v, is_valid_label_value(v));
    }
}

fn field_selector_requirement(
    req: &NodeSelectorRequirement,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    match req.operator.as_str() {
        "In" | "NotIn" => {
            if req.values.len() != 1 {
                errs.required(
                    &path.child("values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                );
            }
        }
        op => errs.invalid(&path.child("operator"), op, "not a valid selector operator"),
    }
    if req.key != "metadata.name" {
        errs.invalid(
            &path.child("key"),
            &req.key,
            "not a valid field selector key",
        );
    } else {
        for (i, v) in req.values.iter().enumerate() {
            errs.invalid_each(&path.child("values").index(i), v, is_dns1123_subdomain(v));
        }
    }
}

/// A Node: its name and labels.
pub(super) fn node(node: &Node, errs: &mut ErrorList) {
    object_meta(&node.metadata, false, errs);
}

/// A Pod: metadata and the scheduling fields the playground reads. Containers
/// are not required (a scenario's pods exist only to be scheduled).
pub(super) fn pod(pod: &Pod, errs: &mut ErrorList) {
    object_meta(&pod.metadata, true, errs);
    let spec = FieldPath::new("spec");
    if !pod.spec.node_name.is_empty() {
        errs.invalid_each(
            &spec.child("nodeName"),
            &pod.spec.node_name,
            is_dns1123_subdomain(&pod.spec.node_name),
        );
    }
    labels(&pod.spec.node_selector, &spec.child("nodeSelector"), errs);
    container_resources::containers(
        &pod.spec.init_containers,
        &spec.child("initContainers"),
        errs,
    );
    container_resources::containers(&pod.spec.containers, &spec.child("containers"), errs);
    if let Some(required) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| n.required.as_ref())
    {
        let path = spec
            .child("affinity")
            .child("nodeAffinity")
            .child("requiredDuringSchedulingIgnoredDuringExecution");
        node_selector(required, &path, errs);
    }
    let claims = spec.child("resourceClaims");
    let mut names = HashSet::new();
    for (i, claim) in pod.spec.resource_claims.iter().enumerate() {
        let path = claims.index(i);
        if claim.name.is_empty() {
            errs.required(&path.child("name"), "");
        } else if !names.insert(claim.name.as_str()) {
            errs.duplicate(&path.child("name"), &claim.name);
        } else {
            errs.invalid_each(
                &path.child("name"),
                &claim.name,
                is_dns1123_label(&claim.name),
            );
        }
        let raw = || BadValue::Raw(serde_json::to_string(claim).unwrap_or_default());
        match (&claim.resource_claim_name, &claim.resource_claim_template_name) {
            (Some(_), Some(_)) => errs.invalid(
                &path,
                raw(),
                "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified",
            ),
            (None, None) => errs.invalid(
                &path,
                raw(),
                "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            ),
            _ => {}
        }
        if let Some(name) = &claim.resource_claim_name {
            errs.invalid_each(
                &path.child("resourceClaimName"),
                name,
                is_dns1123_subdomain(name),
            );
        }
        if let Some(name) = &claim.resource_claim_template_name {
            errs.invalid_each(
                &path.child("resourceClaimTemplateName"),
                name,
                is_dns1123_subdomain(name),
            );
        }
    }
}
