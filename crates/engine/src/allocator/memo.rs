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
//! hundreds of nodes; a pod that fits nowhere on every node. Kept per set of
//! claim specs (those asked about most recently), per node: the last outcome.
//!
//! The memo is for one run's nodes, borrowed while it lives (so none of them
//! changes): a node is known by its position among them, found from its
//! address, so a replay costs no hashing and no comparison of names or
//! labels. A node from elsewhere is searched without the memo. A pod walks
//! the nodes in order, so the outcomes of one set of claim specs are kept
//! side by side by node position: the pod reads them one after the other.
//!
//! Exact by construction: only a search that ran to its end without making
//! a share id is kept (stopped and fatal outcomes are not, nor anything
//! found with a time budget, whose outcome depends on when it runs); a kept
//! outcome is replayed only when the pod's remaining step budget admits its
//! steps, which are then counted as the search would count them. Searches
//! that an observer records never come here (`Allocator::find_recorded`).

use std::cell::{Cell, RefCell};
use std::ops::Range;

use super::observe::Quiet;
use super::search::{share_ids_made, Search};
use super::shortcut_switch::shortcut_switch;
use super::state::{Generation, PoolKey};
use super::{AllocationError, Allocator, ErrorKind, Found};
use crate::api::{Node, ResourceClaim, ResourceClaimSpec};
use crate::features::Features;

/// What one search on a node answered.
type Outcome = Result<Option<Found>, AllocationError>;

/// The most sets of claim specs whose outcomes are kept at once (the one
/// asked about least recently goes first).
pub(super) const KEPT_TABLES: usize = 32;

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
    /// The pools of the nodes with kept searches.
    pools: RefCell<NodePools>,
    /// The kept searches of the sets of claim specs asked about most
    /// recently.
    tables: RefCell<Vec<Table>>,
    /// Lookups so far: the clock of the tables' last use.
    lookups: Cell<u64>,
}

/// The pools each node reaches, once a search on it was kept, side by side
/// (no node's on the heap by itself: a replay reads them for node after
/// node).
#[derive(Debug, Default)]
struct NodePools {
    /// By the node's position in `run_nodes`: where its pools are in `keys`.
    at: Vec<Option<Range<usize>>>,
    /// The pools of node after node.
    keys: Vec<PoolKey>,
}

impl NodePools {
    /// The pools the node at `node` reaches, if they are known.
    fn of(&self, node: usize) -> Option<&[PoolKey]> {
        let range = self.at.get(node)?.clone()?;
        self.keys.get(range)
    }
}

/// The kept searches for one set of claim specs.
#[derive(Debug)]
struct Table {
    /// The number of the set of claim specs.
    spec_set: usize,
    /// When it was last asked about (a count of lookups).
    used: Cell<u64>,
    /// By the node's position in `run_nodes` (as far as a search was kept).
    entries: Vec<Option<Entry>>,
}

/// One kept search.
#[derive(Debug)]
struct Entry {
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
            pools: RefCell::new(NodePools::default()),
            tables: RefCell::new(Vec::new()),
            lookups: Cell::new(0),
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
            *self.pools.borrow_mut() = NodePools::default();
            self.tables.borrow_mut().clear();
        }
        let Some(at) = self.position(node) else {
            return Search::find(alloc, node, claims, Quiet);
        };
        let Some(spec_set) = self.spec_set_for(alloc, claims) else {
            return Search::find(alloc, node, claims, Quiet);
        };
        {
            let (tables, pools) = (self.tables.borrow(), self.pools.borrow());
            let entry = self
                .table(&tables, spec_set)
                .and_then(|t| t.entries.get(at)?.as_ref());
            if let (Some(entry), Some(pools)) = (entry, pools.of(at)) {
                if entry.steps <= alloc.meter.limit()
                    && alloc.in_use.unchanged_since(entry.generation, pools)
                {
                    alloc.meter.add(entry.steps);
                    count_hit();
                    return entry.outcome.clone();
                }
            }
        }
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
                generation,
                steps,
                outcome: outcome.clone(),
            };
            self.keep(alloc, node, at, spec_set, entry);
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

    /// The table of a set of claim specs, if one is kept (counted as its
    /// use).
    fn table<'t>(&self, tables: &'t [Table], spec_set: usize) -> Option<&'t Table> {
        let table = tables.iter().find(|t| t.spec_set == spec_set)?;
        let now = self.lookups.get() + 1;
        self.lookups.set(now);
        table.used.set(now);
        Some(table)
    }

    /// Keeps a search's outcome for the set of claim specs `spec_set` on
    /// the node at `at`, in place of the one kept before.
    fn keep(&self, alloc: &Allocator<'_>, node: &Node, at: usize, spec_set: usize, entry: Entry) {
        let mut pools = self.pools.borrow_mut();
        if pools.at.len() <= at {
            pools.at.resize(self.run_nodes.len(), None);
        }
        if pools.at[at].is_none() {
            // A search that ran to its end gathered the node's pools.
            let Ok(reached) = alloc.cel.pools_of(alloc.inventory, node, &alloc.features) else {
                return;
            };
            let start = pools.keys.len();
            pools
                .keys
                .extend(reached.iter().map(|p| (p.driver, p.pool)));
            pools.at[at] = Some(start..pools.keys.len());
        }
        let mut tables = self.tables.borrow_mut();
        let index = match tables.iter().position(|t| t.spec_set == spec_set) {
            Some(index) => index,
            None => {
                let table = Table {
                    spec_set,
                    used: Cell::new(self.lookups.get()),
                    entries: Vec::new(),
                };
                let oldest = tables.iter().enumerate().min_by_key(|(_, t)| t.used.get());
                match oldest.map(|(index, _)| index) {
                    Some(index) if tables.len() == KEPT_TABLES => {
                        tables[index] = table;
                        index
                    }
                    _ => {
                        tables.push(table);
                        tables.len() - 1
                    }
                }
            }
        };
        let entries = &mut tables[index].entries;
        if entries.len() <= at {
            entries.resize_with(at + 1, || None);
        }
        entries[at] = Some(entry);
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
