//! The messages between the page and the engine worker: a run (text in, the analysis and the
//! hints out, with the lessons panel's answer when it asks), an explanation (text and an
//! [`ExplainScope`] in, the explanation out), a CEL expression to evaluate (the console), what
//! the editor completes at its cursor, or a one-off task (`tasks`: a picture, a comparison),
//! each with the serial the page gave it.
//! yew-agent carries them bincode-encoded.

use dra_engine::compare::Comparison;
use dra_engine::completion::Completion;
use dra_engine::lessons::GoalCheck;
use dra_engine::playground::Analysis;
use serde::{Deserialize, Serialize};

use crate::worker::completions::CompletionsView;
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
    /// Evaluate a CEL expression for a device of the scenario (the CEL console).
    Eval(EvalRequest),
    /// What the editor completes at its cursor (`dra_engine::completion`).
    Complete(CompleteRequest),
}

impl Request {
    /// The request's serial.
    pub fn serial(&self) -> u64 {
        match self {
            Request::Run(r) => r.serial,
            Request::Explain(r) => r.serial,
            Request::Render(r) => r.serial,
            Request::Compare(r) => r.serial,
            Request::Eval(r) => r.serial,
            Request::Complete(r) => r.serial,
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
    /// While the lessons panel is open: the track, and the goals of the lesson open checked.
    pub lessons: Option<LessonsQuery>,
}

/// A CEL expression for the console to evaluate, as `dra-playground eval` does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalRequest {
    /// Increases with every evaluation the page asks for (in its own range: see
    /// `platform/engine_client.rs`).
    pub serial: u64,
    /// The scenario text (its feature gates and devices).
    pub text: String,
    /// The expression.
    pub expression: String,
    /// The device `device` stands for (`DRIVER/POOL/DEVICE`), if any.
    pub device: Option<String>,
}

/// The editor's cursor in a scenario, for completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteRequest {
    /// Increases with every request of its kind (in its own range: see
    /// `platform/engine_client.rs`).
    pub serial: u64,
    /// The scenario text.
    pub text: String,
    /// The cursor, a byte offset into `text`.
    pub offset: usize,
}

/// What the console shows for an expression: its value, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvalOutcome {
    /// The value.
    Value {
        /// In CEL literal form.
        value: String,
        /// The checked type.
        type_name: String,
        /// The apiserver's static estimate.
        estimated_cost: u64,
        /// The cost of this evaluation.
        actual_cost: u64,
        /// The apiserver's refusal of the expression as a selector, if it refuses it.
        as_selector: Option<String>,
    },
    /// No value: the message, and the character offset in the expression where the problem
    /// is, when known.
    Error {
        /// The message.
        message: String,
        /// Character offset in the expression.
        offset: Option<usize>,
    },
}

/// What the lessons panel asks with every run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsQuery {
    /// The lesson open (`#lesson=NAME`'s NAME), if any.
    pub open: Option<String>,
}

/// The lessons as the panel shows them, for one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsReply {
    /// Every lesson, in track order.
    pub track: Vec<TrackEntry>,
    /// The lesson open, its goals checked against the run's text; or why it cannot be shown.
    pub open: Option<Result<LessonView, String>>,
}

/// A lesson in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackEntry {
    /// The name in links.
    pub name: String,
    /// The title.
    pub title: String,
    /// What it teaches, in a line.
    pub summary: String,
}

/// The lesson open, as the panel shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    /// The name in links.
    pub name: String,
    /// The title.
    pub title: String,
    /// What the learner reads first (paragraphs, `code` in backquotes).
    pub explanation: String,
    /// What to do.
    pub task: String,
    /// Graded hints, gentle first.
    pub hints: Vec<String>,
    /// The scenario the lesson starts from.
    pub start: String,
    /// A scenario that meets every goal.
    pub solution: String,
    /// Each goal checked against the run's text.
    pub checks: Vec<GoalCheck>,
    /// Every goal is met.
    pub solved: bool,
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
        /// What the lessons panel asked, answered (None when it did not ask).
        lessons: Option<Box<LessonsReply>>,
        /// The names the editor completes in CEL expressions, from this scenario.
        completions: Box<CompletionsView>,
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
    /// A CEL expression evaluated for the console.
    Evaluated {
        /// The request's serial.
        serial: u64,
        /// The value or the error.
        outcome: EvalOutcome,
    },
    /// What the editor may complete at its cursor (byte offsets), if anything.
    Completed {
        /// The request's serial.
        serial: u64,
        /// The options and the text they replace.
        completion: Option<Completion>,
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
            | Reply::Evaluated { serial, .. }
            | Reply::Completed { serial, .. }
            | Reply::Crashed { serial, .. } => *serial,
        }
    }
}
