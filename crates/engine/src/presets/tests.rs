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
