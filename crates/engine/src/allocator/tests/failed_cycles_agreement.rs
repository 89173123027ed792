//! Kept failures change no outcome: every conformance case, random
//! scenario, gallery example and a generated cluster that fills up runs to
//! the same result with them and without, with scoring and without, with
//! the default search budget and a small one; and a kept failure is not
//! given to a pod after the state changed, nor to a pod whose spec differs.

use std::fs;
use std::path::Path;

use super::funnel_agreement::{cases_in, SUITES};
use super::memo_agreement::outcome;
use crate::pipeline::{run_scenario_with, RunOptions};
use crate::presets::{scenario, Preset, ScenarioOptions};
use crate::scheduler::failed_cycles::{hits, without_failed_cycles};
use crate::scheduler::{Placement, SchedulerOptions};

/// Two nodes with one GPU and two CPUs each; pods asking for two GPUs fit
/// nowhere, before and after a pod takes a node's CPUs (`hog`), and one of
/// them (`picky`) also selects a zone no node is in.
const STATE_CHANGES: &str = include_str!("failed_cycles_agreement.yaml");

fn options(no_scoring: bool, max_steps: Option<u64>) -> SchedulerOptions {
    SchedulerOptions {
        no_scoring,
        max_steps,
        ..SchedulerOptions::default()
    }
}

#[test]
fn runs_are_the_same_with_and_without_kept_failures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts: Vec<(String, String)> = SUITES
        .iter()
        .flat_map(|suite| cases_in(&root.join(suite)))
        .chain(cases_in(&root.join("examples")))
        .map(|path| {
            let text = fs::read_to_string(&path).expect("scenario file");
            (path.display().to_string(), text)
        })
        .collect();
    let filled = ScenarioOptions {
        preset: Preset::ExampleGpu,
        nodes: 12,
        pods: 60,
        ..ScenarioOptions::default()
    };
    texts.push(("generated".into(), scenario(&filled)));
    texts.push(("state changes".into(), STATE_CHANGES.into()));
    let hits_before = hits();
    let mut differences = Vec::new();
    for (name, text) in &texts {
        for no_scoring in [false, true] {
            for max_steps in [None, Some(8)] {
                let options = options(no_scoring, max_steps);
                let with = outcome(text, &options);
                let without = without_failed_cycles(|| outcome(text, &options));
                if with != without {
                    differences.push(format!(
                        "{name} (no_scoring {no_scoring}, max_steps {max_steps:?})"
                    ));
                }
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} runs differ with kept failures:\n{}",
        differences.len(),
        differences.join("\n")
    );
    // Not vacuous: the files were read and kept failures answered pods.
    assert!(texts.len() > 340, "only {} scenarios", texts.len());
    assert!(hits() > hits_before, "no kept failure answered a pod");
}

#[test]
fn a_kept_failure_is_given_only_at_the_same_state_to_the_same_pod() {
    let two_cannot = "0/2 nodes are available: 2 cannot allocate all claims. still not \
        schedulable, preemption: 0/2 nodes are available: 2 Preemption is not helpful for \
        scheduling.";
    let expected = [
        ("big-1", two_cannot),
        // Same spec and claims, nothing changed: the kept failure.
        ("big-2", two_cannot),
        ("hog", "node-1"),
        // The same pod again after `hog` took node-1's CPUs.
        (
            "big-3",
            "0/2 nodes are available: 1 Insufficient cpu, 1 cannot allocate all claims. still \
             not schedulable, preemption: 0/2 nodes are available: 1 No preemption victims \
             found for incoming pod, 1 Preemption is not helpful for scheduling.",
        ),
        // The same claims, another spec.
        (
            "picky",
            "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. \
             still not schedulable, preemption: 0/2 nodes are available: 2 Preemption is not \
             helpful for scheduling.",
        ),
    ];
    for no_scoring in [false, true] {
        let options = options(no_scoring, None);
        let before = hits();
        let run = run_scenario_with(STATE_CHANGES, &RunOptions::default(), &options)
            .expect("the scenario loads");
        assert_eq!(hits() - before, 1, "only big-2 is answered from big-1");
        let got: Vec<(&str, &str)> = run
            .pods
            .iter()
            .map(|p| {
                let placement = match &p.placement {
                    Placement::Node(node) => node.as_str(),
                    Placement::Unschedulable(message) => message.as_str(),
                };
                (p.pod.metadata.name.as_str(), placement)
            })
            .collect();
        assert_eq!(got, expected, "no_scoring {no_scoring}");
        let without = without_failed_cycles(|| {
            run_scenario_with(STATE_CHANGES, &RunOptions::default(), &options)
        });
        assert_eq!(Ok(run), without, "no_scoring {no_scoring}");
    }
}
