//! Claims shared by pods: every pod that uses a claim is listed in its
//! `status.reservedFor`, up to Kubernetes' limit of 256 consumers; the pod
//! that finds a claim full passes the filters and fails at PreBind, where the
//! apiserver refuses to list it (a scheduler error, in the pod's condition
//! and the cycle's table).

use dra_engine::api::{ResourceClaim, RESERVED_FOR_MAX_SIZE};
use dra_engine::explain::{explain, render, ExplainOptions, RenderOptions};
use dra_engine::scheduler::{Placement, RunResult};
use dra_engine::{run_scenario, RunOptions};

const HARDWARE: &str = r#"apiVersion: v1
kind: Node
metadata:
  name: node-1
---
apiVersion: v1
kind: Node
metadata:
  name: node-2
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
spec:
  selectors:
  - cel:
      expression: device.driver == "gpu.example.com"
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: node-2-gpus
spec:
  driver: gpu.example.com
  nodeName: node-2
  pool:
    name: node-2
    resourceSliceCount: 1
  devices:
  - name: gpu-0
  - name: gpu-1
"#;

/// The claim `shared`, with `status` lines (indented as under the claim) if given.
fn claim(status: &str) -> String {
    format!(
        "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: shared\nspec:\n  devices:\n    requests:\n    - name: gpu\n      exactly:\n        deviceClassName: gpu\n{status}"
    )
}

/// A pod named `name` (with `uid`, if not empty) using the claim `shared`.
fn pod(name: &str, uid: &str) -> String {
    let uid = if uid.is_empty() {
        String::new()
    } else {
        format!("\n  uid: {uid}")
    };
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}{uid}\nspec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: shared\n  containers:\n  - name: c\n    image: busybox\n"
    )
}

