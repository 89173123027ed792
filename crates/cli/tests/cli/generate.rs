//! `dra-playground generate`: its scenarios load and run with `allocate`, the
//! same options give the same text, and bad options are refused.

use crate::support::{dra_playground, succeeded, yaml_documents};

fn generate(args: &[&str]) -> String {
    let mut all = vec!["generate"];
    all.extend_from_slice(args);
    succeeded(&all, "")
}

/// Runs `allocate -` on the text; (pods scheduled, pods in all).
fn allocate(yaml: &str) -> (usize, usize) {
    let docs = yaml_documents(&succeeded(&["allocate", "-"], yaml)).expect("YAML output");
    let pods: Vec<_> = docs.iter().filter(|d| d["kind"] == "Pod").collect();
    let scheduled = pods
        .iter()
        .filter(|p| p["spec"]["nodeName"].is_string())
        .count();
    (scheduled, pods.len())
}

#[test]
fn the_default_scenario_runs() {
    let yaml = generate(&[]);
    assert!(yaml.starts_with("# Generated: preset example-gpu, 10 nodes"));
    assert_eq!(yaml.matches("\nkind: Node\n").count(), 10);
    let (scheduled, pods) = allocate(&yaml);
    assert_eq!(pods, 10);
    assert!(scheduled > 0);
}

#[test]
fn every_preset_runs_with_several_claims_and_prioritized_lists() {
    for preset in ["nvidia-gpu", "example-gpu", "tpu", "nic", "cpu"] {
        for subrequests in ["0", "4"] {
            let yaml = generate(&[
                "--preset",
                preset,
                "--nodes",
                "3",
                "--devices-per-node",
                "8",
                "--pods",
                "7",
                "--claims-per-pod",
                "3",
                "--subrequests",
                subrequests,
                "--seed",
                "42",
            ]);
            assert_eq!(yaml.matches("\nkind: Pod\n").count(), 7, "{preset}");
            assert_eq!(
                yaml.matches("resourceClaimTemplateName:").count(),
                21,
                "{preset}"
            );
            if subrequests == "4" {
                assert!(yaml.contains("firstAvailable:"), "{preset}");
            }
            let (scheduled, pods) = allocate(&yaml);
            assert_eq!(pods, 7, "{preset}");
            assert!(scheduled > 0, "{preset}: no pod scheduled\n{yaml}");
        }
    }
}

#[test]
fn a_large_cluster_is_generated_in_full() {
    let yaml = generate(&[
        "--nodes",
        "1000",
        "--devices-per-node",
        "8",
        "--pods",
        "100",
    ]);
    assert_eq!(yaml.matches("\nkind: Node\n").count(), 1000);
    assert_eq!(yaml.matches("\n  - name: gpu-").count(), 8000);
    assert_eq!(yaml.matches("\nkind: DeviceClass\n").count(), 1);
    assert!(yaml.contains("name: example-node-1000\n"));
    let (scheduled, pods) = allocate(&yaml);
    assert_eq!((scheduled, pods), (100, 100));
}

#[test]
fn the_seed_decides_the_claims() {
    let a = generate(&["--seed", "5", "--pods", "30"]);
    assert_eq!(a, generate(&["--seed", "5", "--pods", "30"]));
    assert_ne!(a, generate(&["--seed", "6", "--pods", "30"]));
}

#[test]
fn bad_options_are_refused_with_a_reason() {
    for (args, reason) in [
        (
            &["--preset", "quantum"][..],
            "choose one of nvidia-gpu, example-gpu",
        ),
        (&["--nodes", "0"][..], "--nodes"),
        (&["--claims-per-pod", "9"][..], "--claims-per-pod"),
        (&["--subrequests", "1"][..], "2 to 8 alternatives"),
        (
            &["--preset", "nvidia-gpu", "--devices-per-node", "9"][..],
            "nvidia-gpu has at most 8 devices per node",
        ),
    ] {
        let mut all = vec!["generate"];
        all.extend_from_slice(args);
        let out = dra_playground(&all, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
