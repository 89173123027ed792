//! A stepper over the allocator's search for one pod: every tentative pick, device turned
//! down, backtrack and dead end, one at a time (buttons, or the arrow keys, Home and End),
//! with the device of the current step highlighted in the cluster map.

use std::rc::Rc;

use dra_playground_web::worker::explanation_view::{
    NodeExplanationView, PodExplanationView, SearchRecordView,
};
use dra_playground_web::worker::trace_words::SearchEventView;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TraceStepperProps {
    /// The pod, explained with its trace.
    pub pod: Rc<PodExplanationView>,
    /// The device of the step shown (None: no device, or the stepper is gone).
    pub on_step: Callback<Option<String>>,
}

/// The nodes whose search was recorded.
fn traced(pod: &PodExplanationView) -> Vec<&NodeExplanationView> {
    pod.nodes.iter().filter(|n| n.search.is_some()).collect()
}

#[component(TraceStepper)]
pub fn trace_stepper(props: &TraceStepperProps) -> Html {
    let nodes = traced(&props.pod);
    // The chosen node's search first, else the first one recorded.
    let default_node = nodes
        .iter()
        .position(|n| n.verdict == "chosen")
        .unwrap_or(0);
    let node_index = use_state(|| default_node);
    let at = use_state(|| 0usize);
    let host = use_node_ref();
    let list = use_node_ref();
    use_into_view_when_opened(&host);
    let Some(node) = nodes.get(*node_index).or(nodes.first()) else {
        return html! {
            <p class="empty" data-testid="trace-stepper" data-steps="0">
                { "No search was recorded for this pod: no node got as far as the allocator." }
            </p>
        };
    };
    let steps: &[SearchEventView] = node.search.as_ref().map_or(&[], |s| &s.steps);
    let last = steps.len().saturating_sub(1);
    let current = (*at).min(last);

    use_step_device(
        &props.on_step,
        steps.get(current).and_then(|s| s.device.clone()),
    );
    use_current_step_in_view(&list, current);

    let go = |to: usize| {
        let at = at.clone();
        Callback::from(move |_: MouseEvent| at.set(to))
    };
    let onkeydown = {
        let at = at.clone();
        Callback::from(move |e: KeyboardEvent| {
            // The node list keeps its own keys.
            if e.target_dyn_into::<web_sys::HtmlSelectElement>().is_some() {
                return;
            }
            if let Some(to) = step_for_key(&e.key(), current, last) {
                e.prevent_default();
                at.set(to);
            }
        })
    };
    let on_node = {
        let node_index = node_index.clone();
        let at = at.clone();
        Callback::from(move |e: Event| {
            let chosen = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok());
            if let Some(i) = chosen {
                node_index.set(i);
                at.set(0);
            }
        })
    };
    let dropped = node.search.as_ref().map_or(0, |s| s.dropped);

    html! {
        <div class="stepper" ref={host} data-testid="trace-stepper" data-steps={steps.len().to_string()}
             data-step={current.to_string()} data-node={node.node.clone()}
             role="group" aria-label={format!("Search trace of pod {} on node {}", props.pod.pod, node.node)}
             tabindex="0" {onkeydown}>
            <div class="stepper-bar">
                { node_choice(&nodes, *node_index, on_node) }
                { step_buttons(current, steps.len(), &go) }
                <span class="muted small">{ counts(node.search.as_ref()) }</span>
            </div>
            if let Some(step) = steps.get(current) {
                <p class={classes!("stepper-current", step.kind.clone())} data-testid="trace-current" data-kind={step.kind.clone()}>
                    <span class="event-kind">{ &step.kind }</span>{ &step.text }
                </p>
            }
            { step_list(steps, current, list, &go) }
            if dropped > 0 {
                <p class="muted small">{ format!("… and {dropped} more steps, not recorded.") }</p>
            }
        </div>
    }
}

