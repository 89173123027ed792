//! Behaviour of the Kubernetes allocator that looks like a bug, kept because
//! results must be identical to upstream's (k8s.io/dynamic-resource-allocation,
//! structured/internal/{stable,incubating,experimental}, all three alike).
//! Each case is a scenario under `tests/scenarios/` with the reading of
//! upstream's code that decides it.

use dra_engine::explain::{explain, ExplainOptions};
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
