//! Decoding a KubeSchedulerConfiguration document: the document itself, then
//! each `pluginConfig[].args` of a plugin whose arguments Kubernetes types
//! (`<Name>Args`), strictly and with positions, as the kube-scheduler's
//! decoder does (`decodeNestedObjects`). Arguments of other plugins are kept
//! as written. Then the configuration is checked as the kube-scheduler
//! checks it at start, and what of it the simulation does not model gets an
//! info hint.

use serde::de::DeserializeOwned;

use super::{second_document, LoadedObject};
use crate::api::{KubeSchedulerConfiguration, Object, PluginArgs, RawValue};
use crate::diagnostic::Diagnostic;
use crate::features::{GateSet, NEWEST_RELEASE};
use crate::scheduler_profile::PluginName;
use crate::validation::validate_scheduler_configuration;
use crate::yaml::{from_node, FieldPath, Node, SpanTable};

/// Reads the document; a problem with one plugin's arguments is reported
/// and leaves those arguments as written.
pub(super) fn read(
    node: &Node,
    spans: &mut SpanTable,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<KubeSchedulerConfiguration, Diagnostic> {
    let mut config: KubeSchedulerConfiguration = from_node(node, &FieldPath::root(), spans)
        .map_err(|e| Diagnostic::error(e.span().unwrap_or(node.span), e.message()))?;
    let profiles = node.get("profiles").and_then(Node::as_sequence);
    for (i, profile) in config.profiles.iter_mut().enumerate() {
        let entries = profiles
            .and_then(|p| p.get(i))
            .and_then(|p| p.get("pluginConfig"))
            .and_then(Node::as_sequence);
        for (j, plugin_config) in profile.plugin_config.iter_mut().enumerate() {
            let Some(args) = entries
                .and_then(|e| e.get(j))
                .and_then(|e| e.get("args"))
                .filter(|a| !a.is_null())
            else {
                continue;
            };
            let path = FieldPath::new("profiles")
                .index(i)
                .child("pluginConfig")
                .index(j)
                .child("args");
            match typed_args(&plugin_config.name, args, &path, spans) {
                Ok(Some(typed)) => plugin_config.args = typed,
                Ok(None) => {}
                Err(problem) => diagnostics.push(problem),
            }
        }
    }
    Ok(config)
}

/// The typed arguments of a plugin Kubernetes defines arguments for; None
/// for other plugins.
fn typed_args(
    plugin: &str,
    node: &Node,
    path: &FieldPath,
    spans: &mut SpanTable,
) -> Result<Option<PluginArgs>, Diagnostic> {
    Ok(Some(match plugin {
        "NodeResourcesFit" => PluginArgs::NodeResourcesFit(decode(node, path, spans)?),
        "NodeResourcesBalancedAllocation" => {
            PluginArgs::NodeResourcesBalancedAllocation(decode(node, path, spans)?)
        }
        "NodeAffinity" => PluginArgs::NodeAffinity(decode(node, path, spans)?),
        "DynamicResources" => PluginArgs::DynamicResources(decode(node, path, spans)?),
        "DefaultPreemption" => PluginArgs::DefaultPreemption(decode(node, path, spans)?),
        "InterPodAffinity" => PluginArgs::InterPodAffinity(decode(node, path, spans)?),
        "PodTopologySpread" => PluginArgs::PodTopologySpread(decode(node, path, spans)?),
        "VolumeBinding" => PluginArgs::VolumeBinding(decode(node, path, spans)?),
        _ => {
            // Kept as written; recorded for positions.
            let _: RawValue = decode(node, path, spans)?;
            return Ok(None);
        }
    }))
}

fn decode<T: DeserializeOwned>(
    node: &Node,
    path: &FieldPath,
    spans: &mut SpanTable,
) -> Result<T, Diagnostic> {
    from_node(node, path, spans)
        .map_err(|e| Diagnostic::error(e.span().unwrap_or(node.span), e.message()))
}

/// Checks the configuration as the kube-scheduler would at start (also when
/// apiserver validation is skipped), for the scenario's release and gates,
/// and says what of it the simulation does not model; a second configuration
/// document is an error.
pub(super) fn check(objects: &[LoadedObject], gates: &GateSet, diagnostics: &mut Vec<Diagnostic>) {
    let mut configs = objects.iter().filter_map(|o| match &o.object {
        Object::KubeSchedulerConfiguration(c) => Some((o, c)),
        _ => None,
    });
    let Some((first, config)) = configs.next() else {
        return;
    };
    let release = gates.release().unwrap_or(NEWEST_RELEASE);
    diagnostics.extend(validate_scheduler_configuration(
        config,
        &first.spans,
        gates.features(),
        release,
    ));
    not_simulated(config, &first.spans, diagnostics);
    for (extra, _) in configs {
        diagnostics.push(second_document("KubeSchedulerConfiguration", first, extra));
    }
}

/// Info hints at what the simulated scheduler reads nothing from: scheduler
/// extenders, the arguments of plugins it does not run, and DynamicResources'
/// timeouts (the search budget stands for them).
fn not_simulated(
    config: &KubeSchedulerConfiguration,
    spans: &SpanTable,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut hint = |path: &FieldPath, message: &str| {
        diagnostics.push(Diagnostic::info(
            spans.key_span(path),
            format!("{path}: {message}"),
        ));
    };
    if !config.extenders.is_empty() {
        hint(
            &FieldPath::new("extenders"),
            "scheduler extenders are not simulated: they filter and score nothing here",
        );
    }
    for (i, profile) in config.profiles.iter().enumerate() {
        for (j, entry) in profile.plugin_config.iter().enumerate() {
            let path = FieldPath::new("profiles")
                .index(i)
                .child("pluginConfig")
                .index(j)
                .child("args");
            // Preemption itself is not simulated (only its words).
            let simulated = PluginName::from_name(&entry.name)
                .is_some_and(|p| p.is_simulated() && p != PluginName::DefaultPreemption);
            if !simulated && !entry.args.is_none() {
                hint(
                    &path,
                    &format!(
                        "{} is not simulated: its arguments change nothing here",
                        entry.name
                    ),
                );
            }
            if let PluginArgs::DynamicResources(args) = &entry.args {
                for (field, value) in [
                    ("filterTimeout", &args.filter_timeout),
                    ("bindingTimeout", &args.binding_timeout),
                ] {
                    if value.is_some() {
                        hint(
                            &path.child(field),
                            "the simulation has no timeouts: a Scenario document's searchBudget limits the allocator's search",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::load::{load_scenario, LoadOptions};

    const SCENARIO: &str = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priority: 10
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
  affinity:
    podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone}]}
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
  - name: scratch
    emptyDir: {}
  - name: driver
    csi: {driver: example.com}
  containers:
  - name: c
---
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
extenders:
- urlPrefix: http://extender
profiles:
- pluginConfig:
  - name: InterPodAffinity
    args: {hardPodAffinityWeight: 2}
  - name: NodeResourcesFit
    args: {ignoredResources: [example.com/x]}
  - name: DynamicResources
    args: {bindingTimeout: 10m}
";

    /// What the simulated scheduler does not model is said once, by the
    /// loader, at its key: the pod's fields (`unsimulated.rs`) and the
    /// configuration's.
    #[test]
    fn fields_the_scheduler_does_not_model_are_hinted_at_their_key() {
        let loaded = load_scenario(SCENARIO, &LoadOptions::default());
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let hints: Vec<(usize, String)> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Info)
            .map(|d| {
                let field = d.message.split(':').next().unwrap_or_default();
                (d.span.start.line, field.to_owned())
            })
            .collect();
        let expected = [
            (5, "spec.priority"),
            (6, "spec.topologySpreadConstraints"),
            (9, "spec.affinity.podAffinity"),
            (12, "spec.volumes[0].persistentVolumeClaim"),
            (16, "spec.volumes[2].csi"),
            (22, "extenders"),
            (27, "profiles[0].pluginConfig[0].args"),
            (31, "profiles[0].pluginConfig[2].args.bindingTimeout"),
        ];
        let expected: Vec<(usize, String)> =
            expected.iter().map(|(l, f)| (*l, f.to_string())).collect();
        assert_eq!(hints, expected);
        let priority = &loaded.diagnostics[0].message;
        assert!(priority.contains("PrioritySort"), "{priority}");
    }
}
