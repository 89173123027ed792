//! The controllers' rules over time that upstream's test tables
//! (`controller_tables.rs`) do not show on their own: each test a small
//! scenario with steps.

use dra_engine::pipeline::{load, refuse};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::{self, time_words, EventKind, Timeline};
use dra_engine::RunOptions;

fn run(text: &str) -> Timeline {
    let loaded = refuse(load(text, &RunOptions::default())).unwrap_or_else(|e| panic!("{e:?}"));
    timeline::run(&loaded, &SchedulerOptions::default())
}

/// Every event but what the steps did themselves, as `TIME KIND OBJECT`.
fn changes(t: &Timeline) -> Vec<String> {
    t.moments
        .iter()
        .flat_map(|m| &m.events)
        .filter(|e| !matches!(e.kind, EventKind::Applied | EventKind::Deleted))
        .map(|e| format!("{} {:?} {}", time_words(e.at), e.kind, e.object))
        .collect()
}

/// A node (written, so that it outlives its slice) with one device of `d.example.com` (its taints: `taints`, a flow
/// sequence), a claim for it tolerating `tolerations`, and a pod using it.
fn cluster(taints: &str, tolerations: &str) -> String {
    format!(
        "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
spec: {{kubernetesVersion: \"1.36\", featureGates: {{DRADeviceTaints: true, DRADeviceTaintRules: true}}}}
---
apiVersion: v1
kind: Node
metadata: {{name: node-1}}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {{name: dev}}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {{name: node-1}}
spec:
  driver: d.example.com
  nodeName: node-1
  pool: {{name: node-1, resourceSliceCount: 1}}
  devices: [{{name: dev-0, taints: {taints}}}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {{name: c}}
spec:
  devices:
    requests: [{{name: r, exactly: {{deviceClassName: dev, tolerations: {tolerations}}}}}]
---
apiVersion: v1
kind: Pod
metadata: {{name: p}}
spec:
  containers: [{{name: c, image: i}}]
  resourceClaims: [{{name: r, resourceClaimName: c}}]
"
    )
}

const STEP: &str = "---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: later}
spec: {at: 10s}
";

#[test]
fn only_a_toleration_for_no_execute_keeps_the_pod() {
    // A toleration without an effect tolerates every effect: the scheduler
    // allocates the NoExecute-tainted device. The eviction controller counts
    // only tolerations for NoExecute, so the pod is evicted at the first
    // step all the same.
    let taint = "[{key: k, value: v, effect: NoExecute}]";
    let any_effect = run(&(cluster(taint, "[{key: k, operator: Exists}]") + STEP));
    assert_eq!(
        changes(&any_effect),
        [
            "10s Evicted Pod default/p",
            "10s ReservationRemoved ResourceClaim default/c",
            "10s ClaimDeallocated ResourceClaim default/c",
        ]
    );
    let no_execute =
        run(&(cluster(taint, "[{key: k, operator: Exists, effect: NoExecute}]") + STEP));
    assert!(
        changes(&no_execute).is_empty(),
        "{:?}",
        changes(&no_execute)
    );
}

#[test]
fn a_rule_evicts_from_a_device_no_slice_publishes_any_more() {
    // The slice goes (its device stays in use, as in Kubernetes); a
    // DeviceTaintRule naming the driver then taints the allocated device by
    // its name, and the pod is evicted.
    let text = cluster("[]", "[]")
        + "---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: slice-gone}
spec:
  at: 10s
  actions: [{delete: {kind: ResourceSlice, name: node-1}}]
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: rule}
spec: {at: 20s}
---
apiVersion: resource.k8s.io/v1beta2
kind: DeviceTaintRule
metadata: {name: evict}
spec:
  deviceSelector: {driver: d.example.com}
  taint: {key: k, value: v, effect: NoExecute}
";
    let t = run(&text);
    assert_eq!(
        t.moments[1].pods.len(),
        1,
        "running on at 10s: {:?}",
        changes(&t)
    );
    assert_eq!(
        changes(&t),
        [
            "20s Evicted Pod default/p",
            "20s ReservationRemoved ResourceClaim default/c",
            "20s ClaimDeallocated ResourceClaim default/c",
        ]
    );
}

/// SCENARIO.md rule 5 over time: with no pod, a claim is allocated as if a pod of its own used
/// it, and that pod does not go at the first step: the claim keeps its reservation and devices.
#[test]
fn a_claim_of_an_implicit_pod_keeps_its_devices_over_time() {
    let text = "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: dev}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: node-1}
spec:
  driver: d.example.com
  nodeName: node-1
  pool: {name: node-1, resourceSliceCount: 1}
  devices: [{name: dev-0}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: c}
spec:
  devices:
    requests: [{name: r, exactly: {deviceClassName: dev}}]
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: later}
spec: {at: 30s}
";
    let t = run(text);
    assert_eq!(changes(&t), Vec::<String>::new());
    let last = t.moments.last().expect("moments");
    assert_eq!(last.name, "later");
    let claim = &last.claims[0];
    assert!(claim.status.allocation.is_some(), "{claim:?}");
    let reserved: Vec<&str> = claim
        .status
        .reserved_for
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(reserved, ["c-pod"]);
}
