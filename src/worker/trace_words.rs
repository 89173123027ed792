//! One step of the allocator's search in plain words, with the device it concerns (for the
//! trace stepper). Worded in the worker: the page gets the words only.

use dra_engine::allocator::report::SearchEvent;
use serde::{Deserialize, Serialize};

/// A search event as the stepper shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchEventView {
    /// `start`, `try`, `pick`, `reject`, `backtrack`, `exhausted`, `solution` or `stopped`
    /// (a CSS class and a test hook).
    pub kind: String,
    /// The search step count when it happened (upstream's allocateOne calls).
    pub at: Option<u64>,
    /// In words.
    pub text: String,
    /// The device it concerns, `driver/pool/device`.
    pub device: Option<String>,
}

/// The words for one event.
pub fn step(event: &SearchEvent) -> SearchEventView {
    match event {
        SearchEvent::Start { node } => SearchEventView {
            kind: "start".into(),
            at: None,
            text: format!("The search starts on node {node}."),
            device: None,
        },
        SearchEvent::TryAlternative { step, request, .. } => SearchEventView {
            kind: "try".into(),
            at: Some(*step),
            text: format!("Try the alternative {request}."),
            device: None,
        },
        SearchEvent::Pick {
            step,
            claim,
            request,
            device,
            depth,
        } => SearchEventView {
            kind: "pick".into(),
            at: Some(*step),
            text: format!(
                "Tentatively pick {device} for request {request} of claim {claim} ({depth} device{} picked so far).",
                if *depth == 1 { "" } else { "s" }
            ),
            device: Some(device.clone()),
        },
        SearchEvent::Reject {
            step,
            request,
            device,
            reason,
            ..
        } => SearchEventView {
            kind: "reject".into(),
            at: Some(*step),
            text: format!(
                "Turn down {device} for request {request}: {}.",
                reason.describe("", &[], &[])
            ),
            device: Some(device.clone()),
        },
        SearchEvent::Backtrack {
            step,
            request,
            device,
            ..
        } => SearchEventView {
            kind: "backtrack".into(),
            at: Some(*step),
            text: format!(
                "Backtrack: nothing after it worked out, so {device} is taken back from request {request}."
            ),
            device: Some(device.clone()),
        },
        SearchEvent::Exhausted {
            step,
            request,
            picked,
            needed,
            ..
        } => SearchEventView {
            kind: "exhausted".into(),
            at: Some(*step),
            text: format!(
                "No device left for request {request} at this point ({picked} of {needed} picked)."
            ),
            device: None,
        },
        SearchEvent::Solution { step } => SearchEventView {
            kind: "solution".into(),
            at: Some(*step),
            text: "Solution: every claim has its devices.".into(),
            device: None,
        },
        SearchEvent::Stopped { step } => SearchEventView {
            kind: "stopped".into(),
            at: Some(*step),
            text: "Stopped: the search budget is used up.".into(),
            device: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use dra_engine::allocator::report::Reason;

    use super::*;

    #[test]
    fn picks_and_backtracks_name_their_device() {
        let pick = step(&SearchEvent::Pick {
            step: 2,
            claim: "default/c".into(),
            request: "gpus".into(),
            device: "d/p/gpu-0".into(),
            depth: 1,
        });
        assert_eq!(pick.kind, "pick");
        assert_eq!(pick.device.as_deref(), Some("d/p/gpu-0"));
        assert!(pick.text.contains("1 device picked"), "{}", pick.text);
        let reject = step(&SearchEvent::Reject {
            step: 3,
            claim: "default/c".into(),
            request: "gpus".into(),
            device: "d/p/gpu-1".into(),
            reason: Reason::InUse,
        });
        assert!(reject
            .text
            .starts_with("Turn down d/p/gpu-1 for request gpus: "));
        assert_eq!(step(&SearchEvent::Solution { step: 6 }).device, None);
    }
}
