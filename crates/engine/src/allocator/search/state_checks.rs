//! The device checks that depend on what the search picked so far (in use,
//! counters, consumable capacity), as methods of the search state. The
//! funnel asks them of a search that has picked nothing, that is, against the
//! devices in use before the pod.

use crate::allocator::consumable_capacity::{capacity_problem, CapacityProblem};
use crate::allocator::device_checks::shareable;
use crate::allocator::inventory::{DeviceId, DevicePos};
use crate::allocator::observe::Observer;
use crate::allocator::request::RequestRef;
use crate::api::Device;

use super::Search;

/// The checks that depend on what the search picked so far.
impl<'c, 'a: 'c, O: Observer> Search<'c, 'a, O> {
    /// The device at a position.
    pub(in crate::allocator) fn device_at(&self, pos: DevicePos) -> &'c Device {
        &self.alloc.inventory.slice(pos.slice).spec.devices[pos.device as usize]
    }

    /// Allocated exclusively before the pod, or picked by the search for
    /// some claim.
    pub(in crate::allocator) fn in_use(&self, id: DeviceId) -> bool {
        self.alloc.in_use.devices.contains(&id)
            || self
                .allocating
                .get(&id)
                .is_some_and(|claims| !claims.is_empty())
    }

    /// Some capacity of the device is consumed by shares.
    pub(in crate::allocator) fn capacity_in_use(&self, id: DeviceId) -> bool {
        self.alloc.in_use.capacity.contains_key(&id) || self.allocating_capacity.contains_key(&id)
    }

    /// Whether picking the device takes its counters: it consumes some, and
    /// it is not a shareable device whose counters an earlier share took.
    pub(in crate::allocator) fn takes_counters(&self, pos: DevicePos) -> bool {
        let device = self.device_at(pos);
        if device.consumes_counters.is_empty() {
            return false;
        }
        let already_taken = shareable(self.alloc.features, device)
            && self.capacity_in_use(self.alloc.inventory.id_at(pos));
        !already_taken
    }

    /// Why the request's capacity does not fit what the device has left
    /// (DRAConsumableCapacity); None when it fits or the feature is off.
    pub(in crate::allocator) fn capacity_problem(
        &self,
        request: RequestRef<'c>,
        pos: DevicePos,
    ) -> Option<CapacityProblem<'_>> {
        if !self.alloc.features.consumable_capacity {
            return None;
        }
        let id = self.alloc.inventory.id_at(pos);
        capacity_problem(
            self.alloc.in_use.capacity.get(&id),
            request.capacity(),
            &self.device_at(pos).capacity,
            self.allocating_capacity.get(&id),
        )
    }
}
