//! Explaining a search: the funnel of devices per request on a node
//! ([`Search::funnel`]): every device the node can reach, with the first
//! reason it cannot be used, from the device checks (`device_checks.rs`)
//! that the search itself runs; then the findings (`findings.rs`).
//!
//! Everything here only reads the search state (besides the CEL cache's
//! memo, which does not change any verdict): explaining never changes what
//! the search decides.

use super::device_checks::{
    self, binding_conditions_allowed, blocking_taint, counters_allowed, device_reaches_node,
    taint_reason,
};
use super::fast_hash::FastSet;
use super::inventory::DevicePos;
use super::object_name;
use super::observe::Observer;
use super::pools;
use super::report::{ClaimFunnel, DeviceAt, DeviceVerdict, NodeFunnel, Reason, RequestFunnel};
use super::request::{RequestRef, MODE_ALL};
use super::search::{RequestData, Search};
use crate::api::{DeviceClass, DeviceSelector};

impl<'c, 'a: 'c, O: Observer> Search<'c, 'a, O> {
    /// The funnel of every request of every claim on this node.
    pub(super) fn funnel(&self) -> NodeFunnel {
        let inventory = self.alloc.inventory;
        let features = self.alloc.features;
        // The slices with devices the node can reach: the pools' slices in
        // search order, then those of pools the search skips.
        let mut listed: Vec<(u32, Option<usize>, Option<Reason>)> = Vec::new();
        let mut in_pools = FastSet::default();
        for (pool_index, pool) in self.pools.iter().enumerate() {
            for &slice in &pool.slices {
                listed.push((slice, Some(pool_index), None));
                in_pools.insert(slice);
            }
        }
        let local = inventory
            .by_node
            .get(self.node.metadata.name.as_str())
            .map_or(&[][..], Vec::as_slice);
        let mut others: Vec<u32> = local.iter().chain(&inventory.shared).copied().collect();
        others.sort_unstable();
        for index in others {
            let slice = inventory.slice(index);
            if in_pools.contains(&index)
                || slice.spec.devices.is_empty()
                || !pools::reaches_node(slice, self.node, &features).unwrap_or(false)
            {
                continue;
            }
            let ids = &inventory.slice_ids[index as usize];
            let pool = self
                .pools
                .iter()
                .find(|p| p.driver == ids.driver && p.pool == ids.pool);
            let reason = match pool {
                Some(pool) if pool.incomplete => Reason::PoolIncomplete,
                Some(pool) if pool.invalid => Reason::PoolInvalid,
                // Read for its counters only (its devices are not offered).
                _ if features.partitionable_devices && !slice.spec.shared_counters.is_empty() => {
                    Reason::BesideCounters
                }
                _ => Reason::PoolOutdated,
            };
            listed.push((index, None, Some(reason)));
        }
        let total: usize = inventory.slices.iter().map(|s| s.spec.devices.len()).sum();
        let reachable: usize = listed
            .iter()
            .map(|(slice, _, _)| inventory.slice(*slice).spec.devices.len())
            .sum();

        let mut claims = Vec::with_capacity(self.claims.len());
        for (claim_index, claim) in self.claims.iter().enumerate() {
            let requests = self.requests[claim_index]
                .iter()
                .map(|alternatives| {
                    alternatives
                        .iter()
                        .map(|data| {
                            let devices = listed
                                .iter()
                                .flat_map(|(slice, pool_index, reason)| {
                                    let count = inventory.slice(*slice).spec.devices.len();
                                    (0..count)
                                        .map(move |device| (*slice, device, *pool_index, reason))
                                })
                                .map(|(slice, device, pool_index, reason)| {
                                    let pos = DevicePos {
                                        slice,
                                        device: device as u32,
                                    };
                                    let reason = match (reason, pool_index) {
                                        (Some(reason), _) => Some(reason.clone()),
                                        (None, Some(pool_index)) => {
                                            self.device_reason(pool_index, data, pos)
                                        }
                                        (None, None) => Some(Reason::PoolOutdated),
                                    };
                                    DeviceVerdict {
                                        at: DeviceAt {
                                            slice,
                                            device: device as u32,
                                        },
                                        reason,
                                    }
                                })
                                .collect();
                            self.request_funnel(data, total - reachable, devices)
                        })
                        .collect()
                })
                .collect();
            claims.push(ClaimFunnel {
                claim: object_name(claim),
                requests,
                findings: Vec::new(),
            });
        }
        let mut funnel = NodeFunnel {
            claims,
            findings: Vec::new(),
        };
        self.add_findings(&mut funnel);
        funnel
    }

    fn request_funnel(
        &self,
        data: &RequestData<'c>,
        unreachable: usize,
        devices: Vec<DeviceVerdict>,
    ) -> RequestFunnel {
        let request = data.request;
        let expressions = |selectors: &[DeviceSelector]| {
            selectors
                .iter()
                .map(|s| {
                    s.cel
                        .as_ref()
                        .map(|c| c.expression.clone())
                        .unwrap_or_default()
                })
                .collect()
        };
        RequestFunnel {
            request: data.full_name(),
            parent: data.parent.map(str::to_owned),
            class: data.class.metadata.name.clone(),
            class_selectors: expressions(&data.class.spec.selectors),
            selectors: expressions(request.selectors()),
            all: request.allocation_mode() == MODE_ALL,
            needed: data.num_devices,
            admin_access: request.admin_access(),
            unreachable,
            devices,
        }
    }

    /// The first reason a device of a usable pool cannot serve a request,
    /// judged alone against the devices in use before the pod (the search
    /// state has nothing picked), in the order a funnel lists the checks:
    /// in use, selection (node, binding conditions, class, request), shared
    /// counters allowed, capacity, counters, taints.
    fn device_reason(
        &self,
        pool_index: usize,
        data: &RequestData<'c>,
        pos: DevicePos,
    ) -> Option<Reason> {
        let features = self.alloc.features;
        let request = data.request;
        let device = self.device_at(pos);
        let id = self.alloc.inventory.id_at(pos);
        if !request.admin_access() && self.in_use(id) {
            // The search skips a device in use before evaluating selectors;
            // only say whether the request's class would want it at all.
            return match self.selectors_reason(true, &data.class.spec.selectors, pos) {
                Some(reason @ Reason::ClassSelector { .. }) => Some(reason),
                _ => Some(Reason::InUse),
            };
        }
        if let Some(reason) = self.selection_reason(request, data.class, pos) {
            return Some(reason);
        }
        if !counters_allowed(features, device) {
            return Some(Reason::PartitionableDisabled);
        }
        if let Some(problem) = self.capacity_problem(request, pos) {
            return Some(problem.reason());
        }
        if self.takes_counters(pos) {
            let pool_name = self.alloc.inventory.name(self.pools[pool_index].pool);
            let available = self.available_counters_peek(pool_index, pool_name);
            if let Some(short) = self.counters.shortfall(pool_name, &available, device) {
                return Some(short.reason(false));
            }
        }
        blocking_taint(features, request, device).map(taint_reason)
    }

    /// Whether the request selects the device at all (upstream's
    /// `isSelectable`, with the reason it does not): per-device node
    /// selection, binding conditions, class selectors, request selectors.
    /// Errors are reasons here, never failures.
    pub(super) fn selection_reason(
        &self,
        request: RequestRef<'c>,
        class: &DeviceClass,
        pos: DevicePos,
    ) -> Option<Reason> {
        let slice = self.alloc.inventory.slice(pos.slice);
        let device = self.device_at(pos);
        if !device_reaches_node(slice, device, self.node).unwrap_or(false) {
            return Some(Reason::NotReachable);
        }
        if !binding_conditions_allowed(self.alloc.features, device) {
            return Some(Reason::BindingConditionsDisabled);
        }
        self.selectors_reason(true, &class.spec.selectors, pos)
            .or_else(|| self.selectors_reason(false, request.selectors(), pos))
    }

    /// The first selector (of a class when `class`) that is not true for the device.
    fn selectors_reason(
        &self,
        class: bool,
        selectors: &[DeviceSelector],
        pos: DevicePos,
    ) -> Option<Reason> {
        let inventory = self.alloc.inventory;
        device_checks::selectors(
            self.alloc.cel,
            self.alloc.features,
            inventory,
            pos,
            selectors,
        )
        .reason(class)
    }
}
