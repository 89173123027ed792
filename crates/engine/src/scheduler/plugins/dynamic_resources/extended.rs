//! Extended resources (`example.com/gpu: 1` in a container's resources) that
//! DRA serves (KEP-5004, feature gate DRAExtendedResource).
//!
//! A node that advertises the resource in `status.allocatable` (a device
//! plugin's count) serves it from that count (NodeResourcesFit checks it).
//! With the gate on, a node that does not (or advertises 0) leaves it to
//! DRA when a DeviceClass serves the name: its `spec.extendedResourceName`,
//! or the implicit `deviceclass.resource.kubernetes.io/<class name>`.

use crate::api::{DeviceClass, Node, Pod};
use crate::resource_names::{is_dra_extended_resource_name, DEVICE_CLASS_RESOURCE_PREFIX};
use crate::scheduler::framework::requests::{pod_requests, RequestOptions};

/// The extended resources a pod requests, with the class serving each.
#[derive(Debug)]
pub(crate) struct ExtendedResources<'a> {
    /// Names DRA can serve, requested with a quantity above zero, in name
    /// order; each with its amount and (with the gate on) its class.
    requests: Vec<(String, i64, Option<&'a DeviceClass>)>,
}

/// How a node serves a pod's extended resources.
#[derive(Debug, PartialEq)]
pub(crate) enum NodeFit<'r, 'a> {
    /// These resources go to DRA here (may be empty: all from allocatable).
    Fits(Vec<(&'r str, &'a DeviceClass)>),
    /// A resource neither the node's allocatable nor a class serves
    /// (DynamicResources' "cannot fit resource").
    CannotFit,
}

impl<'a> ExtendedResources<'a> {
    /// The pod's extended resources, when a class serves one of them (the
    /// scheduler then prepares a claim for the pod: upstream's PreFilter);
    /// call only with DRAExtendedResource on.
    pub(crate) fn for_pod(pod: &Pod, classes: &'a [DeviceClass]) -> Option<Self> {
        let requests: Vec<(String, i64, Option<&'a DeviceClass>)> =
            pod_requests(pod, RequestOptions::default())
                .into_iter()
                .filter(|(name, q)| is_dra_extended_resource_name(name) && q.sign() > 0)
                .map(|(name, q)| {
                    let class = serving_class(&name, classes);
                    (name, q.value(), class)
                })
                .collect();
        requests
            .iter()
            .any(|(_, _, class)| class.is_some())
            .then_some(ExtendedResources { requests })
    }

    /// Which resources a node leaves to DRA.
    pub(crate) fn on_node<'r>(&'r self, node: &Node) -> NodeFit<'r, 'a> {
        let mut dra = Vec::new();
        for (name, _, class) in &self.requests {
            let allocatable = node.allocatable(name);
            match class {
                Some(class) if allocatable.is_none_or(|q| q.value() == 0) => {
                    dra.push((name.as_str(), *class))
                }
                None if allocatable.is_none() => return NodeFit::CannotFit,
                _ => {}
            }
        }
        NodeFit::Fits(dra)
    }
}

/// The DeviceClass that serves a resource name: for an explicit
/// `extendedResourceName` shared by several classes the newest class
/// (creation timestamp), then the lowest name; for the implicit name, the
/// class of that name.
pub(crate) fn serving_class<'a>(name: &str, classes: &'a [DeviceClass]) -> Option<&'a DeviceClass> {
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
