//! A KubeSchedulerConfiguration as the kube-scheduler checks it at start:
//! the configuration (pkg/scheduler/apis/config/validation), each plugin's
//! arguments (validation_pluginargs.go, and NodeResourcesFit's when the plugin
//! is built), and the framework's own checks while it builds each profile
//! (plugins that do not exist or do not implement an extension point).
//!
//! Values are checked after the kube-scheduler's defaults (a single profile
//! without `schedulerName` is `default-scheduler`, ...).

use std::collections::HashMap;

use super::{core, BadValue, ErrorList};
use crate::api::{
    DefaultPreemptionArgs, DynamicResourcesArgs, InterPodAffinityArgs, KubeSchedulerConfiguration,
    NodeAffinityArgs, NodeResourcesBalancedAllocationArgs, NodeResourcesFitArgs, PluginArgs,
    PluginSet, Plugins, PodTopologySpreadArgs, ResourceSpec, ScoringStrategy,
    UtilizationShapePoint, VolumeBindingArgs, KUBE_SCHEDULER_CONFIG_V1,
};
use crate::features::Features;
use crate::names::is_qualified_name;
use crate::scheduler_profile::{self, ScoringStrategyType, REMOVED_PLUGINS};
use crate::yaml::FieldPath;

/// RequestedToCapacityRatio's scores go from 0 to this.
const MAX_CUSTOM_PRIORITY_SCORE: i32 = 10;

/// The problems of a configuration's values (the framework's own checks
/// come from [`scheduler_profile::resolve`]).
pub(super) fn scheduler_configuration(
    config: &KubeSchedulerConfiguration,
    features: Features,
    errs: &mut ErrorList,
) {
    if config.parallelism.unwrap_or(16) <= 0 {
        errs.invalid(
            &FieldPath::new("parallelism"),
            i64::from(config.parallelism.unwrap_or_default()),
            "should be an integer value greater than zero",
        );
    }
    percentage(
        config.percentage_of_nodes_to_score,
        &FieldPath::new("percentageOfNodesToScore"),
        errs,
    );
    let initial = config.pod_initial_backoff_seconds.unwrap_or(1);
    if initial <= 0 {
        errs.invalid(
            &FieldPath::new("podInitialBackoffSeconds"),
            initial,
            "must be greater than 0",
        );
    }
    let max = config.pod_max_backoff_seconds.unwrap_or(10);
    if max < initial {
        errs.invalid(
            &FieldPath::new("podMaxBackoffSeconds"),
            max,
            "must be greater than or equal to PodInitialBackoffSeconds",
        );
    }
    let single = config.profiles.len() <= 1;
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, profile) in config.profiles.iter().enumerate() {
        let path = FieldPath::new("profiles").index(i);
        let name = profile
            .scheduler_name
            .clone()
            .unwrap_or_else(|| match single {
                true => scheduler_profile::DEFAULT_SCHEDULER_NAME.to_owned(),
                false => String::new(),
            });
        if name.is_empty() {
            errs.required(&path.child("schedulerName"), "");
        }
        if let Some(first) = names.get(&name) {
            errs.duplicate(
                &path.child("schedulerName"),
                BadValue::Raw(
                    FieldPath::new("profiles")
                        .index(*first)
                        .child("schedulerName")
                        .to_string(),
                ),
            );
        } else {
            names.insert(name, i);
        }
        percentage(
            profile.percentage_of_nodes_to_score,
            &path.child("percentageOfNodesToScore"),
            errs,
        );
        if let Some(plugins) = &profile.plugins {
            removed_plugins(plugins, &path.child("plugins"), errs);
        }
        let mut seen: Vec<&str> = Vec::new();
        for (j, entry) in profile.plugin_config.iter().enumerate() {
            let entry_path = path.child("pluginConfig").index(j);
            if seen.contains(&entry.name.as_str()) {
                errs.duplicate(&entry_path, &entry.name);
            } else {
                seen.push(&entry.name);
            }
            if REMOVED_PLUGINS.contains(&entry.name.as_str()) {
                errs.invalid(&entry_path, &entry.name, removed());
                continue;
            }
            plugin_args(&entry.args, &entry_path.child("args"), features, errs);
        }
    }
    queue_sort_is_common(config, errs);
}

fn removed() -> String {
    format!(
        "was invalid in version {KUBE_SCHEDULER_CONFIG_V1:?} (KubeSchedulerConfiguration is version {KUBE_SCHEDULER_CONFIG_V1:?})"
    )
}

