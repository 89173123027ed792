//! Validation as the apiserver does it, each error at its field's position.

use crate::support::{load, load_validated, only, problems};

/// (line, column, message) of every problem, validating.
fn diags(text: &str) -> Vec<(usize, usize, String)> {
    problems(&load_validated(text))
}

fn one(text: &str) -> (usize, usize, String) {
    only(diags(text))
}

fn claim(requests: &str) -> String {
    format!("apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: claim\nspec:\n  devices:\n    requests:\n{requests}")
}

fn slice(spec: &str) -> String {
    format!("apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata:\n  name: slice\nspec:\n  driver: gpu.example.com\n  pool: {{name: pool, resourceSliceCount: 1}}\n{spec}")
}

const EXACT: &str = "    - name: gpu\n      exactly:\n        deviceClassName: gpu\n";

#[test]
fn valid_objects_have_no_diagnostics() {
    assert!(diags(&claim(EXACT)).is_empty());
    assert!(diags(&slice("  nodeName: node-1\n  devices:\n  - name: gpu-0\n    attributes:\n      model: {string: a100}\n      gpu.example.com/index: {int: 0}\n")).is_empty());
    assert!(diags("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: claim\n").is_empty());
}

#[test]
fn count_must_be_positive() {
    assert_eq!(
        one(&claim(&format!(
            "{EXACT}        count: -1\n        allocationMode: ExactCount\n"
        ))),
        (
            11,
            16,
            "spec.devices.requests[0].exactly.count: Invalid value: -1: must be greater than zero"
                .into()
        )
    );
    // 0 is "unset" (omitempty) and defaults to 1, as in the apiserver.
    assert!(diags(&claim(&format!("{EXACT}        count: 0\n"))).is_empty());
}

#[test]
fn names() {
    let text = claim(EXACT).replace("name: claim", "name: Claim_1");
    let (l, c, m) = one(&text);
    assert_eq!((l, c), (4, 9));
    assert!(
        m.starts_with("metadata.name: Invalid value: \"Claim_1\": a lowercase RFC 1123 subdomain"),
        "{m}"
    );
    let text = claim(EXACT).replace("metadata:\n  name: claim\n", "metadata: {}\n");
    assert_eq!(
        one(&text),
        (
            3,
            1,
            "metadata.name: Required value: name or generateName is required".into()
        )
    );
    let text = claim(&EXACT.replace("name: gpu", "name: GPU"));
    assert_eq!(one(&text).0, 8);
    assert!(one(&text).2.starts_with(
        "spec.devices.requests[0].name: Invalid value: \"GPU\": a lowercase RFC 1123 label"
    ));
    // Cluster-scoped objects have no namespace.
    let text = slice("  nodeName: n\n").replace("name: slice", "name: slice\n  namespace: x");
    assert_eq!(
        one(&text),
        (
            5,
            14,
            "metadata.namespace: Forbidden: not allowed on this type".into()
        )
    );
}

#[test]
fn list_limits() {
    let many: String = (0..33)
        .map(|i| format!("    - name: r{i}\n      exactly: {{deviceClassName: gpu}}\n"))
        .collect();
    assert_eq!(
        one(&claim(&many)),
        (
            7,
            5,
            "spec.devices.requests: Too many: 33: must have at most 32 items".into()
        )
    );
    let sub: String = (0..9)
        .map(|i| format!("      - {{name: s{i}, deviceClassName: gpu}}\n"))
        .collect();
    assert_eq!(
        one(&claim(&format!(
            "    - name: r\n      firstAvailable:\n{sub}"
        ))),
        (
            9,
            7,
            "spec.devices.requests[0].firstAvailable: Too many: 9: must have at most 8 items"
                .into()
        )
    );
    let devices: String = (0..129).map(|i| format!("  - name: d{i}\n")).collect();
    assert_eq!(
        one(&slice(&format!("  nodeName: n\n  devices:\n{devices}"))),
        (
            9,
            3,
            "spec.devices: Too many: 129: must have at most 128 items".into()
        )
    );
    // With taints (an advanced feature), 64.
    let devices: String = (0..65)
        .map(|i| format!("  - name: d{i}\n    taints: [{{key: k, effect: NoSchedule}}]\n"))
        .collect();
    assert_eq!(
        one(&slice(&format!("  nodeName: n\n  devices:\n{devices}"))).2,
        "spec.devices: Too many: 65: must have at most 64 items"
    );
    let attrs: String = (0..33)
        .map(|i| format!("      a{i}: {{int: {i}}}\n"))
        .collect();
    assert_eq!(
        one(&slice(&format!("  nodeName: n\n  devices:\n  - name: d\n    attributes:\n{attrs}"))),
        (10, 5, "spec.devices[0]: Invalid value: 33: the total number of attributes and capacities must not exceed 32".into())
    );
}

