//! Whole runs never panic: conformance scenarios with lines deleted or
//! duplicated and values replaced by extreme ones are loaded, validated (or
//! not) and handed to the simulated scheduler and the allocator. With
//! validation skipped, odd objects reach the allocator, whose own checks must
//! turn them into errors, not panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use dra_engine::{run_scenario, RunOptions};

use crate::support::{conformance_scenarios, file_name, Rng};

/// Values that stress the allocator's arithmetic and limits.
const ODD_VALUES: &[&str] = &[
    "0",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "1e400",
    "\"\"",
    "All",
    "\"device.driver == 1\"",
    "\"device.attributes['x'].y\"",
    "[]",
    "{}",
    "null",
    "0.000000001m",
    "\"999999999999999999999999Ei\"",
];

/// Every conformance scenario, as (file name, text).
fn scenarios() -> Vec<(String, String)> {
    let mut files = conformance_scenarios("upstream");
    files.extend(conformance_scenarios("random"));
    files
        .iter()
        .map(|p| {
            (
                file_name(p),
                std::fs::read_to_string(p).expect("readable case"),
            )
        })
        .collect()
}

/// One random structural or value mutation of a scenario, line-based so the
/// result is usually still YAML.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return String::new();
    }
    let at = rng.below(lines.len());
    match rng.below(4) {
        0 => {
            lines.remove(at);
        }
        1 => {
            let copy = lines[at].clone();
            lines.insert(at, copy);
        }
        _ => {
            if let Some(colon) = lines[at].find(": ") {
                let value = ODD_VALUES[rng.below(ODD_VALUES.len())];
                lines[at] = format!("{}: {value}", &lines[at][..colon]);
            }
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_scenarios_run_without_panicking() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut runs = 0;
    let mut refused = 0;
    for (name, text) in scenarios() {
        for round in 0..3 {
            let mut mutated = mutate(&text, &mut rng);
            if round == 2 {
                mutated = mutate(&mutated, &mut rng);
            }
            for skip_validation in [true, false] {
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    run_scenario(&mutated, &RunOptions { skip_validation })
                }));
                match outcome {
                    Ok(Ok(_)) => {}
                    Ok(Err(diagnostics)) => {
                        assert!(!diagnostics.is_empty(), "{name}: refused without a reason");
                        for d in &diagnostics {
                            assert!(d.span.start.line >= 1 && d.span.start.column >= 1, "{name}: {d}");
                        }
                        refused += 1;
                    }
                    Err(_) => panic!(
                        "panic running {name} (mutation {round}, skip_validation={skip_validation}):\n{mutated}"
                    ),
                }
                runs += 1;
            }
        }
    }
    println!("{runs} mutated runs, {refused} refused with positioned diagnostics, none panicked");
    assert!(runs >= 1900, "only {runs} runs");
    assert!(
        refused > 0,
        "mutations never produced an invalid scenario: the test is not biting"
    );
}