fn percentage(value: Option<i32>, path: &FieldPath, errs: &mut ErrorList) {
    if let Some(v) = value {
        if !(0..=100).contains(&v) {
            errs.invalid(path, i64::from(v), "not in valid range [0-100]");
        }
    }
}

/// `validatePluginSetForInvalidPlugins`: removed plugins at the specific
/// extension points (MultiPoint is not checked).
fn removed_plugins(plugins: &Plugins, path: &FieldPath, errs: &mut ErrorList) {
    let sets: [(&str, &PluginSet); 12] = [
        ("preEnqueue", &plugins.pre_enqueue),
        ("queueSort", &plugins.queue_sort),
        ("preFilter", &plugins.pre_filter),
        ("filter", &plugins.filter),
        ("postFilter", &plugins.post_filter),
        ("preScore", &plugins.pre_score),
        ("score", &plugins.score),
        ("reserve", &plugins.reserve),
        ("permit", &plugins.permit),
        ("preBind", &plugins.pre_bind),
        ("bind", &plugins.bind),
        ("postBind", &plugins.post_bind),
    ];
    for (field, set) in sets {
        for (i, plugin) in set.enabled.iter().enumerate() {
            if REMOVED_PLUGINS.contains(&plugin.name.as_str()) {
                let p = path.child(field).child("enabled").index(i);
                errs.invalid(&p, &plugin.name, removed());
            }
        }
    }
}

/// `validateCommonQueueSort`: every profile sorts the one queue the same way.
fn queue_sort_is_common(config: &KubeSchedulerConfiguration, errs: &mut ErrorList) {
    let queue_sort = |i: usize| {
        config.profiles[i]
            .plugins
            .as_ref()
            .map(|p| p.queue_sort.clone())
            .unwrap_or_default()
    };
    if config.profiles.is_empty() {
        return;
    }
    let first = queue_sort(0);
    if first.enabled.len() > 1 {
        errs.invalid(
            &FieldPath::new("profiles")
                .index(0)
                .child("plugins")
                .child("queueSort")
                .child("Enabled"),
            first.enabled.len(),
            "only one queue sort plugin can be enabled",
        );
    }
    for i in 1..config.profiles.len() {
        if queue_sort(i) != first {
            errs.invalid(
                &FieldPath::new("profiles")
                    .index(i)
                    .child("plugins")
                    .child("queueSort"),
                BadValue::Omitted,
                "must be the same for all profiles",
            );
        }
    }
}

/// The arguments of one plugin.
fn plugin_args(args: &PluginArgs, path: &FieldPath, features: Features, errs: &mut ErrorList) {
    match args {
        PluginArgs::None | PluginArgs::Raw(_) => {}
        PluginArgs::NodeResourcesFit(a) => fit_args(a, path, errs),
        PluginArgs::NodeResourcesBalancedAllocation(a) => balanced_args(a, path, errs),
        PluginArgs::NodeAffinity(a) => node_affinity_args(a, path, errs),
        PluginArgs::DynamicResources(a) => dynamic_resources_args(a, path, features, errs),
        PluginArgs::DefaultPreemption(a) => default_preemption_args(a, path, errs),
        PluginArgs::InterPodAffinity(a) => inter_pod_affinity_args(a, path, errs),
        PluginArgs::PodTopologySpread(a) => topology_spread_args(a, path, errs),
        PluginArgs::VolumeBinding(a) => volume_binding_args(a, path, errs),
    }
}

/// Arguments whose `kind` names another type.
fn kind(written: Option<&str>, wanted: &str, path: &FieldPath, errs: &mut ErrorList) {
    if let Some(written) = written {
        if written != wanted {
            errs.invalid(
                &path.child("kind"),
                written,
                format!("args were not of type {wanted}"),
            );
        }
    }
}

