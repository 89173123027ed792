//! The one place where the web app calls the engine.
//!
//! PLACEHOLDER(engine-not-wired): `dra_engine::run_scenario_text` does not exist yet, so [`run`]
//! returns a placeholder. To wire the engine, make `run` call it (see the comment in `run`) and
//! delete this marker line: the browser test (tests/e2e/smoke.mjs) looks for the marker and,
//! once it is gone, requires the page to show a real allocation.

/// How a run ended, as the page shows it (also its `data-state` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// The run completed; the text is the scenario after the run (a YAML stream).
    #[allow(dead_code, reason = "constructed once the engine is wired")]
    Completed,
    /// The scenario was refused; the text holds one `LINE:COLUMN: message` per problem.
    #[allow(dead_code, reason = "constructed once the engine is wired")]
    Invalid,
    /// The engine is not wired in yet.
    Placeholder,
}

impl RunState {
    /// Machine-readable name, used as `data-state` and as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Completed => "completed",
            RunState::Invalid => "invalid",
            RunState::Placeholder => "placeholder",
        }
    }

    /// Words for the status line.
    pub fn label(self) -> &'static str {
        match self {
            RunState::Completed => "Run completed",
            RunState::Invalid => "Invalid scenario",
            RunState::Placeholder => "Engine not wired yet (placeholder output)",
        }
    }
}

/// What the page shows after a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunView {
    pub state: RunState,
    pub text: String,
}

/// Runs a scenario (a Kubernetes YAML stream) through the engine.
pub fn run(scenario_yaml: &str) -> RunView {
    // Wiring: replace the line below with a conversion of
    //     dra_engine::run_scenario_text(scenario_yaml, &dra_engine::RunOptions::default())
    // into a RunView (Completed + the output YAML, or Invalid + the diagnostics).
    placeholder(scenario_yaml)
}

fn placeholder(scenario_yaml: &str) -> RunView {
    let documents = scenario_yaml
        .lines()
        .filter(|line| line.trim_end() == "---")
        .count()
        + 1;
    RunView {
        state: RunState::Placeholder,
        text: format!(
            "PLACEHOLDER: dra_engine::run_scenario_text is not wired in yet.\n\
             The bridge received the scenario: {documents} documents, {} bytes.\n",
            scenario_yaml.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{run, RunState};
    use crate::example::FIRST_GPU_CLAIM;

    #[test]
    fn the_example_runs_without_diagnostics() {
        let view = run(FIRST_GPU_CLAIM);
        assert_ne!(view.state, RunState::Invalid, "{}", view.text);
        assert!(!view.text.trim().is_empty());
    }
}
