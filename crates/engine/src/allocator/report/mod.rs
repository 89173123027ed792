//! What the allocator reports when asked why: plain data (serializable) about
//! one allocation attempt on one node.
//!
//! - A [`NodeFunnel`] (`funnel.rs`): for each request (and subrequest) of
//!   each claim, every device the node can reach with the first reason it
//!   cannot be used ([`Reason`], `reason.rs`), in the order of the checks
//!   (pool, feature gates, class selectors, request selectors, in use,
//!   capacity, counters, taints), judged one device at a time against the
//!   devices in use before the pod; then [`Finding`]s (`finding.rs`) about
//!   requests that fit one by one but not together (constraints, devices
//!   wanted by several requests).
//! - [`SearchEvent`]s (`search_record.rs`): the search's tentative picks,
//!   rejections that depend on other picks (constraints, devices or
//!   counters taken by another request of the pod) and backtracks, and the
//!   [`SearchRecord`] an observer keeps of them; recorded only when asked.
//!
//! None of this is computed during a normal run: see [`super::Allocator::funnel`]
//! and [`super::Allocator::allocate_recorded`].
//!
//! Dependencies point one way: this module is the vocabulary, it depends on
//! nothing else of the allocator; the search, the funnel and the observers
//! (`observe.rs`) build its values.

mod finding;
mod funnel;
mod reason;
mod search_record;

pub use finding::{Finding, ValueCounts};
pub use funnel::{ClaimFunnel, DeviceAt, DeviceVerdict, NodeFunnel, RequestFunnel};
pub use reason::{shorten, Conflict, ConstraintKind, Reason};
pub use search_record::{Rejections, SearchEvent, SearchRecord};