#[test]
fn enum_values() {
    assert_eq!(
        one(&claim(&format!("{EXACT}        allocationMode: Some\n"))),
        (11, 25, "spec.devices.requests[0].exactly.allocationMode: Unsupported value: \"Some\": supported values: \"All\", \"ExactCount\"".into())
    );
    assert_eq!(
        one(&slice("  nodeName: n\n  devices:\n  - name: d\n    taints:\n    - {key: k, effect: Never}\n")),
        (12, 24, "spec.devices[0].taints[0].effect: Unsupported value: \"Never\": supported values: \"NoExecute\", \"NoSchedule\", \"None\"".into())
    );
    assert_eq!(
        one(&claim(&format!("{EXACT}        tolerations:\n        - {{key: k, operator: Is}}\n"))),
        (12, 30, "spec.devices.requests[0].exactly.tolerations[0].operator: Unsupported value: \"Is\": supported values: \"Equal\", \"Exists\"".into())
    );
    assert_eq!(
        one(&claim(&format!("{EXACT}        allocationMode: All\n        count: 2\n"))).2,
        "spec.devices.requests[0].exactly.count: Invalid value: 2: must not be specified when allocationMode is 'All'"
    );
}

#[test]
fn required_fields() {
    assert_eq!(
        one(&claim("    - name: gpu\n      exactly: {count: 1}\n")),
        (
            9,
            7,
            "spec.devices.requests[0].exactly.deviceClassName: Required value".into()
        )
    );
    assert_eq!(
        one(&claim(&format!(
            "{EXACT}        selectors:\n        - {{}}\n"
        ))),
        (
            12,
            11,
            "spec.devices.requests[0].exactly.selectors[0].cel: Required value".into()
        )
    );
    let text = format!("{}    constraints:\n    - requests: [gpu]\n", claim(EXACT));
    assert_eq!(one(&text), (12, 7, "spec.devices.constraints[0]: Required value: exactly one of \"matchAttribute\" or \"distinctAttribute\" is required, but multiple fields are set".into()));
    let (l, c, m) = one(&slice("  nodeName: n\n").replace("name: pool, ", ""));
    assert_eq!((l, c, m.as_str()), (7, 9, "spec.pool.name: Required value"));
}

#[test]
fn exactly_one_of() {
    assert_eq!(
        one(&claim("    - name: gpu\n")),
        (8, 7, "spec.devices.requests[0]: Required value: exactly one of `exactly` or `firstAvailable` is required".into())
    );
    assert_eq!(
        one(&claim("    - name: gpu\n      exactly: {deviceClassName: a}\n      firstAvailable: [{name: x, deviceClassName: b}]\n")),
        (8, 7, "spec.devices.requests[0]: Invalid value: null: exactly one of `exactly` or `firstAvailable` is required, but multiple fields are set".into())
    );
    assert_eq!(
        one(&slice("")),
        (5, 1, "spec: Required value: exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required".into())
    );
    assert_eq!(
        one(&slice("  nodeName: n\n  allNodes: true\n")),
        (5, 1, "spec: Invalid value: \"{`nodeName`, `allNodes`}\": exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required, but multiple fields are set".into())
    );
    assert_eq!(
        one(&slice("  nodeName: n\n  devices:\n  - name: d\n    nodeName: n\n")),
        (10, 5, "spec.devices[0]: Invalid value: null: `nodeName`, `nodeSelector` and `allNodes` can only be set if `perDeviceNodeSelection` is set to true in the ResourceSlice spec".into())
    );
}

#[test]
fn qualified_names() {
    let (l, c, m) = one(&slice(
        "  nodeName: n\n  devices:\n  - name: d\n    attributes:\n      1bad: {int: 1}\n",
    ));
    assert_eq!((l, c), (12, 7));
    assert!(
        m.starts_with(
            "spec.devices[0].attributes[1bad]: Invalid value: \"1bad\": a valid C identifier"
        ),
        "{m}"
    );
    let (l, c, m) = one(&format!(
        "{}    constraints:\n    - {{requests: [gpu], matchAttribute: model}}\n",
        claim(EXACT)
    ));
    assert_eq!((l, c), (12, 41));
    assert_eq!(m, "spec.devices.constraints[0].matchAttribute: Invalid value: \"model\": a fully qualified name must be a domain and a name separated by a slash");
    let (_, _, m) = one(&format!(
        "{}    constraints:\n    - {{requests: [cpu], matchAttribute: a.b/model}}\n",
        claim(EXACT)
    ));
    assert_eq!(m, "spec.devices.constraints[0].requests[0]: Invalid value: \"cpu\": must be the name of a request in the claim or the name of a request and a subrequest separated by '/'");
}

