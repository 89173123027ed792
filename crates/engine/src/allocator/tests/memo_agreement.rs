//! The search memo changes no outcome: every conformance case, random
//! scenario and gallery example runs to the same result with the memo and
//! without it, with scoring and without, with the default search budget and
//! with one so small that kept outcomes must be searched again.

use std::fs;
use std::path::Path;

use super::funnel_agreement::{cases_in, SUITES};
use crate::allocator::memo::{hits, without_memo, KEPT_TABLES};
use crate::allocator::{AllocatedState, Allocator, CelCache, Inventory, SearchMemo};
use crate::api::{DeviceClass, Node, ResourceClaim, ResourceSlice};
use crate::features::Features;
use crate::pipeline::{run_scenario_with, RunOptions};
use crate::scheduler::SchedulerOptions;
use serde_json::{from_value, json};

/// The infix of every share id (`search/mod.rs`): ids count up over the
/// process, so two runs name the same shares differently.
const SHARE_ID_INFIX: &str = "-0000-4000-8000-";

/// A run's outcome as text, its share ids numbered by first appearance.
pub(super) fn outcome(text: &str, options: &SchedulerOptions) -> String {
    let result = run_scenario_with(text, &RunOptions::default(), options);
    let debug = format!("{result:?}");
    let mut out = String::with_capacity(debug.len());
    let mut seen: Vec<&str> = Vec::new();
    let mut rest = debug.as_str();
    while let Some(at) = rest.find(SHARE_ID_INFIX) {
        let start = at.saturating_sub(8);
        let end = (at + SHARE_ID_INFIX.len() + 12).min(rest.len());
        let id = &rest[start..end];
        let number = seen.iter().position(|s| *s == id).unwrap_or_else(|| {
            seen.push(id);
            seen.len() - 1
        });
        out.push_str(&rest[..start]);
        out.push_str(&format!("share-{number}"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn runs_are_the_same_with_and_without_the_memo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<_> = SUITES
        .iter()
        .flat_map(|suite| cases_in(&root.join(suite)))
        .collect();
    files.extend(cases_in(&root.join("examples")));
    let hits_before = hits();
    let mut differences = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("scenario file");
        for no_scoring in [false, true] {
            for max_steps in [None, Some(3), Some(8), Some(40)] {
                let options = SchedulerOptions {
                    no_scoring,
                    max_steps,
                    ..SchedulerOptions::default()
                };
                let with = outcome(&text, &options);
                let without = without_memo(|| outcome(&text, &options));
                if with != without {
                    differences.push(format!(
                        "{} (no_scoring {no_scoring}, max_steps {max_steps:?})",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} runs differ with the memo:\n{}",
        differences.len(),
        differences.join("\n")
    );
    // Not vacuous: the files were read and the memo answered searches.
    assert!(files.len() > 340, "only {} files", files.len());
    assert!(hits() > hits_before, "the memo answered no search");
}

/// A device class `gpu`.
fn gpu_class() -> DeviceClass {
    from_value(json!({"metadata": {"name": "gpu"}, "spec": {}})).expect("class")
}

/// A slice of `gpus` devices on the node (its pool named after it).
fn gpu_slice(node: &str, gpus: usize) -> ResourceSlice {
    let devices: Vec<_> = (0..gpus)
        .map(|i| json!({"name": format!("gpu-{i}")}))
        .collect();
    from_value(json!({
        "metadata": {"name": format!("{node}-gpu")},
        "spec": {
            "driver": "gpu.example.com",
            "nodeName": node,
            "pool": {"name": node, "generation": 1, "resourceSliceCount": 1},
            "devices": devices
        }
    }))
    .expect("slice")
}

/// A claim for `count` GPUs.
fn gpu_claim(name: &str, count: i64) -> ResourceClaim {
    from_value(json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"devices": {"requests": [{"name": "gpus", "exactly": {
            "deviceClassName": "gpu", "allocationMode": "ExactCount", "count": count
        }}]}}
    }))
    .expect("claim")
}

/// A node without labels.
fn node(name: &str) -> Node {
    from_value(json!({"metadata": {"name": name}})).expect("node")
}

/// An allocator told of a pod's pending claims takes for them only those
/// very objects: other claims' specs are compared as before, and a number
/// the memo gave before it was reset for another run is not used.
#[test]
fn known_claims_are_those_objects_in_that_run() {
    let (fits, too_many) = (gpu_claim("fits", 2), gpu_claim("too-many", 3));
    let nodes = [node("node-a")];
    let node = &nodes[0];
    let classes = [gpu_class()];
    let slices = [gpu_slice("node-a", 2)];
    let (inventory, other_inventory) = (Inventory::new(&slices), Inventory::new(&slices));
    let state = AllocatedState::from_claims(&inventory, true, &[]);
    let other_state = AllocatedState::from_claims(&other_inventory, true, &[]);
    let (cel, memo) = (CelCache::new(), SearchMemo::new(&nodes));
    let known = [&fits];
    let allocator = Allocator::new(Features::ALL, &classes, &inventory, &state, &cel)
        .with_memo(&memo)
        .with_claims(&known);
    assert!(allocator.find(node, &known).expect("search").is_some());
    assert_eq!(allocator.find(node, &[&too_many]), Ok(None));
    // Another run (another inventory) resets the memo, which numbers the
    // sets of specs again: the allocator's number for its claims is stale.
    let other = Allocator::new(
        Features::ALL,
        &classes,
        &other_inventory,
        &other_state,
        &cel,
    )
    .with_memo(&memo);
    assert_eq!(other.find(node, &[&too_many]), Ok(None));
    assert!(allocator.find(node, &known).expect("search").is_some());
    assert_eq!(allocator.find(node, &[&too_many]), Ok(None));
    assert!(allocator.find(node, &known).expect("search").is_some());
}

/// The memo keeps searches on its run's nodes, known by position: an equal
/// node that is another object is searched again every time (the memo
/// answers nothing for it), one of the run's nodes is answered from the
/// memo.
#[test]
fn the_memo_answers_for_the_run_nodes_only() {
    let claim = gpu_claim("one", 1);
    let nodes = [node("node-a"), node("node-b")];
    let elsewhere = node("node-b");
    let classes = [gpu_class()];
    let slices = [gpu_slice("node-a", 1), gpu_slice("node-b", 1)];
    let inventory = Inventory::new(&slices);
    let state = AllocatedState::from_claims(&inventory, true, &[]);
    let (cel, memo) = (CelCache::new(), SearchMemo::new(&nodes));
    let allocator =
        Allocator::new(Features::ALL, &classes, &inventory, &state, &cel).with_memo(&memo);
    let claims = [&claim];
    let found = |node: &Node| allocator.find(node, &claims).expect("search").is_some();

    let before = hits();
    assert!(found(&elsewhere) && found(&elsewhere));
    assert_eq!(hits(), before, "a node from elsewhere was answered");
    assert!(found(&nodes[1]));
    assert_eq!(hits(), before, "the first search was answered");
    assert!(found(&nodes[1]) && found(&nodes[0]) && found(&nodes[0]));
    assert_eq!(hits(), before + 2);
    // The same steps as the searches themselves.
    let plain = Allocator::new(Features::ALL, &classes, &inventory, &state, &cel);
    for node in [
        &elsewhere, &elsewhere, &nodes[1], &nodes[1], &nodes[0], &nodes[0],
    ] {
        assert!(plain.find(node, &claims).expect("search").is_some());
    }
    assert_eq!(allocator.steps(), plain.steps());
}

/// The memo keeps the outcomes of the sets of claim specs asked about most
/// recently (`KEPT_TABLES`): asked again from the last, those are answered
/// from it and the older ones searched again, all as the search answers.
#[test]
fn the_memo_forgets_the_sets_of_specs_asked_about_least_recently() {
    let claims: Vec<ResourceClaim> = (1..=KEPT_TABLES as i64 + 8)
        .map(|count| gpu_claim(&format!("claim-{count}"), count))
        .collect();
    let nodes = [node("node-a")];
    let (classes, slices) = ([gpu_class()], [gpu_slice("node-a", 2)]);
    let inventory = Inventory::new(&slices);
    let state = AllocatedState::from_claims(&inventory, true, &[]);
    let (cel, memo) = (CelCache::new(), SearchMemo::new(&nodes));
    let with = Allocator::new(Features::ALL, &classes, &inventory, &state, &cel).with_memo(&memo);
    let plain = Allocator::new(Features::ALL, &classes, &inventory, &state, &cel);
    let order = claims.iter().chain(claims.iter().rev());
    let before = hits();
    for claim in order {
        let found = |alloc: &Allocator<'_>| alloc.find(&nodes[0], &[claim]).map(|f| f.is_some());
        assert_eq!(found(&with), found(&plain), "{}", claim.metadata.name);
    }
    assert_eq!(hits(), before + KEPT_TABLES as u64);
    assert_eq!(with.steps(), plain.steps());
}
