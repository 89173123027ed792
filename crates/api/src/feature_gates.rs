//! Every feature gate of the Kubernetes releases the playground offers, with
//! its stage and default from release to release, as Kubernetes versions
//! them (`test/compatibility_lifecycle/reference/versioned_feature_list.yaml`
//! of Kubernetes 1.36: the gates of kube-apiserver, kube-scheduler,
//! kube-controller-manager, kubelet and the libraries they share). A gate
//! removed before 1.36 is not listed.

/// The maturity of a gate in a release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Alpha.
    Alpha,
    /// Beta.
    Beta,
    /// Generally available.
    Ga,
    /// Deprecated.
    Deprecated,
}

/// A gate's spec from one release on (until the next spec).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The minor release 1.x from which it holds (0: from the start).
    pub since: u16,
    /// Its stage.
    pub stage: Stage,
    /// Whether the gate is on unless set.
    pub default: bool,
    /// Whether it cannot be set to anything but its default.
    pub locked: bool,
}

/// One feature gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureGate {
    /// Its name, as `--feature-gates` takes it.
    pub name: &'static str,
    /// Its specs, oldest first.
    pub specs: &'static [Spec],
}

impl FeatureGate {
    /// The spec in force in release 1.`minor`; None before the gate existed.
    pub fn spec_in(&self, minor: u16) -> Option<&'static Spec> {
        self.specs.iter().rev().find(|s| s.since <= minor)
    }

    /// The first release with the gate (0: older than any the table knows).
    pub fn introduced(&self) -> u16 {
        self.specs.first().map_or(0, |s| s.since)
    }
}

/// The gate of this name.
pub fn feature_gate(name: &str) -> Option<&'static FeatureGate> {
    GATES
        .binary_search_by(|g| g.name.cmp(name))
        .ok()
        .map(|i| &GATES[i])
}

/// Every gate, sorted by name.
pub fn all() -> &'static [FeatureGate] {
    GATES
}

const fn s(since: u16, stage: Stage, default: bool, locked: bool) -> Spec {
    Spec {
        since,
        stage,
        default,
        locked,
    }
}

use Stage::{Alpha, Beta, Deprecated, Ga};

