//! The kube-scheduler's in-tree plugins: their names, the extension points
//! each implements (per release), and whether the playground simulates them.

use crate::features::Release;

/// An extension point of the scheduling framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExtensionPoint {
    /// Before a pod enters the active queue.
    PreEnqueue,
    /// The order of the queue.
    QueueSort,
    /// Once per pod, before filtering.
    PreFilter,
    /// Per node: can the pod run there?
    Filter,
    /// When no node fits (preemption, deallocation).
    PostFilter,
    /// Once per pod, before scoring.
    PreScore,
    /// Per feasible node: how good is it?
    Score,
    /// The chosen node's resources are reserved.
    Reserve,
    /// Approves or delays binding.
    Permit,
    /// Before binding.
    PreBind,
    /// Binds the pod.
    Bind,
    /// After binding.
    PostBind,
    /// Placements of pod groups (Kubernetes 1.36 and later).
    PlacementGenerate,
    /// Scores placements of pod groups (Kubernetes 1.36 and later).
    PlacementScore,
}

impl ExtensionPoint {
    /// The points in the order the framework initializes them
    /// (`getExtensionPoints`), which decides which problem it reports first.
    pub const FRAMEWORK_ORDER: [ExtensionPoint; 12] = [
        ExtensionPoint::PreFilter,
        ExtensionPoint::Filter,
        ExtensionPoint::PostFilter,
        ExtensionPoint::Reserve,
        ExtensionPoint::PreScore,
        ExtensionPoint::Score,
        ExtensionPoint::PreBind,
        ExtensionPoint::Bind,
        ExtensionPoint::PostBind,
        ExtensionPoint::Permit,
        ExtensionPoint::PreEnqueue,
        ExtensionPoint::QueueSort,
    ];

    /// The field of `plugins` that configures it (`preFilter`).
    pub fn field(self) -> &'static str {
        match self {
            ExtensionPoint::PreEnqueue => "preEnqueue",
            ExtensionPoint::QueueSort => "queueSort",
            ExtensionPoint::PreFilter => "preFilter",
            ExtensionPoint::Filter => "filter",
            ExtensionPoint::PostFilter => "postFilter",
            ExtensionPoint::PreScore => "preScore",
            ExtensionPoint::Score => "score",
            ExtensionPoint::Reserve => "reserve",
            ExtensionPoint::Permit => "permit",
            ExtensionPoint::PreBind => "preBind",
            ExtensionPoint::Bind => "bind",
            ExtensionPoint::PostBind => "postBind",
            ExtensionPoint::PlacementGenerate => "placementGenerate",
            ExtensionPoint::PlacementScore => "placementScore",
        }
    }

    /// The Go interface a plugin implements for it (`FilterPlugin`), as
    /// the framework's messages name it.
    pub fn interface(self) -> &'static str {
        match self {
            ExtensionPoint::PreEnqueue => "PreEnqueuePlugin",
            ExtensionPoint::QueueSort => "QueueSortPlugin",
            ExtensionPoint::PreFilter => "PreFilterPlugin",
            ExtensionPoint::Filter => "FilterPlugin",
            ExtensionPoint::PostFilter => "PostFilterPlugin",
            ExtensionPoint::PreScore => "PreScorePlugin",
            ExtensionPoint::Score => "ScorePlugin",
            ExtensionPoint::Reserve => "ReservePlugin",
            ExtensionPoint::Permit => "PermitPlugin",
            ExtensionPoint::PreBind => "PreBindPlugin",
            ExtensionPoint::Bind => "BindPlugin",
            ExtensionPoint::PostBind => "PostBindPlugin",
            ExtensionPoint::PlacementGenerate => "PlacementGeneratePlugin",
            ExtensionPoint::PlacementScore => "PlacementScorePlugin",
        }
    }
}

