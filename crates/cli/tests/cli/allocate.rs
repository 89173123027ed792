//! The command-line contract of SCENARIO.md: output formats, standard input,
//! exit statuses and positioned diagnostics.

use std::process::Output;

use crate::support::{dra_playground, repo_file, yaml_documents};

const SCENARIO: &str = "\
apiVersion: resource.k8s.io/v1
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
  name: node-1-gpus
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
  - name: gpu-0
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: one-gpu
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
  name: trainer
spec:
  resourceClaims:
  - name: gpu
    resourceClaimName: one-gpu
---
apiVersion: v1
kind: Pod
metadata:
  name: second
spec:
  resourceClaims:
  - name: gpu
    resourceClaimTemplateName: missing
";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("output is UTF-8")
}

/// The documents a successful `allocate` printed: a claim, then two pods.
fn allocated(args: &[&str], stdin: &str) -> Vec<serde_json::Value> {
    let output = dra_playground(args, stdin);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docs = yaml_documents(&stdout(&output)).expect("output is YAML");
    let kinds: Vec<&str> = docs
        .iter()
        .map(|d| d["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["ResourceClaim", "Pod", "Pod"]);
    docs
}

#[test]
fn allocate_prints_claims_then_pods_as_yaml() {
    let docs = allocated(&["allocate", "-"], SCENARIO);

    let result = &docs[0]["status"]["allocation"]["devices"]["results"][0];
    assert_eq!(result["device"], "gpu-0");
    assert_eq!(result["pool"], "node-1");
    assert_eq!(result["request"], "gpu");
    let selector = &docs[0]["status"]["allocation"]["nodeSelector"]["nodeSelectorTerms"][0];
    assert_eq!(selector["matchFields"][0]["values"][0], "node-1");
    assert_eq!(docs[0]["status"]["reservedFor"][0]["name"], "trainer");

    assert_eq!(docs[1]["spec"]["nodeName"], "node-1");
    let condition = &docs[2]["status"]["conditions"][0];
    assert_eq!(condition["type"], "PodScheduled");
    assert_eq!(condition["status"], "False");
    assert_eq!(condition["reason"], "Unschedulable");
    assert!(
        condition["message"]
            .as_str()
            .unwrap_or("")
            .contains("missing"),
        "the message names the missing template: {condition}"
    );
}

#[test]
fn allocate_prints_a_json_list() {
    let output = dra_playground(&["allocate", "--output", "json", "-"], SCENARIO);
    assert!(output.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(list["kind"], "List");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(list["items"][1]["spec"]["nodeName"], "node-1");
}

#[test]
fn what_is_not_simulated_is_said_on_standard_error() {
    let with_service = format!(
        "apiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec: {{ports: [{{port: 80}}]}}\n---\n{SCENARIO}"
    );
    let output = dra_playground(&["allocate", "-"], with_service);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("<stdin>:2:7: info: Service (v1) is not simulated"),
        "{stderr}"
    );
    assert_eq!(yaml_documents(&stdout(&output)).unwrap().len(), 3);
}

#[test]
fn invalid_input_exits_2_with_file_line_column() {
    let dir = std::env::temp_dir().join(format!("dra-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bad.yaml");
    let bad = SCENARIO.replace(
        "  driver: gpu.example.com\n",
        "  driver: gpu.example.com\n  drivr: typo\n",
    );
    std::fs::write(&file, bad).expect("write");
    let path = file.to_str().expect("UTF-8 path");
    let output = dra_playground(&["allocate", path], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing is printed on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The unknown field is on line 16, column 3.
    assert!(stderr.starts_with(&format!("{path}:16:3: ")), "{stderr}");
    assert!(stderr.contains("drivr"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unreadable_file_exits_2() {
    let output = dra_playground(&["allocate", "/nonexistent/scenario.yaml"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/scenario.yaml"));
}

#[test]
fn skip_validation_lets_the_allocator_decide() {
    // A negative count is refused by validation; without it the allocator's own checks run.
    let scenario = SCENARIO.replace(
        "        deviceClassName: gpu\n",
        "        deviceClassName: gpu\n        count: -1\n",
    );
    let validated = dra_playground(&["allocate", "-"], &scenario);
    assert_eq!(validated.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&validated.stderr).contains("count"));
    let skipped = dra_playground(&["allocate", "--skip-validation", "-"], &scenario);
    assert!(
        skipped.status.success(),
        "{}",
        String::from_utf8_lossy(&skipped.stderr)
    );
}

#[test]
fn claims_without_pods_are_allocated_as_pods_of_their_own() {
    // No Pod documents: each claim runs as if a pod of its own used it.
    let without_pods = SCENARIO
        .split("---\napiVersion: v1\nkind: Pod")
        .next()
        .unwrap_or_default();
    let two_gpus = without_pods.replace(
        "        deviceClassName: gpu\n",
        "        deviceClassName: gpu\n        count: 2\n",
    );

    let output = dra_playground(&["allocate", "-"], without_pods);
    assert!(output.status.success());
    let docs = yaml_documents(&stdout(&output)).expect("YAML");
    assert_eq!(docs.len(), 1, "only the claim is printed");
    assert_eq!(
        docs[0]["status"]["allocation"]["devices"]["results"][0]["device"],
        "gpu-0"
    );

    let output = dra_playground(&["allocate", "-"], &two_gpus);
    assert!(
        output.status.success(),
        "an unallocated claim is an outcome, not an error"
    );
    let docs = yaml_documents(&stdout(&output)).expect("YAML");
    assert!(docs[0]["status"]["allocation"].is_null());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("claim one-gpu: not allocated: 0/1 nodes are available"),
        "{stderr}"
    );
}

#[test]
fn binary_input_is_refused_at_the_first_bad_byte() {
    let garbage: &[u8] = b"apiVersion: v1\nkind: P\xffod\n\x00\x01";
    let output = dra_playground(&["allocate", "-"], garbage);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("<stdin>:2:8: "), "{stderr}");
}

#[test]
fn empty_and_nested_input_is_refused_with_a_position() {
    for (input, position) in [
        ("", "<stdin>:1:1: the scenario is empty"),
        (
            "# nothing but a comment\n---\n",
            "<stdin>:1:1: the scenario is empty",
        ),
        (&"[".repeat(10_000) as &str, "<stdin>:1:"),
    ] {
        // Every command that runs a scenario refuses it alike.
        let refusals: Vec<(Option<i32>, String)> = ["allocate", "explain"]
            .iter()
            .map(|command| {
                let output = dra_playground(&[command, "-"], input);
                let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
                (output.status.code(), stderr)
            })
            .collect();
        let (code, stderr) = &refusals[0];
        assert_eq!(*code, Some(2), "{input:.20}");
        assert!(stderr.starts_with(position), "{stderr}");
        assert_eq!(refusals[1], refusals[0], "explain and allocate differ");
    }
}

#[test]
fn a_missing_attribute_aborts_scheduling_with_kubernetes_hint() {
    let scenario = SCENARIO.replace(
        "        deviceClassName: gpu\n",
        "        deviceClassName: gpu\n        selectors:\n        - cel:\n            expression: device.attributes[\"gpu.example.com\"].model == \"a100\"\n",
    );
    let output = dra_playground(&["allocate", "-"], &scenario);
    assert!(output.status.success());
    let docs = yaml_documents(&stdout(&output)).expect("YAML");
    let message = docs[1]["status"]["conditions"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("selector #0 on device gpu.example.com/node-1/gpu-0: CEL runtime error: no such key: model. consider using CEL optional chaining"),
        "{message}"
    );
}

#[test]
fn extended_resources_get_a_claim_where_dra_serves_them() {
    let example = repo_file("examples/extended-resources.yaml");
    let docs = allocated(&["allocate", example.to_str().expect("UTF-8 path")], "");
    let claim = &docs[0];
    assert_eq!(claim["metadata"]["name"], "uses-dra-extended-resources");
    assert_eq!(
        claim["metadata"]["annotations"]["resource.kubernetes.io/extended-resource-claim"],
        "true"
    );
    let request = &claim["spec"]["devices"]["requests"][0];
    assert_eq!(request["name"], "container-0-request-0");
    assert_eq!(request["exactly"]["count"], 2);
    let results = claim["status"]["allocation"]["devices"]["results"]
        .as_array()
        .expect("results");
    assert_eq!(results.len(), 2);

    // The device plugin's pod: its node, no claim; its request defaulted
    // from the limit.
    assert_eq!(docs[1]["spec"]["nodeName"], "plugin-node");
    let resources = &docs[1]["spec"]["containers"][0]["resources"];
    assert_eq!(resources["requests"]["example.com/gpu"], "1");
    assert!(docs[1]["status"].is_null());

    assert_eq!(docs[2]["spec"]["nodeName"], "dra-node");
    let status = &docs[2]["status"]["extendedResourceClaimStatus"];
    assert_eq!(status["resourceClaimName"], "uses-dra-extended-resources");
    let mapping = &status["requestMappings"][0];
    assert_eq!(mapping["containerName"], "app");
    assert_eq!(mapping["resourceName"], "example.com/gpu");
    assert_eq!(mapping["requestName"], "container-0-request-0");
}

/// Two nodes, the second with more room: scoring picks it, `--no-scoring`
/// takes the first feasible node in document order.
const TWO_NODES: &str = "\
apiVersion: v1
kind: Node
metadata: {name: small}
status:
  allocatable: {cpu: \"4\", pods: \"110\"}
---
apiVersion: v1
kind: Node
metadata: {name: large}
status:
  allocatable: {cpu: \"64\", pods: \"110\"}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    resources: {requests: {cpu: \"1\"}}
";

fn node_of_p(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docs = yaml_documents(&String::from_utf8_lossy(&output.stdout)).unwrap();
    docs.iter()
        .find(|d| d["kind"] == "Pod")
        .and_then(|p| p["spec"]["nodeName"].as_str())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn no_scoring_takes_the_first_feasible_node() {
    assert_eq!(
        node_of_p(&dra_playground(&["allocate", "-"], TWO_NODES)),
        "large"
    );
    assert_eq!(
        node_of_p(&dra_playground(
            &["allocate", "--no-scoring", "-"],
            TWO_NODES
        )),
        "small"
    );
    let explained = dra_playground(&["explain", "--no-scoring", "-"], TWO_NODES);
    let text = String::from_utf8_lossy(&explained.stdout);
    assert!(
        text.contains("scoring is off: the first feasible node in document order wins"),
        "{text}"
    );
}
