//! The explanation panel, under the results: why the selected pod, claim, request or device
//! ended as it did, the hints about it, and on demand the search trace (a stepper) and the
//! selector-by-device matrix. What it shows is computed in the engine worker, only as much as
//! is open (`state/explained.rs`).

use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_playground_web::worker::explanation_view::{ExplanationView, HintView, PodExplanationView};
use yew::prelude::*;

use crate::components::explanation::claim_why::ClaimWhy;
use crate::components::explanation::device_why::DeviceWhy;
use crate::components::explanation::event_why::{kind_words, EventWhy};
use crate::components::explanation::history_why::{timeline_name, HistoryWhy};
use crate::components::explanation::node_why::NodeWhy;
use crate::components::explanation::pod_why::PodWhy;
use crate::components::explanation::selector_matrix::SelectorMatrixTable;
use crate::components::explanation::trace_stepper::TraceStepper;
use crate::components::explanation::why_link::Navigate;
use crate::state::explained::{Explained, Wants};
use crate::state::problems::hint_problem;
use crate::state::run::RunInfo;
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct ExplanationPanelProps {
    /// The run shown.
    pub run: Rc<RunInfo>,
    pub selected: Option<Selection>,
    /// The latest explanation (possibly of an older run or selection).
    pub explained: Option<Rc<Explained>>,
    /// The explanation is the one asked for (run, selection and open sections).
    pub fresh: bool,
    /// The open sections.
    pub wants: Wants,
    pub on_wants: Callback<Wants>,
    /// The device of the trace step shown.
    pub on_trace_step: Callback<Option<String>>,
    /// Clears the selection.
    pub on_close: Callback<()>,
    /// Selects what a name in the panel names.
    pub on_navigate: Callback<Selection>,
    /// Moves the editor's cursor to a range (UTF-16 offsets), for the hints.
    pub on_go_to: Callback<(u32, u32)>,
}

/// What the panel is about, in a few words.
fn title(run: &RunInfo, selected: Option<&Selection>) -> String {
    match selected {
        Some(Selection::Event(m, e)) => run
            .timeline
            .as_ref()
            .and_then(|t| t.moments.get(*m)?.events.get(*e))
            .map_or_else(
                || "a change on the timeline".to_owned(),
                |e| format!("{} {}", e.object, kind_words(&e.kind)),
            ),
        None => "nothing selected".into(),
        Some(Selection::Pod(p)) => format!("pod {p}"),
        Some(Selection::Claim(c)) => format!("claim {c}"),
        Some(Selection::Request(c, r)) => format!("request {r} of claim {c}"),
        Some(Selection::Device(d)) => format!("device {d}"),
        Some(Selection::Node(n)) => format!("node {n}"),
    }
}

/// The hints about the selected pod's or claim's claims (or their templates).
fn hints_for<'h>(
    hints: &'h [HintView],
    a: &Analysis,
    selected: Option<&Selection>,
) -> Vec<&'h HintView> {
    let claims: Vec<String> = match selected {
        Some(Selection::Pod(p)) => a.pod(p).map(|p| p.claims.clone()).unwrap_or_default(),
        Some(Selection::Claim(c) | Selection::Request(c, _)) => vec![c.clone()],
        _ => Vec::new(),
    };
    let mut objects: Vec<String> = Vec::new();
    for claim in &claims {
        objects.push(format!("ResourceClaim {claim}"));
        if let Some(t) = a.claim(claim).and_then(|c| c.template.as_ref()) {
            objects.push(format!("ResourceClaimTemplate {t}"));
        }
    }
    hints
        .iter()
        .filter(|h| objects.contains(&h.object))
        .collect()
}

/// The pod whose search the stepper shows: the selected pod, or the first pod of the
/// selected claim.
fn traced_pod(e: &ExplanationView, selected: Option<&Selection>) -> Option<PodExplanationView> {
    match selected? {
        Selection::Pod(p) => e.pod(p).cloned(),
        Selection::Claim(c) | Selection::Request(c, _) => e
            .pods
            .iter()
            .find(|x| x.claims.iter().any(|s| s.claim == *c))
            .cloned(),
        Selection::Device(_) | Selection::Node(_) | Selection::Event(..) => None,
    }
}

/// The explanation of the selection.
fn body(e: &Rc<ExplanationView>, selected: Option<&Selection>) -> Option<Html> {
    Some(match selected? {
        Selection::Pod(p) => {
            let pod = e.pod(p)?.clone();
            html! { <PodWhy {pod} /> }
        }
        Selection::Claim(c) => {
            html! { <ClaimWhy explanation={e.clone()} claim={c.clone()} /> }
        }
        Selection::Request(c, r) => {
            html! { <ClaimWhy explanation={e.clone()} claim={c.clone()} request={Some(r.clone())} /> }
        }
        Selection::Device(d) => {
            let device = e.device(d)?.clone();
            html! { <DeviceWhy {device} /> }
        }
        Selection::Node(n) => {
            html! { <NodeWhy explanation={e.clone()} node={n.clone()} /> }
        }
        Selection::Event(..) => return None,
    })
}

/// One hint about the selection; a hint with a position is a button that moves the editor's
/// cursor there (as the problems list does).
fn hint_item(text: &str, hint: &HintView, on_go_to: &Callback<(u32, u32)>) -> Html {
    let words = html! { <span class="msg">{ &hint.message }</span> };
    let Some(at) = hint_problem(text, hint) else {
        return html! {
            <li class="why-hint" role="note"><span class="sev">{ "hint" }</span>{ words }</li>
        };
    };
    let range = (at.from, at.to);
    let go = on_go_to.reform(move |_: MouseEvent| range);
    html! {
        <li class="why-hint-item">
            <button type="button" class="why-hint" onclick={go} data-line={at.line.to_string()} data-column={at.column.to_string()}
                    aria-label={format!("Hint at line {}, column {}: {}. Go to it in the editor.", at.line, at.column, hint.message)}>
                <span class="sev">{ "hint" }</span>
                <span class="pos">{ format!("{}:{}", at.line, at.column) }</span>
                { words }
            </button>
        </li>
    }
}

