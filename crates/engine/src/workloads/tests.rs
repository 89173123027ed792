//! Each controller's pods: how many, their names and labels, their owner,
//! and (DaemonSet) their nodes.

use std::collections::BTreeMap;

use serde_json::json;

use super::{expand, Cluster};
use crate::api::{
    Node, ObjectMeta, Pod, PodResourceClaim, PodStatus, PodTemplateSpec, StatefulSetOrdinals,
    Toleration, Workload, WorkloadKind, WorkloadSpec,
};

fn workload(kind: WorkloadKind, name: &str, spec: WorkloadSpec) -> Workload {
    let mut template = PodTemplateSpec::default();
    template.metadata.labels = BTreeMap::from([("app".to_owned(), "demo".to_owned())]);
    template.spec.resource_claims.push(PodResourceClaim {
        name: "gpu".into(),
        resource_claim_template_name: Some("single-gpu".into()),
        ..PodResourceClaim::default()
    });
    Workload {
        kind,
        metadata: ObjectMeta {
            name: name.into(),
            namespace: "ns".into(),
            ..ObjectMeta::default()
        },
        spec: WorkloadSpec { template, ..spec },
        status: None,
    }
}

fn node(name: &str, labels: &[(&str, &str)], taints: serde_json::Value) -> Node {
    let mut node = Node::default();
    node.metadata.name = name.into();
    node.metadata.labels = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    node.spec = serde_json::from_value(json!({ "taints": taints })).ok();
    node
}

#[test]
fn a_deployment_makes_replicas_through_its_replica_set() {
    let deployment = workload(
        WorkloadKind::Deployment,
        "web",
        WorkloadSpec {
            replicas: Some(3),
            ..WorkloadSpec::default()
        },
    );
    let pods = expand(&deployment, &Cluster::default());
    assert_eq!(pods.len(), 3);
    let hash = &pods[0].metadata.labels["pod-template-hash"];
    let replica_set = format!("web-{hash}");
    for pod in &pods {
        // The apiserver completes the name (in the loader).
        assert!(pod.metadata.name.is_empty());
        assert_eq!(pod.metadata.generate_name, format!("{replica_set}-"));
        assert_eq!(pod.metadata.namespace, "ns");
        assert_eq!(pod.metadata.labels["app"], "demo");
        let owner = &pod.metadata.owner_references[0];
        assert_eq!(owner["kind"], "ReplicaSet");
        assert_eq!(owner["name"], replica_set.as_str());
        assert_eq!(owner["controller"], true);
        assert_eq!(pod.spec.resource_claims.len(), 1);
    }
    // The hash follows the template.
    let mut other = deployment.clone();
    other
        .spec
        .template
        .metadata
        .labels
        .insert("v".into(), "2".into());
    assert_ne!(
        expand(&other, &Cluster::default())[0].metadata.labels["pod-template-hash"],
        *hash
    );
    // Without replicas: one pod.
    let one = workload(WorkloadKind::ReplicaSet, "rs", WorkloadSpec::default());
    let pods = expand(&one, &Cluster::default());
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].metadata.generate_name, "rs-");
    assert_eq!(pods[0].metadata.owner_references[0]["kind"], "ReplicaSet");
}

#[test]
fn a_stateful_set_names_its_pods_by_ordinal() {
    let mut set = workload(
        WorkloadKind::StatefulSet,
        "db",
        WorkloadSpec {
            replicas: Some(2),
            ordinals: Some(StatefulSetOrdinals { start: 5 }),
            ..WorkloadSpec::default()
        },
    );
    set.spec
        .other
        .insert("serviceName".into(), json!("db-headless"));
    let pods = expand(&set, &Cluster::default());
    let names: Vec<&str> = pods.iter().map(|p| p.metadata.name.as_str()).collect();
    assert_eq!(names, ["db-5", "db-6"]);
    assert_eq!(
        pods[1].metadata.labels["statefulset.kubernetes.io/pod-name"],
        "db-6"
    );
    assert_eq!(pods[1].metadata.labels["apps.kubernetes.io/pod-index"], "6");
    assert_eq!(pods[1].spec.hostname.as_deref(), Some("db-6"));
    assert_eq!(pods[1].spec.subdomain.as_deref(), Some("db-headless"));
    assert_eq!(pods[0].metadata.owner_references[0]["kind"], "StatefulSet");
}