/// An in-tree plugin of the kube-scheduler's registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluginName {
    /// Keeps pods with scheduling gates out of the queue.
    SchedulingGates,
    /// Orders the queue by priority.
    PrioritySort,
    /// `spec.unschedulable` nodes.
    NodeUnschedulable,
    /// `spec.nodeName` pins.
    NodeName,
    /// Node taints against pod tolerations.
    TaintToleration,
    /// Node selectors and node affinity.
    NodeAffinity,
    /// Host ports.
    NodePorts,
    /// cpu, memory, ephemeral storage, pods, extended resources.
    NodeResourcesFit,
    /// Volumes that cannot be shared.
    VolumeRestrictions,
    /// Volume attach limits of CSI drivers.
    NodeVolumeLimits,
    /// PersistentVolumeClaims.
    VolumeBinding,
    /// Zones of volumes.
    VolumeZone,
    /// `topologySpreadConstraints` and the default spreading.
    PodTopologySpread,
    /// Pod affinity and anti-affinity.
    InterPodAffinity,
    /// Preemption of lower-priority pods.
    DefaultPreemption,
    /// Balanced resource use.
    NodeResourcesBalancedAllocation,
    /// Nodes that have the pod's images.
    ImageLocality,
    /// Binds the pod to the node.
    DefaultBinder,
    /// ResourceClaims (the structured allocator).
    DynamicResources,
}

/// Plugins a KubeSchedulerConfiguration may no longer name
/// (`invalidPluginsByVersion` for kubescheduler.config.k8s.io/v1).
pub const REMOVED_PLUGINS: [&str; 4] = [
    "AzureDiskLimits",
    "CinderLimits",
    "EBSLimits",
    "GCEPDLimits",
];

impl PluginName {
    /// Every plugin of the registry.
    pub const ALL: [PluginName; 19] = [
        PluginName::SchedulingGates,
        PluginName::PrioritySort,
        PluginName::NodeUnschedulable,
        PluginName::NodeName,
        PluginName::TaintToleration,
        PluginName::NodeAffinity,
        PluginName::NodePorts,
        PluginName::NodeResourcesFit,
        PluginName::VolumeRestrictions,
        PluginName::NodeVolumeLimits,
        PluginName::VolumeBinding,
        PluginName::VolumeZone,
        PluginName::PodTopologySpread,
        PluginName::InterPodAffinity,
        PluginName::DefaultPreemption,
        PluginName::NodeResourcesBalancedAllocation,
        PluginName::ImageLocality,
        PluginName::DefaultBinder,
        PluginName::DynamicResources,
    ];

