//! What a document's `apiVersion` and `kind` are to the playground: a kind it
//! reads, a Kubernetes kind it does not simulate (an info hint), a custom
//! resource (likewise), or a mistake (an error naming the nearest known
//! name).
//!
//! Every API version of the DRA group that a release the playground offers
//! serves (and the older ones demos still use) is read and converted; which
//! of them a given release serves is checked after the Scenario document is
//! read ([`served_in`]).

use crate::api::{self, Object, WorkloadKind};
use crate::diagnostic::nearest;
use crate::features::{Gate, GateSet, Release};

/// A kind the playground reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    DeviceClass,
    ResourceSlice,
    ResourceClaim,
    ResourceClaimTemplate,
    DeviceTaintRule,
    Namespace,
    Node,
    Pod,
    Workload(WorkloadKind),
    KubeSchedulerConfiguration,
    Scenario,
    Step,
    List,
}

/// What a document is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// A kind the playground reads, in this version of its group.
    Read(Kind),
    /// A kind it does not simulate: the info hint to give.
    NotSimulated(String),
}

/// Why a document's type is refused, and at which of its two fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// The apiVersion is wrong.
    ApiVersion(String),
    /// The kind is wrong.
    Kind(String),
}

pub(super) const RESOURCE_GROUP: &str = "resource.k8s.io";

/// The versions of resource.k8s.io the playground reads, newest first.
const RESOURCE_VERSIONS: &[&str] = &["v1", "v1beta2", "v1beta1", "v1alpha3"];

/// DRA kinds and the versions of resource.k8s.io that ever served them
/// (1.31 to 1.36); which release serves which is [`served_in`]'s.
const RESOURCE_KINDS: &[(&str, Kind, &[&str])] = &[
    ("DeviceClass", Kind::DeviceClass, RESOURCE_VERSIONS),
    ("ResourceSlice", Kind::ResourceSlice, RESOURCE_VERSIONS),
    ("ResourceClaim", Kind::ResourceClaim, RESOURCE_VERSIONS),
    (
        "ResourceClaimTemplate",
        Kind::ResourceClaimTemplate,
        RESOURCE_VERSIONS,
    ),
    (
        "DeviceTaintRule",
        Kind::DeviceTaintRule,
        &["v1beta2", "v1alpha3"],
    ),
];

/// DRA kinds that are not simulated.
const RESOURCE_NOT_SIMULATED: &[&str] = &["ResourcePoolStatusRequest", "PodSchedulingContext"];

/// Kubernetes' built-in API groups other than the DRA group, the versions
/// they serve, the kinds the playground reads, and those it does not
/// simulate.
struct Group {
    name: &'static str,
    versions: &'static [&'static str],
    read: &'static [(&'static str, Kind)],
    not_simulated: &'static [&'static str],
}

