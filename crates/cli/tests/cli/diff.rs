//! `dra-playground diff`: two scenarios, or one under two versions or with gates set; exit
//! status 0 when the outcomes are the same, 1 when they differ, 2 on invalid input.

use crate::support::{dra_playground, scratch_file};

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = dra_playground(args, "");
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_same_outcome_exits_0() {
    let (code, out, err) = run(&[
        "diff",
        "examples/first-gpu-claim.yaml",
        "examples/first-gpu-claim.yaml",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.ends_with("the outcomes are the same\n"), "{out}");
}

#[test]
fn a_pod_that_becomes_unschedulable_exits_1_and_says_why() {
    let text = std::fs::read_to_string(crate::support::repo_file("examples/first-gpu-claim.yaml"))
        .unwrap();
    // The same, with a selector no device meets.
    let strict = scratch_file(
        "strict.yaml",
        &text.replace(
            "        deviceClassName: gpu.example.com\n",
            "        deviceClassName: gpu.example.com\n        selectors:\n        - cel:\n            expression: device.attributes[\"gpu.example.com\"].model == \"none\"\n",
        ),
    );
    let (code, out, err) = run(&[
        "diff",
        "examples/first-gpu-claim.yaml",
        strict.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("  pod default/pod-1 becomes unschedulable (it was on node-1): 0/1 nodes are available: 1 cannot allocate all claims."), "{out}");
    assert!(out.contains("  claim default/single-gpu is not allocated (it had gpu → gpu.example.com/node-1/gpu-0)\n"), "{out}");
    assert!(
        out.ends_with("the outcomes differ: 1 pod and 1 claim\n"),
        "{out}"
    );

    let (code, json, _) = run(&[
        "diff",
        "-o",
        "json",
        "examples/first-gpu-claim.yaml",
        strict.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["sameOutcome"], false);
    assert_eq!(json["pods"][0]["left"]["node"], "node-1");
    assert!(json["pods"][0]["right"]["unschedulable"]
        .as_str()
        .unwrap()
        .starts_with("0/1 nodes"));
    assert_eq!(json["claims"][0]["right"], "unallocated");
}

#[test]
fn one_scenario_under_two_versions() {
    let (code, out, err) = run(&[
        "diff",
        "--versions",
        "1.34,1.36",
        "examples/prioritized-alternatives.yaml",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("left:  examples/prioritized-alternatives.yaml under Kubernetes 1.34 (1 of 1 pods scheduled)\nright: examples/prioritized-alternatives.yaml under Kubernetes 1.36 (1 of 1 pods scheduled)\n  setting kubernetesVersion: 1.34 → 1.36\n"), "{out}");
    // A field of a later release: refused on the left, at the file's own line.
    let (code, out, err) = run(&[
        "diff",
        "--versions",
        "1.35,1.36",
        "examples/list-attributes.yaml",
    ]);
    assert_eq!(code, Some(2), "{out}");
    assert!(err.contains("examples/list-attributes.yaml:46:9: spec.devices[1].attributes[precisions].strings: Forbidden: added in Kubernetes 1.36"), "{err}");
    assert!(
        err.contains("(examples/list-attributes.yaml under Kubernetes 1.35)"),
        "{err}"
    );
}

#[test]
fn one_scenario_with_gates_set() {
    let (code, out, err) = run(&[
        "diff",
        "--gates",
        "DRADeviceTaints=false",
        "examples/taints-and-tolerations.yaml",
    ]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        err.contains("taints: Forbidden: requires feature gate DRADeviceTaints, which is disabled"),
        "{err}"
    );
    let (code, out, err) = run(&[
        "diff",
        "--skip-validation",
        "--gates",
        "DRADeviceTaints=false",
        "examples/taints-and-tolerations.yaml",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.contains("right: examples/taints-and-tolerations.yaml with DRADeviceTaints=false (2 of 3 pods scheduled)\n  setting DRADeviceTaints: on → off\n  pod default/pod-2 is scheduled on node-1 (it was unschedulable: "), "{out}");
    assert!(out.contains("  claim default/first gets other devices: gpu → gpu.example.com/node-1/gpu-0 instead of gpu → gpu.example.com/node-1/gpu-1\n"), "{out}");
    assert!(
        out.ends_with("the outcomes differ: 2 pods and 3 claims\n"),
        "{out}"
    );
}

#[test]
fn invalid_arguments_exit_2() {
    let (code, _, err) = run(&["diff", "examples/first-gpu-claim.yaml"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("diff needs a second scenario"), "{err}");
    let (code, _, err) = run(&[
        "diff",
        "--versions",
        "1.34",
        "examples/first-gpu-claim.yaml",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("give two versions"), "{err}");
    let (code, _, err) = run(&[
        "diff",
        "--gates",
        "DRADeviceTaints",
        "examples/first-gpu-claim.yaml",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("is not GATE=true or GATE=false"), "{err}");
    let (code, _, _) = run(&["diff", "examples/first-gpu-claim.yaml", "no-such-file.yaml"]);
    assert_eq!(code, Some(2));
}
