//! The timeline of a scenario with steps, under the results: a mark per moment (its time and
//! name), previous and next buttons, and for the selected moment what changed and why and where
//! every pod is. The arrow keys, Home and End move along the marks; the moment chosen is
//! announced to screen readers.
//!
//! Stable attributes for automation: `data-moment` on the section and on each mark,
//! `data-event-kind` and `data-object` on each change, `data-timeline-pod`, `data-state` and
//! `data-node` on each pod's row.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::explanation::trace_stepper::step_for_key;
use dra_playground_web::worker::timeline_view::{MomentView, TimelineView};

/// The timeline's properties.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Every moment of the run.
    pub timeline: Rc<TimelineView>,
}

/// What screen readers hear when a moment is chosen.
fn announcement(moment: &MomentView, index: usize, count: usize) -> String {
    let changes = match moment.events.len() {
        0 => "nothing changed".to_owned(),
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    format!(
        "Moment {} of {count}: {} at {}, {changes}.",
        index + 1,
        moment.name,
        moment.time
    )
}

/// The timeline: the marks, then the chosen moment's changes and pods.
#[component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let selected = use_state(|| 0usize);
    let moments = &props.timeline.moments;
    let count = moments.len();
    // A re-run may have fewer moments: the last one stays chosen.
    let index = (*selected).min(count.saturating_sub(1));
    let Some(moment) = moments.get(index) else {
        return Html::default();
    };
    let go = |to: usize| {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(to))
    };
    let onkeydown = {
        let selected = selected.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(to) = step_for_key(&e.key(), index, count - 1) else {
                return;
            };
            e.prevent_default();
            selected.set(to);
            let mark = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|list| {
                    list.query_selector(&format!("button[data-index=\"{to}\"]"))
                        .ok()
                        .flatten()
                })
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(mark) = mark {
                let _ = mark.focus();
            }
        })
    };
    html! {
        <section class="timeline" data-testid="timeline" aria-label="Timeline"
                 data-moment={moment.name.clone()}>
            <div class="timeline-bar">
                <button class="timeline-step" data-testid="timeline-previous"
                        disabled={index == 0} onclick={go(index.saturating_sub(1))}>
                    { "‹ Previous" }
                </button>
                <ol class="timeline-marks" aria-label="Moments" {onkeydown}>
                    { for moments.iter().enumerate().map(|(i, m)| html! {
                        <li>
                            <button class={classes!("timeline-mark", (i == index).then_some("active"))}
                                    data-moment={m.name.clone()} data-index={i.to_string()}
                                    aria-current={(i == index).then_some("step")}
                                    onclick={go(i)}>
                                <span class="timeline-time">{ &m.time }</span>
                                <span class="timeline-name">{ &m.name }</span>
                            </button>
                        </li>
                    }) }
                </ol>
                <button class="timeline-step" data-testid="timeline-next"
                        disabled={index + 1 >= count} onclick={go((index + 1).min(count - 1))}>
                    { "Next ›" }
                </button>
            </div>
            <p class="visually-hidden" data-testid="timeline-announcement" role="status" aria-live="polite">
                { announcement(moment, index, count) }
            </p>
            <h3 class="timeline-heading">{ format!("What changed at {} ({})", moment.name, moment.time) }</h3>
            if moment.events.is_empty() {
                <p class="muted small" data-testid="timeline-events">{ "Nothing changed: the scenario as written, scheduled once." }</p>
            } else {
                <ol class="timeline-events" data-testid="timeline-events">
                    { for moment.events.iter().map(|e| html! {
                        <li data-event-kind={e.kind.clone()} data-object={e.object.clone()}>
                            <span class="timeline-time">{ &e.time }</span>{ " " }
                            <strong>{ &e.object }</strong>{ ": " }{ &e.message }
                        </li>
                    }) }
                </ol>
            }
            <table class="timeline-pods" data-testid="timeline-pods">
                <caption>{ format!("Pods at {}", moment.name) }</caption>
                <thead><tr><th scope="col">{ "Pod" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Node, or why not" }</th></tr></thead>
                <tbody>
                    { for moment.pods.iter().map(|p| html! {
                        <tr data-timeline-pod={p.pod.clone()} data-state={p.state.clone()} data-node={p.node.clone()}>
                            <th scope="row">{ &p.pod }</th>
                            <td>{ &p.state }</td>
                            <td>{ p.node.clone().or_else(|| p.reason.clone()).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
