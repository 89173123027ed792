//! Hints at the fields the simulated scheduler reads nothing from although
//! the kube-scheduler would (`notSimulated`): inter-pod affinity, topology
//! spreading, persistent volumes, the queue's priority order, scheduler
//! extenders and the arguments of plugins the playground does not run; and
//! at a node whose allocatable has no pod count (`noPodCount`), which
//! Kubernetes reads as room for no pod.

use crate::api::{KubeSchedulerConfiguration, Node, Object, PluginArgs, Pod};
use crate::load::{LoadedObject, LoadedScenario};
use crate::scheduler_profile::PluginName;
use crate::yaml::FieldPath;

use super::model::Hint;
use super::sources::field_pos;

/// Volume sources that the volume plugins (VolumeBinding, VolumeZone,
/// VolumeRestrictions, NodeVolumeLimits) check against nodes.
const SCHEDULED_VOLUME_SOURCES: &[&str] = &[
    "persistentVolumeClaim",
    "ephemeral",
    "csi",
    "awsElasticBlockStore",
    "gcePersistentDisk",
    "azureDisk",
    "iscsi",
    "rbd",
];

fn hint(object: &LoadedObject, path: &FieldPath, kind: &str, message: String) -> Hint {
    let metadata = object.object.metadata();
    let kind_name = match (metadata.namespace.as_str(), metadata.name.as_str()) {
        (_, "") => object.object.kind().to_owned(),
        ("", name) => format!("{} {name}", object.object.kind()),
        (namespace, name) => format!("{} {namespace}/{name}", object.object.kind()),
    };
    Hint {
        kind: kind.into(),
        message,
        object: kind_name,
        field: path.to_string(),
        position: Some(field_pos(object, path)),
        suggestion: None,
    }
}

fn not_simulated(object: &LoadedObject, path: &FieldPath, message: &str) -> Hint {
    hint(object, path, "notSimulated", message.to_owned())
}

fn pod_hints(object: &LoadedObject, pod: &Pod, out: &mut Vec<Hint>) {
    let spec = FieldPath::new("spec");
    if pod
        .spec
        .topology_spread_constraints
        .as_ref()
        .is_some_and(|c| !c.is_null())
    {
        out.push(not_simulated(
            object,
            &spec.child("topologySpreadConstraints"),
            "topology spreading (PodTopologySpread) is not simulated: these constraints change no placement here",
        ));
    }
    if let Some(affinity) = &pod.spec.affinity {
        for (field, value) in [
            ("podAffinity", &affinity.pod_affinity),
            ("podAntiAffinity", &affinity.pod_anti_affinity),
        ] {
            if value.as_ref().is_some_and(|v| !v.is_null()) {
                out.push(not_simulated(
                    object,
                    &spec.child("affinity").child(field),
                    "inter-pod affinity (InterPodAffinity) is not simulated: this term changes no placement here",
                ));
            }
        }
    }
    for (i, volume) in pod.spec.volumes.iter().enumerate() {
        let Some(source) = SCHEDULED_VOLUME_SOURCES
            .iter()
            .find(|s| volume.get(**s).is_some())
        else {
            continue;
        };
        out.push(hint(
            object,
            &spec.child("volumes").index(i).child(source),
            "notSimulated",
            format!("{source} volumes are not simulated: the kube-scheduler would also check that the volume can be attached on the node (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits)"),
        ));
    }
    for field in ["priority", "priorityClassName"] {
        let written = match field {
            "priority" => pod.spec.priority.is_some(),
            _ => pod.spec.priority_class_name.is_some(),
        };
        if written {
            out.push(not_simulated(
                object,
                &spec.child(field),
                "the scheduling queue's priority order (PrioritySort) is not simulated: pods are scheduled in document order",
            ));
        }
    }
}

