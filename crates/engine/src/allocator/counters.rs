//! Shared counters of partitionable devices (DRAPartitionableDevices): what a
//! pool's counter sets still offer after the allocated devices, and what the
//! devices being allocated consume.

use std::collections::HashMap;

use super::inventory::{DevicePos, Inventory};
use super::pools::Pool;
use super::state::AllocatedState;
use super::sums::{add, sub};
use crate::api::Device;
use crate::quantity::Quantity;

/// Counter values by counter set name, then counter name.
pub(crate) type CounterSets<'a> = HashMap<&'a str, HashMap<&'a str, Quantity>>;

/// The counters a pool offers minus those consumed by allocated devices of
/// the pool (which may go negative: then nothing is available).
pub(crate) fn available_in_pool<'a>(
    pool: &Pool<'a>,
    inventory: &Inventory<'a>,
    in_use: &AllocatedState,
) -> CounterSets<'a> {
    let mut available: CounterSets<'a> = pool
        .counter_sets
        .iter()
        .map(|(name, set)| {
            let counters = set
                .counters
                .iter()
                .map(|(counter, value)| (counter.as_str(), value.value.clone()))
                .collect();
            (*name, counters)
        })
        .collect();
    for &slice_index in pool.slices.iter().chain(&pool.other_slices) {
        let slice = inventory.slice(slice_index);
        for (device_index, device) in slice.spec.devices.iter().enumerate() {
            let pos = DevicePos {
                slice: slice_index,
                device: device_index as u32,
            };
            if !in_use.is_allocated(inventory.id_at(pos)) {
                continue;
            }
            for consumption in &device.consumes_counters {
                let Some(set) = available.get_mut(consumption.counter_set.as_str()) else {
                    continue;
                };
                for (name, counter) in &consumption.counters {
                    if let Some(left) = set.get_mut(name.as_str()) {
                        sub(left, &counter.value);
                    }
                }
            }
        }
    }
    available
}

/// Counters consumed by the devices picked so far, by pool name.
#[derive(Debug, Default)]
pub(crate) struct CounterUsage<'c> {
    consumed: HashMap<&'c str, CounterSets<'c>>,
}

impl<'c> CounterUsage<'c> {
    /// Adds a device's consumption to its pool's; if that exceeds any
    /// available counter, takes it back and returns false.
    pub fn try_consume(
        &mut self,
        pool: &'c str,
        available: &CounterSets<'_>,
        device: &'c Device,
    ) -> bool {
        let consumed = self.consumed.entry(pool).or_default();
        for consumption in &device.consumes_counters {
            let set = consumed
                .entry(consumption.counter_set.as_str())
                .or_default();
            for (name, counter) in &consumption.counters {
                match set.get_mut(name.as_str()) {
                    Some(total) => add(total, &counter.value),
                    None => {
                        set.insert(name.as_str(), counter.value.clone());
                    }
                }
            }
        }
        let exceeded = available.iter().any(|(set_name, counters)| {
            let used = consumed.get(*set_name);
            counters
                .iter()
                .any(|(name, left)| match used.and_then(|u| u.get(*name)) {
                    Some(taken) => left < taken,
                    None => left.sign() < 0,
                })
        });
        if exceeded {
            self.release(pool, device);
        }
        !exceeded
    }

    /// Subtracts a device's consumption from its pool's.
    pub fn release(&mut self, pool: &'c str, device: &'c Device) {
        let Some(consumed) = self.consumed.get_mut(pool) else {
            return;
        };
        for consumption in &device.consumes_counters {
            let Some(set) = consumed.get_mut(consumption.counter_set.as_str()) else {
                continue;
            };
            for (name, counter) in &consumption.counters {
                if let Some(total) = set.get_mut(name.as_str()) {
                    sub(total, &counter.value);
                }
            }
        }
    }
}
