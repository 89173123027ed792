//! The view-friendly shapes of [`super::Analysis`] and how they are built
//! from the loaded objects and the run result.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::api::{
    device_id, namespace_or_default, namespaced_name, pod_claim_name, DeviceAttribute,
    DeviceRequestAllocationResult, NodeSelector, Object, ResourceClaim, ResourceClaimSpec,
    ResourceSlice,
};
use crate::diagnostic::Span;
use crate::features::Gate;
use crate::load::{LoadedObject, LoadedScenario};
use crate::quantity::Quantity;
use crate::scheduler::{Placement, RunResult};
use crate::yaml::{FieldPath, SpanTable};

/// One object of the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectView {
    /// Its kind (`DeviceClass`, `ResourceSlice`, ...).
    pub kind: String,
    /// Its namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Index of its YAML document in the stream.
    pub document: usize,
    /// Where it is written.
    pub span: Span,
}

/// The Scenario document's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `spec.kubernetesVersion`, as written.
    pub kubernetes_version: Option<String>,
    /// `spec.featureGates`, as written.
    pub feature_gates: BTreeMap<String, bool>,
    /// The Scenario document's name.
    pub name: Option<String>,
    /// Where the Scenario document is written, if there is one.
    pub span: Option<Span>,
    /// Every DRA gate with the state the run uses.
    pub effective: Vec<(String, bool)>,
    /// `spec.skipValidation`: the objects went to the allocator unvalidated.
    pub skip_validation: bool,
}

/// A node and what it holds. The group of devices that are not local to one
/// node (node selectors, all nodes) has `shared` set and no node of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    /// The node's name (a description for the shared group).
    pub name: String,
    /// True for the group of devices available to several nodes.
    pub shared: bool,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// Where the Node document is written (None for nodes implied by slices).
    pub span: Option<Span>,
    /// Pools with devices on this node, in document order.
    pub pools: Vec<PoolView>,
    /// Pods scheduled here (`NAMESPACE/NAME`).
    pub pods: Vec<String>,
}

/// A pool of one driver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolView {
    /// The driver.
    pub driver: String,
    /// The pool's name.
    pub name: String,
    /// The slices' spans.
    pub slice_spans: Vec<Span>,
    /// Shared counter sets, with what the allocated devices consume.
    pub counter_sets: Vec<CounterSetView>,
    /// Devices, in document order.
    pub devices: Vec<DeviceView>,
}

/// A shared counter set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterSetView {
    /// Its name.
    pub name: String,
    /// Each counter with its total and what is in use.
    pub counters: Vec<Gauge>,
    /// Where it is written.
    pub span: Span,
}

/// An amount with a total: a counter or consumable capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gauge {
    /// The counter or capacity name.
    pub name: String,
    /// The total, as Kubernetes prints a quantity.
    pub total: String,
    /// What is in use, as Kubernetes prints a quantity.
    pub used: String,
    /// Used divided by total, in 0..=1 (0 when the total is 0).
    pub fraction: f64,
    /// Consumable capacity: what each claim holding the device consumes, in the order of the
    /// run's claims (empty for counters).
    pub shares: Vec<GaugeShare>,
}

/// One claim's part of a [`Gauge`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GaugeShare {
    /// The claim, `NAMESPACE/NAME`.
    pub claim: String,
    /// What it consumes divided by the total, in 0..=1.
    pub fraction: f64,
}

/// A name and a value, both as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedValue {
    /// The name.
    pub name: String,
    /// The value.
    pub value: String,
}

/// A device taint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaintView {
    /// `key=value:Effect`, as kubectl prints taints.
    pub text: String,
    /// The effect (`NoSchedule`, `NoExecute`, `None`).
    pub effect: String,
}

