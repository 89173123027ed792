//! Decoding errors: each with its exact line and column.

use dra_engine::api::Object;

use crate::support::{load, only, problems};

/// (line, column, message) of every problem, loading without validation.
fn diags(text: &str) -> Vec<(usize, usize, String)> {
    problems(&load(text))
}

fn one(text: &str) -> (usize, usize, String) {
    only(diags(text))
}

const CLASS: &str = "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: gpu\n";

#[test]
fn a_valid_class_loads() {
    let loaded = load(CLASS);
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(loaded.objects.len(), 1);
    assert_eq!(loaded.objects[0].object.metadata().name, "gpu");
    assert_eq!(loaded.objects[0].api_version, "resource.k8s.io/v1");
}

#[test]
fn unknown_kind() {
    assert_eq!(
        one("apiVersion: resource.k8s.io/v1\nkind: DeviceClas\nmetadata: {name: x}\n"),
        (
            2,
            7,
            "unknown kind \"DeviceClas\" for apiVersion \"resource.k8s.io/v1\" (did you mean \"DeviceClass\"?)".into()
        )
    );
    // A kind of another group: where it is.
    let (l, c, m) = one("apiVersion: v1\nkind: DeviceClass\n");
    assert_eq!((l, c), (2, 7));
    assert_eq!(
        m,
        "unknown kind \"DeviceClass\" for apiVersion \"v1\": DeviceClass is resource.k8s.io/v1"
    );
}

#[test]
fn unknown_api_version() {
    let (l, c, m) = one("kind: DeviceClass\napiVersion: resource.k8s.io/v2\n");
    assert_eq!((l, c), (2, 13));
    assert!(
        m.starts_with("unknown apiVersion \"resource.k8s.io/v2\""),
        "{m}"
    );
    // Classic DRA's version is gone.
    let (l, _, m) = one("apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClaim\n");
    assert_eq!(l, 1);
    assert!(m.contains("removed in Kubernetes 1.31"), "{m}");
}

#[test]
fn missing_kind() {
    assert_eq!(
        one("apiVersion: v1\nmetadata: {name: x}\n"),
        (
            1,
            1,
            "kind: Required value: every object needs apiVersion and kind".into()
        )
    );
}

#[test]
fn unknown_field() {
    let text = format!("{CLASS}spec:\n  selector: []\n");
    assert_eq!(
        one(&text),
        (
            6,
            3,
            "unknown field \"spec.selector\" (did you mean \"selectors\"?)".into()
        )
    );
    let text = format!("{CLASS}  lables: {{a: b}}\n");
    assert_eq!(one(&text).0, 5);
    assert_eq!(one(&text).1, 3);
    assert!(one(&text)
        .2
        .starts_with("unknown field \"metadata.lables\""));
}

#[test]
fn wrong_type() {
    let text = "apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: s}\nspec:\n  driver: d\n  nodeName: n\n  pool: {name: p, generation: one, resourceSliceCount: 1}\n";
    assert_eq!(
        one(text),
        (
            7,
            31,
            "spec.pool.generation: expected an integer, got string \"one\"".into()
        )
    );
    let text = format!("{CLASS}spec:\n  selectors: {{cel: x}}\n");
    assert_eq!(
        one(&text),
        (
            6,
            14,
            "spec.selectors: expected a sequence, got a mapping".into()
        )
    );
}

#[test]
fn missing_required_field() {
    let text = "apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: s}\nspec:\n  driver: d\n  pool:\n    generation: 1\n";
    assert_eq!(one(text), (7, 5, "spec.pool.name: Required value".into()));
}

#[test]
fn duplicate_key() {
    let text = format!("{CLASS}metadata:\n  name: again\n");
    let d = diags(&text);
    assert_eq!(
        d[0],
        (
            5,
            1,
            "mapping key \"metadata\" already defined at line 3".into()
        )
    );
    // The first value is kept and the object still loads.
    let loaded = load(&text);
    assert_eq!(loaded.objects[0].object.metadata().name, "gpu");
}

#[test]
fn bad_yaml_syntax() {
    let text = format!("{CLASS}---\napiVersion: v1\nkind: Node\nmetadata: {{name: [x}}\n");
    let loaded = load(&text);
    // The first document still loads.
    assert_eq!(loaded.objects.len(), 1);
    assert_eq!(loaded.diagnostics.len(), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.span.start.line, 8);
    assert!(d.message.starts_with("YAML syntax error"), "{}", d.message);
    let (l, _, m) = one("a: b\n  c: d\n");
    assert_eq!(l, 2);
    assert!(m.starts_with("YAML syntax error"));
    let (l, c, m) = one("a: 'unterminated\n");
    assert_eq!((l, c), (1, 4), "{m}");
}

