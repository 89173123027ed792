//! ResourceSlice: the devices a driver publishes for one pool.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{NodeSelector, ObjectMeta};
use crate::quantity::Quantity;

/// `driver/pool/device`: how Kubernetes names a device (the allocator's
/// DeviceID), and how the playground's options, views and messages do.
pub fn device_id(driver: &str, pool: &str, device: &str) -> String {
    format!("{driver}/{pool}/{device}")
}

/// A ResourceSlice (resource.k8s.io/v1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceSlice {
    #[serde(default)]
    pub metadata: ObjectMeta,
    pub spec: ResourceSliceSpec,
}

/// What a slice publishes and where its devices are reachable.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceSliceSpec {
    pub driver: String,
    pub pool: ResourcePool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<NodeSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_nodes: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<Device>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_device_node_selection: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_counters: Vec<CounterSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_type_attribute: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_node_operations: Vec<String>,
}

/// The pool a slice belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourcePool {
    pub name: String,
    #[serde(default)]
    pub generation: i64,
    #[serde(default)]
    pub resource_slice_count: i64,
}

/// A named set of counters that partitions of a device draw from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CounterSet {
    pub name: String,
    #[serde(default)]
    pub counters: BTreeMap<String, Counter>,
}

/// One counter value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Counter {
    pub value: Quantity,
}

/// One device of a slice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Device {
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, DeviceAttribute>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, DeviceCapacity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumes_counters: Vec<DeviceCounterConsumption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<NodeSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_nodes: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<DeviceTaint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binds_to_node: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binding_conditions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binding_failure_conditions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_multiple_allocations: Option<bool>,
    /// The 1.36 shape of [`Device::node_allocatable_resources`] (its alpha,
    /// also behind DRANodeAllocatableResources).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_allocatable_resource_mappings: BTreeMap<String, NodeAllocatableResourceMapping>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_allocatable_resources: BTreeMap<String, NodeAllocatableResource>,
}

impl Device {
    /// An attribute by its fully qualified name (`DOMAIN/ID`); attributes in the driver's own
    /// domain may be published without the domain.
    pub fn attribute(&self, driver: &str, name: &str) -> Option<&DeviceAttribute> {
        qualified_entry(&self.attributes, driver, name)
    }

    /// A capacity by its fully qualified name, published with or without the driver's domain
    /// as attributes are ([`Device::attribute`]).
    pub fn capacity_named(&self, driver: &str, name: &str) -> Option<&DeviceCapacity> {
        qualified_entry(&self.capacity, driver, name)
    }
}

/// The entry of a qualified name (`DOMAIN/ID`) in a device's attributes or capacity, where
/// names of the driver's own domain may be written without it.
fn qualified_entry<'m, V>(map: &'m BTreeMap<String, V>, driver: &str, name: &str) -> Option<&'m V> {
    if let Some(value) = map.get(name) {
        return Some(value);
    }
    let (domain, id) = name.split_once('/')?;
    if domain != driver {
        return None;
    }
    map.get(id)
}

/// How a device maps onto one node-allocatable resource, as Kubernetes 1.36
/// wrote it: a multiplier of the devices allocated, or of the capacity
/// `capacityKey` names that a claim consumes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAllocatableResourceMapping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_multiplier: Option<Quantity>,
}

/// How a device maps onto node-allocatable resources.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAllocatableResource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<NodeAllocatableMapping>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overhead: Option<NodeAllocatableOverhead>,
}

/// The mapping part of a node-allocatable resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAllocatableMapping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_multiplier: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_multiplier: Option<Quantity>,
}

/// The overhead part of a node-allocatable resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAllocatableOverhead {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_pod: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_container: Option<Quantity>,
}

/// Counters a device consumes from one of the slice's counter sets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceCounterConsumption {
    pub counter_set: String,
    #[serde(default)]
    pub counters: BTreeMap<String, Counter>,
}

/// A capacity of a device, optionally consumable in parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceCapacity {
    pub value: Quantity,
    /// Boxed: few capacities have a policy, and a device's capacities sit in
    /// a map whose every slot is as large as one entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_policy: Option<Box<CapacityRequestPolicy>>,
}

/// How much of a consumable capacity a request may take.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityRequestPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub valid_values: Vec<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_range: Option<CapacityRequestPolicyRange>,
}

/// A range of valid capacity requests.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityRequestPolicyRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Quantity>,
}

/// A device attribute: exactly one of the fields is set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceAttribute {
    #[serde(default, rename = "int", skip_serializing_if = "Option::is_none")]
    pub int_value: Option<i64>,
    #[serde(default, rename = "bool", skip_serializing_if = "Option::is_none")]
    pub bool_value: Option<bool>,
    #[serde(default, rename = "string", skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
    #[serde(default, rename = "version", skip_serializing_if = "Option::is_none")]
    pub version_value: Option<String>,
    #[serde(default, rename = "ints", skip_serializing_if = "Option::is_none")]
    pub int_values: Option<Vec<i64>>,
    #[serde(default, rename = "bools", skip_serializing_if = "Option::is_none")]
    pub bool_values: Option<Vec<bool>>,
    #[serde(default, rename = "strings", skip_serializing_if = "Option::is_none")]
    pub string_values: Option<Vec<String>>,
    #[serde(default, rename = "versions", skip_serializing_if = "Option::is_none")]
    pub version_values: Option<Vec<String>>,
}

/// A taint on a device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceTaint {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// None, NoSchedule or NoExecute.
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<String>,
}
