//! Feature gates from the Scenario document.

use dra_engine::features::{Features, Gate};

use crate::support::load;

fn scenario(spec: &str) -> String {
    format!(
        "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec:\n{spec}"
    )
}

#[test]
fn without_scenario_every_gate_is_on() {
    let loaded = load("apiVersion: v1\nkind: Node\nmetadata: {name: n}\n");
    assert_eq!(loaded.features, Features::ALL);
}

#[test]
fn unnamed_gates_are_on_without_a_version() {
    let loaded = load(&scenario(
        "  featureGates:\n    DRAPrioritizedList: false\n    DRAResourceClaimDeviceStatus: false\n",
    ));
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(
        loaded.features,
        Features {
            prioritized_list: false,
            device_binding_and_status: false,
            ..Features::ALL
        }
    );
    assert!(loaded.gates.enabled(Gate::DeviceBindingConditions));
}

#[test]
fn a_version_picks_its_defaults() {
    let loaded = load(&scenario("  kubernetesVersion: \"1.34\"\n"));
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(
        loaded.features,
        Features {
            admin_access: true,
            consumable_capacity: false,
            device_binding_and_status: false,
            device_taints: false,
            device_taint_rules: false,
            counters_beside_devices: true,
            extended_resource: false,
            list_type_attributes: false,
            partitionable_devices: false,
            prioritized_list: true,
        }
    );
    // Unquoted, the version is still the text "1.35"; overrides apply on top.
    let loaded = load(&scenario(
        "  kubernetesVersion: 1.35\n  featureGates: {DRADeviceTaints: true}\n",
    ));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert!(loaded.features.device_taints && !loaded.features.partitionable_devices);
    let loaded = load(&scenario("  kubernetesVersion: v1.36.1\n"));
    assert_eq!(
        loaded.features,
        Features {
            list_type_attributes: false,
            device_taint_rules: false,
            ..Features::ALL
        }
    );
}

#[test]
fn unknown_version_and_gates_are_positioned_errors() {
    let loaded = load(&scenario("  kubernetesVersion: \"1.30\"\n  featureGates:\n    DRAPrioritizedLists: true\n    DRAAdminAccess: false\n"));
    let d: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.span.start.line, d.span.start.column, d.message.clone()))
        .collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!((d[0].0, d[0].1), (5, 22));
    assert_eq!(d[0].2, "spec.kubernetesVersion: Unsupported value: \"1.30\": supported values: \"1.34\", \"1.35\", \"1.36\"");
    assert_eq!((d[1].0, d[1].1), (7, 5));
    assert_eq!(
        d[1].2,
        "spec.featureGates[DRAPrioritizedLists]: unrecognized feature gate: DRAPrioritizedLists (did you mean DRAPrioritizedList?)"
    );
    // The known gate still applies; without a valid version the rest are on.
    assert!(!loaded.features.admin_access && loaded.features.prioritized_list);
}

#[test]
fn gates_of_a_later_release_are_unknown_to_an_earlier_one() {
    let loaded = load(&scenario(
        "  kubernetesVersion: \"1.35\"\n  featureGates:\n    DRAListTypeAttributes: true\n",
    ));
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    let d = &loaded.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (7, 5));
    assert_eq!(
        d.message,
        "spec.featureGates[DRAListTypeAttributes]: unrecognized feature gate: DRAListTypeAttributes (added in Kubernetes 1.36, not in 1.35)"
    );
    assert!(!loaded.features.list_type_attributes);
    let loaded = load(&scenario(
        "  kubernetesVersion: \"1.36\"\n  featureGates: {DRAListTypeAttributes: true}\n",
    ));
    assert!(loaded.diagnostics.is_empty() && loaded.features.list_type_attributes);
}

#[test]
fn locked_gates_cannot_be_changed() {
    let loaded = load(&scenario(
        "  kubernetesVersion: \"1.36\"\n  featureGates: {DRAAdminAccess: false}\n",
    ));
    assert_eq!(loaded.diagnostics.len(), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!((d.span.start.line, d.span.start.column), (6, 34));
    assert!(
        d.message
            .contains("cannot set feature gate DRAAdminAccess to false"),
        "{}",
        d.message
    );
    assert!(loaded.features.admin_access);
}

#[test]
fn at_most_one_scenario() {
    let text = format!(
        "{}---\n{}",
        scenario("  featureGates: {DRADeviceTaints: false}\n"),
        scenario("  featureGates: {DRAAdminAccess: false}\n")
    );
    let loaded = load(&text);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].span.start.line, 7);
    assert!(loaded.diagnostics[0]
        .message
        .starts_with("at most one Scenario document is allowed"));
    assert!(!loaded.features.device_taints && loaded.features.admin_access);
}

#[test]
fn every_gate_of_the_release_is_known() {
    // A gate that does not change allocation is accepted, with a hint.
    let loaded = load(&scenario(
        "  kubernetesVersion: \"1.36\"\n  featureGates:\n    GangScheduling: true\n    DRADeviceTaintRules: true\n",
    ));
    let d: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.span.start.line, d.to_string()))
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].0, 7);
    assert!(
        d[0].1
            .contains("info: feature gate GangScheduling is accepted"),
        "{d:?}"
    );
    assert!(loaded.features.device_taint_rules);
    // A gate of a later release is not one of this release.
    let loaded = load(&scenario(
        "  kubernetesVersion: \"1.34\"\n  featureGates: {DRADeviceTaintRules: true}\n",
    ));
    assert_eq!(loaded.diagnostics.len(), 1);
    assert!(loaded.diagnostics[0].message.ends_with(
        "unrecognized feature gate: DRADeviceTaintRules (added in Kubernetes 1.35, not in 1.34)"
    ));
}