static GATES: &[FeatureGate] = &[
    FeatureGate {
        name: "APIResponseCompression",
        specs: &[s(8, Alpha, false, false), s(16, Beta, true, false)],
    },
    FeatureGate {
        name: "APIServerIdentity",
        specs: &[s(20, Alpha, false, false), s(26, Beta, true, false)],
    },
    FeatureGate {
        name: "APIServerTracing",
        specs: &[
            s(22, Alpha, false, false),
            s(27, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "APIServingWithRoutine",
        specs: &[s(30, Alpha, false, false)],
    },
    FeatureGate {
        name: "AggregatedDiscoveryRemoveBetaType",
        specs: &[
            s(0, Ga, false, false),
            s(33, Deprecated, true, false),
            s(35, Deprecated, true, true),
        ],
    },
    FeatureGate {
        name: "AllowDNSOnlyNodeCSR",
        specs: &[s(0, Ga, true, false), s(31, Deprecated, false, false)],
    },
    FeatureGate {
        name: "AllowInsecureKubeletCertificateSigningRequests",
        specs: &[s(0, Ga, true, false), s(31, Deprecated, false, false)],
    },
    FeatureGate {
        name: "AllowOverwriteTerminationGracePeriodSeconds",
        specs: &[
            s(0, Ga, true, false),
            s(32, Deprecated, false, false),
            s(35, Deprecated, false, true),
        ],
    },
    FeatureGate {
        name: "AllowParsingUserUIDFromCertAuth",
        specs: &[s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "AllowServiceExternalIPs",
        specs: &[s(0, Ga, true, false)],
    },
    FeatureGate {
        name: "AllowUnsafeMalformedObjectDeletion",
        specs: &[s(32, Alpha, false, false)],
    },
    FeatureGate {
        name: "AnonymousAuthConfigurableEndpoints",
        specs: &[
            s(31, Alpha, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "AnyVolumeDataSource",
        specs: &[
            s(18, Alpha, false, false),
            s(24, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "AuthorizeNodeWithSelectors",
        specs: &[
            s(31, Alpha, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "AuthorizePodWebsocketUpgradeCreatePermission",
        specs: &[s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "AuthorizeWithSelectors",
        specs: &[
            s(31, Alpha, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "BtreeWatchCache",
        specs: &[s(32, Beta, true, false), s(33, Ga, true, true)],
    },
    FeatureGate {
        name: "CBORServingAndStorage",
        specs: &[s(32, Alpha, false, false)],
    },
    FeatureGate {
        name: "CPUCFSQuotaPeriod",
        specs: &[s(12, Alpha, false, false), s(36, Ga, true, false)],
    },
    FeatureGate {
        name: "CPUManagerPolicyAlphaOptions",
        specs: &[s(23, Alpha, false, false)],
    },
    FeatureGate {
        name: "CPUManagerPolicyBetaOptions",
        specs: &[s(23, Beta, true, false)],
    },
    FeatureGate {
        name: "CPUManagerPolicyOptions",
        specs: &[
            s(22, Alpha, false, false),
            s(23, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "CRDObservedGenerationTracking",
        specs: &[s(35, Beta, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "CRDValidationRatcheting",
        specs: &[
            s(28, Alpha, false, false),
            s(30, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "CRIListStreaming",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "CSIServiceAccountTokenSecrets",
        specs: &[s(35, Beta, true, false), s(36, Ga, true, true)],
    },
    FeatureGate {
        name: "CSIVolumeHealth",
        specs: &[s(21, Alpha, false, false)],
    },
    FeatureGate {
        name: "ChangeContainerStatusOnKubeletRestart",
        specs: &[s(0, Ga, true, false), s(35, Deprecated, false, false)],
    },
    FeatureGate {
        name: "ClearingNominatedNodeNameAfterBinding",
        specs: &[s(34, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "CloudControllerManagerWatchBasedRoutesReconciliation",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "CloudControllerManagerWebhook",
        specs: &[s(27, Alpha, false, false)],
    },
    FeatureGate {
        name: "ClusterTrustBundle",
        specs: &[s(27, Alpha, false, false), s(33, Beta, false, false)],
    },
    FeatureGate {
        name: "ClusterTrustBundleProjection",
        specs: &[s(29, Alpha, false, false), s(33, Beta, false, false)],
    },
    FeatureGate {
        name: "ComponentFlagz",
        specs: &[s(32, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ComponentStatusz",
        specs: &[s(32, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ConcurrentWatchObjectDecode",
        specs: &[s(31, Beta, false, false)],
    },
    FeatureGate {
        name: "ConsistentListFromCache",
        specs: &[
            s(28, Alpha, false, false),
            s(31, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ConstrainedImpersonation",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ContainerCheckpoint",
        specs: &[s(25, Alpha, false, false), s(30, Beta, true, false)],
    },
    FeatureGate {
        name: "ContainerRestartRules",
        specs: &[s(34, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "ContainerStopSignals",
        specs: &[s(33, Alpha, false, false)],
    },
    FeatureGate {
        name: "ContextualLogging",
        specs: &[s(24, Alpha, false, false), s(30, Beta, true, false)],
    },
    FeatureGate {
        name: "ControllerManagerReleaseLeaderElectionLockOnExit",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "CoordinatedLeaderElection",
        specs: &[s(31, Alpha, false, false), s(33, Beta, false, false)],
    },
    FeatureGate {
        name: "CrossNamespaceVolumeDataSource",
        specs: &[s(26, Alpha, false, false)],
    },
    FeatureGate {
        name: "CustomResourceFieldSelectors",
        specs: &[
            s(30, Alpha, false, false),
            s(31, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "DRAAdminAccess",
        specs: &[
            s(32, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "DRAConsumableCapacity",
        specs: &[s(34, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRADeviceBindingConditions",
        specs: &[s(34, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRADeviceTaintRules",
        specs: &[s(35, Alpha, false, false), s(36, Beta, false, false)],
    },
    FeatureGate {
        name: "DRADeviceTaints",
        specs: &[s(33, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAExtendedResource",
        specs: &[s(34, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAListTypeAttributes",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "DRANodeAllocatableResources",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "DRAPartitionableDevices",
        specs: &[s(33, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAPrioritizedList",
        specs: &[
            s(33, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, false),
        ],
    },
    FeatureGate {
        name: "DRAResourceClaimDeviceStatus",
        specs: &[s(32, Alpha, false, false), s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAResourceClaimGranularStatusAuthorization",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAResourcePoolStatus",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "DRASchedulerFilterTimeout",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "DRAWorkloadResourceClaims",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "DeclarativeValidation",
        specs: &[s(33, Beta, true, false), s(36, Ga, true, true)],
    },
    FeatureGate {
        name: "DeclarativeValidationBeta",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "DeclarativeValidationTakeover",
        specs: &[s(33, Beta, false, false), s(36, Deprecated, false, false)],
    },
    FeatureGate {
        name: "DeploymentReplicaSetTerminatingReplicas",
        specs: &[s(33, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "DetectCacheInconsistency",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "DisableAllocatorDualWrite",
        specs: &[
            s(31, Alpha, false, false),
            s(33, Beta, false, false),
            s(34, Ga, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "DisableCPUQuotaWithExclusiveCPUs",
        specs: &[s(33, Beta, true, false), s(36, Deprecated, true, false)],
    },
    FeatureGate {
        name: "DisableNodeKubeProxyVersion",
        specs: &[
            s(29, Alpha, false, false),
            s(31, Deprecated, false, false),
            s(33, Deprecated, true, false),
            s(36, Deprecated, true, true),
        ],
    },
    FeatureGate {
        name: "DynamicResourceAllocation",
        specs: &[
            s(26, Alpha, false, false),
            s(32, Beta, false, false),
            s(34, Ga, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "EnvFiles",
        specs: &[s(34, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "EventedPLEG",
        specs: &[s(26, Alpha, false, false)],
    },
    FeatureGate {
        name: "ExecProbeTimeout",
        specs: &[s(20, Ga, true, false), s(35, Ga, true, true)],
    },
    FeatureGate {
        name: "ExtendWebSocketsToKubelet",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ExternalServiceAccountTokenSigner",
        specs: &[
            s(32, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "GangScheduling",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "GenericWorkload",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "GitRepoVolumeDriver",
        specs: &[
            s(0, Ga, true, false),
            s(33, Deprecated, false, false),
            s(36, Deprecated, false, true),
        ],
    },
    FeatureGate {
        name: "GracefulNodeShutdown",
        specs: &[s(20, Alpha, false, false), s(21, Beta, true, false)],
    },
    FeatureGate {
        name: "GracefulNodeShutdownBasedOnPodPriority",
        specs: &[s(23, Alpha, false, false), s(24, Beta, true, false)],
    },
    FeatureGate {
        name: "HPAConfigurableTolerance",
        specs: &[s(33, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "HPAScaleToZero",
        specs: &[s(16, Alpha, false, false)],
    },
    FeatureGate {
        name: "HostnameOverride",
        specs: &[s(34, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "ImageMaximumGCAge",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ImageVolume",
        specs: &[
            s(31, Alpha, false, false),
            s(33, Beta, false, false),
            s(35, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ImageVolumeWithDigest",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "InPlacePodLevelResourcesVerticalScaling",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "InPlacePodVerticalScaling",
        specs: &[
            s(27, Alpha, false, false),
            s(33, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "InPlacePodVerticalScalingExclusiveCPUs",
        specs: &[s(32, Alpha, false, false)],
    },
    FeatureGate {
        name: "InPlacePodVerticalScalingExclusiveMemory",
        specs: &[s(34, Alpha, false, false)],
    },
    FeatureGate {
        name: "InPlacePodVerticalScalingInitContainers",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "JobBackoffLimitPerIndex",
        specs: &[
            s(28, Alpha, false, false),
            s(29, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "JobManagedBy",
        specs: &[
            s(30, Alpha, false, false),
            s(32, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "JobPodReplacementPolicy",
        specs: &[
            s(28, Alpha, false, false),
            s(29, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "JobSuccessPolicy",
        specs: &[
            s(30, Alpha, false, false),
            s(31, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KMSv1",
        specs: &[
            s(0, Ga, true, false),
            s(28, Deprecated, true, false),
            s(29, Deprecated, false, false),
        ],
    },
    FeatureGate {
        name: "KubeletCgroupDriverFromCRI",
        specs: &[
            s(28, Alpha, false, false),
            s(31, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KubeletCrashLoopBackOffMax",
        specs: &[s(32, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "KubeletEnsureSecretPulledImages",
        specs: &[s(33, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "KubeletFineGrainedAuthz",
        specs: &[
            s(32, Alpha, false, false),
            s(33, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KubeletInUserNamespace",
        specs: &[s(22, Alpha, false, false)],
    },
    FeatureGate {
        name: "KubeletPSI",
        specs: &[
            s(33, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KubeletPodResourcesDynamicResources",
        specs: &[
            s(27, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KubeletPodResourcesGet",
        specs: &[
            s(27, Alpha, false, false),
            s(34, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "KubeletPodResourcesListUseActivePods",
        specs: &[s(0, Ga, false, false), s(34, Deprecated, true, false)],
    },
    FeatureGate {
        name: "KubeletRegistrationGetOnExistsOnly",
        specs: &[s(0, Ga, true, false), s(32, Deprecated, false, false)],
    },
    FeatureGate {
        name: "KubeletSeparateDiskGC",
        specs: &[s(29, Alpha, false, false), s(31, Beta, true, false)],
    },
    FeatureGate {
        name: "KubeletServiceAccountTokenForCredentialProviders",
        specs: &[s(33, Alpha, false, false), s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "KubeletTracing",
        specs: &[
            s(25, Alpha, false, false),
            s(27, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ListFromCacheSnapshot",
        specs: &[s(33, Alpha, false, false), s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "LocalStorageCapacityIsolationFSQuotaMonitoring",
        specs: &[s(15, Alpha, false, false), s(31, Beta, false, false)],
    },
    FeatureGate {
        name: "LogarithmicScaleDown",
        specs: &[
            s(21, Alpha, false, false),
            s(22, Beta, true, false),
            s(31, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "LoggingAlphaOptions",
        specs: &[s(24, Alpha, false, false)],
    },
    FeatureGate {
        name: "LoggingBetaOptions",
        specs: &[s(24, Beta, true, false)],
    },
    FeatureGate {
        name: "ManifestBasedAdmissionControlConfig",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "MatchLabelKeysInPodAffinity",
        specs: &[
            s(29, Alpha, false, false),
            s(31, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "MatchLabelKeysInPodTopologySpread",
        specs: &[s(25, Alpha, false, false), s(27, Beta, true, false)],
    },
    FeatureGate {
        name: "MatchLabelKeysInPodTopologySpreadSelectorMerge",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "MaxUnavailableStatefulSet",
        specs: &[s(24, Alpha, false, false), s(35, Beta, false, false)],
    },
    FeatureGate {
        name: "MemoryQoS",
        specs: &[s(22, Alpha, false, false)],
    },
    FeatureGate {
        name: "MultiCIDRServiceAllocator",
        specs: &[
            s(27, Alpha, false, false),
            s(31, Beta, false, false),
            s(33, Ga, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "MutableCSINodeAllocatableCount",
        specs: &[
            s(33, Alpha, false, false),
            s(34, Beta, false, false),
            s(35, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "MutablePVNodeAffinity",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "MutablePodResourcesForSuspendedJobs",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "MutableSchedulingDirectivesForSuspendedJobs",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "MutatingAdmissionPolicy",
        specs: &[
            s(32, Alpha, false, false),
            s(34, Beta, false, false),
            s(36, Ga, true, false),
        ],
    },
    FeatureGate {
        name: "NFTablesProxyMode",
        specs: &[
            s(29, Alpha, false, false),
            s(31, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "NativeHistograms",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "NodeDeclaredFeatures",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "NodeInclusionPolicyInPodTopologySpread",
        specs: &[
            s(25, Alpha, false, false),
            s(26, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "NodeLogQuery",
        specs: &[
            s(27, Alpha, true, false),
            s(30, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "NodeSwap",
        specs: &[
            s(22, Alpha, false, false),
            s(28, Beta, false, false),
            s(30, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "NominatedNodeNameForExpectation",
        specs: &[s(34, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "OpenAPIEnums",
        specs: &[s(23, Alpha, false, false), s(24, Beta, true, false)],
    },
    FeatureGate {
        name: "OpportunisticBatching",
        specs: &[s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "OrderedNamespaceDeletion",
        specs: &[
            s(30, Beta, false, false),
            s(33, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PLEGOnDemandRelist",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "PersistentVolumeClaimUnusedSinceTime",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "PodAndContainerStatsFromCRI",
        specs: &[s(23, Alpha, false, false)],
    },
    FeatureGate {
        name: "PodCertificateRequest",
        specs: &[s(34, Alpha, false, false), s(35, Beta, false, false)],
    },
    FeatureGate {
        name: "PodDeletionCost",
        specs: &[s(21, Alpha, false, false), s(22, Beta, true, false)],
    },
    FeatureGate {
        name: "PodLevelResourceManagers",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "PodLevelResources",
        specs: &[s(32, Alpha, false, false), s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "PodLifecycleSleepAction",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PodLifecycleSleepActionAllowZero",
        specs: &[
            s(32, Alpha, false, false),
            s(33, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PodLogsQuerySplitStreams",
        specs: &[s(32, Alpha, false, false)],
    },
    FeatureGate {
        name: "PodObservedGenerationTracking",
        specs: &[
            s(33, Alpha, false, false),
            s(34, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PodReadyToStartContainersCondition",
        specs: &[s(28, Alpha, false, false), s(29, Beta, true, false)],
    },
    FeatureGate {
        name: "PodSchedulingReadiness",
        specs: &[
            s(26, Alpha, false, false),
            s(27, Beta, true, false),
            s(30, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PodTopologyLabelsAdmission",
        specs: &[s(33, Alpha, false, false), s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "PodsAPI",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "PortForwardWebsockets",
        specs: &[s(30, Alpha, false, false), s(31, Beta, true, false)],
    },
    FeatureGate {
        name: "PreferSameTrafficDistribution",
        specs: &[
            s(33, Alpha, false, false),
            s(34, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "PreventStaticPodAPIReferences",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "ProcMountType",
        specs: &[
            s(12, Alpha, false, false),
            s(31, Beta, false, false),
            s(33, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "QOSReserved",
        specs: &[s(11, Alpha, false, false)],
    },
    FeatureGate {
        name: "RecoverVolumeExpansionFailure",
        specs: &[
            s(23, Alpha, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "RecursiveReadOnlyMounts",
        specs: &[
            s(30, Alpha, false, false),
            s(31, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ReduceDefaultCrashLoopBackOffDecay",
        specs: &[s(33, Alpha, false, false)],
    },
    FeatureGate {
        name: "RelaxedDNSSearchValidation",
        specs: &[
            s(32, Alpha, false, false),
            s(33, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "RelaxedEnvironmentVariableValidation",
        specs: &[
            s(30, Alpha, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "RelaxedServiceNameValidation",
        specs: &[s(34, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ReloadKubeletClientCAFile",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ReloadKubeletServerCertificateFile",
        specs: &[s(31, Beta, true, false)],
    },
    FeatureGate {
        name: "RemoteRequestHeaderUID",
        specs: &[s(32, Alpha, false, false), s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "ResilientWatchCacheInitialization",
        specs: &[s(31, Beta, true, false), s(34, Ga, true, true)],
    },
    FeatureGate {
        name: "ResourceHealthStatus",
        specs: &[s(31, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "ResourceHealthStatusMessage",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "RestartAllContainersOnContainerExits",
        specs: &[s(35, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "RetryGenerateName",
        specs: &[
            s(30, Alpha, false, false),
            s(31, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "RotateKubeletServerCertificate",
        specs: &[s(7, Alpha, false, false), s(12, Beta, true, false)],
    },
    FeatureGate {
        name: "RuntimeClassInImageCriAPI",
        specs: &[s(29, Alpha, false, false)],
    },
    FeatureGate {
        name: "SELinuxChangePolicy",
        specs: &[
            s(32, Alpha, false, false),
            s(33, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "SELinuxMount",
        specs: &[s(30, Alpha, false, false), s(33, Beta, false, false)],
    },
    FeatureGate {
        name: "SELinuxMountReadWriteOncePod",
        specs: &[
            s(25, Alpha, false, false),
            s(27, Beta, false, false),
            s(28, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "SchedulerAsyncAPICalls",
        specs: &[s(34, Beta, false, false)],
    },
    FeatureGate {
        name: "SchedulerAsyncPreemption",
        specs: &[s(32, Alpha, false, false), s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "SchedulerPopFromBackoffQ",
        specs: &[s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "SchedulerQueueingHints",
        specs: &[
            s(28, Beta, false, false),
            s(32, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "SeparateCacheWatchRPC",
        specs: &[
            s(28, Beta, true, false),
            s(33, Deprecated, false, false),
            s(36, Deprecated, false, true),
        ],
    },
    FeatureGate {
        name: "SeparateTaintEvictionController",
        specs: &[s(29, Beta, true, false), s(34, Ga, true, true)],
    },
    FeatureGate {
        name: "ServiceAccountNodeAudienceRestriction",
        specs: &[s(32, Beta, false, false), s(33, Beta, true, false)],
    },
    FeatureGate {
        name: "ServiceAccountTokenJTI",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ServiceAccountTokenNodeBinding",
        specs: &[
            s(29, Alpha, false, false),
            s(31, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ServiceAccountTokenNodeBindingValidation",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ServiceAccountTokenPodNodeInfo",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "ServiceCIDRStatusFieldWiping",
        specs: &[s(0, Ga, false, false), s(36, Deprecated, true, false)],
    },
    FeatureGate {
        name: "ShardedListAndWatch",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "SidecarContainers",
        specs: &[
            s(28, Alpha, false, false),
            s(29, Beta, true, false),
            s(33, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "SizeBasedListCostEstimate",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "StaleControllerConsistencyDaemonSet",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "StaleControllerConsistencyJob",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "StaleControllerConsistencyReplicaSet",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "StaleControllerConsistencyStatefulSet",
        specs: &[s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "StatefulSetSemanticRevisionComparison",
        specs: &[s(0, Beta, true, false)],
    },
    FeatureGate {
        name: "StorageCapacityScoring",
        specs: &[s(33, Alpha, false, false)],
    },
    FeatureGate {
        name: "StorageNamespaceIndex",
        specs: &[s(30, Beta, true, false), s(33, Deprecated, true, false)],
    },
    FeatureGate {
        name: "StorageVersionAPI",
        specs: &[s(20, Alpha, false, false)],
    },
    FeatureGate {
        name: "StorageVersionHash",
        specs: &[s(14, Alpha, false, false), s(15, Beta, true, false)],
    },
    FeatureGate {
        name: "StorageVersionMigrator",
        specs: &[s(30, Alpha, false, false), s(35, Beta, false, false)],
    },
    FeatureGate {
        name: "StreamingCollectionEncodingToJSON",
        specs: &[s(33, Beta, true, false), s(34, Ga, true, true)],
    },
    FeatureGate {
        name: "StreamingCollectionEncodingToProtobuf",
        specs: &[s(33, Beta, true, false), s(34, Ga, true, true)],
    },
    FeatureGate {
        name: "StrictIPCIDRValidation",
        specs: &[s(33, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "StructuredAuthenticationConfiguration",
        specs: &[
            s(29, Alpha, false, false),
            s(30, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "StructuredAuthenticationConfigurationEgressSelector",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "StructuredAuthenticationConfigurationJWKSMetrics",
        specs: &[s(35, Beta, true, false)],
    },
    FeatureGate {
        name: "SupplementalGroupsPolicy",
        specs: &[
            s(31, Alpha, false, false),
            s(33, Beta, true, false),
            s(35, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "SystemdWatchdog",
        specs: &[s(32, Beta, true, false), s(35, Ga, true, true)],
    },
    FeatureGate {
        name: "TaintTolerationComparisonOperators",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "TokenRequestServiceAccountUIDValidation",
        specs: &[s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "TopologyAwareWorkloadScheduling",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "TopologyManagerPolicyAlphaOptions",
        specs: &[s(26, Alpha, false, false)],
    },
    FeatureGate {
        name: "TopologyManagerPolicyBetaOptions",
        specs: &[s(26, Beta, false, false), s(28, Beta, true, false)],
    },
    FeatureGate {
        name: "TopologyManagerPolicyOptions",
        specs: &[
            s(26, Alpha, false, false),
            s(28, Beta, true, false),
            s(32, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "TranslateStreamCloseWebsocketRequests",
        specs: &[s(29, Alpha, false, false), s(30, Beta, true, false)],
    },
    FeatureGate {
        name: "UnauthenticatedHTTP2DOSMitigation",
        specs: &[s(25, Beta, false, false), s(29, Beta, true, false)],
    },
    FeatureGate {
        name: "UnknownVersionInteroperabilityProxy",
        specs: &[s(28, Alpha, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "UserNamespacesHostNetworkSupport",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "UserNamespacesSupport",
        specs: &[
            s(25, Alpha, false, false),
            s(30, Beta, false, false),
            s(33, Beta, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "VolumeAttributesClass",
        specs: &[
            s(29, Alpha, false, false),
            s(31, Beta, false, false),
            s(34, Ga, true, false),
            s(36, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "VolumeLimitScaling",
        specs: &[s(35, Alpha, false, false)],
    },
    FeatureGate {
        name: "WatchCacheInitializationPostStartHook",
        specs: &[s(31, Beta, false, false), s(36, Beta, true, false)],
    },
    FeatureGate {
        name: "WatchList",
        specs: &[
            s(27, Alpha, false, false),
            s(32, Beta, true, false),
            s(33, Beta, false, false),
            s(34, Beta, true, false),
        ],
    },
    FeatureGate {
        name: "WinDSR",
        specs: &[
            s(14, Alpha, false, false),
            s(33, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "WinOverlay",
        specs: &[
            s(14, Alpha, false, false),
            s(20, Beta, true, false),
            s(34, Ga, true, true),
        ],
    },
    FeatureGate {
        name: "WindowsCPUAndMemoryAffinity",
        specs: &[s(32, Alpha, false, false)],
    },
    FeatureGate {
        name: "WindowsGracefulNodeShutdown",
        specs: &[s(32, Alpha, false, false), s(34, Beta, true, false)],
    },
    FeatureGate {
        name: "WindowsHostNetwork",
        specs: &[s(26, Alpha, false, false), s(33, Deprecated, false, false)],
    },
    FeatureGate {
        name: "WorkloadAwarePreemption",
        specs: &[s(36, Alpha, false, false)],
    },
    FeatureGate {
        name: "WorkloadWithJob",
        specs: &[s(36, Alpha, false, false)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_ordered() {
        assert!(GATES.windows(2).all(|w| w[0].name < w[1].name));
        for g in GATES {
            assert!(
                g.specs.windows(2).all(|w| w[0].since < w[1].since),
                "{}",
                g.name
            );
        }
    }

    #[test]
    fn dra_gates() {
        let rules = feature_gate("DRADeviceTaintRules").unwrap();
        assert!(rules.spec_in(34).is_none());
        assert_eq!(rules.spec_in(35).unwrap().stage, Stage::Alpha);
        assert!(!rules.spec_in(36).unwrap().default);
        let admin = feature_gate("DRAAdminAccess").unwrap();
        assert!(admin.spec_in(36).unwrap().locked && admin.spec_in(34).unwrap().default);
        assert_eq!(feature_gate("GangScheduling").unwrap().introduced(), 35);
        assert!(feature_gate("DRADeviceTaint").is_none());
    }
}
