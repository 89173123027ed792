//! Component tests of the timeline in a real browser, on the gallery's failing-GPU example, in
//! the results panel that holds it: a mark per moment, previous and next buttons and the arrow
//! keys move along them, the moment is announced, the chosen moment shows its eviction and where
//! the replacement pod went, the cluster map above follows it (the failed GPU freed and tainted,
//! the new pod on the other), and a change selected is explained in the explanation panel.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use yew::prelude::*;

use crate::browser_tests::explanation::{explained, panel};
use crate::browser_tests::{attributes, root, settle};
use crate::components::explanation::panel::ExplanationPanel;
use crate::components::results::panel::{ResultsPanel, ResultsPanelProps};
use crate::state::run::RunInfo;
use crate::state::selection::{Related, Selection};

const EVICTION: &str = include_str!("../../examples/gpu-failure-eviction.yaml");

/// The results panel of the example's run; what a change selected sends is kept in `selected`.
async fn render_selecting(selected: Callback<Selection>) -> web_sys::Element {
    let element = root();
    yew::Renderer::<ResultsPanel>::with_root_and_props(
        element.clone(),
        ResultsPanelProps {
            run: Some(Rc::new(RunInfo::of_text(EVICTION))),
            shown_ms: None,
            related: Rc::new(Related::default()),
            active: false,
            on_hover: Callback::noop(),
            on_select: selected,
            compact: false,
            tab: Default::default(),
            busy: false,
            drawer: Html::default(),
        },
    )
    .render();
    settle().await;
    element
}

async fn render() -> web_sys::Element {
    render_selecting(Callback::noop()).await
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

/// A device drawn in the map (an SVG group).
fn device(element: &web_sys::Element, name: &str) -> web_sys::Element {
    let selector = format!("g[data-device=\"gpu.example.com/node-1/{name}\"]");
    element
        .query_selector(&selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[wasm_bindgen_test]
async fn the_map_follows_the_moment_chosen_and_highlights_what_changed() {
    let element = render().await;
    let chips = |e: &web_sys::Element| attributes(e, "g[data-pod-chip]", "data-pod-chip");
    assert_eq!(chips(&element), [Some("default/trainer-t8m78".to_owned())]);
    assert_eq!(
        device(&element, "gpu-0")
            .get_attribute("data-claim")
            .as_deref(),
        Some("default/trainer-t8m78-gpu-55fkp")
    );
    assert!(element.query_selector(".changed").expect("valid").is_none());

    find(&element, "[data-testid=\"timeline-next\"]").click();
    settle().await;
    assert_eq!(chips(&element), [Some("default/trainer-j97md".to_owned())]);
    let gpu0 = device(&element, "gpu-0");
    assert_eq!(
        gpu0.get_attribute("data-claim"),
        None,
        "the failed GPU is free"
    );
    assert!(gpu0
        .get_attribute("class")
        .unwrap_or_default()
        .contains("changed"));
    assert!(gpu0
        .text_content()
        .unwrap_or_default()
        .contains("NoExecute"));
    let gpu1 = device(&element, "gpu-1");
    assert_eq!(
        gpu1.get_attribute("data-claim").as_deref(),
        Some("default/trainer-j97md-gpu-86v4x")
    );
    assert_eq!(
        attributes(&element, "[data-pod]", "data-node"),
        [Some("node-1".to_owned())]
    );
    let said = announced(&element);
    assert!(
        said.contains("Pod default/trainer-t8m78 left node node-1"),
        "{said}"
    );
    assert!(said.contains("gpu-0 tainted"), "{said}");
    // The step's time is shown on its mark.
    assert!(find(&element, "button[data-index=\"1\"] .timeline-took").has_attribute("data-step-ms"));

    find(&element, "[data-testid=\"timeline-previous\"]").click();
    settle().await;
    assert_eq!(chips(&element), [Some("default/trainer-t8m78".to_owned())]);
}

#[wasm_bindgen_test]
async fn a_change_selected_is_explained_with_its_reason_and_rule() {
    let picked = Rc::new(std::cell::RefCell::new(None));
    let keep = picked.clone();
    let element = render_selecting(Callback::from(move |s| *keep.borrow_mut() = Some(s))).await;
    find(&element, "[data-testid=\"timeline-next\"]").click();
    settle().await;
    find(&element, "li[data-event-kind=\"Evicted\"] button").click();
    let selected = picked.borrow().clone().expect("a change selected");
    assert_eq!(selected, Selection::Event(1, 1));

    let drawer = root();
    let mut props = panel(EVICTION, selected, Err(String::new()));
    props.run = Rc::new(RunInfo::of_text(EVICTION));
    props.explained = None;
    props.fresh = false;
    yew::Renderer::<ExplanationPanel>::with_root_and_props(drawer.clone(), props).render();
    settle().await;
    let state = find(&drawer, "[data-testid=\"explanation\"]").get_attribute("data-state");
    assert_eq!(state.as_deref(), Some("ready"), "nothing to wait for");
    let why = find(&drawer, "[data-event-explained]");
    assert_eq!(
        why.get_attribute("data-event-explained").as_deref(),
        Some("Evicted")
    );
    let summary = find(&drawer, "[data-testid=\"why-summary\"]")
        .text_content()
        .unwrap_or_default();
    assert!(
        summary.contains("NoExecute") && summary.contains("not tolerated"),
        "{summary}"
    );
    let rule = find(&drawer, "[data-testid=\"why-rule\"]")
        .text_content()
        .unwrap_or_default();
    assert!(rule.contains("eviction controller"), "{rule}");
    let followed = attributes(&drawer, ".why-followed li", "data-event-kind");
    assert_eq!(
        followed,
        ["ClaimDeleted", "PodCreated", "Scheduled"].map(|k| Some(k.to_owned()))
    );
}

#[wasm_bindgen_test]
async fn a_pod_made_later_is_explained_by_what_happened_to_it() {
    let run = RunInfo::of_text(EVICTION);
    let timeline = run.timeline.clone().expect("a timeline");
    let index = timeline.moments[1]
        .events
        .iter()
        .position(|e| e.kind == "PodCreated")
        .expect("a replacement pod");
    let created = timeline.moments[1].events[index].object.clone();
    let key = created.strip_prefix("Pod ").expect("a pod").to_owned();

    let drawer = root();
    let mut props = panel(
        EVICTION,
        Selection::Pod(key),
        Ok(explained(EVICTION, false, false)),
    );
    props.run = Rc::new(run);
    yew::Renderer::<ExplanationPanel>::with_root_and_props(drawer.clone(), props).render();
    settle().await;
    find(&drawer, "[data-testid=\"why-history\"]");
    let kinds = attributes(&drawer, ".why-history li", "data-event-kind");
    assert_eq!(
        kinds,
        ["PodCreated", "Scheduled"].map(|k| Some(k.to_owned()))
    );
    let links = attributes(&drawer, ".why-history li button", "data-key");
    let first = format!("1/{index}");
    assert_eq!(
        links[0].as_deref(),
        Some(first.as_str()),
        "each change links to its explanation"
    );
}