#[test]
fn yaml_1_1_booleans() {
    let scenario = |value: &str| {
        format!("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nspec:\n  featureGates:\n    DRAPrioritizedList: {value}\n")
    };
    for (value, on) in [
        ("yes", true),
        ("Yes", true),
        ("ON", true),
        ("y", true),
        ("True", true),
        ("no", false),
        ("Off", false),
        ("N", false),
        ("FALSE", false),
    ] {
        let loaded = load(&scenario(value));
        assert!(
            loaded.diagnostics.is_empty(),
            "{value}: {:?}",
            loaded.diagnostics
        );
        assert_eq!(loaded.features.prioritized_list, on, "{value}");
    }
    assert_eq!(
        one(&scenario("'yes'")),
        (5, 25, "spec.featureGates[DRAPrioritizedList]: expected a boolean (true or false), got string \"yes\"".into())
    );
    // Where a string is expected, the text stays as written.
    let loaded = load("apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels: {gpu: yes, version: 1.0, count: 010}\n");
    assert!(loaded.diagnostics.is_empty());
    let labels = &loaded.objects[0].object.metadata().labels;
    assert_eq!(labels["gpu"], "yes");
    assert_eq!(labels["version"], "1.0");
    assert_eq!(labels["count"], "010");
}

#[test]
fn not_an_object() {
    assert_eq!(
        one("- a\n- b\n"),
        (
            1,
            1,
            "expected a Kubernetes object (a mapping with apiVersion and kind), got a sequence"
                .into()
        )
    );
    assert!(diags("").is_empty());
    assert!(diags("---\n---\n# nothing\n").is_empty());
}

#[test]
fn lists_contribute_their_items() {
    let text = "apiVersion: v1\nkind: List\nmetadata: {}\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Nod\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n";
    let loaded = load(text);
    let kinds: Vec<(&str, Option<usize>)> = loaded
        .objects
        .iter()
        .map(|o| (o.object.kind(), o.item))
        .collect();
    assert_eq!(kinds, vec![("Node", Some(0)), ("Pod", Some(2))]);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].span.start.line, 9);
    // Spans of items are positions in the whole text.
    let pod = &loaded.objects[1];
    assert_eq!(pod.spans.object.start.line, 10);
    assert_eq!(
        one("apiVersion: v1\nkind: List\nitemz: []\n"),
        (
            3,
            1,
            "unknown field \"itemz\" (known fields: apiVersion, kind, metadata, items)".into()
        )
    );
}

#[test]
fn documents_are_numbered_in_the_stream() {
    let text = format!("---\n{CLASS}---\n---\napiVersion: v1\nkind: Node\nmetadata: {{name: n}}\n");
    let loaded = load(&text);
    let docs: Vec<usize> = loaded.objects.iter().map(|o| o.document).collect();
    assert_eq!(docs, vec![0, 2]);
    assert!(matches!(loaded.objects[1].object, Object::Node(_)));
}

#[test]
fn loading_goes_on_after_errors() {
    let text = format!(
        "apiVersion: v1\nkind: Node\nmetadata: {{name: n, bad: 1}}\n---\n{CLASS}---\nkind: Pod\n"
    );
    let loaded = load(&text);
    assert_eq!(loaded.objects.len(), 1);
    let lines: Vec<usize> = loaded
        .diagnostics
        .iter()
        .map(|d| d.span.start.line)
        .collect();
    assert_eq!(lines, vec![3, 10]);
}

#[test]
fn quantities_are_checked_where_written() {
    let text = "apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: s}\nspec:\n  driver: d\n  nodeName: n\n  pool: {name: p, resourceSliceCount: 1}\n  devices:\n  - name: d\n    capacity:\n      memory: {value: 10Gx}\n";
    let (l, c, m) = one(text);
    assert_eq!((l, c), (11, 23));
    assert!(
        m.starts_with("spec.devices[0].capacity[memory].value: "),
        "{m}"
    );
    // Numbers are quantities too.
    let loaded = load(&text.replace("10Gx", "1.5"));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}
