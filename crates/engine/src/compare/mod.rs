//! Two runs side by side: the same scenario under two Kubernetes versions or gate sets, or two
//! edits of it, and what differs in their outcomes: a pod that moves, becomes unschedulable or
//! schedulable; a claim that gets other devices or none; with why (the settings in effect
//! that differ, the reason a pod is unschedulable on one side).
//!
//! What counts as the outcome is what SCENARIO.md compares: each pod's node, or that it is
//! unschedulable (not the message), and each claim's devices per request. Both sides' analyses
//! come with the comparison, so that a view draws each side as the playground does.
//!
//! Used by `dra-playground diff` (exit status 1 when the outcomes differ) and the web app's
//! compare view (the `#compare=v1:` link of [`crate::share_link`]).

mod changes;
mod variants;

use serde::{Deserialize, Serialize};

pub use changes::{ClaimChange, Holding, Place, PodChange, SettingChange};
pub use variants::{under_gates, under_versions};

use crate::pipeline::RunOptions;
use crate::playground::{analyze, Analysis, Outcome, Settings};

/// Two runs and how their outcomes differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The left side.
    pub left: Side,
    /// The right side.
    pub right: Side,
    /// Settings in effect that differ (the Kubernetes version, each gate, validation).
    pub settings: Vec<SettingChange>,
    /// Pods whose outcome differs, in the order of the left side (then pods only on the right).
    pub pods: Vec<PodChange>,
    /// Claims whose devices differ, in the same order.
    pub claims: Vec<ClaimChange>,
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// What the side is: a file name, or its settings in words ("Kubernetes 1.34").
    pub label: String,
    /// Its run as the playground draws it.
    pub analysis: Analysis,
}

impl Comparison {
    /// True when both sides ran and their outcomes are the same.
    pub fn same_outcome(&self) -> bool {
        self.ran() && self.pods.is_empty() && self.claims.is_empty()
    }

    /// True when both sides ran (neither had errors).
    pub fn ran(&self) -> bool {
        [&self.left, &self.right]
            .iter()
            .all(|s| matches!(s.analysis.outcome, Outcome::Ran(_)))
    }

    /// The differences in words, one a line: settings first, then pods (with why), then claims.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.settings.iter().map(SettingChange::describe).collect();
        lines.extend(self.pods.iter().map(PodChange::describe));
        lines.extend(self.claims.iter().map(ClaimChange::describe));
        lines
    }
}

/// Runs both texts and compares their outcomes; each side is labelled by the settings its
/// Scenario document writes when they differ, else "left" and "right".
pub fn compare(left: &str, right: &str, options: &RunOptions) -> Comparison {
    compare_analyses(analyze(left, options), analyze(right, options))
}

/// Compares two analyses (see [`compare`]).
pub fn compare_analyses(left: Analysis, right: Analysis) -> Comparison {
    let settings = changes::settings(&left.settings, &right.settings);
    let (left_label, right_label) = match (label(&left.settings), label(&right.settings)) {
        (l, r) if l == r => ("left".to_owned(), "right".to_owned()),
        labels => labels,
    };
    let pods = changes::pods(&left, &right);
    let claims = changes::claims(&left, &right);
    Comparison {
        left: Side {
            label: left_label,
            analysis: left,
        },
        right: Side {
            label: right_label,
            analysis: right,
        },
        settings,
        pods,
        claims,
    }
}

/// A side's settings in words: its Kubernetes version and the gates it sets.
pub fn label(settings: &Settings) -> String {
    let mut words = vec![match &settings.kubernetes_version {
        Some(v) => format!("Kubernetes {v}"),
        None => "every gate on".to_owned(),
    }];
    words.extend(
        settings
            .feature_gates
            .iter()
            .map(|(gate, on)| format!("{gate} {}", if *on { "on" } else { "off" })),
    );
    if settings.skip_validation {
        words.push("validation skipped".to_owned());
    }
    words.join(", ")
}

#[cfg(test)]
mod tests;
