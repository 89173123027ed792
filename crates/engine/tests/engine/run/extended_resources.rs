//! Extended resources backed by DRA (KEP-5004, gate DRAExtendedResource):
//! the scheduler serves `example.com/gpu` from a node's allocatable where a
//! device plugin advertises it, else through a claim it makes for the pod.

use crate::support::{placement, run};
use dra_engine::api::{Pod, ResourceClaim};
use dra_engine::explain::{explain, ExplainOptions};
use dra_engine::scheduler::{Placement, RunResult};
use dra_engine::{run_scenario, RunOptions};

use crate::support::located;

/// A class serving `example.com/gpu`, a node with a device plugin's count of
/// 2 (`plugin-node`), and a node with two DRA GPUs (`dra-node`).
fn hardware(gates: &str) -> String {
    format!(
        "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
metadata: {{name: s}}
spec:
  featureGates: {{{gates}}}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {{name: gpu.example.com}}
spec:
  selectors:
  - cel: {{expression: device.driver == \"gpu.example.com\"}}
  extendedResourceName: example.com/gpu
---
apiVersion: v1
kind: Node
metadata: {{name: plugin-node}}
status:
  allocatable: {{example.com/gpu: \"2\", pods: \"110\"}}
---
apiVersion: v1
kind: Node
metadata: {{name: dra-node}}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {{name: dra-node}}
spec:
  driver: gpu.example.com
  nodeName: dra-node
  pool: {{name: dra-node, resourceSliceCount: 1}}
  devices:
  - name: gpu-0
  - name: gpu-1
"
    )
}

/// A pod whose containers ask for these GPUs (as limits), in order.
fn pod(name: &str, extra: &str, gpus: &[u32]) -> String {
    let containers: String = gpus
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!("  - name: c{i}\n    resources:\n      limits: {{example.com/gpu: {n}}}\n")
        })
        .collect();
    format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n{extra}  containers:\n{containers}")
}

fn pod_out<'r>(result: &'r RunResult, pod: &str) -> &'r Pod {
    &result
        .pods
        .iter()
        .find(|p| p.pod.metadata.name == pod)
        .unwrap()
        .pod
}

/// The pod's request mappings: (container, request).
fn mappings<'r>(result: &'r RunResult, pod: &str) -> Vec<(&'r str, &'r str)> {
    pod_out(result, pod)
        .status
        .as_ref()
        .and_then(|s| s.extended_resource_claim_status.as_ref())
        .expect("extendedResourceClaimStatus")
        .request_mappings
        .iter()
        .map(|m| (m.container_name.as_str(), m.request_name.as_str()))
        .collect()
}

fn claim<'r>(result: &'r RunResult, name: &str) -> Option<&'r ResourceClaim> {
    result.claims.iter().find(|c| c.metadata.name == name)
}

fn devices(claim: &ResourceClaim) -> Vec<(String, String)> {
    claim
        .status
        .allocation
        .iter()
        .flat_map(|a| &a.devices.results)
        .map(|r| (r.request.clone(), r.device.clone()))
        .collect()
}

