//! The pools each node reaches, gathered once per inventory: they depend
//! only on the slices, the node's name and labels, and whether partitionable
//! devices are on, not on the pod being scheduled.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::fast_hash::FastMap;
use super::inventory::Inventory;
use super::pools::{gather_pools, Pool};
use crate::api::Node;
use crate::features::Features;

/// The pools of a node, shared by every search on it (or why they could not
/// be gathered).
pub(crate) type NodePools = Result<Rc<[Pool]>, String>;

/// One node's pools and the labels they were gathered for.
#[derive(Debug)]
struct Entry {
    labels: BTreeMap<String, String>,
    pools: NodePools,
}

/// Pools by node name and the DRAPartitionableDevices setting (off, on),
/// for one inventory.
#[derive(Debug, Default)]
pub(crate) struct PoolCache {
    /// The serial of the inventory the entries are about.
    inventory: Cell<Option<u64>>,
    entries: RefCell<FastMap<String, [Option<Entry>; 2]>>,
    /// Whether any slice selects nodes by label (else a node's pools depend
    /// on its name alone), once known.
    labels_matter: Cell<Option<bool>>,
}

impl PoolCache {
    /// The node's pools: gathered on the first call for the node (and again
    /// if its labels changed since).
    pub(crate) fn pools(
        &self,
        inventory: &Inventory<'_>,
        node: &Node,
        features: &Features,
    ) -> NodePools {
        if self.inventory.get() != Some(inventory.serial) {
            self.entries.borrow_mut().clear();
            self.labels_matter.set(None);
            self.inventory.set(Some(inventory.serial));
        }
        let setting = usize::from(features.partitionable_devices);
        if let Some(Some(entry)) = self
            .entries
            .borrow()
            .get(node.metadata.name.as_str())
            .map(|entries| &entries[setting])
        {
            if !self.labels_matter(inventory) || entry.labels == node.metadata.labels {
                return entry.pools.clone();
            }
        }
        let pools = gather_pools(inventory, node, features).map(Rc::from);
        self.entries
            .borrow_mut()
            .entry(node.metadata.name.clone())
            .or_default()[setting] = Some(Entry {
            labels: node.metadata.labels.clone(),
            pools: pools.clone(),
        });
        pools
    }

    fn labels_matter(&self, inventory: &Inventory<'_>) -> bool {
        if let Some(known) = self.labels_matter.get() {
            return known;
        }
        let matter = inventory.slices.iter().any(|slice| {
            slice.spec.node_selector.is_some()
                || slice
                    .spec
                    .devices
                    .iter()
                    .any(|device| device.node_selector.is_some())
        });
        self.labels_matter.set(Some(matter));
        matter
    }
}
