//! The timeline: steps in time and the controllers around the scheduler.

use dra_engine::pipeline::{load, refuse};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::{self, EventKind, PodState, Timeline};
use dra_engine::RunOptions;

use crate::support::repo_file;

fn run(text: &str) -> Timeline {
    let loaded = refuse(load(text, &RunOptions::default())).unwrap_or_else(|e| panic!("{e:?}"));
    timeline::run(&loaded, &SchedulerOptions::default())
}

fn example(name: &str) -> Timeline {
    let text = std::fs::read_to_string(repo_file(&format!("examples/{name}"))).expect("example");
    run(&text)
}

/// Every event of a moment as `KIND OBJECT: MESSAGE`.
fn events(t: &Timeline, moment: usize) -> Vec<String> {
    t.moments[moment]
        .events
        .iter()
        .map(|e| format!("{:?} {}: {}", e.kind, e.object, e.message))
        .collect()
}

fn state(t: &Timeline, moment: usize, pod: &str) -> Option<PodState> {
    t.moments[moment]
        .pods
        .iter()
        .find(|(p, _)| p.metadata.name == pod)
        .map(|(_, s)| s.clone())
}

#[test]
fn a_failing_gpu_evicts_its_pod_and_its_replica_set_replaces_it() {
    let t = example("gpu-failure-eviction.yaml");
    assert_eq!(
        state(&t, 0, "trainer-t8m78"),
        Some(PodState::Bound("node-1".into()))
    );
    let step = &t.moments[1];
    assert_eq!(step.at, 30_000_000_000);
    assert_eq!(
        events(&t, 1),
        [
            "Tainted ResourceSlice node-1-gpus: device gpu.example.com/node-1/gpu-0 tainted gpu.example.com/ecc-error=uncorrectable:NoExecute",
            "Evicted Pod default/trainer-t8m78: evicted: device gpu.example.com/node-1/gpu-0 tainted gpu.example.com/ecc-error=uncorrectable:NoExecute at 30s, not tolerated",
            "ClaimDeleted ResourceClaim default/trainer-t8m78-gpu-55fkp: deleted with pod trainer-t8m78, for which it was made from template one-gpu",
            "PodCreated Pod default/trainer-j97md: created by ReplicaSet trainer for a pod that is gone",
            "Scheduled Pod default/trainer-j97md: scheduled on node node-1",
        ]
    );
    assert_eq!(state(&t, 1, "trainer-t8m78"), None);
    let claim = step
        .claims
        .iter()
        .find(|c| c.metadata.name == "trainer-j97md-gpu-86v4x")
        .expect("the new pod's claim");
    let result = &claim
        .status
        .allocation
        .as_ref()
        .expect("allocated")
        .devices
        .results[0];
    assert_eq!(result.device, "gpu-1");
}

#[test]
fn a_pending_pod_fits_when_another_finishes() {
    let t = example("pending-pod-fits-later.yaml");
    assert!(matches!(state(&t, 0, "second"), Some(PodState::Pending(_))));
    assert_eq!(
        events(&t, 1),
        [
            "Deleted Pod default/first: deleted",
            "ReservationRemoved ResourceClaim default/first-gpu: pod first is gone: no longer in reservedFor",
            "ClaimDeallocated ResourceClaim default/first-gpu: deallocated: no pod reserves it any more, its devices are free",
            "Scheduled Pod default/second: scheduled on node node-1",
        ]
    );
    assert_eq!(state(&t, 1, "first"), None);
    assert_eq!(
        state(&t, 1, "second"),
        Some(PodState::Bound("node-1".into()))
    );
}

#[test]
fn binding_conditions_wait_then_fail_over_to_another_node() {
    let t = example("binding-conditions-failover.yaml");
    assert_eq!(
        state(&t, 0, "pod-1"),
        Some(PodState::WaitingForBinding("node-1".into()))
    );
    let waiting = &t.moments[0].pods[0].0;
    assert_eq!(waiting.spec.node_name, "", "a waiting pod is not bound yet");
    let failed = events(&t, 1);
    assert!(
        failed.iter().any(|e| e.starts_with("BindingFailed Pod default/pod-1: binding to node node-1 failed: device gpu.example.com/node-1/gpu-0 reports the failure condition dra.example.com/attach-failed; claims attached-gpu were deallocated")),
        "{failed:#?}"
    );
    assert_eq!(
        state(&t, 1, "pod-1"),
        Some(PodState::WaitingForBinding("node-2".into()))
    );
    assert_eq!(
        state(&t, 2, "pod-1"),
        Some(PodState::Bound("node-2".into()))
    );
    assert!(events(&t, 2)
        .iter()
        .any(|e| e.starts_with("Bound Pod default/pod-1")));
}

/// One device with a binding condition, and a pod using it.
const WAITING: &str = "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: gpu}
spec: {selectors: [{cel: {expression: 'true'}}]}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: s}
spec:
  driver: d.example.com
  nodeName: node-1
  pool: {name: p, resourceSliceCount: 1}
  devices:
  - name: dev
    bindsToNode: true
    bindingConditions: [attached]
    bindingFailureConditions: [failed]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: c}
