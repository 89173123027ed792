//! Where Kubernetes itself may differ: for a scenario's release and gates,
//! Kubernetes runs its stable, incubating or experimental allocator (each
//! release with its own code); the explanation says so when the one it runs
//! treats something in the scenario differently from the playground's.

use std::path::PathBuf;

use dra_engine::explain::{hints, Hint};

use crate::support::{load, repo_file};

fn variant_hint(text: &str) -> Option<Hint> {
    let loaded = load(text);
    hints(&loaded, text)
        .into_iter()
        .find(|h| h.kind == "allocatorVariant")
}

fn conformance_dir() -> PathBuf {
    repo_file("tests/conformance/upstream")
}

/// Every conformance case that upstream does not run on its stable allocator
/// although the case's gates pick it (the stable allocator's result differs
/// there: pools and slices not sorted) gets the note; so do cases whose
/// outcome varies from run to run on it.
#[test]
fn conformance_cases_the_stable_allocator_does_not_reproduce_are_flagged() {
    let index = std::fs::read_to_string(conformance_dir().join("INDEX.tsv")).expect("INDEX.tsv");
    let mut flagged = Vec::new();
    for line in index.lines().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (name, passing, notes) = (columns[0], columns[6], columns[7]);
        // Cases that need a context cancelled during Allocate have no file.
        let Ok(text) = std::fs::read_to_string(conformance_dir().join(format!("{name}.yaml")))
        else {
            assert!(name.starts_with("interrupt-"), "{name}: no scenario file");
            continue;
        };
        let hint = variant_hint(&text);
        if notes.contains("stable: not run upstream")
            && !text.contains("DRADeviceBindingConditions: true")
        {
            assert!(hint.is_some(), "{name} ({passing}) is not flagged");
        }
        if let Some(hint) = hint {
            assert!(
                hint.message
                    .starts_with("Kubernetes runs its stable allocator"),
                "{name}: {}",
                hint.message
            );
            flagged.push(name.to_owned());
        }
    }
    // Upstream's own example of an outcome that changes from run to run.
    assert!(flagged.iter().any(|n| n == "many-network-attached-devices"));
    // Cases with every gate of the stable allocator's features off and one pool are quiet.
    assert!(
        !flagged.iter().any(|n| n == "network-attached-device"),
        "{flagged:?}"
    );
}

