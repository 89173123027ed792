//! One run of the engine over the scenario text, timed.

use std::rc::Rc;

use dra_engine::playground::{analyze, Analysis, Outcome};
use dra_engine::RunOptions;

/// A run and what it produced. Runs compare by serial number.
#[derive(Debug)]
pub struct RunInfo {
    /// Increases with every run.
    pub serial: u64,
    /// The text that ran.
    pub text: Rc<str>,
    /// What the engine made of it.
    pub analysis: Rc<Analysis>,
    /// Milliseconds spent in the engine.
    pub engine_ms: f64,
    /// `performance.now()` when the run started (for the edit-to-result time).
    pub started: f64,
    /// Wall-clock time of the run, for people.
    pub clock: String,
}

impl PartialEq for RunInfo {
    fn eq(&self, other: &Self) -> bool {
        self.serial == other.serial
    }
}

/// `performance.now()`, or 0 outside a browser.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn clock() -> String {
    if web_sys::window().is_none() {
        return String::new();
    }
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Runs the engine over the text.
pub fn execute(text: Rc<str>, skip_validation: bool, serial: u64) -> RunInfo {
    let started = now();
    let analysis = analyze(&text, &RunOptions { skip_validation });
    let engine_ms = now() - started;
    RunInfo {
        serial,
        text,
        analysis: Rc::new(analysis),
        engine_ms,
        started,
        clock: clock(),
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
