//! One run of the engine over the scenario text, timed. The engine runs in
//! the worker (`platform/engine_client.rs`); this is what the page keeps of a run.

use std::rc::Rc;

use dra_engine::playground::{Analysis, Outcome};
use dra_playground_web::worker::completions::CompletionsView;
use dra_playground_web::worker::explanation_view::HintView;
use dra_playground_web::worker::messages::{LessonsReply, Reply};
use dra_playground_web::worker::timeline_view::TimelineView;

use crate::state::runner::PendingRun;

/// A run and what it produced. Runs compare by serial number.
#[derive(Debug)]
pub struct RunInfo {
    /// Increases with every run.
    pub serial: u64,
    /// The text that ran.
    pub text: Rc<str>,
    /// What the engine made of it.
    pub analysis: Rc<Analysis>,
    /// Likely mistakes, positioned in the text.
    pub hints: Rc<Vec<HintView>>,
    /// Every moment, when the scenario has steps.
    pub timeline: Option<Rc<TimelineView>>,
    /// Milliseconds spent in the engine (in the worker).
    pub engine_ms: f64,
    /// Milliseconds spent finding the hints (in the worker).
    pub hints_ms: f64,
    /// `performance.now()` when the run was sent to the worker (for the
    /// edit-to-result time).
    pub started: f64,
    /// Wall-clock time of the run, for people.
    pub clock: String,
    /// The lessons panel's answer (None when it was closed).
    pub lessons: Option<Rc<LessonsReply>>,
    /// The names the editor completes in CEL expressions.
    pub completions: Rc<CompletionsView>,
}

impl PartialEq for RunInfo {
    fn eq(&self, other: &Self) -> bool {
        self.serial == other.serial
    }
}

/// What the page keeps of the worker's reply to `run`, answered at `answered` (the page's
/// clock, as `run.started`) and `clock` (the wall-clock time). An explanation is no answer to a
/// run: it counts as a crash.
pub fn finish(run: PendingRun, reply: Reply, answered: f64, clock: String) -> RunInfo {
    let crashed = |serial, message: &str| {
        (
            serial,
            Analysis::failed(&format!(
                "The engine stopped on this scenario ({message}). This is a bug in the playground; your work is saved, and the next edit runs in a fresh engine."
            )),
            Vec::new(),
            None,
            answered - run.started,
            0.0,
            None,
            CompletionsView::default(),
        )
    };
    let (serial, analysis, hints, timeline, engine_ms, hints_ms, lessons, completions) = match reply
    {
        Reply::Done {
            serial,
            analysis,
            hints,
            timeline,
            engine_ms,
            hints_ms,
            lessons,
            completions,
        } => (
            serial,
            *analysis,
            hints,
            timeline,
            engine_ms,
            hints_ms,
            lessons.map(|l| Rc::new(*l)),
            *completions,
        ),
        Reply::Crashed { serial, message } => crashed(serial, &message),
        Reply::Explained { serial, .. }
        | Reply::Rendered { serial, .. }
        | Reply::Compared { serial, .. }
        | Reply::Evaluated { serial, .. }
        | Reply::Completed { serial, .. } => {
            crashed(serial, "another answer came instead of a run")
        }
    };
    RunInfo {
        serial,
        text: run.text,
        analysis: Rc::new(analysis),
        hints: Rc::new(hints),
        timeline: timeline.map(|t| Rc::new(*t)),
        engine_ms,
        hints_ms,
        started: run.started,
        clock,
        lessons,
        completions: Rc::new(completions),
    }
}

/// The `data-state` of the run status: `completed`, `invalid` or `empty`.
pub fn state(a: &Analysis) -> &'static str {
    match &a.outcome {
        Outcome::Invalid { .. } => "invalid",
        Outcome::Ran(r) if r.total == 0 => "empty",
        Outcome::Ran(_) => "completed",
    }
}

#[cfg(test)]
impl RunInfo {
    /// A run of `text` as the worker answers it (the analysis and, with steps, every moment,
    /// each step timed), for tests.
    pub fn of_text(text: &str) -> RunInfo {
        use dra_engine::load::{load_scenario, LoadOptions};
        use dra_engine::playground::analyze_keeping_run;
        use dra_engine::scheduler::SchedulerOptions;
        use dra_engine::timeline::Resumable;

        let loaded = load_scenario(text, &LoadOptions::default());
        // A clock that stands still: each step is timed (at 0 ms), as in the worker.
        let options = SchedulerOptions {
            clock: Some(dra_engine::allocator::Clock(|| 0.0)),
            ..SchedulerOptions::default()
        };
        let (analysis, first) = analyze_keeping_run(&loaded, &options);
        let timeline = first.filter(|_| loaded.has_steps()).map(|first| {
            let run = Resumable::run(&loaded, first, &options);
            Rc::new(TimelineView::new(&loaded, &analysis, &run))
        });
        RunInfo {
            serial: 1,
            text: Rc::from(text),
            analysis: Rc::new(analysis),
            hints: Rc::default(),
            timeline,
            engine_ms: 0.0,
            hints_ms: 0.0,
            started: 0.0,
            clock: String::new(),
            lessons: None,
            completions: Rc::default(),
        }
    }
}
