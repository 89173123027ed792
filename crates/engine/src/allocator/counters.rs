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

/// What `devices` consume of one counter of a counter set.
pub(crate) fn consumed_by<'d>(
    devices: impl IntoIterator<Item = &'d Device>,
    set: &str,
    counter: &str,
) -> Quantity {
    let mut total = Quantity::zero();
    for device in devices {
        for consumption in &device.consumes_counters {
            if consumption.counter_set == set {
                if let Some(c) = consumption.counters.get(counter) {
                    add(&mut total, &c.value);
                }
            }
        }
    }
    total
}

/// A counter that a device would exceed.
#[derive(Debug, PartialEq)]
pub(crate) struct Shortfall {
    pub counter_set: String,
    pub counter: String,
    pub needed: Quantity,
    pub left: Quantity,
    /// What is left was reduced by devices picked in this search.
    pub joint: bool,
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

    /// Why [`CounterUsage::try_consume`] refuses a device: the first counter
    /// it would exceed, with what the device needs of it and what is left
    /// after the consumption recorded so far (and whether that consumption
    /// made the difference); None when the device fits.
    pub fn shortfall(
        &self,
        pool: &str,
        available: &CounterSets<'_>,
        device: &Device,
    ) -> Option<Shortfall> {
        let consumed = self.consumed.get(pool);
        let used = |set: &str, name: &str| consumed.and_then(|c| c.get(set)?.get(name));
        for consumption in &device.consumes_counters {
            let set = consumption.counter_set.as_str();
            for (name, counter) in &consumption.counters {
                let Some(total) = available.get(set).and_then(|s| s.get(name.as_str())) else {
                    continue;
                };
                let mut left = total.clone();
                let before = used(set, name);
                if let Some(before) = before {
                    sub(&mut left, before);
                }
                if left < counter.value {
                    return Some(Shortfall {
                        counter_set: set.to_owned(),
                        counter: name.clone(),
                        needed: counter.value.clone(),
                        left,
                        joint: before.is_some_and(|b| b.sign() != 0),
                    });
                }
            }
        }
        // A counter already overdrawn by the allocated devices.
        let mut sets: Vec<_> = available.iter().collect();
        sets.sort_by_key(|(name, _)| **name);
        for (set, counters) in sets {
            let mut names: Vec<_> = counters.iter().collect();
            names.sort_by_key(|(name, _)| **name);
            for (name, left) in names {
                if left.sign() < 0 && used(set, name).is_none() {
                    return Some(Shortfall {
                        counter_set: (*set).to_owned(),
                        counter: (*name).to_owned(),
                        needed: Quantity::zero(),
                        left: left.clone(),
                        joint: false,
                    });
                }
            }
        }
        None
    }

    /// What the search has consumed so far of one counter of a pool.
    pub fn used(&self, pool: &str, set: &str, counter: &str) -> Option<&Quantity> {
        self.consumed.get(pool)?.get(set)?.get(counter)
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
