//! Kubernetes API types that a scenario holds: resource.k8s.io/v1 (DeviceClass,
//! ResourceSlice, ResourceClaim, ResourceClaimTemplate), the core v1 Node and Pod
//! fields the scheduler reads, the kube-scheduler's configuration, and the
//! playground's own Scenario settings.
//!
//! These are plain data with serde derives: field names follow the JSON names
//! of the Kubernetes API, unknown fields are refused, and optional pointers are
//! `Option`. They carry no source positions; the loader keeps those in a table
//! beside the objects.

mod core;
mod device_class;
mod meta;
mod resource_claim;
mod resource_slice;
mod scenario;
mod scheduler_config;

pub use self::core::*;
pub use device_class::*;
pub use meta::*;
pub use resource_claim::*;
pub use resource_slice::*;
pub use scenario::*;
pub use scheduler_config::*;

/// The API group and version of every DRA object after conversion.
pub const RESOURCE_V1: &str = "resource.k8s.io/v1";
/// The API version of the playground's Scenario document.
pub const PLAYGROUND_V1ALPHA1: &str = "playground.dra/v1alpha1";

/// One object of a scenario, after conversion to resource.k8s.io/v1.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// A class of devices that requests name.
    DeviceClass(DeviceClass),
    /// Devices that a driver publishes for a pool.
    ResourceSlice(ResourceSlice),
    /// A request for devices, possibly already allocated.
    ResourceClaim(ResourceClaim),
    /// A claim stamped out once per pod.
    ResourceClaimTemplate(ResourceClaimTemplate),
    /// A candidate node.
    Node(Node),
    /// A workload to schedule.
    Pod(Pod),
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
            Object::Node(_) => "Node",
            Object::Pod(_) => "Pod",
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
            Object::Node(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::KubeSchedulerConfiguration(o) => &o.metadata,
            Object::Scenario(o) => &o.metadata,
        }
    }
}
