//! The structured allocator: a port of the Kubernetes DRA allocator
//! (k8s.io/dynamic-resource-allocation, structured, experimental variant,
//! which supports every feature gate), giving the same results.
//!
//! One [`Allocator`] serves one scheduling attempt (one pod): it is built
//! from the classes, the [`Inventory`] of slices and the [`AllocatedState`]
//! of devices in use (which the caller keeps up to date from pod to pod), and
//! [`Allocator::allocate`] is then called for each candidate node with all
//! of the pod's unallocated claims. The first full
//! solution found by a depth-first search wins, so the order in which pools,
//! slices and devices are visited (the same as upstream's) decides which
//! devices are picked.
//!
//! ```
//! use dra_engine::allocator::{AllocatedState, Allocator, CelCache, Inventory};
//! use dra_engine::features::Features;
//!
//! let slices = Vec::new();
//! let inventory = Inventory::new(&slices);
//! let cache = CelCache::new();
//! let state = AllocatedState::from_claims(&inventory, true, &[]);
//! let allocator = Allocator::new(Features::ALL, &[], &inventory, &state, &cache);
//! let node = Default::default();
//! // No claims: trivially allocated, with no results.
//! assert_eq!(allocator.allocate(&node, &[]), Ok(Some(Vec::new())));
//! ```
//!
//! Architecture invariant: the allocator reads typed objects only (never
//! YAML) and never panics on bad input; objects that validation would refuse
//! get upstream's errors from the allocator's own checks.
//!
//! Inside, each device check is written once and dependencies point one way:
//!
//! - `device_checks.rs`: the checks of one device for one request (node
//!   selection, binding conditions, selectors and their compile options,
//!   shared counters, consumable capacity, taints, in use), each returning a
//!   verdict that its callers map to what they need;
//! - `search.rs`: the backtracking search, which runs the checks in
//!   upstream's order and only wants yes or no;
//! - `funnel.rs` (with `findings.rs`): the explanation of a node, computed
//!   on a search that has picked nothing, which runs the same checks in the
//!   order a funnel lists them and wants the first reason with its values;
//!   `search_events.rs`: what observers are told while the search runs;
//! - `report/`: the vocabulary of explanations (reasons, funnels, findings,
//!   search events and records), plain data that depends on nothing else of
//!   the allocator; `observe.rs` (observers, the [`Recorder`]) depends on it.
//!
//! A test (`tests/funnel_agreement.rs`) holds the funnel to the search over
//! every conformance case: a device is a candidate exactly when the search,
//! having picked nothing, would pick it for the request alone.

mod budget;
mod cel_cache;
mod constraints;
mod consumable_capacity;
mod counters;
mod device_checks;
mod fast_hash;
mod findings;
mod found;
mod funnel;
mod inventory;
mod memo;
mod node_selector;
mod observe;
mod pool_cache;
mod pools;
pub mod report;
mod request;
mod result;
mod search;
mod search_events;
pub(crate) mod shortcut_switch;
mod state;
mod sums;
#[cfg(test)]
mod tests;
pub mod variants;

use std::cell::RefCell;
use std::collections::HashMap;

use fast_hash::FastMap;
use std::fmt;
use std::rc::Rc;

pub use budget::{Budget, Clock, DEFAULT_MAX_STEPS};
pub use cel_cache::CelCache;
pub use found::Found;
pub use inventory::Inventory;
pub use memo::SearchMemo;
pub use node_selector::{node_matches, selector_matches, NodeSelection, NODE_NAME_FIELD};
pub use observe::Recorder;
pub use report::{Rejections, SearchRecord};
pub use state::AllocatedState;

pub(crate) use device_checks::selector_options;
pub(crate) use request::tolerates;
pub(crate) use search::share_ids_made;
pub(crate) use state::Generation;

/// An attribute of a device by fully qualified name (unqualified names of the
/// device are in its driver's domain), as text.
pub(crate) fn lookup_attribute_text(
    device: &crate::api::Device,
    driver: &str,
    name: &str,
) -> Option<String> {
    device
        .attribute(driver, name)
        .map(constraints::attribute_text)
}

use crate::api::{AllocationResult, DeviceClass, Node, ResourceClaim};
use crate::features::Features;
use budget::Meter;
use counters::CounterSets;
use memo::KnownClaims;
use observe::Quiet;
use report::NodeFunnel;

/// The most devices one claim's allocation may hold.
pub const ALLOCATION_RESULTS_MAX_SIZE: i64 = 32;

/// Why an allocation failed, besides "not possible on this node".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationError {
    /// Whether the error rules out only this node or the whole attempt.
    pub kind: ErrorKind,
    /// Upstream's text of the error.
    pub message: String,
}

/// How far an [`AllocationError`] reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input (a CEL error, a missing class, ...): the scheduler gives up
    /// on the pod.
    Fatal,
    /// Upstream's `ErrFailedAllocationOnNode`: only this node is ruled out.
    NodeLocal,
    /// The search budget is used up (like the scheduler's DRA filter
    /// timeout): the scheduler gives up on the pod.
    Stopped,
}

impl AllocationError {
    pub(crate) fn fatal(message: impl Into<String>) -> Self {
        AllocationError {
            kind: ErrorKind::Fatal,
            message: message.into(),
        }
    }
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AllocationError {}

/// Allocates claims on nodes, for one state of the cluster.
#[derive(Debug)]
pub struct Allocator<'a> {
    features: Features,
    /// Classes by name (the first of a name wins).
    classes: FastMap<&'a str, &'a DeviceClass>,
    inventory: &'a Inventory<'a>,
    in_use: &'a AllocatedState,
    cel: &'a CelCache,
    /// Counters left in each pool after the allocated devices, by pool name,
    /// computed when first needed and kept for later calls (as upstream).
    available_counters: RefCell<HashMap<&'a str, Rc<CounterSets<'a>>>>,
    /// The search budget and the steps taken so far, over all nodes.
    meter: Meter,
    /// Outcomes of earlier searches on each node, for [`Allocator::find`].
    memo: Option<&'a SearchMemo<'a>>,
    /// The claims [`Allocator::find`] is asked about on node after node.
    known_claims: Option<KnownClaims<'a>>,
}

