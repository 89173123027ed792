//! The timeline of a scenario with steps, under the results: a mark per moment (its time, name
//! and how long its step took to run, or that it was kept from the previous run), previous and
//! next buttons, and for the chosen moment what changed and why (each change a button that
//! explains it in the explanation panel), what changed on the map, and where every pod is. The
//! map above follows the moment chosen (the results panel holds it). The arrow keys, Home and
//! End move along the marks; the moment chosen and what changed on the map are announced to
//! screen readers.
//!
//! Stable attributes for automation: `data-moment` on the section and on each mark (with
//! `data-step-ms` or `data-kept`; the section's `data-first-run`: the first moment the last run
//! computed, the others kept from the run before), `data-event-kind` and `data-object` on each change,
//! `data-map-change` on each change of the map, `data-timeline-pod`, `data-state` and
//! `data-node` on each pod's row.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::explanation::trace_stepper::step_for_key;
use crate::state::selection::Selection;
use dra_playground_web::worker::timeline_view::{MomentView, TimelineView};

/// The timeline's properties.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Every moment of the run.
    pub timeline: Rc<TimelineView>,
    /// The moment shown.
    pub chosen: usize,
    /// Shows another moment.
    pub on_choose: Callback<usize>,
    /// Selects a change, for the explanation panel.
    pub on_select: Callback<Selection>,
}

/// How long a moment's step took, or that it was kept from the previous run.
fn step_time(timeline: &TimelineView, index: usize) -> Option<String> {
    let moment = &timeline.moments[index];
    if index == 0 {
        return None;
    }
    if index < timeline.first_run {
        return Some("kept".to_owned());
    }
    moment.millis.map(|ms| format!("{ms:.1} ms"))
}

/// What the last run did with the previous run's moments, in words.
fn rerun_words(timeline: &TimelineView) -> String {
    let count = timeline.moments.len();
    match timeline.first_run {
        0 => "Every step ran.".to_owned(),
        n if n >= count => "Nothing changed in the steps: every moment kept.".to_owned(),
        n => format!(
            "Re-ran from {}: {n} earlier moment{} kept.",
            timeline.moments[n].name,
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// What screen readers hear when a moment is chosen.
fn announcement(moment: &MomentView, index: usize, count: usize) -> String {
    let changes = match moment.events.len() {
        0 => "nothing changed".to_owned(),
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    let mut said = format!(
        "Moment {} of {count}: {} at {}, {changes}.",
        index + 1,
        moment.name,
        moment.time
    );
    if index > 0 {
        for words in &moment.map.words {
            said.push_str(&format!(" {words}."));
        }
    }
    said
}

/// The timeline: the marks, then the chosen moment's changes and pods.
#[component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let moments = &props.timeline.moments;
    let count = moments.len();
    let index = props.chosen.min(count.saturating_sub(1));
    let Some(moment) = moments.get(index) else {
        return Html::default();
    };
    let go = |to: usize| props.on_choose.reform(move |_: MouseEvent| to);
    let onkeydown = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(to) = step_for_key(&e.key(), index, count - 1) else {
                return;
            };
            e.prevent_default();
            on_choose.emit(to);
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
    let explain = |event: usize| {
        props
            .on_select
            .reform(move |_: MouseEvent| Selection::Event(index, event))
    };
    let timeline = &props.timeline;
    html! {
        <section class="timeline" data-testid="timeline" aria-label="Timeline"
                 data-moment={moment.name.clone()} data-first-run={timeline.first_run.to_string()}>
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
                                if let Some(took) = step_time(timeline, i) {
                                    <span class="timeline-took" data-step-ms={m.millis.filter(|_| i >= timeline.first_run).map(|ms| format!("{ms:.1}"))}
                                          data-kept={(i < timeline.first_run).then_some("true")}
                                          title={if i < timeline.first_run { "Kept from the previous run: the edit is in a later step" } else { "How long this step took to run" }}>
                                        { took }
                                    </span>
                                }
                            </button>
                        </li>
                    }) }
                </ol>
                <button class="timeline-step" data-testid="timeline-next"
                        disabled={index + 1 >= count} onclick={go((index + 1).min(count - 1))}>
                    { "Next ›" }
                </button>
                <span class="timeline-rerun muted small" data-testid="timeline-rerun">{ rerun_words(timeline) }</span>
            </div>
            <p class="visually-hidden" data-testid="timeline-announcement" role="status" aria-live="polite">
                { announcement(moment, index, count) }
            </p>
            <h3 class="timeline-heading">{ format!("What changed at {} ({})", moment.name, moment.time) }</h3>
            if moment.events.is_empty() {
                <p class="muted small" data-testid="timeline-events">{ "Nothing changed: the scenario as written, scheduled once." }</p>
            } else {
                <ol class="timeline-events" data-testid="timeline-events">
                    { for moment.events.iter().enumerate().map(|(i, e)| html! {
                        <li data-event-kind={e.kind.clone()} data-object={e.object.clone()}>
                            <button type="button" class="timeline-event" onclick={explain(i)}
                                    title="Why? Explain this change in the explanation panel">
                                <span class="timeline-time">{ &e.time }</span>{ " " }
                                <strong>{ &e.object }</strong>{ ": " }{ &e.message }
                            </button>
                        </li>
                    }) }
                </ol>
            }
            if index > 0 && !moment.map.words.is_empty() {
                <h3 class="timeline-heading">{ "On the map" }</h3>
                <ul class="timeline-map-changes" data-testid="timeline-map-changes">
                    { for moment.map.words.iter().map(|w| html! { <li data-map-change={w.clone()}>{ w }</li> }) }
                </ul>
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