fn run(documents: &[String]) -> RunResult {
    let text = documents.join("---\n");
    run_scenario(&text, &RunOptions::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn shared(result: &RunResult) -> &ResourceClaim {
    result
        .claims
        .iter()
        .find(|c| c.metadata.name == "shared")
        .expect("the claim")
}

fn consumers(claim: &ResourceClaim) -> Vec<&str> {
    claim
        .status
        .reserved_for
        .iter()
        .map(|r| r.name.as_str())
        .collect()
}

/// `status.allocation` of the claim: gpu-0 on node-2.
const ALLOCATED: &str = "status:\n  allocation:\n    devices:\n      results:\n      - {request: gpu, driver: gpu.example.com, pool: node-2, device: gpu-0}\n    nodeSelector:\n      nodeSelectorTerms:\n      - matchFields: [{key: metadata.name, operator: In, values: [node-2]}]\n";

/// A uid for the pod numbered `n`.
fn uid(n: usize) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

#[test]
fn every_pod_that_shares_a_claim_is_listed() {
    let result = run(&[HARDWARE.into(), claim(""), pod("a", ""), pod("b", "")]);
    for outcome in &result.pods {
        // The claim's devices are on node-2: both pods go there.
        assert_eq!(outcome.placement, Placement::Node("node-2".into()));
    }
    let claim = shared(&result);
    assert_eq!(consumers(claim), ["a", "b"]);
    assert!(claim
        .status
        .reserved_for
        .iter()
        .all(|r| r.resource == "pods"));
    assert_eq!(
        claim.status.allocation.as_ref().unwrap().devices.results[0].device,
        "gpu-0"
    );
}

#[test]
fn a_pod_listed_already_is_not_listed_twice() {
    let status = format!(
        "{ALLOCATED}  reservedFor:\n  - {{resource: pods, name: a, uid: {}}}\n",
        uid(1)
    );
    let result = run(&[
        HARDWARE.into(),
        claim(&status),
        pod("a", &uid(1)),
        pod("b", &uid(2)),
    ]);
    assert!(result
        .pods
        .iter()
        .all(|p| p.placement == Placement::Node("node-2".into())));
    let claim = shared(&result);
    assert_eq!(consumers(claim), ["a", "b"]);
    assert_eq!(claim.status.reserved_for[1].uid, uid(2));
}

#[test]
fn the_257th_pod_cannot_reserve_the_claim() {
    assert_eq!(RESERVED_FOR_MAX_SIZE, 256);
    let mut documents = vec![HARDWARE.to_owned(), claim("")];
    for n in 1..=RESERVED_FOR_MAX_SIZE + 1 {
        documents.push(pod(&format!("pod-{n}"), &uid(n)));
    }
    let result = run(&documents);
    let (placed, last) = result.pods.split_at(RESERVED_FOR_MAX_SIZE);
    assert!(placed
        .iter()
        .all(|p| p.placement == Placement::Node("node-2".into())));
    assert_eq!(
        last[0].placement,
        Placement::Unschedulable(
            "running PreBind plugin \"DynamicResources\": add reservation to claim default/shared: ResourceClaim.resource.k8s.io \"shared\" is invalid: status.reservedFor: Too many: 257: must have at most 256 items".into()
        )
    );
    let claim = shared(&result);
    assert_eq!(claim.status.reserved_for.len(), RESERVED_FOR_MAX_SIZE);
    assert_eq!(consumers(claim)[RESERVED_FOR_MAX_SIZE - 1], "pod-256");
    // The pod that failed has no node, and Kubernetes reports a scheduler
    // error rather than an unschedulable pod.
    assert!(last[0].pod.spec.node_name.is_empty());
    let condition = &last[0].pod.status.as_ref().expect("a status").conditions[0];
    assert_eq!(
        (condition.type_.as_str(), condition.reason.as_str()),
        ("PodScheduled", "SchedulerError")
    );
    // The explanation's cycle table says where it failed.
    let explained = explain(
        &documents.join("---\n"),
        &ExplainOptions {
            pods: vec!["pod-257".into()],
            ..ExplainOptions::default()
        },
    )
    .expect("the scenario runs");
    let pod = explained
        .pods
        .iter()
        .find(|p| p.is_named("pod-257"))
        .expect("the pod");
    let cycle = pod.scheduling.as_ref().expect("its cycle");
    assert!(
        cycle
            .pre_bind
            .as_deref()
            .is_some_and(|f| f.contains("Too many: 257")),
        "{cycle:?}"
    );
    let node = pod.nodes.iter().find(|n| n.node == "node-2").unwrap();
    assert_eq!(node.verdict, "error");
    let text = render(&explained, &RenderOptions::default());
    assert!(text.contains("PreBind failed on the chosen node"), "{text}");
}

#[test]
fn a_full_claim_fails_the_pod_without_allocating_its_other_claims() {
    // 256 consumers already (from a cluster's YAML), and a new pod that
    // also needs a claim of its own: PreBind fails, nothing is kept.
    let mut status = format!("{ALLOCATED}  reservedFor:\n");
    for n in 1..=RESERVED_FOR_MAX_SIZE {
        status.push_str(&format!(
            "  - {{resource: pods, name: old-{n}, uid: {}}}\n",
            uid(n)
        ));
    }
    let own = "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: own\nspec:\n  devices:\n    requests:\n    - name: gpu\n      exactly:\n        deviceClassName: gpu\n".to_owned();
    let both = pod("new", &uid(1000)).replace(
        "    resourceClaimName: shared\n",
        "    resourceClaimName: shared\n  - name: own\n    resourceClaimName: own\n",
    );
    let result = run(&[HARDWARE.into(), claim(&status), own, both]);
    let Placement::Unschedulable(message) = &result.pods[0].placement else {
        panic!("{:?}", result.pods[0].placement);
    };
    assert!(
        message.contains("status.reservedFor: Too many: 257"),
        "{message}"
    );
    let own = result
        .claims
        .iter()
        .find(|c| c.metadata.name == "own")
        .unwrap();
    assert!(own.status.allocation.is_none() && own.status.reserved_for.is_empty());
    assert_eq!(
        shared(&result).status.reserved_for.len(),
        RESERVED_FOR_MAX_SIZE
    );
    // One of the 256 pods scheduled again finds itself listed: no new entry.
    let again = run(&[HARDWARE.into(), claim(&status), pod("old-7", &uid(7))]);
    assert_eq!(again.pods[0].placement, Placement::Node("node-2".into()));
    assert_eq!(
        shared(&again).status.reserved_for.len(),
        RESERVED_FOR_MAX_SIZE
    );
}