/// The step a key moves to from `current` (of `0..=last`); None for other keys.
pub(crate) fn step_for_key(key: &str, current: usize, last: usize) -> Option<usize> {
    match key {
        "ArrowRight" | "ArrowDown" => Some((current + 1).min(last)),
        "ArrowLeft" | "ArrowUp" => Some(current.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// Every step, the current one marked; a click shows it.
fn step_list(
    steps: &[SearchEventView],
    current: usize,
    list: NodeRef,
    go: &dyn Fn(usize) -> Callback<MouseEvent>,
) -> Html {
    html! {
        <ol class="trace-events" ref={list} aria-label="Every step">
            { for steps.iter().enumerate().map(|(i, s)| html! {
                <li class={classes!(s.kind.clone(), (i == current).then_some("current"))}
                    aria-current={(i == current).then_some("step")}>
                    <button class="trace-event" onclick={go(i)} tabindex="-1">
                        <span class="at">{ s.at.map(|n| format!("#{n}")).unwrap_or_default() }</span>
                        <span>{ &s.text }</span>
                    </button>
                </li>
            }) }
        </ol>
    }
}

/// The choice of the node whose search is shown, when more than one was recorded.
fn node_choice(nodes: &[&NodeExplanationView], chosen: usize, on_node: Callback<Event>) -> Html {
    if nodes.len() <= 1 {
        return html! {};
    }
    html! {
        <label class="small">{ "Node " }
            <select onchange={on_node} aria-label="Node whose search is shown">
                { for nodes.iter().enumerate().map(|(i, n)| html! {
                    <option value={i.to_string()} selected={i == chosen}>{ format!("{} ({})", n.node, n.verdict) }</option>
                }) }
            </select>
        </label>
    }
}

/// First, previous, next and last, around "Step n of m".
fn step_buttons(current: usize, count: usize, go: &dyn Fn(usize) -> Callback<MouseEvent>) -> Html {
    let last = count.saturating_sub(1);
    html! {
        <div class="stepper-buttons">
            <button class="icon" onclick={go(0)} disabled={current == 0} aria-label="First step" title="First step (Home)" data-testid="trace-first">{ "«" }</button>
            <button class="icon" onclick={go(current.saturating_sub(1))} disabled={current == 0} aria-label="Previous step" title="Previous step (←)" data-testid="trace-previous">{ "‹" }</button>
            <span class="stepper-count" aria-live="polite">{ format!("Step {} of {}", current + 1, count) }</span>
            <button class="icon" onclick={go((current + 1).min(last))} disabled={current >= last} aria-label="Next step" title="Next step (→)" data-testid="trace-next">{ "›" }</button>
            <button class="icon" onclick={go(last)} disabled={current >= last} aria-label="Last step" title="Last step (End)" data-testid="trace-last">{ "»" }</button>
        </div>
    }
}

/// The search's picks and backtracks.
fn counts(search: Option<&SearchRecordView>) -> String {
    let picks = search.map_or(0, |s| s.picks);
    let backtracks = search.map_or(0, |s| s.backtracks);
    format!(
        "{picks} pick{}, {backtracks} backtrack{}",
        plural(picks),
        plural(backtracks)
    )
}

/// Opened: the stepper comes into view.
#[hook]
fn use_into_view_when_opened(host: &NodeRef) {
    let host = host.clone();
    use_effect_with((), move |_| {
        if let Some(e) = host.cast::<web_sys::Element>() {
            e.scroll_into_view_with_bool(true);
        }
    });
}

/// The current step's device goes to `on_step` (highlighted in the map); None when the
/// stepper goes.
#[hook]
fn use_step_device(on_step: &Callback<Option<String>>, device: Option<String>) {
    let on_step = on_step.clone();
    use_effect_with(device, move |device| {
        on_step.emit(device.clone());
        move || on_step.emit(None)
    });
}

/// The current step stays in view in the list of steps.
#[hook]
fn use_current_step_in_view(list: &NodeRef, current: usize) {
    let list = list.clone();
    use_effect_with(current, move |_| {
        if let Some(ol) = list.cast::<web_sys::HtmlElement>() {
            let li = ol
                .query_selector("li.current")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(li) = li {
                keep_in_view(&ol, &li);
            }
        }
    });
}

/// Scrolls a list (only the list) so that one of its items is visible.
fn keep_in_view(list: &web_sys::HtmlElement, item: &web_sys::HtmlElement) {
    let top = item.offset_top() - list.offset_top();
    let bottom = top + item.offset_height();
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_step_within_the_trace() {
        assert_eq!(step_for_key("ArrowRight", 2, 5), Some(3));
        assert_eq!(step_for_key("ArrowDown", 5, 5), Some(5));
        assert_eq!(step_for_key("ArrowLeft", 0, 5), Some(0));
        assert_eq!(step_for_key("ArrowUp", 3, 5), Some(2));
        assert_eq!(step_for_key("Home", 3, 5), Some(0));
        assert_eq!(step_for_key("End", 3, 5), Some(5));
        assert_eq!(step_for_key("Enter", 3, 5), None);
    }
}
