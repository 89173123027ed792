//! The devices already in use: gathered from the allocations of claims.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::amount::Amount;
use super::inventory::{DeviceId, Inventory};
use crate::api::{AllocationResult, ResourceClaim};
use crate::quantity::Quantity;

/// A device named by driver, pool and device name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceKey {
    /// The driver that publishes the device.
    pub driver: String,
    /// The pool within the driver.
    pub pool: String,
    /// The device name within the pool.
    pub device: String,
}

/// Capacity consumed from one device, by capacity name.
pub type ConsumedCapacity = BTreeMap<String, Quantity>;

/// Devices in use by allocated claims (upstream's `AllocatedState`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AllocatedState {
    /// Devices allocated exclusively.
    pub devices: HashSet<DeviceKey>,
    /// Shares of devices that allow multiple allocations, with their share id.
    pub shared_devices: HashSet<(DeviceKey, String)>,
    /// Capacity consumed from each shared device: one entry per share that
    /// records consumed capacity.
    pub consumed_capacity: HashMap<DeviceKey, Vec<ConsumedCapacity>>,
}

impl AllocatedState {
    /// The devices in use by the claims that have an allocation. With
    /// `consumable_capacity` off, shares count as exclusive allocations.
    pub fn from_claims<'c>(
        consumable_capacity: bool,
        claims: impl IntoIterator<Item = &'c ResourceClaim>,
    ) -> Self {
        let mut state = AllocatedState::default();
        for claim in claims {
            if let Some(allocation) = &claim.status.allocation {
                state.add_allocation(consumable_capacity, allocation);
            }
        }
        state
    }

    /// Records the devices of one allocation as in use, as the Kubernetes
    /// scheduler does: results with admin access do not count; results with
    /// a share id are shares (when `consumable_capacity` is on); everything
    /// else is exclusive.
    pub fn add_allocation(&mut self, consumable_capacity: bool, allocation: &AllocationResult) {
        for result in &allocation.devices.results {
            if result.admin_access == Some(true) {
                continue;
            }
            let key = DeviceKey {
                driver: result.driver.clone(),
                pool: result.pool.clone(),
                device: result.device.clone(),
            };
            match &result.share_id {
                Some(share_id) if consumable_capacity => {
                    self.shared_devices.insert((key.clone(), share_id.clone()));
                    if !result.consumed_capacity.is_empty() {
                        self.consumed_capacity
                            .entry(key)
                            .or_default()
                            .push(result.consumed_capacity.clone());
                    }
                }
                _ => {
                    self.devices.insert(key);
                }
            }
        }
    }
}

/// Capacity amounts by capacity name.
pub(crate) type Amounts = BTreeMap<String, Amount>;

/// [`AllocatedState`] translated to an inventory's device ids; devices that
/// no slice has are dropped (nothing could ask about them).
#[derive(Debug, Default)]
pub(crate) struct InUse {
    /// Exclusively allocated devices.
    pub devices: HashSet<DeviceId>,
    /// Devices with at least one share.
    pub shared: HashSet<DeviceId>,
    /// Capacity consumed by shares, per device.
    pub capacity: HashMap<DeviceId, Amounts>,
}

impl InUse {
    pub fn new(state: &AllocatedState, inventory: &Inventory<'_>) -> Self {
        let id = |key: &DeviceKey| inventory.device_id(&key.driver, &key.pool, &key.device);
        InUse {
            devices: state.devices.iter().filter_map(id).collect(),
            shared: state
                .shared_devices
                .iter()
                .filter_map(|(key, _)| id(key))
                .collect(),
            capacity: state
                .consumed_capacity
                .iter()
                .filter_map(|(key, shares)| {
                    let mut total = Amounts::new();
                    for share in shares {
                        for (name, quantity) in share {
                            let sum = total.entry(name.clone()).or_default();
                            *sum = sum.plus(Amount::of(quantity));
                        }
                    }
                    Some((id(key)?, total))
                })
                .collect(),
        }
    }

    /// Allocated exclusively, or shared, or with consumed capacity
    /// (upstream's `IsDeviceAllocated`).
    pub fn is_allocated(&self, id: DeviceId) -> bool {
        self.devices.contains(&id) || self.shared.contains(&id) || self.capacity.contains_key(&id)
    }
}
