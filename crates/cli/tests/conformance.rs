//! Runs every conformance case through the `dra-playground` binary, exactly as
//! a user would (`dra-playground allocate --skip-validation --output json`),
//! and compares the outcome with the upstream allocator's, semantically as
//! SCENARIO.md describes: claims' `status.allocation` and pods' placement.

mod support;

use std::path::Path;

use support::{compare_outcomes, run_allocate, Case};

fn run_suite(folder: &str, expected_count: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance")
        .join(folder);
    let cases = Case::all_in(&dir);
    assert_eq!(
        cases.len(),
        expected_count,
        "expected {expected_count} cases in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = run_allocate(&case.scenario, true);
        match outcome.and_then(|actual| compare_outcomes(&actual, &case.expected()?)) {
            Ok(()) => {}
            Err(difference) => failures.push(format!("{}: {difference}", case.name)),
        }
    }
    let passed = cases.len() - failures.len();
    println!(
        "conformance/{folder}: {passed}/{} cases identical to upstream",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} {folder} cases differ from upstream:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn upstream_allocator_table() {
    run_suite("upstream", 223);
}

#[test]
fn random_multi_pod_scenarios() {
    run_suite("random", 100);
}
