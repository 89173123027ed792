//! The results side: the run status, the pods, the cluster map, the claims and the output.

pub mod claim_list;
pub mod cluster_map;
pub mod item_handlers;
pub mod panel;
pub mod pod_list;
