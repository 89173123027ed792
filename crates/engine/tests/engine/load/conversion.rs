//! resource.k8s.io/v1beta1 and v1beta2 objects convert to v1 as the apiserver
//! converts them, and their fields keep the spans where they are written.

use dra_engine::api::Object;
use dra_engine::yaml::FieldPath;

use crate::support::load;

fn only(text: &str) -> (Object, dra_engine::load::LoadedObject) {
    let loaded = load(text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.objects.len(), 1);
    let o = loaded.objects.into_iter().next().unwrap();
    (o.object.clone(), o)
}

const V1BETA1_CLAIM: &str = "\
apiVersion: resource.k8s.io/v1beta1
kind: ResourceClaim
metadata:
  name: c
spec:
  devices:
    requests:
    - name: gpu
      deviceClassName: gpu.example.com
      count: 2
      selectors:
      - cel:
          expression: device.driver == \"x\"
      tolerations:
      - key: k
        operator: Exists
    - name: any
      firstAvailable:
      - name: small
        deviceClassName: small
";

const V1_CLAIM: &str = "\
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: c
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        deviceClassName: gpu.example.com
        count: 2
        selectors:
        - cel:
            expression: device.driver == \"x\"
        tolerations:
        - key: k
          operator: Exists
    - name: any
      firstAvailable:
      - name: small
        deviceClassName: small
";

#[test]
fn v1beta1_request_fields_move_into_exactly() {
    let (beta, loaded) = only(V1BETA1_CLAIM);
    let (v1, _) = only(V1_CLAIM);
    assert_eq!(beta, v1);
    let Object::ResourceClaim(claim) = &beta else {
        panic!()
    };
    let exact = claim.spec.devices.requests[0].exactly.as_ref().unwrap();
    // Defaulted after conversion.
    assert_eq!(exact.allocation_mode, "ExactCount");
    assert!(claim.spec.devices.requests[1].exactly.is_none());
    assert_eq!(claim.spec.devices.requests[1].first_available[0].count, 1);
    // The v1 path points at the v1beta1 text.
    let count = FieldPath::new("spec")
        .child("devices")
        .child("requests")
        .index(0)
        .child("exactly")
        .child("count");
    let e = loaded.spans.get(&count).unwrap();
    assert_eq!((e.value.start.line, e.value.start.column), (10, 14));
    let exactly = count.parent().unwrap();
    let e = loaded.spans.get(&exactly).unwrap();
    assert_eq!(e.key.unwrap().start.line, 9);
    assert_eq!(loaded.api_version, "resource.k8s.io/v1beta1");
}

#[test]
fn v1beta1_request_without_main_fields_has_no_exactly() {
    let text = "apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: c}\nspec:\n  devices:\n    requests:\n    - name: r\n      count: 0\n      deviceClassName: \"\"\n";
    let (o, _) = only(text);
    let Object::ResourceClaim(c) = o else {
        panic!()
    };
    assert!(c.spec.devices.requests[0].exactly.is_none());
}

#[test]
fn v1beta1_only_selectors_is_not_defaulted() {
    // v1beta1 defaulting only applies to requests that name a class.
    let text = "apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: c}\nspec:\n  devices:\n    requests:\n    - name: r\n      selectors: []\n";
    let (o, _) = only(text);
    let Object::ResourceClaim(c) = o else {
        panic!()
    };
    let exact = c.spec.devices.requests[0].exactly.as_ref().unwrap();
    assert_eq!(exact.allocation_mode, "");
    assert_eq!(exact.count, 0);
}

#[test]
fn v1_fields_are_unknown_in_v1beta1() {
    let text = "apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: c}\nspec:\n  devices:\n    requests:\n    - name: r\n      exactly: {deviceClassName: x}\n";
    let loaded = load(text);
    let d: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.span.start.line, d.span.start.column, d.message.as_str()))
        .collect();
    assert_eq!(
        d,
        vec![(
            8,
            7,
            "unknown field \"spec.devices.requests[0].exactly\" (not in resource.k8s.io/v1beta1)"
        )]
    );
}

const V1BETA1_SLICE: &str = "\
apiVersion: resource.k8s.io/v1beta1
kind: ResourceSlice
metadata:
  name: s
