//! The texts of a comparison made from one scenario: under two Kubernetes versions, or with
//! some gates set otherwise. The Scenario document is rewritten ([`crate::scenario_text`]), so
//! each side is a scenario of its own that a link or a file can carry.

use std::collections::BTreeMap;

use crate::api::Object;
use crate::pipeline::{load, RunOptions};
use crate::scenario_text::{with_settings, ScenarioSettings};

/// The Scenario document's name and settings as the text writes them (defaults without one).
fn written(text: &str) -> (Option<String>, ScenarioSettings) {
    // Settings are read, not checked: validation is not needed for that.
    let loaded = load(
        text,
        &RunOptions {
            skip_validation: true,
        },
    );
    loaded
        .objects
        .iter()
        .find_map(|o| match &o.object {
            Object::Scenario(s) => Some((
                Some(s.metadata.name.clone()).filter(|n| !n.is_empty()),
                ScenarioSettings {
                    version: s.spec.kubernetes_version.clone(),
                    gates: s.spec.feature_gates.clone(),
                    skip_validation: s.spec.skip_validation,
                },
            )),
            _ => None,
        })
        .unwrap_or_default()
}

/// The scenario under Kubernetes `left` and under `right`: its Scenario document's
/// `kubernetesVersion` set to each (its gates and other settings kept).
pub fn under_versions(text: &str, left: &str, right: &str) -> (String, String) {
    let (name, settings) = written(text);
    let with = |version: &str| {
        with_settings(
            text,
            name.as_deref(),
            &ScenarioSettings {
                version: Some(version.to_owned()),
                ..settings.clone()
            },
        )
    };
    (with(left), with(right))
}

/// The scenario with these gates set (the others as written).
pub fn under_gates(text: &str, gates: &BTreeMap<String, bool>) -> String {
    let (name, mut settings) = written(text);
    settings
        .gates
        .extend(gates.iter().map(|(g, on)| (g.clone(), *on)));
    with_settings(text, name.as_deref(), &settings)
}
