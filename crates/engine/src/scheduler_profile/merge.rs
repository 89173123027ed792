//! From a profile as written to the plugins that run at each extension
//! point: the configuration's plugin sets merged into the default ones
//! (`mergePluginSet`), then the framework's initialization
//! (`updatePluginList`, `expandMultiPointPlugins`, `getScoreWeights`), with
//! its errors.

use std::collections::HashMap;

use super::plugins::{default_plugins, ExtensionPoint, PluginName};
use super::ProfileProblem;
use crate::api::{Plugin, PluginSet, Plugins};
use crate::features::Release;
use crate::yaml::FieldPath;

/// The plugins of each extension point the simulation looks at, in order,
/// and the score weights.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Expanded {
    pub pre_filter: Vec<PluginName>,
    pub filter: Vec<PluginName>,
    pub post_filter: Vec<PluginName>,
    pub pre_score: Vec<PluginName>,
    pub score: Vec<(PluginName, i64)>,
}

/// A plugin set after merging: names as written, where they were written.
#[derive(Clone, Debug, Default)]
struct Merged {
    enabled: Vec<(Plugin, Option<FieldPath>)>,
    disabled: Vec<String>,
}

/// The configured set of an extension point (`plugins.<field>`).
fn configured(plugins: &Plugins, point: Option<ExtensionPoint>) -> &PluginSet {
    use ExtensionPoint as E;
    match point {
        None => &plugins.multi_point,
        Some(E::PreEnqueue) => &plugins.pre_enqueue,
        Some(E::QueueSort) => &plugins.queue_sort,
        Some(E::PreFilter) => &plugins.pre_filter,
        Some(E::Filter) => &plugins.filter,
        Some(E::PostFilter) => &plugins.post_filter,
        Some(E::PreScore) => &plugins.pre_score,
        Some(E::Score) => &plugins.score,
        Some(E::Reserve) => &plugins.reserve,
        Some(E::Permit) => &plugins.permit,
        Some(E::PreBind) => &plugins.pre_bind,
        Some(E::Bind) => &plugins.bind,
        Some(E::PostBind) => &plugins.post_bind,
        Some(E::PlacementGenerate) => &plugins.placement_generate,
        Some(E::PlacementScore) => &plugins.placement_score,
    }
}

/// `mergePluginSet`: the defaults, minus the disabled ones (all of them for
/// `*`), each replaced in place by a configured entry of the same name; then
/// the other configured entries in their order.
fn merge(defaults: &[Plugin], custom: &PluginSet, path: &FieldPath) -> Merged {
    let disabled: Vec<String> = custom.disabled.iter().map(|p| p.name.clone()).collect();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, p) in custom.enabled.iter().enumerate() {
        by_name.insert(p.name.as_str(), i);
    }
    let enabled_path = |i: usize| path.child("enabled").index(i);
    let mut replaced = vec![false; custom.enabled.len()];
    let mut enabled = Vec::new();
    if !disabled.iter().any(|d| d == "*") {
        for default in defaults {
            if disabled.contains(&default.name) {
                continue;
            }
            match by_name.get(default.name.as_str()) {
                Some(&i) => {
                    replaced[i] = true;
                    enabled.push((custom.enabled[i].clone(), Some(enabled_path(i))));
                }
                None => enabled.push((default.clone(), None)),
            }
        }
    }
    for (i, p) in custom.enabled.iter().enumerate() {
        if !replaced[i] {
            enabled.push((p.clone(), Some(enabled_path(i))));
        }
    }
    Merged { enabled, disabled }
}

fn does_not_exist(point: ExtensionPoint, name: &str) -> String {
    format!("{} {name:?} does not exist", point.interface())
}

fn does_not_extend(point: ExtensionPoint, name: &str) -> String {
    format!(
        "plugin {name:?} does not extend {} plugin",
        point.interface()
    )
}

fn already_registered(point: ExtensionPoint, name: &str) -> String {
    format!(
        "plugin {name:?} already registered as {:?}",
        point.interface()
    )
}