const TWO_POOLS: &str = r#"apiVersion: v1
kind: Node
metadata: {name: node-1}
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata: {name: gpu}
spec:
  selectors:
  - cel: {expression: device.driver == "gpu.example.com"}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: b}
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool: {name: pool-b, resourceSliceCount: 1}
  devices: [{name: gpu-0}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: a}
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool: {name: pool-a, resourceSliceCount: 1}
  devices: [{name: gpu-0}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata: {name: c}
spec:
  devices:
    requests:
    - {name: gpu, exactly: {deviceClassName: gpu}}
"#;

fn with_scenario(spec: &str, rest: &str) -> String {
    format!("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec:\n{spec}---\n{rest}")
}

#[test]
fn each_release_runs_its_own_allocator() {
    // No Scenario document: every gate on, the newest experimental allocator.
    assert!(variant_hint(TWO_POOLS).is_none());
    // 1.36's defaults run incubating, which sorts pools as the playground does.
    assert!(variant_hint(&with_scenario("  kubernetesVersion: \"1.36\"\n", TWO_POOLS)).is_none());
    // 1.35's defaults run its incubating allocator, which does not sort them.
    let hint = variant_hint(&with_scenario("  kubernetesVersion: \"1.35\"\n", TWO_POOLS))
        .expect("a note for 1.35");
    assert!(
        hint.message
            .starts_with("Kubernetes 1.35 runs its incubating allocator with these feature gates"),
        "{}",
        hint.message
    );
    assert!(hint
        .message
        .contains("node-1 sees pools gpu.example.com/pool-a, gpu.example.com/pool-b"));
    assert_eq!(hint.field, "spec.kubernetesVersion");
    assert_eq!(hint.position.map(|p| (p.line, p.column)), Some((5, 22)));
    // 1.34's defaults enable the device status feature: its experimental
    // allocator, of 1.34.
    let hint = variant_hint(&with_scenario("  kubernetesVersion: \"1.34\"\n", TWO_POOLS)).unwrap();
    assert!(hint
        .message
        .starts_with("Kubernetes 1.34 runs the experimental allocator of 1.34"));
    // 1.36 with the incubating features off: stable.
    let hint = variant_hint(&with_scenario(
        "  kubernetesVersion: \"1.36\"\n  featureGates: {DRAConsumableCapacity: false, DRADeviceBindingConditions: false}\n",
        TWO_POOLS,
    ))
    .unwrap();
    assert!(hint
        .message
        .starts_with("Kubernetes 1.36 runs its stable allocator"));
    // One pool: the order of pools cannot matter.
    let one_pool = TWO_POOLS.replace("pool: {name: pool-b", "pool: {name: pool-a");
    let one_pool = one_pool.replace("metadata: {name: b}", "metadata: {name: \"0\"}");
    assert!(variant_hint(&with_scenario("  kubernetesVersion: \"1.35\"\n", &one_pool)).is_none());
    // Slices of one pool listed out of name order: named.
    let hint = variant_hint(&with_scenario(
        "  kubernetesVersion: \"1.35\"\n",
        &TWO_POOLS
            .replace("pool: {name: pool-b, resourceSliceCount: 1}", "pool: {name: pool-a, resourceSliceCount: 2}")
            .replace("pool: {name: pool-a, resourceSliceCount: 1}", "pool: {name: pool-a, resourceSliceCount: 2}")
            .replace("devices: [{name: gpu-0}]\n---\napiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: a}", "devices: [{name: gpu-1}]\n---\napiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: a}"),
    ))
    .unwrap();
    assert!(
        hint.message.contains("pool gpu.example.com/pool-a: b, a"),
        "{}",
        hint.message
    );
    // Nothing to allocate: nothing can differ.
    let no_claims = TWO_POOLS
        .split("---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim")
        .next()
        .unwrap();
    assert!(variant_hint(&with_scenario("  kubernetesVersion: \"1.35\"\n", no_claims)).is_none());
}

#[test]
fn restarts_of_the_search_and_distinct_attributes() {
    let partitionable = r#"apiVersion: v1
kind: Node
metadata: {name: node-1}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: counters}
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool: {name: node-1, resourceSliceCount: 2}
  sharedCounters:
  - name: memory
    counters: {memory: {value: 2Gi}}
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata: {name: partitions}
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool: {name: node-1, resourceSliceCount: 2}
  devices:
  - name: half-0
    consumesCounters: [{counterSet: memory, counters: {memory: {value: 1Gi}}}]
  - name: half-1
    consumesCounters: [{counterSet: memory, counters: {memory: {value: 1Gi}}}]
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata: {name: pair}
spec:
  spec:
    devices:
      requests:
      - name: halves
        exactly: {deviceClassName: gpu, count: 2}
      constraints:
      - distinctAttribute: gpu.example.com/numa
"#;
    let hint = variant_hint(&with_scenario(
        "  kubernetesVersion: \"1.35\"\n  featureGates: {DRAPartitionableDevices: true}\n",
        partitionable,
    ))
    .unwrap();
    assert!(
        hint.message
            .contains("it searches each device of a request from the first device again")
            && hint
                .message
                .contains("template pair, request halves: 2 devices"),
        "{}",
        hint.message
    );
    assert!(hint.message.contains(
        "it has no distinctAttribute constraints: it fails the pod with \"empty constraint (unsupported constraint type?)\" (template pair)"
    ));
    // With the partitionable gate off, the counters play no part.
    let hint = variant_hint(&with_scenario(
        "  kubernetesVersion: \"1.35\"\n",
        partitionable,
    ))
    .unwrap();
    assert!(
        !hint.message.contains("searches each device"),
        "{}",
        hint.message
    );
}
