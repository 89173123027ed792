//! The messages between the page and the engine worker: a run (text in, the analysis and the
//! hints out) or an explanation (text and an [`ExplainScope`] in, the explanation out), or a
//! one-off task (`tasks`: a picture, a comparison), each with the serial the page gave it.
//! yew-agent carries them bincode-encoded.

use dra_engine::compare::Comparison;
use dra_engine::playground::Analysis;
use serde::{Deserialize, Serialize};

use crate::worker::explanation_view::{ExplanationView, HintView};
use crate::worker::tasks::{CompareRequest, RenderRequest};
use crate::worker::timeline_view::TimelineView;

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Run the scenario.
    Run(RunRequest),
    /// Explain a run of the scenario.
    Explain(ExplainRequest),
    /// Draw the picture of a run.
    Render(RenderRequest),
    /// Compare two runs.
    Compare(CompareRequest),
}

impl Request {
    /// The request's serial.
    pub fn serial(&self) -> u64 {
        match self {
            Request::Run(r) => r.serial,
            Request::Explain(r) => r.serial,
            Request::Render(r) => r.serial,
            Request::Compare(r) => r.serial,
        }
    }
}

/// A run for the worker to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunRequest {
    /// Increases with every request the page makes.
    pub serial: u64,
    /// The scenario text (its Scenario document says whether to skip validation).
    pub text: String,
}

/// An explanation for the worker to compute: the run again, observed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainRequest {
    /// Increases with every request the page makes.
    pub serial: u64,
    /// The scenario text.
    pub text: String,
    /// What to explain.
    pub scope: ExplainScope,
}

/// How much of a run to explain: what the panel shows, and no more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExplainScope {
    /// Only these pods (`namespace/name`) get funnels; empty: every pod.
    pub pods: Vec<String>,
    /// Record the search trace.
    pub trace: bool,
    /// Evaluate every selector on every device.
    pub matrix: bool,
}

/// The worker's answer to one request.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The run completed (or found the scenario invalid).
    Done {
        /// The request's serial.
        serial: u64,
        /// What the engine made of the text.
        analysis: Box<Analysis>,
        /// Likely mistakes, positioned in the text (none when it has errors).
        hints: Vec<HintView>,
        /// Every moment, when the scenario has steps (and no errors).
        timeline: Option<Box<TimelineView>>,
        /// Milliseconds spent in the engine's run (loading included), measured in the worker.
        engine_ms: f64,
        /// Milliseconds spent finding the hints in the loaded scenario, measured in the worker.
        hints_ms: f64,
    },
    /// The explanation as the panel shows it; `None` when the scenario has errors.
    Explained {
        /// The request's serial.
        serial: u64,
        /// The explanation.
        explanation: Option<Box<ExplanationView>>,
        /// Milliseconds spent explaining, measured in the worker.
        engine_ms: f64,
    },
    /// The picture of a run, as SVG.
    Rendered {
        /// The request's serial.
        serial: u64,
        /// The SVG document.
        svg: String,
    },
    /// Two runs and their differences.
    Compared {
        /// The request's serial.
        serial: u64,
        /// The comparison.
        comparison: Box<Comparison>,
    },
    /// The engine panicked on this scenario.
    Crashed {
        /// The request's serial.
        serial: u64,
        /// The panic message.
        message: String,
    },
}

impl Reply {
    /// The serial of the request this answers.
    pub fn serial(&self) -> u64 {
        match self {
            Reply::Done { serial, .. }
            | Reply::Explained { serial, .. }
            | Reply::Rendered { serial, .. }
            | Reply::Compared { serial, .. }
            | Reply::Crashed { serial, .. } => *serial,
        }
    }
}
