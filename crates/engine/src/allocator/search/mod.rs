//! One allocation attempt on one node: checking the claims' requests, then the
//! backtracking search over pools, slices and devices (upstream's
//! `allocateOne` and `allocateDevice`), keeping the whole search state in one
//! struct.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

mod state_checks;

use super::cel_cache::CelCache;
use super::constraints::Constraint;
use super::consumable_capacity::consumed_by;
use super::counters::{available_in_pool, CounterSets, CounterUsage};
use super::device_checks::{
    self, binding_conditions_allowed, blocking_taint, counters_allowed, shareable,
    CompiledSelectors, SelectorFailure, SelectorVerdict, EMPTY_SELECTOR,
};
use super::fast_hash::FastMap;
use super::found::{Found, FoundClaim, FoundDevice};
use super::inventory::{DeviceId, DevicePos};
use super::observe::Observer;
use super::pools::Pool;
use super::report::{Reason, SearchEvent};
use super::request::{RequestRef, MODE_ALL, MODE_EXACT_COUNT};
use super::sums::{add_all, sub, Amounts};
use super::{
    object_name, AllocationError, Allocator, ErrorKind, ObjectName, ALLOCATION_RESULTS_MAX_SIZE,
};
use crate::api::{AllocationResult, Device, DeviceClass, Node, ResourceClaim};
use crate::features::Features;

/// A request or subrequest: claim, request and subrequest index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct RequestKey {
    pub claim: u32,
    pub request: u32,
    pub sub: u32,
}

/// The next device to pick: its request and its index within the request.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cursor {
    pub claim: usize,
    pub request: usize,
    pub sub: usize,
    pub device: usize,
}

/// Where to start looking for a request's next device: devices of one request
/// are picked in inventory order, so each combination is tried once.
#[derive(Clone, Copy, Debug, Default)]
struct Location {
    pool: usize,
    slice: usize,
    device: usize,
}

/// What a request needs, as checked before the search.
#[derive(Debug)]
pub(super) struct RequestData<'c> {
    pub request: RequestRef<'c>,
    /// The request's name when this is one of its subrequests.
    pub parent: Option<&'c str>,
    pub class: &'c DeviceClass,
    pub num_devices: i64,
    /// For allocation mode All: the devices to allocate (pool index, device).
    pub all_devices: Vec<(usize, DevicePos)>,
    /// The class's and the request's selectors, looked up once for all
    /// devices (when the first device is checked).
    selectors: OnceCell<Rc<RequestSelectors>>,
}

impl RequestData<'_> {
    /// The selectors, looked up on the first call.
    fn selectors(&self, cel: &CelCache, features: Features) -> Rc<RequestSelectors> {
        let selectors = self.selectors.get_or_init(|| {
            Rc::new(RequestSelectors {
                class: CompiledSelectors::of(cel, features, &self.class.spec.selectors),
                request: CompiledSelectors::of(cel, features, self.request.selectors()),
            })
        });
        Rc::clone(selectors)
    }
}

/// The selectors that decide whether a device is selectable for a request.
#[derive(Debug)]
pub(super) struct RequestSelectors {
    class: CompiledSelectors,
    request: CompiledSelectors,
}

impl RequestData<'_> {
    /// `request` or `request/subrequest`.
    pub fn full_name(&self) -> String {
        match self.parent {
            Some(parent) => format!("{parent}/{}", self.request.name()),
            None => self.request.name().to_owned(),
        }
    }
}

/// One device picked for a claim.
#[derive(Debug)]
pub(super) struct Picked<'c> {
    /// The request's (or subrequest's) name.
    pub request: &'c str,
    /// The request's index in its claim, and the subrequest's.
    pub indices: (u32, u32),
    pub parent: Option<&'c str>,
    pub id: DeviceId,
    pub pos: DevicePos,
    pub device: &'c Device,
    pub admin_access: bool,
    pub share_id: Option<String>,
    pub consumed: Amounts,
}

/// Why the search stopped without a result.
#[derive(Debug)]
pub(super) enum Failure {
    /// The current choice would put a claim above 32 devices: backtrack
    /// further (upstream's `errAllocationResultMaxSizeExceeded`).
    TooManyDevices,
    /// The search budget is used up.
    Stopped,
    /// An error that ends the attempt.
    Error(AllocationError),
}

/// Why [`Search::allocate_device`] turned a selectable device down (what an
/// observer is told, with details, see [`Search::describe_refusal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Admin access: already picked for this claim.
    AdminAccessSameClaim,
    /// In use, or picked for another request.
    InUse,
    /// Consumes counters while DRAPartitionableDevices is off.
    PartitionableDisabled,
    /// Its counters would be exceeded.
    Counters,
    /// An untolerated taint.
    Taint,
    /// The constraint at this index would be violated.
    Constraint(usize),
    /// Its capacity does not fit.
    Capacity,
}

