//! The one way from scenario text to a run, which every entry point takes
//! (the command line's `allocate`, `explain` and `eval`, [`crate::explain`]
//! and [`crate::playground`]): load the text ([`crate::load`]: decode,
//! convert, default, and validate unless skipped); refuse a scenario with
//! errors, or one that holds no object, with those errors; run the
//! simulated scheduler, with an observer when the run is being explained.
//!
//! ```
//! use dra_engine::{run_scenario, RunOptions};
//!
//! let problems = run_scenario("# nothing here\n", &RunOptions::default()).unwrap_err();
//! assert!(problems[0].message.starts_with("the scenario is empty"));
//! ```

use crate::api::Object;
use crate::diagnostic::{self, Diagnostic, Pos, Span};
use crate::limits::Limits;
use crate::load::{load_scenario_within, LoadOptions, LoadedScenario};
use crate::scheduler::report::RunObserver;
use crate::scheduler::{self, RunResult, SchedulerOptions};

/// How a scenario is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// Hand decoded objects to the allocator as written, without the
    /// apiserver's validation (SCENARIO.md, "Skipping validation").
    pub skip_validation: bool,
}

/// Loads scenario text as the options say, within the page's limits; its
/// [`problems`] say whether it can run.
pub fn load(text: &str, options: &RunOptions) -> LoadedScenario {
    load_within(text, options, &Limits::PAGE)
}

/// [`load`] within other size limits (the command line's).
pub fn load_within(text: &str, options: &RunOptions, limits: &Limits) -> LoadedScenario {
    load_scenario_within(text, &load_options(options), limits)
}

/// [`load_within`] on two cores, the YAML parsed on a second thread while
/// this one decodes ([`crate::load::load_scenario_in_parallel`]): the same
/// result. Native builds only.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_within_in_parallel(
    text: &str,
    options: &RunOptions,
    limits: &Limits,
) -> LoadedScenario {
    crate::load::load_scenario_in_parallel(text, &load_options(options), limits)
}

fn load_options(options: &RunOptions) -> LoadOptions {
    LoadOptions {
        skip_validation: options.skip_validation,
    }
}

/// Every problem of a loaded scenario, sorted by position: those of
/// loading, and, when it holds no object and has no error, one error saying
/// it is empty (it would run nothing). It can run when none is an error.
pub fn problems(loaded: &LoadedScenario) -> Vec<Diagnostic> {
    let mut problems = loaded.diagnostics.clone();
    if loaded.objects.is_empty() && !loaded.has_errors() {
        problems.push(empty_scenario());
        diagnostic::sort(&mut problems);
    }
    problems
}

/// The loaded scenario when it can run; otherwise every error that keeps it
/// from running (see [`problems`]), in source order.
pub fn refuse(loaded: LoadedScenario) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = problems(&loaded)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// The error of a scenario without any object (nothing but comments or
/// empty documents), at its start.
fn empty_scenario() -> Diagnostic {
    Diagnostic::error(
        Span::point(Pos::START),
        "the scenario is empty: write DeviceClasses, ResourceSlices, ResourceClaims and Pods as a YAML stream",
    )
}

/// Runs the simulated scheduler over the first moment of a scenario that
/// can run (its steps are [`crate::timeline`]'s), telling
/// `observer` (if any) about every pod; an observer never changes the
/// outcome.
pub fn run(
    loaded: &LoadedScenario,
    scheduler: &SchedulerOptions,
    observer: Option<&mut dyn RunObserver>,
) -> RunResult {
    let objects: Vec<Object> = loaded
        .first_moment()
        .iter()
        .map(|o| o.object.clone())
        .collect();
    scheduler::run_with(objects, loaded.features, scheduler, observer)
}

/// Loads a scenario and runs the simulated scheduler over it. Invalid input
/// gives every problem found, in source order, and no run.
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
    let loaded = refuse(load(text, options))?;
    Ok(run_owned(loaded, scheduler))
}

/// [`run`] without an observer, on a scenario the caller no longer needs:
/// the objects of the first moment (steps are the timeline's) move into the
/// run (no copy of a large cluster) and their span tables are freed before it
/// starts.
pub fn run_owned(loaded: LoadedScenario, scheduler: &SchedulerOptions) -> RunResult {
    let first = loaded.first_moment().len();
    let mut objects: Vec<Object> = loaded.objects.into_iter().map(|o| o.object).collect();
    objects.truncate(first);
    scheduler::run_with(objects, loaded.features, scheduler, None)
}