fn node_hints(object: &LoadedObject, node: &Node, out: &mut Vec<Hint>) {
    let Some(status) = &node.status else {
        return;
    };
    if !status.allocatable.is_empty() && !status.allocatable.contains_key("pods") {
        out.push(hint(
            object,
            &FieldPath::new("status").child("allocatable"),
            "noPodCount",
            "allocatable has no pods entry: Kubernetes then admits no pod on this node (Too many pods); a kubelet reports one, usually \"110\"".to_owned(),
        ));
    }
}

fn configuration_hints(
    object: &LoadedObject,
    config: &KubeSchedulerConfiguration,
    out: &mut Vec<Hint>,
) {
    if !config.extenders.is_empty() {
        out.push(not_simulated(
            object,
            &FieldPath::new("extenders"),
            "scheduler extenders are not simulated: they filter and score nothing here",
        ));
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
                out.push(not_simulated(
                    object,
                    &path,
                    &format!(
                        "{} is not simulated: its arguments change nothing here",
                        entry.name
                    ),
                ));
            }
            if let PluginArgs::DynamicResources(args) = &entry.args {
                for (field, value) in [
                    ("filterTimeout", &args.filter_timeout),
                    ("bindingTimeout", &args.binding_timeout),
                ] {
                    if value.is_some() {
                        out.push(not_simulated(
                            object,
                            &path.child(field),
                            "the simulation has no timeouts: a Scenario document's searchBudget limits the allocator's search",
                        ));
                    }
                }
            }
        }
    }
}

/// The hints, in document order.
pub(crate) fn find(loaded: &LoadedScenario) -> Vec<Hint> {
    let mut hints = Vec::new();
    for object in &loaded.objects {
        match &object.object {
            Object::Pod(pod) => pod_hints(object, pod, &mut hints),
            Object::Node(node) => node_hints(object, node, &mut hints),
            Object::KubeSchedulerConfiguration(config) => {
                configuration_hints(object, config, &mut hints)
            }
            _ => {}
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use crate::explain::hints;
    use crate::load::{load_scenario, LoadOptions};

    const SCENARIO: &str = "\
apiVersion: v1
kind: Node
metadata: {name: sized}
status:
  allocatable: {cpu: \"4\"}
---
apiVersion: v1
kind: Node
metadata: {name: counted}
status:
  allocatable: {cpu: \"4\", pods: \"110\"}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  priority: 10
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
  affinity:
    podAffinity: {}
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
  - name: scratch
    emptyDir: {}
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

    #[test]
    fn fields_the_scheduler_does_not_model_are_hinted_at_their_place() {
        let loaded = load_scenario(SCENARIO, &LoadOptions::default());
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let found: Vec<(String, String, String, usize)> = hints(&loaded, SCENARIO)
            .into_iter()
            .map(|h| (h.kind, h.object, h.field, h.position.unwrap().line))
            .collect();
        let expected = [
            ("noPodCount", "Node sized", "status.allocatable", 5),
            ("notSimulated", "Pod default/p", "spec.priority", 17),
            (
                "notSimulated",
                "Pod default/p",
                "spec.topologySpreadConstraints",
                19,
            ),
            (
                "notSimulated",
                "Pod default/p",
                "spec.affinity.podAffinity",
                21,
            ),
            (
                "notSimulated",
                "Pod default/p",
                "spec.volumes[0].persistentVolumeClaim",
                23,
            ),
            (
                "notSimulated",
                "KubeSchedulerConfiguration",
                "extenders",
                33,
            ),
            (
                "notSimulated",
                "KubeSchedulerConfiguration",
                "profiles[0].pluginConfig[0].args",
                37,
            ),
            (
                "notSimulated",
                "KubeSchedulerConfiguration",
                "profiles[0].pluginConfig[2].args.bindingTimeout",
                41,
            ),
        ];
        let expected: Vec<(String, String, String, usize)> = expected
            .iter()
            .map(|(k, o, f, l)| (k.to_string(), o.to_string(), f.to_string(), *l))
            .collect();
        assert_eq!(found, expected);
    }
}
