//! `dra-playground explain`: golden files of its text output, its JSON, and
//! explanations over every conformance case (the same outcome as the
//! allocator's, and a reason naming the deciding factor for every pod that
//! cannot be scheduled).
//!
//! Golden files: `tests/golden/NAME.yaml` is explained (with the arguments
//! in `NAME.args`, if any) and compared with `NAME.txt`. After an intended
//! change, `UPDATE_GOLDEN=1 cargo test -p dra-playground-cli --test cli explain::`
//! rewrites the `.txt` files; review the diff.

use std::process::Output;

use crate::support::{dra_playground, repo_file, scratch_file, Case};
use dra_engine::explain::{explain, ExplainOptions, Explanation};
use serde_json::Value;

/// Runs `dra-playground ARGS` (in the repository root).
fn playground(args: &[&str]) -> Output {
    dra_playground(args, "")
}

#[test]
fn golden_text_output() {
    let dir = repo_file("").join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".yaml")?.to_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 5, "golden scenarios: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let args_file = dir.join(format!("{name}.args"));
        let extra = std::fs::read_to_string(&args_file).unwrap_or_default();
        let file = format!("tests/golden/{name}.yaml");
        let mut args = vec!["explain"];
        args.extend(extra.split_whitespace());
        args.push(&file);
        let output = playground(&args);
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual = String::from_utf8(output.stdout).unwrap();
        let expected_file = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&expected_file, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{name}: output differs from {name}.txt (UPDATE_GOLDEN=1 rewrites it)\n--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn json_output_is_the_structure() {
    let output = playground(&[
        "explain",
        "--output",
        "json",
        "--trace",
        "--matrix",
        "tests/golden/backtracking-trace.yaml",
    ]);
    assert!(output.status.success());
    let explanation: Explanation = serde_json::from_slice(&output.stdout).expect("an Explanation");
    assert_eq!(explanation.pods.len(), 2);
    let first = &explanation.pods[0];
    assert_eq!(first.node.as_deref(), Some("node-1"));
    let search = first.nodes[0].search.as_ref().expect("a trace");
    assert_eq!((search.picks, search.backtracks), (3, 1));
    assert!(explanation.matrix.is_some());
    // camelCase JSON, with tagged reasons.
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let step = &json["pods"][1]["nodes"][0]["claims"][0]["requests"][0]["removed"][0];
    assert_eq!(step["reason"]["kind"], "inUse", "{step}");
    assert_eq!(step["count"], 2);
    assert_eq!(json["budget"]["maxSteps"], 1_000_000);
}

#[test]
fn pod_and_device_filters() {
    let output = playground(&[
        "explain",
        "--pod",
        "another-pair-pod",
        "tests/golden/backtracking-trace.yaml",
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Claim (as a pod of its own) default/another-pair-pod: unschedulable\n"),
        "{text}"
    );
    assert!(!text.contains("default/pair-pod: scheduled"), "{text}");

    let output = playground(&[
        "explain",
        "--output",
        "json",
        "--device",
        "gpu.example.com/node-1/gpu-1",
        "tests/golden/backtracking-trace.yaml",
    ]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["devices"].as_array().unwrap().len(), 1);
    assert_eq!(
        json["devices"][0]["allocations"][0]["claim"],
        "default/pair"
    );

    let output = playground(&[
        "explain",
        "--pod",
        "nobody",
        "tests/golden/backtracking-trace.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no pod nobody"));
}

#[test]
fn invalid_input_is_refused_with_positions() {
    let file = scratch_file(
        "bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: 7x: [\n",
    );
    let output = playground(&["explain", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.yaml:"));
}

/// Words that name what decided: a request, claim, class, pool, selector,
/// device, constraint (matchAttribute, distinctAttribute), node filter or
/// search budget.
const DECIDING: &[&str] = &[
    "request",
    "claim",
    "class",
    "pool",
    "selector",
    "device",
    "constraint",
    "Attribute",
    "node(s)",
    "search stopped",
];

#[test]
fn every_conformance_case_is_explained() {
    let mut checked = 0;
    let mut unschedulable = 0;
    let mut problems = Vec::new();
    for suite in ["conformance/upstream", "conformance/random"] {
        for case in Case::all_in(&repo_file("").join("tests").join(suite)) {
            let text = std::fs::read_to_string(&case.scenario).unwrap();
            let options = ExplainOptions {
                skip_validation: true,
                ..ExplainOptions::default()
            };
            let explanation =
                explain(&text, &options).unwrap_or_else(|_| panic!("{}: invalid", case.name));
            let expected = case.expected().unwrap();
            for pod in explanation.pods.iter().filter(|p| !p.implicit) {
                checked += 1;
                let name = pod.pod.split_once('/').map_or(pod.pod.as_str(), |(_, n)| n);
                let want = expected
                    .iter()
                    .find(|o| o["kind"] == "Pod" && o["metadata"]["name"] == name)
                    .unwrap_or_else(|| panic!("{}: no expected pod {name}", case.name));
                let want_scheduled = !want["status"]["conditions"].as_array().is_some_and(|c| {
                    c.iter()
                        .any(|c| c["type"] == "PodScheduled" && c["status"] == "False")
                });
                if pod.node.is_some() != want_scheduled {
                    problems.push(format!(
                        "{suite}/{}: {name}: scheduled differs from upstream",
                        case.name
                    ));
                }
                if pod.node.is_some() {
                    continue;
                }
                unschedulable += 1;
                let summary = &pod.summary;
                let named = DECIDING.iter().any(|w| summary.contains(w));
                if summary.trim().is_empty()
                    || summary.contains("cannot allocate all claims")
                    || summary.contains("no combination satisfies")
                    || !named
                {
                    problems.push(format!("{suite}/{}: {name}: {summary:?}", case.name));
                }
                // Where the allocator ran and found nothing, the node's
                // explanation holds the funnel that decided.
                for node in pod.nodes.iter().filter(|n| n.verdict == "noAllocation") {
                    if node.claims.is_empty() && !node.details_omitted {
                        problems.push(format!(
                            "{suite}/{}: {name}: node {} has no funnel",
                            case.name, node.node
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        checked >= 323 && unschedulable >= 90,
        "{checked} pods, {unschedulable} unschedulable"
    );
}