impl From<AllocationError> for Failure {
    fn from(error: AllocationError) -> Self {
        Failure::Error(error)
    }
}

/// What to undo when a picked device does not lead to a solution.
#[derive(Debug)]
struct Undo<'c> {
    claim: usize,
    base: &'c str,
    sub: Option<&'c str>,
    id: DeviceId,
    pool_name: &'c str,
    device: &'c Device,
    shared: bool,
    results_before: usize,
}

/// The state of one `allocate` call.
pub(super) struct Search<'c, 'a, O> {
    pub alloc: &'c Allocator<'a>,
    pub node: &'c Node,
    pub claims: &'c [&'c ResourceClaim],
    pub pools: Rc<[Pool]>,
    /// Per claim, per request: the request, or its subrequests in order.
    pub requests: Vec<Vec<Vec<RequestData<'c>>>>,
    /// Per claim, per request: the subrequest that got picked.
    pub selected: Vec<Vec<usize>>,
    pub constraints: Vec<Vec<Constraint<'c>>>,
    pub matches: FastMap<(DeviceId, RequestKey), bool>,
    pub counters: CounterUsage<'c>,
    /// Claims (by index) that the search is allocating each device for.
    pub allocating: FastMap<DeviceId, Vec<usize>>,
    /// Capacity of shared devices taken by the search so far.
    pub allocating_capacity: FastMap<DeviceId, Amounts>,
    pub results: Vec<Vec<Picked<'c>>>,
    /// What to undo for each pick in force, the latest last.
    undos: Vec<Undo<'c>>,
    /// Calls of `allocate_one` so far (upstream's `numAllocateOneInvocations`).
    pub steps: u64,
    /// The step count beyond which the search stops (the pod's budget).
    step_limit: u64,
    pub observer: O,
}

