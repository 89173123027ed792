//! Extended resources (`example.com/gpu: 1` in a container's resources) on a
//! node, as the kube-scheduler's NodeResourcesFit and DynamicResources
//! plugins decide together (KEP-5004, feature gate DRAExtendedResource).
//!
//! A node that advertises the resource in `status.allocatable` (a device
//! plugin's count) serves it from that count. With the gate on, a node that
//! does not (or advertises 0) leaves it to DRA when a DeviceClass serves the
//! name: its `spec.extendedResourceName`, or the implicit
//! `deviceclass.resource.kubernetes.io/<class name>`. Anything else is
//! "Insufficient <name>" on that node.

use std::collections::BTreeMap;

use crate::api::{DeviceClass, Node, Pod};
use crate::quantity::Quantity;
use crate::resource_names::{is_dra_extended_resource_name, DEVICE_CLASS_RESOURCE_PREFIX};

/// The extended resources a pod requests, with the class serving each.
#[derive(Debug)]
pub(super) struct ExtendedResources<'a> {
    /// Names DRA can serve, requested with a quantity above zero, in name
    /// order; each with its amount and (with the gate on) its class.
    requests: Vec<(String, i64, Option<&'a DeviceClass>)>,
}

/// How a node serves a pod's extended resources.
#[derive(Debug, PartialEq)]
pub(super) enum NodeFit<'r, 'a> {
    /// These resources go to DRA here (may be empty: all from allocatable).
    Fits(Vec<(&'r str, &'a DeviceClass)>),
    /// Not enough allocatable: NodeResourcesFit's reasons.
    Insufficient(String),
}

impl<'a> ExtendedResources<'a> {
    /// The pod's extended resources; None when it requests none.
    /// `dra` is the DRAExtendedResource gate.
    pub(super) fn for_pod(pod: &Pod, classes: &'a [DeviceClass], dra: bool) -> Option<Self> {
        let requests: Vec<(String, i64, Option<&'a DeviceClass>)> = pod_requests(pod)
            .into_iter()
            .filter(|(name, q)| is_dra_extended_resource_name(name) && q.sign() > 0)
            .map(|(name, q)| {
                let class = if dra {
                    serving_class(&name, classes)
                } else {
                    None
                };
                (name, q.value(), class)
            })
            .collect();
        (!requests.is_empty()).then_some(ExtendedResources { requests })
    }

    /// Whether some requested resource has a class: the scheduler then
    /// prepares a claim for the pod (upstream's PreFilter).
    pub(super) fn backed_by_dra(&self) -> bool {
        self.requests.iter().any(|(_, _, class)| class.is_some())
    }

    /// The amounts requested (what the pod takes from a node's allocatable).
    pub(super) fn amounts(&self) -> impl Iterator<Item = (&str, i64)> {
        self.requests.iter().map(|(name, q, _)| (name.as_str(), *q))
    }

    /// Which resources a node leaves to DRA, or why it cannot take the pod.
    /// `used` is what pods placed on the node before take of its allocatable.
    pub(super) fn on_node<'r>(
        &'r self,
        node: &Node,
        used: Option<&BTreeMap<String, i64>>,
    ) -> NodeFit<'r, 'a> {
        let mut dra = Vec::new();
        let mut insufficient = Vec::new();
        for (name, amount, class) in &self.requests {
            let allocatable = node.allocatable(name).map_or(0, Quantity::value);
            match class {
                Some(class) if allocatable == 0 => dra.push((name.as_str(), *class)),
                _ => {
                    let taken = used.and_then(|u| u.get(name)).copied().unwrap_or(0);
                    if *amount > allocatable.saturating_sub(taken) {
                        insufficient.push(format!("Insufficient {name}"));
                    }
                }
            }
        }
        if insufficient.is_empty() {
            NodeFit::Fits(dra)
        } else {
            NodeFit::Insufficient(insufficient.join(", "))
        }
    }
}

/// The DeviceClass that serves a resource name: for an explicit
/// `extendedResourceName` shared by several classes the newest class
/// (creation timestamp), then the lowest name; for the implicit name, the
/// class of that name.
pub(super) fn serving_class<'a>(name: &str, classes: &'a [DeviceClass]) -> Option<&'a DeviceClass> {
    let explicit = classes
        .iter()
        .filter(|c| c.spec.extended_resource_name.as_deref() == Some(name))
        .min_by(|a, b| {
            let created =
                |c: &DeviceClass| c.metadata.creation_timestamp.clone().unwrap_or_default();
            created(b)
                .cmp(&created(a))
                .then_with(|| a.metadata.name.cmp(&b.metadata.name))
        });
    explicit.or_else(|| {
        let class_name = name.strip_prefix(DEVICE_CLASS_RESOURCE_PREFIX)?;
        classes.iter().find(|c| c.metadata.name == class_name)
    })
}

/// The pod's effective requests (component-helpers' PodRequests): regular
/// containers and sidecars add up; each other init container, with the
/// sidecars started before it, only needs to fit at its own time, so the
/// pod needs the larger of the two.
pub(super) fn pod_requests(pod: &Pod) -> BTreeMap<String, Quantity> {
    let mut total: BTreeMap<String, Quantity> = BTreeMap::new();
    for container in &pod.spec.containers {
        add(
            &mut total,
            container.resources.as_ref().map(|r| &r.requests),
        );
    }
    let mut sidecars: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut init_peak: BTreeMap<String, Quantity> = BTreeMap::new();
    for container in &pod.spec.init_containers {
        let requests = container.resources.as_ref().map(|r| &r.requests);
        let during = if container.is_sidecar() {
            add(&mut total, requests);
            add(&mut sidecars, requests);
            sidecars.clone()
        } else {
            let mut during = sidecars.clone();
            add(&mut during, requests);
            during
        };
        max_into(&mut init_peak, &during);
    }
    max_into(&mut total, &init_peak);
    total
}

fn add(total: &mut BTreeMap<String, Quantity>, requests: Option<&BTreeMap<String, Quantity>>) {
    for (name, q) in requests.into_iter().flatten() {
        let sum = match total.get(name) {
            Some(before) => before.checked_add(q).unwrap_or_else(|| before.clone()),
            None => q.clone(),
        };
        total.insert(name.clone(), sum);
    }
}

fn max_into(total: &mut BTreeMap<String, Quantity>, other: &BTreeMap<String, Quantity>) {
    for (name, q) in other {
        if total.get(name).is_none_or(|t| q > t) {
            total.insert(name.clone(), q.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Container, ResourceRequirements};

    fn container(gpus: i64, sidecar: bool) -> Container {
        let mut resources = ResourceRequirements::default();
        resources
            .requests
            .insert("example.com/gpu".into(), Quantity::from_i64(gpus));
        Container {
            resources: Some(resources),
            restart_policy: sidecar.then(|| "Always".to_owned()),
            ..Container::default()
        }
    }

    #[test]
    fn pod_requests_add_containers_and_sidecars_and_take_the_init_peak() {
        let mut pod = Pod::default();
        pod.spec.containers = vec![container(1, false), container(1, false)];
        pod.spec.init_containers = vec![container(1, true), container(4, false)];
        // Running: 1 + 1 + the sidecar's 1 = 3; the second init container
        // needs 4 plus the sidecar started before it: 5.
        let gpus = |pod: &Pod| pod_requests(pod)["example.com/gpu"].value();
        assert_eq!(gpus(&pod), 5);
        pod.spec.init_containers[1] = container(1, false);
        assert_eq!(gpus(&pod), 3);
    }
}
