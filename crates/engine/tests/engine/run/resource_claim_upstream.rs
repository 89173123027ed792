//! Cases of upstream's resource claim controller test table
//! (pkg/controller/resourceclaim, `TestSyncHandler`) that apply to a
//! timeline, each named after its upstream case: pods using a claim run in
//! the first moment, and a step deletes pods.

use dra_engine::pipeline::{load, refuse};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::{self, Timeline};
use dra_engine::RunOptions;

/// A class and a device on `worker`; the shared claim `my-claim`, used by
/// the pods `my-pod` and `other-pod`; `template-pod` with a claim from a
/// template; then a step at 1s deleting the pods named.
fn timeline(deleted: &[&str]) -> Timeline {
    let mut text = String::from(
        "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: my-resource-class}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: worker}
spec:
  driver: some-driver
  nodeName: worker
  pool: {name: worker, resourceSliceCount: 1}
  devices: [{name: instance}, {name: instance-2}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: my-claim}
spec: {devices: {requests: [{name: req-0, exactly: {deviceClassName: my-resource-class}}]}}
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata: {name: my-template}
spec: {spec: {devices: {requests: [{name: req-0, exactly: {deviceClassName: my-resource-class}}]}}}
",
    );
    for (pod, entry) in [
        ("my-pod", "resourceClaimName: my-claim"),
        ("other-pod", "resourceClaimName: my-claim"),
        ("template-pod", "resourceClaimTemplateName: my-template"),
    ] {
        text.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {pod}}}\nspec:\n  containers: [{{name: c, image: i}}]\n  resourceClaims: [{{name: acme-resource, {entry}}}]\n"
        ));
    }
    text.push_str("---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {name: done}\nspec:\n  at: 1s\n  actions:\n");
    for pod in deleted {
        text.push_str(&format!("  - delete: {{kind: Pod, name: {pod}}}\n"));
    }
    let loaded = refuse(load(&text, &RunOptions::default())).unwrap_or_else(|e| panic!("{e:#?}"));
    timeline::run(&loaded, &SchedulerOptions::default())
}

/// The claim `name` at moment `m`: its reservedFor pods and whether it is
/// allocated; None when it does not exist.
fn claim(t: &Timeline, m: usize, name: &str) -> Option<(Vec<String>, bool)> {
    t.moments[m]
        .claims
        .iter()
        .find(|c| c.metadata.name == name)
        .map(|c| {
            (
                c.status
                    .reserved_for
                    .iter()
                    .map(|r| r.name.clone())
                    .collect(),
                c.status.allocation.is_some(),
            )
        })
}

#[test]
fn stay_reserved_seen() {
    // Every pod still there: nothing changes.
    let t = timeline(&[]);
    assert_eq!(
        claim(&t, 1, "my-claim"),
        Some((vec!["my-pod".into(), "other-pod".into()], true))
    );
    assert!(t.moments[1].events.is_empty());
}

#[test]
fn remove_reserved() {
    // Reserved twice, one pod gone: only that reservation goes; the claim
    // stays allocated for the other.
    let t = timeline(&["other-pod"]);
    assert_eq!(
        claim(&t, 1, "my-claim"),
        Some((vec!["my-pod".into()], true))
    );
}

#[test]
fn clear_reserved_structured() {
    // No pod left that reserves the claim: reservedFor is cleared and the
    // allocation removed.
    let t = timeline(&["my-pod", "other-pod"]);
    assert_eq!(claim(&t, 1, "my-claim"), Some((vec![], false)));
}

#[test]
fn delete_claim_when_done() {
    // The claim made from a template for a pod goes with the pod.
    let t = timeline(&["template-pod"]);
    assert_eq!(
        claim(&t, 0, "template-pod-acme-resource"),
        Some((vec!["template-pod".into()], true))
    );
    assert_eq!(claim(&t, 1, "template-pod-acme-resource"), None);
}