    /// The name configurations use.
    pub fn name(self) -> &'static str {
        match self {
            PluginName::SchedulingGates => "SchedulingGates",
            PluginName::PrioritySort => "PrioritySort",
            PluginName::NodeUnschedulable => "NodeUnschedulable",
            PluginName::NodeName => "NodeName",
            PluginName::TaintToleration => "TaintToleration",
            PluginName::NodeAffinity => "NodeAffinity",
            PluginName::NodePorts => "NodePorts",
            PluginName::NodeResourcesFit => "NodeResourcesFit",
            PluginName::VolumeRestrictions => "VolumeRestrictions",
            PluginName::NodeVolumeLimits => "NodeVolumeLimits",
            PluginName::VolumeBinding => "VolumeBinding",
            PluginName::VolumeZone => "VolumeZone",
            PluginName::PodTopologySpread => "PodTopologySpread",
            PluginName::InterPodAffinity => "InterPodAffinity",
            PluginName::DefaultPreemption => "DefaultPreemption",
            PluginName::NodeResourcesBalancedAllocation => "NodeResourcesBalancedAllocation",
            PluginName::ImageLocality => "ImageLocality",
            PluginName::DefaultBinder => "DefaultBinder",
            PluginName::DynamicResources => "DynamicResources",
        }
    }

    /// The plugin with this name.
    pub fn from_name(name: &str) -> Option<PluginName> {
        PluginName::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Whether the plugin implements an extension point in a release.
    pub fn implements(self, point: ExtensionPoint, release: Release) -> bool {
        use ExtensionPoint as E;
        match self {
            PluginName::SchedulingGates => point == E::PreEnqueue,
            PluginName::PrioritySort => point == E::QueueSort,
            PluginName::NodeUnschedulable | PluginName::NodeName => point == E::Filter,
            PluginName::TaintToleration => matches!(point, E::Filter | E::PreScore | E::Score),
            PluginName::NodeAffinity
            | PluginName::NodeResourcesFit
            | PluginName::PodTopologySpread
            | PluginName::InterPodAffinity => {
                matches!(point, E::PreFilter | E::Filter | E::PreScore | E::Score)
            }
            PluginName::NodePorts
            | PluginName::VolumeRestrictions
            | PluginName::NodeVolumeLimits
            | PluginName::VolumeZone => matches!(point, E::PreFilter | E::Filter),
            PluginName::VolumeBinding => matches!(
                point,
                E::PreFilter | E::Filter | E::Reserve | E::PreBind | E::PreScore | E::Score
            ),
            PluginName::DefaultPreemption => matches!(point, E::PreEnqueue | E::PostFilter),
            PluginName::NodeResourcesBalancedAllocation => {
                matches!(point, E::PreScore | E::Score)
            }
            PluginName::ImageLocality => point == E::Score,
            PluginName::DefaultBinder => point == E::Bind,
            PluginName::DynamicResources => match point {
                E::PreEnqueue
                | E::PreFilter
                | E::Filter
                | E::PostFilter
                | E::Reserve
                | E::PreBind => true,
                E::Score => release.scores_prioritized_lists(),
                _ => false,
            },
        }
    }

    /// Whether the playground runs this plugin (the others are listed in
    /// the profile but do not change the outcome).
    pub fn is_simulated(self) -> bool {
        !matches!(
            self,
            PluginName::SchedulingGates
                | PluginName::VolumeRestrictions
                | PluginName::NodeVolumeLimits
                | PluginName::VolumeBinding
                | PluginName::VolumeZone
                | PluginName::PodTopologySpread
                | PluginName::InterPodAffinity
        )
    }

    /// Why a plugin is not simulated, in a few words.
    pub fn not_simulated_because(self) -> Option<&'static str> {
        Some(match self {
            PluginName::SchedulingGates => "scenarios have no scheduling gates",
            PluginName::VolumeRestrictions
            | PluginName::NodeVolumeLimits
            | PluginName::VolumeBinding
            | PluginName::VolumeZone => "scenarios have no volumes",
            PluginName::PodTopologySpread => {
                "topology spreading is not simulated (no Services, ReplicaSets or StatefulSets select the pods)"
            }
            PluginName::InterPodAffinity => "pod affinity and anti-affinity are not simulated",
            _ => return None,
        })
    }
}

/// The default profile of a release (`getDefaultPlugins`): every plugin is
/// enabled at every extension point it implements (MultiPoint), with these
/// weights for scoring (None: a weight of 1).
pub fn default_plugins() -> [(PluginName, Option<i32>); 19] {
    [
        (PluginName::SchedulingGates, None),
        (PluginName::PrioritySort, None),
        (PluginName::NodeUnschedulable, None),
        (PluginName::NodeName, None),
        (PluginName::TaintToleration, Some(3)),
        (PluginName::NodeAffinity, Some(2)),
        (PluginName::NodePorts, None),
        (PluginName::NodeResourcesFit, Some(1)),
        (PluginName::VolumeRestrictions, None),
        (PluginName::NodeVolumeLimits, None),
        (PluginName::VolumeBinding, None),
        (PluginName::VolumeZone, None),
        (PluginName::PodTopologySpread, Some(2)),
        (PluginName::InterPodAffinity, Some(2)),
        // DynamicResourceAllocation (GA) puts it before DefaultPreemption.
        (PluginName::DynamicResources, None),
        (PluginName::DefaultPreemption, None),
        (PluginName::NodeResourcesBalancedAllocation, Some(1)),
        (PluginName::ImageLocality, Some(1)),
        (PluginName::DefaultBinder, None),
    ]
}
