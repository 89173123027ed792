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
    pool: &Pool,
    inventory: &Inventory<'a>,
    in_use: &AllocatedState,
) -> CounterSets<'a> {
    let mut available: CounterSets<'a> = pool
        .counter_sets
        .iter()
        .map(|&(slice, position)| {
            let set = &inventory.slice(slice).spec.shared_counters[position as usize];
            let counters = set
                .counters
                .iter()
                .map(|(counter, value)| (counter.as_str(), value.value.clone()))
                .collect();
            (set.name.as_str(), counters)
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
        let fits = available.iter().all(|(set, counters)| {
            let taken = consumed.get(set);
            counters
                .iter()
                .all(|(name, left)| !exceeds(left, taken.and_then(|t| t.get(name))))
        });
        if !fits {
            self.release(pool, device);
        }
        fits
    }

    /// Why [`CounterUsage::try_consume`] would refuse a device: the first
    /// counter it would exceed (those the device consumes in its order, then
    /// the others by name), with what the device needs of it and what is
    /// left after the consumption recorded so far (and whether that
    /// consumption made the difference); None when the device fits.
    pub fn shortfall(
        &self,
        pool: &str,
        available: &CounterSets<'_>,
        device: &Device,
    ) -> Option<Shortfall> {
        let consumed = self.consumed.get(pool);
        let before = |set: &str, name: &str| consumed.and_then(|c| c.get(set)?.get(name));
        let short = |set: &str, name: &str, needed: Quantity, left: &Quantity| {
            let before = before(set, name);
            let mut left = left.clone();
            if let Some(before) = before {
                sub(&mut left, before);
            }
            Shortfall {
                counter_set: set.to_owned(),
                counter: name.to_owned(),
                needed,
                left,
                joint: before.is_some_and(|b| b.sign() != 0),
            }
        };
        // What try_consume counts for a counter the device consumes: what
        // was consumed before, plus the device's.
        for consumption in &device.consumes_counters {
            let set = consumption.counter_set.as_str();
            for name in consumption.counters.keys() {
                let Some(left) = available.get(set).and_then(|s| s.get(name.as_str())) else {
                    continue;
                };
                let needed = consumed_by([device], set, name);
                let mut taken = needed.clone();
                if let Some(before) = before(set, name) {
                    add(&mut taken, before);
                }
                if exceeds(left, Some(&taken)) {
                    return Some(short(set, name, needed, left));
                }
            }
        }
        // The others: only what was consumed before.
        let consumes = |set: &str, name: &str| {
            device
                .consumes_counters
                .iter()
                .any(|c| c.counter_set == set && c.counters.contains_key(name))
        };
        available
            .iter()
            .flat_map(|(&set, counters)| {
                counters.iter().map(move |(&name, left)| (set, name, left))
            })
            .filter(|&(set, name, left)| !consumes(set, name) && exceeds(left, before(set, name)))
            .min_by_key(|&(set, name, _)| (set, name))
            .map(|(set, name, left)| short(set, name, Quantity::zero(), left))
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

/// The rule of shared counters, for one counter: what is left of it must
/// cover what is taken (by the devices picked so far and the device being
/// checked); nothing taken counts as zero, so a counter that the allocated
/// devices overdrew refuses every device.
fn exceeds(left: &Quantity, taken: Option<&Quantity>) -> bool {
    match taken {
        Some(taken) => left < taken,
        None => left.sign() < 0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn device(consumes: serde_json::Value) -> Device {
        serde_json::from_value(json!({"name": "d", "consumesCounters": consumes}))
            .expect("test device")
    }

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).expect("test quantity")
    }

    /// Counter set `gpu` with `mem` and `sm` as given.
    fn gpu_counters<'a>(mem: &str, sm: &str) -> CounterSets<'a> {
        let counters = HashMap::from([("mem", q(mem)), ("sm", q(sm))]);
        HashMap::from([("gpu", counters)])
    }

    #[test]
    fn shortfall_names_what_try_consume_refuses() {
        let small = device(json!([{"counterSet": "gpu", "counters": {
            "mem": {"value": "10Gi"}, "sm": {"value": "2"}}}]));
        // The same set listed twice: both parts count.
        let split = device(json!([
            {"counterSet": "gpu", "counters": {"sm": {"value": "3"}}},
            {"counterSet": "gpu", "counters": {"sm": {"value": "3"}}}]));
        let none = device(json!([]));
        let cases = [
            (
                gpu_counters("40Gi", "8"),
                vec![&small, &small, &small, &small, &small],
            ),
            (gpu_counters("40Gi", "8"), vec![&split, &small, &split]),
            // Overdrawn by allocated devices: nothing fits, not even a
            // device that does not consume it.
            (gpu_counters("-1", "8"), vec![&none, &small]),
        ];
        for (available, devices) in cases {
            let mut usage = CounterUsage::default();
            for device in devices {
                let why = usage.shortfall("pool", &available, device);
                let fits = usage.try_consume("pool", &available, device);
                assert_eq!(fits, why.is_none(), "{why:?}");
            }
        }
    }

    #[test]
    fn shortfall_values() {
        let small = device(json!([{"counterSet": "gpu", "counters": {
            "mem": {"value": "10Gi"}, "sm": {"value": "6"}}}]));
        let available = gpu_counters("40Gi", "8");
        let mut usage = CounterUsage::default();
        assert!(usage.try_consume("pool", &available, &small));
        assert_eq!(
            usage.shortfall("pool", &available, &small),
            Some(Shortfall {
                counter_set: "gpu".into(),
                counter: "sm".into(),
                needed: q("6"),
                left: q("2"),
                joint: true,
            })
        );
        let overdrawn = gpu_counters("-1", "8");
        assert_eq!(
            CounterUsage::default().shortfall("pool", &overdrawn, &device(json!([]))),
            Some(Shortfall {
                counter_set: "gpu".into(),
                counter: "mem".into(),
                needed: Quantity::zero(),
                left: q("-1"),
                joint: false,
            })
        );
    }
}
