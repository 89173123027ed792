//! What a search did: its events (picks, rejections, backtracks, ...) and
//! what an observer kept of them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::reason::Reason;

/// One step of the search, for a trace the app can step through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SearchEvent {
    /// The search starts on a node.
    Start {
        /// The node.
        node: String,
    },
    /// Trying one alternative of a `firstAvailable` list.
    TryAlternative {
        /// The step count when it happened.
        step: u64,
        /// The claim (`namespace/name`).
        claim: String,
        /// `request/subrequest`.
        request: String,
    },
    /// A device tentatively picked.
    Pick {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request (`request` or `request/subrequest`).
        request: String,
        /// `driver/pool/device`.
        device: String,
        /// Devices picked for the pod so far, this one included.
        depth: usize,
    },
    /// A device that passed the request's selectors, turned down because of
    /// what was picked before it (or a counter, capacity or taint).
    Reject {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// `driver/pool/device`.
        device: String,
        /// Why.
        reason: Reason,
    },
    /// A pick taken back: nothing after it worked out.
    Backtrack {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// `driver/pool/device`.
        device: String,
    },
    /// No device left for a request at this point of the search.
    Exhausted {
        /// The step count when it happened.
        step: u64,
        /// The claim.
        claim: String,
        /// The request.
        request: String,
        /// Devices picked for the request so far.
        picked: usize,
        /// Devices it needs.
        needed: i64,
    },
    /// Every claim got its devices.
    Solution {
        /// The step count when it happened.
        step: u64,
    },
    /// The search budget ran out.
    Stopped {
        /// The step count when it happened.
        step: u64,
    },
}

/// Devices of one request turned down during a search for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejections {
    /// The claim (`namespace/name`).
    pub claim: String,
    /// The request (`request` or `request/subrequest`).
    pub request: String,
    /// The reason (the first one seen of its group, see [`Reason::same_group`]).
    pub reason: Reason,
    /// How often a device was turned down for it.
    pub times: u64,
    /// The distinct devices (`driver/pool/device`), sorted.
    pub devices: BTreeSet<String>,
}

/// What a recorder (the allocator's `Recorder`) kept of one or more searches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRecord {
    /// The events, in order, up to the recorder's limit.
    pub events: Vec<SearchEvent>,
    /// Events left out beyond the limit.
    pub dropped: u64,
    /// Rejections during the search, by claim, request and reason (never
    /// limited).
    pub rejections: Vec<Rejections>,
    /// Tentative picks.
    pub picks: u64,
    /// Picks taken back.
    pub backtracks: u64,
}
