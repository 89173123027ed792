//! Feature gates from the Scenario document.
//!
//! A gate that no `featureGates` entry names is on, unless
//! `kubernetesVersion` is given: then it takes that release's default.

use super::LoadedObject;
use crate::api::Object;
use crate::diagnostic::{Diagnostic, Span};
use crate::features::{Gate, GateSet, KUBERNETES_VERSIONS};
use crate::yaml::FieldPath;

/// "1.36", "v1.36" and "1.36.2" name release 1.36.
fn minor_release(version: &str) -> String {
    let v = version.trim().strip_prefix('v').unwrap_or(version.trim());
    let mut parts = v.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(major), Some(minor), patch, None)
            if patch.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) =>
        {
            format!("{major}.{minor}")
        }
        _ => v.to_string(),
    }
}

/// Resolves the gates; reports unknown versions, gates unknown (to the
/// playground, or to the release given), locked gates and extra Scenario
/// documents.
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
        if !set.knows(gate) {
            diagnostics.push(Diagnostic::error(
                first.spans.key_span(&path),
                format!(
                    "{path}: unrecognized feature gate: {name} (added in Kubernetes {}, not in {})",
                    gate.introduced_in(),
                    set.release().map(|r| r.to_string()).unwrap_or_default()
                ),
            ));
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::minor_release;

    #[test]
    fn release_names() {
        assert_eq!(minor_release("1.36"), "1.36");
        assert_eq!(minor_release("v1.35"), "1.35");
        assert_eq!(minor_release("1.34.2"), "1.34");
        assert_eq!(minor_release("1.34.x"), "1.34.x");
        assert_eq!(minor_release("136"), "136");
    }
}
