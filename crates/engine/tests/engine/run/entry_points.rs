//! Every entry point of the engine takes the same pipeline: a scenario that
//! the command line's `allocate` refuses ([`run_scenario`]) is refused by
//! `explain` and by the web app's `analyze` with the same problems, and one
//! that runs has the same outcome everywhere.

use dra_engine::explain::{explain, ExplainOptions};
use dra_engine::playground::{analyze, Outcome};
use dra_engine::scheduler::Placement;
use dra_engine::{run_scenario, RunOptions};

/// (line, column, message) of each problem.
type Problems = Vec<(usize, usize, String)>;

fn problems(diagnostics: &[dra_engine::diagnostic::Diagnostic]) -> Problems {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.span.start.line, d.span.start.column, d.message.clone()))
        .collect()
}

/// The problems each entry point refuses `text` with (None: it ran).
fn refusals(text: &str) -> [Option<Problems>; 3] {
    let options = RunOptions::default();
    let allocate = run_scenario(text, &options).err().map(|d| problems(&d));
    let explained = explain(text, &ExplainOptions::default())
        .err()
        .map(|d| problems(&d));
    let analysis = analyze(text, &options);
    let analyzed = match analysis.outcome {
        Outcome::Invalid { .. } => Some(problems(&analysis.diagnostics)),
        Outcome::Ran(_) => None,
    };
    [allocate, explained, analyzed]
}

#[test]
fn empty_and_invalid_scenarios_are_refused_alike() {
    for text in [
        "",
        "# nothing but a comment\n",
        "---\n---\n",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: [\n",
        "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: Not_A_Name}\n",
    ] {
        let [allocate, explained, analyzed] = refusals(text);
        let problems = allocate.unwrap_or_else(|| panic!("{text:?} ran"));
        assert!(!problems.is_empty(), "{text:?}");
        assert_eq!(explained.as_ref(), Some(&problems), "explain, {text:?}");
        assert_eq!(analyzed.as_ref(), Some(&problems), "analyze, {text:?}");
    }
    let [empty, ..] = refusals("");
    assert_eq!(
        empty.unwrap()[0],
        (
            1,
            1,
            "the scenario is empty: write DeviceClasses, ResourceSlices, ResourceClaims and Pods as a YAML stream".to_owned()
        )
    );
}

#[test]
fn a_scenario_that_runs_has_one_outcome_everywhere() {
    let text = include_str!("../../../../../examples/match-attribute-pcie-root.yaml");
    let options = RunOptions::default();
    let run = run_scenario(text, &options).expect("runs");
    let explained = explain(text, &ExplainOptions::default()).expect("explains");
    let analysis = analyze(text, &options);
    let placed: Vec<Option<String>> = run
        .pods
        .iter()
        .map(|p| match &p.placement {
            Placement::Node(node) => Some(node.clone()),
            Placement::Unschedulable(_) => None,
        })
        .collect();
    assert!(!placed.is_empty());
    let explained_nodes: Vec<Option<String>> =
        explained.pods.iter().map(|p| p.node.clone()).collect();
    assert_eq!(explained_nodes, placed);
    let analyzed_nodes: Vec<Option<String>> =
        analysis.pods.iter().map(|p| p.node.clone()).collect();
    assert_eq!(analyzed_nodes, placed);
}
