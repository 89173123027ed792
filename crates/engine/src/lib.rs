//! The DRA Playground engine: Kubernetes Dynamic Resource Allocation in pure Rust.
//!
//! A scenario (a Kubernetes YAML stream) goes in; typed objects with source
//! positions, validation problems, and the outcome of the simulated scheduler
//! (which runs a port of the kube-scheduler's structured allocator) come out.
//! This crate has no web dependency: the command line and the web app both
//! sit on top of it.

pub mod allocator;
pub mod diagnostic;
pub mod explain;
pub mod features;
pub mod limits;
pub mod load;
pub mod output;
pub mod playground;
pub mod presets;
pub mod scheduler;
pub mod scheduler_profile;
pub mod share_link;
pub mod validation;
pub mod yaml;

// The Kubernetes vocabulary (crate `dra-api`) and the DRA CEL environment
// (crate `dra-cel`), under the paths they always had.
pub use dra_api::{api, names, quantity, resource_names, semver};
pub use dra_cel as cel;

use api::Object;
use diagnostic::{Diagnostic, Pos, Span};
use load::{load_scenario, LoadOptions};
use scheduler::{RunResult, SchedulerOptions};

/// How a scenario is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// Hand decoded objects to the allocator as written, without the
    /// apiserver's validation (SCENARIO.md, "Skipping validation").
    pub skip_validation: bool,
}

/// Loads a scenario and runs the simulated scheduler over it: the one entry
/// point that the command line and the web app share. Invalid input gives
/// every problem found, in source order, and no run.
pub fn run_scenario(text: &str, options: &RunOptions) -> Result<RunResult, Vec<Diagnostic>> {
    run_scenario_with(text, options, &SchedulerOptions::default())
}

/// [`run_scenario`] with scheduler options: the search budget (overriding
/// the Scenario document's `spec.searchBudget`) and a clock for its time limit.
pub fn run_scenario_with(
    text: &str,
    options: &RunOptions,
    scheduler: &SchedulerOptions,
) -> Result<RunResult, Vec<Diagnostic>> {
    let loaded = load_scenario(
        text,
        &LoadOptions {
            skip_validation: options.skip_validation,
        },
    );
    if loaded.has_errors() {
        return Err(loaded
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect());
    }
    if loaded.objects.is_empty() {
        let start = Span::point(Pos {
            line: 1,
            column: 1,
            offset: 0,
        });
        return Err(vec![Diagnostic::error(
            start,
            "the scenario is empty: write DeviceClasses, ResourceSlices, ResourceClaims and Pods as a YAML stream",
        )]);
    }
    let objects: Vec<Object> = loaded.objects.into_iter().map(|o| o.object).collect();
    Ok(scheduler::run_with(
        objects,
        loaded.features,
        scheduler,
        None,
    ))
}
