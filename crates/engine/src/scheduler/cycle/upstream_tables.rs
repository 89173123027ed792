//! Upstream's plugin test tables, ported as data (`tests/scheduler/<plugin>/
//! *.yaml` at the repository root), run through the framework's own Filter
//! and Score steps with a profile of the one plugin under test, as the
//! upstream tests call the plugin alone.
//!
//! A table names its plugin, the upstream test it comes from, and its
//! cases. A case lists its objects without `apiVersion` and `kind`
//! (`nodes`, the `pod` to schedule, `pods` already placed by their
//! `spec.nodeName`, `classes`, `slices`, `claims` (the pod's)), optionally a `configuration`
//! (a KubeSchedulerConfiguration's fields), a `release` and `featureGates`;
//! the runner writes them as a scenario and loads it as any scenario is
//! loaded. What it expects is one or more of:
//!
//! - `filter`: per node, `pass`, `skip` (PreFilter found nothing to check)
//!   or `{code, reasons}` of the plugin's rejection;
//! - `preFilter`: `{nodes: [...]}`, the nodes NodeAffinity's PreFilter keeps;
//! - `scores`: per node, the score after NormalizeScore;
//! - `preScore`: `skip`, or `{error: message}` when PreScore fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use super::filter::{filter_node, FilterInput, Prepared};
use super::score::{score, FeasibleNode};
use super::Context;
use crate::allocator::{AllocatedState, Allocator, Budget, CelCache, Inventory, SearchMemo};
use crate::api::ResourceClaim;
use crate::features::Release;
use crate::load::{load_scenario, LoadOptions};
use crate::scheduler::framework::node_info::NodeInfo;
use crate::scheduler::framework::status::Code;
use crate::scheduler::framework::verdict::{FilterNotes, Verdict};
use crate::scheduler::objects::Objects;
use crate::scheduler::plugins::dynamic_resources::PodClaims;
use crate::scheduler::plugins::image_locality::Images;
use crate::scheduler::plugins::node_affinity;
use crate::scheduler::trail::Watch;
use crate::scheduler_profile::{resolve, PluginName};
use crate::yaml::{from_node, parse, FieldPath, SpanTable};

fn tables_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scheduler")
}

/// Every table file, sorted.
fn table_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(tables_dir()).expect("tests/scheduler") {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "yaml") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

fn read_table(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = parse(&text);
    assert!(
        parsed.diagnostics.is_empty(),
        "{}: {:?}",
        path.display(),
        parsed.diagnostics
    );
    let root = &parsed.documents[0].root;
    from_node(root, &FieldPath::root(), &mut SpanTable::new(root.span)).unwrap()
}

/// One object as a JSON document of the scenario; `name` when it has none
/// (None: a kind without metadata).
fn document(api_version: &str, kind: &str, body: &Value, name: Option<&str>) -> String {
    let mut object = Map::new();
    object.insert("apiVersion".into(), json!(api_version));
    object.insert("kind".into(), json!(kind));
    if let Some(fields) = body.as_object() {
        object.extend(fields.clone());
    }
    if let Some(name) = name {
        let metadata = object
            .entry("metadata")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .unwrap();
        metadata.entry("name").or_insert_with(|| json!(name));
    }
    serde_json::to_string(&Value::Object(object)).unwrap()
}

fn list<'v>(case: &'v Value, key: &str) -> &'v [Value] {
    case.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The case as a scenario text: settings, classes, slices, nodes, placed