#[test]
fn a_job_runs_parallelism_pods_at_most_completions() {
    let job = |parallelism, completions, mode: Option<&str>| {
        workload(
            WorkloadKind::Job,
            "train",
            WorkloadSpec {
                parallelism,
                completions,
                completion_mode: mode.map(str::to_owned),
                ..WorkloadSpec::default()
            },
        )
    };
    assert_eq!(expand(&job(None, None, None), &Cluster::default()).len(), 1);
    assert_eq!(
        expand(&job(Some(4), Some(2), None), &Cluster::default()).len(),
        2
    );
    assert_eq!(
        expand(&job(Some(2), Some(5), None), &Cluster::default()).len(),
        2
    );
    assert_eq!(
        expand(&job(Some(3), None, None), &Cluster::default()).len(),
        3
    );
    let plain = expand(&job(Some(2), Some(2), None), &Cluster::default());
    assert_eq!(plain[0].metadata.generate_name, "train-");
    assert_eq!(
        plain[0].metadata.labels["batch.kubernetes.io/job-name"],
        "train"
    );
    assert_eq!(plain[0].metadata.labels["job-name"], "train");
    let indexed = expand(&job(Some(2), Some(4), Some("Indexed")), &Cluster::default());
    assert_eq!(indexed[1].metadata.generate_name, "train-1-");
    assert_eq!(
        indexed[1].metadata.labels["batch.kubernetes.io/job-completion-index"],
        "1"
    );
    assert_eq!(
        indexed[1].metadata.annotations["batch.kubernetes.io/job-completion-index"],
        "1"
    );
    assert_eq!(indexed[1].spec.hostname.as_deref(), Some("train-1"));
    let mut suspended = job(Some(2), None, None);
    suspended.spec.suspend = Some(true);
    assert!(expand(&suspended, &Cluster::default()).is_empty());
}

