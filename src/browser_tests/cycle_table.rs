//! Component tests of the scheduling cycle table in a real browser, on the gallery's
//! scheduling examples: a real table (caption, column groups, row and column headers) whose
//! cells carry the engine's verdicts and scores, the winner and the tie in words, the nodes
//! percentageOfNodesToScore left out, upstream's unschedulable message, and a scroll region
//! reachable by keyboard.

use std::fmt::Write;
use std::rc::Rc;

use dra_engine::explain::{explain, ExplainOptions, PodExplanation};
use dra_playground_web::worker::cycle_view::SchedulingCycleView;
use dra_playground_web::worker::explanation_view::ExplanationView;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::browser_tests::explanation::panel;
use crate::browser_tests::{attributes, root, settle};
use crate::components::explanation::cycle_table::{
    CycleTable, CycleTableProps, CYCLE_ROWS_PER_PAGE,
};
use crate::components::explanation::panel::ExplanationPanel;
use crate::state::selection::Selection;

const TAINTS: &str = include_str!("../../examples/gpu-node-taints.yaml");
const PACKING: &str = include_str!("../../examples/gpu-bin-packing.yaml");
const PRIORITIZED: &str = include_str!("../../examples/prioritized-best-node.yaml");

/// The engine's explanation of one pod of a scenario.
fn pod(text: &str, name: &str) -> PodExplanation {
    let explanation = explain(text, &ExplainOptions::default()).expect("the example is valid");
    explanation.pod(name).expect("the pod").clone()
}

/// Renders the cycle table of one pod, as the panel does.
async fn render(p: &PodExplanation) -> web_sys::Element {
    let cycle = SchedulingCycleView::from(p.scheduling.as_ref().expect("a scheduling cycle"));
    let element = root();
    yew::Renderer::<CycleTable>::with_root_and_props(
        element.clone(),
        CycleTableProps {
            cycle,
            chosen: p.node.clone(),
            message: p.message.clone(),
        },
    )
    .render();
    settle().await;
    element
}

