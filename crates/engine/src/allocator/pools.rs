//! Gathering the resource pools whose devices a node can reach, as upstream
//! does: slices filtered by node selection, only the newest generation of
//! each pool, incomplete and invalid pools recorded as such, and pools
//! ordered by driver and pool name (pools with binding conditions last).

use std::collections::HashMap;

use super::fast_hash::{FastMap, FastSet};

use super::inventory::{Inventory, NameId};
use super::node_selector::{node_matches, node_selection_of, NodeSelection};
use crate::api::{CounterSet, Node, ResourceSlice};
use crate::features::Features;

/// A pool as the allocator sees it on one node.
#[derive(Debug)]
pub(crate) struct Pool {
    pub driver: NameId,
    pub pool: NameId,
    /// Not all slices of the pool's generation exist: nothing is allocated
    /// from it, and "all devices" requests fail.
    pub incomplete: bool,
    /// Duplicate device names, bad counter references, ...: nothing is
    /// allocated from it.
    pub invalid: bool,
    /// Slices with devices that may target the node, sorted by name.
    pub slices: Vec<u32>,
    /// Other device slices of the pool (for counters consumed by devices
    /// allocated on other nodes).
    pub other_slices: Vec<u32>,
    /// The pool's counter sets: slice index and position in the slice's
    /// `sharedCounters`.
    pub counter_sets: Vec<(u32, u32)>,
}

impl Pool {
    /// A pool with nothing in it yet.
    fn empty(driver: NameId, pool: NameId) -> Self {
        Pool {
            driver,
            pool,
            incomplete: false,
            invalid: false,
            slices: Vec::new(),
            other_slices: Vec::new(),
            counter_sets: Vec::new(),
        }
    }

    /// Whether devices can be allocated from it (it is neither incomplete
    /// nor invalid).
    pub fn usable(&self) -> bool {
        !self.incomplete && !self.invalid
    }

    /// `driver/pool`.
    pub fn id_text(&self, inventory: &Inventory<'_>) -> String {
        format!(
            "{}/{}",
            inventory.name(self.driver),
            inventory.name(self.pool)
        )
    }
}

/// Gathers the pools with devices that `node` can reach.
pub(crate) fn gather_pools(
    inventory: &Inventory<'_>,
    node: &Node,
    features: &Features,
) -> Result<Vec<Pool>, String> {
    let local = inventory
        .by_node
        .get(node.metadata.name.as_str())
        .map_or(&[][..], Vec::as_slice);
    // Per pool (in order of first appearance): the slices of its newest generation.
    let mut order: Vec<(NameId, NameId)> = Vec::new();
    let mut found: FastMap<(NameId, NameId), Vec<u32>> = FastMap::default();
    for &index in local.iter().chain(&inventory.shared) {
        let slice = inventory.slice(index);
        if !reaches_node(slice, node, features)? {
            continue;
        }
        let ids = &inventory.slice_ids[index as usize];
        let key = (ids.driver, ids.pool);
        let generation = slice.spec.pool.generation;
        match found.get_mut(&key) {
            None => {
                order.push(key);
                found.insert(key, vec![index]);
            }
            Some(slices) => {
                let current = slices.first().map_or(i64::MIN, |&first| {
                    inventory.slice(first).spec.pool.generation
                });
                if generation > current {
                    *slices = vec![index];
                } else if generation == current {
                    slices.push(index);
                }
            }
        }
    }

    let mut pools = Vec::with_capacity(order.len());
    let mut with_binding_conditions = Vec::new();
    for key in order {
        let Some(slices) = found.remove(&key) else {
            continue;
        };
        let Some(first) = slices.first().map(|&i| inventory.slice(i)) else {
            continue;
        };
        let (generation, count) = (
            first.spec.pool.generation,
            first.spec.pool.resource_slice_count,
        );
        let pool = if slices.len() as i64 == count {
            build_pool(inventory, key, slices, features, None)
        } else {
            // Look at the slices that node selection filtered out.
            let Some(all) = slices_of_generation(inventory, key, generation) else {
                // A newer generation is being published: ignore the pool.
                continue;
            };
            if all.len() as i64 != count {
                Pool {
                    incomplete: true,
                    ..Pool::empty(key.0, key.1)
                }
            } else {
                build_pool(inventory, key, slices, features, Some(&all))
            }
        };
        if has_binding_conditions(&pool, inventory) {
            with_binding_conditions.push(pool);
        } else {
            pools.push(pool);
        }
    }
    let by_name = |a: &Pool, b: &Pool| {
        (inventory.name(a.driver), inventory.name(a.pool))
            .cmp(&(inventory.name(b.driver), inventory.name(b.pool)))
    };
    pools.sort_by(by_name);
    with_binding_conditions.sort_by(by_name);
    pools.append(&mut with_binding_conditions);
    Ok(pools)
}