spec:
  driver: gpu.example.com
  nodeName: node-1
  allNodes: false
  pool: {name: p, generation: 1, resourceSliceCount: 1}
  devices:
  - name: gpu-0
    basic:
      attributes:
        model: {string: a100}
      capacity:
        memory: {value: 40Gi}
      taints:
      - {key: k, effect: NoSchedule}
";

#[test]
fn v1beta1_basic_devices_are_flattened() {
    let (o, loaded) = only(V1BETA1_SLICE);
    let Object::ResourceSlice(s) = o else {
        panic!()
    };
    assert_eq!(s.spec.all_nodes, None);
    assert_eq!(s.spec.node_name.as_deref(), Some("node-1"));
    let d = &s.spec.devices[0];
    assert_eq!(d.attributes["model"].string_value.as_deref(), Some("a100"));
    assert!(d.capacity.contains_key("memory"));
    assert_eq!(d.taints[0].effect, "NoSchedule");
    let path = FieldPath::new("spec")
        .child("devices")
        .index(0)
        .child("attributes")
        .key("model");
    let e = loaded.spans.get(&path).unwrap();
    assert_eq!(
        (e.key.unwrap().start.line, e.key.unwrap().start.column),
        (14, 9)
    );
}

#[test]
fn v1beta1_empty_node_name_is_unset() {
    let text = V1BETA1_SLICE
        .replace("nodeName: node-1", "nodeName: \"\"")
        .replace("allNodes: false", "allNodes: true");
    let (o, _) = only(&text);
    let Object::ResourceSlice(s) = o else {
        panic!()
    };
    assert_eq!(s.spec.node_name, None);
    assert_eq!(s.spec.all_nodes, Some(true));
}

#[test]
fn v1beta1_unknown_basic_field_is_positioned() {
    let text = V1BETA1_SLICE.replace("      taints:", "      color: red\n      taints:");
    let loaded = load(&text);
    assert_eq!(loaded.diagnostics.len(), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (17, 7));
    assert_eq!(
        d.message,
        "unknown field \"spec.devices[0].basic.color\" (not in resource.k8s.io/v1beta1)"
    );
    let text = V1BETA1_SLICE.replace("    basic:", "    attributes: {}\n    basic:");
    let loaded = load(&text);
    assert_eq!(loaded.diagnostics[0].span.start.line, 12);
}

#[test]
fn v1beta1_template_requests_are_converted() {
    let text = "apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaimTemplate\nmetadata: {name: t}\nspec:\n  spec:\n    devices:\n      requests:\n      - name: r\n        deviceClassName: c\n        allocationMode: All\n";
    let (o, _) = only(text);
    let Object::ResourceClaimTemplate(t) = o else {
        panic!()
    };
    let exact = t.spec.spec.devices.requests[0].exactly.as_ref().unwrap();
    assert_eq!(
        (
            exact.device_class_name.as_str(),
            exact.allocation_mode.as_str(),
            exact.count
        ),
        ("c", "All", 0)
    );
    assert_eq!(t.metadata.namespace, "default");
}

#[test]
fn v1beta2_is_v1() {
    let beta2 = V1_CLAIM.replace("resource.k8s.io/v1", "resource.k8s.io/v1beta2");
    let (a, la) = only(&beta2);
    let (b, _) = only(V1_CLAIM);
    assert_eq!(a, b);
    assert_eq!(la.api_version, "resource.k8s.io/v1beta2");
    let loaded = load(&beta2.replace("      exactly:", "      deviceClassName: x\n      exactly:"));
    assert_eq!(loaded.diagnostics.len(), 1);
    assert!(loaded.diagnostics[0]
        .message
        .starts_with("unknown field \"spec.devices.requests[0].deviceClassName\""));
}

#[test]
fn defaults() {
    let text = "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {name: c}\nspec:\n  devices:\n    requests:\n    - name: r\n      exactly:\n        deviceClassName: c\n        tolerations: [{key: k, value: v}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\n";
    let loaded = load(text);
    let Object::ResourceClaim(c) = &loaded.objects[0].object else {
        panic!()
    };
    assert_eq!(c.metadata.namespace, "default");
    let exact = c.spec.devices.requests[0].exactly.as_ref().unwrap();
    assert_eq!(
        (exact.allocation_mode.as_str(), exact.count),
        ("ExactCount", 1)
    );
    assert_eq!(exact.tolerations[0].operator, "Equal");
    assert_eq!(loaded.objects[1].object.metadata().namespace, "team");
}
