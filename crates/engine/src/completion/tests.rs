use super::*;

/// The completion at the `|` of `text` (the bar taken out).
fn at_bar(text: &str) -> Option<(Completion, String)> {
    let offset = text.find('|').expect("a cursor");
    let text = text.replacen('|', "", 1);
    complete(&text, offset).map(|c| (c, text))
}

fn labels(text: &str) -> Vec<String> {
    at_bar(text)
        .map(|(c, _)| c.options.into_iter().map(|o| o.label).collect())
        .unwrap_or_default()
}

fn option(text: &str, label: &str) -> CompletionOption {
    let (completion, _) = at_bar(text).expect("a completion");
    completion
        .options
        .into_iter()
        .find(|o| o.label == label)
        .unwrap_or_else(|| panic!("no {label}"))
}

const CLAIM: &str = "\
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: big
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        deviceClassName: gpu.example.com
";

const SCENARIO: &str = "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu.example.com
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: nic.example.com
---
apiVersion: v1
kind: Node
metadata:
  name: node-1
  labels:
    zone: a
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
    generation: 1
    resourceSliceCount: 1
  devices:
  - name: gpu-0
    attributes:
      model:
        string: A100
      gpu.example.com/pcieRoot:
        string: pci-0
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata:
  name: one-gpu
  namespace: team-a
spec:
  spec:
    devices:
      requests:
      - name: gpu
        exactly:
          deviceClassName: gpu.example.com
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: shared
  namespace: team-a
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        deviceClassName: gpu.example.com
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: elsewhere
spec: {}
";

#[test]
fn the_root_of_a_claim_offers_its_fields_and_the_type_fields() {
    let text = "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\n|\n";
    assert_eq!(labels(text), ["metadata", "spec", "status"]);
    let text = "kind: ResourceClaim\nsp|\n";
    let names = labels(text);
    assert!(names.contains(&"apiVersion".to_owned()), "{names:?}");
    assert!(!names.contains(&"kind".to_owned()), "written already");
    let spec = option(text, "spec");
    assert_eq!(spec.insert, "spec:\n  ");
    assert_eq!(spec.detail, "ResourceClaimSpec");
    let text = "kind: DeviceClass\nmetadata:\n  |\n";
    assert_eq!(option(text, "name").detail, "string");
    assert_eq!(option(text, "labels").detail, "map[string]string");
    assert_eq!(spec.kind, OptionKind::Field);
}

#[test]
fn fields_inside_a_list_item_of_a_claim() {
    // The second key of a request: `name` is written, the others are offered.
    let text = CLAIM.replace("      exactly:\n", "      |\n      exactly:\n");
    let names = labels(&text);
    assert_eq!(names, ["firstAvailable"], "name and exactly are written");
    // Inside `exactly`, with a typed prefix: the word is replaced.
    let text = CLAIM.replace(
        "        deviceClassName: gpu.example.com\n",
        "        deviceClassName: gpu.example.com\n        allo|\n",
    );
    let (completion, plain) = at_bar(&text).expect("a completion");
    assert_eq!(&plain[completion.from..completion.to], "allo");
    let names: Vec<&str> = completion
        .options
        .iter()
        .map(|o| o.label.as_str())
        .collect();
    assert!(names.contains(&"allocationMode"), "{names:?}");
    assert!(names.contains(&"selectors"), "{names:?}");
    assert!(!names.contains(&"deviceClassName"), "{names:?}");
    let selectors = option(&text, "selectors");
    assert_eq!(selectors.insert, "selectors:\n        - ");
    assert_eq!(selectors.detail, "[]DeviceSelector");
    assert_eq!(option(&text, "count").insert, "count: ");
    assert_eq!(option(&text, "count").detail, "integer");
    assert_eq!(option(&text, "adminAccess").detail, "boolean");
    assert_eq!(option(&text, "capacity").detail, "CapacityRequirements");
    let text = text.replace("        allo|\n", "        capacity:\n          |\n");
    assert_eq!(option(&text, "requests").detail, "map[string]quantity");
    let text = CLAIM.replace("      exactly:\n", "      |\n      exactly:\n");
    assert_eq!(option(&text, "firstAvailable").detail, "[]DeviceSubRequest");
    // A new list item: the fields of a request.
    let text = CLAIM.replace(
        "        deviceClassName: gpu.example.com\n",
        "        deviceClassName: gpu.example.com\n    - |\n",
    );
    assert_eq!(labels(&text), ["exactly", "firstAvailable", "name"]);
}

