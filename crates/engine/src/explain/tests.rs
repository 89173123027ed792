//! Explanations of small scenarios: hints, the device view, findings, the
//! search trace, the budget and the matrix.

use super::*;
use crate::load::{load_scenario, LoadOptions};

const CLASS: &str = r#"apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
spec:
  selectors:
  - cel:
      expression: device.driver == "gpu.example.com"
"#;

/// A slice of `gpu.example.com` on node-1 with the given devices (YAML list items).
fn slice(devices: &str) -> String {
    format!(
        r#"apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: node-1-gpus
spec:
  driver: gpu.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
{devices}"#
    )
}

/// A claim with one request of `count` GPUs and the given selector and
/// constraint lines.
fn claim(name: &str, count: usize, selector: &str, constraints: &str) -> String {
    let selectors = if selector.is_empty() {
        String::new()
    } else {
        format!(
            "        selectors:\n        - cel:\n            expression: '{}'\n",
            selector.replace('\'', "''")
        )
    };
    format!(
        "apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: {name}\nspec:\n  devices:\n    requests:\n    - name: gpu\n      exactly:\n        deviceClassName: gpu\n        count: {count}\n{selectors}{constraints}"
    )
}

fn scenario(parts: &[&str]) -> String {
    parts.join("---\n")
}

