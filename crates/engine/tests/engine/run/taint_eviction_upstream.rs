//! Cases of upstream's device taint eviction controller test table
//! (pkg/controller/devicetainteviction, `TestController`), as timelines: a
//! pod runs on device `instance` of driver `some-driver` on node `worker`
//! (the first moment); then a step taints it through its ResourceSlice or a
//! DeviceTaintRule. Each test is named after its upstream case.

use dra_engine::pipeline::{load, refuse};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::{self, EventKind, Timeline};
use dra_engine::RunOptions;

/// Upstream's fixtures: the class, the slice (`instance` untainted,
/// `instance-no-schedule` NoSchedule, `instance-no-execute` None and
/// NoExecute), the claim of `my-pod` (`my-pod-my-resource`, with
/// `tolerations` in its request) and the pod.
fn fixtures(tolerations: &str) -> String {
    format!(
        "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
spec: {{kubernetesVersion: \"1.36\", featureGates: {{DRADeviceTaints: true, DRADeviceTaintRules: true}}}}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {{name: my-resource-class}}
---
{}---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {{name: my-pod-my-resource}}
spec:
  devices:
    requests:
    - name: req-1
      exactly:
        deviceClassName: my-resource-class
        selectors: [{{cel: {{expression: 'device.driver == \"some-driver\"'}}}}]
{tolerations}---
apiVersion: v1
kind: Pod
metadata: {{name: my-pod}}
spec:
  containers: [{{name: c, image: i}}]
  resourceClaims: [{{name: my-resource, resourceClaimName: my-pod-my-resource}}]
",
        slice("")
    )
}

/// The slice, with `taint` (a flow mapping) on device `instance`.
fn slice(taint: &str) -> String {
    let taints = if taint.is_empty() {
        String::new()
    } else {
        format!(", taints: [{taint}]")
    };
    format!(
        "\
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {{name: worker-some-driver}}
spec:
  driver: some-driver
  nodeName: worker
  pool: {{name: worker, resourceSliceCount: 1}}
  devices:
  - {{name: instance{taints}}}
  - {{name: instance-no-schedule, taints: [{{key: example.com/taint, effect: NoSchedule}}]}}
  - {{name: instance-no-execute, taints: [{{key: example.com/taint, effect: None}}, {{key: example.com/taint, effect: NoExecute}}]}}
"
    )
}

/// A DeviceTaintRule `evict` over the driver's devices, with `effect`.
fn rule(effect: &str) -> String {
    format!(
        "\
apiVersion: resource.k8s.io/v1beta2
kind: DeviceTaintRule
metadata: {{name: evict}}
spec:
  deviceSelector: {{driver: some-driver}}
  taint: {{key: example.com/taint, value: something, effect: {effect}}}
"
    )
}

/// The fixtures, then a step at 10s applying `applied`, then one at 10m.
fn timeline(tolerations: &str, applied: &str) -> Timeline {
    let text = format!(
        "{}---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: taint}}\nspec: {{at: 10s}}\n---\n{applied}---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: later}}\nspec: {{at: 10m}}\n",
        fixtures(tolerations)
    );
    let loaded = refuse(load(&text, &RunOptions::default())).unwrap_or_else(|e| panic!("{e:#?}"));
    timeline::run(&loaded, &SchedulerOptions::default())
}

/// When `my-pod` was evicted, if it was.
fn evicted_at(t: &Timeline) -> Option<i64> {
    t.moments
        .iter()
        .flat_map(|m| &m.events)
        .find(|e| e.kind == EventKind::Evicted && e.object == "Pod default/my-pod")
        .map(|e| e.at)
}

const TAINT: &str = "{key: example.com/taint, value: something, effect: NoExecute}";
const TOLERATION: &str = "        tolerations: [{key: example.com/taint, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]\n";

#[test]
fn untainted_claim() {
    let t = timeline("", &slice(""));
    assert_eq!(evicted_at(&t), None);
    let (pod, _) = &t.moments[2].pods[0];
    assert_eq!(pod.spec.node_name, "worker");
}

#[test]
fn evict_pod_resourceclaim() {
    // Tainted through the ResourceSlice: evicted when the taint appears.
    let t = timeline("", &slice(TAINT));
    assert_eq!(evicted_at(&t), Some(10_000_000_000));
    assert!(t.moments[1].pods.is_empty());
    assert!(t.moments[1].claims[0].status.allocation.is_none());
}

#[test]
fn evict_pod_rule() {
    let t = timeline("", &rule("NoExecute"));
    assert_eq!(evicted_at(&t), Some(10_000_000_000));
}

#[test]
fn evict_pod_rule_later() {
    // A toleration of 60s: evicted 60s after the rule's taint appeared.
    let t = timeline(TOLERATION, &rule("NoExecute"));
    assert_eq!(evicted_at(&t), Some(70_000_000_000));
    assert_eq!(t.moments[1].pods.len(), 1, "still running at 10s");
}

#[test]
fn no_eviction_for_effect_none_or_no_schedule() {
    // Upstream's sliceTaintedNone and sliceTaintedNoSchedule, and ruleNone:
    // only NoExecute evicts.
    for applied in [
        slice("{key: example.com/taint, value: something, effect: None}"),
        slice("{key: example.com/taint, value: something, effect: NoSchedule}"),
        rule("None"),
    ] {
        let t = timeline("", &applied);
        assert_eq!(evicted_at(&t), None, "{applied}");
    }
}

#[test]
fn evict_pod_resourceclaim_tolerated_forever() {
    // A toleration without tolerationSeconds tolerates the taint for good.
    let forever =
        "        tolerations: [{key: example.com/taint, operator: Exists, effect: NoExecute}]\n";
    let t = timeline(forever, &slice(TAINT));
    assert_eq!(evicted_at(&t), None);
}