impl<'c, 'a: 'c, O: Observer> Search<'c, 'a, O> {
    /// Gathers the node's pools and checks the claims (the first part of
    /// upstream's `Allocate`).
    pub fn new(
        alloc: &'c Allocator<'a>,
        node: &'c Node,
        claims: &'c [&'c ResourceClaim],
        observer: O,
    ) -> Result<Self, AllocationError> {
        let pools = alloc
            .cel
            .pools_of(alloc.inventory, node, &alloc.features)
            .map_err(|err| AllocationError::fatal(format!("gather pool information: {err}")))?;
        let mut search = Search {
            alloc,
            node,
            claims,
            pools,
            requests: Vec::with_capacity(claims.len()),
            selected: Vec::with_capacity(claims.len()),
            constraints: Vec::with_capacity(claims.len()),
            matches: FastMap::default(),
            counters: CounterUsage::default(),
            allocating: FastMap::default(),
            allocating_capacity: FastMap::default(),
            results: claims.iter().map(|_| Vec::new()).collect(),
            undos: Vec::new(),
            steps: 0,
            step_limit: alloc.meter.limit(),
            observer,
        };
        for claim_index in 0..claims.len() {
            search.prepare_claim(claim_index)?;
        }
        Ok(search)
    }

    /// Upstream's `Allocate`, with the claims' results.
    pub fn run(
        alloc: &'c Allocator<'a>,
        node: &'c Node,
        claims: &'c [&'c ResourceClaim],
        observer: O,
    ) -> Result<Option<Vec<AllocationResult>>, AllocationError> {
        let Some(search) = Search::finished(alloc, node, claims, observer)? else {
            return Ok(None);
        };
        (0..claims.len())
            .map(|claim| search.result_for(claim))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Upstream's `Allocate`, with what the search picked (see [`Found`]);
    /// fails as [`Search::run`] fails.
    pub fn find(
        alloc: &'c Allocator<'a>,
        node: &'c Node,
        claims: &'c [&'c ResourceClaim],
        observer: O,
    ) -> Result<Option<Found>, AllocationError> {
        let Some(search) = Search::finished(alloc, node, claims, observer)? else {
            return Ok(None);
        };
        // The one part of a result that can fail: checked now, as when the
        // results are made.
        for claim in 0..claims.len() {
            search.claim_node_selector(claim)?;
        }
        Ok(Some(search.found()))
    }

    /// The search for the claims on the node, run to its end: the search
    /// with its picks when it found an allocation.
    fn finished(
        alloc: &'c Allocator<'a>,
        node: &'c Node,
        claims: &'c [&'c ResourceClaim],
        observer: O,
    ) -> Result<Option<Self>, AllocationError> {
        let mut search = Search::new(alloc, node, claims, observer)?;
        if O::ENABLED {
            search.observer.event(SearchEvent::Start {
                node: node.metadata.name.clone(),
            });
        }
        let outcome = search.allocate_one(Cursor::default(), false, Location::default());
        if matches!(outcome, Err(Failure::Stopped)) {
            // The step that found the budget used up did not run.
            search.steps -= 1;
        }
        alloc.meter.add(search.steps);
        match outcome {
            Ok(true) => Ok(Some(search)),
            Ok(false) if search.pools.iter().any(|pool| pool.invalid) => Err(AllocationError {
                kind: ErrorKind::NodeLocal,
                message: "invalid resource pools were encountered".into(),
            }),
            Ok(false) => Ok(None),
            Err(Failure::TooManyDevices) => {
                Err(AllocationError::fatal("allocation max size exceeded"))
            }
            Err(Failure::Stopped) => {
                if O::ENABLED {
                    search
                        .observer
                        .event(SearchEvent::Stopped { step: search.steps });
                }
                Err(AllocationError {
                    kind: ErrorKind::Stopped,
                    message: alloc.meter.stopped_message(alloc.meter.steps()),
                })
            }
            Err(Failure::Error(error)) => Err(error),
        }
    }

    /// What the search picked, as positions and indices.
    fn found(&self) -> Found {
        let claims = self
            .results
            .iter()
            .zip(&self.selected)
            .map(|(picked, selected)| FoundClaim {
                picks: picked
                    .iter()
                    .map(|p| FoundDevice {
                        request: p.indices.0,
                        sub: p.indices.1,
                        prioritized: p.parent.is_some(),
                        pos: p.pos,
                        share_id: p.share_id.clone(),
                        consumed: p.consumed.clone(),
                    })
                    .collect(),
                selected: selected.clone(),
            })
            .collect();
        Found { claims }
    }

    /// The search as it ended when it found `found` (for the same claims
    /// on the same node): its picks, ready for [`Search::result_for`].
    pub fn restore(&mut self, found: &Found) -> Result<(), AllocationError> {
        let inventory = self.alloc.inventory;
        for (claim, found) in found.claims.iter().enumerate() {
            let (Some(results), Some(selected)) =
                (self.results.get_mut(claim), self.selected.get_mut(claim))
            else {
                return Err(AllocationError::fatal(
                    "the allocation found is for other claims",
                ));
            };
            selected.clone_from(&found.selected);
            for pick in &found.picks {
                let Some(data) = self.requests[claim]
                    .get(pick.request as usize)
                    .and_then(|alternatives| alternatives.get(pick.sub as usize))
                else {
                    return Err(AllocationError::fatal(
                        "the allocation found is for other claims",
                    ));
                };
                results.push(Picked {
                    request: data.request.name(),
                    indices: (pick.request, pick.sub),
                    parent: data.parent,
                    id: inventory.id_at(pick.pos),
                    pos: pick.pos,
                    device: &inventory.slice(pick.pos.slice).spec.devices[pick.pos.device as usize],
                    admin_access: data.request.admin_access(),
                    share_id: pick.share_id.clone(),
                    consumed: pick.consumed.clone(),
                });
            }
        }
        Ok(())
    }

    /// Checks a claim's requests and constraints and records what they need.
    fn prepare_claim(&mut self, claim_index: usize) -> Result<(), AllocationError> {
        let claim = self.claims[claim_index];
        let features = self.alloc.features;
        let name = ObjectName(claim);
        // Summed with wrap-around like upstream's int (counts are not validated).
        let mut min_devices: i64 = 0;
        let mut requests = Vec::with_capacity(claim.spec.devices.requests.len());
        for (request_index, request) in claim.spec.devices.requests.iter().enumerate() {
            let prioritized = !request.first_available.is_empty();
            if prioritized && !features.prioritized_list {
                return Err(AllocationError::fatal(format!(
                    "claim {name}, request {}: has subrequests, but the DRAPrioritizedList feature is disabled",
                    request.name
                )));
            }
            if !features.consumable_capacity {
                if request
                    .exactly
                    .as_ref()
                    .is_some_and(|e| e.capacity.is_some())
                {
                    return Err(AllocationError::fatal(format!(
                        "claim {name}, request {}: has capacity requests, but the DRAConsumableCapacity feature is disabled",
                        request.name
                    )));
                }
                if let Some(sub) = request
                    .first_available
                    .iter()
                    .find(|s| s.capacity.is_some())
                {
                    return Err(AllocationError::fatal(format!(
                        "claim {name}, subrequest {}: has capacity requests, but the DRAConsumableCapacity feature is disabled",
                        sub.name
                    )));
                }
            }
            let mut alternatives = Vec::new();
            if prioritized {
                let mut fewest = i64::MAX;
                for (sub_index, sub) in request.first_available.iter().enumerate() {
                    let key = RequestKey {
                        claim: claim_index as u32,
                        request: request_index as u32,
                        sub: sub_index as u32,
                    };
                    let data =
                        self.check_request(key, RequestRef::Sub(sub), Some(&request.name))?;
                    fewest = fewest.min(data.num_devices);
                    alternatives.push(data);
                }
                min_devices = min_devices.wrapping_add(fewest);
            } else {
                let key = RequestKey {
                    claim: claim_index as u32,
                    request: request_index as u32,
                    sub: 0,
                };
                let data = self.check_request(key, RequestRef::exact(request), None)?;
                min_devices = min_devices.wrapping_add(data.num_devices);
                alternatives.push(data);
            }
            requests.push(alternatives);
        }
        if min_devices > ALLOCATION_RESULTS_MAX_SIZE {
            return Err(AllocationError::fatal(format!(
                "claim {name}: number of requested devices {min_devices} exceeds the claim limit of {ALLOCATION_RESULTS_MAX_SIZE}"
            )));
        }
        let list_types = features.list_type_attributes;
        let mut constraints = Vec::with_capacity(claim.spec.devices.constraints.len());
        for (index, constraint) in claim.spec.devices.constraints.iter().enumerate() {
            let requests = constraint.requests.as_slice();
            constraints.push(match (&constraint.match_attribute, &constraint.distinct_attribute) {
                (Some(attribute), _) => Constraint::matching(requests, attribute, list_types),
                (None, Some(attribute)) => Constraint::distinct(requests, attribute, list_types),
                (None, None) => {
                    return Err(AllocationError::fatal(format!(
                        "claim {name}, constraint #{index}: empty constraint (unsupported constraint type?)"
                    )))
                }
            });
        }
        self.selected.push(vec![0; requests.len()]);
        self.requests.push(requests);
        self.constraints.push(constraints);
        Ok(())
    }

    /// Upstream's `validateDeviceRequest`.
    fn check_request(
        &mut self,
        key: RequestKey,
        request: RequestRef<'c>,
        parent: Option<&'c str>,
    ) -> Result<RequestData<'c>, AllocationError> {
        let claim = ObjectName(self.claims[key.claim as usize]);
        let request_name = request.name();
        if let Some(index) = request.selectors().iter().position(|s| s.cel.is_none()) {
            return Err(AllocationError::fatal(format!(
                "claim {claim}, request {request_name}, selector #{index}: {EMPTY_SELECTOR}"
            )));
        }
        if !self.alloc.features.admin_access && request.has_admin_access() {
            return Err(AllocationError::fatal(format!(
                "claim {claim}, request {request_name}: admin access is requested, but the feature is disabled"
            )));
        }
        let class_name = request.class_name();
        if class_name.is_empty() {
            return Err(AllocationError::fatal(format!(
                "claim {claim}, request {request_name}: missing device class name (unsupported request type?)"
            )));
        }
        let Some(&class) = self.alloc.classes.get(class_name) else {
            return Err(AllocationError::fatal(format!(
                "claim {claim}, request {request_name}: could not retrieve device class {class_name}: deviceclass.resource.k8s.io \"{class_name}\" not found"
            )));
        };
        let mut data = RequestData {
            request,
            parent,
            class,
            num_devices: 0,
            all_devices: Vec::new(),
            selectors: OnceCell::new(),
        };
        match request.allocation_mode() {
            MODE_EXACT_COUNT => data.num_devices = request.count(),
            MODE_ALL => {
                for pool_index in 0..self.pools.len() {
                    let pool = &self.pools[pool_index];
                    let problem = if pool.incomplete {
                        "is currently being updated"
                    } else if pool.invalid {
                        "is currently invalid"
                    } else {
                        ""
                    };
                    if !problem.is_empty() {
                        return Err(AllocationError::fatal(format!(
                            "claim {claim}, request {request_name}: asks for all devices, but resource pool {} {problem}",
                            pool.id_text(self.alloc.inventory)
                        )));
                    }
                    for pos in self.positions(pool_index) {
                        let selectors = data.selectors(self.alloc.cel, self.alloc.features);
                        if !self.is_selectable(key, class, &selectors, pos)?
                            || self.capacity_problem(request, pos).is_some()
                        {
                            continue;
                        }
                        data.all_devices.push((pool_index, pos));
                    }
                }
                data.num_devices = data.all_devices.len() as i64;
            }
            other => {
                return Err(AllocationError::fatal(format!(
                    "claim {claim}, request {request_name}: unsupported count mode {other}"
                )))
            }
        }
        Ok(data)
    }

    /// The device positions of a pool's slices, in search order.
    pub(super) fn positions(&self, pool_index: usize) -> Vec<DevicePos> {
        let inventory = self.alloc.inventory;
        self.pools[pool_index]
            .slices
            .iter()
            .flat_map(|&slice| {
                (0..inventory.slice(slice).spec.devices.len()).map(move |device| DevicePos {
                    slice,
                    device: device as u32,
                })
            })
            .collect()
    }

    /// Upstream's `allocateOne`: picks the device at `cursor` (and,
    /// recursively, all after it). `in_sub` is set while one subrequest of a
    /// prioritized list is being tried.
    fn allocate_one(
        &mut self,
        cursor: Cursor,
        in_sub: bool,
        start: Location,
    ) -> Result<bool, Failure> {
        self.steps += 1;
        if self.steps > self.step_limit
            || (self.alloc.meter.check_time(self.steps) && self.alloc.meter.out_of_time())
        {
            return Err(Failure::Stopped);
        }
        let Some(claim) = self.claims.get(cursor.claim) else {
            if O::ENABLED {
                self.observer
                    .event(SearchEvent::Solution { step: self.steps });
            }
            return Ok(true);
        };
        if cursor.request >= claim.spec.devices.requests.len() {
            let next = Cursor {
                claim: cursor.claim + 1,
                ..Cursor::default()
            };
            return match self.allocate_one(next, false, Location::default()) {
                // Other choices for earlier claims may still work out.
                Err(Failure::TooManyDevices) => Ok(false),
                other => other,
            };
        }
        let alternatives = &self.requests[cursor.claim][cursor.request];
        let Some(data) = alternatives.get(cursor.sub) else {
            return Ok(false);
        };
        if !in_sub && data.parent.is_some() {
            let count = alternatives.len();
            let mut all_too_many = true;
            for sub in 0..count {
                if O::ENABLED {
                    let event = SearchEvent::TryAlternative {
                        step: self.steps,
                        claim: object_name(claim),
                        request: self.requests[cursor.claim][cursor.request][sub].full_name(),
                    };
                    self.observer.event(event);
                }
                match self.allocate_one(Cursor { sub, ..cursor }, true, Location::default()) {
                    Err(Failure::TooManyDevices) => continue,
                    Err(error) => return Err(error),
                    Ok(true) => {
                        self.selected[cursor.claim][cursor.request] = sub;
                        return Ok(true);
                    }
                    Ok(false) => all_too_many = false,
                }
            }
            return if all_too_many {
                Err(Failure::TooManyDevices)
            } else {
                Ok(false)
            };
        }

        let request = data.request;
        let num_devices = data.num_devices;
        let all_mode = request.allocation_mode() == MODE_ALL;
        if all_mode && data.all_devices.is_empty() {
            return Ok(false);
        }
        if cursor.device as i64 >= num_devices {
            let next = Cursor {
                claim: cursor.claim,
                request: cursor.request + 1,
                ..Cursor::default()
            };
            return self.allocate_one(next, false, Location::default());
        }
        // Go's int arithmetic, wrap-around included (counts are not validated).
        let total = (self.results[cursor.claim].len() as i64)
            .wrapping_add(num_devices)
            .wrapping_sub(cursor.device as i64);
        if total > ALLOCATION_RESULTS_MAX_SIZE {
            return Err(Failure::TooManyDevices);
        }
        let next = Cursor {
            device: cursor.device + 1,
            ..cursor
        };

        if all_mode {
            let Some(&(pool_index, pos)) = data.all_devices.get(cursor.device) else {
                return Ok(false);
            };
            if !self.try_pick(cursor, pool_index, pos, true)? {
                return Ok(false);
            }
            if O::ENABLED {
                self.picked(cursor, pos);
            }
            let outcome = self.allocate_one(next, in_sub, Location::default());
            if !matches!(outcome, Ok(true)) {
                if O::ENABLED {
                    self.backtracked(cursor, pos);
                }
                self.undo_last();
            }
            return outcome;
        }

        let wanted = (request, data.class);
        let inventory = self.alloc.inventory;
        for pool_index in start.pool..self.pools.len() {
            let pool = &self.pools[pool_index];
            if !pool.usable() {
                continue;
            }
            let first_slice = if pool_index == start.pool {
                start.slice
            } else {
                0
            };
            for slice_pos in first_slice..self.pools[pool_index].slices.len() {
                let slice_index = self.pools[pool_index].slices[slice_pos];
                let device_count = inventory.slice(slice_index).spec.devices.len();
                let first_device = if pool_index == start.pool && slice_pos == start.slice {
                    start.device
                } else {
                    0
                };
                for device_index in first_device..device_count {
                    let pos = DevicePos {
                        slice: slice_index,
                        device: device_index as u32,
                    };
                    let id = inventory.id_at(pos);
                    if !self.try_device(cursor, &wanted, pool_index, (pos, id))? {
                        continue;
                    }
                    if O::ENABLED {
                        self.picked(cursor, pos);
                    }
                    let after = Location {
                        pool: pool_index,
                        slice: slice_pos,
                        device: device_index + 1,
                    };
                    match self.allocate_one(next, in_sub, after) {
                        Ok(true) => return Ok(true),
                        Ok(false) => {
                            if O::ENABLED {
                                self.backtracked(cursor, pos);
                            }
                            self.undo_last()
                        }
                        Err(failure) => {
                            self.undo_last();
                            return Err(failure);
                        }
                    }
                }
            }
        }
        if O::ENABLED {
            let data = &self.requests[cursor.claim][cursor.request][cursor.sub];
            let event = SearchEvent::Exhausted {
                step: self.steps,
                claim: object_name(self.claims[cursor.claim]),
                request: data.full_name(),
                picked: cursor.device,
                needed: data.num_devices,
            };
            self.observer.event(event);
        }
        Ok(false)
    }

    /// One device of a usable pool (its position and id) for the request at
    /// `cursor` (its request and class, read once by the caller), as
    /// upstream's `allocateOne` decides about it for a request that is not
    /// in mode All: skipped when in use (with admin access: already picked
    /// for the claim) or not selectable, turned down when its capacity does
    /// not fit or [`Search::allocate_device`] refuses it; else picked, and
    /// true (see [`Search::undo_last`]).
    pub(super) fn try_device(
        &mut self,
        cursor: Cursor,
        &(request, class): &(RequestRef<'c>, &'c DeviceClass),
        pool_index: usize,
        (pos, id): (DevicePos, DeviceId),
    ) -> Result<bool, Failure> {
        if request.admin_access() {
            if self.allocating_for_claim(id, cursor.claim) {
                if O::ENABLED && self.peek_selectable(request, class, pos) {
                    self.reject(cursor, pos, Reason::AdminAccessSameClaim);
                }
                return Ok(false);
            }
        } else if self.in_use(id) {
            if O::ENABLED
                && !self.alloc.in_use.devices.contains(&id)
                && self.peek_selectable(request, class, pos)
            {
                let reason = self.taken_by(id);
                self.reject(cursor, pos, reason);
            }
            return Ok(false);
        }
        let key = RequestKey {
            claim: cursor.claim as u32,
            request: cursor.request as u32,
            sub: cursor.sub as u32,
        };
        let selectors = self.requests[cursor.claim][cursor.request][cursor.sub]
            .selectors(self.alloc.cel, self.alloc.features);
        if !self.is_selectable(key, class, &selectors, pos)? {
            return Ok(false);
        }
        if self.capacity_problem(request, pos).is_some() {
            if O::ENABLED {
                let reason = self.describe_refusal(cursor, pool_index, pos, Refusal::Capacity);
                self.reject(cursor, pos, reason);
            }
            return Ok(false);
        }
        self.try_pick(cursor, pool_index, pos, false)
    }

    /// [`Search::allocate_device`], telling the observer why it turns the
    /// device down: true when the device is picked. For a request in mode
    /// All, this is all the search does with each device the request
    /// selects (see [`Search::check_request`]), with `must`.
    pub(super) fn try_pick(
        &mut self,
        cursor: Cursor,
        pool_index: usize,
        pos: DevicePos,
        must: bool,
    ) -> Result<bool, Failure> {
        match self.allocate_device(cursor, pool_index, pos, must)? {
            Ok(()) => Ok(true),
            Err(refusal) => {
                if O::ENABLED {
                    let reason = self.describe_refusal(cursor, pool_index, pos, refusal);
                    self.reject(cursor, pos, reason);
                }
                Ok(false)
            }
        }
    }

    /// Upstream's `allocateDevice`: checks availability, counters, taints and
    /// constraints for a selectable device and, if it can be used, records it
    /// (and what [`Search::undo_last`] takes back).
    /// With `must`, a violated constraint is an error.
    fn allocate_device(
        &mut self,
        cursor: Cursor,
        pool_index: usize,
        pos: DevicePos,
        must: bool,
    ) -> Result<Result<(), Refusal>, Failure> {
        let features = self.alloc.features;
        let inventory = self.alloc.inventory;
        let data = &self.requests[cursor.claim][cursor.request][cursor.sub];
        let (request, parent) = (data.request, data.parent);
        let device: &'c Device = &inventory.slice(pos.slice).spec.devices[pos.device as usize];
        let id = inventory.id_at(pos);
        let shared = shareable(features, device);
        if !shared && request.admin_access() && self.allocating_for_claim(id, cursor.claim) {
            return Ok(Err(Refusal::AdminAccessSameClaim));
        }
        if !request.admin_access() && self.in_use(id) {
            return Ok(Err(Refusal::InUse));
        }
        if !counters_allowed(features, device) {
            return Ok(Err(Refusal::PartitionableDisabled));
        }
        let pool_name = inventory.name(self.pools[pool_index].pool);
        if self.takes_counters(pos) {
            let available = self.available_counters(pool_index, pool_name);
            if !self.counters.try_consume(pool_name, &available, device) {
                return Ok(Err(Refusal::Counters));
            }
        }
        let (base, sub) = match parent {
            Some(parent) => (parent, Some(request.name())),
            None => (request.name(), None),
        };
        if blocking_taint(features, request, device).is_some() {
            return Ok(Err(Refusal::Taint));
        }
        let driver = inventory.name(id.driver);
        let constraints = &mut self.constraints[cursor.claim];
        for index in 0..constraints.len() {
            if constraints[index].add(base, sub, driver, device) {
                continue;
            }
            if must {
                return Err(Failure::Error(AllocationError::fatal(format!(
                    "claim {}, request {}: cannot add device {} because a claim constraint would not be satisfied",
                    object_name(self.claims[cursor.claim]),
                    request.name(),
                    inventory.device_text(id)
                ))));
            }
            for earlier in &mut constraints[..index] {
                earlier.remove(base, sub);
            }
            return Ok(Err(Refusal::Constraint(index)));
        }

        let claims = self.allocating.entry(id).or_default();
        if !shared && !claims.contains(&cursor.claim) {
            claims.push(cursor.claim);
        }
        let mut consumed = Amounts::new();
        let mut share_id = None;
        if features.consumable_capacity {
            if self.capacity_problem(request, pos).is_some() {
                return Ok(Err(Refusal::Capacity));
            }
            if shared {
                consumed = consumed_by(request.capacity(), &device.capacity)
                    .map(|(name, quantity)| (name.clone(), quantity.into_owned()))
                    .collect();
                share_id = Some(new_share_id());
                add_all(self.allocating_capacity.entry(id).or_default(), &consumed);
            }
        }
        let results_before = self.results[cursor.claim].len();
        self.results[cursor.claim].push(Picked {
            request: request.name(),
            indices: (cursor.request as u32, cursor.sub as u32),
            parent,
            id,
            pos,
            device,
            admin_access: request.admin_access(),
            share_id,
            consumed,
        });
        self.undos.push(Undo {
            claim: cursor.claim,
            base,
            sub,
            id,
            pool_name,
            device,
            shared,
            results_before,
        });
        Ok(Ok(()))
    }

    /// Takes back the latest pick that [`Search::allocate_device`] recorded
    /// (as upstream does, counters of shared devices stay consumed).
    fn undo_last(&mut self) {
        let Some(undo) = self.undos.pop() else {
            return;
        };
        for constraint in &mut self.constraints[undo.claim] {
            constraint.remove(undo.base, undo.sub);
        }
        if let Some(claims) = self.allocating.get_mut(&undo.id) {
            claims.retain(|&claim| claim != undo.claim);
        }
        if undo.shared {
            let consumed = self.results[undo.claim]
                .get(undo.results_before)
                .map(|picked| &picked.consumed);
            if let (Some(consumed), Some(taken)) =
                (consumed, self.allocating_capacity.get_mut(&undo.id))
            {
                if !consumed.is_empty() {
                    for (name, quantity) in consumed {
                        if let Some(total) = taken.get_mut(name) {
                            sub(total, quantity);
                        }
                    }
                    if taken.values().all(|total| total.is_zero()) {
                        self.allocating_capacity.remove(&undo.id);
                    }
                }
            }
        } else if self.alloc.features.partitionable_devices
            && !undo.device.consumes_counters.is_empty()
        {
            self.counters.release(undo.pool_name, undo.device);
        }
        self.results[undo.claim].truncate(undo.results_before);
    }

    /// The counters left in a pool, computed once per allocator and pool name.
    pub(super) fn available_counters(
        &self,
        pool_index: usize,
        pool_name: &'a str,
    ) -> Rc<CounterSets<'a>> {
        let mut cache = self.alloc.available_counters.borrow_mut();
        let available = cache.entry(pool_name).or_insert_with(|| {
            Rc::new(available_in_pool(
                &self.pools[pool_index],
                self.alloc.inventory,
                self.alloc.in_use,
            ))
        });
        Rc::clone(available)
    }

    /// [`Search::available_counters`] without filling the allocator's cache
    /// (for explanations, which must not change what later searches see).
    pub(super) fn available_counters_peek(
        &self,
        pool_index: usize,
        pool_name: &'a str,
    ) -> Rc<CounterSets<'a>> {
        if let Some(available) = self.alloc.available_counters.borrow().get(pool_name) {
            return Rc::clone(available);
        }
        Rc::new(available_in_pool(
            &self.pools[pool_index],
            self.alloc.inventory,
            self.alloc.in_use,
        ))
    }

    fn allocating_for_claim(&self, id: DeviceId, claim: usize) -> bool {
        self.allocating
            .get(&id)
            .is_some_and(|claims| claims.contains(&claim))
    }

    /// Upstream's `isSelectable`: the class's and the request's selectors
    /// match, and per-device node selection admits the node. Cached per
    /// device and request.
    fn is_selectable(
        &mut self,
        key: RequestKey,
        class: &DeviceClass,
        selectors: &RequestSelectors,
        pos: DevicePos,
    ) -> Result<bool, AllocationError> {
        let inventory = self.alloc.inventory;
        let slice = inventory.slice(pos.slice);
        let device = &slice.spec.devices[pos.device as usize];
        if !binding_conditions_allowed(self.alloc.features, device) {
            return Ok(false);
        }
        let id = inventory.id_at(pos);
        if let Some(&known) = self.matches.get(&(id, key)) {
            return Ok(known);
        }
        let selectable = self.selectors_match(key, Some(class), &selectors.class, pos)?
            && self.selectors_match(key, None, &selectors.request, pos)?
            && device_checks::device_reaches_node(slice, device, self.node)
                .map_err(AllocationError::fatal)?;
        self.matches.insert((id, key), selectable);
        Ok(selectable)
    }

    /// Evaluates selectors (of a class, or of the request when `class` is
    /// None) against a device: all must be true.
    fn selectors_match(
        &self,
        key: RequestKey,
        class: Option<&DeviceClass>,
        selectors: &CompiledSelectors,
        pos: DevicePos,
    ) -> Result<bool, AllocationError> {
        let inventory = self.alloc.inventory;
        let verdict = selectors.verdict(self.alloc.cel, inventory, pos);
        let (index, failure) = match verdict {
            SelectorVerdict::AllTrue => return Ok(true),
            SelectorVerdict::False(_) => return Ok(false),
            SelectorVerdict::Failed(index, failure) => (index, failure),
        };
        let owner = match class {
            Some(class) => format!("class {}", class.metadata.name),
            None => format!("claim {}", object_name(self.claims[key.claim as usize])),
        };
        let message = match failure {
            SelectorFailure::Runtime(error) => format!(
                "{owner}: selector #{index} on device {}: CEL runtime error: {}",
                inventory.device_text(inventory.id_at(pos)),
                error.with_hint()
            ),
            other => format!("{owner}: selector #{index}: {}", other.text()),
        };
        Err(AllocationError::fatal(message))
    }

    /// The inventory the devices come from.
    pub fn inventory(&self) -> &'c super::Inventory<'a> {
        self.alloc.inventory
    }

    /// The features in force.
    pub fn features(&self) -> crate::features::Features {
        self.alloc.features
    }

    /// The node being allocated for.
    pub fn node(&self) -> &'c Node {
        self.node
    }
}

/// The number of the next share id.
static NEXT_SHARE_ID: AtomicU64 = AtomicU64::new(1);

/// How many share ids the process has made so far (a search that made none
/// can be replayed without one).
pub(crate) fn share_ids_made() -> u64 {
    NEXT_SHARE_ID.load(Ordering::Relaxed)
}

/// A fresh share id, unique within the process, shaped like a UID.
fn new_share_id() -> String {
    let n = NEXT_SHARE_ID.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        n >> 48,
        n & 0xffff_ffff_ffff
    )
}
