//! Component tests of the explanation panel in a real browser: a device's explanation with
//! the values that decided, the selector matrix as a table, the trace stepper with buttons and
//! keys, the panel's states, and its names and hints as links.

use std::cell::RefCell;
use std::rc::Rc;

use dra_engine::explain::{explain, ExplainOptions};
use dra_playground_web::worker::explanation_view::{ExplanationView, HintView};
use dra_playground_web::worker::messages::ExplainScope;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::prelude::*;

use crate::browser_tests::{attributes, root, settle};
use crate::components::explanation::panel::{ExplanationPanel, ExplanationPanelProps};
use crate::components::explanation::selector_matrix::{SelectorMatrixProps, SelectorMatrixTable};
use crate::components::explanation::trace_stepper::{TraceStepper, TraceStepperProps};
use crate::scenario::text;
use crate::state::explained::{Explained, Wants};
use crate::state::run::RunInfo;
use crate::state::selection::Selection;

const CEL: &str = include_str!("../../examples/cel-attributes-and-capacity.yaml");
const TYPO: &str = include_str!("../../examples/broken-attribute-typo.yaml");
const PCIE: &str = include_str!("../../examples/match-attribute-pcie-root.yaml");

pub(crate) fn explained(text: &str, trace: bool, matrix: bool) -> Rc<ExplanationView> {
    let options = ExplainOptions {
        trace,
        matrix,
        ..ExplainOptions::default()
    };
    let explanation = explain(text, &options).expect("the example is valid");
    Rc::new(ExplanationView::from(&explanation))
}

fn run_of(text: &str) -> Rc<RunInfo> {
    Rc::new(RunInfo::of_text(text))
}

pub(crate) fn panel(
    text: &str,
    selected: Selection,
    result: Result<Rc<ExplanationView>, String>,
) -> ExplanationPanelProps {
    ExplanationPanelProps {
        run: run_of(text),
        selected: Some(selected),
        explained: Some(Rc::new(Explained {
            run: 1,
            scope: ExplainScope::default(),
            result,
            engine_ms: 2.5,
        })),
        fresh: true,
        wants: Wants::default(),
        on_wants: Callback::noop(),
        on_trace_step: Callback::noop(),
        on_close: Callback::noop(),
        on_navigate: Callback::noop(),
        on_go_to: Callback::noop(),
    }
}

pub(crate) fn click(element: &web_sys::Element, selector: &str) {
    let target = element
        .query_selector(selector)
        .expect("a valid selector")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the element");
    target.click();
}

fn press(element: &web_sys::Element, selector: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a key event");
    let target = element
        .query_selector(selector)
        .expect("a valid selector")
        .expect("the element");
    target.dispatch_event(&event).expect("dispatched");
}

fn attribute(element: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    attributes(element, selector, name)
        .into_iter()
        .next()
        .flatten()
}

#[wasm_bindgen_test]
async fn a_rejected_device_is_explained_with_the_values_that_decided() {
    let device = Selection::Device("gpu.example.com/node-1/gpu-1".into());
    let element = root();
    yew::Renderer::<ExplanationPanel>::with_root_and_props(
        element.clone(),
        panel(CEL, device, Ok(explained(CEL, false, false))),
    )
    .render();
    settle().await;

    let state = attribute(&element, "[data-testid=\"explanation\"]", "data-state");
    assert_eq!(state.as_deref(), Some("ready"));
    let text = element.text_content().unwrap_or_default();
    assert!(
        text.contains("gpu.example.com/memory = 40Gi, selector needs >= 64Gi"),
        "{text}"
    );
    // The panel never draws devices of its own: the map's data-device stays unique.
    assert!(attributes(&element, "[data-device]", "data-device").is_empty());
}

#[wasm_bindgen_test]
async fn a_panel_without_an_explanation_says_why() {
    let pod = Selection::Pod("default/training".into());
    let element = root();
    yew::Renderer::<ExplanationPanel>::with_root_and_props(
        element.clone(),
        panel(CEL, pod, Err("nothing ran".into())),
    )
    .render();
    settle().await;

    let state = attribute(&element, "[data-testid=\"explanation\"]", "data-state");
    assert_eq!(state.as_deref(), Some("error"));
    let text = element.text_content().unwrap_or_default();
    assert!(text.contains("No explanation: nothing ran."), "{text}");
}

