//! The kube-scheduler's profiles as a run uses them: which plugins run at
//! each extension point, with which weights and arguments, for the
//! scenario's Kubernetes release, from the defaults and an optional
//! KubeSchedulerConfiguration document.
//!
//! Both the loader (to report a configuration the kube-scheduler would
//! refuse) and the scheduler (to run it) resolve profiles here.

mod args;
mod merge;
mod plugins;
mod release;

pub use args::{FitArgs, PluginArguments, ScoringStrategyType, WeightedResource};
pub use plugins::{default_plugins, ExtensionPoint, PluginName, REMOVED_PLUGINS};

use crate::api::{KubeSchedulerConfiguration, KubeSchedulerProfile};
use crate::features::Release;
use crate::yaml::FieldPath;

/// The scheduler name pods get by default (`spec.schedulerName`).
pub const DEFAULT_SCHEDULER_NAME: &str = "default-scheduler";

/// One resolved profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The pods it schedules name it in `spec.schedulerName`.
    pub scheduler_name: String,
    /// The release whose plugins run.
    pub release: Release,
    /// `percentageOfNodesToScore` of the profile, else of the configuration
    /// (0: adaptive).
    pub percentage_of_nodes_to_score: i32,
    /// PreFilter plugins, in order.
    pub pre_filter: Vec<PluginName>,
    /// Filter plugins, in order.
    pub filter: Vec<PluginName>,
    /// PostFilter plugins, in order.
    pub post_filter: Vec<PluginName>,
    /// PreScore plugins, in order.
    pub pre_score: Vec<PluginName>,
    /// Score plugins, in order, with their weights.
    pub score: Vec<(PluginName, i64)>,
    /// The arguments of the simulated plugins.
    pub args: PluginArguments,
}

impl Profile {
    /// The default profile of a release.
    pub fn default_for(release: Release) -> Profile {
        let (mut profiles, _) = resolve(None, release);
        profiles.remove(0)
    }

    /// Whether a plugin runs at Filter.
    pub fn filters_with(&self, plugin: PluginName) -> bool {
        self.filter.contains(&plugin)
    }

    /// Whether a plugin runs at PreFilter.
    pub fn pre_filters_with(&self, plugin: PluginName) -> bool {
        self.pre_filter.contains(&plugin)
    }

    /// Whether a plugin runs at PostFilter.
    pub fn post_filters_with(&self, plugin: PluginName) -> bool {
        self.post_filter.contains(&plugin)
    }
}

/// A reason the kube-scheduler would refuse a configuration, at the field
/// it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileProblem {
    /// The field, in the KubeSchedulerConfiguration document.
    pub path: FieldPath,
    /// What is wrong, in the framework's words.
    pub message: String,
}

/// The profiles of a configuration (None: the default profile alone), and
/// the problems the scheduling framework would report while building them.
pub fn resolve(
    config: Option<&KubeSchedulerConfiguration>,
    release: Release,
) -> (Vec<Profile>, Vec<ProfileProblem>) {
    let mut problems = Vec::new();
    let default_profile = [KubeSchedulerProfile::default()];
    let written: &[KubeSchedulerProfile] = match config {
        Some(c) if !c.profiles.is_empty() => &c.profiles,
        _ => &default_profile,
    };
    let global_percentage = config
        .and_then(|c| c.percentage_of_nodes_to_score)
        .unwrap_or(0);
    let single = written.len() == 1;
    let profiles = written
        .iter()
        .enumerate()
        .map(|(i, profile)| {
            let path = FieldPath::new("profiles").index(i);
            let expanded = merge::expand(profile.plugins.as_ref(), release, &path, &mut problems);
            Profile {
                scheduler_name: profile.scheduler_name.clone().unwrap_or_else(|| {
                    if single {
                        DEFAULT_SCHEDULER_NAME.to_owned()
                    } else {
                        String::new()
                    }
                }),
                release,
                percentage_of_nodes_to_score: profile
                    .percentage_of_nodes_to_score
                    .unwrap_or(global_percentage),
                pre_filter: expanded.pre_filter,
                filter: expanded.filter,
                post_filter: expanded.post_filter,
                pre_score: expanded.pre_score,
                score: expanded.score,
                args: PluginArguments::from_config(&profile.plugin_config),
            }
        })
        .collect();
    (profiles, problems)
}
