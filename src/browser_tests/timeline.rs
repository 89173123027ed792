//! Component tests of the timeline in a real browser, on the gallery's failing-GPU example: a
//! mark per moment, previous and next buttons and the arrow keys move along them, the moment is
//! announced, and the chosen moment shows its eviction and where the replacement pod went.

use std::rc::Rc;

use dra_engine::load::{load_scenario, LoadOptions};
use dra_engine::scheduler::SchedulerOptions;
use dra_playground_web::worker::timeline_view::TimelineView;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::browser_tests::{attributes, root, settle};
use crate::components::results::timeline::{Timeline, TimelineProps};

const EVICTION: &str = include_str!("../../examples/gpu-failure-eviction.yaml");

async fn render() -> web_sys::Element {
    let loaded = load_scenario(EVICTION, &LoadOptions::default());
    let timeline = dra_engine::timeline::run(&loaded, &SchedulerOptions::default());
    let element = root();
    yew::Renderer::<Timeline>::with_root_and_props(
        element.clone(),
        TimelineProps {
            timeline: Rc::new(TimelineView::from(&timeline)),
        },
    )
    .render();
    settle().await;
    element
}

fn find(element: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    element
        .query_selector(selector)
        .expect("a valid selector")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn chosen(element: &web_sys::Element) -> Option<String> {
    find(element, "[data-testid=\"timeline\"]").get_attribute("data-moment")
}

fn announced(element: &web_sys::Element) -> String {
    find(element, "[data-testid=\"timeline-announcement\"]")
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn stepping_to_the_failure_shows_the_eviction_and_the_replacement() {
    let element = render().await;
    assert_eq!(
        attributes(&element, "button[data-moment]", "data-moment"),
        [Some("start".to_owned()), Some("gpu-0-fails".to_owned())]
    );
    assert_eq!(chosen(&element).as_deref(), Some("start"));
    assert!(find(&element, "[data-testid=\"timeline-previous\"]").has_attribute("disabled"));
    let live = find(&element, "[data-testid=\"timeline-announcement\"]");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(announced(&element).starts_with("Moment 1 of 2: start at 0s"));
    let first_pod = attributes(&element, "tr[data-timeline-pod]", "data-timeline-pod");

    find(&element, "[data-testid=\"timeline-next\"]").click();
    settle().await;
    assert_eq!(chosen(&element).as_deref(), Some("gpu-0-fails"));
    assert!(
        announced(&element).starts_with("Moment 2 of 2: gpu-0-fails at 30s"),
        "{}",
        announced(&element)
    );
    let evicted = find(&element, "li[data-event-kind=\"Evicted\"]");
    let words = evicted.text_content().unwrap_or_default();
    assert!(words.contains("NoExecute"), "{words}");
    assert_eq!(
        evicted.get_attribute("data-object"),
        first_pod[0].as_ref().map(|p| format!("Pod {p}"))
    );
    let pods = attributes(&element, "tr[data-timeline-pod]", "data-timeline-pod");
    assert_eq!(pods.len(), 1);
    assert_ne!(pods, first_pod, "the replacement is another pod");
    assert_eq!(
        attributes(&element, "tr[data-timeline-pod]", "data-node"),
        [Some("node-1".to_owned())]
    );
    assert!(find(&element, "[data-testid=\"timeline-next\"]").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn the_arrow_keys_move_along_the_marks_and_the_focus_follows() {
    let element = render().await;
    let first = find(&element, "button[data-index=\"0\"]");
    first.focus().expect("focusable");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("an event");
    first.dispatch_event(&key).expect("dispatched");
    settle().await;
    assert_eq!(chosen(&element).as_deref(), Some("gpu-0-fails"));
    let second = find(&element, "button[data-index=\"1\"]");
    assert_eq!(
        second.get_attribute("aria-current").as_deref(),
        Some("step")
    );
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("data-index"));
    assert_eq!(focused.as_deref(), Some("1"));
}
