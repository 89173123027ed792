//! The ResourceSlices of a run, indexed once: slices by node, and driver, pool
//! and device names interned so that devices compare as small integers.

use std::sync::atomic::{AtomicU64, Ordering};

use super::fast_hash::FastMap;
use crate::api::ResourceSlice;

/// An interned name.
pub(crate) type NameId = u32;

/// A device as the allocator identifies it: driver, pool and device name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct DeviceId {
    pub driver: NameId,
    pub pool: NameId,
    pub device: NameId,
}

/// Where a device is: its slice (index into the inventory) and its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct DevicePos {
    pub slice: u32,
    pub device: u32,
}

/// Every ResourceSlice of a scenario, in document order, indexed for the
/// allocator. Build it once and share it between the allocators of all pods:
/// the slices do not change during a run.
#[derive(Debug)]
pub struct Inventory<'a> {
    /// Identifies this inventory (for caches keyed by device).
    pub(crate) serial: u64,
    pub(crate) slices: &'a [ResourceSlice],
    /// Slices with a non-empty `spec.nodeName`, by that name, in document order.
    pub(crate) by_node: FastMap<&'a str, Vec<u32>>,
    /// Slices without a node name, in document order.
    pub(crate) shared: Vec<u32>,
    names: FastMap<&'a str, NameId>,
    texts: Vec<&'a str>,
    /// Per slice: interned driver, pool and device names.
    pub(crate) slice_ids: Vec<SliceIds>,
    /// Per slice: index of its first device among all devices of the inventory.
    pub(crate) first_device: Vec<u32>,
}

/// Interned names of one slice.
#[derive(Debug)]
pub(crate) struct SliceIds {
    pub driver: NameId,
    pub pool: NameId,
    pub devices: Vec<NameId>,
}

impl<'a> Inventory<'a> {
    /// Indexes the slices (which must stay in document order).
    pub fn new(slices: &'a [ResourceSlice]) -> Self {
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        let mut inventory = Inventory {
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            slices,
            by_node: FastMap::default(),
            shared: Vec::new(),
            names: FastMap::default(),
            texts: Vec::new(),
            slice_ids: Vec::with_capacity(slices.len()),
            first_device: Vec::with_capacity(slices.len()),
        };
        let mut device_count = 0u32;
        for (index, slice) in slices.iter().enumerate() {
            let index = index as u32;
            match slice.spec.node_name.as_deref() {
                Some(node) if !node.is_empty() => {
                    inventory.by_node.entry(node).or_default().push(index)
                }
                _ => inventory.shared.push(index),
            }
            let driver = inventory.intern(&slice.spec.driver);
            let pool = inventory.intern(&slice.spec.pool.name);
            let devices = slice
                .spec
                .devices
                .iter()
                .map(|device| inventory.intern(&device.name))
                .collect();
            inventory.slice_ids.push(SliceIds {
                driver,
                pool,
                devices,
            });
            inventory.first_device.push(device_count);
            device_count = device_count.saturating_add(slice.spec.devices.len() as u32);
        }
        inventory
    }

    fn intern(&mut self, text: &'a str) -> NameId {
        if let Some(id) = self.names.get(text) {
            return *id;
        }
        let id = self.texts.len() as NameId;
        self.texts.push(text);
        self.names.insert(text, id);
        id
    }

    /// The id of a name, if any slice uses it.
    pub(crate) fn name_id(&self, text: &str) -> Option<NameId> {
        self.names.get(text).copied()
    }

    /// The text of an interned name.
    pub(crate) fn name(&self, id: NameId) -> &'a str {
        self.texts.get(id as usize).copied().unwrap_or_default()
    }

    /// Looks up a device id by names; None when no slice has these names.
    pub(crate) fn device_id(&self, driver: &str, pool: &str, device: &str) -> Option<DeviceId> {
        Some(DeviceId {
            driver: self.name_id(driver)?,
            pool: self.name_id(pool)?,
            device: self.name_id(device)?,
        })
    }

    /// The id of the device at a position.
    pub(crate) fn id_at(&self, pos: DevicePos) -> DeviceId {
        let ids = &self.slice_ids[pos.slice as usize];
        DeviceId {
            driver: ids.driver,
            pool: ids.pool,
            device: ids.devices[pos.device as usize],
        }
    }

    /// A number unique to the device at a position within this inventory.
    pub(crate) fn global_index(&self, pos: DevicePos) -> u32 {
        self.first_device[pos.slice as usize] + pos.device
    }

    /// The slice at an index.
    pub(crate) fn slice(&self, index: u32) -> &'a ResourceSlice {
        &self.slices[index as usize]
    }

    /// `driver/pool/device`, as upstream prints a device.
    pub(crate) fn device_text(&self, id: DeviceId) -> String {
        format!(
            "{}/{}/{}",
            self.name(id.driver),
            self.name(id.pool),
            self.name(id.device)
        )
    }
}
