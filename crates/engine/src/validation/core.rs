//! Core validation that DRA objects share: object metadata, node selectors,
//! and the Node and Pod fields that the playground reads.

use std::collections::{BTreeMap, HashSet};

use super::{container_resources, BadValue, ErrorList};
use crate::api::{
    Container, Namespace, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
    ObjectMeta, Pod, PodSpec, PreferredSchedulingTerm, Taint, Toleration, Workload, WorkloadKind,
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

/// A toleration's operators (of node taints, and of device taints in `resource`).
pub const TOLERATION_OPERATORS: &[&str] = &["Equal", "Exists"];

/// The taint effects (`validateTaintEffect`).
pub const TAINT_EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

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
            other => errs.not_supported(&p.child("operator"), other, TOLERATION_OPERATORS),
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
pub const PROTOCOLS: [&str; 3] = ["SCTP", "TCP", "UDP"];

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

/// A Namespace: its name is a DNS label.
pub(super) fn namespace(namespace: &Namespace, errs: &mut ErrorList) {
    object_meta(&namespace.metadata, false, errs);
    let name = &namespace.metadata.name;
    if !name.is_empty() {
        errs.invalid_each(
            &FieldPath::new("metadata").child("name"),
            name,
            is_dns1123_label(name),
        );
    }
}

/// A Pod: metadata and the scheduling fields the playground reads. Containers
/// are not required (a scenario's pods exist only to be scheduled).
pub(super) fn pod(pod: &Pod, errs: &mut ErrorList) {
    object_meta(&pod.metadata, true, errs);
    pod_spec(&pod.spec, &FieldPath::new("spec"), errs);
}

/// A workload: its metadata, the counts its controller reads, its selector
/// against its template's labels, and its template as a pod's spec.
pub(super) fn workload(workload: &Workload, errs: &mut ErrorList) {
    object_meta(&workload.metadata, true, errs);
    let spec = FieldPath::new("spec");
    for (field, value) in [
        ("replicas", workload.spec.replicas),
        ("parallelism", workload.spec.parallelism),
        ("completions", workload.spec.completions),
    ] {
        if let Some(v) = value.filter(|v| *v < 0) {
            errs.invalid(
                &spec.child(field),
                i64::from(v),
                "must be greater than or equal to 0",
            );
        }
    }
    let template = spec.child("template");
    labels(
        &workload.spec.template.metadata.labels,
        &template.child("metadata").child("labels"),
        errs,
    );
    workload_selector(workload, errs);
    pod_spec(&workload.spec.template.spec, &template.child("spec"), errs);
}

/// apps/v1 requires `spec.selector`, and it must select the template's
/// labels (a Job's is generated when it has none).
fn workload_selector(workload: &Workload, errs: &mut ErrorList) {
    let spec = FieldPath::new("spec");
    let selector = workload.spec.other.get("selector").filter(|s| !s.is_null());
    let Some(selector) = selector else {
        if workload.kind != WorkloadKind::Job {
            errs.required(&spec.child("selector"), "");
        }
        return;
    };
    let labels = &workload.spec.template.metadata.labels;
    let matches_labels = selector
        .get("matchLabels")
        .and_then(|m| m.as_object())
        .is_none_or(|m| {
            m.iter()
                .all(|(k, v)| labels.get(k).map(String::as_str) == v.as_str())
        });
    let matches_expressions = selector
        .get("matchExpressions")
        .and_then(|m| m.as_array())
        .is_none_or(|list| list.iter().all(|r| label_requirement_holds(r, labels)));
    let empty = selector.as_object().is_none_or(|m| {
        m.values().all(|v| {
            v.is_null()
                || v.as_object().is_some_and(|o| o.is_empty())
                || v.as_array().is_some_and(|a| a.is_empty())
        })
    });
    if empty && workload.kind != WorkloadKind::Job {
        errs.invalid(
            &spec.child("selector"),
            BadValue::Raw(selector.to_string()),
            "empty selector is invalid for deployment",
        );
    } else if !(matches_labels && matches_expressions) {
        errs.invalid(
            &spec.child("template").child("metadata").child("labels"),
            BadValue::Raw(serde_json::to_string(labels).unwrap_or_default()),
            "`selector` does not match template `labels`",
        );
    }
}

/// One `matchExpressions` requirement of a label selector.
fn label_requirement_holds(
    requirement: &serde_json::Value,
    labels: &BTreeMap<String, String>,
) -> bool {
    let key = requirement
        .get("key")
        .and_then(|k| k.as_str())
        .unwrap_or_default();
    let values: Vec<&str> = requirement
        .get("values")
        .and_then(|v| v.as_array())
        .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    let value = labels.get(key).map(String::as_str);
    match requirement.get("operator").and_then(|o| o.as_str()) {
        Some("In") => value.is_some_and(|v| values.contains(&v)),
        Some("NotIn") => value.is_none_or(|v| !values.contains(&v)),
        Some("Exists") => value.is_some(),
        Some("DoesNotExist") => value.is_none(),
        _ => false,
    }
}

/// A pod's spec at `spec` (`spec`, or a template's `spec.template.spec`).
fn pod_spec(p: &PodSpec, spec: &FieldPath, errs: &mut ErrorList) {
    if !p.node_name.is_empty() {
        errs.invalid_each(
            &spec.child("nodeName"),
            &p.node_name,
            is_dns1123_subdomain(&p.node_name),
        );
    }
    labels(&p.node_selector, &spec.child("nodeSelector"), errs);
    container_resources::containers(&p.init_containers, &spec.child("initContainers"), errs);
    container_resources::containers(&p.containers, &spec.child("containers"), errs);
    ports(&p.init_containers, &spec.child("initContainers"), errs);
    ports(&p.containers, &spec.child("containers"), errs);
    tolerations(&p.tolerations, &spec.child("tolerations"), errs);
    if let Some(node_affinity) = p.affinity.as_ref().and_then(|a| a.node_affinity.as_ref()) {
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
    for (i, claim) in p.resource_claims.iter().enumerate() {
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
