//! The simulated plugins of the kube-scheduler's default profile, one module
//! each: their filters, scores and normalizations, in upstream's terms.

pub(crate) mod dynamic_resources;
pub(crate) mod image_locality;
pub(crate) mod node_affinity;
pub(crate) mod node_name;
pub(crate) mod node_ports;
pub(crate) mod node_resources;
pub(crate) mod node_unschedulable;
pub(crate) mod taint_toleration;
