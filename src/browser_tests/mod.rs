//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! the pod list and the cluster map rendered from an engine analysis carry the
//! stable data attributes that users' automation and our e2e tests rely on.
//!
//! Run with `scripts/test.sh` (or `cargo test --target wasm32-unknown-unknown
//! -p dra-playground-web` with wasm-bindgen-test-runner and chromedriver).

use std::rc::Rc;

use dra_engine::playground::{analyze, Analysis};
use dra_engine::RunOptions;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::components::results::cluster_map::{ClusterMap, ClusterMapProps};
use crate::components::results::pod_list::{PodList, PodListProps};
use crate::state::selection::{related, Related, Selection};

wasm_bindgen_test_configure!(run_in_browser);

mod console;
mod cycle_table;
mod explanation;
mod lessons;
mod timeline;

const TWO_PODS: &str = include_str!("../../examples/shared-claim-vs-template.yaml");

/// A fresh element to render into.
pub(crate) fn root() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let element = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element
}

/// Lets Yew render.
pub(crate) async fn settle() {
    sleep(std::time::Duration::from_millis(20)).await;
}

fn analysis(text: &str) -> Rc<Analysis> {
    Rc::new(analyze(text, &RunOptions::default()))
}

/// The text of the first element `selector` finds under `element` (empty if none).
pub(crate) fn text_of(element: &web_sys::Element, selector: &str) -> String {
    element
        .query_selector(selector)
        .expect("a valid selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub(crate) fn attributes(
    root: &web_sys::Element,
    selector: &str,
    name: &str,
) -> Vec<Option<String>> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        .map(|element| element.get_attribute(name))
        .collect()
}

#[wasm_bindgen_test]
async fn pod_list_marks_each_pod_with_its_node() {
    let analysis = analysis(TWO_PODS);
    assert!(!analysis.pods.is_empty(), "the example has pods");
    let element = root();
    yew::Renderer::<PodList>::with_root_and_props(
        element.clone(),
        PodListProps {
            analysis: analysis.clone(),
            related: Rc::new(Related::default()),
            active: false,
            on_hover: Callback::noop(),
            on_select: Callback::noop(),
        },
    )
    .render();
    settle().await;

    let pods = attributes(&element, "[data-pod]", "data-pod");
    let expected: Vec<Option<String>> = analysis.pods.iter().map(|p| Some(p.key.clone())).collect();
    assert_eq!(pods, expected);
    let nodes = attributes(&element, "[data-pod]", "data-node");
    let expected: Vec<Option<String>> = analysis.pods.iter().map(|p| p.node.clone()).collect();
    assert_eq!(nodes, expected);
}

#[wasm_bindgen_test]
async fn cluster_map_marks_bound_devices_with_claim_and_request() {
    let analysis = analysis(TWO_PODS);
    let element = root();
    let selection = analysis.pods.first().map(|p| Selection::Pod(p.key.clone()));
    let related = selection
        .map(|s| related(&analysis, &s))
        .unwrap_or_default();
    yew::Renderer::<ClusterMap>::with_root_and_props(
        element.clone(),
        ClusterMapProps {
            analysis: analysis.clone(),
            related: Rc::new(related),
            active: true,
            on_hover: Callback::noop(),
            on_select: Callback::noop(),
            changed: Rc::default(),
        },
    )
    .render();
    settle().await;

    let devices = attributes(&element, "[data-device]", "data-device");
    assert!(!devices.is_empty(), "devices are drawn");
    let claims = attributes(&element, "[data-device][data-claim]", "data-claim");
    let requests = attributes(&element, "[data-device][data-claim]", "data-request");
    assert!(!claims.is_empty(), "some device is bound");
    assert!(
        claims
            .iter()
            .all(|c| c.as_deref().is_some_and(|c| c.contains('/'))),
        "{claims:?}"
    );
    assert!(
        requests
            .iter()
            .all(|r| r.as_deref().is_some_and(|r| !r.is_empty())),
        "{requests:?}"
    );
}

#[wasm_bindgen_test]
async fn names_from_a_scenario_are_rendered_as_text() {
    const HOSTILE: &str = "<img src=x onerror=alert(1)>";
    let hostile = TWO_PODS.replace("name: reader-a", &format!("name: \"{HOSTILE}\""));
    // Validation would refuse the name; skipped, it reaches the view as written.
    let analysis = Rc::new(analyze(
        &hostile,
        &RunOptions {
            skip_validation: true,
        },
    ));
    let element = root();
    yew::Renderer::<PodList>::with_root_and_props(
        element.clone(),
        PodListProps {
            analysis,
            related: Rc::new(Related::default()),
            active: false,
            on_hover: Callback::noop(),
            on_select: Callback::noop(),
        },
    )
    .render();
    settle().await;
    assert!(
        element.query_selector("img").expect("selector").is_none(),
        "no element was injected"
    );
    let text = element.text_content().unwrap_or_default();
    assert!(text.contains(HOSTILE), "the name is shown as text: {text}");
}