/// Expands a profile's plugins (None: the defaults) for a release.
/// `path` is where the profile is written (`profiles[0]`).
pub(super) fn expand(
    plugins: Option<&Plugins>,
    release: Release,
    path: &FieldPath,
    problems: &mut Vec<ProfileProblem>,
) -> Expanded {
    let empty = Plugins::default();
    let plugins = plugins.unwrap_or(&empty);
    let plugins_path = path.child("plugins");
    let defaults: Vec<Plugin> = default_plugins()
        .into_iter()
        .map(|(p, weight)| Plugin {
            name: p.name().to_owned(),
            weight,
        })
        .collect();
    let multi_point = merge(
        &defaults,
        &plugins.multi_point,
        &plugins_path.child("multiPoint"),
    );
    let mut problem = |at: &Option<FieldPath>, message: String| {
        problems.push(ProfileProblem {
            path: at.clone().unwrap_or_else(|| plugins_path.clone()),
            message,
        });
    };

    let mut expanded = Expanded::default();
    let mut counts: HashMap<ExtensionPoint, usize> = HashMap::new();
    for point in ExtensionPoint::FRAMEWORK_ORDER {
        let specific = merge(
            &[],
            configured(plugins, Some(point)),
            &plugins_path.child(point.field()),
        );
        // updatePluginList: each specifically enabled plugin must exist,
        // implement the point, and appear once.
        let mut seen: Vec<&str> = Vec::new();
        let mut enabled: Vec<(PluginName, &Plugin)> = Vec::new();
        for (p, at) in &specific.enabled {
            let Some(plugin) = PluginName::from_name(&p.name) else {
                problem(at, does_not_exist(point, &p.name));
                continue;
            };
            if !plugin.implements(point, release) {
                problem(at, does_not_extend(point, &p.name));
                continue;
            }
            if seen.contains(&p.name.as_str()) {
                problem(at, already_registered(point, &p.name));
                continue;
            }
            seen.push(&p.name);
            enabled.push((plugin, p));
        }
        // expandMultiPointPlugins: MultiPoint plugins that implement the
        // point join it, unless disabled there (`*`: none join).
        let mut overrides: Vec<PluginName> = Vec::new();
        let mut from_multi_point: Vec<PluginName> = Vec::new();
        if !specific.disabled.iter().any(|d| d == "*") {
            for (p, at) in &multi_point.enabled {
                let Some(plugin) = PluginName::from_name(&p.name) else {
                    // Reported once, at the first extension point.
                    if point == ExtensionPoint::FRAMEWORK_ORDER[0] {
                        problem(at, does_not_exist(point, &p.name));
                    }
                    continue;
                };
                if !plugin.implements(point, release) || specific.disabled.contains(&p.name) {
                    continue;
                }
                if enabled.iter().any(|(e, _)| *e == plugin) {
                    overrides.push(plugin);
                    continue;
                }
                if from_multi_point.contains(&plugin) {
                    problem(at, already_registered(point, &p.name));
                    continue;
                }
                from_multi_point.push(plugin);
            }
        }
        // Overrides first (in their specific order), then MultiPoint's,
        // then the other specific ones.
        let order: Vec<PluginName> = enabled
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| overrides.contains(p))
            .chain(from_multi_point.iter().copied())
            .chain(
                enabled
                    .iter()
                    .map(|(p, _)| *p)
                    .filter(|p| !overrides.contains(p)),
            )
            .collect();
        counts.insert(point, order.len());
        match point {
            ExtensionPoint::PreFilter => expanded.pre_filter = order,
            ExtensionPoint::Filter => expanded.filter = order,
            ExtensionPoint::PostFilter => expanded.post_filter = order,
            ExtensionPoint::PreScore => expanded.pre_score = order,
            ExtensionPoint::Score => {
                // getScoreWeights: a specific Score entry's weight wins over
                // MultiPoint's; no weight (or 0) is 1.
                let weight_of = |plugin: PluginName| {
                    let specific = enabled.iter().find(|(e, _)| *e == plugin).map(|(_, p)| *p);
                    let multi = multi_point
                        .enabled
                        .iter()
                        .map(|(p, _)| p)
                        .find(|p| p.name == plugin.name());
                    let weight = specific.or(multi).and_then(|p| p.weight).unwrap_or(0);
                    if weight == 0 {
                        1
                    } else {
                        i64::from(weight)
                    }
                };
                expanded.score = order.into_iter().map(|p| (p, weight_of(p))).collect();
            }
            _ => {}
        }
    }
    if !release.has_placement_extension_points() {
        for point in [
            ExtensionPoint::PlacementGenerate,
            ExtensionPoint::PlacementScore,
        ] {
            if !configured(plugins, Some(point)).is_empty() {
                problem(
                    &Some(plugins_path.child(point.field())),
                    format!(
                        "unknown field {:?}: added in Kubernetes 1.36 (the scenario's release is {})",
                        point.field(),
                        release
                    ),
                );
            }
        }
    } else {
        for point in [
            ExtensionPoint::PlacementGenerate,
            ExtensionPoint::PlacementScore,
        ] {
            for (i, p) in configured(plugins, Some(point)).enabled.iter().enumerate() {
                let at = Some(plugins_path.child(point.field()).child("enabled").index(i));
                let message = if PluginName::from_name(&p.name).is_some() {
                    does_not_extend(point, &p.name)
                } else {
                    does_not_exist(point, &p.name)
                };
                problem(&at, message);
            }
        }
    }
    let count = |point| counts.get(&point).copied().unwrap_or(0);
    if count(ExtensionPoint::QueueSort) != 1 {
        problem(
            &Some(plugins_path.child("queueSort")),
            format!(
                "only one queue sort plugin required for profile, but got {}",
                count(ExtensionPoint::QueueSort)
            ),
        );
    }
    if count(ExtensionPoint::Bind) == 0 {
        problem(
            &Some(plugins_path.child("bind")),
            "at least one bind plugin is needed for profile".to_owned(),
        );
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::NEWEST_RELEASE;

    fn names(list: &[PluginName]) -> Vec<&'static str> {
        list.iter().map(|p| p.name()).collect()
    }

    #[test]
    fn default_profile() {
        let mut problems = Vec::new();
        let e = expand(None, NEWEST_RELEASE, &FieldPath::root(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            names(&e.filter),
            [
                "NodeUnschedulable",
                "NodeName",
                "TaintToleration",
                "NodeAffinity",
                "NodePorts",
                "NodeResourcesFit",
                "VolumeRestrictions",
                "NodeVolumeLimits",
                "VolumeBinding",
                "VolumeZone",
                "PodTopologySpread",
                "InterPodAffinity",
                "DynamicResources"
            ]
        );
        let weights: Vec<(&str, i64)> = e.score.iter().map(|(p, w)| (p.name(), *w)).collect();
        assert_eq!(
            weights,
            [
                ("TaintToleration", 3),
                ("NodeAffinity", 2),
                ("NodeResourcesFit", 1),
                ("VolumeBinding", 1),
                ("PodTopologySpread", 2),
                ("InterPodAffinity", 2),
                ("DynamicResources", 1),
                ("NodeResourcesBalancedAllocation", 1),
                ("ImageLocality", 1)
            ]
        );
        let e134 = expand(
            None,
            Release::of_scenario(Some("1.34")),
            &FieldPath::root(),
            &mut problems,
        );
        assert!(!e134
            .score
            .iter()
            .any(|(p, _)| *p == PluginName::DynamicResources));
    }

    #[test]
    fn score_weight_and_disabling() {
        let plugins: Plugins = serde_json::from_value(serde_json::json!({
            "score": {
                "enabled": [{"name": "NodeResourcesFit", "weight": 5}],
                "disabled": [{"name": "ImageLocality"}, {"name": "NodeResourcesFit"}]
            }
        }))
        .unwrap();
        let mut problems = Vec::new();
        let e = expand(
            Some(&plugins),
            NEWEST_RELEASE,
            &FieldPath::root(),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        // Disabled at Score but enabled there again: MultiPoint's entry is
        // skipped and the specific one comes after MultiPoint's plugins.
        assert_eq!(e.score.last(), Some(&(PluginName::NodeResourcesFit, 5)));
        assert!(!e.score.iter().any(|(p, _)| *p == PluginName::ImageLocality));
    }

    #[test]
    fn problems_of_the_framework() {
        let plugins: Plugins = serde_json::from_value(serde_json::json!({
            "filter": {"enabled": [{"name": "NoSuch"}, {"name": "ImageLocality"}]},
            "queueSort": {"disabled": [{"name": "*"}]}
        }))
        .unwrap();
        let mut problems = Vec::new();
        expand(
            Some(&plugins),
            NEWEST_RELEASE,
            &FieldPath::new("profiles").index(0),
            &mut problems,
        );
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "profiles[0].plugins.filter.enabled[0]: FilterPlugin \"NoSuch\" does not exist",
                "profiles[0].plugins.filter.enabled[1]: plugin \"ImageLocality\" does not extend FilterPlugin plugin",
                "profiles[0].plugins.queueSort: only one queue sort plugin required for profile, but got 0"
            ]
        );
    }
}
