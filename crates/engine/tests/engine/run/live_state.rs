//! Live state as a cluster shows it (issue 11): pods bound to a node run
//! there, holding their claims; `status.resourceClaimStatuses` links a pod
//! to the claims made for it; `reservedFor` is kept; claims of pods whose
//! names were generated are named as the resource claim controller names
//! them; a template in another namespace is named in the message.

use crate::support::run;
use dra_engine::api::{is_generated, ResourceClaim};
use dra_engine::explain::{explain, render, ExplainOptions, RenderOptions};
use dra_engine::scheduler::{Placement, RunResult};

/// One node with two GPUs, a class and a template in namespace `ns`.
const CLUSTER: &str = "\
apiVersion: v1
kind: Node
metadata: {name: n1}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: gpu}
spec:
  selectors:
  - cel: {expression: device.driver == \"gpu.example.com\"}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: n1}
spec:
  driver: gpu.example.com
  nodeName: n1
  pool: {name: n1, resourceSliceCount: 1}
  devices: [{name: gpu-0}, {name: gpu-1}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata: {name: one-gpu, namespace: ns}
spec:
  spec:
    devices:
      requests: [{name: gpu, exactly: {deviceClassName: gpu}}]
";

fn claim<'r>(result: &'r RunResult, name: &str) -> &'r ResourceClaim {
    result
        .claims
        .iter()
        .find(|c| c.metadata.name == name)
        .unwrap_or_else(|| panic!("no claim {name}"))
}

fn device(claim: &ResourceClaim) -> Vec<String> {
    claim
        .status
        .allocation
        .iter()
        .flat_map(|a| &a.devices.results)
        .map(|r| r.device.clone())
        .collect()
}

/// A pod that ran: bound to n1 and linked to claim `linked`, which holds
/// gpu-0 (reserved for the pod when `reserved`).
fn running(name: &str, linked: &str, reserved: bool) -> String {
    let reserved_for = if reserved {
        format!("  reservedFor: [{{resource: pods, name: {name}, uid: u-{name}}}]\n")
    } else {
        String::new()
    };
    format!(
        "\
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {{name: {linked}, namespace: ns}}
spec:
  devices:
    requests: [{{name: gpu, exactly: {{deviceClassName: gpu}}}}]
status:
  allocation:
    devices:
      results: [{{request: gpu, driver: gpu.example.com, pool: n1, device: gpu-0}}]
{reserved_for}---
apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: ns, uid: u-{name}}}
spec:
  nodeName: n1
  resourceClaims: [{{name: gpu, resourceClaimTemplateName: one-gpu}}]
status:
  phase: Running
  resourceClaimStatuses: [{{name: gpu, resourceClaimName: {linked}}}]
"
    )
}

const NEW_POD: &str = "\
---
apiVersion: v1
kind: Pod
metadata: {name: new, namespace: ns}
spec:
  resourceClaims: [{name: gpu, resourceClaimTemplateName: one-gpu}]
";

#[test]
fn a_running_pod_holds_its_linked_claim() {
    // The new pod comes first in the document; the running pod still holds
    // gpu-0, so the new pod gets gpu-1 and no second claim is made for the
    // running pod.
    let text = format!(
        "{CLUSTER}{NEW_POD}{}",
        running("old", "old-gpu-7xk2q", true)
    );
    let result = run(&text);
    assert_eq!(result.claims.len(), 2);
    assert_eq!(device(claim(&result, "old-gpu-7xk2q")), ["gpu-0"]);
    assert_eq!(device(claim(&result, "new-gpu")), ["gpu-1"]);
    let placements: Vec<_> = result.pods.iter().map(|p| &p.placement).collect();
    assert_eq!(
        placements,
        [&Placement::Node("n1".into()), &Placement::Node("n1".into())]
    );
    // Kept as written: one reservation, not a second.
    assert_eq!(claim(&result, "old-gpu-7xk2q").status.reserved_for.len(), 1);
    // Explained as running, and as holding the device the new pod did not get.
    let explanation = explain(&text, &ExplainOptions::default()).unwrap();
    let text = render(&explanation, &RenderOptions::default());
    assert!(text.contains("Pod ns/old: running on n1"), "{text}");
    assert!(
        text.contains("claim ns/old-gpu-7xk2q (allocated in the input; pod ns/old)"),
        "{text}"
    );
}

