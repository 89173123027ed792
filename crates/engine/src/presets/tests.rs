use super::*;
use crate::playground::analyze;
use crate::RunOptions;

/// A claim for one device of `class` and a pod using it.
fn workload(class: &str, capacity: Option<(&str, &str)>) -> String {
    let capacity = capacity
        .map(|(k, v)| format!("        capacity:\n          requests:\n            {k}: {v}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: one\nspec:\n  devices:\n    requests:\n    - name: dev\n      exactly:\n        deviceClassName: {class}\n{capacity}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: user\nspec:\n  resourceClaims:\n  - name: dev\n    resourceClaimName: one\n"
    )
}

#[test]
fn every_preset_loads_cleanly_and_serves_a_claim() {
    for preset in Preset::ALL {
        let yaml = generate(
            preset,
            &Options {
                nodes: 2,
                ..Options::default()
            },
        );
        assert!(!yaml.starts_with("---") && !yaml.ends_with("---\n"));
        let capacity = match preset {
            Preset::Nic => Some(("bandwidth", "25G")),
            Preset::CpuNuma => Some(("cpus", "\"4\"")),
            _ => None,
        };
        let class = preset.device_classes().last().unwrap().0;
        let scenario = format!("{yaml}---\n{}", workload(class, capacity));
        let a = analyze(&scenario, &RunOptions::default());
        assert!(
            a.diagnostics.is_empty(),
            "{}: {:?}\n{scenario}",
            preset.name(),
            a.diagnostics
        );
        let pod = a.pod("default/user").unwrap();
        assert!(
            pod.node.is_some(),
            "{}: {:?}",
            preset.name(),
            pod.unschedulable
        );
        let names = node_names(
            preset,
            &Options {
                nodes: 2,
                ..Options::default()
            },
        );
        assert_eq!(
            a.nodes.iter().filter(|n| names.contains(&n.name)).count(),
            2
        );
        assert_eq!(Preset::from_name(preset.name()), Some(preset));
    }
}

#[test]
fn nvidia_partitions_share_the_counters_of_their_gpu() {
    let yaml = generate(Preset::NvidiaGpu, &Options::default());
    let scenario = format!("{yaml}---\n{}", workload("mig.nvidia.com", None));
    let a = analyze(&scenario, &RunOptions::default());
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    let pool = &a.nodes[0].pools[0];
    assert_eq!(pool.counter_sets.len(), 2);
    let used: Vec<_> = pool.counter_sets[0]
        .counters
        .iter()
        .map(|g| g.used.clone())
        .collect();
    assert_eq!(used, ["3", "20Gi"]);
    assert!(pool.devices.iter().any(|d| d.name == "gpu-0" && d.whole));
    assert!(pool.devices.iter().any(
        |d| d.name == "gpu-1-mig-1g5gb-6" && d.counter_set.as_deref() == Some("gpu-1-counters")
    ));
}

#[test]
fn many_gpus_still_validate() {
    let yaml = generate(
        Preset::NvidiaGpu,
        &Options {
            devices_per_node: Some(16),
            device_classes: true,
            ..Options::default()
        },
    );
    let a = analyze(&yaml, &RunOptions::default());
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn generated_scenarios_load_cleanly_and_schedule_pods() {
    for preset in Preset::ALL {
        for subrequests in [0, 3] {
            let yaml = scenario(&ScenarioOptions {
                preset,
                nodes: 3,
                devices_per_node: Some(8),
                pods: 6,
                claims_per_pod: 2,
                devices_per_claim: None,
                subrequests,
                seed: 7,
            });
            let a = analyze(&yaml, &RunOptions::default());
            assert!(
                a.diagnostics.is_empty(),
                "{} (subrequests {subrequests}): {:?}\n{yaml}",
                preset.name(),
                a.diagnostics
            );
            assert_eq!(a.pods.len(), 6);
            assert!(
                a.pods.iter().any(|p| p.node.is_some()),
                "{}: no pod scheduled\n{yaml}",
                preset.name()
            );
            assert_eq!(a.claims.len(), 12);
        }
    }
}

#[test]
fn generated_scenarios_depend_only_on_the_options() {
    let options = ScenarioOptions {
        preset: Preset::NvidiaGpu,
        pods: 20,
        claims_per_pod: 3,
        ..ScenarioOptions::default()
    };
    assert_eq!(scenario(&options), scenario(&options));
    let other = ScenarioOptions {
        seed: 2,
        ..options.clone()
    };
    assert_ne!(scenario(&options), scenario(&other));
}

#[test]
fn generated_scenarios_go_past_one_batch_of_nodes() {
    let yaml = scenario(&ScenarioOptions {
        nodes: MAX_NODES + 6,
        pods: 0,
        ..ScenarioOptions::default()
    });
    let a = analyze(&yaml, &RunOptions::default());
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.nodes.len(), MAX_NODES + 6);
    assert_eq!(a.classes.len(), 1);
    assert!(a.nodes.iter().all(|n| n.pools[0].devices.len() == 4));
}

#[test]
fn prioritized_lists_name_the_alternative_taken() {
    let yaml = scenario(&ScenarioOptions {
        preset: Preset::ExampleGpu,
        nodes: 1,
        devices_per_node: Some(4),
        pods: 1,
        claims_per_pod: 1,
        devices_per_claim: None,
        subrequests: 8,
        seed: 3,
    });
    assert_eq!(yaml.matches("- name: alt-").count(), 6 * 8);
    let a = analyze(&yaml, &RunOptions::default());
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    let claim = &a.claims[0];
    assert!(claim.allocated, "{yaml}");
    // Counts of 8 and more never fit on 4 devices: a later alternative was taken.
    assert!(claim
        .results
        .iter()
        .all(|r| r.request.starts_with("req/alt-")));
    assert!(claim.results.iter().all(|r| r.request != "req/alt-1"));
}
