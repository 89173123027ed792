//! The one place where the web app calls the engine.

use dra_engine::output::{run_result_documents, write_stream};
use dra_engine::{run_scenario, RunOptions};

/// How a run ended, as the page shows it (also its `data-state` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// The run completed; the text is the scenario after the run (a YAML stream).
    Completed,
    /// The scenario was refused; the text holds one `LINE:COLUMN: message` per problem.
    Invalid,
}

impl RunState {
    /// Machine-readable name, used as `data-state` and as a CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Completed => "completed",
            RunState::Invalid => "invalid",
        }
    }
}

/// What the page shows after a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunView {
    /// How the run ended.
    pub state: RunState,
    /// One line for the status element: pods scheduled, or why nothing ran.
    pub summary: String,
    /// The output YAML, or the problems.
    pub text: String,
}

/// Runs a scenario (a Kubernetes YAML stream) through the engine.
pub fn run(scenario_yaml: &str) -> RunView {
    match run_scenario(scenario_yaml, &RunOptions::default()) {
        Ok(result) => {
            let total = result.pods.len() + result.implicit_pods.len();
            let scheduled = result
                .pods
                .iter()
                .chain(&result.implicit_pods)
                .filter(|outcome| !outcome.pod.spec.node_name.is_empty())
                .count();
            RunView {
                state: RunState::Completed,
                summary: format!("{scheduled} of {total} pods scheduled"),
                text: write_stream(&run_result_documents(&result)),
            }
        }
        Err(diagnostics) => RunView {
            state: RunState::Invalid,
            summary: format!(
                "Invalid scenario: {} problem{}, nothing ran",
                diagnostics.len(),
                if diagnostics.len() == 1 { "" } else { "s" }
            ),
            text: diagnostics.iter().map(|d| format!("{d}\n")).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{run, RunState};
    use crate::example::FIRST_GPU_CLAIM;

    #[test]
    fn the_example_schedules_its_pod() {
        let view = run(FIRST_GPU_CLAIM);
        assert_eq!(view.state, RunState::Completed, "{}", view.text);
        assert_eq!(view.summary, "1 of 1 pods scheduled");
        assert!(view.text.contains("nodeName: node-1"), "{}", view.text);
    }

    #[test]
    fn problems_are_listed_with_their_position() {
        let view = run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeNam: x\n");
        assert_eq!(view.state, RunState::Invalid);
        assert!(view.text.starts_with("6:3: "), "{}", view.text);
    }
}