fn fit_args(args: &NodeResourcesFitArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "NodeResourcesFitArgs", path, errs);
    for (i, name) in args.ignored_resources.iter().enumerate() {
        errs.invalid_each(
            &path.child("ignoredResources").index(i),
            name,
            is_qualified_name(name),
        );
    }
    for (i, group) in args.ignored_resource_groups.iter().enumerate() {
        let p = path.child("ignoredResourceGroups").index(i);
        if group.contains('/') {
            errs.invalid(&p, group, "resource group name can't contain '/'");
        }
        errs.invalid_each(&p, group, is_qualified_name(group));
    }
    let Some(ScoringStrategy {
        type_,
        resources,
        requested_to_capacity_ratio,
    }) = &args.scoring_strategy
    else {
        // Defaulted to LeastAllocated on cpu and memory.
        return;
    };
    let strategy_path = path.child("scoringStrategy");
    let strategy = ScoringStrategyType::from_name(type_);
    if strategy.is_none() {
        errs.not_supported(
            &strategy_path.child("type"),
            type_,
            &ScoringStrategyType::NAMES,
        );
    }
    resource_weights(resources, &strategy_path.child("resources"), errs);
    let ratio_path = strategy_path.child("requestedToCapacityRatio");
    match (strategy, requested_to_capacity_ratio) {
        (Some(ScoringStrategyType::RequestedToCapacityRatio), None) => errs.required(
            &ratio_path,
            "must be specified when type is RequestedToCapacityRatio",
        ),
        (Some(ScoringStrategyType::RequestedToCapacityRatio), Some(ratio)) => {
            function_shape(&ratio.shape, &ratio_path.child("shape"), errs)
        }
        (_, Some(_)) => errs.forbidden(
            &ratio_path,
            "must be nil when type is not RequestedToCapacityRatio",
        ),
        (_, None) => {}
    }
}

/// Weights of 1 to 100 (0 is defaulted to 1).
fn resource_weights(resources: &[ResourceSpec], path: &FieldPath, errs: &mut ErrorList) {
    for (i, r) in resources.iter().enumerate() {
        let weight = if r.weight == 0 { 1 } else { r.weight };
        if weight <= 0 || weight > 100 {
            errs.invalid(
                &path.index(i).child("weight"),
                weight,
                format!("resource weight of {} not in valid range (0, 100]", r.name),
            );
        }
    }
}

/// `validateFunctionShape`.
fn function_shape(shape: &[UtilizationShapePoint], path: &FieldPath, errs: &mut ErrorList) {
    if shape.is_empty() {
        errs.required(path, "at least one point must be specified");
        return;
    }
    for i in 1..shape.len() {
        if shape[i - 1].utilization >= shape[i].utilization {
            errs.invalid(
                &path.index(i).child("utilization"),
                i64::from(shape[i].utilization),
                "values must be sorted in increasing order",
            );
            break;
        }
    }
    for (i, point) in shape.iter().enumerate() {
        if !(0..=100).contains(&point.utilization) {
            errs.invalid(
                &path.index(i).child("utilization"),
                i64::from(point.utilization),
                "not in valid range [0, 100]",
            );
        }
        if !(0..=MAX_CUSTOM_PRIORITY_SCORE).contains(&point.score) {
            errs.invalid(
                &path.index(i).child("score"),
                i64::from(point.score),
                format!("not in valid range [0, {MAX_CUSTOM_PRIORITY_SCORE}]"),
            );
        }
    }
}

fn balanced_args(
    args: &NodeResourcesBalancedAllocationArgs,
    path: &FieldPath,
    errs: &mut ErrorList,
) {
    kind(
        args.kind.as_deref(),
        "NodeResourcesBalancedAllocationArgs",
        path,
        errs,
    );
    let mut seen: Vec<&str> = Vec::new();
    for (i, r) in args.resources.iter().enumerate() {
        let p = path.child("resources").index(i);
        if seen.contains(&r.name.as_str()) {
            errs.duplicate(&p.child("name"), &r.name);
        } else {
            seen.push(&r.name);
        }
        let weight = if r.weight == 0 { 1 } else { r.weight };
        if weight != 1 {
            errs.invalid(&p.child("weight"), weight, "must be 1");
        }
    }
}

fn node_affinity_args(args: &NodeAffinityArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "NodeAffinityArgs", path, errs);
    let Some(affinity) = &args.added_affinity else {
        return;
    };
    let added = path.child("addedAffinity");
    if let Some(required) = &affinity.required {
        core::node_selector(
            required,
            &added.child("requiredDuringSchedulingIgnoredDuringExecution"),
            errs,
        );
    }
    core::preferred_terms(
        &affinity.preferred,
        &added.child("preferredDuringSchedulingIgnoredDuringExecution"),
        errs,
    );
}