/// pods, then the pod, then the configuration.
fn scenario_text(case: &Value) -> String {
    let mut docs = Vec::new();
    let mut spec = Map::new();
    if let Some(release) = case.get("release") {
        spec.insert("kubernetesVersion".into(), release.clone());
    }
    if let Some(gates) = case.get("featureGates") {
        spec.insert("featureGates".into(), gates.clone());
    }
    if !spec.is_empty() {
        docs.push(document(
            "playground.dra/v1alpha1",
            "Scenario",
            &json!({ "spec": spec }),
            Some("case"),
        ));
    }
    for (i, class) in list(case, "classes").iter().enumerate() {
        docs.push(document(
            "resource.k8s.io/v1",
            "DeviceClass",
            class,
            Some(&format!("class-{i}")),
        ));
    }
    for (i, slice) in list(case, "slices").iter().enumerate() {
        docs.push(document(
            "resource.k8s.io/v1",
            "ResourceSlice",
            slice,
            Some(&format!("slice-{i}")),
        ));
    }
    for (i, claim) in list(case, "claims").iter().enumerate() {
        docs.push(document(
            "resource.k8s.io/v1",
            "ResourceClaim",
            claim,
            Some(&format!("claim-{i}")),
        ));
    }
    for (i, node) in list(case, "nodes").iter().enumerate() {
        docs.push(document("v1", "Node", node, Some(&format!("node-{i}"))));
    }
    for (i, pod) in list(case, "pods").iter().enumerate() {
        docs.push(document("v1", "Pod", pod, Some(&format!("placed-{i}"))));
    }
    docs.push(document(
        "v1",
        "Pod",
        case.get("pod").unwrap_or(&json!({})),
        Some("pod"),
    ));
    if let Some(configuration) = case.get("configuration") {
        docs.push(document(
            "kubescheduler.config.k8s.io/v1",
            "KubeSchedulerConfiguration",
            configuration,
            None,
        ));
    }
    docs.join("\n---\n")
}

/// A filter verdict in the tables' words.
fn filter_word(verdict: &Verdict, skipped: bool) -> Value {
    match verdict {
        Verdict::Feasible(_) if skipped => json!("skip"),
        Verdict::Feasible(_) => json!("pass"),
        Verdict::Rejected(r, _) => json!({
            "code": match r.code {
                Code::Unschedulable => "Unschedulable",
                Code::UnschedulableAndUnresolvable => "UnschedulableAndUnresolvable",
            },
            "reasons": r.reasons,
        }),
        Verdict::GiveUp(message, _) => json!({ "error": message }),
    }
}