const GROUPS: &[Group] = &[
    Group {
        name: "",
        versions: &["v1"],
        read: &[
            ("Namespace", Kind::Namespace),
            ("Node", Kind::Node),
            ("Pod", Kind::Pod),
            ("List", Kind::List),
        ],
        not_simulated: &[
            "Binding",
            "ComponentStatus",
            "ConfigMap",
            "Endpoints",
            "Event",
            "LimitRange",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "PodTemplate",
            "ReplicationController",
            "ResourceQuota",
            "Secret",
            "Service",
            "ServiceAccount",
        ],
    },
    Group {
        name: "apps",
        versions: &["v1"],
        read: &[
            ("Deployment", Kind::Workload(WorkloadKind::Deployment)),
            ("ReplicaSet", Kind::Workload(WorkloadKind::ReplicaSet)),
            ("StatefulSet", Kind::Workload(WorkloadKind::StatefulSet)),
            ("DaemonSet", Kind::Workload(WorkloadKind::DaemonSet)),
        ],
        not_simulated: &["ControllerRevision"],
    },
    Group {
        name: "batch",
        versions: &["v1"],
        read: &[("Job", Kind::Workload(WorkloadKind::Job))],
        not_simulated: &["CronJob"],
    },
    Group {
        name: "kubescheduler.config.k8s.io",
        versions: &["v1"],
        read: &[(
            "KubeSchedulerConfiguration",
            Kind::KubeSchedulerConfiguration,
        )],
        not_simulated: &[],
    },
    Group {
        name: api::PLAYGROUND_GROUP,
        versions: &["v1alpha1"],
        read: &[("Scenario", Kind::Scenario), ("Step", Kind::Step)],
        not_simulated: &[],
    },
    Group {
        name: "rbac.authorization.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
    },
    Group {
        name: "scheduling.k8s.io",
        versions: &["v1", "v1alpha1", "v1alpha2"],
        read: &[],
        not_simulated: &["PriorityClass", "PodGroup", "Workload"],
    },
    Group {
        name: "networking.k8s.io",
        versions: &["v1", "v1beta1"],
        read: &[],
        not_simulated: &[
            "IPAddress",
            "Ingress",
            "IngressClass",
            "NetworkPolicy",
            "ServiceCIDR",
        ],
    },
    Group {
        name: "policy",
        versions: &["v1"],
        read: &[],
        not_simulated: &["PodDisruptionBudget"],
    },
    Group {
        name: "storage.k8s.io",
        versions: &["v1", "v1beta1"],
        read: &[],
        not_simulated: &[
            "CSIDriver",
            "CSINode",
            "CSIStorageCapacity",
            "StorageClass",
            "VolumeAttachment",
            "VolumeAttributesClass",
        ],
    },
    Group {
        name: "node.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["RuntimeClass"],
    },
    Group {
        name: "admissionregistration.k8s.io",
        versions: &["v1", "v1beta1", "v1alpha1"],
        read: &[],
        not_simulated: &[
            "MutatingAdmissionPolicy",
            "MutatingAdmissionPolicyBinding",
            "MutatingWebhookConfiguration",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingWebhookConfiguration",
        ],
    },
    Group {
        name: "apiextensions.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["CustomResourceDefinition"],
    },
    Group {
        name: "apiregistration.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["APIService"],
    },
    Group {
        name: "autoscaling",
        versions: &["v1", "v2"],
        read: &[],
        not_simulated: &["HorizontalPodAutoscaler"],
    },
    Group {
        name: "coordination.k8s.io",
        versions: &["v1", "v1beta1", "v1alpha2"],
        read: &[],
        not_simulated: &["Lease", "LeaseCandidate"],
    },
    Group {
        name: "discovery.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["EndpointSlice"],
    },
    Group {
        name: "certificates.k8s.io",
        versions: &["v1", "v1beta1", "v1alpha1"],
        read: &[],
        not_simulated: &[
            "CertificateSigningRequest",
            "ClusterTrustBundle",
            "PodCertificateRequest",
        ],
    },
    Group {
        name: "events.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["Event"],
    },
    Group {
        name: "flowcontrol.apiserver.k8s.io",
        versions: &["v1"],
        read: &[],
        not_simulated: &["FlowSchema", "PriorityLevelConfiguration"],
    },
];

/// Why a kind the playground does not simulate is still worth a word.
fn not_simulated_note(kind: &str) -> &'static str {
    match kind {
        "PriorityClass" => "pods are scheduled in document order, without priorities or preemption",
        "PodGroup" | "Workload" => "pods are scheduled one at a time, not as a gang",
        "CronJob" => "it makes Jobs over time; write the Job it makes to simulate its pods",
        "ReplicationController" => "write it as a ReplicaSet to simulate its pods",
        "ResourceQuota" | "LimitRange" => "quotas and limits are not checked",
        "PersistentVolumeClaim" | "PersistentVolume" | "StorageClass" => {
            "volumes do not constrain scheduling here"
        }
        _ => "it does not change scheduling or allocation here",
    }
}

fn split(api_version: &str) -> (&str, &str) {
    match api_version.rsplit_once('/') {
        Some((group, version)) => (group, version),
        None => ("", api_version),
    }
}

fn is_version(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('v') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let (major, suffix) = rest.split_at(digits);
    !major.is_empty()
        && (suffix.is_empty()
            || ["alpha", "beta"].iter().any(|s| {
                suffix
                    .strip_prefix(s)
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            }))
}

/// Every apiVersion and kind the playground reads (a `List` aside), the DRA group's versions
/// newest first.
pub fn read_kinds() -> Vec<(String, &'static str)> {
    let resource = RESOURCE_KINDS.iter().flat_map(|(kind, _, versions)| {
        versions
            .iter()
            .map(move |v| (join(RESOURCE_GROUP, v), *kind))
    });
    let others = GROUPS.iter().flat_map(|g| {
        g.read
            .iter()
            .filter(|(_, k)| *k != Kind::List)
            .flat_map(move |(kind, _)| g.versions.iter().map(move |v| (join(g.name, v), *kind)))
    });
    resource.chain(others).collect()
}

