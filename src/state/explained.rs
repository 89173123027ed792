//! The explanation the panel shows: what to ask the worker for (only what the panel shows:
//! the selected pod's funnels, the trace while the stepper is open, the matrix while it is
//! open), and what came back, for which run.

use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_playground_web::worker::explanation_view::ExplanationView;
use dra_playground_web::worker::messages::{ExplainScope, Reply};

use crate::state::selection::Selection;

/// The panel's open sections, which decide how much to compute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wants {
    /// The trace stepper is open.
    pub trace: bool,
    /// The selector matrix is open.
    pub matrix: bool,
}

/// An explanation of one run.
#[derive(Debug)]
pub struct Explained {
    /// The serial of the run it explains.
    pub run: u64,
    /// What was asked.
    pub scope: ExplainScope,
    /// The explanation, or why there is none.
    pub result: Result<Rc<ExplanationView>, String>,
    /// Milliseconds the worker spent on it.
    pub engine_ms: f64,
}

impl PartialEq for Explained {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run && self.scope == other.scope && self.engine_ms == other.engine_ms
    }
}

/// What to ask for to show `selection` with the sections in `wants` open; None when there is
/// nothing to show.
pub fn scope_for(
    a: &Analysis,
    selection: Option<&Selection>,
    wants: Wants,
) -> Option<ExplainScope> {
    // The pods whose funnels the selection needs; empty: every pod.
    let pods = match selection {
        None if !wants.matrix => return None,
        // Only the matrix: no pod's funnels (no pod has an empty name).
        None => vec![String::new()],
        Some(Selection::Pod(pod)) => vec![pod.clone()],
        Some(Selection::Claim(claim) | Selection::Request(claim, _)) => {
            a.claim(claim).map(|c| c.pods.clone()).unwrap_or_default()
        }
        // A device is seen by every pod's requests, a node by every pod.
        Some(Selection::Device(_) | Selection::Node(_)) => Vec::new(),
        // A change of the timeline is explained by the run's timeline: nothing to ask.
        Some(Selection::Event(..)) => return None,
    };
    let traced = matches!(
        selection,
        Some(Selection::Pod(_) | Selection::Claim(_) | Selection::Request(..))
    );
    Some(ExplainScope {
        pods,
        trace: wants.trace && traced,
        matrix: wants.matrix,
    })
}

/// What the page keeps of the worker's reply to an explanation of run `run`.
pub fn finish(reply: Reply, run: u64, scope: ExplainScope) -> Explained {
    let (result, engine_ms) = match reply {
        Reply::Explained {
            explanation: Some(e),
            engine_ms,
            ..
        } => (Ok(Rc::from(e)), engine_ms),
        Reply::Explained {
            explanation: None,
            engine_ms,
            ..
        } => (
            Err("nothing ran: fix the problems listed under the editor".to_owned()),
            engine_ms,
        ),
        Reply::Crashed { message, .. } => (
            Err(format!("the engine stopped while explaining ({message})")),
            0.0,
        ),
        Reply::Done { .. }
        | Reply::Rendered { .. }
        | Reply::Compared { .. }
        | Reply::Evaluated { .. }
        | Reply::Completed { .. } => (
            Err("another answer came instead of an explanation".to_owned()),
            0.0,
        ),
    };
    Explained {
        run,
        scope,
        result,
        engine_ms,
    }
}

#[cfg(test)]
mod tests {
    use dra_engine::playground::analyze;
    use dra_engine::RunOptions;

    use super::*;

    const TEXT: &str = include_str!("../../examples/shared-claim-vs-template.yaml");

    #[test]
    fn a_pod_asks_for_its_own_funnels_and_a_device_for_every_pod() {
        let a = analyze(TEXT, &RunOptions::default());
        let pod = Selection::Pod("default/reader-a".into());
        let scope = scope_for(&a, Some(&pod), Wants::default()).expect("a scope");
        assert_eq!(scope.pods, vec!["default/reader-a".to_owned()]);
        assert!(!scope.trace && !scope.matrix);
        let claim = Selection::Claim("default/shared-gpu".into());
        let scope = scope_for(&a, Some(&claim), Wants::default()).expect("a scope");
        assert_eq!(scope.pods.len(), 2);
        let device = Selection::Device("gpu.example.com/node-1/gpu-0".into());
        let wants = Wants {
            trace: true,
            matrix: false,
        };
        let scope = scope_for(&a, Some(&device), wants).expect("a scope");
        assert!(scope.pods.is_empty() && !scope.trace);
    }

    #[test]
    fn nothing_selected_asks_only_for_the_open_matrix() {
        let a = analyze(TEXT, &RunOptions::default());
        assert_eq!(scope_for(&a, None, Wants::default()), None);
        let wants = Wants {
            trace: true,
            matrix: true,
        };
        let scope = scope_for(&a, None, wants).expect("a scope");
        assert!(scope.matrix && !scope.trace);
        assert_eq!(scope.pods, vec![String::new()]);
    }

    #[test]
    fn a_reply_becomes_an_explanation_or_a_reason() {
        let reply = Reply::Explained {
            serial: 2,
            explanation: Some(Box::default()),
            engine_ms: 1.0,
        };
        assert!(finish(reply, 1, ExplainScope::default()).result.is_ok());
        let reply = Reply::Crashed {
            serial: 2,
            message: "boom".into(),
        };
        let e = finish(reply, 1, ExplainScope::default());
        assert!(e.result.is_err_and(|m| m.contains("boom")));
    }
}
