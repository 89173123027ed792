//! Explaining a search: the funnel of devices per request on a node
//! ([`Search::funnel`]), findings about requests that fit one by one but
//! not together, and the details of rejections that observers are told.
//!
//! Everything here only reads the search state (besides the CEL cache's
//! memo, which does not change any verdict): explaining never changes what
//! the search decides.

use std::collections::BTreeSet;

use super::constraints::{attribute_values, lookup_attribute};
use super::consumable_capacity::capacity_problem;
use super::counters::{consumed_by, CounterUsage};
use super::fast_hash::FastSet;
use super::inventory::{DeviceId, DevicePos};
use super::node_selector::{node_matches, NodeSelection};
use super::object_name;
use super::observe::Observer;
use super::pools::reaches_node;
use super::report::{
    ClaimFunnel, DeviceAt, DeviceVerdict, Finding, NodeFunnel, Reason, RequestFunnel, SearchEvent,
    ValueCounts,
};
use super::request::{RequestRef, MODE_ALL};
use super::search::{Cursor, Refusal, RequestData, Search};
use crate::api::{DeviceClass, DeviceSelector};
use crate::cel::{CompileOptions, DeviceInput};

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
                || !reaches_node(slice, self.node, &features).unwrap_or(false)
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
    /// judged alone against the devices in use before the pod.
    fn device_reason(
        &self,
        pool_index: usize,
        data: &RequestData<'c>,
        pos: DevicePos,
    ) -> Option<Reason> {
        let features = self.alloc.features;
        let inventory = self.alloc.inventory;
        let request = data.request;
        let device = &inventory.slice(pos.slice).spec.devices[pos.device as usize];
        let id = inventory.id_at(pos);
        if !request.admin_access() && self.alloc.in_use.devices.contains(&id) {
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
        if !features.partitionable_devices && !device.consumes_counters.is_empty() {
            return Some(Reason::PartitionableDisabled);
        }
        let shared =
            features.consumable_capacity && device.allow_multiple_allocations == Some(true);
        if features.consumable_capacity {
            if let Some(reason) = capacity_problem(
                self.alloc.in_use.capacity.get(&id),
                request.capacity(),
                &device.capacity,
                None,
            ) {
                return Some(reason);
            }
        }
        let skip_counters = shared && self.alloc.in_use.capacity.contains_key(&id);
        if !skip_counters && !device.consumes_counters.is_empty() {
            let pool_name = inventory.name(self.pools[pool_index].pool);
            let available = self.available_counters_peek(pool_index, pool_name);
            if let Some(short) = CounterUsage::default().shortfall(pool_name, &available, device) {
                return Some(Reason::Counters {
                    counter_set: short.counter_set,
                    counter: short.counter,
                    needed: short.needed.canonical(),
                    left: short.left.canonical(),
                    joint: false,
                    held_by_rejected: false,
                });
            }
        }
        if features.device_taints {
            if let Some(taint) = request.first_blocking(&device.taints) {
                return Some(Reason::Taint {
                    key: taint.key.clone(),
                    value: taint.value.clone(),
                    effect: taint.effect.clone(),
                });
            }
        }
        None
    }

    /// Whether the request selects the device at all (upstream's
    /// `isSelectable`, with the reason it does not): per-device node
    /// selection, binding conditions, class selectors, request selectors.
    /// Errors are reasons here, never failures.
    fn selection_reason(
        &self,
        request: RequestRef<'c>,
        class: &DeviceClass,
        pos: DevicePos,
    ) -> Option<Reason> {
        let slice = self.alloc.inventory.slice(pos.slice);
        let device = &slice.spec.devices[pos.device as usize];
        if slice.spec.per_device_node_selection == Some(true) {
            let selection = NodeSelection {
                node_name: device.node_name.as_deref().unwrap_or_default(),
                all_nodes: device.all_nodes.unwrap_or(false),
                node_selector: device.node_selector.as_ref(),
            };
            if !node_matches(self.node, selection).unwrap_or(false) {
                return Some(Reason::NotReachable);
            }
        }
        if !self.alloc.features.device_binding_and_status && !device.binding_conditions.is_empty() {
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
        let device = &inventory.slice(pos.slice).spec.devices[pos.device as usize];
        let id = inventory.id_at(pos);
        let features = self.alloc.features;
        let options = CompileOptions {
            list_type_attributes: features.list_type_attributes,
            consumable_capacity: features.consumable_capacity,
        };
        let error = |index: usize, message: String| {
            Some(Reason::SelectorError {
                class,
                index,
                message,
            })
        };
        for (index, selector) in selectors.iter().enumerate() {
            let Some(cel) = &selector.cel else {
                return error(
                    index,
                    "CEL expression empty (unsupported selector type?)".into(),
                );
            };
            let (program_id, program) = self.alloc.cel.compile(&cel.expression, options);
            let program = match program.as_ref() {
                Ok(program) => program,
                Err(e) => return error(index, format!("CEL compile error: {}", e.message)),
            };
            let input = DeviceInput {
                driver: inventory.name(id.driver),
                attributes: &device.attributes,
                capacity: &device.capacity,
                allow_multiple_allocations: device.allow_multiple_allocations,
            };
            match self.alloc.cel.evaluate(
                program_id,
                program,
                inventory.serial,
                inventory.global_index(pos),
                &input,
            ) {
                Ok(true) => {}
                Ok(false) if class => return Some(Reason::ClassSelector { index }),
                Ok(false) => return Some(Reason::RequestSelector { index }),
                Err(e) => return error(index, e.message),
            }
        }
        None
    }

    /// Findings about requests that have enough candidates one by one:
    /// constraints no value can satisfy, devices wanted by several requests.
    fn add_findings(&self, funnel: &mut NodeFunnel) {
        let inventory = self.alloc.inventory;
        let list_types = self.alloc.features.list_type_attributes;
        let shareable = |at: DeviceAt| {
            self.alloc.features.consumable_capacity
                && inventory.slice(at.slice).spec.devices[at.device as usize]
                    .allow_multiple_allocations
                    == Some(true)
        };
        // Per claim, per request: the alternative the search would use (the
        // first with enough candidates).
        let mut wanted: Vec<(usize, String, i64, BTreeSet<DeviceAt>)> = Vec::new();
        for (claim_index, claim) in funnel.claims.iter_mut().enumerate() {
            let mut chosen: Vec<&RequestFunnel> = Vec::new();
            for alternatives in &claim.requests {
                match alternatives.iter().find(|a| a.enough()) {
                    Some(alternative) => chosen.push(alternative),
                    None => break,
                }
            }
            if chosen.len() != claim.requests.len() {
                continue;
            }
            let candidates = |funnel: &RequestFunnel| -> Vec<DeviceAt> {
                funnel
                    .devices
                    .iter()
                    .filter(|d| d.reason.is_none())
                    .map(|d| d.at)
                    .collect()
            };
            let needed = |funnel: &RequestFunnel| {
                if funnel.all {
                    funnel.candidates() as i64
                } else {
                    funnel.needed
                }
            };
            for (index, constraint) in self.constraints[claim_index].iter().enumerate() {
                let attribute = constraint.attribute();
                let applicable: Vec<&&RequestFunnel> = chosen
                    .iter()
                    .filter(|r| {
                        let (base, sub) = match &r.parent {
                            Some(parent) => (
                                parent.as_str(),
                                r.request
                                    .strip_prefix(parent.as_str())
                                    .and_then(|s| s.strip_prefix('/')),
                            ),
                            None => (r.request.as_str(), None),
                        };
                        constraint.applies_to(base, sub)
                    })
                    .collect();
                if applicable.is_empty() {
                    continue;
                }
                let values_of = |at: DeviceAt| -> Vec<String> {
                    let device = &inventory.slice(at.slice).spec.devices[at.device as usize];
                    let driver = inventory.slice(at.slice).spec.driver.as_str();
                    lookup_attribute(device, driver, attribute)
                        .map(|a| attribute_values(a, list_types))
                        .unwrap_or_default()
                };
                match constraint.kind() {
                    super::report::ConstraintKind::MatchAttribute => {
                        let counts: Vec<ValueCounts> = applicable
                            .iter()
                            .map(|r| {
                                let mut values: Vec<(String, usize)> = Vec::new();
                                let mut missing = 0;
                                for at in candidates(r) {
                                    let found = values_of(at);
                                    if found.is_empty() {
                                        missing += 1;
                                    }
                                    for value in found {
                                        match values.iter_mut().find(|(v, _)| *v == value) {
                                            Some((_, count)) => *count += 1,
                                            None => values.push((value, 1)),
                                        }
                                    }
                                }
                                ValueCounts {
                                    request: r.request.clone(),
                                    needed: needed(r),
                                    values,
                                    missing,
                                }
                            })
                            .collect();
                        let feasible = counts[0].values.iter().any(|(value, _)| {
                            counts.iter().all(|r| {
                                r.values
                                    .iter()
                                    .any(|(v, count)| v == value && *count as i64 >= r.needed)
                            })
                        });
                        let needs_any = counts.iter().any(|r| r.needed > 0);
                        if !feasible && needs_any {
                            claim.findings.push(Finding::NoCommonValue {
                                constraint: index,
                                attribute: attribute.to_owned(),
                                requests: counts,
                            });
                        }
                    }
                    super::report::ConstraintKind::DistinctAttribute => {
                        // As upstream, the constraint compares the last
                        // device of each request: requests (not devices)
                        // need pairwise different values.
                        let total = applicable.iter().filter(|r| needed(r) > 0).count() as i64;
                        let mut values: Vec<String> = Vec::new();
                        for r in &applicable {
                            for at in candidates(r) {
                                for value in values_of(at) {
                                    if !values.contains(&value) {
                                        values.push(value);
                                    }
                                }
                            }
                        }
                        if (values.len() as i64) < total {
                            claim.findings.push(Finding::TooFewDistinctValues {
                                constraint: index,
                                attribute: attribute.to_owned(),
                                needed: total,
                                values,
                            });
                        }
                    }
                }
            }
            for r in chosen {
                if r.admin_access {
                    continue;
                }
                let set: BTreeSet<DeviceAt> = candidates(r).into_iter().collect();
                if set.iter().any(|&at| shareable(at)) {
                    continue;
                }
                wanted.push((claim_index, r.request.clone(), needed(r), set));
            }
        }
        // Requests whose candidates overlap, grouped; a group that needs more
        // devices than it has in all cannot be satisfied.
        let mut group: Vec<usize> = (0..wanted.len()).collect();
        fn root(group: &mut [usize], mut i: usize) -> usize {
            while group[i] != i {
                group[i] = group[group[i]];
                i = group[i];
            }
            i
        }
        for i in 0..wanted.len() {
            for j in i + 1..wanted.len() {
                if !wanted[i].3.is_disjoint(&wanted[j].3) {
                    let (a, b) = (root(&mut group, i), root(&mut group, j));
                    group[a] = b;
                }
            }
        }
        let several_claims = funnel.claims.len() > 1;
        let roots: Vec<usize> = (0..wanted.len()).map(|i| root(&mut group, i)).collect();
        let mut seen = Vec::new();
        for &r in &roots {
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            let members: Vec<usize> = (0..wanted.len()).filter(|&i| roots[i] == r).collect();
            if members.len() < 2 {
                continue;
            }
            let needed: i64 = members.iter().map(|&i| wanted[i].2).sum();
            let union: BTreeSet<DeviceAt> = members
                .iter()
                .flat_map(|&i| wanted[i].3.iter().copied())
                .collect();
            if needed <= union.len() as i64 {
                continue;
            }
            let claims: BTreeSet<usize> = members.iter().map(|&i| wanted[i].0).collect();
            let names = members
                .iter()
                .map(|&i| {
                    if several_claims {
                        format!(
                            "{} (claim {})",
                            wanted[i].1, funnel.claims[wanted[i].0].claim
                        )
                    } else {
                        wanted[i].1.clone()
                    }
                })
                .collect();
            let finding = Finding::Contention {
                requests: names,
                needed,
                candidates: union.len(),
            };
            match claims.into_iter().collect::<Vec<_>>().as_slice() {
                [only] => funnel.claims[*only].findings.push(finding),
                _ => funnel.findings.push(finding),
            }
        }
    }

    // What observers are told.

    /// The details of a refusal by [`Search::allocate_device`] (or of a
    /// capacity that does not fit), in the state the search is in.
    pub(super) fn describe_refusal(
        &self,
        cursor: Cursor,
        pool_index: usize,
        pos: DevicePos,
        refusal: Refusal,
    ) -> Reason {
        let inventory = self.alloc.inventory;
        let data = &self.requests[cursor.claim][cursor.request][cursor.sub];
        let request = data.request;
        let device = &inventory.slice(pos.slice).spec.devices[pos.device as usize];
        let id = inventory.id_at(pos);
        match refusal {
            Refusal::AdminAccessSameClaim => Reason::AdminAccessSameClaim,
            Refusal::InUse if self.alloc.in_use.devices.contains(&id) => Reason::InUse,
            Refusal::InUse => self.taken_by(id),
            Refusal::PartitionableDisabled => Reason::PartitionableDisabled,
            Refusal::Counters => {
                let pool_name = inventory.name(self.pools[pool_index].pool);
                let available = self.available_counters_peek(pool_index, pool_name);
                match self.counters.shortfall(pool_name, &available, device) {
                    Some(short) => {
                        // Upstream keeps the counters of devices it checked and then
                        // turned down (taint, constraint, capacity) until the attempt
                        // on this node ends: the devices picked may not account for
                        // all that is used.
                        let pool = &self.pools[pool_index];
                        let picked = consumed_by(
                            self.results
                                .iter()
                                .flatten()
                                .filter(|p| pool.slices.contains(&p.pos.slice))
                                .map(|p| p.device),
                            &short.counter_set,
                            &short.counter,
                        );
                        let held_by_rejected = self
                            .counters
                            .used(pool_name, &short.counter_set, &short.counter)
                            .is_some_and(|used| *used > picked);
                        Reason::Counters {
                            counter_set: short.counter_set,
                            counter: short.counter,
                            needed: short.needed.canonical(),
                            left: short.left.canonical(),
                            joint: short.joint,
                            held_by_rejected,
                        }
                    }
                    None => Reason::Counters {
                        counter_set: String::new(),
                        counter: String::new(),
                        needed: String::new(),
                        left: String::new(),
                        joint: true,
                        held_by_rejected: false,
                    },
                }
            }
            Refusal::Taint => match request.first_blocking(&device.taints) {
                Some(taint) => Reason::Taint {
                    key: taint.key.clone(),
                    value: taint.value.clone(),
                    effect: taint.effect.clone(),
                },
                None => Reason::Taint {
                    key: String::new(),
                    value: String::new(),
                    effect: String::new(),
                },
            },
            Refusal::Constraint(index) => {
                let constraint = &self.constraints[cursor.claim][index];
                Reason::Constraint {
                    index,
                    constraint: constraint.kind(),
                    attribute: constraint.attribute().to_owned(),
                    conflict: constraint.conflict(inventory.name(id.driver), device),
                }
            }
            Refusal::Capacity => capacity_problem(
                self.alloc.in_use.capacity.get(&id),
                request.capacity(),
                &device.capacity,
                self.allocating_capacity.get(&id),
            )
            .unwrap_or(Reason::Capacity {
                capacity: String::new(),
                needed: String::new(),
                left: String::new(),
                joint: true,
            }),
        }
    }

    /// The request of this pod that the search picked a device for.
    pub(super) fn taken_by(&self, id: DeviceId) -> Reason {
        for (claim_index, picked) in self.results.iter().enumerate() {
            if let Some(p) = picked.iter().find(|p| p.id == id) {
                let request = match p.parent {
                    Some(parent) => format!("{parent}/{}", p.request),
                    None => p.request.to_owned(),
                };
                return Reason::PickedForOtherRequest {
                    claim: object_name(self.claims[claim_index]),
                    request,
                };
            }
        }
        Reason::InUse
    }

    /// Whether the request selects the device, without touching the search's
    /// memo or failing on errors (for observers).
    pub(super) fn peek_selectable(
        &self,
        request: RequestRef<'c>,
        class: &DeviceClass,
        pos: DevicePos,
    ) -> bool {
        self.selection_reason(request, class, pos).is_none()
    }

    /// The claim, request and device a search event is about.
    fn event_subject(&self, cursor: Cursor, pos: DevicePos) -> (String, String, String) {
        let inventory = self.alloc.inventory;
        (
            object_name(self.claims[cursor.claim]),
            self.requests[cursor.claim][cursor.request][cursor.sub].full_name(),
            inventory.device_text(inventory.id_at(pos)),
        )
    }

    /// Tells the observer that a device was turned down.
    pub(super) fn reject(&mut self, cursor: Cursor, pos: DevicePos, reason: Reason) {
        let (claim, request, device) = self.event_subject(cursor, pos);
        let event = SearchEvent::Reject {
            step: self.steps,
            claim,
            request,
            device,
            reason,
        };
        self.observer.event(event);
    }

    /// Tells the observer that a device was picked.
    pub(super) fn picked(&mut self, cursor: Cursor, pos: DevicePos) {
        let (claim, request, device) = self.event_subject(cursor, pos);
        let event = SearchEvent::Pick {
            step: self.steps,
            claim,
            request,
            device,
            depth: self.results.iter().map(Vec::len).sum(),
        };
        self.observer.event(event);
    }

    /// Tells the observer that a pick was taken back.
    pub(super) fn backtracked(&mut self, cursor: Cursor, pos: DevicePos) {
        let (claim, request, device) = self.event_subject(cursor, pos);
        let event = SearchEvent::Backtrack {
            step: self.steps,
            claim,
            request,
            device,
        };
        self.observer.event(event);
    }
}
