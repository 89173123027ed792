//! The results side: the run status, the pods, the cluster map, the claims and the output, and
//! the timeline of a scenario with steps; long lists are shown a page at a time.

pub mod claim_list;
pub mod cluster_map;
pub mod item_handlers;
pub mod list_window;
pub mod panel;
pub mod pod_list;
pub mod timeline;