/// One device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceView {
    /// `DRIVER/POOL/DEVICE`.
    pub key: String,
    /// The driver.
    pub driver: String,
    /// The pool.
    pub pool: String,
    /// The device's name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
    /// Attributes, by name, as text.
    pub attributes: Vec<NamedValue>,
    /// Capacity, by name, as text.
    pub capacity: Vec<NamedValue>,
    /// Consumable capacity (devices that allow multiple allocations): what is used.
    pub capacity_gauges: Vec<Gauge>,
    /// The counter set it consumes from (partitions), if any.
    pub counter_set: Option<String>,
    /// True when it consumes every counter of its set in full (the whole device).
    pub whole: bool,
    /// Its taints.
    pub taints: Vec<TaintView>,
    /// True when it can be allocated to several claims at once.
    pub multiple_allocations: bool,
    /// True when it has binding conditions.
    pub binding_conditions: Vec<String>,
    /// Claims it is allocated to.
    pub allocations: Vec<DeviceUse>,
    /// For a device not local to one node: which nodes reach it, in words ("all nodes", or
    /// its node selector).
    pub reach: Option<String>,
}

/// A device's allocation to one claim's request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceUse {
    /// The claim, `NAMESPACE/NAME`.
    pub claim: String,
    /// The request (`request` or `request/subrequest`).
    pub request: String,
    /// True when the claim was already allocated in the input.
    pub preallocated: bool,
    /// True for admin access.
    pub admin_access: bool,
    /// Its share of the device's consumable capacity (devices with multiple allocations).
    pub consumed: Vec<NamedValue>,
}

/// A device class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassView {
    /// Its name.
    pub name: String,
    /// Its CEL selectors.
    pub selectors: Vec<String>,
    /// Its extended resource name, if any.
    pub extended_resource_name: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// A request of a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Its name.
    pub name: String,
    /// What it asks for, in words (class, count, mode).
    pub summary: String,
    /// Where it is written.
    pub span: Span,
    /// Prioritized alternatives (`firstAvailable`): name and span.
    pub alternatives: Vec<(String, Span)>,
}

/// A device given to a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultView {
    /// The request (`request` or `request/subrequest`).
    pub request: String,
    /// `DRIVER/POOL/DEVICE`.
    pub device: String,
    /// True for admin access.
    pub admin_access: bool,
    /// Consumed capacity, for devices with multiple allocations.
    pub consumed: Vec<NamedValue>,
}

/// A claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    /// `NAMESPACE/NAME`.
    pub key: String,
    /// The namespace.
    pub namespace: String,
    /// The name.
    pub name: String,
    /// Where it is written (the template's document for claims made from one).
    pub span: Option<Span>,
    /// The template it was made from, if any.
    pub template: Option<String>,
    /// Its requests.
    pub requests: Vec<RequestView>,
    /// True when the input already had an allocation for it.
    pub preallocated: bool,
    /// The devices allocated, empty when not allocated.
    pub results: Vec<ResultView>,
    /// Whether it is allocated (after the run).
    pub allocated: bool,
    /// The pods it is reserved for (`NAMESPACE/NAME`) and pods that use it.
    pub pods: Vec<String>,
    /// The node selector of its allocation, in words (empty when none).
    pub node_selector: String,
    /// The device configuration of its allocation, in the order drivers apply it: the
    /// classes' first, then the claim's (so that the claim's wins where both set something).
    pub config: Vec<ConfigView>,
}

/// One entry of an allocation's device configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigView {
    /// `FromClass` or `FromClaim`.
    pub source: String,
    /// The requests it applies to (empty: every request).
    pub requests: Vec<String>,
    /// The driver it is for.
    pub driver: String,
    /// Its opaque parameters, as one line of JSON.
    pub parameters: String,
}

/// A pod.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodView {
    /// `NAMESPACE/NAME`.
    pub key: String,
    /// The namespace.
    pub namespace: String,
    /// The name.
    pub name: String,
    /// Where it is written (None for the implicit pod of a claim).
    pub span: Option<Span>,
    /// True for the implicit pod of a claim (no Pod in the scenario).
    pub implicit: bool,
    /// The node it landed on.
    pub node: Option<String>,
    /// Why it is not scheduled (None when it is, or when nothing ran).
    pub unschedulable: Option<String>,
    /// Its claims (`NAMESPACE/NAME`), in `spec.resourceClaims` order.
    pub claims: Vec<String>,
}

pub(super) struct Views {
    pub objects: Vec<ObjectView>,
    pub nodes: Vec<NodeView>,
    pub classes: Vec<ClassView>,
    pub claims: Vec<ClaimView>,
    pub pods: Vec<PodView>,
    pub settings: Settings,
}

