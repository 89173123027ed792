//! The search memo changes no outcome: every conformance case, random
//! scenario and gallery example runs to the same result with the memo and
//! without it, with scoring and without, with the default search budget and
//! with one so small that kept outcomes must be searched again.

use std::fs;
use std::path::Path;

use super::funnel_agreement::{cases_in, SUITES};
use crate::allocator::memo::{hits, without_memo};
use crate::pipeline::{run_scenario_with, RunOptions};
use crate::scheduler::SchedulerOptions;

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

/// An allocator told of a pod's pending claims takes for them only those
/// very objects: other claims' specs are compared as before, and a number
/// the memo gave before it was reset for another run is not used.
#[test]
fn known_claims_are_those_objects_in_that_run() {
    use crate::allocator::{AllocatedState, Allocator, CelCache, Inventory, SearchMemo};
    use crate::api::{DeviceClass, Node, ResourceClaim, ResourceSlice};
    use crate::features::Features;
    use serde_json::{from_value, json};

    let class: DeviceClass =
        from_value(json!({"metadata": {"name": "gpu"}, "spec": {}})).expect("class");
    let slice: ResourceSlice = from_value(json!({
        "metadata": {"name": "node-a-gpu"},
        "spec": {
            "driver": "gpu.example.com",
            "nodeName": "node-a",
            "pool": {"name": "node-a", "generation": 1, "resourceSliceCount": 1},
            "devices": [{"name": "gpu-0"}, {"name": "gpu-1"}]
        }
    }))
    .expect("slice");
    let claim = |name: &str, count: i64| -> ResourceClaim {
        from_value(json!({
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"devices": {"requests": [{"name": "gpus", "exactly": {
                "deviceClassName": "gpu", "allocationMode": "ExactCount", "count": count
            }}]}}
        }))
        .expect("claim")
    };
    let (fits, too_many) = (claim("fits", 2), claim("too-many", 3));
    let nodes: [Node; 1] = [from_value(json!({"metadata": {"name": "node-a"}})).expect("node")];
    let node = &nodes[0];
    let classes = [class];
    let slices = [slice];
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
    use crate::allocator::{AllocatedState, Allocator, CelCache, Inventory, SearchMemo};
    use crate::api::{DeviceClass, Node, ResourceClaim, ResourceSlice};
    use crate::features::Features;
    use serde_json::{from_value, json};

    let class: DeviceClass =
        from_value(json!({"metadata": {"name": "gpu"}, "spec": {}})).expect("class");
    let slice = |node: &str| -> ResourceSlice {
        from_value(json!({
            "metadata": {"name": format!("{node}-gpu")},
            "spec": {
                "driver": "gpu.example.com",
                "nodeName": node,
                "pool": {"name": node, "generation": 1, "resourceSliceCount": 1},
                "devices": [{"name": "gpu-0"}]
            }
        }))
        .expect("slice")
    };
    let claim: ResourceClaim = from_value(json!({
        "metadata": {"name": "one", "namespace": "default"},
        "spec": {"devices": {"requests": [{"name": "gpu", "exactly": {
            "deviceClassName": "gpu", "allocationMode": "ExactCount", "count": 1
        }}]}}
    }))
    .expect("claim");
    let node =
        |name: &str| -> Node { from_value(json!({"metadata": {"name": name}})).expect("node") };
    let nodes = [node("node-a"), node("node-b")];
    let elsewhere = node("node-b");
    let (classes, slices) = ([class], [slice("node-a"), slice("node-b")]);
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