#[test]
fn the_claim_controller_reserves_a_claim_for_its_running_pod() {
    let result = run(&format!(
        "{CLUSTER}{}",
        running("old", "old-gpu-7xk2q", false)
    ));
    let reserved = &claim(&result, "old-gpu-7xk2q").status.reserved_for;
    assert_eq!(reserved.len(), 1);
    assert_eq!(
        (reserved[0].name.as_str(), reserved[0].uid.as_str()),
        ("old", "u-old")
    );
}

#[test]
fn a_pod_pinned_with_node_name_alone_is_scheduled_there() {
    // No status: not running yet, but pinned; its claim is made and
    // allocated on n1.
    let text = format!(
        "{CLUSTER}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: pinned, namespace: ns}}\nspec:\n  nodeName: n1\n  resourceClaims: [{{name: gpu, resourceClaimTemplateName: one-gpu}}]\n"
    );
    let result = run(&text);
    assert_eq!(device(claim(&result, "pinned-gpu")), ["gpu-0"]);
}

#[test]
fn a_link_to_a_missing_claim_is_not_a_new_claim() {
    let text = format!(
        "{CLUSTER}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: ns}}\nspec:\n  resourceClaims: [{{name: gpu, resourceClaimTemplateName: one-gpu}}]\nstatus:\n  resourceClaimStatuses: [{{name: gpu, resourceClaimName: p-gpu-gone1}}]\n"
    );
    let result = run(&text);
    assert!(result.claims.is_empty());
    assert_eq!(
        result.pods[0].placement,
        Placement::Unschedulable("resourceclaim \"p-gpu-gone1\" not found".into())
    );
}

#[test]
fn claims_of_generated_pods_are_named_as_the_claim_controller_names_them() {
    let pods = "---\napiVersion: v1\nkind: Pod\nmetadata: {generateName: test-dra-, namespace: ns}\nspec:\n  resourceClaims: [{name: gpu, resourceClaimTemplateName: one-gpu}]\n";
    let result = run(&format!("{CLUSTER}{pods}{pods}"));
    assert_eq!(result.claims.len(), 2);
    for (pod, claim) in result.pods.iter().zip(&result.claims) {
        let pod_name = &pod.pod.metadata.name;
        assert!(is_generated(pod_name, "test-dra-"), "{pod_name}");
        let base = format!("{pod_name}-gpu-");
        assert!(
            is_generated(&claim.metadata.name, &base),
            "{}",
            claim.metadata.name
        );
        // As the resource claim controller writes it.
        assert_eq!(claim.metadata.generate_name, base);
        assert_eq!(
            claim.metadata.annotations["resource.kubernetes.io/pod-claim-name"],
            "gpu"
        );
        let owner = &claim.metadata.owner_references[0];
        assert_eq!(owner["kind"], "Pod");
        assert_eq!(owner["name"], pod_name.as_str());
        assert_eq!(owner["controller"], true);
    }
    // The same names on every run.
    let again = run(&format!("{CLUSTER}{pods}{pods}"));
    assert_eq!(
        again.claims[0].metadata.name,
        result.claims[0].metadata.name
    );
}

#[test]
fn a_template_in_another_namespace_is_named() {
    let text = format!(
        "{CLUSTER}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  resourceClaims: [{{name: gpu, resourceClaimTemplateName: one-gpu}}]\n"
    );
    let result = run(&text);
    assert_eq!(
        result.pods[0].placement,
        Placement::Unschedulable(
            "resourceclaimtemplate \"one-gpu\" not found in namespace \"default\" (one is in namespace \"ns\": a pod uses only those of its own namespace)"
                .into()
        )
    );
}
