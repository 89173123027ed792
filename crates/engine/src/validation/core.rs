//! Core validation that DRA objects share: object metadata, node selectors,
//! and the Node and Pod fields that the playground reads.

use std::collections::{BTreeMap, HashSet};

use super::{container_resources, BadValue, ErrorList};
use crate::api::{
    Container, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, Pod,
    PreferredSchedulingTerm, Taint, Toleration,
};
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
        node_selector_term(term, &terms.index(i), errs);
    }
}

/// ValidateNodeSelectorTerm.
fn node_selector_term(term: &NodeSelectorTerm, path: &FieldPath, errs: &mut ErrorList) {
    for (j, req) in term.match_expressions.iter().enumerate() {
        selector_requirement(req, &path.child("matchExpressions").index(j), errs);
    }
    for (j, req) in term.match_fields.iter().enumerate() {
        field_selector_requirement(req, &path.child("matchFields").index(j), errs);
    }
}

/// ValidatePreferredSchedulingTerms.
pub(super) fn preferred_terms(
    terms: &[PreferredSchedulingTerm],
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    for (i, term) in terms.iter().enumerate() {
        if term.weight <= 0 || term.weight > 100 {
            errs.invalid(
                &path.index(i).child("weight"),
                i64::from(term.weight),
                "must be in the range 1-100",
            );
        }
        node_selector_term(&term.preference, &path.index(i).child("preference"), errs);
    }
}

/// The taint effects (`validateTaintEffect`).
const TAINT_EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// ValidateTolerations (without the comparison operators of the alpha
/// TaintTolerationComparisonOperators gate).
fn tolerations(tolerations: &[Toleration], path: &FieldPath, errs: &mut ErrorList) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        if !t.key.is_empty() {
            errs.invalid_each(&p.child("key"), &t.key, is_qualified_name(&t.key));
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.invalid(
                &p.child("operator"),
                &t.operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.invalid(
                &p.child("effect"),
                &t.effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let problems = is_valid_label_value(&t.value);
                if !problems.is_empty() {
                    errs.invalid(&p.child("operator"), &t.value, problems.join(";"));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    let raw = serde_json::to_string(t).unwrap_or_default();
                    errs.invalid(
                        &p.child("operator"),
                        BadValue::Raw(raw),
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            other => errs.not_supported(&p.child("operator"), other, &["Equal", "Exists"]),
        }
        if !t.effect.is_empty() && !TAINT_EFFECTS.contains(&t.effect.as_str()) {
            errs.not_supported(&p.child("effect"), &t.effect, &TAINT_EFFECTS);
        }
    }
}

/// validateNodeTaints.
fn taints(taints: &[Taint], path: &FieldPath, errs: &mut ErrorList) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (i, t) in taints.iter().enumerate() {
        let p = path.index(i);
        errs.invalid_each(&p.child("key"), &t.key, is_qualified_name(&t.key));
        if !t.value.is_empty() {
            errs.invalid_each(&p.child("value"), &t.value, is_valid_label_value(&t.value));
        }
        if t.effect.is_empty() {
            errs.required(&p.child("effect"), "");
        } else if !TAINT_EFFECTS.contains(&t.effect.as_str()) {
            errs.not_supported(&p.child("effect"), &t.effect, &TAINT_EFFECTS);
        }
        if seen.contains(&(t.key.as_str(), t.effect.as_str())) {
            errs.duplicate(
                &p,
                BadValue::Raw(serde_json::to_string(t).unwrap_or_default()),
            );
            continue;
        }
        seen.push((&t.key, &t.effect));
    }
}

/// The protocols of a container port.
const PROTOCOLS: [&str; 3] = ["SCTP", "TCP", "UDP"];

/// validateContainerPorts: the fields the scheduler reads.
fn ports(containers: &[Container], path: &FieldPath, errs: &mut ErrorList) {
    for (i, container) in containers.iter().enumerate() {
        for (j, port) in container.ports.iter().enumerate() {
            let p = path.index(i).child("ports").index(j);
            if !(1..=65535).contains(&port.container_port) {
                errs.invalid(
                    &p.child("containerPort"),
                    i64::from(port.container_port),
                    "must be between 1 and 65535, inclusive",
                );
            }
            if let Some(host) = port.host_port {
                if host != 0 && !(1..=65535).contains(&host) {
                    errs.invalid(
                        &p.child("hostPort"),
                        i64::from(host),
                        "must be between 1 and 65535, inclusive",
                    );
                }
            }
            match port.protocol.as_deref() {
                None => {}
                Some(protocol) if PROTOCOLS.contains(&protocol) => {}
                Some(protocol) => errs.not_supported(&p.child("protocol"), protocol, &PROTOCOLS),
            }
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

/// A Node: its name, labels and taints.
pub(super) fn node(node: &Node, errs: &mut ErrorList) {
    object_meta(&node.metadata, false, errs);
    taints(node.taints(), &FieldPath::new("spec").child("taints"), errs);
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
    ports(
        &pod.spec.init_containers,
        &spec.child("initContainers"),
        errs,
    );
    ports(&pod.spec.containers, &spec.child("containers"), errs);
    tolerations(&pod.spec.tolerations, &spec.child("tolerations"), errs);
    if let Some(node_affinity) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
    {
        let path = spec.child("affinity").child("nodeAffinity");
        if let Some(required) = &node_affinity.required {
            node_selector(
                required,
                &path.child("requiredDuringSchedulingIgnoredDuringExecution"),
                errs,
            );
        }
        preferred_terms(
            &node_affinity.preferred,
            &path.child("preferredDuringSchedulingIgnoredDuringExecution"),
            errs,
        );
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