#[test]
fn gate_off_the_resource_must_come_from_allocatable() {
    let text = hardware("DRAExtendedResource: false")
        .replace("  extendedResourceName: example.com/gpu\n", "")
        + &pod("big", "", &[3]);
    let result = run(&text);
    let Placement::Unschedulable(message) = placement(&result, "big") else {
        panic!("scheduled");
    };
    // A node that does not advertise the resource has none of it.
    assert_eq!(
        message,
        "0/2 nodes are available: 2 Insufficient example.com/gpu. no new claims to deallocate, \
         preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    );
    assert!(result.claims.is_empty());
}

#[test]
fn gate_off_a_class_field_of_the_gate_is_an_error() {
    let text = hardware("DRAExtendedResource: false") + &pod("p", "", &[1]);
    let errors = run_scenario(&text, &RunOptions::default()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("extendedResourceName")
            && errors[0].message.contains("DRAExtendedResource"),
        "{}",
        errors[0].message
    );
    // With validation skipped, the scheduler ignores the class's name.
    let skipped = run_scenario(
        &text.replace("p}\nspec:\n", "p}\nspec:\n  nodeName: dra-node\n"),
        &RunOptions {
            skip_validation: true,
        },
    )
    .unwrap();
    assert!(
        matches!(placement(&skipped, "p"), Placement::Unschedulable(m) if m.contains("Insufficient example.com/gpu"))
    );
}

#[test]
fn gate_on_the_device_plugin_node_serves_first_then_dra() {
    let text = hardware("DRAExtendedResource: true")
        + &pod("one", "", &[1])
        + &pod("two", "", &[1])
        + &pod("three", "", &[1]);
    let result = run(&text);
    assert_eq!(
        placement(&result, "one"),
        &Placement::Node("plugin-node".into())
    );
    assert_eq!(
        placement(&result, "two"),
        &Placement::Node("plugin-node".into())
    );
    // The device plugin's count is used up: DRA serves the third pod.
    assert_eq!(
        placement(&result, "three"),
        &Placement::Node("dra-node".into())
    );
    assert!(claim(&result, "one-extended-resources").is_none());
    let made = claim(&result, "three-extended-resources").expect("claim");
    assert_eq!(made.metadata.namespace, "default");
    assert_eq!(made.metadata.generate_name, "three-extended-resources-");
    assert_eq!(
        made.metadata.annotations["resource.kubernetes.io/extended-resource-claim"],
        "true"
    );
    assert_eq!(made.metadata.owner_references[0]["name"], "three");
    assert_eq!(made.metadata.owner_references[0]["controller"], true);
    let request = made.spec.devices.requests[0].exactly.as_ref().unwrap();
    assert_eq!(made.spec.devices.requests[0].name, "container-0-request-0");
    assert_eq!(request.device_class_name, "gpu.example.com");
    assert_eq!(
        (request.allocation_mode.as_str(), request.count),
        ("ExactCount", 1)
    );
    assert_eq!(
        devices(made),
        [("container-0-request-0".into(), "gpu-0".into())]
    );
    assert_eq!(made.status.reserved_for[0].name, "three");
    let status = pod_out(&result, "three")
        .status
        .as_ref()
        .and_then(|s| s.extended_resource_claim_status.as_ref())
        .expect("extendedResourceClaimStatus");
    assert_eq!(status.resource_claim_name, "three-extended-resources");
    assert_eq!(status.request_mappings.len(), 1);
    assert_eq!(status.request_mappings[0].container_name, "c0");
    assert_eq!(status.request_mappings[0].resource_name, "example.com/gpu");
    assert!(pod_out(&result, "one").status.is_none());
}

#[test]
fn a_quantity_above_one_and_two_containers() {
    let text = hardware("DRAExtendedResource: true") + &pod("p", "  nodeName: dra-node\n", &[1, 1]);
    let result = run(&text);
    assert_eq!(placement(&result, "p"), &Placement::Node("dra-node".into()));
    let made = claim(&result, "p-extended-resources").unwrap();
    let names: Vec<&str> = made
        .spec
        .devices
        .requests
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["container-0-request-0", "container-1-request-0"]);
    assert_eq!(devices(made).len(), 2);
    let pairs = mappings(&result, "p");
    assert_eq!(
        pairs,
        [
            ("c0", "container-0-request-0"),
            ("c1", "container-1-request-0")
        ]
    );

    // Three GPUs: the plugin node has two, the DRA node two devices.
    let text = hardware("DRAExtendedResource: true") + &pod("big", "", &[3]);
    let result = run(&text);
    let Placement::Unschedulable(message) = placement(&result, "big") else {
        panic!("scheduled");
    };
    assert_eq!(
        message,
        "0/2 nodes are available: 1 Insufficient example.com/gpu, 1 cannot allocate all claims. \
         still not schedulable, preemption: 0/2 nodes are available: 2 Preemption is not helpful \
         for scheduling."
    );
    assert!(claim(&result, "big-extended-resources").is_none());
}

#[test]
fn init_containers_reuse_the_devices_of_later_containers() {
    let text = hardware("DRAExtendedResource: true")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: dra-node\n  initContainers:\n  - name: setup\n    resources:\n      limits: {example.com/gpu: 1}\n  - name: warmup\n    resources:\n      limits: {example.com/gpu: 2}\n  containers:\n  - name: app\n    resources:\n      limits: {example.com/gpu: 1}\n";
    let result = run(&text);
    assert_eq!(placement(&result, "p"), &Placement::Node("dra-node".into()));
    let made = claim(&result, "p-extended-resources").unwrap();
    // app gets its own request (index 2: after the two init containers);
    // setup reuses it; warmup needs one more: one shared init request.
    let requests: Vec<(&str, i64)> = made
        .spec
        .devices
        .requests
        .iter()
        .map(|r| (r.name.as_str(), r.exactly.as_ref().unwrap().count))
        .collect();
    assert_eq!(
        requests,
        [("container-1-request-0", 1), ("container-2-request-0", 1)]
    );
    assert_eq!(
        mappings(&result, "p"),
        [
            ("app", "container-2-request-0"),
            ("setup", "container-2-request-0"),
            ("warmup", "container-2-request-0"),
            ("warmup", "container-1-request-0"),
        ]
    );
}