fn path(p: &str) -> FieldPath {
    let mut fp = FieldPath::root();
    for part in p.split('.') {
        if let Some((name, rest)) = part.split_once('[') {
            if !name.is_empty() {
                fp = fp.child(name);
            }
            for idx in rest.split('[') {
                let idx = idx.trim_end_matches(']');
                fp = match idx.parse::<usize>() {
                    Ok(i) => fp.index(i),
                    Err(_) => fp.key(idx),
                };
            }
        } else {
            fp = fp.child(part);
        }
    }
    fp
}

/// The span of a list item or field, falling back to the whole object.
fn span_of(spans: &SpanTable, p: &str) -> Span {
    let fp = path(p);
    match spans.get(&fp) {
        Some(entry) => match entry.key {
            Some(k) => k.cover(entry.value),
            None => entry.value,
        },
        None => spans.value_span(&fp),
    }
}

/// `used` written with the suffix of `total` (`80G` of `100G`, not `78125000Ki`), so that a
/// gauge reads naturally; exact when it divides evenly, else to two decimals.
fn quantity_like(used: &Quantity, total: &Quantity) -> String {
    const SUFFIXES: [(&str, f64); 14] = [
        ("Ki", 1024.0),
        ("Mi", 1048576.0),
        ("Gi", 1073741824.0),
        ("Ti", 1099511627776.0),
        ("Pi", 1125899906842624.0),
        ("Ei", 1152921504606846976.0),
        ("n", 1e-9),
        ("u", 1e-6),
        ("m", 1e-3),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("P", 1e15),
    ];
    if used.is_zero() {
        return "0".to_owned();
    }
    let total_text = total.to_string();
    let Some((suffix, factor)) = SUFFIXES
        .iter()
        .filter(|(s, _)| {
            total_text.ends_with(s)
                && total_text[..total_text.len() - s.len()]
                    .parse::<f64>()
                    .is_ok()
        })
        .max_by_key(|(s, _)| s.len())
    else {
        return used.to_string();
    };
    let value = used.as_approximate_f64() / factor;
    let mut text = format!("{value:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    format!("{text}{suffix}")
}

fn quantity_fraction(used: &Quantity, total: &Quantity) -> f64 {
    let t = total.as_approximate_f64();
    if t <= 0.0 {
        return 0.0;
    }
    (used.as_approximate_f64() / t).clamp(0.0, 1.0)
}

fn attribute_text(a: &DeviceAttribute) -> String {
    if let Some(v) = a.int_value {
        return v.to_string();
    }
    if let Some(v) = a.bool_value {
        return v.to_string();
    }
    if let Some(v) = &a.string_value {
        return format!("{v:?}");
    }
    if let Some(v) = &a.version_value {
        return format!("v{v}");
    }
    if let Some(v) = &a.int_values {
        return format!("{v:?}");
    }
    if let Some(v) = &a.bool_values {
        return format!("{v:?}");
    }
    if let Some(v) = &a.string_values {
        return format!("{v:?}");
    }
    if let Some(v) = &a.version_values {
        return format!("{v:?}");
    }
    String::new()
}

/// A node selector in words: `key In (a, b)` terms joined by "or".
pub fn node_selector_text(selector: &NodeSelector) -> String {
    selector
        .node_selector_terms
        .iter()
        .map(|term| {
            term.match_expressions
                .iter()
                .chain(&term.match_fields)
                .map(|r| {
                    if r.values.is_empty() {
                        format!("{} {}", r.key, r.operator)
                    } else {
                        format!("{} {} ({})", r.key, r.operator, r.values.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn requests_of(spec: &ResourceClaimSpec, spans: &SpanTable, prefix: &str) -> Vec<RequestView> {
    spec.devices
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let base = format!("{prefix}spec.devices.requests[{i}]");
            let summary = match &r.exactly {
                Some(e) => {
                    let amount = if e.allocation_mode == "All" {
                        "all".to_owned()
                    } else {
                        e.count.max(1).to_string()
                    };
                    let mut s = format!("{amount} × {}", e.device_class_name);
                    if !e.selectors.is_empty() {
                        s.push_str(&format!(
                            ", {} selector{}",
                            e.selectors.len(),
                            if e.selectors.len() == 1 { "" } else { "s" }
                        ));
                    }
                    if e.admin_access == Some(true) {
                        s.push_str(", admin access");
                    }
                    s
                }
                None => format!(
                    "first available of {}",
                    r.first_available
                        .iter()
                        .map(|s| format!("{} ({})", s.name, s.device_class_name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            RequestView {
                name: r.name.clone(),
                summary,
                span: span_of(spans, &base),
                alternatives: r
                    .first_available
                    .iter()
                    .enumerate()
                    .map(|(j, s)| {
                        (
                            s.name.clone(),
                            span_of(spans, &format!("{base}.firstAvailable[{j}]")),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

fn device_key(r: &DeviceRequestAllocationResult) -> String {
    device_id(&r.driver, &r.pool, &r.device)
}

/// Which nodes reach a device that is not local to one node, in words: the device's own node
/// selection (perDeviceNodeSelection) or its slice's.
fn reach(slice: &ResourceSlice, device: &crate::api::Device) -> String {
    let selector = device
        .node_selector
        .as_ref()
        .or(slice.spec.node_selector.as_ref());
    match selector {
        Some(s) if device.all_nodes != Some(true) => {
            format!("nodes with {}", node_selector_text(s))
        }
        _ => "all nodes".to_owned(),
    }
}

/// Where a slice's devices are: one node, or shared (selector / all nodes).
fn slice_node(slice: &ResourceSlice) -> Option<&str> {
    slice.spec.node_name.as_deref().filter(|n| !n.is_empty())
}

pub(super) fn build(loaded: &LoadedScenario, run: Option<&RunResult>) -> Views {
    let objects: Vec<ObjectView> = loaded
        .objects
        .iter()
        .map(|o| {
            let meta = o.object.metadata();
            let namespaced = matches!(
                o.object,
                Object::ResourceClaim(_) | Object::ResourceClaimTemplate(_) | Object::Pod(_)
            );
            ObjectView {
                kind: o.object.kind().to_owned(),
                namespace: if namespaced {
                    namespace_or_default(&meta.namespace).to_owned()
                } else {
                    String::new()
                },
                name: meta.name.clone(),
                document: o.document,
                span: o.spans.object,
            }
        })
        .collect();

    let settings = settings(loaded);
    let classes = loaded
        .first_moment()
        .iter()
        .filter_map(|o| match &o.object {
            Object::DeviceClass(c) => Some(ClassView {
                name: c.metadata.name.clone(),
                selectors: c
                    .spec
                    .selectors
                    .iter()
                    .filter_map(|s| s.cel.as_ref().map(|c| c.expression.clone()))
                    .collect(),
                extended_resource_name: c.spec.extended_resource_name.clone(),
                span: o.spans.object,
            }),
            _ => None,
        })
        .collect();

    let (claims, pods) = claims_and_pods(loaded, run);
    let nodes = nodes(loaded, run, &claims, &pods);
    Views {
        objects,
        nodes,
        classes,
        claims,
        pods,
        settings,
    }
}

fn settings(loaded: &LoadedScenario) -> Settings {
    let mut settings = Settings {
        effective: Gate::ALL
            .iter()
            .map(|g| (g.name().to_owned(), loaded.gates.enabled(*g)))
            .collect(),
        ..Settings::default()
    };
    for o in loaded.first_moment() {
        if let Object::Scenario(s) = &o.object {
            settings.kubernetes_version = s.spec.kubernetes_version.clone();
            settings.feature_gates = s.spec.feature_gates.clone();
            settings.skip_validation = s.spec.skip_validation;
            settings.name = Some(s.metadata.name.clone()).filter(|n| !n.is_empty());
            settings.span = Some(o.spans.object);
        }
    }
    settings
}

fn claims_and_pods(
    loaded: &LoadedScenario,
    run: Option<&RunResult>,
) -> (Vec<ClaimView>, Vec<PodView>) {
    // Input claims, by key, with their spans and requests.
    let mut input: Vec<(&ResourceClaim, &LoadedObject)> = Vec::new();
    let mut templates: HashMap<String, &LoadedObject> = HashMap::new();
    let mut pods_in: Vec<(&crate::api::Pod, &LoadedObject)> = Vec::new();
    for o in loaded.first_moment() {
        match &o.object {
            Object::ResourceClaim(c) => input.push((c, o)),
            Object::ResourceClaimTemplate(t) => {
                templates.insert(t.metadata.namespaced_name(), o);
            }
            Object::Pod(p) => pods_in.push((p, o)),
            _ => {}
        }
    }

    // Claims made from templates (or linked to the pod by its status) →
    // (pod key, template key).
    let mut generated: HashMap<String, (String, String)> = HashMap::new();
    let mut claim_users: HashMap<String, Vec<String>> = HashMap::new();
    let mut pod_claims: Vec<Vec<String>> = Vec::new();
    for (pod, _) in &pods_in {
        let pod_ns = namespace_or_default(&pod.metadata.namespace);
        let pod_key = namespaced_name(pod_ns, &pod.metadata.name);
        let mut list = Vec::new();
        for entry in &pod.spec.resource_claims {
            let Some(name) = pod_claim_name(pod, entry) else {
                continue;
            };
            let claim_key = namespaced_name(pod_ns, &name);
            if let Some(t) = &entry.resource_claim_template_name {
                generated.insert(
                    claim_key.clone(),
                    (pod_key.clone(), namespaced_name(pod_ns, t)),
                );
            }
            claim_users
                .entry(claim_key.clone())
                .or_default()
                .push(pod_key.clone());
            list.push(claim_key);
        }
        pod_claims.push(list);
    }

    let input_keys: BTreeSet<String> = input
        .iter()
        .map(|(c, _)| c.metadata.namespaced_name())
        .collect();

    let claim_view = |claim: &ResourceClaim, source: Option<&LoadedObject>| -> ClaimView {
        let namespace = namespace_or_default(&claim.metadata.namespace).to_owned();
        let k = namespaced_name(&namespace, &claim.metadata.name);
        let preallocated = source
            .and_then(|o| match &o.object {
                Object::ResourceClaim(c) => Some(c.status.allocation.is_some()),
                _ => None,
            })
            .unwrap_or(false);
        let (span, template, requests) = match source {
            Some(o) => (
                Some(o.spans.object),
                None,
                requests_of(&claim.spec, &o.spans, ""),
            ),
            None => match generated
                .get(&k)
                .and_then(|(_, t)| templates.get(t).map(|o| (t, o)))
            {
                Some((t, o)) => (
                    Some(o.spans.object),
                    Some(t.clone()),
                    requests_of(&claim.spec, &o.spans, "spec."),
                ),
                None => (
                    None,
                    None,
                    requests_of(&claim.spec, &SpanTable::default(), ""),
                ),
            },
        };
        let allocation = claim.status.allocation.as_ref();
        let mut users: Vec<String> = claim
            .status
            .reserved_for
            .iter()
            .filter(|r| r.resource == "pods")
            .map(|r| namespaced_name(&namespace, &r.name))
            .collect();
        for u in claim_users.get(&k).into_iter().flatten() {
            if !users.contains(u) {
                users.push(u.clone());
            }
        }
        ClaimView {
            key: k,
            namespace,
            name: claim.metadata.name.clone(),
            span,
            template,
            requests,
            preallocated,
            results: allocation
                .map(|a| {
                    a.devices
                        .results
                        .iter()
                        .map(|r| ResultView {
                            request: r.request.clone(),
                            device: device_key(r),
                            admin_access: r.admin_access == Some(true),
                            consumed: r
                                .consumed_capacity
                                .iter()
                                .map(|(n, q)| NamedValue {
                                    name: n.clone(),
                                    value: q.to_string(),
                                })
                                .collect(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            allocated: allocation.is_some(),
            pods: users,
            node_selector: allocation
                .and_then(|a| a.node_selector.as_ref())
                .map(node_selector_text)
                .unwrap_or_default(),
            config: allocation
                .map(|a| {
                    a.devices
                        .config
                        .iter()
                        .map(|c| ConfigView {
                            source: c.source.clone(),
                            requests: c.requests.clone(),
                            driver: c
                                .opaque
                                .as_ref()
                                .map_or_else(String::new, |o| o.driver.clone()),
                            parameters: c
                                .opaque
                                .as_ref()
                                .map_or_else(String::new, |o| o.parameters.to_string()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    };

    let source_of = |c: &ResourceClaim| -> Option<&LoadedObject> {
        let k = c.metadata.namespaced_name();
        input
            .iter()
            .find(|(ic, _)| ic.metadata.namespaced_name() == k)
            .map(|(_, o)| *o)
    };

    let claims: Vec<ClaimView> = match run {
        Some(result) => result
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let k = c.metadata.namespaced_name();
                // Input claims come first; later ones are made from templates.
                let source = if i < input.len() && input_keys.contains(&k) {
                    source_of(c)
                } else {
                    None
                };
                claim_view(c, source)
            })
            .collect(),
        None => input.iter().map(|(c, o)| claim_view(c, Some(o))).collect(),
    };

    let pods: Vec<PodView> = match run {
        Some(result) if result.pods.is_empty() => result
            .implicit_pods
            .iter()
            .map(|p| {
                let namespace = namespace_or_default(&p.pod.metadata.namespace).to_owned();
                let claim_name = p
                    .pod
                    .metadata
                    .name
                    .strip_suffix("-pod")
                    .unwrap_or(&p.pod.metadata.name);
                PodView {
                    key: namespaced_name(&namespace, &p.pod.metadata.name),
                    name: p.pod.metadata.name.clone(),
                    span: None,
                    implicit: true,
                    node: match &p.placement {
                        Placement::Node(n) => Some(n.clone()),
                        Placement::Unschedulable(_) => None,
                    },
                    unschedulable: match &p.placement {
                        Placement::Node(_) => None,
                        Placement::Unschedulable(m) => Some(m.clone()),
                    },
                    claims: vec![namespaced_name(&namespace, claim_name)],
                    namespace,
                }
            })
            .collect(),
        _ => pods_in
            .iter()
            .enumerate()
            .map(|(i, (pod, o))| {
                let namespace = namespace_or_default(&pod.metadata.namespace).to_owned();
                let placement = run.and_then(|r| r.pods.get(i)).map(|p| &p.placement);
                PodView {
                    key: namespaced_name(&namespace, &pod.metadata.name),
                    name: pod.metadata.name.clone(),
                    span: Some(o.spans.object),
                    implicit: false,
                    node: match placement {
                        Some(Placement::Node(n)) => Some(n.clone()),
                        _ => None,
                    },
                    unschedulable: match placement {
                        Some(Placement::Unschedulable(m)) => Some(m.clone()),
                        _ => None,
                    },
                    claims: pod_claims[i].clone(),
                    namespace,
                }
            })
            .collect(),
    };
    (claims, pods)
}

const SHARED_GROUP: &str = "Available to several nodes";

fn nodes(
    loaded: &LoadedScenario,
    run: Option<&RunResult>,
    claims: &[ClaimView],
    pods: &[PodView],
) -> Vec<NodeView> {
    let mut nodes: Vec<NodeView> = Vec::new();
    for o in loaded.first_moment() {
        if let Object::Node(n) = &o.object {
            if nodes.iter().any(|v| v.name == n.metadata.name) {
                continue;
            }
            nodes.push(NodeView {
                name: n.metadata.name.clone(),
                shared: false,
                labels: n.metadata.labels.clone(),
                span: Some(o.spans.object),
                pools: Vec::new(),
                pods: Vec::new(),
            });
        }
    }

    // Who uses which device (from the claims after the run).
    let mut uses: HashMap<String, Vec<DeviceUse>> = HashMap::new();
    let mut used_capacity: HashMap<String, BTreeMap<String, Quantity>> = HashMap::new();
    for claim in claims {
        for r in &claim.results {
            uses.entry(r.device.clone()).or_default().push(DeviceUse {
                claim: claim.key.clone(),
                request: r.request.clone(),
                preallocated: claim.preallocated,
                admin_access: r.admin_access,
                consumed: r.consumed.clone(),
            });
        }
    }
    // What each claim consumes of a device's capacity: (claim, capacity, amount) by device.
    let mut capacity_shares: HashMap<String, Vec<(String, String, Quantity)>> = HashMap::new();
    let all_results = run
        .map(|r| r.claims.iter())
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c.metadata.namespaced_name(), c.status.allocation.as_ref()?)))
        .flat_map(|(claim, a)| a.devices.results.iter().map(move |r| (claim.clone(), r)));
    for (claim, r) in all_results {
        let k = device_key(r);
        let entry = used_capacity.entry(k.clone()).or_default();
        for (name, q) in &r.consumed_capacity {
            let sum = entry
                .get(name)
                .and_then(|s| s.checked_add(q))
                .unwrap_or_else(|| q.clone());
            entry.insert(name.clone(), sum);
            capacity_shares.entry(k.clone()).or_default().push((
                claim.clone(),
                name.clone(),
                q.clone(),
            ));
        }
    }

    // Counter sets per pool (driver, pool), from every slice of the pool.
    let mut counter_sets: HashMap<(String, String), Vec<(crate::api::CounterSet, Span)>> =
        HashMap::new();
    for o in loaded.first_moment() {
        if let Object::ResourceSlice(s) = &o.object {
            for (i, set) in s.spec.shared_counters.iter().enumerate() {
                counter_sets
                    .entry((s.spec.driver.clone(), s.spec.pool.name.clone()))
                    .or_default()
                    .push((
                        set.clone(),
                        span_of(&o.spans, &format!("spec.sharedCounters[{i}]")),
                    ));
            }
        }
    }
    // Counters consumed per pool: once per allocated device.
    let mut consumed: HashMap<(String, String, String), BTreeMap<String, Quantity>> =
        HashMap::new();

    let mut shared = NodeView {
        name: SHARED_GROUP.to_owned(),
        shared: true,
        labels: BTreeMap::new(),
        span: None,
        pools: Vec::new(),
        pods: Vec::new(),
    };

    for o in loaded.first_moment() {
        let Object::ResourceSlice(slice) = &o.object else {
            continue;
        };
        let driver = slice.spec.driver.clone();
        let pool_name = slice.spec.pool.name.clone();
        let sets = counter_sets
            .get(&(driver.clone(), pool_name.clone()))
            .cloned()
            .unwrap_or_default();
        for (i, device) in slice.spec.devices.iter().enumerate() {
            let k = format!("{driver}/{pool_name}/{}", device.name);
            let device_uses = uses.get(&k).cloned().unwrap_or_default();
            if !device_uses.is_empty() {
                for c in &device.consumes_counters {
                    let entry = consumed
                        .entry((driver.clone(), pool_name.clone(), c.counter_set.clone()))
                        .or_default();
                    for (name, counter) in &c.counters {
                        let sum = entry
                            .get(name)
                            .and_then(|s| s.checked_add(&counter.value))
                            .unwrap_or_else(|| counter.value.clone());
                        entry.insert(name.clone(), sum);
                    }
                }
            }
            let counter_set = device
                .consumes_counters
                .first()
                .map(|c| c.counter_set.clone());
            let whole = device.consumes_counters.len() == 1
                && sets.iter().any(|(set, _)| {
                    let c = &device.consumes_counters[0];
                    set.name == c.counter_set
                        && !set.counters.is_empty()
                        && set.counters.iter().all(|(n, total)| {
                            c.counters
                                .get(n)
                                .is_some_and(|v| v.value.is_identical(&total.value))
                        })
                });
            let multiple = device.allow_multiple_allocations == Some(true);
            let used = used_capacity.get(&k);
            let view = DeviceView {
                key: k.clone(),
                driver: driver.clone(),
                pool: pool_name.clone(),
                name: device.name.clone(),
                span: span_of(&o.spans, &format!("spec.devices[{i}]")),
                attributes: device
                    .attributes
                    .iter()
                    .map(|(n, a)| NamedValue {
                        name: n.clone(),
                        value: attribute_text(a),
                    })
                    .collect(),
                capacity: device
                    .capacity
                    .iter()
                    .map(|(n, c)| NamedValue {
                        name: n.clone(),
                        value: c.value.to_string(),
                    })
                    .collect(),
                capacity_gauges: if multiple {
                    device
                        .capacity
                        .iter()
                        .map(|(n, c)| {
                            let u = used
                                .and_then(|m| m.get(n))
                                .cloned()
                                .unwrap_or_else(Quantity::zero);
                            Gauge {
                                name: n.clone(),
                                total: c.value.to_string(),
                                used: quantity_like(&u, &c.value),
                                fraction: quantity_fraction(&u, &c.value),
                                shares: capacity_shares
                                    .get(&k)
                                    .into_iter()
                                    .flatten()
                                    .filter(|(_, name, _)| name == n)
                                    .map(|(claim, _, q)| GaugeShare {
                                        claim: claim.clone(),
                                        fraction: quantity_fraction(q, &c.value),
                                    })
                                    .collect(),
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                counter_set,
                whole,
                taints: device
                    .taints
                    .iter()
                    .map(|t| TaintView {
                        text: if t.value.is_empty() {
                            format!("{}:{}", t.key, t.effect)
                        } else {
                            format!("{}={}:{}", t.key, t.value, t.effect)
                        },
                        effect: t.effect.clone(),
                    })
                    .collect(),
                multiple_allocations: multiple,
                binding_conditions: device.binding_conditions.clone(),
                allocations: device_uses,
                reach: None,
            };
            let node_name = device
                .node_name
                .as_deref()
                .filter(|n| !n.is_empty())
                .or(slice_node(slice));
            let group = match node_name {
                Some(name) => match nodes.iter().position(|n| n.name == name) {
                    Some(p) => &mut nodes[p],
                    None => {
                        // A slice on a node without a Node document: the
                        // scheduler only knows it when there is no Node at all.
                        nodes.push(NodeView {
                            name: name.to_owned(),
                            shared: false,
                            labels: BTreeMap::new(),
                            span: None,
                            pools: Vec::new(),
                            pods: Vec::new(),
                        });
                        nodes.last_mut().expect("just pushed")
                    }
                },
                None => &mut shared,
            };
            let view = DeviceView {
                reach: node_name.is_none().then(|| reach(slice, device)),
                ..view
            };
            add_device(group, &driver, &pool_name, o.spans.object, view);
        }
        if slice.spec.devices.is_empty() {
            // A slice of counters only: show its pool where its node is.
            if let Some(name) = slice_node(slice) {
                if let Some(p) = nodes.iter().position(|n| n.name == name) {
                    add_pool(&mut nodes[p], &driver, &pool_name, o.spans.object);
                }
            }
        }
    }
    if !shared.pools.is_empty() {
        nodes.push(shared);
    }

    // Counter gauges for every pool that has counter sets.
    for node in &mut nodes {
        for pool in &mut node.pools {
            let Some(sets) = counter_sets.get(&(pool.driver.clone(), pool.name.clone())) else {
                continue;
            };
            pool.counter_sets = sets
                .iter()
                .map(|(set, span)| {
                    let used =
                        consumed.get(&(pool.driver.clone(), pool.name.clone(), set.name.clone()));
                    CounterSetView {
                        name: set.name.clone(),
                        span: *span,
                        counters: set
                            .counters
                            .iter()
                            .map(|(n, total)| {
                                let u = used
                                    .and_then(|m| m.get(n))
                                    .cloned()
                                    .unwrap_or_else(Quantity::zero);
                                Gauge {
                                    name: n.clone(),
                                    total: total.value.to_string(),
                                    used: quantity_like(&u, &total.value),
                                    fraction: quantity_fraction(&u, &total.value),
                                    shares: Vec::new(),
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
        }
    }

    for pod in pods {
        if let Some(n) = &pod.node {
            if let Some(node) = nodes.iter_mut().find(|v| !v.shared && &v.name == n) {
                node.pods.push(pod.key.clone());
            } else {
                nodes.push(NodeView {
                    name: n.clone(),
                    shared: false,
                    labels: BTreeMap::new(),
                    span: None,
                    pools: Vec::new(),
                    pods: vec![pod.key.clone()],
                });
            }
        }
    }
    nodes
}

fn add_pool<'a>(node: &'a mut NodeView, driver: &str, pool: &str, span: Span) -> &'a mut PoolView {
    let index = match node
        .pools
        .iter()
        .position(|p| p.driver == driver && p.name == pool)
    {
        Some(i) => i,
        None => {
            node.pools.push(PoolView {
                driver: driver.to_owned(),
                name: pool.to_owned(),
                slice_spans: Vec::new(),
                counter_sets: Vec::new(),
                devices: Vec::new(),
            });
            node.pools.len() - 1
        }
    };
    let p = &mut node.pools[index];
    if !p.slice_spans.contains(&span) {
        p.slice_spans.push(span);
    }
    p
}

fn add_device(node: &mut NodeView, driver: &str, pool: &str, slice: Span, device: DeviceView) {
    add_pool(node, driver, pool, slice).devices.push(device);
}
