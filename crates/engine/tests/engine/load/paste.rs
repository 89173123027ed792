//! What users paste (issue 11): kinds the playground does not simulate are
//! hints, misspellings are errors naming the nearest name, every field of
//! the core kinds is accepted, names are generated and must be unique, the
//! API versions of every release are read, admin access needs its label.

use dra_engine::api::{is_generated, Object};
use dra_engine::diagnostic::Severity;
use dra_engine::load::LoadedScenario;

use crate::support::{load, load_validated};

/// (line, severity, message) of every diagnostic.
fn all(loaded: &LoadedScenario) -> Vec<(usize, Severity, String)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.span.start.line, d.severity, d.message.clone()))
        .collect()
}

fn errors(loaded: &LoadedScenario) -> Vec<(usize, String)> {
    all(loaded)
        .into_iter()
        .filter(|(_, s, _)| *s == Severity::Error)
        .map(|(l, _, m)| (l, m))
        .collect()
}

#[test]
fn kinds_not_simulated_load_with_a_hint_at_their_kind() {
    let text = "\
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: []
---
apiVersion: resource.nvidia.com/v1beta1
kind: ComputeDomain
metadata: {name: cd}
spec: {numNodes: 1}
---
apiVersion: v1
kind: Namespace
metadata: {name: gpu-test1}
";
    let loaded = load_validated(text);
    let found = all(&loaded);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().all(|(_, s, _)| *s == Severity::Info));
    assert_eq!(
        found.iter().map(|(l, ..)| *l).collect::<Vec<_>>(),
        [2, 6, 11]
    );
    assert!(found[2].2.contains("custom resource"), "{found:?}");
    // The Namespace is an object.
    assert_eq!(loaded.objects.len(), 1);
    assert!(matches!(loaded.objects[0].object, Object::Namespace(_)));
}

#[test]
fn misspelled_kinds_and_groups_name_the_nearest() {
    let loaded = load("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n");
    assert_eq!(
        errors(&loaded),
        [(
            2,
            "unknown kind \"Deploymnet\" for apiVersion \"apps/v1\" (did you mean \"Deployment\"?)"
                .into()
        )]
    );
    let loaded = load("apiVersion: batch/v2\nkind: Job\nmetadata: {name: j}\n");
    assert!(
        errors(&loaded)[0].1.contains("batch serves batch/v1"),
        "{:?}",
        errors(&loaded)
    );
}

#[test]
fn every_field_of_a_running_pod_loads_and_an_unknown_one_names_the_nearest() {
    let running = "\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: \"2025-01-01T00:00:00Z\"
  generateName: web-7d9c8b6f5-
  name: web-7d9c8b6f5-x2k4p
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: web-7d9c8b6f5
    uid: 5f0c
  resourceVersion: \"1234\"
  uid: 9a1d
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: web
    terminationMessagePath: /dev/termination-log
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  hostNetwork: true
  nodeName: node-1
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: \"2025-01-01T00:00:01Z\"
    status: \"True\"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://abc
    image: docker.io/library/nginx:latest
    imageID: docker.io/library/nginx@sha256:0
    lastState: {}
    name: web
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: \"2025-01-01T00:00:02Z\"
  hostIP: 172.18.0.2
  phase: Running
  podIP: 10.244.1.5
  qosClass: BestEffort
  startTime: \"2025-01-01T00:00:01Z\"
";
    let loaded = load_validated(running);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let Object::Pod(pod) = &loaded.objects[0].object else {
        panic!()
    };
    assert!(pod.is_bound());
    // What the engine does not read is kept, as written.
    assert_eq!(pod.spec.other["hostNetwork"], true);
    let typo = running.replace("  hostNetwork: true", "  hostNetwrok: true");
    assert_eq!(
        errors(&load(&typo)),
        [(
            24,
            "unknown field \"spec.hostNetwrok\" (did you mean \"hostNetwork\"?)".into()
        )]
    );
}

#[test]
fn a_field_of_a_later_release_names_the_release() {
    let text = "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
metadata: {name: s}
spec: {kubernetesVersion: \"1.35\"}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  schedulingGroup: {podGroupName: g}
";
    assert_eq!(
        errors(&load_validated(text)),
        [(
            10,
            "unknown field \"spec.schedulingGroup\": added in Kubernetes 1.36, not in 1.35".into()
        )]
    );
    // With validation skipped, an object of another release is handed over.
    assert!(errors(&load(text)).is_empty());
    let on_1_36 = load_validated(&text.replace("1.35", "1.36"));
    assert!(errors(&on_1_36).is_empty());
    // Accepted, but gang scheduling is not simulated: a hint.
    assert!(on_1_36.diagnostics[0].message.contains("gang scheduling"));
}

/// Documents are decoded as they are parsed; a pod before the Scenario
/// document waits for the release it names, and objects keep their order.
#[test]
fn a_scenario_document_after_the_pods_still_names_their_release() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  schedulingGroup: {podGroupName: g}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: c}
---
apiVersion: playground.dra/v1alpha1
kind: Scenario
metadata: {name: s}
spec: {kubernetesVersion: \"1.35\"}
";
    let loaded = load_validated(text);
    assert_eq!(
        errors(&loaded),
        [(
            5,
            "unknown field \"spec.schedulingGroup\": added in Kubernetes 1.36, not in 1.35".into()
        )]
    );
    let skipped = load_validated(&text.replace(
        "{kubernetesVersion",
        "{skipValidation: true, kubernetesVersion",
    ));
    assert!(errors(&skipped).is_empty());
    let documents: Vec<usize> = skipped.objects.iter().map(|o| o.document).collect();
    assert_eq!(documents, [0, 1, 2]);
}

