//! The engine's face toward the web app: one call, [`analyze`], from scenario
//! text to plain data that a view can draw without knowing the allocator.
//!
//! What comes back: every problem with its span; the objects in a
//! view-friendly shape (nodes → pools → devices, claims with their requests,
//! pods), each with the span where it is written so that an editor can
//! highlight what belongs to a device or a claim; and the run's outcome
//! (pods scheduled, the scenario after the run as YAML).
//!
//! All of it is plain data that serializes (serde), so that the web app can
//! run the engine in a Web Worker and send the analysis to the page.
//!
//! **Invariants:** analysis never panics and never fails as a whole. With
//! errors in the scenario nothing runs, but the objects that could be read
//! are still described (devices then carry no allocation). Only public APIs
//! of the other modules are used: `pipeline` (load, run), `scheduler`
//! (the run's result), `output`.

mod moment;
mod view;

use serde::{Deserialize, Serialize};

pub use moment::{moment_views, MomentViews};
pub use view::*;

use crate::diagnostic::{Diagnostic, Pos, Span};
use crate::load::LoadedScenario;
use crate::output::{run_result_documents, write_stream};
use crate::pipeline::{self, RunOptions};
use crate::scheduler::{self, RunResult, SchedulerOptions};

/// Everything the app shows about one version of the scenario text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Every problem (errors and warnings), sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the scheduler ran, and what it did.
    pub outcome: Outcome,
    /// The objects of the scenario, in document order.
    pub objects: Vec<ObjectView>,
    /// Nodes with the pools and devices they hold; a last group without a
    /// node name collects devices available to several nodes.
    pub nodes: Vec<NodeView>,
    /// The device classes.
    pub classes: Vec<ClassView>,
    /// Claims: those of the input, then those made from templates.
    pub claims: Vec<ClaimView>,
    /// Pods: those of the input, or the implicit pods of claims when the
    /// scenario has no Pod.
    pub pods: Vec<PodView>,
    /// The Scenario document's settings, as written.
    pub settings: Settings,
}

/// Whether the scheduler ran.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The run completed (whether or not every pod was scheduled).
    Ran(RunSummary),
    /// The scenario has errors: nothing ran.
    Invalid {
        /// How many errors.
        errors: usize,
    },
}

/// What a completed run did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Pods scheduled (implicit pods included).
    pub scheduled: usize,
    /// Pods in all (implicit pods included).
    pub total: usize,
    /// True when the pods are the implicit pods of claims (no Pod document).
    pub implicit: bool,
    /// The scenario after the run, as `dra-playground allocate` prints it.
    pub output_yaml: String,
    /// Only the ResourceClaims of that output, with their status.
    pub claims_yaml: String,
}

impl Analysis {
    /// One line saying how many pods were scheduled, or why nothing ran.
    pub fn status_line(&self) -> String {
        match &self.outcome {
            Outcome::Invalid { errors } => format!(
                "Nothing ran: {errors} error{} in the scenario",
                plural(*errors)
            ),
            Outcome::Ran(run) if run.total == 0 => {
                "Nothing to schedule: no Pod and no unallocated ResourceClaim".to_owned()
            }
            Outcome::Ran(run) if run.implicit => format!(
                "{} of {} claims allocated (no Pod: each claim ran as a pod of its own)",
                run.scheduled, run.total
            ),
            Outcome::Ran(run) => format!("{} of {} pods scheduled", run.scheduled, run.total),
        }
    }

    /// The analysis of a run that could not complete (the web app's worker
    /// died, say): one error at the start of the text, no objects.
    pub fn failed(message: &str) -> Analysis {
        let start = Span::point(Pos::START);
        Analysis {
            diagnostics: vec![Diagnostic::error(start, message)],
            outcome: Outcome::Invalid { errors: 1 },
            objects: Vec::new(),
            nodes: Vec::new(),
            classes: Vec::new(),
            claims: Vec::new(),
            pods: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// The device with this `DRIVER/POOL/DEVICE` key.
    pub fn device(&self, key: &str) -> Option<&DeviceView> {
        self.nodes
            .iter()
            .flat_map(|n| &n.pools)
            .flat_map(|p| &p.devices)
            .find(|d| d.key == key)
    }

    /// The claim with this `NAMESPACE/NAME` key.
    pub fn claim(&self, key: &str) -> Option<&ClaimView> {
        self.claims.iter().find(|c| c.key == key)
    }

    /// The pod with this `NAMESPACE/NAME` key.
    pub fn pod(&self, key: &str) -> Option<&PodView> {
        self.pods.iter().find(|p| p.key == key)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Loads the scenario, runs the simulated scheduler when it is valid, and
/// describes the result for a view.
pub fn analyze(text: &str, options: &RunOptions) -> Analysis {
    analyze_loaded(pipeline::load(text, options), &SchedulerOptions::default())
}

/// [`analyze`] of a scenario already loaded, for callers that read the
/// loaded scenario too (the web app finds the explanation's hints in it
/// without loading the text twice), with scheduler options: the web
/// worker gives a clock, so that `spec.searchBudget.maxMillis` holds there.
pub fn analyze_loaded(loaded: LoadedScenario, scheduler: &SchedulerOptions) -> Analysis {
    analyze_keeping_run(&loaded, scheduler).0
}

/// [`analyze_loaded`] that also hands back the run (none for an invalid scenario), for a caller
/// that goes on from it (the web worker's timeline starts from the first moment's result).
pub fn analyze_keeping_run(
    loaded: &LoadedScenario,
    scheduler: &SchedulerOptions,
) -> (Analysis, Option<RunResult>) {
    let diagnostics = pipeline::problems(loaded);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let run: Option<RunResult> = (errors == 0).then(|| pipeline::run(loaded, scheduler, None));
    let outcome = match &run {
        None => Outcome::Invalid { errors },
        Some(result) => {
            let documents = run_result_documents(result);
            let claims: Vec<_> = documents
                .iter()
                .filter(|d| d.get("kind").and_then(|k| k.as_str()) == Some("ResourceClaim"))
                .cloned()
                .collect();
            let all = result.pods.iter().chain(&result.implicit_pods);
            RunSummary {
                scheduled: all
                    .clone()
                    .filter(|p| matches!(p.placement, scheduler::Placement::Node(_)))
                    .count(),
                total: all.count(),
                implicit: result.pods.is_empty() && !result.implicit_pods.is_empty(),
                output_yaml: write_stream(&documents),
                claims_yaml: write_stream(&claims),
            }
            .into()
        }
    };
    let views = view::build(loaded, run.as_ref());
    let analysis = Analysis {
        diagnostics,
        outcome,
        objects: views.objects,
        nodes: views.nodes,
        classes: views.classes,
        claims: views.claims,
        pods: views.pods,
        settings: views.settings,
    };
    (analysis, run)
}

impl From<RunSummary> for Outcome {
    fn from(run: RunSummary) -> Outcome {
        Outcome::Ran(run)
    }
}

#[cfg(test)]
mod tests;
