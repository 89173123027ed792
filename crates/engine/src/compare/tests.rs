use std::collections::BTreeMap;

use super::*;

const PRIORITIZED: &str = "apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
spec:
  selectors:
  - cel:
      expression: device.driver == \"gpu.example.com\"
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: gpus
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
  - name: gpu-0
  - name: gpu-1
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: one
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        deviceClassName: gpu
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  resourceClaims:
  - name: gpu
    resourceClaimName: one
";

#[test]
fn the_same_scenario_twice_is_the_same_outcome() {
    let c = compare(PRIORITIZED, PRIORITIZED, &RunOptions::default());
    assert!(c.same_outcome() && c.lines().is_empty(), "{:?}", c.lines());
    assert_eq!(
        (c.left.label.as_str(), c.right.label.as_str()),
        ("left", "right")
    );
}

#[test]
fn a_pod_that_becomes_unschedulable_and_its_claim() {
    // The right side takes both devices first: the pod's claim finds none.
    let right = PRIORITIZED.replace(
        "---\napiVersion: v1\nkind: Pod",
        "---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: all\nspec:\n  devices:\n    requests:\n    - name: gpus\n      exactly:\n        deviceClassName: gpu\n        allocationMode: All\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: first\nspec:\n  resourceClaims:\n  - name: gpus\n    resourceClaimName: all\n---\napiVersion: v1\nkind: Pod",
    );
    let c = compare(PRIORITIZED, &right, &RunOptions::default());
    assert!(!c.same_outcome() && c.ran());
    assert_eq!(
        c.pods,
        vec![
            PodChange {
                pod: "default/p".into(),
                left: Place::Node("node-1".into()),
                right: c.pods[0].right.clone(),
            },
            PodChange {
                pod: "default/first".into(),
                left: Place::Absent,
                right: Place::Node("node-1".into()),
            },
        ]
    );
    let lines = c.lines();
    assert!(
        lines[0].starts_with(
            "pod default/p becomes unschedulable (it was on node-1): 0/1 nodes are available"
        ),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "pod default/first is only on the right: on node-1"
    );
    assert_eq!(
        lines[2],
        "claim default/one is not allocated (it had gpu → gpu.example.com/node-1/gpu-0)"
    );
    assert_eq!(
        lines[3],
        "claim default/all is only on the right: gpus → gpu.example.com/node-1/gpu-0, gpus → gpu.example.com/node-1/gpu-1"
    );
}

#[test]
fn versions_and_gates_label_the_sides_and_say_what_differs() {
    let (left, right) = under_versions(PRIORITIZED, "1.34", "1.36");
    assert!(left.starts_with("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: settings\nspec:\n  kubernetesVersion: \"1.34\"\n---\n"), "{left}");
    let c = compare(&left, &right, &RunOptions::default());
    assert_eq!(
        (c.left.label.as_str(), c.right.label.as_str()),
        ("Kubernetes 1.34", "Kubernetes 1.36")
    );
    assert!(c.same_outcome(), "{:?}", c.lines());
    assert!(c
        .lines()
        .contains(&"kubernetesVersion: 1.34 → 1.36".to_owned()));
    assert!(
        c.lines()
            .contains(&"DRAConsumableCapacity: off → on".to_owned()),
        "{:?}",
        c.lines()
    );

    let gates: BTreeMap<String, bool> = [("DRAConsumableCapacity".to_owned(), false)].into();
    let off = under_gates(&right, &gates);
    assert!(
        off.contains(
            "  kubernetesVersion: \"1.36\"\n  featureGates:\n    DRAConsumableCapacity: false\n"
        ),
        "{off}"
    );
    let c = compare(&right, &off, &RunOptions::default());
    assert_eq!(c.right.label, "Kubernetes 1.36, DRAConsumableCapacity off");
    assert_eq!(
        c.lines(),
        vec!["DRAConsumableCapacity: on → off".to_owned()]
    );
}

#[test]
fn a_side_with_errors_did_not_run() {
    let broken = PRIORITIZED.replace("name: gpu-0", "name: GPU_0");
    let c = compare(PRIORITIZED, &broken, &RunOptions::default());
    assert!(!c.ran() && !c.same_outcome());
    assert_eq!(
        c.pods,
        vec![PodChange {
            pod: "default/p".into(),
            left: Place::Node("node-1".into()),
            right: Place::NotRun,
        }]
    );
}
