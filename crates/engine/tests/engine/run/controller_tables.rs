//! Upstream's controller test tables, ported as data (`tests/timeline/
//! *.yaml` at the repository root): each case is a scenario with steps,
//! named after its upstream case, run through the timeline.
//!
//! A table names the upstream `test` it ports, its `fixtures` (named pieces
//! of a scenario: one or more YAML documents each), its `cases` and the
//! upstream cases that do not apply (`notApplicable`, each with `why`). A
//! case lists its `scenario` as pieces joined into one YAML stream (a
//! fixture's name, or the text itself when it spans lines), and expects:
//!
//! - `events`: every change the controllers and the scheduler made, in
//!   order, as `TIME KIND OBJECT` (`10s Evicted Pod default/my-pod`); what
//!   the steps did themselves (objects applied or deleted, devices tainted,
//!   conditions set) is left out;
//! - `pods`: every pod at the last moment (`name` or `namespace/name`) with
//!   its state: `Bound NODE`, `WaitingForBinding NODE` or `Pending`;
//! - `claims`: every claim at the last moment with `unallocated`,
//!   `allocated` or `allocated for POD POD...` (its `reservedFor`, in
//!   order, non-pod consumers as `resource/name`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Deserialize;

use dra_engine::pipeline::{load, refuse};
use dra_engine::scheduler::SchedulerOptions;
use dra_engine::timeline::{self, time_words, EventKind, PodState, Timeline};
use dra_engine::yaml::{from_node, parse, FieldPath, SpanTable};
use dra_engine::RunOptions;

use crate::support::repo_file;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Table {
    test: String,
    fixtures: BTreeMap<String, String>,
    cases: Vec<Case>,
    not_applicable: Vec<NotApplicable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    scenario: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    pods: BTreeMap<String, String>,
    #[serde(default)]
    claims: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotApplicable {
    name: String,
    why: String,
}

fn read_table(file: &str) -> Table {
    let path: PathBuf = repo_file("tests/timeline").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let parsed = parse(&text);
    assert!(
        parsed.diagnostics.is_empty(),
        "{file}: {:?}",
        parsed.diagnostics
    );
    let root = &parsed.documents[0].root;
    from_node(root, &FieldPath::root(), &mut SpanTable::new(root.span))
        .unwrap_or_else(|e| panic!("{file}: {}", e.message()))
}

/// The case's scenario as one YAML stream.
fn scenario(table: &Table, case: &Case) -> String {
    let pieces: Vec<&str> = case
        .scenario
        .iter()
        .map(|piece| {
            if piece.contains('\n') {
                piece.as_str()
            } else {
                table
                    .fixtures
                    .get(piece)
                    .unwrap_or_else(|| panic!("{}: no fixture {piece}", case.name))
            }
        })
        .collect();
    pieces.join("---\n")
}

/// `name` in the default namespace, else `namespace/name`.
fn short_name(namespace: &str, name: &str) -> String {
    if namespace == "default" {
        name.to_owned()
    } else {
        format!("{namespace}/{name}")
    }
}

/// What the case expects, taken from a timeline in the table's terms.
fn outcome(
    t: &Timeline,
) -> (
    Vec<String>,
    BTreeMap<String, String>,
    BTreeMap<String, String>,
) {
    let events = t
        .moments
        .iter()
        .flat_map(|m| &m.events)
        .filter(|e| {
            !matches!(
                e.kind,
                EventKind::Applied
                    | EventKind::Deleted
                    | EventKind::Tainted
                    | EventKind::ConditionSet
            )
        })
        .map(|e| format!("{} {:?} {}", time_words(e.at), e.kind, e.object))
        .collect();
    let last = t.moments.last().expect("a timeline has a first moment");
    let pods = last
        .pods
        .iter()
        .map(|(pod, state)| {
            let state = match state {
                PodState::Bound(node) => format!("Bound {node}"),
                PodState::WaitingForBinding(node) => format!("WaitingForBinding {node}"),
                PodState::Pending(_) => "Pending".to_owned(),
            };
            let meta = &pod.metadata;
            (short_name(meta.namespace_or_default(), &meta.name), state)
        })
        .collect();
    let claims = last
        .claims
        .iter()
        .map(|claim| {
            let state = if claim.status.allocation.is_none() {
                "unallocated".to_owned()
            } else if claim.status.reserved_for.is_empty() {
                "allocated".to_owned()
            } else {
                let consumers: Vec<String> = claim
                    .status
                    .reserved_for
                    .iter()
                    .map(|r| {
                        if r.resource == "pods" {
                            r.name.clone()
                        } else {
                            format!("{}/{}", r.resource, r.name)
                        }
                    })
                    .collect();
                format!("allocated for {}", consumers.join(" "))
            };
            let meta = &claim.metadata;
            (short_name(meta.namespace_or_default(), &meta.name), state)
        })
        .collect();
    (events, pods, claims)
}

/// Runs every case of a table; fails with every case that differs.
fn check_table(file: &str) {
    let table = read_table(file);
    let mut names = BTreeSet::new();
    for name in table
        .cases
        .iter()
        .map(|c| &c.name)
        .chain(table.not_applicable.iter().map(|n| &n.name))
    {
        assert!(names.insert(name), "{file}: {name} listed twice");
    }
    for n in &table.not_applicable {
        assert!(!n.why.trim().is_empty(), "{file}: {} has no reason", n.name);
    }
    let mut failures = Vec::new();
    for case in &table.cases {
        let text = scenario(&table, case);
        let loaded = match refuse(load(&text, &RunOptions::default())) {
            Ok(loaded) => loaded,
            Err(e) => {
                failures.push(format!("{}: does not load: {e:?}", case.name));
                continue;
            }
        };
        let t = timeline::run(&loaded, &SchedulerOptions::default());
        let got = outcome(&t);
        let want = (case.events.clone(), case.pods.clone(), case.claims.clone());
        if got != want {
            failures.push(format!(
                "{} ({}):\n  want {want:?}\n  got  {got:?}",
                case.name, table.test
            ));
        }
    }
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
}

#[test]
fn device_taint_eviction_controller() {
    check_table("device_taint_eviction.yaml");
}

#[test]
fn resource_claim_controller() {
    check_table("resource_claim.yaml");
}