spec: {devices: {requests: [{name: r, exactly: {deviceClassName: gpu}}]}}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: i}]
  resourceClaims: [{name: r, resourceClaimName: c}]
";

#[test]
fn the_binding_timeout_gives_the_devices_back() {
    let t = run(&format!(
        "{WAITING}---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: later}}\nspec: {{at: 15m}}\n"
    ));
    let events = events(&t, 1);
    // The timeout fires at 10m, its own time; the pod is tried again at
    // once and waits again.
    assert!(events[0].starts_with("BindingFailed Pod default/p: binding to node node-1 failed: its binding conditions were not all True within the binding timeout (10m0s)"), "{events:#?}");
    assert_eq!(t.moments[1].events[0].at, 600_000_000_000);
    assert!(
        events[1].starts_with("WaitingForBinding Pod default/p"),
        "{events:#?}"
    );
}

const TAINTED_LATER: &str = "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: gpu}
spec: {selectors: [{cel: {expression: 'true'}}]}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: s}
spec:
  driver: d.example.com
  nodeName: node-1
  pool: {name: p, resourceSliceCount: 1}
  devices: [{name: dev}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: c}
spec:
  devices:
    requests:
    - name: r
      exactly:
        deviceClassName: gpu
        tolerations: [{key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: i}]
  resourceClaims: [{name: r, resourceClaimName: c}]
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: taint}
spec:
  at: 10s
  actions:
  - taintDevice: {device: d.example.com/p/dev, taint: {key: k, value: v, effect: NoExecute}}
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: before}
spec: {at: 1m9s}
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: after}
spec: {at: 2m}
";

#[test]
fn a_toleration_delays_the_eviction_by_its_seconds_from_the_taint() {
    let t = run(TAINTED_LATER);
    assert_eq!(state(&t, 1, "p"), Some(PodState::Bound("node-1".into())));
    assert_eq!(state(&t, 2, "p"), Some(PodState::Bound("node-1".into())));
    assert_eq!(state(&t, 3, "p"), None);
    let evicted = &t.moments[3].events[0];
    assert_eq!(evicted.kind, EventKind::Evicted);
    assert_eq!(evicted.at, 70_000_000_000, "10s + 60s");
    assert!(
        evicted.message.ends_with("at 10s, tolerated for 60s"),
        "{}",
        evicted.message
    );
    let claim = &t.moments[3].claims[0];
    assert!(
        claim.status.allocation.is_none(),
        "the claim is deallocated"
    );
}

#[test]
fn a_deleted_node_takes_its_pods() {
    let t = run(&format!(
        "{}---\napiVersion: v1\nkind: Node\nmetadata: {{name: node-1}}\n---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: gone}}\nspec:\n  at: 5s\n  actions:\n  - delete: {{kind: Node, name: node-1}}\n",
        TAINTED_LATER.split("---\napiVersion: playground.dra/v1alpha1").next().unwrap_or_default()
    ));
    assert_eq!(state(&t, 0, "p"), Some(PodState::Bound("node-1".into())));
    let events = events(&t, 1);
    assert_eq!(
        events[0],
        "Deleted Node node-1: deleted: the pods on it go with it"
    );
    assert_eq!(
        events[1],
        "PodGarbageCollected Pod default/p: deleted: its node node-1 is gone"
    );
    assert!(events
        .iter()
        .any(|e| e.starts_with("ClaimDeallocated ResourceClaim default/c")));
}

#[test]
fn the_queue_tries_higher_priority_first() {
    // One device; two pods arrive in one step, the second with a higher
    // priority: it gets the device.
    let base = TAINTED_LATER
        .split("---\napiVersion: v1\nkind: Pod")
        .next()
        .unwrap_or_default();
    let text = format!(
        "{base}---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: two}}\nspec: {{at: 1s}}\n\
---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {{name: low}}\nspec: {{devices: {{requests: [{{name: r, exactly: {{deviceClassName: gpu}}}}]}}}}\n\
---\napiVersion: v1\nkind: Pod\nmetadata: {{name: low}}\nspec:\n  containers: [{{name: c, image: i}}]\n  resourceClaims: [{{name: r, resourceClaimName: low}}]\n\
---\napiVersion: v1\nkind: Pod\nmetadata: {{name: high}}\nspec:\n  priority: 10\n  containers: [{{name: c, image: i}}]\n  resourceClaims: [{{name: r, resourceClaimName: c}}]\n"
    );
    let t = run(&text);
    assert_eq!(state(&t, 1, "high"), Some(PodState::Bound("node-1".into())));
    assert!(matches!(state(&t, 1, "low"), Some(PodState::Pending(_))));
}

#[test]
fn a_scenario_without_steps_has_one_moment_as_the_run() {
    let text =
        std::fs::read_to_string(repo_file("examples/first-gpu-claim.yaml")).expect("example");
    let t = run(&text);
    assert_eq!(t.moments.len(), 1);
    let run = dra_engine::run_scenario(&text, &RunOptions::default()).expect("runs");
    assert_eq!(t.moments[0].claims, run.claims);
}
