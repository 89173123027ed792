//! The CEL environment against upstream's data and its own robustness: one
//! test binary, one module per concern, sharing `support` (test data as
//! JSON, devices built from it).

mod checker_errors;
mod kubernetes_cases;
mod library_cases;
mod optimizer_cases;
mod perf;
mod robustness;
mod spec;
mod support;
