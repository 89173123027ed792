//! Loading on two threads (`load_scenario_in_parallel`, what the command
//! line runs) gives what loading on one gives: the same objects with the same
//! span tables, the same diagnostics in the same order, for good input,
//! bad input and streams cut short, with and without validation.

use dra_engine::limits::Limits;
use dra_engine::load::{load_scenario_in_parallel, load_scenario_within, LoadOptions};

use crate::support::{conformance_scenarios, file_name, repo_file, Rng};

fn assert_same(label: &str, text: &str) {
    for skip_validation in [false, true] {
        let options = LoadOptions { skip_validation };
        let one = load_scenario_within(text, &options, &Limits::COMMAND_LINE);
        let two = load_scenario_in_parallel(text, &options, &Limits::COMMAND_LINE);
        assert!(
            one == two,
            "{label} (skip_validation {skip_validation}): {:?}\nagainst {:?}",
            one.diagnostics,
            two.diagnostics
        );
    }
}

#[test]
fn conformance_cases_and_the_reference_cluster_load_the_same() {
    let mut files = conformance_scenarios("upstream");
    files.extend(conformance_scenarios("random"));
    files.push(repo_file("tests/perf/cluster-500x1200.yaml"));
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable case");
        assert_same(&file_name(&path), &text);
    }
}

#[test]
fn bad_input_loads_the_same() {
    let texts = [
        "",
        "# only a comment\n---\n---\n",
        "a: 1\n---\nb: [1, 2\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
        "apiVersion: v1\nkind: Podd\nmetadata: {name: a}\n---\nx: &a [1]\ny: *b\n",
        "apiVersion: v1\r\nkind: Pod\rmetadata:\n  name: é\n  bogus: 1\n",
        "apiVersion: v1\nkind: \"Pod\\x41\"\nmetadata:\n  name: p\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n–--\nkind: Node\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: 5}\n---\napiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec: {kubernetesVersion: \"1.34\"}\n",
    ];
    for (index, text) in texts.iter().enumerate() {
        assert_same(&format!("text {index}"), text);
    }
    let deep = format!("a: {}{}\n", "[".repeat(150), "]".repeat(150));
    assert_same("deep nesting", &deep);
}

/// Bytes that change how YAML reads what follows.
const REPLACEMENTS: &[u8] = b":-[{ \n#&*!\"'";

/// Conformance cases cut at random places, the last byte replaced.
#[test]
fn mutated_cases_load_the_same() {
    let mut rng = Rng(0x14);
    for path in conformance_scenarios("upstream").iter().step_by(11) {
        let text = std::fs::read_to_string(path).expect("readable case");
        let bytes = text.as_bytes();
        for _ in 0..4 {
            let cut = rng.below(bytes.len() + 1);
            let mut mutated = bytes[..cut].to_vec();
            if let Some(byte) = mutated.last_mut() {
                *byte = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
            }
            let mutated = String::from_utf8_lossy(&mutated);
            assert_same(&format!("{} cut at {cut}", file_name(path)), &mutated);
        }
    }
}
