//! Decoding a KubeSchedulerConfiguration document: the document itself, then
//! each `pluginConfig[].args` of a plugin whose arguments Kubernetes types
//! (`<Name>Args`), strictly and with positions, as the kube-scheduler's
//! decoder does (`decodeNestedObjects`). Arguments of other plugins are kept
//! as written.

use serde::de::DeserializeOwned;

use super::LoadedObject;
use crate::api::{KubeSchedulerConfiguration, Object, PluginArgs, RawValue};
use crate::diagnostic::{Diagnostic, Span};
use crate::features::Features;
use crate::scheduler_profile::Release;
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
/// apiserver validation is skipped), for the scenario's release; a second
/// configuration document is an error.
pub(super) fn check(
    objects: &[LoadedObject],
    features: Features,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let release = Release::of(objects.iter().find_map(|o| match &o.object {
        Object::Scenario(s) => s.spec.kubernetes_version.as_deref(),
        _ => None,
    }));
    let mut configs = objects
        .iter()
        .filter(|o| matches!(o.object, Object::KubeSchedulerConfiguration(_)));
    let Some(first) = configs.next() else {
        return;
    };
    diagnostics.extend(validate_scheduler_configuration(first, features, release));
    for extra in configs {
        diagnostics.push(Diagnostic::error(
            Span::point(extra.spans.object.start),
            format!(
                "at most one KubeSchedulerConfiguration document is allowed (the one at line {} is used)",
                first.spans.object.start.line
            ),
        ));
    }
}
