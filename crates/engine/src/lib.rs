//! The DRA Playground engine: Kubernetes Dynamic Resource Allocation in pure Rust.
//!
//! A scenario (a Kubernetes YAML stream) goes in; typed objects with source
//! positions, validation problems, and the outcome of the simulated scheduler
//! (which runs a port of the kube-scheduler's structured allocator) come out.
//! This crate has no web dependency: the command line and the web app both
//! sit on top of it.

pub mod allocator;
pub mod api;
pub mod cel;
pub mod features;
pub mod quantity;
pub mod semver;
pub mod diagnostic;
pub mod yaml;
pub mod load;
pub mod validation;
