//! A whole run: arbitrary scenario text through loading, (optionally)
//! validation, the simulated scheduler and the allocator, then the output
//! writers. The allocator has no search budget yet, so inputs are capped at
//! 16 KiB and hangs are caught with libFuzzer's -timeout.

#![no_main]

use dra_engine::output::{run_result_documents, run_result_list, write_stream};
use dra_engine::{run_scenario, RunOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// Larger inputs are ignored (the allocator has no search budget yet).
const MAX_INPUT: usize = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    for skip_validation in [false, true] {
        match run_scenario(&text, &RunOptions { skip_validation }) {
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