#[test]
fn duplicates() {
    let text = claim(&format!("{EXACT}{EXACT}"));
    assert_eq!(
        one(&text),
        (
            11,
            7,
            "spec.devices.requests[1]: Duplicate value: \"gpu\"".into()
        )
    );
}

#[test]
fn cel_expressions() {
    let long = "x".repeat(10 * 1024 + 1);
    assert_eq!(
        one(&claim(&format!("{EXACT}        selectors:\n        - cel:\n            expression: {long}\n"))),
        (13, 25, "spec.devices.requests[0].exactly.selectors[0].cel.expression: Too long: may not be more than 10240 bytes".into())
    );
    // Whatever the compiler says about an expression is reported at the expression.
    let d = diags(&claim(&format!(
        "{EXACT}        selectors:\n        - cel:\n            expression: device.driver == 1 +\n"
    )));
    for (line, column, message) in &d {
        assert_eq!(*line, 13);
        assert!(*column >= 25, "{column}");
        assert!(
            message.starts_with("spec.devices.requests[0].exactly.selectors[0].cel.expression: "),
            "{message}"
        );
    }
    assert!(!d.is_empty());
    // cel-go's optimizer converts constants while the apiserver makes the
    // program: a conversion that fails is an internal error.
    assert_eq!(
        one(&claim(&format!(
            "{EXACT}        selectors:\n        - cel:\n            expression: device.driver == string(int(\"x\"))\n"
        ))),
        (13, 25, "spec.devices.requests[0].exactly.selectors[0].cel.expression: Internal error: program instantiation failed: type conversion error from 'string' to 'int'".into())
    );
}

#[test]
fn fields_of_disabled_gates() {
    let gates = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  featureGates: {DRAPrioritizedList: false, DRADeviceTaints: false}\n---\n";
    let text = format!(
        "{gates}{}",
        claim("    - name: r\n      firstAvailable: [{name: a, deviceClassName: b}]\n")
    );
    assert_eq!(
        one(&text),
        (14, 7, "spec.devices.requests[0].firstAvailable: Forbidden: requires feature gate DRAPrioritizedList, which is disabled (the apiserver would drop this field)".into())
    );
    let text = format!(
        "{gates}{}",
        slice(
            "  nodeName: n\n  devices:\n  - name: d\n    taints: [{key: k, effect: NoSchedule}]\n"
        )
    );
    let (l, c, m) = one(&text);
    assert_eq!((l, c), (16, 5));
    assert!(
        m.starts_with("spec.devices[0].taints: Forbidden: requires feature gate DRADeviceTaints")
    );
}

#[test]
fn fields_of_a_later_release() {
    let version = |v: &str| {
        format!("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  kubernetesVersion: \"{v}\"\n---\n")
    };
    let later = slice(
        "  nodeName: n\n  partitionTypeAttribute: gpu.example.com/profile\n  skipNodeOperations: [\"*\"]\n  devices:\n  - name: d\n    nodeAllocatableResources:\n      memory: {overhead: {perPod: 1Gi}}\n",
    );
    let d = diags(&format!("{}{later}", version("1.36")));
    let want = [
        (14, 27, "spec.partitionTypeAttribute: Forbidden: added in Kubernetes 1.37 (feature gate DRAPartitionableDevicesType); Kubernetes 1.36 does not have this field (its apiserver refuses it as an unknown field)"),
        (15, 3, "spec.skipNodeOperations: Forbidden: added in Kubernetes 1.37 (feature gate DRAOptionalNodeOperations); Kubernetes 1.36 does not have this field (its apiserver refuses it as an unknown field)"),
        (18, 5, "spec.devices[0].nodeAllocatableResources: Forbidden: added in Kubernetes 1.37 (feature gate DRANodeAllocatableResources); Kubernetes 1.36 does not have this field (its apiserver refuses it as an unknown field)"),
    ];
    let want: Vec<(usize, usize, String)> = want
        .iter()
        .map(|(l, c, m)| (*l, *c, m.to_string()))
        .collect();
    assert_eq!(d, want);
    // Without a version, the playground reads the newest API.
    assert_eq!(diags(&later), []);

    // A field of a gate that the release does not have yet names the
    // release, not the (unknown) gate; in the release that added it, the gate.
    let list = slice(
        "  nodeName: n\n  devices:\n  - name: d\n    attributes:\n      numa: {ints: [0, 1]}\n",
    );
    assert_eq!(
        one(&format!("{}{list}", version("1.35"))).2,
        "spec.devices[0].attributes[numa].ints: Forbidden: added in Kubernetes 1.36 (feature gate DRAListTypeAttributes); Kubernetes 1.35 does not have this field (its apiserver refuses it as an unknown field)"
    );
    assert_eq!(
        one(&format!("{}{list}", version("1.36"))).2,
        "spec.devices[0].attributes[numa].ints: Forbidden: requires feature gate DRAListTypeAttributes, which is disabled (the apiserver would drop this field)"
    );

    // A claim allocated by a later scheduler.
    let allocated = format!(
        "{}{}status:\n  allocation:\n    devices:\n      results:\n      - {{request: gpu, driver: gpu.example.com, pool: p, device: d, skipNodeOperations: [\"*\"]}}\n",
        version("1.36"),
        claim(EXACT)
    );
    let (line, _, message) = one(&allocated);
    assert_eq!(line, 20);
    assert!(
        message.starts_with("status.allocation.devices.results[0].skipNodeOperations: Forbidden: added in Kubernetes 1.37"),
        "{message}"
    );
}

