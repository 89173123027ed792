//! Feature gates from the Scenario document.
//!
//! A gate that no `featureGates` entry names is on, unless
//! `kubernetesVersion` is given: then it takes that release's default.

use super::{second_document, LoadedObject};
use crate::api::Object;
use crate::diagnostic::nearest;
use crate::diagnostic::Diagnostic;
use crate::feature_gates::{self, feature_gate};
use crate::features::{Gate, GateSet, Release, KUBERNETES_VERSIONS, NEWEST_RELEASE};
use crate::yaml::{FieldPath, Node};

/// The minor release a Scenario document (the first of the stream) names,
/// read from its tree before the other documents are decoded (the fields a
/// document may have depend on it); None when it names none the playground
/// offers (the newest is read, and [`resolve`] reports the problem).
pub(super) fn release_named(scenario: &Node) -> Option<u16> {
    let version = scenario.get("spec")?.get("kubernetesVersion")?.as_str()?;
    Release::named(version)
        .filter(|r| r.is_offered())
        .map(Release::minor)
}

/// Resolves the gates; reports unknown versions, gates unknown (to
/// Kubernetes, or to the release given), locked gates and extra Scenario
/// documents; gates that do not change what the playground does are
/// accepted with an info hint.
pub(super) fn resolve(objects: &[LoadedObject], diagnostics: &mut Vec<Diagnostic>) -> GateSet {
    let mut scenarios = objects.iter().filter_map(|o| match &o.object {
        Object::Scenario(s) => Some((o, s)),
        _ => None,
    });
    let Some((first, scenario)) = scenarios.next() else {
        return GateSet::ALL_ON;
    };
    for (extra, _) in scenarios {
        diagnostics.push(second_document("Scenario", first, extra));
    }
    let spec_path = FieldPath::new("spec");
    let mut set = GateSet::ALL_ON;
    if let Some(version) = &scenario.spec.kubernetes_version {
        match Release::named(version).and_then(|r| GateSet::defaults_for(&r.to_string())) {
            Some(defaults) => set = defaults,
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
        let key_span = first.spans.key_span(&path);
        let Some(upstream) = feature_gate(name) else {
            let names = feature_gates::all().iter().map(|g| g.name);
            let hint = match nearest(name, names) {
                Some(near) => format!(" (did you mean {near}?)"),
                None => String::new(),
            };
            diagnostics.push(Diagnostic::error(
                key_span,
                format!("{path}: unrecognized feature gate: {name}{hint}"),
            ));
            continue;
        };
        let release = set.release().unwrap_or(NEWEST_RELEASE);
        let Some(spec) = upstream.spec_in(release.minor()) else {
            diagnostics.push(Diagnostic::error(
                key_span,
                format!(
                    "{path}: unrecognized feature gate: {name} (added in Kubernetes 1.{}, not in {release})",
                    upstream.introduced()
                ),
            ));
            continue;
        };
        // Without a release, every gate may be set (no release locks it).
        if set.release().is_some() && spec.locked && on != spec.default {
            diagnostics.push(Diagnostic::error(
                first.spans.value_span(&path),
                format!(
                    "{path}: cannot set feature gate {name} to {on}, feature is locked to {} in Kubernetes {release}",
                    spec.default
                ),
            ));
            continue;
        }
        match Gate::from_name(name) {
            Some(gate) => set.set(gate, on),
            None => diagnostics.push(Diagnostic::info(
                key_span,
                format!(
                    "feature gate {name} is accepted, but the playground does not simulate what it changes"
                ),
            )),
        }
    }
    set
}