/// What the case expects, compared with what the framework finds; the
/// differences in words.
fn run_case(plugin: PluginName, case: &Value) -> Vec<String> {
    let text = scenario_text(case);
    let loaded = load_scenario(
        &text,
        &LoadOptions {
            skip_validation: true,
        },
    );
    if loaded.has_errors() {
        return vec![format!("does not load: {:?}\n{text}", loaded.diagnostics)];
    }
    let objects = Objects::sort(loaded.objects.into_iter().map(|o| o.object).collect());
    let release = Release::of_scenario(objects.kubernetes_version.as_deref());
    let (profiles, problems) = resolve(objects.configuration.as_ref(), release);
    if !problems.is_empty() {
        return vec![format!("the configuration is refused: {problems:?}")];
    }
    let mut profile = profiles.into_iter().next().unwrap();
    let weight = profile
        .score
        .iter()
        .find(|(p, _)| *p == plugin)
        .map_or(1, |(_, w)| *w);
    profile.filter = vec![plugin];
    profile.score = vec![(plugin, weight)];
    let mut pods = objects.pods;
    let pod = pods.pop().unwrap();
    let inventory = Inventory::new(&objects.slices);
    let cel_cache = CelCache::new();
    let memo = SearchMemo::new(&objects.nodes);
    let ctx = Context {
        classes: &objects.classes,
        cel_cache: &cel_cache,
        memo: &memo,
        inventory: &inventory,
        images: Images::of(&objects.nodes),
        nodes: &objects.nodes,
        features: loaded.features,
        budget: Budget::default(),
        profiles: vec![profile],
        scoring: true,
    };
    let profile = &ctx.profiles[0];
    let mut infos: Vec<NodeInfo> = objects.nodes.iter().map(NodeInfo::of).collect();
    for placed in &pods {
        if let Some(i) = objects
            .nodes
            .iter()
            .position(|n| n.metadata.name == placed.spec.node_name)
        {
            infos[i].add_pod(placed);
        }
    }
    let claims: Vec<ResourceClaim> = objects.claims;
    let allocated =
        AllocatedState::from_claims(&inventory, ctx.features.consumable_capacity, &claims);
    let indices: Vec<usize> = (0..claims.len()).collect();
    let dra = PodClaims::of(ctx.features, ctx.classes, &claims, &pod, indices);
    let pending: Vec<&ResourceClaim> = dra.pending.iter().map(|&i| &claims[i]).collect();
    let allocator = Allocator::new(
        ctx.features,
        ctx.classes,
        ctx.inventory,
        &allocated,
        ctx.cel_cache,
    );
    let prepared = Prepared::of(&pod, profile);
    let input = FilterInput {
        pod: &pod,
        prepared: &prepared,
        dra: &dra,
        pending: &pending,
        allocator: &allocator,
        watch: Watch::default(),
    };
    let mut problems = Vec::new();
    let mut feasible = Vec::new();
    let mut got_filter = Map::new();
    for (doc, node) in objects.nodes.iter().enumerate() {
        let mut cells = Vec::new();
        let verdict = filter_node(
            &ctx,
            profile,
            &input,
            node,
            &infos[doc],
            &mut FilterNotes {
                cells: Some(&mut cells),
                funnel: &mut None,
                search: &mut None,
                unavailable: &mut false,
            },
        );
        let skipped = cells.first().is_some_and(|c| c.verdict == "skipped");
        got_filter.insert(node.metadata.name.clone(), filter_word(&verdict, skipped));
        if let Verdict::Feasible(allocation) = verdict {
            feasible.push(FeasibleNode { doc, allocation });
        }
    }
    if let Some(want) = case.get("filter") {
        if *want != Value::Object(got_filter.clone()) {
            problems.push(format!(
                "filter: want {want}, got {}",
                Value::Object(got_filter)
            ));
        }
    }
    if let Some(want) = case.get("preFilter") {
        let got = match node_affinity::named_nodes(&pod) {
            Some(names) if names.is_empty() => json!({ "error": node_affinity::TERMS_CONFLICT }),
            Some(names) => json!({ "nodes": names }),
            None => json!({}),
        };
        if *want != got {
            problems.push(format!("preFilter: want {want}, got {got}"));
        }
    }
    if case.get("scores").is_some() || case.get("preScore").is_some() {
        // Score plugins score the nodes as given (upstream's score tests
        // do not filter first); DynamicResources scores what its filter
        // allocated.
        let scored: Vec<FeasibleNode> = if plugin == PluginName::DynamicResources {
            feasible
        } else {
            (0..objects.nodes.len())
                .map(|doc| FeasibleNode {
                    doc,
                    allocation: None,
                })
                .collect()
        };
        let node_infos: Vec<&NodeInfo> = scored.iter().map(|f| &infos[f.doc]).collect();
        let got = match score(
            &ctx,
            profile,
            &pod,
            &prepared.affinity,
            &dra,
            &claims,
            &scored,
            &node_infos,
        ) {
            Err(message) => json!({ "preScore": { "error": message } }),
            Ok(result) if result.columns[0].skipped => json!({ "preScore": "skip" }),
            Ok(result) => {
                let scores: BTreeMap<String, i64> = scored
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        (
                            objects.nodes[f.doc].metadata.name.clone(),
                            result.cells(i)[0].normalized,
                        )
                    })
                    .collect();
                json!({ "scores": scores })
            }
        };
        let mut want = Map::new();
        for key in ["scores", "preScore"] {
            if let Some(value) = case.get(key) {
                want.insert(key.into(), value.clone());
            }
        }
        if Value::Object(want.clone()) != got {
            problems.push(format!("score: want {}, got {got}", Value::Object(want)));
        }
    }
    problems
}

#[test]
fn upstream_plugin_tables() {
    let mut failures = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in table_files() {
        let table = read_table(&path);
        let plugin_name = table["plugin"].as_str().expect("plugin");
        let plugin = PluginName::from_name(plugin_name).expect("a known plugin");
        let cases = table["cases"].as_array().expect("cases");
        assert!(!cases.is_empty(), "{}: no cases", path.display());
        for case in cases {
            let name = case["name"].as_str().expect("name");
            for problem in run_case(plugin, case) {
                failures.push(format!("{}: {name}: {problem}", path.display()));
            }
        }
        *counts.entry(plugin_name.to_owned()).or_default() += cases.len();
    }
    println!("upstream cases per plugin: {counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!counts.is_empty());
}
