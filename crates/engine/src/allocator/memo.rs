//! The last outcome of the search on each node, replayed while nothing it
//! read changed. A search on a node reads the claims' specs (requests,
//! selectors, constraints, configuration, class names: not their names,
//! which only errors carry), the node's name and labels, the pools the node
//! reaches and which of their devices, counters and capacity are in use,
//! and the run's classes, features and CEL verdicts. Within a run only the
//! devices in use change, pool by pool ([`AllocatedState`]'s generations):
//! a pod filtered on a node where an earlier pod with the same claims was
//! filtered, and none of the node's pools changed since, gets the same
//! answer with the same step count. With scoring, each pod is filtered on
//! hundreds of nodes; a pod that fits nowhere on every node. Kept per node:
//! the last outcome for each set of claim specs.
//!
//! Exact by construction: only a search that ran to its end without making
//! a share id is kept (stopped and fatal outcomes are not, nor anything
//! found with a time budget, whose outcome depends on when it runs); a kept
//! outcome is replayed only when the pod's remaining step budget admits its
//! steps, which are then counted as the search would count them. Searches
//! that an observer records never come here (`Allocator::find_recorded`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::fast_hash::FastMap;
use super::observe::Quiet;
use super::search::{share_ids_made, Search};
use super::state::Generation;
use super::{AllocationError, Allocator, ErrorKind, Found};
use crate::api::{Node, ResourceClaim, ResourceClaimSpec};
use crate::features::Features;

/// What one search on a node answered.
type Outcome = Result<Option<Found>, AllocationError>;

/// The most outcomes kept per node (one per distinct set of claim specs;
/// the oldest goes first).
const KEPT_PER_NODE: usize = 32;

/// Per node name, the last search's outcome for each set of claim specs;
/// for the allocators of one run (the same classes, slices and CEL cache)
/// over one [`super::AllocatedState`] kept up to date from pod to pod.
#[derive(Debug, Default)]
pub struct SearchMemo {
    nodes: RefCell<FastMap<String, NodeMemo>>,
}

/// One node's kept searches.
#[derive(Debug)]
struct NodeMemo {
    /// The node's labels when they were searched.
    labels: BTreeMap<String, String>,
    /// The oldest first.
    entries: Vec<Entry>,
}

/// One kept search.
#[derive(Debug)]
struct Entry {
    /// The claims' specs it searched for, in order.
    specs: Vec<ResourceClaimSpec>,
    features: Features,
    /// The serial of the inventory it searched.
    inventory: u64,
    /// Where the devices in use stood.
    generation: Generation,
    /// Steps it took.
    steps: u64,
    outcome: Outcome,
}

impl Entry {
    /// Whether it searched for these claims with these features and slices.
    fn is_for(&self, alloc: &Allocator<'_>, claims: &[&ResourceClaim]) -> bool {
        self.inventory == alloc.inventory.serial
            && self.features == alloc.features
            && self.specs.len() == claims.len()
            && self.specs.iter().zip(claims).all(|(s, c)| *s == c.spec)
    }
}

impl SearchMemo {
    /// An empty memo.
    pub fn new() -> Self {
        SearchMemo::default()
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
        let Ok(pools) = alloc.cel.pools_of(alloc.inventory, node, &alloc.features) else {
            return Search::find(alloc, node, claims, Quiet);
        };
        let name = node.metadata.name.as_str();
        let kept = {
            let nodes = self.nodes.borrow();
            nodes
                .get(name)
                .filter(|memo| memo.labels == node.metadata.labels)
                .and_then(|memo| memo.entries.iter().position(|e| e.is_for(alloc, claims)))
        };
        if let Some(index) = kept {
            let nodes = self.nodes.borrow();
            let entry = &nodes[name].entries[index];
            if entry.steps <= alloc.meter.limit()
                && alloc.in_use.unchanged_since(entry.generation, &pools)
            {
                alloc.meter.add(entry.steps);
                #[cfg(test)]
                HITS.with(|hits| hits.set(hits.get() + 1));
                return entry.outcome.clone();
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
            self.keep(node, kept, alloc, claims, (generation, steps, &outcome));
        }
        outcome
    }

    /// Keeps a search's outcome: in place of the entry at `kept` (for the
    /// same claims), else as a new one.
    fn keep(
        &self,
        node: &Node,
        kept: Option<usize>,
        alloc: &Allocator<'_>,
        claims: &[&ResourceClaim],
        (generation, steps, outcome): (Generation, u64, &Outcome),
    ) {
        let mut nodes = self.nodes.borrow_mut();
        let memo = match nodes.get_mut(node.metadata.name.as_str()) {
            Some(memo) => memo,
            None => nodes
                .entry(node.metadata.name.clone())
                .or_insert_with(|| NodeMemo {
                    labels: node.metadata.labels.clone(),
                    entries: Vec::new(),
                }),
        };
        if memo.labels != node.metadata.labels {
            memo.labels.clone_from(&node.metadata.labels);
            memo.entries.clear();
        }
        if let Some(entry) = kept.and_then(|index| memo.entries.get_mut(index)) {
            entry.generation = generation;
            entry.steps = steps;
            entry.outcome.clone_from(outcome);
            return;
        }
        if memo.entries.len() == KEPT_PER_NODE {
            memo.entries.remove(0);
        }
        memo.entries.push(Entry {
            specs: claims.iter().map(|c| c.spec.clone()).collect(),
            features: alloc.features,
            inventory: alloc.inventory.serial,
            generation,
            steps,
            outcome: outcome.clone(),
        });
    }
}

#[cfg(test)]
thread_local! {
    /// Set by [`without_memo`]: every search runs.
    static BYPASSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Searches answered from a memo on this thread so far.
    static HITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many searches memos answered on this thread so far.
#[cfg(test)]
pub(crate) fn hits() -> u64 {
    HITS.with(std::cell::Cell::get)
}

/// Whether tests turned the memo off on this thread.
fn bypassed() -> bool {
    #[cfg(test)]
    return BYPASSED.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// Runs `f` with every memo of this thread turned off (tests compare runs
/// with and without it).
#[cfg(test)]
pub(crate) fn without_memo<R>(f: impl FnOnce() -> R) -> R {
    BYPASSED.with(|b| b.set(true));
    let result = f();
    BYPASSED.with(|b| b.set(false));
    result
}
