//! What filtering a node finds: the verdict, what the allocator found
//! there, and what the filters note for an observer.

use super::status::Rejection;
use crate::allocator::report::NodeFunnel;
use crate::allocator::{Found, SearchRecord};
use crate::api::{ContainerExtendedResourceRequest, ResourceClaim};
use crate::scheduler::report::{FilterCell, NodeOutcome};

/// The claim made for a pod's extended resources on one node, and which of
/// its requests serves each container.
pub(crate) type ExtendedClaim = (ResourceClaim, Vec<ContainerExtendedResourceRequest>);

/// What the allocator found on a feasible node: small, as the scheduler
/// keeps one for every feasible node it scores.
#[derive(Debug, Default)]
pub(crate) struct NodeAllocation {
    /// The devices found for each pending claim, then for the extended
    /// claim (made into results only on the chosen node; shared with the
    /// allocator's memo).
    pub found: Found,
    /// The claim made for the pod's extended resources on this node.
    pub extended_claim: Option<Box<ExtendedClaim>>,
}

/// A node's verdict.
pub(crate) enum Verdict {
    /// Every filter passed (with what the allocator found, if it ran).
    Feasible(Option<NodeAllocation>),
    /// A filter rejected the node (with the outcome an observer is told,
    /// when it is more than the rejection's message: made only when a
    /// report is asked for).
    Rejected(Rejection, Option<NodeOutcome>),
    /// The pod's scheduling stops (an allocator error, the search budget).
    GiveUp(String, NodeOutcome),
}

/// Where the filters note what they found, for an observer.
pub(crate) struct FilterNotes<'n> {
    /// Each filter's verdict (when reporting).
    pub cells: Option<&'n mut Vec<FilterCell>>,
    /// The allocator's funnel on the node.
    pub funnel: &'n mut Option<NodeFunnel>,
    /// What the allocator's search turned down.
    pub search: &'n mut Option<SearchRecord>,
    /// An allocated claim of the pod is not available on some node.
    pub unavailable: &'n mut bool,
}

impl FilterNotes<'_> {
    /// Notes a filter's verdict in a word.
    pub(crate) fn cell(&mut self, verdict: &str) {
        if let Some(cells) = self.cells.as_deref_mut() {
            cells.push(FilterCell {
                verdict: verdict.into(),
                ..FilterCell::default()
            });
        }
    }

    /// Notes a filter's verdict.
    pub(crate) fn push(&mut self, cell: FilterCell) {
        if let Some(cells) = self.cells.as_deref_mut() {
            cells.push(cell);
        }
    }
}
