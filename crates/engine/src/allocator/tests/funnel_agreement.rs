//! The funnel and the search judge a device with the same checks
//! (`device_checks.rs`), each in its own order. This test holds them to the
//! same verdicts over every conformance case: the funnel calls a device a
//! candidate for a request exactly when the search, having picked nothing,
//! would pick it for that request of a claim holding just that request (no
//! constraints: the funnel leaves them to its findings).
//!
//! Each claim of a case's run (templates resolved) is judged, pending, on
//! every node of the case, against two states: the devices in use before
//! the run, and those in use after it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::allocator::inventory::DevicePos;
use crate::allocator::observe::Quiet;
use crate::allocator::report::{DeviceVerdict, NodeFunnel};
use crate::allocator::request::MODE_ALL;
use crate::allocator::search::{Cursor, Failure, Search};
use crate::allocator::{AllocatedState, Allocator, CelCache, Inventory};
use crate::api::{DeviceClass, Node, Object, ObjectMeta, ResourceClaim, ResourceSlice};
use crate::features::Features;
use crate::load::{load_scenario, LoadOptions};
use crate::scheduler;

/// The folders of conformance cases, from the repository's root.
pub(super) const SUITES: [&str; 2] = ["tests/conformance/upstream", "tests/conformance/random"];

/// What the search says of one device for one request alone.
#[derive(Debug, PartialEq)]
enum Acceptance {
    Picked,
    Refused,
    /// The attempt ends with this error (a CEL runtime error, a node
    /// selector that does not parse): the device is not used.
    Error(String),
}

/// Whether the search, having picked nothing, picks the device for the
/// request at `cursor`: the step of `allocate_one` for one device (in mode
/// All: one of the devices the request selects).
fn search_accepts(
    search: &mut Search<'_, '_, Quiet>,
    cursor: Cursor,
    pos: DevicePos,
) -> Acceptance {
    let Some(pool_index) = search
        .pools
        .iter()
        .position(|pool| pool.usable() && pool.slices.contains(&pos.slice))
    else {
        // Not in a pool the search uses.
        return Acceptance::Refused;
    };
    let data = &search.requests[cursor.claim][cursor.request][cursor.sub];
    let step = if data.request.allocation_mode() == MODE_ALL {
        if !data.all_devices.contains(&(pool_index, pos)) {
            return Acceptance::Refused;
        }
        search.try_pick(cursor, pool_index, pos, true)
    } else {
        let wanted = (data.request, data.class);
        let id = search.inventory().id_at(pos);
        search.try_device(cursor, &wanted, pool_index, (pos, id))
    };
    match step {
        Ok(true) => Acceptance::Picked,
        Ok(false) => Acceptance::Refused,
        Err(Failure::Error(error)) => Acceptance::Error(error.message),
        Err(other) => Acceptance::Error(format!("{other:?}")),
    }
}

/// The objects of one case that the allocator reads.
struct Case {
    name: String,
    features: Features,
    classes: Vec<DeviceClass>,
    slices: Vec<ResourceSlice>,
    nodes: Vec<Node>,
    /// Claims as the input has them (some allocated).
    input_claims: Vec<ResourceClaim>,
    /// Every claim of the run (input, then made from templates), allocated
    /// as the run left them.
    run_claims: Vec<ResourceClaim>,
}

impl Case {
    /// Loads a case as the command line does (without validation) and runs
    /// it; None when it does not load.
    fn read(path: &Path) -> Option<Case> {
        let text = fs::read_to_string(path).expect("conformance case");
        let loaded = load_scenario(
            &text,
            &LoadOptions {
                skip_validation: true,
            },
        );
        if loaded.has_errors() {
            return None;
        }
        let objects: Vec<Object> = loaded.objects.into_iter().map(|o| o.object).collect();
        let mut case = Case {
            name: path.file_name()?.to_string_lossy().into_owned(),
            features: loaded.features,
            classes: Vec::new(),
            slices: Vec::new(),
            nodes: Vec::new(),
            input_claims: Vec::new(),
            run_claims: scheduler::run(objects.clone(), loaded.features).claims,
        };
        for object in objects {
            match object {
                Object::DeviceClass(o) => case.classes.push(o),
                Object::ResourceSlice(o) => case.slices.push(o),
                Object::ResourceClaim(o) => case.input_claims.push(o),
                Object::Node(o) => case.nodes.push(o),
                _ => {}
            }
        }
        if case.nodes.is_empty() {
            // The nodes the slices name (as the scheduler makes them).
            for slice in &case.slices {
                let name = slice.spec.node_name.clone().unwrap_or_default();
                if !name.is_empty() && !case.nodes.iter().any(|n| n.metadata.name == name) {
                    case.nodes.push(Node {
                        metadata: ObjectMeta {
                            name,
                            ..ObjectMeta::default()
                        },
                        ..Node::default()
                    });
                }
            }
        }
        Some(case)
    }
}