/// Resolves a document's apiVersion and kind.
pub(super) fn resolve(api_version: &str, kind: &str) -> Result<Resolved, Refused> {
    let (group, version) = split(api_version);
    if group == RESOURCE_GROUP {
        return resolve_resource(api_version, version, kind);
    }
    let Some(known) = GROUPS.iter().find(|g| g.name == group) else {
        return unknown_group(api_version, group, version, kind);
    };
    if !known.versions.contains(&version) {
        let served: Vec<String> = known.versions.iter().map(|v| join(group, v)).collect();
        return Err(Refused::ApiVersion(format!(
            "unknown apiVersion {api_version:?}: {} serves {}",
            if group.is_empty() {
                "the core group"
            } else {
                group
            },
            served.join(", ")
        )));
    }
    if let Some((_, read)) = known.read.iter().find(|(k, _)| *k == kind) {
        return Ok(Resolved::Read(*read));
    }
    if known.not_simulated.contains(&kind) {
        return Ok(Resolved::NotSimulated(format!(
            "{kind} ({api_version}) is not simulated: {}",
            not_simulated_note(kind)
        )));
    }
    Err(Refused::Kind(unknown_kind(api_version, kind, known)))
}

fn join(group: &str, version: &str) -> String {
    if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    }
}

fn resolve_resource(api_version: &str, version: &str, kind: &str) -> Result<Resolved, Refused> {
    if version == "v1alpha2" {
        return Err(Refused::ApiVersion(format!(
            "{api_version} was removed in Kubernetes 1.31 with classic DRA (its claims, classes and \
             parameters have other shapes): write resource.k8s.io/v1 objects"
        )));
    }
    if !RESOURCE_VERSIONS.contains(&version) {
        return Err(Refused::ApiVersion(format!(
            "unknown apiVersion {api_version:?}: expected one of {}",
            RESOURCE_VERSIONS
                .iter()
                .map(|v| join(RESOURCE_GROUP, v))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if let Some((_, read, versions)) = RESOURCE_KINDS.iter().find(|(k, ..)| *k == kind) {
        if versions.contains(&version) {
            return Ok(Resolved::Read(*read));
        }
        return Err(Refused::ApiVersion(format!(
            "{kind} is not served as {api_version}: it is {}",
            versions
                .iter()
                .map(|v| join(RESOURCE_GROUP, v))
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    if RESOURCE_NOT_SIMULATED.contains(&kind) {
        return Ok(Resolved::NotSimulated(format!(
            "{kind} ({api_version}) is not simulated: {}",
            not_simulated_note(kind)
        )));
    }
    let names = RESOURCE_KINDS
        .iter()
        .map(|(k, ..)| *k)
        .chain(RESOURCE_NOT_SIMULATED.iter().copied());
    Err(Refused::Kind(with_suggestion(
        format!("unknown kind {kind:?} for apiVersion {api_version:?}"),
        kind,
        names,
        api_version,
    )))
}

/// An error for a kind no group of this name has, naming the nearest kind
/// (and the group of a kind written with another group's apiVersion).
fn unknown_kind(api_version: &str, kind: &str, group: &Group) -> String {
    let message = format!("unknown kind {kind:?} for apiVersion {api_version:?}");
    if let Some(home) = home_of(kind) {
        return format!("{message}: {kind} is {home}");
    }
    let names = group
        .read
        .iter()
        .map(|(k, _)| *k)
        .chain(group.not_simulated.iter().copied());
    with_suggestion(message, kind, names, api_version)
}

fn with_suggestion<'k>(
    message: String,
    kind: &str,
    names: impl Iterator<Item = &'k str> + Clone,
    api_version: &str,
) -> String {
    match nearest(kind, names.clone()) {
        Some(near) => format!("{message} (did you mean {near:?}?)"),
        None => {
            let list: Vec<&str> = names.collect();
            format!("{message}: {api_version} has {}", list.join(", "))
        }
    }
}

/// The apiVersion of a kind the playground knows, in some group.
fn home_of(kind: &str) -> Option<String> {
    if let Some((_, _, versions)) = RESOURCE_KINDS.iter().find(|(k, ..)| *k == kind) {
        return Some(join(RESOURCE_GROUP, versions[0]));
    }
    GROUPS.iter().find_map(|g| {
        let known = g.read.iter().any(|(k, _)| *k == kind) || g.not_simulated.contains(&kind);
        known.then(|| join(g.name, g.versions[0]))
    })
}

/// A group the tables do not have: a custom resource when it can be one
/// (its name has a dot, as a CustomResourceDefinition's group must), unless
/// it is one edit away from a known group; otherwise an error.
fn unknown_group(
    api_version: &str,
    group: &str,
    version: &str,
    kind: &str,
) -> Result<Resolved, Refused> {
    let known = GROUPS
        .iter()
        .map(|g| g.name)
        .chain([RESOURCE_GROUP])
        .filter(|g| !g.is_empty());
    let suggestion = nearest(group, known).map(|g| {
        let versions = GROUPS
            .iter()
            .find(|k| k.name == g)
            .map_or(RESOURCE_VERSIONS[0], |k| k.versions[0]);
        join(g, versions)
    });
    if group.contains('.') && suggestion.is_none() && is_version(version) {
        return Ok(Resolved::NotSimulated(format!(
            "{kind} ({api_version}) is a custom resource: not simulated (write out the objects \
             its controller would make, if the scenario needs them)"
        )));
    }
    let mut message = format!("unknown apiVersion {api_version:?}");
    if group.is_empty() && !is_version(version) {
        message.push_str(": an apiVersion is GROUP/VERSION, or v1 for the core group");
    } else if let Some(s) = suggestion {
        message.push_str(&format!(" (did you mean {s:?}?)"));
    } else if let Some(home) = home_of(kind) {
        message.push_str(&format!(": {kind} is {home}"));
    }
    Err(Refused::ApiVersion(message))
}

/// Whether the apiserver of the scenario's release serves this object's kind
/// in the version it is written in (when a release is given), and its
/// feature gate is on; None when it does, else why not.
pub(super) fn served(object: &Object, api_version: &str, gates: &GateSet) -> Option<String> {
    let kind = match object {
        Object::DeviceTaintRule(_) => Kind::DeviceTaintRule,
        Object::DeviceClass(_) => Kind::DeviceClass,
        Object::ResourceSlice(_) => Kind::ResourceSlice,
        Object::ResourceClaim(_) => Kind::ResourceClaim,
        Object::ResourceClaimTemplate(_) => Kind::ResourceClaimTemplate,
        _ => return None,
    };
    served_in(kind, api_version, gates)
}

fn served_in(kind: Kind, api_version: &str, gates: &GateSet) -> Option<String> {
    let (group, version) = split(api_version);
    if group != RESOURCE_GROUP {
        return None;
    }
    let release = gates.release();
    if kind == Kind::DeviceTaintRule {
        return device_taint_rule_served(version, release, gates);
    }
    let release = release?;
    // From 1.33 on, v1alpha3 serves DeviceTaintRule only.
    (version == "v1alpha3" && release >= Release::v1(33)).then(|| {
        format!(
            "Kubernetes {release} does not serve {api_version} for this kind (v1alpha3 holds only \
             DeviceTaintRule since 1.33): write {RESOURCE_GROUP}/v1"
        )
    })
}

/// DeviceTaintRule: v1alpha3 from 1.33, also v1beta2 from 1.36; behind
/// DRADeviceTaints, and from 1.35 also DRADeviceTaintRules.
fn device_taint_rule_served(
    version: &str,
    release: Option<Release>,
    gates: &GateSet,
) -> Option<String> {
    if let Some(release) = release {
        if version == "v1beta2" && release < Release::v1(36) {
            return Some(format!(
                "Kubernetes {release} serves DeviceTaintRule as {RESOURCE_GROUP}/v1alpha3 only \
                 ({RESOURCE_GROUP}/v1beta2 has it from 1.36)"
            ));
        }
    }
    let needed: &[Gate] = if release.is_some_and(|r| r < Release::v1(35)) {
        &[Gate::DeviceTaints]
    } else {
        &[Gate::DeviceTaints, Gate::DeviceTaintRules]
    };
    needed.iter().find(|g| !gates.enabled(**g)).map(|off| {
        format!(
            "DeviceTaintRule requires feature gate {}, which is disabled (the apiserver does not \
             serve it)",
            off.name()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(api_version: &str, kind: &str) -> String {
        match resolve(api_version, kind) {
            Ok(Resolved::NotSimulated(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    fn refused(api_version: &str, kind: &str) -> Refused {
        resolve(api_version, kind).unwrap_err()
    }

    #[test]
    fn read_kinds() {
        assert_eq!(resolve("v1", "Pod"), Ok(Resolved::Read(Kind::Pod)));
        assert_eq!(
            resolve("apps/v1", "StatefulSet"),
            Ok(Resolved::Read(Kind::Workload(WorkloadKind::StatefulSet)))
        );
        assert_eq!(
            resolve("resource.k8s.io/v1alpha3", "ResourceClaimTemplate"),
            Ok(Resolved::Read(Kind::ResourceClaimTemplate))
        );
        assert_eq!(
            resolve("resource.k8s.io/v1beta2", "DeviceTaintRule"),
            Ok(Resolved::Read(Kind::DeviceTaintRule))
        );
    }

    #[test]
    fn kinds_not_simulated_are_hints() {
        assert!(hint("v1", "Service").starts_with("Service (v1) is not simulated"));
        assert!(hint("scheduling.k8s.io/v1", "PriorityClass").contains("preemption"));
        assert!(hint("resource.nvidia.com/v1beta1", "ComputeDomain").contains("custom resource"));
        assert!(hint("kubeflow.org/v2beta1", "MPIJob").contains("custom resource"));
    }

    #[test]
    fn mistakes_are_errors_with_the_nearest_name() {
        assert_eq!(
            refused("v1", "Namespce"),
            Refused::Kind(
                "unknown kind \"Namespce\" for apiVersion \"v1\" (did you mean \"Namespace\"?)"
                    .into()
            )
        );
        assert_eq!(
            refused("v1", "Deployment"),
            Refused::Kind(
                "unknown kind \"Deployment\" for apiVersion \"v1\": Deployment is apps/v1".into()
            )
        );
        let Refused::ApiVersion(m) = refused("app/v1", "Deployment") else {
            panic!()
        };
        assert!(m.contains("did you mean \"apps/v1\""), "{m}");
        let Refused::ApiVersion(m) = refused("resource.k8s.oi/v1", "DeviceClass") else {
            panic!()
        };
        assert!(m.contains("did you mean \"resource.k8s.io/v1\""), "{m}");
        let Refused::ApiVersion(m) = refused("resource.k8s.io/v1alpha2", "ResourceClass") else {
            panic!()
        };
        assert!(m.contains("removed in Kubernetes 1.31"), "{m}");
        let Refused::ApiVersion(m) = refused("resource.k8s.io/v1", "DeviceTaintRule") else {
            panic!()
        };
        assert!(
            m.contains("resource.k8s.io/v1beta2 or resource.k8s.io/v1alpha3"),
            "{m}"
        );
        assert!(matches!(
            refused("apps/v1beta2", "Deployment"),
            Refused::ApiVersion(_)
        ));
    }

    #[test]
    fn served_by_release() {
        let v134 = GateSet::defaults_for("1.34").unwrap();
        let mut v135 = GateSet::defaults_for("1.35").unwrap();
        let v136 = GateSet::defaults_for("1.36").unwrap();
        let alpha3 = "resource.k8s.io/v1alpha3";
        assert!(served_in(Kind::ResourceClaim, alpha3, &v134).is_some());
        assert!(served_in(Kind::ResourceClaim, alpha3, &GateSet::ALL_ON).is_none());
        assert!(served_in(Kind::ResourceClaim, "resource.k8s.io/v1beta1", &v134).is_none());
        v135.set(Gate::DeviceTaints, true);
        v135.set(Gate::DeviceTaintRules, true);
        let beta2 = "resource.k8s.io/v1beta2";
        assert!(served_in(Kind::DeviceTaintRule, beta2, &v135)
            .unwrap()
            .contains("v1alpha3 only"));
        assert!(served_in(Kind::DeviceTaintRule, alpha3, &v135).is_none());
        // 1.36 turns DRADeviceTaints on but DRADeviceTaintRules (beta) off.
        assert!(served_in(Kind::DeviceTaintRule, beta2, &v136)
            .unwrap()
            .contains("DRADeviceTaintRules"));
    }
}
