//! Feature gates from the Scenario document.
//!
//! A gate that no `featureGates` entry names is on, unless
//! `kubernetesVersion` is given: then it takes that release's default.

use super::LoadedObject;
use crate::api::Object;
use crate::diagnostic::{Diagnostic, Span};
use crate::features::{minor_release, Gate, GateSet, KUBERNETES_VERSIONS};
use crate::yaml::FieldPath;

/// Resolves the gates; reports unknown versions and gates, locked gates and
/// extra Scenario documents.
pub(super) fn resolve(objects: &[LoadedObject], diagnostics: &mut Vec<Diagnostic>) -> GateSet {
    let mut scenarios = objects.iter().filter_map(|o| match &o.object {
        Object::Scenario(s) => Some((o, s)),
        _ => None,
    });
    let Some((first, scenario)) = scenarios.next() else {
        return GateSet::ALL_ON;
    };
    for (extra, _) in scenarios {
        diagnostics.push(Diagnostic::error(
            Span::point(extra.spans.object.start),
            format!(
                "at most one Scenario document is allowed (the one at line {} is used)",
                first.spans.object.start.line
            ),
        ));
    }
    let spec_path = FieldPath::new("spec");
    let mut set = GateSet::ALL_ON;
    let mut release = None;
    if let Some(version) = &scenario.spec.kubernetes_version {
        let minor = minor_release(version);
        match GateSet::defaults_for(&minor) {
            Some(defaults) => {
                set = defaults;
                release = Some(minor);
            }
            None => {
                let path = spec_path.child("kubernetesVersion");
                let supported: Vec<String> = KUBERNETES_VERSIONS
                    .iter()
                    .map(|v| format!("{v:?}"))
                    .collect();
                diagnostics.push(Diagnostic::error(
                    first.spans.value_span(&path),
                    format!(
                        "{path}: Unsupported value: {version:?}: supported values: {}",
                        supported.join(", ")
                    ),
                ));
            }
        }
    }
    for (name, &on) in &scenario.spec.feature_gates {
        let path = spec_path.child("featureGates").key(name);
        let Some(gate) = Gate::from_name(name) else {
            let known: Vec<&str> = Gate::ALL.iter().map(|g| g.name()).collect();
            diagnostics.push(Diagnostic::error(
                first.spans.key_span(&path),
                format!(
                    "{path}: unknown feature gate {name:?}: known gates are {}",
                    known.join(", ")
                ),
            ));
            continue;
        };
        if let Some(release) = &release {
            if gate.locked_in(release) && Some(on) != gate.default_in(release) {
                diagnostics.push(Diagnostic::error(
                    first.spans.value_span(&path),
                    format!(
                        "{path}: cannot set feature gate {name} to {on}, feature is locked to {} in Kubernetes {release}",
                        !on
                    ),
                ));
                continue;
            }
        }
        set.set(gate, on);
    }
    set
}