#[test]
fn generated_names_and_names_taken_twice() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {generateName: test-dra-, namespace: test}\n";
    let text = format!("{pod}---\n{pod}");
    let loaded = load_validated(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let names: Vec<&str> = loaded
        .objects
        .iter()
        .map(|o| o.object.metadata().name.as_str())
        .collect();
    assert_eq!(names.len(), 2);
    assert_ne!(names[0], names[1]);
    assert!(names.iter().all(|n| is_generated(n, "test-dra-")));
    // The same on every load.
    let again = load_validated(&text);
    assert_eq!(again.objects[0].object.metadata().name, names[0]);

    let twice = "apiVersion: v1\nkind: Pod\nmetadata: {name: pod0}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod0\n";
    let found = errors(&load(twice));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 8);
    assert!(
        found[0].1.starts_with(
            "Pod \"pod0\" already exists in namespace \"default\" (written at line 1)"
        ),
        "{found:?}"
    );
    // Another namespace or kind is another object.
    let elsewhere = twice.replace("  name: pod0\n", "  name: pod0\n  namespace: other\n");
    assert!(errors(&load(&elsewhere)).is_empty());
}

#[test]
fn v1alpha3_objects_are_converted_and_refused_where_the_release_does_not_serve_them() {
    let text = "\
apiVersion: resource.k8s.io/v1alpha3
kind: ResourceSlice
metadata: {name: s}
spec:
  driver: gpu.example.com
  nodeName: n
  pool: {name: n, generation: 0, resourceSliceCount: 1}
  devices:
  - name: gpu-0
    basic:
      capacity:
        memory: 80Gi
";
    let loaded = load_validated(text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let Object::ResourceSlice(slice) = &loaded.objects[0].object else {
        panic!()
    };
    assert_eq!(
        slice.spec.devices[0].capacity["memory"].value.to_string(),
        "80Gi"
    );
    let on_1_34 = format!(
        "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec: {{kubernetesVersion: \"1.34\"}}\n---\n{text}"
    );
    let found = errors(&load_validated(&on_1_34));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .contains("does not serve resource.k8s.io/v1alpha3"),
        "{found:?}"
    );
}

#[test]
fn admin_access_needs_the_namespace_label() {
    let claim = "\
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: monitor, namespace: monitoring}
spec:
  devices:
    requests:
    - name: gpu
      exactly: {deviceClassName: gpu, adminAccess: true}
";
    let found = errors(&load_validated(claim));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 8);
    assert!(found[0]
        .1
        .contains("resource.kubernetes.io/admin-access: true"));
    assert!(found[0].1.contains("no Namespace document"), "{found:?}");
    let labelled = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels: {{resource.kubernetes.io/admin-access: \"true\"}}\n---\n{claim}"
    );
    assert!(errors(&load_validated(&labelled)).is_empty());
    let unlabelled = labelled.replace("\"true\"", "\"yes\"");
    assert!(errors(&load_validated(&unlabelled))[0]
        .1
        .contains("namespace \"monitoring\" does not have it"));
    // Not an apiserver check when validation is skipped.
    assert!(errors(&load(claim)).is_empty());
}

#[test]
fn a_workload_is_checked_as_its_template_and_adds_its_pods() {
    let deployment = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ns}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx}]
";
    let loaded = load_validated(deployment);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.objects.len(), 3);
    let made: Vec<_> = loaded.objects[1..]
        .iter()
        .map(|o| o.made_by.as_ref().map(|m| m.name.clone()))
        .collect();
    assert_eq!(made, [Some("web".to_owned()), Some("web".to_owned())]);
    // Its pods are positioned at the template.
    let pod = &loaded.objects[1];
    let containers = dra_engine::yaml::FieldPath::new("spec").child("containers");
    assert_eq!(pod.spans.value_span(&containers).start.line, 10);
    let mismatched = deployment.replace("matchLabels: {app: web}", "matchLabels: {app: api}");
    let found = errors(&load_validated(&mismatched));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0]
        .1
        .contains("`selector` does not match template `labels`"));
}
