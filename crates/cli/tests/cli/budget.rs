//! The search budget (like the kube-scheduler's DRA filter timeout): a
//! search that takes too long stops, the pod is unschedulable with "search
//! stopped after N steps / T ms", and the run goes on with the next pod.
//! The budget comes from the Scenario document (`spec.searchBudget`) or the
//! command line (`--max-steps`, `--max-ms`), which wins.

use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{dra_playground, scratch_file};

/// A constraint-heavy scenario that would search for a very long time: one
/// node with `devices` devices whose `group` attribute takes `values`
/// values, and a claim with `requests` one-device requests that must all
/// have different groups (more requests than groups: no solution, and the
/// search tries every ordered choice). A second pod wants one device of its
/// own and is easy.
fn pathological(devices: usize, values: usize, requests: usize, budget: &str) -> String {
    let mut text = String::new();
    if !budget.is_empty() {
        text.push_str(&format!(
            "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: pathological\nspec:\n  searchBudget:\n{budget}---\n"
        ));
    }
    text.push_str(
        "apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: dev
spec:
  selectors:
  - cel:
      expression: device.driver == \"dra.example.com\"
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: node-1-devs
spec:
  driver: dra.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
",
    );
    for i in 0..devices {
        text.push_str(&format!(
            "  - name: dev-{i}\n    attributes:\n      group:\n        int: {}\n",
            i % values
        ));
    }
    text.push_str("---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: spread\nspec:\n  devices:\n    requests:\n");
    for r in 0..requests {
        text.push_str(&format!(
            "    - name: r{r}\n      exactly:\n        deviceClassName: dev\n"
        ));
    }
    text.push_str("    constraints:\n    - distinctAttribute: dra.example.com/group\n");
    text.push_str(
        "---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: one
spec:
  devices:
    requests:
    - name: dev
      exactly:
        deviceClassName: dev
---
apiVersion: v1
kind: Pod
metadata:
  name: spreader
spec:
  resourceClaims:
  - name: spread
    resourceClaimName: spread
---
apiVersion: v1
kind: Pod
metadata:
  name: simple
spec:
  resourceClaims:
  - name: one
    resourceClaimName: one
",
    );
    text
}

fn run(args: &[&str], scenario: &str) -> (Output, Duration) {
    let file = scratch_file("scenario.yaml", scenario);
    let mut all = args.to_vec();
    all.push(file.to_str().expect("UTF-8 path"));
    let started = Instant::now();
    let output = dra_playground(&all, "");
    (output, started.elapsed())
}

/// The pods of an `allocate --output json` run, by name.
fn pods(output: &Output) -> Vec<(String, Value)> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let list: Value = serde_json::from_slice(&output.stdout).unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "Pod")
        .map(|p| {
            (
                p["metadata"]["name"].as_str().unwrap().to_owned(),
                p.clone(),
            )
        })
        .collect()
}

fn message(pod: &Value) -> String {
    pod["status"]["conditions"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_command_line_budget_stops_a_pathological_search() {
    let scenario = pathological(48, 11, 12, "");
    let (output, took) = run(
        &["allocate", "--output", "json", "--max-steps", "20000"],
        &scenario,
    );
    let pods = pods(&output);
    let spreader = message(&pods[0].1);
    assert!(
        spreader.starts_with("search stopped after 20000 steps / ")
            && spreader.contains(" ms: the search budget allows 20000 steps per pod"),
        "{spreader}"
    );
    // The budget is per pod: the next pod is scheduled.
    assert_eq!(pods[1].1["spec"]["nodeName"], "node-1");
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn the_scenario_sets_the_budget_and_the_command_line_wins() {
    let scenario = pathological(48, 11, 12, "    maxSteps: 3000\n");
    let (output, _) = run(&["allocate", "--output", "json"], &scenario);
    let spreader = message(&pods(&output)[0].1);
    assert!(
        spreader.starts_with("search stopped after 3000 steps"),
        "{spreader}"
    );
    let (output, _) = run(
        &["allocate", "--output", "json", "--max-steps", "1000"],
        &scenario,
    );
    let spreader = message(&pods(&output)[0].1);
    assert!(
        spreader.starts_with("search stopped after 1000 steps"),
        "{spreader}"
    );
}

#[test]
fn a_time_budget_stops_the_search() {
    // No step limit, 300 ms.
    let scenario = pathological(48, 11, 12, "    maxSteps: 0\n    maxMillis: 300\n");
    let (output, took) = run(&["allocate", "--output", "json"], &scenario);
    let spreader = message(&pods(&output)[0].1);
    assert!(
        spreader.contains(" ms: the search budget allows 300 ms per pod (searchBudget.maxMillis)"),
        "{spreader}"
    );
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn small_searches_are_not_affected() {
    // 5 requests, 4 groups: no solution either, found within the budget;
    // the message is the scheduler's, the explanation says why.
    let scenario = pathological(12, 4, 5, "    maxSteps: 100000\n");
    let (output, _) = run(&["allocate", "--output", "json"], &scenario);
    let spreader = message(&pods(&output)[0].1);
    assert_eq!(
        spreader,
        "0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
    let (output, _) = run(&["explain"], &scenario);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(
            "node node-1: no allocation: distinctAttribute dra.example.com/group: 5 requests \
             need different values, but their candidates have only 4 distinct values (0, 1, 2, 3)"
        ),
        "{text}"
    );
}

#[test]
fn the_budget_must_be_a_count() {
    let scenario = pathological(4, 4, 2, "    maxSteps: -1\n");
    let (output, _) = run(&["allocate"], &scenario);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(":7:"), "{stderr}");
}
