//! Component tests of the CEL console in a real browser, evaluating with the worker's own code:
//! the value with its type and costs, a new value on every keystroke, an error with its
//! position, the device picked in the map, and the selector at the editor's cursor.

use std::cell::RefCell;
use std::rc::Rc;

use dra_playground_web::worker::console::evaluate;
use dra_playground_web::worker::messages::{EvalRequest, Reply};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::prelude::*;

use crate::browser_tests::explanation::click;
use crate::browser_tests::{root, settle, text_of};
use crate::components::console::cel_console::{CelConsole, CelConsoleProps, EvalAsk};

const CEL: &str = include_str!("../../examples/cel-attributes-and-capacity.yaml");

/// The devices of the example, and a console over them that evaluates at once (recording the
/// devices asked for).
fn console(asked: Rc<RefCell<Vec<Option<String>>>>) -> (Vec<String>, CelConsoleProps) {
    let analysis = dra_engine::playground::analyze(CEL, &Default::default());
    let devices: Vec<String> = analysis
        .nodes
        .iter()
        .flat_map(|n| &n.pools)
        .flat_map(|p| &p.devices)
        .map(|d| d.key.clone())
        .collect();
    let on_eval = Callback::from(move |(expression, device, on_outcome): EvalAsk| {
        asked.borrow_mut().push(device.clone());
        let reply = evaluate(&EvalRequest {
            serial: 1,
            text: CEL.to_owned(),
            expression,
            device,
        });
        if let Reply::Evaluated { outcome, .. } = reply {
            on_outcome.emit(outcome);
        }
    });
    let props = CelConsoleProps {
        devices: Rc::new(devices.clone()),
        selected_device: None,
        run: 1,
        at_cursor: Some("device.driver == \"nope\"".into()),
        on_eval,
        on_close: Callback::noop(),
    };
    (devices, props)
}

fn state(element: &web_sys::Element) -> Option<String> {
    element
        .query_selector("[data-testid=console-result]")
        .expect("valid")
        .and_then(|e| e.get_attribute("data-state"))
}

/// Types `value` into the expression box (one input event, as typing does).
fn type_expression(element: &web_sys::Element, value: &str) {
    let area: web_sys::HtmlTextAreaElement = element
        .query_selector("[data-testid=console-expression]")
        .expect("valid")
        .expect("the box")
        .dyn_into()
        .expect("a textarea");
    area.set_value(value);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &{
        let i = web_sys::InputEventInit::new();
        i.set_bubbles(true);
        i
    })
    .expect("an input event");
    area.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn a_value_then_an_error_with_its_position_as_one_types() {
    let (devices, props) = console(Rc::default());
    let element = root();
    yew::Renderer::<CelConsole>::with_root_and_props(element.clone(), props).render();
    settle().await;
    let first = &devices[0];
    let driver = first.split('/').next().expect("a driver");
    assert_eq!(state(&element).as_deref(), Some("value"));
    assert_eq!(
        text_of(&element, "[data-testid=console-value]"),
        format!("{driver:?}")
    );
    assert!(text_of(&element, "[data-testid=console-cost]").contains("estimated"));

    type_expression(&element, "1 + 2");
    settle().await;
    assert_eq!(text_of(&element, "[data-testid=console-value]"), "3");
    assert!(text_of(&element, "[data-testid=console-selector]").contains("refuses"));

    type_expression(&element, "1 +");
    settle().await;
    assert_eq!(state(&element).as_deref(), Some("error"));
    assert!(text_of(&element, "[data-testid=console-error]").contains("compilation failed"));
    assert!(text_of(&element, "[data-testid=console-caret]").ends_with('^'));
}

#[wasm_bindgen_test]
async fn the_device_follows_the_map_and_the_editor_selector_comes_in() {
    let asked: Rc<RefCell<Vec<Option<String>>>> = Rc::default();
    let (devices, props) = console(asked.clone());
    assert!(devices.len() >= 2, "{devices:?}");
    let element = root();
    let mut handle =
        yew::Renderer::<CelConsole>::with_root_and_props(element.clone(), props).render();
    settle().await;
    let (_, mut props) = console(asked.clone());
    props.selected_device = Some(devices[1].clone());
    handle.update(props);
    settle().await;
    assert_eq!(
        asked.borrow().last().cloned().flatten().as_ref(),
        Some(&devices[1])
    );

    click(&element, "[data-testid=console-from-editor]");
    settle().await;
    assert_eq!(text_of(&element, "[data-testid=console-value]"), "false");
}
