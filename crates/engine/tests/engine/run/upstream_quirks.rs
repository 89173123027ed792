//! Behaviour of Kubernetes that looks like a bug, kept because results must
//! be identical to upstream's: the allocator (k8s.io/dynamic-resource-allocation,
//! structured/internal/{stable,incubating,experimental}, all three alike) and
//! the CEL environment it evaluates selectors in. Each case is a scenario
//! under `tests/scenarios/` with the reading of upstream's code that decides it.

use dra_engine::explain::{explain, hints, ExplainOptions};
use dra_engine::load::{load_scenario, LoadOptions};
use dra_engine::scheduler::Placement;
use dra_engine::{run_scenario, RunOptions};

fn scenario(name: &str) -> String {
    let path = format!("{}/tests/scenarios/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Upstream's `allocateDevice` adds a device's counter consumption
/// (`checkAvailableCounters`) before it checks taints and constraints, and
/// the paths that then turn the device down return without
/// `deallocateCountersForDevice`: the counters stay consumed until the
/// attempt on that node ends. Here claim y's search tries d2 and d3 after
/// d1 (root a) and rejects them by matchAttribute, which leaves their
/// counter sets used up, so neither can start y's pair later.
#[test]
fn counters_stay_consumed_after_a_constraint_rejects_the_device() {
    let text = scenario("counters-held-after-rejection");
    for skip_validation in [false, true] {
        let run = run_scenario(&text, &RunOptions { skip_validation }).expect("the scenario runs");
        let pod = &run.pods[0];
        let Placement::Unschedulable(_) = &pod.placement else {
            panic!("upstream finds no allocation, we placed the pod: {pod:?}");
        };
        assert!(run.claims.iter().all(|c| c.status.allocation.is_none()));
        // The explanation says where the counters went.
        let options = ExplainOptions {
            skip_validation,
            ..ExplainOptions::default()
        };
        let explanation = explain(&text, &options).expect("the scenario runs");
        let reason = &explanation.pods[0].summary;
        assert!(
            reason.contains("counter set-")
                && reason.contains("still held by devices turned down earlier in this search"),
            "{reason}"
        );
    }
}

/// Without the matchAttribute constraint the same hardware serves both
/// claims: nothing is rejected after its counters were taken.
#[test]
fn without_the_constraint_both_claims_fit() {
    let text = scenario("counters-held-after-rejection").replace(
        "    constraints:\n    - matchAttribute: gpu.example.com/root\n",
        "",
    );
    let run = run_scenario(&text, &RunOptions::default()).expect("the scenario runs");
    assert_eq!(run.pods[0].placement, Placement::Node("node-1".into()));
}

/// k8s.io/apiserver's CEL base environment plans programs with cel-go's
/// optimizer (`cel.OptOptimize`), which turns `x in ["2.0.0", "2.1.0"]` into
/// a lookup in a Go map; a version (`cel.Semver`, a struct holding slices)
/// cannot be hashed, the Go runtime panics and cel-go reports "internal
/// error: runtime error: hash of unhashable type cel.Semver". The allocator
/// returns it as an error, which aborts the pod on the first node tried:
/// node-2's GPU, whose version is a string, is never considered, and the
/// claim does not fall through to its second alternative.
#[test]
fn a_version_in_a_constant_list_of_strings_fails_the_pod() {
    let text = scenario("version-in-constant-list");
    for skip_validation in [false, true] {
        let run = run_scenario(&text, &RunOptions { skip_validation }).expect("the scenario runs");
        assert_eq!(
            run.pods[0].placement,
            Placement::Unschedulable(
                "claim default/gpu: selector #0 on device gpu.example.com/node-1/gpu-0: CEL runtime error: internal error: runtime error: hash of unhashable type cel.Semver".into()
            )
        );
        assert!(run.claims.iter().all(|c| c.status.allocation.is_none()));
    }
    // The hint says why, at the selector, before any run, and what works.
    let loaded = load_scenario(&text, &LoadOptions::default());
    let hint = hints(&loaded, &text)
        .into_iter()
        .find(|h| h.kind == "unhashableVersion")
        .expect("a hint about the version");
    let position = hint.position.expect("positioned");
    let line = text.lines().nth(position.line - 1).unwrap_or_default();
    assert!(
        line.contains("driverVersion in [\"2.0.0\", \"2.1.0\"]"),
        "{line}"
    );
    assert!(hint.message.contains("compareTo") && hint.message.contains("isGreaterThan"));
    let rewrite = hint.suggestion.expect("a rewrite");

    // The rewrite compares versions as versions: node-1's GPU matches.
    let fixed = text.replace(
        r#"device.attributes["gpu.example.com"].driverVersion in ["2.0.0", "2.1.0"]"#,
        &rewrite,
    );
    assert_ne!(fixed, text);
    let run = run_scenario(&fixed, &RunOptions::default()).expect("the scenario runs");
    assert_eq!(run.pods[0].placement, Placement::Node("node-1".into()));
    let results = &run.claims[0]
        .status
        .allocation
        .as_ref()
        .expect("allocated")
        .devices
        .results;
    assert_eq!(results[0].request, "gpu/recent-driver");
}
