//! Pods that fit nowhere, kept so that the next pod with the same inputs,
//! while nothing in the cluster changed, fails with the same message
//! without filtering every node again. Once a large cluster is full, each
//! later pod would visit all of its nodes only to be told what the pod
//! before it was told.
//!
//! What a failed cycle read: the pod's spec (its profile by
//! `schedulerName`, the nodes its affinity names, its requests, ports,
//! tolerations, affinity, priority and preemption policy), its claims
//! (specs and statuses: what is pending, where allocated claims are
//! available, whether PostFilter could free one) and the run's state (the
//! devices in use, the pods on each node, and, when scoring, where
//! filtering starts), besides what never changes within a run (nodes,
//! classes, slices, profiles, budget). Its outcome is the message, and how
//! many nodes it processed (where the next pod starts).
//!
//! Exact by construction: a failure is kept only when filtering ran over
//! every node to its end (no search stopped or failed, so the steps fit the
//! pod's budget and the same steps do again), nothing was recorded for an
//! observer, no share id was made (ids count up over the process), the pod
//! has no claim for extended resources (made per pod, named after it) and
//! no allocated claim (whose PostFilter verdict reads the pod's uid), and
//! the budget has no time limit. A kept failure is given to a pod whose
//! spec and claims equal it, at the same state of the run: the run's
//! generation (devices allocated, pods placed) and start node.

use crate::allocator::shortcut_switch::shortcut_switch;
use crate::allocator::Generation;
use crate::api::{PodSpec, ResourceClaimSpec, ResourceClaimStatus};

/// The most failures kept for one state of the run (the oldest goes first).
const KEPT: usize = 64;

/// Where the run's state stands: the devices in use and how many pods were
/// placed on nodes. Any change to what a later pod's cycle reads of the
/// state moves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RunGeneration {
    pub allocated: Generation,
    pub placed: u64,
}

/// What a failed cycle read, besides the run's state.
#[derive(Debug, PartialEq)]
pub(super) struct FailedInputs<'i> {
    pub spec: &'i PodSpec,
    /// The pod's claims, in order.
    pub claims: Vec<(&'i ResourceClaimSpec, &'i ResourceClaimStatus)>,
    /// Where filtering started.
    pub start: usize,
}

/// A failed cycle's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FailedOutcome {
    pub message: String,
    /// Nodes filtered.
    pub processed: usize,
}

/// One kept failure.
#[derive(Debug)]
struct Failed {
    spec: PodSpec,
    claims: Vec<(ResourceClaimSpec, ResourceClaimStatus)>,
    start: usize,
    outcome: FailedOutcome,
}

impl Failed {
    fn read(&self, inputs: &FailedInputs<'_>) -> bool {
        self.start == inputs.start
            && self.claims.len() == inputs.claims.len()
            && self
                .claims
                .iter()
                .zip(&inputs.claims)
                .all(|((spec, status), (s, t))| spec == *s && status == *t)
            && self.spec == *inputs.spec
    }
}

/// The failures kept at one state of the run.
#[derive(Debug, Default)]
pub(crate) struct FailedCycles {
    generation: Option<RunGeneration>,
    /// The oldest first.
    kept: Vec<Failed>,
}

impl FailedCycles {
    /// The outcome of a failure kept at `generation` for the same inputs.
    pub(super) fn replay(
        &self,
        generation: RunGeneration,
        inputs: &FailedInputs<'_>,
    ) -> Option<&FailedOutcome> {
        if bypassed() || self.generation != Some(generation) {
            return None;
        }
        let failed = self.kept.iter().find(|f| f.read(inputs))?;
        count_hit();
        Some(&failed.outcome)
    }

    /// Keeps a failure at `generation` (forgetting those of other states).
    pub(super) fn keep(
        &mut self,
        generation: RunGeneration,
        inputs: &FailedInputs<'_>,
        outcome: FailedOutcome,
    ) {
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            self.kept.clear();
        }
        if self.kept.iter().any(|f| f.read(inputs)) {
            return;
        }
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push(Failed {
            spec: inputs.spec.clone(),
            claims: inputs
                .claims
                .iter()
                .map(|(spec, status)| ((*spec).clone(), (*status).clone()))
                .collect(),
            start: inputs.start,
            outcome,
        });
    }
}

shortcut_switch! {
    /// Runs `f` with kept failures turned off on this thread (tests compare
    /// runs with and without them).
    without_failed_cycles
}