#[test]
fn nested_lists_in_a_template_and_an_indented_list_style() {
    let text = "\
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
spec:
  spec:
    devices:
      requests:
        - name: gpu
          firstAvailable:
            - name: big
              selectors:
                - cel:
                    |
";
    assert_eq!(labels(text), ["expression"]);
    let text = text.replace("                    |\n", "              |\n");
    let names = labels(&text);
    assert!(names.contains(&"deviceClassName".to_owned()), "{names:?}");
    assert!(
        !names.contains(&"exactly".to_owned()),
        "a subrequest has no exactly"
    );
}

#[test]
fn a_key_being_renamed_keeps_its_colon() {
    let text = CLAIM.replace("      exactly:\n", "      exa|ctly:\n");
    let (completion, plain) = at_bar(&text).expect("a completion");
    assert_eq!(&plain[completion.from..completion.to], "exactly");
    let exactly = option(&text, "exactly");
    assert_eq!(exactly.insert, "exactly");
}

#[test]
fn closed_values_of_dra_fields() {
    let text = CLAIM.replace(
        "        deviceClassName: gpu.example.com\n",
        "        deviceClassName: gpu.example.com\n        allocationMode: |\n",
    );
    assert_eq!(labels(&text), ["All", "ExactCount"]);
    let text = CLAIM.replace(
        "        deviceClassName: gpu.example.com\n",
        "        deviceClassName: gpu.example.com\n        tolerations:\n        - operator: Exists\n          effect: No|\n",
    );
    assert_eq!(labels(&text), ["NoExecute", "NoSchedule", "None"]);
    assert_eq!(option(&text, "None").kind, OptionKind::Value);
    let text = CLAIM.replace(
        "        deviceClassName: gpu.example.com\n",
        "        deviceClassName: gpu.example.com\n        adminAccess: |\n",
    );
    assert_eq!(labels(&text), ["true", "false"]);
}

#[test]
fn closed_values_of_core_fields() {
    let text = "\
apiVersion: v1
kind: Pod
spec:
  tolerations:
  - key: gpu
    operator: |
";
    assert_eq!(labels(text), ["Equal", "Exists"]);
    let text = "apiVersion: v1\nkind: Node\nspec:\n  taints:\n  - effect: |\n";
    assert_eq!(
        labels(text),
        ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    );
}

#[test]
fn api_versions_and_kinds_are_those_the_loader_reads() {
    let kinds = labels("apiVersion: resource.k8s.io/v1\nkind: |\n");
    assert_eq!(
        kinds,
        [
            "DeviceClass",
            "ResourceSlice",
            "ResourceClaim",
            "ResourceClaimTemplate"
        ]
    );
    let versions = labels("kind: DeviceTaintRule\napiVersion: |\n");
    assert_eq!(
        versions,
        ["resource.k8s.io/v1beta2", "resource.k8s.io/v1alpha3"]
    );
    let versions = labels("apiVersion: |\n");
    assert!(versions.contains(&"v1".to_owned()), "{versions:?}");
    assert!(versions.contains(&"playground.dra/v1alpha1".to_owned()));
    assert!(versions.contains(&"apps/v1".to_owned()));
    let kinds = labels("apiVersion: playground.dra/v1alpha1\nkind: |\n");
    assert_eq!(kinds, ["Scenario", "Step"]);
}

#[test]
fn core_kinds_and_workloads_use_the_field_tree() {
    let text = "\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    |
";
    let names = labels(text);
    assert!(names.contains(&"image".to_owned()), "{names:?}");
    assert!(names.contains(&"resources".to_owned()));
    assert!(!names.contains(&"name".to_owned()));
    let text = "\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      resourceClaims:
      - |
";
    let names = labels(text);
    assert!(
        names.contains(&"resourceClaimTemplateName".to_owned()),
        "{names:?}"
    );
    // A field's release, from the field tree.
    let text = "apiVersion: v1\nkind: Pod\nspec:\n  |\n";
    let option = option(text, "schedulingGroup");
    assert!(option.detail.contains("1.36"), "{}", option.detail);
}