fn run(text: &str) -> Explanation {
    explain(text, &ExplainOptions::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

const TWO_GPUS: &str = "  - name: gpu-0\n    attributes:\n      model: {string: A100}\n      numa: {int: 0}\n    capacity:\n      memory: {value: 40Gi}\n  - name: gpu-1\n    attributes:\n      model: {string: L4}\n      numa: {int: 1}\n    capacity:\n      memory: {value: 24Gi}\n";

#[test]
fn hints_name_the_nearest_existing_names() {
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "wrong-domain",
            1,
            r#"device.attributes["example.com"].model == "A100""#,
            "",
        ),
        &claim(
            "typo",
            1,
            r#"device.attributes["gpu.example.com"].modl == "A100""#,
            "",
        ),
        &claim(
            "capacity",
            1,
            r#"device.attributes["gpu.example.com"].memory.isGreaterThan(quantity("1Gi"))"#,
            "",
        ),
        &claim(
            "by-name",
            1,
            r#"device.attributes["model"].x == "A100""#,
            "",
        ),
        &claim(
            "int-string",
            1,
            r#"device.attributes["gpu.example.com"].numa == "0""#,
            "",
        ),
        &claim(
            "unqualified",
            2,
            "",
            "    constraints:\n    - matchAttribute: numa\n",
        ),
    ]);
    // Validation refuses the unqualified constraint attribute: skip it.
    let options = ExplainOptions {
        skip_validation: true,
        ..ExplainOptions::default()
    };
    let explanation = explain(&text, &options).unwrap();
    let kinds: Vec<(&str, &str)> = explanation
        .hints
        .iter()
        .map(|h| (h.kind.as_str(), h.object.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("wrongDomain", "ResourceClaim default/wrong-domain"),
            ("unknownAttribute", "ResourceClaim default/typo"),
            ("capacityNotAttribute", "ResourceClaim default/capacity"),
            ("wrongDomain", "ResourceClaim default/by-name"),
            ("typeMismatch", "ResourceClaim default/int-string"),
            ("unqualifiedConstraint", "ResourceClaim default/unqualified"),
        ]
    );
    let hint = |object: &str| {
        explanation
            .hints
            .iter()
            .find(|h| h.object.ends_with(object))
            .unwrap()
    };
    assert_eq!(
        hint("typo").message,
        "no device has attribute gpu.example.com/modl; did you mean gpu.example.com/model?"
    );
    assert_eq!(
        hint("wrong-domain").suggestion.as_deref(),
        Some(r#"device.attributes["gpu.example.com"].model"#)
    );
    assert_eq!(
        hint("by-name").suggestion.as_deref(),
        Some(r#"device.attributes["gpu.example.com"].model"#)
    );
    assert_eq!(
        hint("capacity").suggestion.as_deref(),
        Some(r#"device.capacity["gpu.example.com"].memory"#)
    );
    assert!(hint("int-string").message.contains("is an int attribute"));
    assert_eq!(
        hint("unqualified").suggestion.as_deref(),
        Some("gpu.example.com/numa")
    );
    // Positions point into the expression: the typo's `.modl`.
    let typo = hint("typo");
    let position = typo.position.unwrap();
    let line = text.lines().nth(position.line - 1).unwrap();
    let at: String = line.chars().skip(position.column - 1).take(5).collect();
    assert_eq!(at, ".modl");
    assert_eq!(
        typo.field,
        "spec.devices.requests[0].exactly.selectors[0].cel.expression"
    );
}

#[test]
fn hints_name_version_attributes_that_kubernetes_hashes() {
    let devices = "  - name: gpu-0\n    attributes:\n      driverVersion: {version: 2.1.0}\n      model: {string: A100}\n";
    let hashes = |selector: &str| -> Vec<Hint> {
        let text = scenario(&[CLASS, &slice(devices), &claim("c", 1, selector, "")]);
        let loaded = load_scenario(&text, &LoadOptions::default());
        hints(&loaded, &text)
            .into_iter()
            .filter(|h| h.kind == "unhashableVersion")
            .collect()
    };
    let version = r#"device.attributes["gpu.example.com"].driverVersion"#;
    // The forms where Kubernetes hashes the version.
    for selector in [
        format!(r#"{version} in ["2.0.0", "2.1.0"]"#),
        format!(r#"dyn({version}) in [1, 2]"#),
        format!(r#"{version} in {{"2.1.0": true}}"#),
        format!(r#"{{"2.1.0": true}}[{version}]"#),
        format!(r#"{{"2.1.0": true}}[?{version}].orValue(false)"#),
        format!(r#"{{{version}: true}}.size() == 1"#),
    ] {
        let found = hashes(&selector);
        assert_eq!(found.len(), 1, "{selector}: {found:#?}");
        assert!(
            found[0]
                .message
                .contains("hash of unhashable type cel.Semver"),
            "{}",
            found[0].message
        );
    }
    // A constant list of versions gets a rewrite to try.
    assert_eq!(
        hashes(&format!(r#"{version} in ["2.0.0", "2.1.0"]"#))[0]
            .suggestion
            .as_deref(),
        Some(
            r#"device.attributes["gpu.example.com"].driverVersion in [semver("2.0.0"), semver("2.1.0")]"#
        )
    );
    // Forms that do not hash it, and attributes that are not versions.
    for selector in [
        format!(r#"{version} in []"#),
        format!(r#"{version} in [semver("2.0.0"), semver("2.1.0")]"#),
        format!(r#"{version} in [device.driver]"#),
        format!(r#"{version}.compareTo(semver("2.0.0")) >= 0"#),
        r#"device.attributes["gpu.example.com"].model in ["A100"]"#.to_owned(),
    ] {
        assert!(hashes(&selector).is_empty(), "{selector}");
    }
}

#[test]
fn devices_say_what_they_got_and_why_not() {
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "big",
            1,
            r#"device.capacity["gpu.example.com"].memory.compareTo(quantity("32Gi")) >= 0"#,
            "",
        ),
        &claim("any", 1, "", ""),
    ]);
    let explanation = run(&text);
    let device = |name: &str| {
        explanation
            .devices
            .iter()
            .find(|d| d.device.ends_with(name))
            .unwrap()
    };
    let gpu0 = device("gpu-0");
    assert_eq!(gpu0.allocations[0].claim, "default/big");
    assert_eq!(gpu0.allocations[0].pod.as_deref(), Some("default/big-pod"));
    // Claim `any` ran after `big`: gpu-0 was in use by then.
    assert_eq!(
        gpu0.rejections[0].text,
        "in use: allocated to claim default/big (pod default/big-pod)"
    );
    let gpu1 = device("gpu-1");
    assert_eq!(gpu1.allocations[0].claim, "default/any");
    let rejection = &gpu1.rejections[0];
    assert!(rejection.text.starts_with("rejected by selector"));
    assert_eq!(
        rejection.detail.as_deref(),
        Some("gpu.example.com/memory = 24Gi, selector needs >= 32Gi")
    );
    assert_eq!(
        rejection.requests,
        ["pod default/big-pod: claim default/big, request gpu, node-1"]
    );
}

#[test]
fn findings_and_the_search_explain_combinations() {
    // Two GPUs, on different NUMA nodes: a pair with matchAttribute cannot
    // be found; each request alone has enough.
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "pair",
            2,
            "",
            "    constraints:\n    - matchAttribute: gpu.example.com/numa\n",
        ),
    ]);
    let explanation = run(&text);
    let pod = &explanation.pods[0];
    assert_eq!(
        pod.summary,
        "0/1 nodes are available: node-1: matchAttribute gpu.example.com/numa: no value is shared by enough devices: gpu needs 2 (0: 1, 1: 1)"
    );
    // The pod's PodScheduled message is the kube-scheduler's.
    assert_eq!(
        pod.message.as_deref(),
        Some(
            "0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, \
             preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        )
    );
    let request = &pod.nodes[0].claims[0].requests[0];
    assert_eq!(request.candidates, 2);
    assert_eq!(request.verdict, "enough on its own: 2 candidates, 2 needed");
    // During the search: the second device was turned down by the constraint.
    let step = &request.search[0];
    assert!(
        step.text.starts_with(
            "matchAttribute gpu.example.com/numa: value 1, but the devices picked so far have [0]"
        ),
        "{}",
        step.text
    );
    assert!(matches!(
        step.reason,
        Reason::Constraint {
            conflict: crate::allocator::report::Conflict::Differs { .. },
            ..
        }
    ));
}

#[test]
fn requests_wanting_the_same_devices() {
    let two = "    - name: other\n      exactly:\n        deviceClassName: gpu\n";
    let text = scenario(&[CLASS, &slice(TWO_GPUS), &(claim("three", 2, "", "") + two)]);
    let explanation = run(&text);
    assert_eq!(
        explanation.pods[0].summary,
        "0/1 nodes are available: node-1: requests gpu, other want the same devices: 3 needed together, 2 candidates"
    );
}

#[test]
fn traces_record_picks_and_backtracks() {
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "pair",
            2,
            "",
            "    constraints:\n    - matchAttribute: gpu.example.com/numa\n",
        ),
    ]);
    let options = ExplainOptions {
        trace: true,
        ..ExplainOptions::default()
    };
    let explanation = explain(&text, &options).unwrap();
    let search = explanation.pods[0].nodes[0].search.as_ref().unwrap();
    let kinds: Vec<&str> = search
        .events
        .iter()
        .map(|e| match e {
            SearchEvent::Start { .. } => "start",
            SearchEvent::Pick { .. } => "pick",
            SearchEvent::Reject { .. } => "reject",
            SearchEvent::Backtrack { .. } => "backtrack",
            SearchEvent::Exhausted { .. } => "exhausted",
            SearchEvent::Solution { .. } => "solution",
            SearchEvent::TryAlternative { .. } => "alternative",
            SearchEvent::Stopped { .. } => "stopped",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "start",
            "pick",
            "reject",
            "exhausted",
            "backtrack",
            "pick",
            "exhausted",
            "backtrack",
            "exhausted"
        ]
    );
    // Without a trace, no events are kept.
    let quiet = run(&text);
    assert!(quiet.pods[0].nodes[0].search.is_none());
}

#[test]
fn a_stopped_search_is_explained() {
    let text = scenario(&[
        "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: s\nspec:\n  searchBudget:\n    maxSteps: 2\n",
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "pair",
            2,
            "",
            "    constraints:\n    - matchAttribute: gpu.example.com/numa\n",
        ),
    ]);
    let explanation = run(&text);
    assert_eq!(explanation.budget.max_steps, Some(2));
    let pod = &explanation.pods[0];
    assert_eq!(pod.nodes[0].verdict, "stopped");
    assert!(
        pod.summary
            .starts_with("search stopped after 2 steps: the search budget allows 2 steps per pod"),
        "{}",
        pod.summary
    );
    assert_eq!(pod.steps, 2);
}

#[test]
fn the_matrix_has_every_selector_on_every_device() {
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim(
            "a",
            1,
            r#"device.attributes["gpu.example.com"].model == "A100""#,
            "",
        ),
        &claim(
            "b",
            1,
            r#"device.attributes["gpu.example.com"].model == "A100""#,
            "",
        ),
        &claim(
            "c",
            1,
            r#"device.attributes["gpu.example.com"].missing"#,
            "",
        ),
    ]);
    let loaded = pipeline::load(&text, &RunOptions::default());
    let matrix = selector_matrix(&loaded);
    assert_eq!(matrix.devices.len(), 2);
    let rows: Vec<(&str, usize, usize)> = matrix
        .rows
        .iter()
        .map(|r| (r.expression.as_str(), r.used_by.len(), r.matches))
        .collect();
    assert_eq!(
        rows,
        [
            (r#"device.driver == "gpu.example.com""#, 1, 2),
            (
                r#"device.attributes["gpu.example.com"].model == "A100""#,
                2,
                1
            ),
            (r#"device.attributes["gpu.example.com"].missing"#, 1, 0),
        ]
    );
    assert_eq!(matrix.rows[1].cells, [Cell::True, Cell::False]);
    assert!(matches!(&matrix.rows[2].cells[0], Cell::Error(m) if m.contains("no such key")));
}

#[test]
fn explaining_does_not_change_the_outcome() {
    let text = scenario(&[
        CLASS,
        &slice(TWO_GPUS),
        &claim("a", 1, "", ""),
        &claim("b", 1, "", ""),
        &claim("c", 1, "", ""),
    ]);
    let run = crate::pipeline::run_scenario(&text, &RunOptions::default()).unwrap();
    let explanation = run_explained(&text);
    let placed: Vec<bool> = run
        .implicit_pods
        .iter()
        .map(|p| matches!(p.placement, Placement::Node(_)))
        .collect();
    let explained: Vec<bool> = explanation.pods.iter().map(|p| p.node.is_some()).collect();
    assert_eq!(placed, explained);
    assert_eq!(placed, [true, true, false]);
}

fn run_explained(text: &str) -> Explanation {
    explain(
        text,
        &ExplainOptions {
            trace: true,
            matrix: true,
            ..ExplainOptions::default()
        },
    )
    .unwrap()
}

use crate::allocator::report::SearchEvent;

#[test]
fn a_device_names_every_holder_of_the_claims_that_share_it() {
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: shared\n"
        )
    };
    let text = scenario(&[
        CLASS,
        &slice("  - name: gpu-0\n"),
        &claim("shared", 1, "", ""),
        &pod("first"),
        &pod("second"),
        &claim("late", 1, "", ""),
        &pod("third").replace("resourceClaimName: shared", "resourceClaimName: late"),
    ]);
    let explanation = run(&text);
    let device = explanation
        .device("gpu.example.com/node-1/gpu-0")
        .expect("gpu-0");
    assert_eq!(device.allocations.len(), 1);
    assert_eq!(device.allocations[0].pod.as_deref(), Some("default/first"));
    assert_eq!(device.allocations[0].shared_with, ["default/second"]);
    // The pod that did not get it is told every pod that holds it.
    let text = render(&explanation, &RenderOptions::default());
    assert!(
        text.contains("claim default/shared (pods default/first, default/second)"),
        "{text}"
    );
}
