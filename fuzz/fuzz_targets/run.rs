//! A whole run: arbitrary scenario text through loading, (optionally)
//! validation, the simulated scheduler and the allocator, then the output
//! writers. The search budget is small ([`common::FUZZ_MAX_STEPS`] steps per
//! pod), so that backtracking inputs stop quickly and fuzzing moves on;
//! inputs are capped at 16 KiB and a hang is caught by libFuzzer's -timeout.

#![no_main]

use dra_engine::output::{run_result_documents, run_result_list, write_stream};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::{run_scenario_with, RunOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// Larger inputs are ignored: they take long to load and run.
const MAX_INPUT: usize = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    for skip_validation in [false, true] {
        let budget = SchedulerOptions {
            max_steps: Some(common::FUZZ_MAX_STEPS),
            ..SchedulerOptions::default()
        };
        match run_scenario_with(&text, &RunOptions { skip_validation }, &budget) {
            Err(diagnostics) => {
                assert!(!diagnostics.is_empty(), "a failed run without a diagnostic");
                common::check_diagnostics(&text, &diagnostics);
            }
            Ok(run) => {
                let yaml = write_stream(&run_result_documents(&run));
                // What the command line prints must be YAML that reads back.
                let parsed = dra_engine::yaml::parse(&yaml);
                assert!(
                    parsed.diagnostics.is_empty(),
                    "output does not read back: {:?}\n{yaml}",
                    parsed.diagnostics
                );
                let list = run_result_list(&run);
                serde_json::to_string_pretty(&list).expect("JSON output");
            }
        }
    }
});