/// A disclosure button for a section computed on demand.
fn toggle(label: &str, open: bool, id: &str, on: Callback<MouseEvent>, testid: &str) -> Html {
    html! {
        <button class={classes!("disclosure", open.then_some("open"))} aria-expanded={open.to_string()}
                aria-controls={id.to_owned()} onclick={on} data-testid={testid.to_owned()}>
            <span class="chevron" aria-hidden="true">{ "▸" }</span>{ label }
        </button>
    }
}

#[component(ExplanationPanel)]
pub fn explanation_panel(props: &ExplanationPanelProps) -> Html {
    let selected = props.selected.as_ref();
    let explained = props.explained.as_ref();
    let explanation = explained.and_then(|e| e.result.as_ref().ok());
    let failure = explained.and_then(|e| e.result.as_ref().err());
    let wants = props.wants;
    let set = |w: Wants| {
        let on_wants = props.on_wants.clone();
        Callback::from(move |_: MouseEvent| on_wants.emit(w))
    };
    let asked = selected.is_some() || wants.matrix;
    // A change on the timeline is explained by the run itself; nothing is asked of the worker.
    let event = match selected {
        Some(Selection::Event(m, e)) => props.run.timeline.clone().map(|t| (t, *m, *e)),
        _ => None,
    };
    let state = match (asked, props.fresh, failure) {
        _ if event.is_some() && !wants.matrix => "ready",
        (false, _, _) => "idle",
        (true, false, _) => "loading",
        (true, true, Some(_)) => "error",
        (true, true, None) => "ready",
    };
    let waiting = html! { <p class="muted" role="status">{ "Explaining…" }</p> };
    let main = match (selected, explanation) {
        (Some(Selection::Event(..)), _) => match event {
            Some((timeline, moment, event)) => html! { <EventWhy {timeline} {moment} {event} /> },
            None => html! { <p class="muted">{ "This scenario has no timeline any more." }</p> },
        },
        (None, _) => html! {
            <p class="muted">{ "Select a pod, a claim or a device (in the map, the lists or the text) to see why it ended as it did." }</p>
        },
        (Some(s), Some(e)) => body(e, selected).unwrap_or_else(|| {
            // Not in the first moment's explanation: an object the timeline made later.
            if props.fresh {
                let timeline = props.run.timeline.clone();
                html! { <HistoryWhy {timeline} object={timeline_name(s)} /> }
            } else {
                waiting.clone()
            }
        }),
        (Some(_), None) => match failure.filter(|_| props.fresh) {
            Some(f) => html! { <p class="bad">{ format!("No explanation: {f}.") }</p> },
            None => waiting.clone(),
        },
    };
    let hints = hints_for(&props.run.hints, &props.run.analysis, selected);
    let traceable = matches!(
        selected,
        Some(Selection::Pod(_) | Selection::Claim(_) | Selection::Request(..))
    );
    // The trace, once an explanation with the trace recorded came back.
    let trace = explanation
        .filter(|_| wants.trace && traceable && explained.is_some_and(|e| e.scope.trace))
        .and_then(|e| traced_pod(e, selected));
    let matrix = explanation
        .filter(|_| wants.matrix)
        .and_then(|e| e.matrix.clone());

    html! {
        <ContextProvider<Navigate> context={Navigate(props.on_navigate.clone())}>
        <section class={classes!("explanation", (state == "loading").then_some("stale"))}
                 aria-label="Explanation" data-testid="explanation" data-state={state}
                 data-explain-ms={explained.filter(|_| state == "ready").map(|e| format!("{:.1}", e.engine_ms))}
                 aria-busy={(state == "loading").then_some("true")}>
            <header class="explanation-head">
                <h2><span class="muted">{ "Why? " }</span>{ title(&props.run, selected) }</h2>
                if selected.is_some() {
                    <button class="icon" onclick={props.on_close.reform(|_: MouseEvent| ())}
                            aria-label="Close the explanation (clear the selection)" title="Clear the selection">{ "✕" }</button>
                }
            </header>
            <div class="explanation-body">
                if !hints.is_empty() {
                    <ul class="why-hints" aria-label="Hints">
                        { for hints.iter().map(|h| hint_item(&props.run.text, h, &props.on_go_to)) }
                    </ul>
                }
                { main }
                <div class="on-demand">
                    if traceable {
                        { toggle("Search trace", wants.trace, "trace-section",
                                 set(Wants { trace: !wants.trace, ..wants }), "toggle-trace") }
                    }
                    { toggle("Selector matrix", wants.matrix, "matrix-section",
                             set(Wants { matrix: !wants.matrix, ..wants }), "toggle-matrix") }
                </div>
                if wants.trace && traceable {
                    <section id="trace-section" class="trace-section" aria-label="Search trace">
                        { match trace {
                            Some(pod) => {
                                let key = format!("{}/{}", props.run.serial, pod.pod);
                                html! { <TraceStepper {key} pod={Rc::new(pod)} on_step={props.on_trace_step.clone()} /> }
                            }
                            None => waiting.clone(),
                        } }
                    </section>
                }
                if wants.matrix {
                    <section id="matrix-section" class="matrix-section" aria-label="Selector matrix">
                        { match matrix {
                            Some(m) => html! { <SelectorMatrixTable matrix={m} /> },
                            None => waiting.clone(),
                        } }
                    </section>
                }
            </div>
        </section>
        </ContextProvider<Navigate>>
    }
}