/// Whether a slice is relevant for the node: by its own node selection, or
/// (per-device node selection) when any device's selection matches.
pub(crate) fn reaches_node(
    slice: &ResourceSlice,
    node: &Node,
    features: &Features,
) -> Result<bool, String> {
    let spec = &slice.spec;
    if !features.partitionable_devices
        && (spec.per_device_node_selection.is_some() || !spec.shared_counters.is_empty())
    {
        return Ok(false);
    }
    let selection = NodeSelection {
        node_name: spec.node_name.as_deref().unwrap_or_default(),
        all_nodes: spec.all_nodes.unwrap_or(false),
        node_selector: spec.node_selector.as_ref(),
    };
    if !selection.node_name.is_empty() || selection.all_nodes || selection.node_selector.is_some() {
        return node_matches(node, selection).map_err(|err| {
            format!(
                "failed to perform node selection for slice {}: {err}",
                slice.metadata.name
            )
        });
    }
    if spec.per_device_node_selection == Some(true) {
        for device in &spec.devices {
            let matches = node_matches(node, node_selection_of(device)).map_err(|err| {
                format!(
                    "failed to perform node selection for device {} in slice {}: {err}",
                    device.name, slice.metadata.name
                )
            })?;
            if matches {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    // Some node selection this version does not know: skip the slice.
    Ok(false)
}

/// All slices of a pool with the given generation, in document order; None
/// when some slice has a newer generation.
fn slices_of_generation(
    inventory: &Inventory<'_>,
    key: (NameId, NameId),
    generation: i64,
) -> Option<Vec<u32>> {
    let mut all = Vec::new();
    for (index, ids) in inventory.slice_ids.iter().enumerate() {
        if (ids.driver, ids.pool) != key {
            continue;
        }
        let slice_generation = inventory.slice(index as u32).spec.pool.generation;
        if slice_generation == generation {
            all.push(index as u32);
        } else if slice_generation > generation {
            return None;
        }
    }
    Some(all)
}

/// Builds a complete pool from its slices that reach the node (and, if node
/// selection filtered some out, all slices of its generation); checks device
/// names and counter references.
fn build_pool(
    inventory: &Inventory<'_>,
    (driver, pool): (NameId, NameId),
    mut slices: Vec<u32>,
    features: &Features,
    all: Option<&[u32]>,
) -> Pool {
    slices.sort_by(|&a, &b| {
        inventory
            .slice(a)
            .metadata
            .name
            .cmp(&inventory.slice(b).metadata.name)
    });
    let has_counters = |index: u32| {
        features.partitionable_devices && !inventory.slice(index).spec.shared_counters.is_empty()
    };
    let (mut counter_slices, device_slices): (Vec<u32>, Vec<u32>) =
        slices.iter().partition(|&&index| has_counters(index));
    let mut other_slices = Vec::new();
    if let Some(all) = all.filter(|all| slices.len() < all.len()) {
        let names: FastSet<&str> = slices
            .iter()
            .map(|&i| inventory.slice(i).metadata.name.as_str())
            .collect();
        for &index in all {
            if names.contains(inventory.slice(index).metadata.name.as_str()) {
                continue;
            }
            if has_counters(index) {
                counter_slices.push(index);
            } else {
                other_slices.push(index);
            }
        }
    }

    let invalid = Pool {
        invalid: true,
        ..Pool::empty(driver, pool)
    };
    let mut device_names = FastSet::default();
    for &index in &device_slices {
        for &name in &inventory.slice_ids[index as usize].devices {
            if !device_names.insert(name) {
                return invalid;
            }
        }
    }
    if !features.partitionable_devices {
        return Pool {
            slices: device_slices,
            ..Pool::empty(driver, pool)
        };
    }
    let mut counter_sets: HashMap<&str, &CounterSet> = HashMap::new();
    let mut set_positions = Vec::new();
    for &index in &counter_slices {
        for (position, set) in inventory
            .slice(index)
            .spec
            .shared_counters
            .iter()
            .enumerate()
        {
            if counter_sets.insert(set.name.as_str(), set).is_some() {
                return invalid;
            }
            set_positions.push((index, position as u32));
        }
    }
    let consumption_ok = device_slices.iter().chain(&other_slices).all(|&index| {
        inventory.slice(index).spec.devices.iter().all(|device| {
            device.consumes_counters.iter().all(|consumption| {
                counter_sets
                    .get(consumption.counter_set.as_str())
                    .is_some_and(|set| {
                        consumption
                            .counters
                            .keys()
                            .all(|name| set.counters.contains_key(name))
                    })
            })
        })
    });
    if !consumption_ok {
        return invalid;
    }
    Pool {
        slices: device_slices,
        other_slices,
        counter_sets: set_positions,
        ..Pool::empty(driver, pool)
    }
}

/// Whether any device reaching the node has binding conditions.
fn has_binding_conditions(pool: &Pool, inventory: &Inventory<'_>) -> bool {
    pool.slices.iter().any(|&index| {
        inventory
            .slice(index)
            .spec
            .devices
            .iter()
            .any(|device| !device.binding_conditions.is_empty())
    })
}
