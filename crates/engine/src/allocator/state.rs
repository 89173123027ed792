//! The devices already in use (upstream's `AllocatedState`), gathered from the
//! allocations of claims and kept in terms of one [`Inventory`]'s device ids,
//! so that a scheduler can update it after each pod instead of rebuilding it.
//! It counts its changes per pool (generations), so that what a search read
//! of a node's pools can be known unchanged (`memo.rs`).

use std::sync::atomic::{AtomicU64, Ordering};

use super::fast_hash::{FastMap, FastSet};
use super::inventory::{DeviceId, Inventory, NameId};
use super::sums::{add_all, Amounts};
use crate::api::{AllocationResult, ResourceClaim};

/// Devices in use by allocated claims, for the devices of one [`Inventory`]
/// (devices that no slice publishes cannot be asked about and are left out).
/// Two states are equal when the same devices and capacity are in use,
/// whatever their histories; a clone is a new state with its own history.
#[derive(Debug)]
pub struct AllocatedState {
    /// Devices allocated exclusively.
    pub(crate) devices: FastSet<DeviceId>,
    /// Devices with at least one share (a result with a share id).
    pub(crate) shared: FastSet<DeviceId>,
    /// Capacity consumed by the shares of each device, summed.
    pub(crate) capacity: FastMap<DeviceId, Amounts>,
    /// Identifies this state (and its history) among all states.
    serial: u64,
    /// Allocations added so far: the state's generation.
    generation: u64,
    /// Per pool: the generation at which a device of it last came into use.
    pool_changed: FastMap<PoolKey, u64>,
}

/// A pool of an [`Inventory`]: its driver and pool names' ids.
pub(crate) type PoolKey = (NameId, NameId);

/// The serial of the next state made.
static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

impl Default for AllocatedState {
    fn default() -> Self {
        AllocatedState {
            devices: FastSet::default(),
            shared: FastSet::default(),
            capacity: FastMap::default(),
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
            generation: 0,
            pool_changed: FastMap::default(),
        }
    }
}

impl Clone for AllocatedState {
    fn clone(&self) -> Self {
        AllocatedState {
            devices: self.devices.clone(),
            shared: self.shared.clone(),
            capacity: self.capacity.clone(),
            ..AllocatedState::default()
        }
    }
}

impl PartialEq for AllocatedState {
    fn eq(&self, other: &Self) -> bool {
        self.devices == other.devices
            && self.shared == other.shared
            && self.capacity == other.capacity
    }
}

/// Where a state's history stood: its serial and generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Generation {
    serial: u64,
    generation: u64,
}

impl AllocatedState {
    /// The devices in use by the claims that have an allocation.
    pub fn from_claims<'c>(
        inventory: &Inventory<'_>,
        consumable_capacity: bool,
        claims: impl IntoIterator<Item = &'c ResourceClaim>,
    ) -> Self {
        let mut state = AllocatedState::default();
        for claim in claims {
            if let Some(allocation) = &claim.status.allocation {
                state.add_allocation(inventory, consumable_capacity, allocation);
            }
        }
        state
    }

    /// Records the devices of one allocation as in use, as the Kubernetes
    /// scheduler does: results with admin access do not count; results with
    /// a share id are shares with their consumed capacity (when
    /// `consumable_capacity` is on); everything else is exclusive.
    pub fn add_allocation(
        &mut self,
        inventory: &Inventory<'_>,
        consumable_capacity: bool,
        allocation: &AllocationResult,
    ) {
        self.generation += 1;
        for result in &allocation.devices.results {
            if result.admin_access == Some(true) {
                continue;
            }
            let Some(id) = inventory.device_id(&result.driver, &result.pool, &result.device) else {
                continue;
            };
            self.pool_changed
                .insert((id.driver, id.pool), self.generation);
            if consumable_capacity && result.share_id.is_some() {
                self.shared.insert(id);
                if !result.consumed_capacity.is_empty() {
                    add_all(
                        self.capacity.entry(id).or_default(),
                        &result.consumed_capacity,
                    );
                }
            } else {
                self.devices.insert(id);
            }
        }
    }

    /// Allocated exclusively, or shared, or with consumed capacity
    /// (upstream's `IsDeviceAllocated`).
    pub(crate) fn is_allocated(&self, id: DeviceId) -> bool {
        self.devices.contains(&id) || self.shared.contains(&id) || self.capacity.contains_key(&id)
    }

    /// Where this state's history stands now.
    pub(crate) fn generation(&self) -> Generation {
        Generation {
            serial: self.serial,
            generation: self.generation,
        }
    }

    /// Whether this state is the one that stood at `then` or a later one of
    /// it in which no device of `pools` came into use since: every device,
    /// counter and capacity of those pools is as it was.
    pub(crate) fn unchanged_since(&self, then: Generation, pools: &[PoolKey]) -> bool {
        then.serial == self.serial
            && then.generation <= self.generation
            && pools.iter().all(|pool| {
                self.pool_changed
                    .get(pool)
                    .is_none_or(|&changed| changed <= then.generation)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ResourceSlice;
    use crate::quantity::Quantity;
    use serde_json::json;

    #[test]
    fn exclusive_shared_and_admin_results() {
        let slices: Vec<ResourceSlice> = vec![serde_json::from_value(json!({
            "spec": {"driver": "d", "pool": {"name": "p"}, "devices": [
                {"name": "a"}, {"name": "b"}, {"name": "c"}]}
        }))
        .unwrap()];
        let inventory = Inventory::new(&slices);
        let allocation: AllocationResult = serde_json::from_value(json!({"devices": {"results": [
            {"request": "r", "driver": "d", "pool": "p", "device": "a"},
            {"request": "r", "driver": "d", "pool": "p", "device": "b", "adminAccess": true},
            {"request": "r", "driver": "d", "pool": "p", "device": "c", "shareID": "x",
             "consumedCapacity": {"mem": "1Gi"}},
            {"request": "r", "driver": "d", "pool": "p", "device": "c", "shareID": "y",
             "consumedCapacity": {"mem": "1Gi"}},
            {"request": "r", "driver": "d", "pool": "other", "device": "a"},
        ]}}))
        .unwrap();
        let id = |device| inventory.device_id("d", "p", device).unwrap();
        let mut state = AllocatedState::default();
        state.add_allocation(&inventory, true, &allocation);
        assert!(state.devices.contains(&id("a")));
        assert!(!state.is_allocated(id("b")));
        assert!(state.shared.contains(&id("c")) && !state.devices.contains(&id("c")));
        assert_eq!(
            state.capacity[&id("c")]["mem"],
            Quantity::parse("2Gi").unwrap()
        );
        assert_eq!(state.devices.len(), 1);

        let mut without = AllocatedState::default();
        without.add_allocation(&inventory, false, &allocation);
        assert!(without.devices.contains(&id("c")) && without.capacity.is_empty());
    }
}
