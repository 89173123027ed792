//! Step documents as the loader checks them: each bad time, action and
//! reference is an error at its position; a step may apply an object the
//! first moment holds.

use crate::support::{load_validated, only, problems};

const BASE: &str = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: i}]
  resourceClaims: [{name: gpu, resourceClaimTemplateName: t}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata: {name: t}
spec: {spec: {devices: {requests: [{name: r, exactly: {deviceClassName: gpu}}]}}}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: gpu}
---
apiVersion: playground.dra/v1alpha1
kind: Step
metadata: {name: s}
spec:
";

/// The one problem of BASE followed by the step's `spec` lines.
fn problem(spec: &str) -> (usize, usize, String) {
    only(problems(&load_validated(&format!("{BASE}{spec}"))))
}

#[test]
fn a_step_needs_a_time_that_is_a_duration() {
    let (line, _, message) = problem("  actions: []\n");
    assert_eq!(line, 20);
    assert!(message.starts_with("a Step needs spec.at"), "{message}");
    assert_eq!(
        problem("  at: soon\n"),
        (
            21,
            7,
            "\"soon\" is not a duration: write one such as \"30s\", \"2m\" or \"1h30m\"".into()
        )
    );
}

#[test]
fn steps_go_forward_in_time() {
    let text = format!(
        "{BASE}  at: 1m\n---\napiVersion: playground.dra/v1alpha1\nkind: Step\nmetadata: {{name: t}}\nspec: {{at: 30s}}\n"
    );
    let (line, column, message) = only(problems(&load_validated(&text)));
    assert_eq!((line, column), (26, 12));
    assert!(message.starts_with("steps go forward in time"), "{message}");
}

#[test]
fn an_action_sets_exactly_one_field() {
    let (line, column, message) = problem("  at: 1s\n  actions:\n  - {}\n");
    assert_eq!((line, column), (23, 5));
    assert_eq!(
        message,
        "an action sets exactly one of delete, taintDevice, setDeviceCondition (0 set here)"
    );
}

#[test]
fn a_reference_names_what_exists_at_that_step() {
    assert_eq!(
        problem("  at: 1s\n  actions:\n  - delete: {kind: Pod, name: q}\n"),
        (
            23,
            31,
            "Pod \"q\" does not exist at this step in namespace \"default\"".into()
        )
    );
    assert_eq!(
        problem("  at: 1s\n  actions:\n  - delete: {kind: Deployment, name: q}\n"),
        (
            23,
            20,
            "a step cannot delete a \"Deployment\": it deletes one of Pod, ResourceClaim, ResourceClaimTemplate, ResourceSlice, DeviceClass, DeviceTaintRule, Node".into()
        )
    );
    let (_, _, message) = problem(
        "  at: 1s\n  actions:\n  - taintDevice: {device: a/b/c, taint: {key: k, effect: NoExecute}}\n",
    );
    assert!(message.starts_with("no ResourceSlice at this step has the device \"a/b/c\""));
}

#[test]
fn a_pod_s_template_claim_exists_until_the_pod_is_deleted() {
    // The claim made for pod p from template t is p-gpu.
    let ok = format!("{BASE}  at: 1s\n  actions:\n  - setDeviceCondition: {{claim: p-gpu, device: a/b/c, type: ready, status: \"True\"}}\n  - delete: {{kind: Pod, name: p}}\n");
    assert_eq!(problems(&load_validated(&ok)), []);
    let after = format!("{BASE}  at: 1s\n  actions:\n  - delete: {{kind: Pod, name: p}}\n  - delete: {{kind: ResourceClaim, name: p-gpu}}\n");
    let (line, _, message) = only(problems(&load_validated(&after)));
    assert_eq!(line, 24);
    assert!(message.starts_with("ResourceClaim \"p-gpu\" does not exist at this step"));
}

#[test]
fn a_step_may_apply_an_object_again_but_not_twice() {
    let again = format!("{BASE}  at: 1s\n---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {{name: gpu}}\n");
    assert_eq!(problems(&load_validated(&again)), []);
    let twice = format!(
        "{again}---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {{name: gpu}}\n"
    );
    let (line, _, message) = only(problems(&load_validated(&twice)));
    assert_eq!(line, 29);
    assert!(
        message.starts_with("DeviceClass \"gpu\" already exists"),
        "{message}"
    );
}

#[test]
fn settings_belong_before_the_first_step() {
    let text = format!("{BASE}  at: 1s\n---\napiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: x}}\n");
    let (line, column, message) = only(problems(&load_validated(&text)));
    // At the document.
    assert_eq!((line, column), (23, 1));
    assert_eq!(
        message,
        "a Scenario document sets up the whole run: write it before the first Step"
    );
}
