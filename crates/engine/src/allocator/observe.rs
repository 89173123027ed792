//! Watching the search: an [`Observer`] receives [`SearchEvent`]s. The search
//! is generic over its observer and builds events only when
//! `O::ENABLED`, a constant: with [`Quiet`] (what [`super::Allocator::allocate`]
//! uses) the recording code is compiled out, so a normal run pays nothing.
//! A [`Recorder`] keeps them as a [`SearchRecord`].
//!
//! Observers depend on the report's data (`super::report`), never the
//! other way round.

use std::collections::BTreeSet;

use super::report::{Rejections, SearchEvent, SearchRecord};

/// Receives the search's events.
pub(crate) trait Observer {
    /// False for an observer that ignores everything: then no event is built.
    const ENABLED: bool;

    /// One event.
    fn event(&mut self, event: SearchEvent);
}

/// The observer of a normal run: nothing is recorded.
pub(crate) struct Quiet;

impl Observer for Quiet {
    const ENABLED: bool = false;

    #[inline(always)]
    fn event(&mut self, _: SearchEvent) {}
}

impl<O: Observer> Observer for &mut O {
    const ENABLED: bool = O::ENABLED;

    fn event(&mut self, event: SearchEvent) {
        (**self).event(event)
    }
}

/// Records a search: its events up to a limit, and rejection counts.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    /// How many events to keep (0: none, only counts).
    pub limit: usize,
    /// What was recorded.
    pub record: SearchRecord,
}

impl Recorder {
    /// A recorder that keeps up to `limit` events.
    pub fn new(limit: usize) -> Self {
        Recorder {
            limit,
            record: SearchRecord::default(),
        }
    }

    /// Takes what was recorded, leaving the recorder empty (same limit).
    pub fn take(&mut self) -> SearchRecord {
        std::mem::take(&mut self.record)
    }
}

impl Observer for Recorder {
    const ENABLED: bool = true;

    fn event(&mut self, event: SearchEvent) {
        let record = &mut self.record;
        match &event {
            SearchEvent::Pick { .. } => record.picks += 1,
            SearchEvent::Backtrack { .. } => record.backtracks += 1,
            SearchEvent::Reject {
                claim,
                request,
                device,
                reason,
                ..
            } => {
                let group = record.rejections.iter_mut().find(|r| {
                    r.claim == *claim && r.request == *request && r.reason.same_group(reason)
                });
                match group {
                    Some(group) => {
                        group.times += 1;
                        if !group.devices.contains(device) {
                            group.devices.insert(device.clone());
                        }
                    }
                    None => record.rejections.push(Rejections {
                        claim: claim.clone(),
                        request: request.clone(),
                        reason: reason.clone(),
                        times: 1,
                        devices: BTreeSet::from([device.clone()]),
                    }),
                }
            }
            _ => {}
        }
        if record.events.len() < self.limit {
            record.events.push(event);
        } else {
            record.dropped += 1;
        }
    }
}
