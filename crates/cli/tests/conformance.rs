//! Runs every conformance case through the `dra-playground` binary, exactly as
//! a user would (`dra-playground allocate --skip-validation --no-scoring
//! --output json`: the expected outcomes were computed with nodes tried in
//! document order, the first feasible one winning), and compares the outcome
//! with the upstream allocator's, semantically as SCENARIO.md describes:
//! claims' `status.allocation` and pods' placement.
//!
//! Each case is one test (`conformance/upstream/NAME`, ...), so the usual
//! test filters work: `cargo test --test conformance -- upstream/admin`.

mod support;

use std::path::Path;

use libtest_mimic::{Arguments, Failed, Trial};
use support::{compare_outcomes, run_allocate, Case};

/// The folders of tests/ with cases, and how many cases each must hold.
const SUITES: [(&str, usize); 3] = [
    ("conformance/upstream", 223),
    ("conformance/random", 100),
    // The 500-node, 1,200-pod reference cluster: the outcome must match too.
    ("perf", 1),
];

fn main() {
    let arguments = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut trials = Vec::new();
    for (folder, expected_count) in SUITES {
        let cases = Case::all_in(&root.join(folder));
        let count = cases.len();
        trials.push(Trial::test(
            format!("{folder}/all-cases-present"),
            move || {
                if count == expected_count {
                    Ok(())
                } else {
                    Err(format!("expected {expected_count} cases, found {count}").into())
                }
            },
        ));
        trials.extend(
            cases
                .into_iter()
                .map(|case| Trial::test(format!("{folder}/{}", case.name), move || check(&case))),
        );
    }
    libtest_mimic::run(&arguments, trials).exit();
}

fn check(case: &Case) -> Result<(), Failed> {
    let actual = run_allocate(&case.scenario, &["--skip-validation", "--no-scoring"])?;
    compare_outcomes(&actual, &case.expected()?)?;
    Ok(())
}
