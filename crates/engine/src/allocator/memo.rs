//! The last outcome of the search on each node, replayed while nothing it
//! read changed. A search on a node reads the claims' specs (requests,
//! selectors, constraints, configuration, class names: not their names,
//! which only errors carry), the node (its name and labels), the pools the node
//! reaches and which of their devices, counters and capacity are in use,
//! and the run's classes, features and CEL verdicts. Within a run only the
//! devices in use change, pool by pool ([`super::AllocatedState`]'s generations):
//! a pod filtered on a node where an earlier pod with the same claims was
//! filtered, and none of the node's pools changed since, gets the same
//! answer with the same step count. With scoring, each pod is filtered on
//! hundreds of nodes; a pod that fits nowhere on every node. Kept per node:
//! the last outcome for each set of claim specs.
//!
//! The memo is for one run's nodes, borrowed while it lives (so none of them
//! changes): a node is known by its position among them, found from its
//! address, so a replay costs no hashing and no comparison of names or
//! labels. A node from elsewhere is searched without the memo.
//!
//! Exact by construction: only a search that ran to its end without making
//! a share id is kept (stopped and fatal outcomes are not, nor anything
//! found with a time budget, whose outcome depends on when it runs); a kept
//! outcome is replayed only when the pod's remaining step budget admits its
//! steps, which are then counted as the search would count them. Searches
//! that an observer records never come here (`Allocator::find_recorded`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::observe::Quiet;
use super::pools::Pool;
use super::search::{share_ids_made, Search};
use super::shortcut_switch::shortcut_switch;
use super::state::Generation;
use super::{AllocationError, Allocator, ErrorKind, Found};
use crate::api::{Node, ResourceClaim, ResourceClaimSpec};
use crate::features::Features;

/// What one search on a node answered.
type Outcome = Result<Option<Found>, AllocationError>;

/// The most outcomes kept per node (one per distinct set of claim specs;
/// the oldest goes first).
const KEPT_PER_NODE: usize = 32;

/// The most distinct sets of claim specs a memo tells apart (searches for
/// others always run).
const KEPT_SPEC_SETS: usize = 4096;

/// Per node of a run, the last search's outcome for each set of claim
/// specs; for the allocators of one run (the same classes, slices and CEL
/// cache) over one [`super::AllocatedState`] kept up to date from pod to pod.
#[derive(Debug)]
pub struct SearchMemo<'n> {
    /// The run's nodes: the memo keeps searches on these only.
    run_nodes: &'n [Node],
    /// The inventory's serial and the features the entries are for.
    run: Cell<Option<(u64, Features)>>,
    /// How many times the entries were dropped for another run (the
    /// numbers of sets of claim specs start again then).
    resets: Cell<u64>,
    /// Every distinct set of claim specs searched for, by number.
    spec_sets: RefCell<Vec<Vec<ResourceClaimSpec>>>,
    /// The number of the last set asked about (a pod's filter asks about
    /// the same claims on node after node).
    last_set: Cell<Option<usize>>,
    /// By the node's position in `run_nodes`: its kept searches, once
    /// there is one.
    nodes: RefCell<Vec<Option<NodeMemo>>>,
}

/// One node's kept searches.
#[derive(Debug)]
struct NodeMemo {
    /// The pools the node reaches.
    pools: Rc<[Pool]>,
    /// The oldest first.
    entries: Vec<Entry>,
}

/// One kept search.
#[derive(Debug)]
struct Entry {
    /// The number of the set of claim specs it searched for.
    spec_set: usize,
    /// Where the devices in use stood.
    generation: Generation,
    /// Steps it took.
    steps: u64,
    outcome: Outcome,
}

impl<'n> SearchMemo<'n> {
    /// An empty memo for searches on `nodes` (a run's nodes).
    pub fn new(nodes: &'n [Node]) -> Self {
        SearchMemo {
            run_nodes: nodes,
            run: Cell::new(None),
            resets: Cell::new(0),
            spec_sets: RefCell::new(Vec::new()),
            last_set: Cell::new(None),
            nodes: RefCell::new(Vec::new()),
        }
    }

    /// The position of `node` among the run's nodes, if it is one of them
    /// (that very object, not an equal one).
    fn position(&self, node: &Node) -> Option<usize> {
        let offset = (node as *const Node as usize).checked_sub(self.run_nodes.as_ptr() as usize)?;
        let at = offset / std::mem::size_of::<Node>();
        self.run_nodes
            .get(at)
            .is_some_and(|n| std::ptr::eq(n, node))
            .then_some(at)
    }

