//! DynamicResources' Filter on one node: are the pod's allocated claims
//! available there, and can the structured allocator allocate the others
//! (with the node's claim for extended resources) there.

use std::borrow::Cow;

use super::{cannot_allocate, not_available, PodClaims, CANNOT_ALLOCATE};
use crate::allocator::report::NodeFunnel;
use crate::allocator::{Allocator, ErrorKind, Recorder, SearchRecord};
use crate::api::{Node, Pod, ResourceClaim};
use crate::scheduler::framework::status::Rejection;
use crate::scheduler::framework::verdict::{FilterNotes, NodeAllocation, Verdict};
use crate::scheduler::report::NodeOutcome;
use crate::scheduler::trail::Watch;
use crate::scheduler_profile::PluginName;

impl PodClaims<'_> {
    /// The verdict on `node`; `pending` are the claims still to allocate
    /// (`self.pending`, resolved).
    pub(crate) fn filter(
        &self,
        pod: &Pod,
        node: &Node,
        pending: &[&ResourceClaim],
        allocator: &Allocator<'_>,
        watch: Watch,
        notes: &mut FilterNotes<'_>,
    ) -> Verdict {
        let rejected = |r: Rejection| Verdict::Rejected(r, None);
        let request = match self.prepare(pod, node) {
            Err(r) => return rejected(r),
            Ok(request) => request,
        };
        let available = self.available(node);
        let Some(request) = request else {
            if !available {
                *notes.unavailable = true;
                return rejected(not_available());
            }
            return Verdict::Feasible(None);
        };
        let extended = request.extended_claim.as_ref().map(|extended| &extended.0);
        let claims: Cow<'_, [&ResourceClaim]> = match extended {
            None => Cow::Borrowed(pending),
            Some(claim) => {
                let mut all = pending.to_vec();
                all.push(claim);
                Cow::Owned(all)
            }
        };
        // Explaining records what the search turns down (and, with a trace
        // limit, its events); a normal run records nothing.
        let mut recorder = watch
            .funnels
            .then(|| Recorder::new(watch.trace.unwrap_or(0)));
        let result = match &mut recorder {
            Some(recorder) => allocator.find_recorded(node, &claims, recorder),
            None => allocator.find(node, &claims),
        };
        if watch.funnels {
            *notes.funnel = allocator.funnel(node, &claims).ok();
        }
        let verdict = match result {
            Ok(Some(found)) if available => Verdict::Feasible(Some(NodeAllocation {
                found,
                extended_claim: request.extended_claim,
            })),
            Ok(_) if !available => {
                *notes.unavailable = true;
                rejected(not_available())
            }
            Ok(_) => Verdict::Rejected(
                cannot_allocate(),
                watch.nodes.then(|| {
                    NodeOutcome::NoAllocation(summary(
                        notes.funnel.as_ref(),
                        recorder.as_ref().map(|r| &r.record),
                    ))
                }),
            ),
            Err(error) if error.kind == ErrorKind::NodeLocal => Verdict::Rejected(
                Rejection::unresolvable(PluginName::DynamicResources, error.message.clone()),
                Some(NodeOutcome::NodeError(error.message)),
            ),
            Err(error) if error.kind == ErrorKind::Stopped => {
                let message = format!(
                    "{} (while trying node {})",
                    error.message, node.metadata.name
                );
                Verdict::GiveUp(message.clone(), NodeOutcome::Stopped(message))
            }
            Err(error) => Verdict::GiveUp(error.message.clone(), NodeOutcome::Fatal(error.message)),
        };
        *notes.search = recorder.map(|mut r| r.take());
        verdict
    }
}

/// Why the allocator found nothing, in words: the funnel's summary when
/// one was computed.
fn summary(funnel: Option<&NodeFunnel>, record: Option<&SearchRecord>) -> String {
    funnel.map_or_else(|| CANNOT_ALLOCATE.to_owned(), |f| f.summary(record))
}