#[test]
fn the_implicit_class_name_and_a_pod_with_its_own_claim() {
    let text = hardware("DRAExtendedResource: true").replace(
        "  extendedResourceName: example.com/gpu\n",
        "",
    ) + "---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {name: mine}\nspec:\n  devices:\n    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n"
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resourceClaims:\n  - {name: gpu, resourceClaimName: mine}\n  containers:\n  - name: app\n    resources:\n      requests: {deviceclass.resource.kubernetes.io/gpu.example.com: 1}\n";
    let result = run(&text);
    assert_eq!(placement(&result, "p"), &Placement::Node("dra-node".into()));
    let mine = devices(claim(&result, "mine").unwrap());
    let made = devices(claim(&result, "p-extended-resources").unwrap());
    assert_eq!(mine, [("gpu".into(), "gpu-0".into())]);
    assert_eq!(made, [("container-0-request-0".into(), "gpu-1".into())]);
}

#[test]
fn the_newest_class_serves_a_shared_name() {
    let class = |name: &str, created: &str| {
        format!("---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {{name: {name}, creationTimestamp: \"{created}\"}}\nspec:\n  extendedResourceName: example.com/gpu\n")
    };
    let text = hardware("DRAExtendedResource: true")
        + &class("b-newer", "2025-06-01T00:00:00Z")
        + &class("a-older", "2025-01-01T00:00:00Z")
        + &pod("p", "  nodeName: dra-node\n", &[1]);
    let result = run(&text);
    let made = claim(&result, "p-extended-resources").unwrap();
    assert_eq!(
        made.spec.devices.requests[0]
            .exactly
            .as_ref()
            .unwrap()
            .device_class_name,
        "b-newer"
    );
}

#[test]
fn output_read_again_reuses_the_claim() {
    let text = hardware("DRAExtendedResource: true") + &pod("p", "  nodeName: dra-node\n", &[1]);
    let first = run(&text);
    let claims: Vec<String> = dra_engine::output::run_result_documents(&first)
        .iter()
        .filter(|d| d["kind"] == "ResourceClaim")
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    // The pod has no uid, so its reservation would not validate.
    let again = run_scenario(
        &format!("{text}---\n{}\n", claims.join("\n---\n")),
        &RunOptions {
            skip_validation: true,
        },
    )
    .unwrap();
    let names: Vec<&str> = again
        .claims
        .iter()
        .map(|c| c.metadata.name.as_str())
        .collect();
    assert_eq!(names, ["p-extended-resources"]);
    assert_eq!(placement(&again, "p"), &Placement::Node("dra-node".into()));
}

#[test]
fn the_explanation_covers_the_claim_and_the_plugin_count() {
    let text =
        hardware("DRAExtendedResource: true") + &pod("big", "", &[3]) + &pod("two", "", &[2]);
    let explanation = explain(&text, &ExplainOptions::default()).unwrap();
    let big = explanation.pod("default/big").unwrap();
    assert_eq!(big.nodes[0].node, "plugin-node");
    assert_eq!(big.nodes[0].verdict, "ruledOut");
    assert_eq!(big.nodes[0].summary, "Insufficient example.com/gpu");
    assert_eq!(big.nodes[1].node, "dra-node");
    assert_eq!(
        big.nodes[1].claims[0].claim,
        "default/big-extended-resources"
    );
    let two = explanation.pod("default/two").unwrap();
    assert_eq!(two.node.as_deref(), Some("plugin-node"));
    assert!(two.claims.is_empty());
}

#[test]
fn validation_of_container_resources_is_positioned() {
    let text = hardware("DRAExtendedResource: true")
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    resources:\n      requests: {example.com/gpu: 500m}\n      limits: {example.com/gpu: 1}\n  - name: other\n    resources:\n      requests: {example.com/gpu: 1}\n";
    let errors = run_scenario(&text, &RunOptions::default()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(located).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].ends_with("spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an integer"), "{messages:#?}");
    assert!(
        messages[1].contains("must be equal to example.com/gpu limit of 1"),
        "{messages:#?}"
    );
    assert!(messages[2].ends_with("spec.containers[1].resources.limits[example.com/gpu]: Required value: Limit must be set for non overcommitable resources"), "{messages:#?}");
}
