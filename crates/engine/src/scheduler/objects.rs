//! A scenario's objects sorted by kind, in document order, with the
//! settings the scheduler reads from the Scenario and KubeSchedulerConfiguration
//! documents.

use crate::api::{
    DeviceClass, DeviceTaintRule, KubeSchedulerConfiguration, Node, Object, ObjectMeta, Pod,
    ResourceClaim, ResourceClaimTemplate, ResourceSlice, SearchBudget,
};

/// The objects of a scenario, sorted by kind, in document order.
pub(super) struct Objects {
    pub classes: Vec<DeviceClass>,
    pub slices: Vec<ResourceSlice>,
    pub claims: Vec<ResourceClaim>,
    pub templates: Vec<ResourceClaimTemplate>,
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    /// DeviceTaintRules, applied to the slices' devices.
    pub rules: Vec<DeviceTaintRule>,
    /// The first Scenario document's search budget.
    pub budget: Option<SearchBudget>,
    /// The first Scenario document's `spec.scoring`.
    pub scoring: Option<bool>,
    /// The first Scenario document's `spec.kubernetesVersion`.
    pub kubernetes_version: Option<String>,
    /// The first KubeSchedulerConfiguration document.
    pub configuration: Option<KubeSchedulerConfiguration>,
}

impl Objects {
    pub(super) fn sort(objects: Vec<Object>) -> Self {
        let mut sorted = Objects {
            classes: Vec::new(),
            slices: Vec::new(),
            claims: Vec::new(),
            templates: Vec::new(),
            nodes: Vec::new(),
            pods: Vec::new(),
            rules: Vec::new(),
            budget: None,
            scoring: None,
            kubernetes_version: None,
            configuration: None,
        };
        let mut scenario_seen = false;
        for object in objects {
            match object {
                Object::DeviceClass(o) => sorted.classes.push(o),
                Object::ResourceSlice(o) => sorted.slices.push(o),
                Object::ResourceClaim(o) => sorted.claims.push(o),
                Object::ResourceClaimTemplate(o) => sorted.templates.push(o),
                Object::DeviceTaintRule(o) => sorted.rules.push(o),
                Object::Node(o) => sorted.nodes.push(o),
                Object::Pod(o) => sorted.pods.push(o),
                // Their pods are in the scenario already; namespaces only
                // matter to validation.
                Object::Workload(_) | Object::Namespace(_) => {}
                Object::KubeSchedulerConfiguration(o) => {
                    if sorted.configuration.is_none() {
                        sorted.configuration = Some(o);
                    }
                }
                Object::Scenario(o) => {
                    if !scenario_seen {
                        sorted.budget = o.spec.search_budget;
                        sorted.scoring = o.spec.scoring;
                        sorted.kubernetes_version = o.spec.kubernetes_version;
                        scenario_seen = true;
                    }
                }
            }
        }
        if sorted.nodes.is_empty() {
            sorted.nodes = nodes_from_slices(&sorted.slices);
        }
        sorted
    }
}

/// Without Node documents, the nodes are the distinct `spec.nodeName` values
/// of the slices, in order of first appearance, without labels.
pub(crate) fn nodes_from_slices(slices: &[ResourceSlice]) -> Vec<Node> {
    let mut names: Vec<&str> = Vec::new();
    for slice in slices {
        if let Some(name) = slice.spec.node_name.as_deref() {
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| Node {
            metadata: ObjectMeta {
                name: name.to_owned(),
                ..ObjectMeta::default()
            },
            ..Node::default()
        })
        .collect()
}
