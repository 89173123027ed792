//! Replays the fuzzing reproducers (fuzz/regressions/TARGET/*) with the checks
//! of the fuzz targets (fuzz/fuzz_targets/), on the stable toolchain: every
//! problem fuzzing found and that was fixed stays fixed.

use std::collections::BTreeMap;

use dra_engine::api::{DeviceAttribute, DeviceCapacity};
use dra_engine::cel::{compile, compile_in, CompileOptions, DeviceInput, EnvType};
use dra_engine::diagnostic::{Diagnostic, Pos, Span};
use dra_engine::load::{load_scenario, LoadOptions};
use dra_engine::output::{run_result_documents, run_result_list, write_stream};
use dra_engine::quantity::Quantity;
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::{run_scenario_with, RunOptions};

use crate::support::repo_file;

/// The search budget of the `run` fuzz target (fuzz/fuzz_targets/common.rs).
const FUZZ_MAX_STEPS: u64 = 5_000;

/// The reproducers of one target, as (file name, bytes).
fn reproducers(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_file("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("readable reproducer"))
        })
        .collect();
    files.sort();
    files
}

/// Line and column (1-based, columns in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[start..].chars().count() + 1,
    )
}

fn check_pos(name: &str, text: &str, pos: Pos) {
    assert!(pos.offset <= text.len(), "{name}: offset past the end");
    assert!(
        text.is_char_boundary(pos.offset),
        "{name}: offset inside a character"
    );
    assert_eq!(
        (pos.line, pos.column),
        line_column(text, pos.offset),
        "{name}: line/column disagree with offset {}",
        pos.offset
    );
}

fn check_span(name: &str, text: &str, span: Span) {
    check_pos(name, text, span.start);
    check_pos(name, text, span.end);
    assert!(
        span.start.offset <= span.end.offset,
        "{name}: span ends before it starts"
    );
}

fn check_diagnostics(name: &str, text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(
            !d.message.is_empty(),
            "{name}: a diagnostic without a message"
        );
        check_span(name, text, d.span);
    }
}

fn replay_load(name: &str, text: &str) {
    for skip_validation in [false, true] {
        let loaded = load_scenario(text, &LoadOptions { skip_validation });
        check_diagnostics(name, text, &loaded.diagnostics);
        for o in &loaded.objects {
            check_span(name, text, o.spans.object);
            for (_, entry) in o.spans.iter() {
                if let Some(key) = entry.key {
                    check_span(name, text, key);
                }
                check_span(name, text, entry.value);
            }
        }
    }
}

fn replay_run(name: &str, text: &str) {
    for skip_validation in [false, true] {
        let budget = SchedulerOptions {
            max_steps: Some(FUZZ_MAX_STEPS),
            ..SchedulerOptions::default()
        };
        match run_scenario_with(text, &RunOptions { skip_validation }, &budget) {
            Err(diagnostics) => {
                assert!(
                    !diagnostics.is_empty(),
                    "{name}: failed without a diagnostic"
                );
                check_diagnostics(name, text, &diagnostics);
            }
            Ok(run) => {
                let yaml = write_stream(&run_result_documents(&run));
                let parsed = dra_engine::yaml::parse(&yaml);
                assert!(
                    parsed.diagnostics.is_empty(),
                    "{name}: output does not read back: {:?}",
                    parsed.diagnostics
                );
                serde_json::to_string(&run_result_list(&run)).expect("JSON output");
            }
        }
    }
}

fn replay_cel(name: &str, expression: &str) {
    let mut attributes = BTreeMap::new();
    attributes.insert(
        "int".to_string(),
        DeviceAttribute {
            int_value: Some(42),
            ..Default::default()
        },
    );
    attributes.insert(
        "strings".to_string(),
        DeviceAttribute {
            string_values: Some(vec!["a".into(), "".into()]),
            ..Default::default()
        },
    );
    let mut capacity = BTreeMap::new();
    capacity.insert(
        "memory".to_string(),
        DeviceCapacity {
            value: Quantity::parse("16Gi").expect("quantity"),
            request_policy: None,
        },
    );
    // CompileError::offset counts characters.
    let chars = expression.chars().count();
    for list_type_attributes in [false, true] {
        for consumable_capacity in [false, true] {
            let options = CompileOptions {
                list_type_attributes,
                consumable_capacity,
            };
            for compiled in [
                compile(expression, &options),
                compile_in(expression, &options, EnvType::NewExpressions),
            ] {
                match compiled {
                    Err(e) => {
                        assert!(!e.message.is_empty(), "{name}");
                        assert!(
                            e.offset.is_none_or(|o| o <= chars),
                            "{name}: offset past the end"
                        );
                    }
                    Ok(program) => {
                        let input = DeviceInput {
                            driver: "dra.example.com",
                            attributes: &attributes,
                            capacity: &capacity,
                            allow_multiple_allocations: Some(true),
                        };
                        let _ = program.evaluate(&input);
                    }
                }
            }
        }
    }
}

#[test]
fn load_reproducers_load() {
    for (name, bytes) in reproducers("load") {
        replay_load(&name, &String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn run_reproducers_run() {
    for (name, bytes) in reproducers("run") {
        let text = String::from_utf8_lossy(&bytes);
        replay_load(&name, &text);
        replay_run(&name, &text);
    }
}

#[test]
fn cel_reproducers_compile_and_evaluate() {
    for (name, bytes) in reproducers("cel") {
        replay_cel(&name, &String::from_utf8_lossy(&bytes));
    }
}

/// The first reproducer, kept here too in case the folder is moved.
#[test]
fn a_lone_carriage_return_does_not_shift_lines() {
    replay_load("inline", "\r\0");
    replay_run("inline", "a: b\r-c\nd: [\n");
}