    /// [`Search::find`] with `alloc` (without an observer), or its kept
    /// outcome when that is the same.
    pub(super) fn find(
        &self,
        alloc: &Allocator<'_>,
        node: &Node,
        claims: &[&ResourceClaim],
    ) -> Outcome {
        if bypassed() || alloc.meter.timed() {
            return Search::find(alloc, node, claims, Quiet);
        }
        let run = Some((alloc.inventory.serial, alloc.features));
        if self.run.get() != run {
            self.run.set(run);
            self.resets.set(self.resets.get() + 1);
            self.spec_sets.borrow_mut().clear();
            self.last_set.set(None);
            self.nodes.borrow_mut().clear();
        }
        let Some(at) = self.position(node) else {
            return Search::find(alloc, node, claims, Quiet);
        };
        let Some(spec_set) = self.spec_set_for(alloc, claims) else {
            return Search::find(alloc, node, claims, Quiet);
        };
        let kept = {
            let nodes = self.nodes.borrow();
            let memo = nodes.get(at).and_then(Option::as_ref);
            let found = memo.and_then(|memo| {
                let index = memo.entries.iter().position(|e| e.spec_set == spec_set)?;
                Some((memo, index))
            });
            if let Some((memo, index)) = found {
                let entry = &memo.entries[index];
                if entry.steps <= alloc.meter.limit()
                    && alloc.in_use.unchanged_since(entry.generation, &memo.pools)
                {
                    alloc.meter.add(entry.steps);
                    count_hit();
                    return entry.outcome.clone();
                }
            }
            found.map(|(_, index)| index)
        };
        let generation = alloc.in_use.generation();
        let (steps, ids) = (alloc.meter.steps(), share_ids_made());
        let outcome = Search::find(alloc, node, claims, Quiet);
        let keep = match &outcome {
            Ok(_) => share_ids_made() == ids,
            Err(error) => error.kind == ErrorKind::NodeLocal && share_ids_made() == ids,
        };
        if keep {
            let steps = alloc.meter.steps() - steps;
            let entry = Entry {
                spec_set,
                generation,
                steps,
                outcome: outcome.clone(),
            };
            self.keep(alloc, node, at, kept, entry);
        }
        outcome
    }

    /// [`SearchMemo::spec_set`], looked up once per allocator when the
    /// claims are those it was told of ([`KnownClaims`]).
    fn spec_set_for(&self, alloc: &Allocator<'_>, claims: &[&ResourceClaim]) -> Option<usize> {
        let known = alloc.known_claims.as_ref().filter(|k| k.are(claims));
        let resets = self.resets.get();
        if let Some((at, number)) = known.and_then(|k| k.spec_set.get()) {
            if at == resets {
                return Some(number);
            }
        }
        let number = self.spec_set(claims)?;
        if let Some(known) = known {
            known.spec_set.set(Some((resets, number)));
        }
        Some(number)
    }

    /// The number of the claims' set of specs (numbered when first seen);
    /// None when the memo tells apart as many sets as it may.
    fn spec_set(&self, claims: &[&ResourceClaim]) -> Option<usize> {
        let same = |set: &Vec<ResourceClaimSpec>| {
            set.len() == claims.len() && set.iter().zip(claims).all(|(s, c)| *s == c.spec)
        };
        let mut sets = self.spec_sets.borrow_mut();
        if let Some(last) = self.last_set.get() {
            if sets.get(last).is_some_and(same) {
                return Some(last);
            }
        }
        let number = match sets.iter().position(same) {
            Some(number) => number,
            None if sets.len() < KEPT_SPEC_SETS => {
                sets.push(claims.iter().map(|c| c.spec.clone()).collect());
                sets.len() - 1
            }
            None => return None,
        };
        self.last_set.set(Some(number));
        Some(number)
    }

    /// Keeps a search's outcome on the node at `at`: in place of the entry
    /// at `kept` (for the same claims), else as a new one.
    fn keep(
        &self,
        alloc: &Allocator<'_>,
        node: &Node,
        at: usize,
        kept: Option<usize>,
        entry: Entry,
    ) {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() <= at {
            nodes.resize_with(self.run_nodes.len(), || None);
        }
        let slot = &mut nodes[at];
        if slot.is_none() {
            // A search that ran to its end gathered the node's pools.
            let Ok(pools) = alloc.cel.pools_of(alloc.inventory, node, &alloc.features) else {
                return;
            };
            *slot = Some(NodeMemo {
                pools,
                entries: Vec::new(),
            });
        }
        let Some(memo) = slot else {
            return;
        };
        if let Some(old) = kept.and_then(|index| memo.entries.get_mut(index)) {
            *old = entry;
            return;
        }
        if memo.entries.len() == KEPT_PER_NODE {
            memo.entries.remove(0);
        }
        memo.entries.push(entry);
    }
}

/// The claims an allocator is asked about on node after node (a pod's
/// pending claims), borrowed for as long as the allocator lives, and the
/// number of their set of specs once the memo gave it (with the memo's
/// count of resets then).
#[derive(Debug)]
pub(super) struct KnownClaims<'a> {
    claims: &'a [&'a ResourceClaim],
    spec_set: Cell<Option<(u64, usize)>>,
}

impl<'a> KnownClaims<'a> {
    pub(super) fn new(claims: &'a [&'a ResourceClaim]) -> Self {
        KnownClaims {
            claims,
            spec_set: Cell::new(None),
        }
    }

    /// Whether `claims` are these very claims, in this order: the same
    /// objects, which cannot change while they are borrowed, hold the same
    /// specs (no comparison needed).
    fn are(&self, claims: &[&ResourceClaim]) -> bool {
        self.claims.len() == claims.len()
            && self
                .claims
                .iter()
                .zip(claims)
                .all(|(known, claim)| std::ptr::eq(*known, *claim))
    }
}

shortcut_switch! {
    /// Runs `f` with every memo of this thread turned off (tests compare
    /// runs with and without it).
    without_memo
}
