//! Kubernetes API types that a scenario holds: resource.k8s.io/v1 (DeviceClass,
//! ResourceSlice, ResourceClaim, ResourceClaimTemplate, DeviceTaintRule), the
//! core v1 Namespace, Node and Pod fields the scheduler reads, the workloads
//! that make pods (apps/v1, batch/v1), the kube-scheduler's configuration,
//! and the playground's own Scenario settings.
//!
//! These are plain data with serde derives: field names follow the JSON names
//! of the Kubernetes API, unknown fields are refused (for the core and workload
//! kinds, whose fields the engine reads only in part, the loader refuses them
//! against [`crate::fields`] and the structs keep the rest as written), and
//! optional pointers are `Option`. They carry no source positions; the loader keeps those in a table
//! beside the objects.

mod core;
mod device_class;
mod device_taint_rule;
mod generated_names;
mod meta;
mod namespace;
mod resource_claim;
mod resource_slice;
mod scenario;
mod scheduler_config;
mod workload;

pub use self::core::*;
pub use device_class::*;
pub use device_taint_rule::*;
pub use generated_names::*;
pub use meta::*;
pub use namespace::*;
pub use resource_claim::*;
pub use resource_slice::*;
pub use scenario::*;
pub use scheduler_config::*;
pub use workload::*;

/// The API group and version of every DRA object after conversion.
pub const RESOURCE_V1: &str = "resource.k8s.io/v1";
/// The API group of the playground's Scenario document.
pub const PLAYGROUND_GROUP: &str = "playground.dra";
/// The API version of the playground's Scenario document.
pub const PLAYGROUND_V1ALPHA1: &str = "playground.dra/v1alpha1";

/// One object of a scenario, after conversion to resource.k8s.io/v1.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a scenario's objects are held once, in a vector; boxing the Pod would change every match on one for no measurable gain"
)]
pub enum Object {
    /// A class of devices that requests name.
    DeviceClass(DeviceClass),
    /// Devices that a driver publishes for a pool.
    ResourceSlice(ResourceSlice),
    /// A request for devices, possibly already allocated.
    ResourceClaim(ResourceClaim),
    /// A claim stamped out once per pod.
    ResourceClaimTemplate(ResourceClaimTemplate),
    /// A taint for the devices its selector names.
    DeviceTaintRule(DeviceTaintRule),
    /// A namespace and its labels.
    Namespace(Namespace),
    /// A candidate node.
    Node(Node),
    /// A workload to schedule.
    Pod(Pod),
    /// A controller's template and counts; the loader adds the pods it makes.
    Workload(Workload),
    /// The kube-scheduler's configuration.
    KubeSchedulerConfiguration(KubeSchedulerConfiguration),
    /// The playground's settings.
    Scenario(Scenario),
}

impl Object {
    /// The object's kind, as written in YAML.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::DeviceClass(_) => "DeviceClass",
            Object::ResourceSlice(_) => "ResourceSlice",
            Object::ResourceClaim(_) => "ResourceClaim",
            Object::ResourceClaimTemplate(_) => "ResourceClaimTemplate",
            Object::DeviceTaintRule(_) => "DeviceTaintRule",
            Object::Namespace(_) => "Namespace",
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
            Object::Workload(o) => o.kind.name(),
            Object::KubeSchedulerConfiguration(_) => "KubeSchedulerConfiguration",
            Object::Scenario(_) => "Scenario",
        }
    }

    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::DeviceClass(o) => &o.metadata,
            Object::ResourceSlice(o) => &o.metadata,
            Object::ResourceClaim(o) => &o.metadata,
            Object::ResourceClaimTemplate(o) => &o.metadata,
            Object::DeviceTaintRule(o) => &o.metadata,
            Object::Namespace(o) => &o.metadata,
            Object::Node(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::Workload(o) => &o.metadata,
            Object::KubeSchedulerConfiguration(o) => &o.metadata,
            Object::Scenario(o) => &o.metadata,
        }
    }

    /// The object's metadata, to change.
    pub fn metadata_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::DeviceClass(o) => &mut o.metadata,
            Object::ResourceSlice(o) => &mut o.metadata,
            Object::ResourceClaim(o) => &mut o.metadata,
            Object::ResourceClaimTemplate(o) => &mut o.metadata,
            Object::DeviceTaintRule(o) => &mut o.metadata,
            Object::Namespace(o) => &mut o.metadata,
            Object::Node(o) => &mut o.metadata,
            Object::Pod(o) => &mut o.metadata,
            Object::Workload(o) => &mut o.metadata,
            Object::KubeSchedulerConfiguration(o) => &mut o.metadata,
            Object::Scenario(o) => &mut o.metadata,
        }
    }

    /// Whether objects of this kind live in a namespace.
    pub fn is_namespaced(&self) -> bool {
        matches!(
            self,
            Object::ResourceClaim(_)
                | Object::ResourceClaimTemplate(_)
                | Object::Pod(_)
                | Object::Workload(_)
        )
    }
}