#[test]
fn pods() {
    let (l, c, m) = one(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resourceClaims:\n  - name: gpu\n",
    );
    assert_eq!((l, c), (6, 5));
    assert!(
        m.starts_with(
            "spec.resourceClaims[0]: Invalid value: {\"name\":\"gpu\"}: must specify one of"
        ),
        "{m}"
    );
}

#[test]
fn skip_validation_skips_it() {
    let text = claim("    - name: GPU\n");
    assert!(load(&text).diagnostics.is_empty());
    assert_eq!(diags(&text).len(), 2);
}

#[test]
fn the_scenario_document_can_skip_validation() {
    let settings = |value: &str| {
        format!("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: s\nspec:\n  skipValidation: {value}\n---\n")
    };
    let invalid = claim("    - name: GPU\n");
    assert!(diags(&format!("{}{invalid}", settings("true"))).is_empty());
    assert_eq!(diags(&format!("{}{invalid}", settings("false"))).len(), 2);
    // Not a boolean: a decoding error at the value, and validation runs.
    let (line, column, message) = diags(&format!("{}{invalid}", settings("\"yes\"")))
        .into_iter()
        .find(|(line, ..)| *line == 6)
        .expect("an error at the value");
    assert_eq!((line, column), (6, 19));
    assert!(message.contains("bool"), "{message}");
}

#[test]
fn capacity_request_policies() {
    let device = |policy: &str| {
        slice(&format!(
            "  nodeName: n\n  devices:\n  - name: d\n    allowMultipleAllocations: true\n    capacity:\n      memory:\n        value: 10Gi\n        requestPolicy:\n{policy}"
        ))
    };
    assert!(diags(&device(
        "          default: 1Gi\n          validValues: [1Gi, 2Gi]\n"
    ))
    .is_empty());
    assert_eq!(
        one(&device("          default: 1Gi\n          validValues: [2Gi, 1Gi]\n")),
        (17, 30, "spec.devices[0].capacity[memory].requestPolicy.validValues[1]: Invalid value: \"1Gi\": values must be sorted in ascending order".into())
    );
    assert_eq!(
        one(&device("          default: 3Gi\n          validValues: [1Gi, 2Gi]\n")).2,
        "spec.devices[0].capacity[memory].requestPolicy.validValues: Invalid value: \"3Gi\": default value is not valid according to the requestPolicy"
    );
    assert_eq!(
        one(&device("          default: 1Gi\n          validRange: {min: 1Gi, max: 20Gi}\n")).2,
        "spec.devices[0].capacity[memory].requestPolicy.validRange.max: Invalid value: \"20Gi\": max is larger than capacity value: 10Gi"
    );
    assert_eq!(
        one(&device("          default: 1Gi\n          validRange: {min: 1Gi, step: 2Gi, max: 4Gi}\n")).2,
        "spec.devices[0].capacity[memory].requestPolicy.validRange.step: Invalid value: \"4Gi\": value is not a multiple of a given step (2Gi) from (1Gi)"
    );
    // Without allowMultipleAllocations no policy is allowed.
    let text =
        device("          default: 1Gi\n").replace("    allowMultipleAllocations: true\n", "");
    assert_eq!(
        one(&text),
        (14, 9, "spec.devices[0].capacity[memory].requestPolicy: Forbidden: allowMultipleAllocations must be true".into())
    );
}

#[test]
fn new_selectors_cannot_use_fields_of_disabled_gates() {
    let class = |gate: &str| {
        format!(
            "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec:\n  featureGates: {{DRAListTypeAttributes: {gate}}}\n---\n\
             apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: gpu\nspec:\n  selectors:\n  - cel:\n      expression: device.attributes[\"a.b\"].x.includes(1)\n"
        )
    };
    assert!(diags(&class("true")).is_empty());
    let (line, column, message) = one(&class("false"));
    assert_eq!((line, column), (14, 54));
    assert!(
        message.contains("undeclared reference to 'includes'"),
        "{message}"
    );
}