fn text_of(element: &web_sys::Element, selector: &str) -> String {
    element
        .query_selector(selector)
        .expect("a valid selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn count(element: &web_sys::Element, selector: &str) -> u32 {
    element
        .query_selector_all(selector)
        .expect("a valid selector")
        .length()
}

#[wasm_bindgen_test]
async fn the_table_is_a_real_table_with_headers_for_screen_readers() {
    let p = pod(PACKING, "default/packed-1");
    let cycle = p.scheduling.clone().expect("a cycle");
    let element = render(&p).await;

    assert_eq!(count(&element, "table[data-testid=\"cycle-table\"]"), 1);
    assert!(!text_of(&element, "table caption").is_empty(), "a caption");
    // One column head per plugin, under the "Filters" and "Scores" groups.
    assert_eq!(
        count(&element, "thead th[scope=\"col\"][data-plugin]") as usize,
        cycle.filters.len() + cycle.scores.len()
    );
    assert_eq!(count(&element, "thead th[scope=\"colgroup\"]"), 2);
    // One row head per node, each a focusable link to the node.
    let rows = attributes(&element, "tbody tr", "data-cycle-node");
    let nodes: Vec<Option<String>> = cycle.rows.iter().map(|r| Some(r.node.clone())).collect();
    assert_eq!(rows, nodes);
    assert_eq!(
        count(&element, "tbody th[scope=\"row\"] button.why-link") as usize,
        cycle.rows.len()
    );
    // Plugin names in full for screen readers, weights included.
    let heads = text_of(&element, "thead");
    assert!(
        heads.contains("NodeResourcesFit, weight 1") && heads.contains("TaintToleration, weight 3"),
        "{heads}"
    );
    // The scroll container is a named region in the tab order.
    let region = element
        .query_selector("[role=\"region\"]")
        .expect("a valid selector")
        .expect("a scroll region");
    assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(region.get_attribute("aria-label").is_some());
    region
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("an HTML element")
        .focus()
        .expect("focusable");
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert_eq!(active.as_ref(), Some(&region), "the region takes the focus");
}

#[wasm_bindgen_test]
async fn scores_and_totals_are_the_engines_and_the_tie_is_named() {
    let p = pod(PACKING, "default/packed-1");
    let cycle = p.scheduling.clone().expect("a cycle");
    assert!(cycle.tied.len() > 1, "packed-1 ties: {:?}", cycle.tied);
    let element = render(&p).await;

    for row in &cycle.rows {
        let selector = format!("tr[data-cycle-node=\"{}\"]", row.node);
        let total = attributes(&element, &format!("{selector} td.total"), "data-total");
        assert_eq!(
            total,
            vec![row.total.map(|t| t.to_string())],
            "{}",
            row.node
        );
        for (column, score) in cycle.scores.iter().zip(&row.scores) {
            if column.skipped {
                continue;
            }
            let cell = format!("{selector} td.score[data-plugin=\"{}\"]", column.plugin);
            let got: Vec<_> = ["data-raw", "data-normalized", "data-weighted"]
                .iter()
                .map(|a| attributes(&element, &cell, a))
                .collect();
            let want: Vec<_> = [score.raw, score.normalized, score.weighted]
                .iter()
                .map(|v| vec![Some(v.to_string())])
                .collect();
            assert_eq!(got, want, "{} {}", row.node, column.plugin);
        }
    }
    // The winner is the first tied node, in document order.
    let chosen = attributes(&element, "tr[data-role=\"chosen\"]", "data-cycle-node");
    assert_eq!(chosen, vec![Some(cycle.tied[0].clone())]);
    assert_eq!(p.node.as_deref(), Some(cycle.tied[0].as_str()));
    assert_eq!(count(&element, "tr.tied") as usize, cycle.tied.len());
    let tie = text_of(&element, "[data-testid=\"cycle-tie\"]");
    assert!(cycle.tied.iter().all(|n| tie.contains(n.as_str())), "{tie}");
    assert!(
        tie.contains("at random") && tie.contains("first in document order"),
        "{tie}"
    );
}

#[wasm_bindgen_test]
async fn a_better_device_wins_on_the_dynamic_resources_score() {
    let p = pod(PRIORITIZED, "default/trainer");
    let element = render(&p).await;
    let normalized = |node: &str| -> i64 {
        attributes(
            &element,
            &format!("tr[data-cycle-node=\"{node}\"] td.score[data-plugin=\"DynamicResources\"]"),
            "data-normalized",
        )
        .into_iter()
        .flatten()
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a DynamicResources score")
    };
    assert!(normalized("node-2") > normalized("node-1"));
    let chosen = attributes(&element, "tr[data-role=\"chosen\"]", "data-cycle-node");
    assert_eq!(chosen, vec![Some("node-2".to_owned())]);
    assert_eq!(count(&element, "[data-testid=\"cycle-tie\"]"), 0, "no tie");
}

#[wasm_bindgen_test]
async fn a_rejecting_filter_shows_upstreams_reason_and_message() {
    let p = pod(TAINTS, "default/forgetful");
    assert!(p.node.is_none(), "forgetful is unschedulable");
    let element = render(&p).await;

    let cell = "tr[data-cycle-node=\"gpu-1\"] td[data-plugin=\"TaintToleration\"]";
    assert_eq!(
        attributes(&element, cell, "data-verdict"),
        vec![Some("rejected".to_owned())]
    );
    let reason = text_of(&element, &format!("{cell} .reason"));
    assert!(reason.contains("untolerated taint"), "{reason}");
    // The filters after the rejecting one did not run there.
    assert!(
        count(
            &element,
            "tr[data-cycle-node=\"gpu-1\"] td[data-verdict=\"notRun\"]"
        ) > 0
    );
    let message = text_of(&element, "[data-testid=\"cycle-message\"]");
    assert_eq!(
        Some(message.trim_start_matches("kube-scheduler: ")),
        p.message.as_deref()
    );
    assert!(message.contains("0/2 nodes are available"), "{message}");
    assert_eq!(count(&element, "tr[data-role=\"chosen\"]"), 0);
}

#[wasm_bindgen_test]
async fn one_feasible_node_is_taken_without_scoring() {
    let p = pod(TAINTS, "default/web");
    let element = render(&p).await;
    assert_eq!(count(&element, "td.score"), 0, "no score columns");
    assert!(!text_of(&element, "[data-testid=\"cycle-scoring-skipped\"]").is_empty());
    let chosen = attributes(&element, "tr[data-role=\"chosen\"]", "data-cycle-node");
    assert_eq!(chosen, vec![Some("cpu-1".to_owned())]);
}

#[wasm_bindgen_test]
async fn nodes_left_out_by_percentage_of_nodes_to_score_are_counted() {
    // 150 nodes: upstream's adaptive percentage (50 - 150/125 = 49%) finds 73 nodes, below
    // the minimum of 100, so 100 are filtered and 50 are never looked at.
    let mut text = String::new();
    for i in 0..150 {
        let _ = write!(
            text,
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i:03}\n---\n"
        );
    }
    text.push_str("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    let p = pod(&text, "default/web");
    let element = render(&p).await;
    // The 100 rows a page at a time.
    assert_eq!(count(&element, "tbody tr") as usize, CYCLE_ROWS_PER_PAGE);
    let window = "[data-testid=\"nodes-in-the-cycle-window\"]";
    assert_eq!(
        attributes(&element, window, "data-total"),
        vec![Some("100".to_owned())]
    );
    let next = element
        .query_selector("[data-testid=\"nodes-in-the-cycle-next\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("a next page button");
    next.click();
    settle().await;
    assert_eq!(
        attributes(&element, window, "data-first"),
        vec![Some(CYCLE_ROWS_PER_PAGE.to_string())]
    );
    assert_eq!(
        count(&element, "tbody tr") as usize,
        100 - CYCLE_ROWS_PER_PAGE,
        "the rest on the next page"
    );
    let note = text_of(&element, "[data-testid=\"cycle-not-scored\"]");
    assert!(
        note.contains("50 nodes of 150") && note.contains("percentageOfNodesToScore"),
        "{note}"
    );
}

#[wasm_bindgen_test]
async fn the_panel_shows_the_cycle_of_the_selected_pod() {
    let explanation = explain(PACKING, &ExplainOptions::default()).expect("valid");
    let view = Rc::new(ExplanationView::from(&explanation));
    let element = root();
    yew::Renderer::<ExplanationPanel>::with_root_and_props(
        element.clone(),
        panel(PACKING, Selection::Pod("default/spread-2".into()), Ok(view)),
    )
    .render();
    settle().await;
    let chosen = attributes(&element, "tr[data-role=\"chosen\"]", "data-cycle-node");
    assert_eq!(chosen, vec![Some("node-3".to_owned())]);
    assert!(text_of(&element, "[data-testid=\"cycle-heading\"]").contains("default-scheduler"));
}
