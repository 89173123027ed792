//! The explanation panel under the results, and what it shows: why a pod, claim, request,
//! device or node ended as it did, why a change on the timeline happened, a pod's scheduling cycle plugin by plugin, the request
//! funnels, the selector matrix and the search trace.

pub mod claim_why;
pub mod cycle_table;
pub mod device_why;
pub mod event_why;
pub mod funnel;
pub mod history_why;
pub mod node_why;
pub mod panel;
pub mod pod_why;
pub mod selector_matrix;
pub mod trace_stepper;
pub mod why_link;