impl<'a> Allocator<'a> {
    /// An allocator for the given features, classes (in document order),
    /// slices and devices in use (a state built for the same inventory). The
    /// CEL cache may be shared by many allocators.
    pub fn new(
        features: Features,
        classes: &'a [DeviceClass],
        inventory: &'a Inventory<'a>,
        state: &'a AllocatedState,
        cel: &'a CelCache,
    ) -> Self {
        let mut by_name = FastMap::default();
        for class in classes {
            by_name.entry(class.metadata.name.as_str()).or_insert(class);
        }
        Allocator {
            features,
            classes: by_name,
            inventory,
            in_use: state,
            cel,
            available_counters: RefCell::new(HashMap::new()),
            meter: Meter::new(Budget::default()),
            memo: None,
            known_claims: None,
        }
    }

    /// The same allocator, answering [`Allocator::find`] from the memo
    /// when an earlier search on the node read the same claims and devices
    /// in use (a memo serves the allocators of one run, whose devices in use
    /// are one [`AllocatedState`] kept up to date).
    pub fn with_memo(mut self, memo: &'a SearchMemo<'a>) -> Self {
        self.memo = Some(memo);
        self
    }

    /// The same allocator, told the claims [`Allocator::find`] will be
    /// asked about on node after node (a pod's pending claims, borrowed
    /// while the allocator lives): given these very claims, the memo looks
    /// up their specs once instead of comparing them on every node.
    pub fn with_claims(mut self, claims: &'a [&'a ResourceClaim]) -> Self {
        self.known_claims = Some(KnownClaims::new(claims));
        self
    }

    /// The same allocator with a search budget (by default there is none);
    /// the budget covers every [`Allocator::allocate`] call of this allocator.
    pub fn with_budget(mut self, budget: Budget) -> Self {
        self.meter = Meter::new(budget);
        self
    }

    /// Search steps taken so far by this allocator's calls (upstream's
    /// `numAllocateOneInvocations`, summed).
    pub fn steps(&self) -> u64 {
        self.meter.steps()
    }

    /// Milliseconds since the allocator was made, if its budget has a clock.
    pub fn elapsed_millis(&self) -> Option<f64> {
        self.meter.elapsed()
    }

    /// Allocates devices for all claims on one node: `Ok(Some(..))` with one
    /// result per claim on success, `Ok(None)` when the claims cannot all be
    /// allocated here, `Err` on errors (see [`ErrorKind`]).
    pub fn allocate(
        &self,
        node: &Node,
        claims: &[&ResourceClaim],
    ) -> Result<Option<Vec<AllocationResult>>, AllocationError> {
        search::Search::run(self, node, claims, Quiet)
    }

    /// [`Allocator::allocate`] without making the results: what the search
    /// picked, cheap to keep (a scheduler keeps it for every feasible node
    /// and makes the results of the chosen one with [`Allocator::results`]).
    /// The same search, with the same errors and steps (or, with a memo,
    /// its outcome kept from the last search on the node when that read the
    /// same: see `memo.rs`).
    pub fn find(
        &self,
        node: &Node,
        claims: &[&ResourceClaim],
    ) -> Result<Option<Found>, AllocationError> {
        match self.memo {
            Some(memo) => memo.find(self, node, claims),
            None => search::Search::find(self, node, claims, Quiet),
        }
    }

    /// [`Allocator::find`], telling a recorder what the search does: the
    /// same search, with the same result.
    pub fn find_recorded(
        &self,
        node: &Node,
        claims: &[&ResourceClaim],
        recorder: &mut Recorder,
    ) -> Result<Option<Found>, AllocationError> {
        search::Search::find(self, node, claims, recorder)
    }

    /// The results [`Allocator::allocate`] gives for what
    /// [`Allocator::find`] found on the node for the same claims (with an
    /// allocator for the same classes, slices and features).
    pub fn results(
        &self,
        node: &Node,
        claims: &[&ResourceClaim],
        found: &Found,
    ) -> Result<Vec<AllocationResult>, AllocationError> {
        let mut search = search::Search::new(self, node, claims, Quiet)?;
        search.restore(found)?;
        (0..claims.len())
            .map(|claim| search.result_for(claim))
            .collect()
    }

    /// Why the claims can or cannot be allocated on a node: for every
    /// request, each device the node reaches with the first reason it
    /// cannot be used, and findings about requests that only fail together.
    /// Errors are those of [`Allocator::allocate`] before the search begins
    /// (bad requests, missing classes, ...). Takes no search steps.
    pub fn funnel(
        &self,
        node: &Node,
        claims: &[&ResourceClaim],
    ) -> Result<NodeFunnel, AllocationError> {
        let search = search::Search::new(self, node, claims, Quiet)?;
        Ok(search.funnel())
    }
}

/// How upstream names an object in messages: `namespace/name`, or the name.
pub(crate) fn object_name(claim: &ResourceClaim) -> String {
    ObjectName(claim).to_string()
}

/// [`object_name`] written only when a message is made.
pub(crate) struct ObjectName<'c>(pub &'c ResourceClaim);

impl fmt::Display for ObjectName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let meta = &self.0.metadata;
        if meta.namespace.is_empty() {
            f.write_str(&meta.name)
        } else {
            write!(f, "{}/{}", meta.namespace, meta.name)
        }
    }
}