#[wasm_bindgen_test]
async fn the_matrix_has_one_cell_per_selector_and_device_and_names_errors() {
    let matrix = explained(TYPO, false, true)
        .matrix
        .clone()
        .expect("the matrix");
    let element = root();
    yew::Renderer::<SelectorMatrixTable>::with_root_and_props(
        element.clone(),
        SelectorMatrixProps {
            matrix: matrix.clone(),
        },
    )
    .render();
    settle().await;

    let cells = attributes(&element, "td[data-cell]", "data-cell");
    assert_eq!(cells.len(), matrix.rows.len() * matrix.devices.len());
    assert!(cells.iter().any(|c| c.as_deref() == Some("true")));
    let errors = element
        .query_selector("td[data-cell=\"error\"]")
        .expect("a valid selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(errors.contains("error: no such key: modle"), "{errors}");
    let row_heads = attributes(&element, "th[scope=\"row\"]", "scope");
    assert_eq!(row_heads.len(), matrix.rows.len());
}

#[wasm_bindgen_test]
async fn the_stepper_steps_with_buttons_and_keys_and_shows_each_device() {
    let explanation = explained(PCIE, true, false);
    let pod = Rc::new(explanation.pods[0].clone());
    let shown: Rc<RefCell<Vec<Option<String>>>> = Rc::default();
    let on_step = {
        let shown = shown.clone();
        Callback::from(move |d: Option<String>| shown.borrow_mut().push(d))
    };
    let element = root();
    yew::Renderer::<TraceStepper>::with_root_and_props(
        element.clone(),
        TraceStepperProps { pod, on_step },
    )
    .render();
    settle().await;
    let step = |e: &web_sys::Element| attribute(e, "[data-testid=\"trace-stepper\"]", "data-step");
    let kind = |e: &web_sys::Element| attribute(e, "[data-testid=\"trace-current\"]", "data-kind");
    assert_eq!(step(&element).as_deref(), Some("0"));
    assert_eq!(kind(&element).as_deref(), Some("start"));

    click(&element, "[data-testid=\"trace-next\"]");
    settle().await;
    assert_eq!(step(&element).as_deref(), Some("1"));
    assert_eq!(kind(&element).as_deref(), Some("pick"));
    assert_eq!(
        shown.borrow().last().cloned().flatten().as_deref(),
        Some("gpu.example.com/node-1/gpu-0")
    );

    press(&element, "[data-testid=\"trace-stepper\"]", "ArrowRight");
    settle().await;
    assert_eq!(kind(&element).as_deref(), Some("reject"));
    press(&element, "[data-testid=\"trace-stepper\"]", "End");
    settle().await;
    assert_eq!(kind(&element).as_deref(), Some("solution"));
    press(&element, "[data-testid=\"trace-stepper\"]", "Home");
    settle().await;
    assert_eq!(step(&element).as_deref(), Some("0"));
}

#[wasm_bindgen_test]
async fn names_in_an_explanation_select_what_they_name() {
    let pod = Selection::Pod("default/training".into());
    let chosen: Rc<RefCell<Vec<Selection>>> = Rc::default();
    let mut props = panel(CEL, pod, Ok(explained(CEL, false, false)));
    props.on_navigate = {
        let chosen = chosen.clone();
        Callback::from(move |s: Selection| chosen.borrow_mut().push(s))
    };
    let element = root();
    yew::Renderer::<ExplanationPanel>::with_root_and_props(element.clone(), props).render();
    settle().await;

    let devices = attributes(
        &element,
        "button.why-link[data-link=\"device\"]",
        "data-key",
    );
    let first = devices.first().cloned().flatten().expect("a device link");
    click(&element, "button.why-link[data-link=\"device\"]");
    click(&element, "button.why-link[data-link=\"claim\"]");
    click(&element, "button.why-link[data-link=\"node\"]");
    let claim = attribute(&element, "button.why-link[data-link=\"claim\"]", "data-key");
    let node = attribute(&element, "button.why-link[data-link=\"node\"]", "data-key");
    assert_eq!(
        *chosen.borrow(),
        vec![
            Selection::Device(first),
            Selection::Claim(claim.expect("a claim link")),
            Selection::Node(node.expect("a node link")),
        ]
    );
    let label = attribute(&element, "button.why-link", "aria-label").unwrap_or_default();
    assert!(label.starts_with("Select "), "{label}");
    // Links are no drawn items: the map's data-device and data-pod stay unique.
    assert!(attributes(&element, "[data-device]", "data-device").is_empty());
    assert!(attributes(&element, "[data-pod]", "data-pod").is_empty());
}

#[wasm_bindgen_test]
async fn a_hint_in_the_panel_moves_the_cursor_to_its_place() {
    let claim = Selection::Claim("default/typo".into());
    let options = ExplainOptions::default();
    let hints = explain(TYPO, &options).expect("the example is valid").hints;
    let ranges: Rc<RefCell<Vec<(u32, u32)>>> = Rc::default();
    let mut props = panel(TYPO, claim, Ok(explained(TYPO, false, false)));
    props.run = Rc::new(RunInfo {
        hints: Rc::new(hints.iter().map(HintView::from).collect()),
        ..Rc::into_inner(props.run).expect("the only handle on the run")
    });
    props.on_go_to = {
        let ranges = ranges.clone();
        Callback::from(move |r: (u32, u32)| ranges.borrow_mut().push(r))
    };
    let element = root();
    yew::Renderer::<ExplanationPanel>::with_root_and_props(element.clone(), props).render();
    settle().await;

    click(&element, "button.why-hint");
    let (from, _) = ranges.borrow().first().copied().expect("the cursor moved");
    let at = text::byte_of(TYPO, from);
    let line = TYPO[..at].lines().count();
    let typo = TYPO
        .lines()
        .position(|l| l.contains(".modle"))
        .expect("the typo")
        + 1;
    assert_eq!(line, typo);
    let shown = attribute(&element, "button.why-hint", "data-line");
    assert_eq!(shown, Some(typo.to_string()));
}