/// What the comparison saw.
#[derive(Default)]
struct Tally {
    cases: usize,
    candidates: usize,
    not_candidates: usize,
    disagreements: Vec<String>,
}

/// Compares the funnel's verdicts with the search's for every claim of a
/// case on every node, in one state.
fn compare(case: &Case, in_use: &[ResourceClaim], tally: &mut Tally) {
    let inventory = Inventory::new(&case.slices);
    let cel = CelCache::new();
    let state = AllocatedState::from_claims(&inventory, case.features.consumable_capacity, in_use);
    let allocator = Allocator::new(case.features, &case.classes, &inventory, &state, &cel);
    for claim in &case.run_claims {
        let mut pending = claim.clone();
        pending.status.allocation = None;
        // The same claim with its requests alone.
        let mut alone = pending.clone();
        alone.spec.devices.constraints.clear();
        for node in &case.nodes {
            // A claim the allocator refuses before any device is judged
            // (a missing class, a bad constraint, ...) has no funnel.
            let Ok(funnel) = allocator.funnel(node, &[&pending]) else {
                continue;
            };
            compare_funnel(case, &allocator, node, &alone, &funnel, tally);
        }
    }
}

fn compare_funnel(
    case: &Case,
    allocator: &Allocator<'_>,
    node: &Node,
    alone: &ResourceClaim,
    funnel: &NodeFunnel,
    tally: &mut Tally,
) {
    let claims = [alone];
    let fresh =
        || Search::new(allocator, node, &claims[..], Quiet).expect("checked like the funnel");
    // Every device of a pool the search uses is in the funnel.
    let pool_devices: usize = fresh()
        .pools
        .iter()
        .flat_map(|pool| &pool.slices)
        .map(|&slice| allocator.inventory.slice(slice).spec.devices.len())
        .sum();
    for (request, alternatives) in funnel.claims[0].requests.iter().enumerate() {
        for (sub, request_funnel) in alternatives.iter().enumerate() {
            assert!(
                request_funnel.devices.len() >= pool_devices,
                "{}: request {} on {}: the funnel lists {} devices, the pools hold {pool_devices}",
                case.name,
                request_funnel.request,
                node.metadata.name,
                request_funnel.devices.len()
            );
            for DeviceVerdict { at, reason } in &request_funnel.devices {
                let cursor = Cursor {
                    claim: 0,
                    request,
                    sub,
                    device: 0,
                };
                let pos = DevicePos {
                    slice: at.slice,
                    device: at.device,
                };
                // A search of its own for each device: what one pick leaves
                // behind (counters of shared devices) must not judge the next.
                let acceptance = search_accepts(&mut fresh(), cursor, pos);
                let candidate = reason.is_none();
                if candidate {
                    tally.candidates += 1;
                } else {
                    tally.not_candidates += 1;
                }
                if candidate != (acceptance == Acceptance::Picked) {
                    let inventory = allocator.inventory;
                    tally.disagreements.push(format!(
                        "{}: claim {}, request {}, node {}, device {}: funnel {:?}, search {:?}",
                        case.name,
                        alone.metadata.name,
                        request_funnel.request,
                        node.metadata.name,
                        inventory.device_text(inventory.id_at(pos)),
                        reason,
                        acceptance
                    ));
                }
            }
        }
    }
}

/// The cases of a suite, sorted by file name.
pub(super) fn cases_in(folder: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .expect("conformance folder")
        .map(|entry| entry.expect("conformance entry").path())
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".yaml") && !name.ends_with(".expected.yaml")
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn funnel_candidates_are_what_the_search_accepts_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut tally = Tally::default();
    for suite in SUITES {
        for path in cases_in(&root.join(suite)) {
            let Some(case) = Case::read(&path) else {
                continue;
            };
            tally.cases += 1;
            compare(&case, &case.input_claims, &mut tally);
            compare(&case, &case.run_claims, &mut tally);
        }
    }
    assert!(
        tally.disagreements.is_empty(),
        "{} disagreements, the first ones:\n{}",
        tally.disagreements.len(),
        tally.disagreements[..tally.disagreements.len().min(20)].join("\n")
    );
    // The comparison is not vacuous: most cases load, and devices of both
    // kinds were judged.
    assert!(tally.cases > 300, "only {} cases loaded", tally.cases);
    assert!(tally.candidates > 1000 && tally.not_candidates > 1000);
    eprintln!(
        "{} cases: {} candidates, {} other devices",
        tally.cases, tally.candidates, tally.not_candidates
    );
}