#[test]
fn a_daemon_set_runs_on_the_nodes_its_pods_fit() {
    let control_plane = node(
        "cp",
        &[("role", "cp")],
        json!([{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]),
    );
    let worker = node("w1", &[("gpu", "yes")], json!([]));
    let plain = node("w2", &[], json!([]));
    let preferred = node(
        "w3",
        &[("gpu", "yes")],
        json!([{"key": "k", "value": "v", "effect": "PreferNoSchedule"}]),
    );
    let cordoned = node(
        "w4",
        &[("gpu", "yes")],
        json!([{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]),
    );
    let cluster = Cluster {
        nodes: vec![&control_plane, &worker, &plain, &preferred, &cordoned],
        ..Cluster::default()
    };
    let mut daemon = workload(WorkloadKind::DaemonSet, "plugin", WorkloadSpec::default());
    let on = |daemon: &Workload| -> Vec<String> {
        expand(daemon, &cluster)
            .iter()
            .map(|p| {
                let required = p
                    .spec
                    .affinity
                    .as_ref()
                    .and_then(|a| a.node_affinity.as_ref())
                    .and_then(|a| a.required.as_ref())
                    .expect("a node affinity for its node");
                required.node_selector_terms[0].match_fields[0].values[0].clone()
            })
            .collect()
    };
    // The control plane's taint is not tolerated; the controller's own
    // tolerations cover a cordoned node; PreferNoSchedule does not count.
    assert_eq!(on(&daemon), ["w1", "w2", "w3", "w4"]);
    daemon
        .spec
        .template
        .spec
        .node_selector
        .insert("gpu".into(), "yes".into());
    assert_eq!(on(&daemon), ["w1", "w3", "w4"]);
    daemon.spec.template.spec.node_selector.clear();
    daemon.spec.template.spec.tolerations = vec![Toleration {
        key: "node-role.kubernetes.io/control-plane".into(),
        operator: "Exists".into(),
        effect: "NoSchedule".into(),
        ..Toleration::default()
    }];
    assert_eq!(on(&daemon), ["cp", "w1", "w2", "w3", "w4"]);
    let pods = expand(&daemon, &cluster);
    let keys: Vec<&str> = pods[0]
        .spec
        .tolerations
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert!(keys.contains(&"node.kubernetes.io/not-ready"));
    assert!(keys.contains(&"node.kubernetes.io/unschedulable"));
    assert!(!keys.contains(&"node.kubernetes.io/network-unavailable"));
    assert_eq!(pods[0].metadata.generate_name, "plugin-");
}

/// A pod of the namespace `ns` controlled by `kind` `name`, in `phase`.
fn owned(pod: &str, kind: &str, name: &str, phase: &str) -> Pod {
    let mut p = Pod::default();
    p.metadata.name = pod.into();
    p.metadata.namespace = "ns".into();
    p.metadata.owner_references = vec![json!({"kind": kind, "name": name, "controller": true})];
    p.status = Some(PodStatus {
        phase: Some(phase.into()),
        ..PodStatus::default()
    });
    p
}

#[test]
fn controllers_make_only_the_pods_a_pasted_cluster_lacks() {
    let spec = |replicas| WorkloadSpec {
        replicas: Some(replicas),
        ..WorkloadSpec::default()
    };
    // A ReplicaSet with one of its three pods running.
    let rs = workload(WorkloadKind::ReplicaSet, "rs", spec(3));
    let running = owned("rs-abcde", "ReplicaSet", "rs", "Running");
    let done = owned("rs-fghjk", "ReplicaSet", "rs", "Succeeded");
    let cluster = Cluster {
        pods: vec![&running, &done],
        ..Cluster::default()
    };
    assert_eq!(expand(&rs, &cluster).len(), 2);
    // A Deployment whose ReplicaSet the scenario holds leaves the pods to it.
    let deployment = workload(WorkloadKind::Deployment, "web", spec(2));
    let mut its_rs = workload(WorkloadKind::ReplicaSet, "web-5d8f", spec(2));
    its_rs.metadata.owner_references =
        vec![json!({"kind": "Deployment", "name": "web", "controller": true})];
    let with_rs = Cluster {
        workloads: vec![&its_rs],
        ..Cluster::default()
    };
    assert!(expand(&deployment, &with_rs).is_empty());
    // Its pods alone (kubectl get deploy,pods) count too.
    let mut pod = owned("web-5d8f-x2k4p", "ReplicaSet", "web-5d8f", "Running");
    pod.metadata
        .labels
        .insert("pod-template-hash".into(), "5d8f".into());
    let with_pod = Cluster {
        pods: vec![&pod],
        ..Cluster::default()
    };
    assert_eq!(expand(&deployment, &with_pod).len(), 1);
    // A StatefulSet makes the ordinals that are missing.
    let set = workload(WorkloadKind::StatefulSet, "db", spec(2));
    let first = owned("db-0", "StatefulSet", "db", "Running");
    let names: Vec<String> = expand(
        &set,
        &Cluster {
            pods: vec![&first],
            ..Cluster::default()
        },
    )
    .into_iter()
    .map(|p| p.metadata.name)
    .collect();
    assert_eq!(names, ["db-1"]);
    // A Job: running pods take a place, succeeded ones a completion.
    let job = workload(
        WorkloadKind::Job,
        "train",
        WorkloadSpec {
            parallelism: Some(2),
            completions: Some(3),
            ..WorkloadSpec::default()
        },
    );
    let active = owned("train-aaaaa", "Job", "train", "Running");
    let ok1 = owned("train-bbbbb", "Job", "train", "Succeeded");
    let ok2 = owned("train-ccccc", "Job", "train", "Succeeded");
    let cluster = Cluster {
        pods: vec![&active, &ok1, &ok2],
        ..Cluster::default()
    };
    // One completion left, and it is running.
    assert!(expand(&job, &cluster).is_empty());
    // A DaemonSet's node that has its pod gets no other.
    let daemon = workload(WorkloadKind::DaemonSet, "plugin", WorkloadSpec::default());
    let (a, b) = (node("a", &[], json!([])), node("b", &[], json!([])));
    let mut on_a = owned("plugin-xxxxx", "DaemonSet", "plugin", "Running");
    on_a.spec.node_name = "a".into();
    let cluster = Cluster {
        nodes: vec![&a, &b],
        pods: vec![&on_a],
        ..Cluster::default()
    };
    assert_eq!(expand(&daemon, &cluster).len(), 1);
}
