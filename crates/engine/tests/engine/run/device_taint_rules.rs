//! DeviceTaintRules (issue 11): the taint goes to every device the rule's
//! selector names, behind the release's gates; None taints do not keep the
//! allocator off a device, NoSchedule and NoExecute do unless tolerated.

use crate::support::run;
use dra_engine::scheduler::{Placement, RunResult};
use dra_engine::{run_scenario, RunOptions};

fn scenario(version: &str, gates: &str, api_version: &str, rule: &str, toleration: &str) -> String {
    format!(
        "\
apiVersion: playground.dra/v1alpha1
kind: Scenario
metadata: {{name: s}}
spec:
  kubernetesVersion: \"{version}\"
  featureGates: {{{gates}}}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {{name: gpu}}
spec:
  selectors:
  - cel: {{expression: device.driver == \"gpu.example.com\"}}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {{name: n1}}
spec:
  driver: gpu.example.com
  nodeName: n1
  pool: {{name: n1, resourceSliceCount: 1}}
  devices: [{{name: gpu-0}}, {{name: gpu-1}}]
---
apiVersion: resource.k8s.io/{api_version}
kind: DeviceTaintRule
metadata: {{name: broken}}
spec:
{rule}
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {{name: c}}
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        deviceClassName: gpu
        count: 2
{toleration}"
    )
}

fn rule(selector: &str, effect: &str) -> String {
    format!(
        "  deviceSelector: {selector}\n  taint: {{key: example.com/broken, effect: {effect}}}\n"
    )
}

fn allocated(result: &RunResult) -> bool {
    matches!(result.implicit_pods[0].placement, Placement::Node(_))
}

const GATES_ON: &str = "DRADeviceTaints: true, DRADeviceTaintRules: true";

#[test]
fn the_effects_of_a_rule() {
    let one_device = "{device: gpu-1}";
    let no_schedule = run(&scenario(
        "1.35",
        GATES_ON,
        "v1alpha3",
        &rule(one_device, "NoSchedule"),
        "",
    ));
    assert!(!allocated(&no_schedule));
    let no_execute = run(&scenario(
        "1.35",
        GATES_ON,
        "v1alpha3",
        &rule(one_device, "NoExecute"),
        "",
    ));
    assert!(!allocated(&no_execute));
    let none = run(&scenario(
        "1.35",
        GATES_ON,
        "v1alpha3",
        &rule(one_device, "None"),
        "",
    ));
    assert!(allocated(&none));
    let tolerated = "        tolerations: [{key: example.com/broken, operator: Exists}]\n";
    let with_toleration = run(&scenario(
        "1.35",
        GATES_ON,
        "v1alpha3",
        &rule(one_device, "NoExecute"),
        tolerated,
    ));
    assert!(allocated(&with_toleration));
}

#[test]
fn which_devices_a_selector_names() {
    // Another driver: no device tainted.
    let other = run(&scenario(
        "1.36",
        GATES_ON,
        "v1beta2",
        &rule("{driver: other.example.com}", "NoSchedule"),
        "",
    ));
    assert!(allocated(&other));
    // An empty selector names every device; none names no device.
    let every = run(&scenario(
        "1.36",
        GATES_ON,
        "v1beta2",
        &rule("{}", "NoSchedule"),
        "",
    ));
    assert!(!allocated(&every));
    let nothing = run(&scenario(
        "1.36",
        GATES_ON,
        "v1beta2",
        &rule("null", "NoSchedule"),
        "",
    ));
    assert!(allocated(&nothing));
    // 1.34: the class and CEL selectors of the rule count.
    let by_cel = rule(
        "{selectors: [{cel: {expression: 'device.attributes[\"gpu.example.com\"].missing == 1'}}]}",
        "NoSchedule",
    );
    let v134 = run(&scenario(
        "1.34",
        "DRADeviceTaints: true",
        "v1alpha3",
        &by_cel,
        "",
    ));
    assert!(
        allocated(&v134),
        "a selector that fails to evaluate selects nothing"
    );
    let by_class = rule("{deviceClassName: gpu}", "NoSchedule");
    let v134 = run(&scenario(
        "1.34",
        "DRADeviceTaints: true",
        "v1alpha3",
        &by_class,
        "",
    ));
    assert!(!allocated(&v134));
}

#[test]
fn a_rule_belongs_to_its_gates_and_versions() {
    let taint_all = rule("{}", "NoSchedule");
    // 1.36 serves v1beta2, but DRADeviceTaintRules is off by default.
    let errors = run_scenario(
        &scenario("1.36", "", "v1beta2", &taint_all, ""),
        &RunOptions::default(),
    )
    .unwrap_err();
    assert!(
        errors[0].message.contains("DRADeviceTaintRules"),
        "{errors:#?}"
    );
    // 1.35 serves it as v1alpha3 only.
    let errors = run_scenario(
        &scenario("1.35", GATES_ON, "v1beta2", &taint_all, ""),
        &RunOptions::default(),
    )
    .unwrap_err();
    assert!(errors[0].message.contains("v1alpha3 only"), "{errors:#?}");
    // With validation skipped, a rule of a gate that is off taints nothing,
    // as the scheduler of that release would not apply it.
    let skipped = run_scenario(
        &scenario("1.36", "", "v1beta2", &taint_all, ""),
        &RunOptions {
            skip_validation: true,
        },
    )
    .unwrap();
    assert!(allocated(&skipped));
}
