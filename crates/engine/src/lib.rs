//! The DRA Playground engine: Kubernetes Dynamic Resource Allocation in pure Rust.
//!
//! A scenario (a Kubernetes YAML stream) goes in; typed objects with source
//! positions, validation problems, and the outcome of the simulated scheduler
//! (which runs a port of the kube-scheduler's structured allocator) come out.
//! This crate has no web dependency: the command line and the web app both
//! sit on top of it.

pub mod allocator;
pub mod compare;
pub mod completion;
pub mod diagnostic;
pub mod eval;
pub mod explain;
pub mod features;
pub mod lessons;
pub mod limits;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod playground;
pub mod presets;
pub mod render;
pub mod scenario_text;
pub mod scheduler;
pub mod scheduler_profile;
pub mod share_link;
pub mod timeline;
pub mod validation;
pub mod workloads;
pub mod yaml;

// The Kubernetes vocabulary (crate `dra-api`) and the DRA CEL environment
// (crate `dra-cel`), under the paths they always had.
pub use dra_api::{api, feature_gates, fields, names, quantity, resource_names, semver};
pub use dra_cel as cel;

// The entry points every caller shares.
pub use pipeline::{run_scenario, run_scenario_with, RunOptions};
