//! What observers of the search are told: events for picks, rejections and
//! backtracks, with the details of each refusal in the state the search is
//! in (from the same device checks that refused it). Built only when the
//! observer is enabled.

use super::counters::consumed_by;
use super::device_checks::{blocking_taint, taint_reason};
use super::inventory::{DeviceId, DevicePos};
use super::object_name;
use super::observe::Observer;
use super::report::{Reason, SearchEvent};
use super::request::RequestRef;
use super::search::{Cursor, Refusal, Search};
use crate::api::DeviceClass;

impl<'c, 'a: 'c, O: Observer> Search<'c, 'a, O> {
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
        let features = self.alloc.features;
        let request = self.requests[cursor.claim][cursor.request][cursor.sub].request;
        let device = self.device_at(pos);
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
                        short.reason(held_by_rejected)
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
            Refusal::Taint => match blocking_taint(features, request, device) {
                Some(taint) => taint_reason(taint),
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
            Refusal::Capacity => match self.capacity_problem(request, pos) {
                Some(problem) => problem.reason(),
                None => Reason::Capacity {
                    capacity: String::new(),
                    needed: String::new(),
                    left: String::new(),
                    joint: true,
                },
            },
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
