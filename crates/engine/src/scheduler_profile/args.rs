//! The arguments of the simulated plugins, with the kube-scheduler's
//! defaults (pkg/scheduler/apis/config/v1/defaults.go) applied.

use crate::api::{
    DynamicResourcesArgs, NodeAffinity, NodeResourcesBalancedAllocationArgs, NodeResourcesFitArgs,
    PluginArgs, PluginConfig, ResourceSpec, ScoringStrategy, UtilizationShapePoint,
};

/// NodeResourcesFit's scoring strategies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScoringStrategyType {
    /// Favors nodes with more room left (spreading).
    LeastAllocated,
    /// Favors fuller nodes (bin packing).
    MostAllocated,
    /// A function of utilization given as points.
    RequestedToCapacityRatio,
}

impl ScoringStrategyType {
    /// Every strategy, as `field.NotSupported` lists them (sorted).
    pub const NAMES: [&'static str; 3] = [
        "LeastAllocated",
        "MostAllocated",
        "RequestedToCapacityRatio",
    ];

    /// The strategy with this name.
    pub fn from_name(name: &str) -> Option<ScoringStrategyType> {
        Some(match name {
            "LeastAllocated" => ScoringStrategyType::LeastAllocated,
            "MostAllocated" => ScoringStrategyType::MostAllocated,
            "RequestedToCapacityRatio" => ScoringStrategyType::RequestedToCapacityRatio,
            _ => return None,
        })
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A resource and its weight, as the scorers use them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightedResource {
    /// `cpu`, `memory`, `ephemeral-storage` or an extended resource.
    pub name: String,
    /// 1 to 100.
    pub weight: i64,
}

/// NodeResourcesFit's arguments after defaulting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FitArgs {
    /// Extended resources the filter does not check.
    pub ignored_resources: Vec<String>,
    /// Prefixes (`example.com`) of extended resources the filter does not check.
    pub ignored_resource_groups: Vec<String>,
    /// How nodes score.
    pub strategy: ScoringStrategyType,
    /// The resources scored and their weights.
    pub resources: Vec<WeightedResource>,
    /// RequestedToCapacityRatio's points (utilization 0-100, score 0-10).
    pub shape: Vec<UtilizationShapePoint>,
}

/// The arguments of the simulated plugins.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginArguments {
    /// NodeResourcesFit.
    pub fit: FitArgs,
    /// NodeResourcesBalancedAllocation's resources (weights are all 1).
    pub balanced: Vec<WeightedResource>,
    /// NodeAffinity's `addedAffinity`: applied to every pod.
    pub added_affinity: Option<NodeAffinity>,
    /// DynamicResources' arguments as written (their timeouts are not
    /// simulated: the search budget bounds a pod's search instead).
    pub dynamic_resources: DynamicResourcesArgs,
}

/// cpu and memory, weight 1 (`defaultResourceSpec`).
fn default_resources() -> Vec<WeightedResource> {
    ["cpu", "memory"]
        .into_iter()
        .map(|name| WeightedResource {
            name: name.to_owned(),
            weight: 1,
        })
        .collect()
}

/// Resources with a weight of 0 (unset) get 1, as defaulting does.
fn weighted(resources: &[ResourceSpec]) -> Vec<WeightedResource> {
    resources
        .iter()
        .map(|r| WeightedResource {
            name: r.name.clone(),
            weight: if r.weight == 0 { 1 } else { r.weight },
        })
        .collect()
}

impl PluginArguments {
    /// The arguments of a profile's `pluginConfig`, defaulted; plugins
    /// without an entry get their defaults.
    pub fn from_config(config: &[PluginConfig]) -> PluginArguments {
        let mut args = PluginArguments::default();
        for entry in config {
            match &entry.args {
                PluginArgs::NodeResourcesFit(fit) => args.fit = fit_args(fit),
                PluginArgs::NodeResourcesBalancedAllocation(b) => args.balanced = balanced(b),
                PluginArgs::NodeAffinity(a) => args.added_affinity = a.added_affinity.clone(),
                PluginArgs::DynamicResources(d) => args.dynamic_resources = d.clone(),
                _ => {}
            }
        }
        args
    }
}

impl Default for PluginArguments {
    fn default() -> PluginArguments {
        PluginArguments {
            fit: fit_args(&NodeResourcesFitArgs::default()),
            balanced: default_resources(),
            added_affinity: None,
            dynamic_resources: DynamicResourcesArgs::default(),
        }
    }
}

fn fit_args(fit: &NodeResourcesFitArgs) -> FitArgs {
    let strategy = fit.scoring_strategy.clone().unwrap_or(ScoringStrategy {
        type_: "LeastAllocated".into(),
        ..ScoringStrategy::default()
    });
    let resources = if strategy.resources.is_empty() {
        default_resources()
    } else {
        weighted(&strategy.resources)
    };
    FitArgs {
        ignored_resources: fit.ignored_resources.clone(),
        ignored_resource_groups: fit.ignored_resource_groups.clone(),
        // An empty type stays empty in Kubernetes and fails validation;
        // here it scores as the default.
        strategy: ScoringStrategyType::from_name(&strategy.type_)
            .unwrap_or(ScoringStrategyType::LeastAllocated),
        resources,
        shape: strategy
            .requested_to_capacity_ratio
            .map(|r| r.shape)
            .unwrap_or_default(),
    }
}

fn balanced(args: &NodeResourcesBalancedAllocationArgs) -> Vec<WeightedResource> {
    if args.resources.is_empty() {
        default_resources()
    } else {
        weighted(&args.resources)
    }
}