fn dynamic_resources_args(
    args: &DynamicResourcesArgs,
    path: &FieldPath,
    features: Features,
    errs: &mut ErrorList,
) {
    kind(args.kind.as_deref(), "DynamicResourcesArgs", path, errs);
    // DRASchedulerFilterTimeout is on in every release the playground knows.
    if let Some(timeout) = &args.filter_timeout {
        match go_duration_nanos(timeout) {
            None => errs.invalid(
                &path.child("filterTimeout"),
                timeout,
                "not a duration (such as 10s or 1m30s)",
            ),
            Some(n) if n < 0 => errs.invalid(
                &path.child("filterTimeout"),
                timeout,
                "must be zero or positive",
            ),
            Some(_) => {}
        }
    }
    if let Some(timeout) = &args.binding_timeout {
        let p = path.child("bindingTimeout");
        if !features.device_binding_and_status {
            errs.forbidden(
                &p,
                "DRADeviceBindingConditions or DRAResourceClaimDeviceStatus feature gate is disabled",
            );
        } else {
            match go_duration_nanos(timeout) {
                None => errs.invalid(&p, timeout, "not a duration (such as 10s or 1m30s)"),
                Some(n) if n < 1_000_000_000 => {
                    errs.invalid(&p, timeout, "must be at least 1 second")
                }
                Some(_) => {}
            }
        }
    }
}

fn default_preemption_args(args: &DefaultPreemptionArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "DefaultPreemptionArgs", path, errs);
    let percentage = args.min_candidate_nodes_percentage.unwrap_or(10);
    let absolute = args.min_candidate_nodes_absolute.unwrap_or(100);
    let percentage_path = path.child("minCandidateNodesPercentage");
    let absolute_path = path.child("minCandidateNodesAbsolute");
    if !(0..=100).contains(&percentage) {
        errs.invalid(
            &percentage_path,
            i64::from(percentage),
            "not in valid range [0, 100]",
        );
    }
    if absolute < 0 {
        errs.invalid(
            &absolute_path,
            i64::from(absolute),
            "not in valid range [0, inf)",
        );
    }
    if percentage == 0 && absolute == 0 {
        errs.invalid(
            &percentage_path,
            0i64,
            "cannot be zero at the same time as minCandidateNodesAbsolute",
        );
        errs.invalid(
            &absolute_path,
            0i64,
            "cannot be zero at the same time as minCandidateNodesPercentage",
        );
    }
}

fn inter_pod_affinity_args(args: &InterPodAffinityArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "InterPodAffinityArgs", path, errs);
    let weight = args.hard_pod_affinity_weight.unwrap_or(1);
    if !(0..=100).contains(&weight) {
        errs.invalid(
            &path.child("hardPodAffinityWeight"),
            i64::from(weight),
            "not in valid range [0, 100]",
        );
    }
}

fn topology_spread_args(args: &PodTopologySpreadArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "PodTopologySpreadArgs", path, errs);
    let defaulting = args.defaulting_type.as_deref().unwrap_or("System");
    let p = path.child("defaultingType");
    if defaulting != "System" && defaulting != "List" {
        errs.not_supported(&p, defaulting, &["System", "List"]);
    } else if defaulting == "System" && !args.default_constraints.is_empty() {
        errs.invalid(&p, defaulting, "when .defaultConstraints are not empty");
    }
}

fn volume_binding_args(args: &VolumeBindingArgs, path: &FieldPath, errs: &mut ErrorList) {
    kind(args.kind.as_deref(), "VolumeBindingArgs", path, errs);
    if let Some(seconds) = args.bind_timeout_seconds {
        if seconds < 0 {
            errs.invalid(
                &path.child("bindTimeoutSeconds"),
                seconds,
                "invalid BindTimeoutSeconds, should not be a negative value",
            );
        }
    }
    if !args.shape.is_empty() {
        // StorageCapacityScoring is off by default in every release the
        // playground knows.
        errs.invalid(
            &path.child("shape"),
            BadValue::Omitted,
            "unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring",
        );
    }
}

/// Go's `time.ParseDuration`, in nanoseconds; None when it does not parse.
fn go_duration_nanos(text: &str) -> Option<i128> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_end].parse().ok()?;
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_end] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_end..];
        total += number * unit;
    }
    let nanos = total as i128;
    Some(if negative { -nanos } else { nanos })
}

#[cfg(test)]
mod tests {
    use super::go_duration_nanos;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration_nanos("10s"), Some(10_000_000_000));
        assert_eq!(go_duration_nanos("1m30s"), Some(90_000_000_000));
        assert_eq!(go_duration_nanos("1.5h"), Some(5_400_000_000_000));
        assert_eq!(go_duration_nanos("-1s"), Some(-1_000_000_000));
        assert_eq!(go_duration_nanos("0"), Some(0));
        assert_eq!(go_duration_nanos("10"), None);
        assert_eq!(go_duration_nanos("ten seconds"), None);
        assert_eq!(go_duration_nanos(""), None);
    }
}