#[test]
fn scenario_and_step_documents() {
    let text = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  |\n";
    let names = labels(text);
    assert_eq!(
        names,
        [
            "featureGates",
            "kubernetesVersion",
            "scoring",
            "searchBudget",
            "skipValidation"
        ]
    );
    let text =
        "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  kubernetesVersion: |\n";
    assert_eq!(labels(text), ["1.34", "1.35", "1.36"]);
    let text = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  featureGates:\n    DRAPrio|\n";
    let names = labels(text);
    assert!(
        names.contains(&"DRAPrioritizedList".to_owned()),
        "{names:?}"
    );
    let text = "\
apiVersion: playground.dra/v1alpha1
kind: Step
spec:
  at: 30s
  actions:
  - delete:
      kind: |
";
    let names = labels(text);
    assert!(names.contains(&"Pod".to_owned()) && names.contains(&"Node".to_owned()));
    let text = "apiVersion: playground.dra/v1alpha1\nkind: Step\nspec:\n  actions:\n  - |\n";
    assert_eq!(
        labels(text),
        ["delete", "setDeviceCondition", "taintDevice"]
    );
}

/// `text` appended to the scenario as one more document.
fn in_scenario(document: &str) -> String {
    format!("{SCENARIO}---\n{document}")
}

#[test]
fn a_device_class_name_offers_the_scenario_classes() {
    let text =
        in_scenario(&CLAIM.replace("deviceClassName: gpu.example.com", "deviceClassName: g|"));
    assert_eq!(labels(&text), ["gpu.example.com", "nic.example.com"]);
    let option = option(&text, "nic.example.com");
    assert_eq!(option.kind, OptionKind::Reference);
    assert_eq!(option.detail, "DeviceClass");
}

#[test]
fn a_pod_claim_offers_claims_and_templates_of_its_namespace() {
    let pod = "\
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: team-a
spec:
  nodeName: |
  resourceClaims:
  - name: gpu
    resourceClaimTemplateName: |
  - name: both
    resourceClaimName: |
  containers:
  - name: c
    resources:
      claims:
      - name: |
";
    let at = |n: usize| labels(&in_scenario(&keep_bar(pod, n)));
    assert_eq!(at(1), ["node-1"]);
    assert_eq!(at(2), ["one-gpu"]);
    assert_eq!(at(3), ["shared"], "not `elsewhere`, in namespace default");
    assert_eq!(at(4), ["both", "gpu"]);
    // Without a namespace: the default one.
    let pod = pod.replace("  namespace: team-a\n", "");
    assert_eq!(labels(&in_scenario(&keep_bar(&pod, 3))), ["elsewhere"]);
}

/// `text` with only its `n`-th bar (from 1).
fn keep_bar(text: &str, n: usize) -> String {
    let mut out = String::new();
    for (k, part) in text.split('|').enumerate() {
        if k == n {
            out.push('|');
        }
        out.push_str(part);
    }
    out
}

#[test]
fn constraints_offer_the_claim_requests_and_the_attributes() {
    let claim = "\
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: pair
spec:
  devices:
    requests:
    - name: a
      exactly:
        deviceClassName: gpu.example.com
    - name: b
      firstAvailable:
      - name: big
        deviceClassName: gpu.example.com
    constraints:
    - requests:
      - |
";
    assert_eq!(labels(&in_scenario(claim)), ["a", "b", "b/big"]);
    let claim = claim.replace("    - requests:\n      - |\n", "    - matchAttribute: |\n");
    assert_eq!(
        labels(&in_scenario(&claim)),
        ["gpu.example.com/model", "gpu.example.com/pcieRoot"]
    );
}

#[test]
fn nothing_inside_block_scalars_comments_flow_or_after_a_value() {
    let text = "\
apiVersion: resource.k8s.io/v1
kind: DeviceClass
spec:
  selectors:
  - cel:
      expression: |
        device.|
";
    assert!(at_bar(text).is_none());
    assert!(at_bar("apiVersion: v1\nkind: Pod\n# a com|\n").is_none());
    assert!(at_bar("apiVersion: v1\nkind: Pod\nspec: {nodeName: |}\n").is_none());
    assert!(at_bar("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a b|\n").is_none());
    // An unknown kind: only apiVersion and kind.
    assert_eq!(labels("kind: Gadget\n|\n"), ["apiVersion"]);
}

#[test]
fn documents_are_told_apart() {
    let text =
        format!("{CLAIM}---\napiVersion: resource.k8s.io/v1\nkind: DeviceClass\nspec:\n  |\n");
    assert_eq!(
        labels(&text),
        ["config", "extendedResourceName", "selectors"]
    );
    let text = format!("---\n{}", text);
    assert_eq!(
        labels(&text),
        ["config", "extendedResourceName", "selectors"]
    );
}
