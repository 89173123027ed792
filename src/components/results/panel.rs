//! The results side: the run status (pods scheduled, or why nothing ran, and when), then the
//! cluster map with the pods, the claims, or the output YAML, and under them a drawer (the
//! explanation panel); a scenario with steps has its timeline between them, and the map and
//! the pods then show the moment chosen on it.

use std::rc::Rc;

use dra_engine::playground::Outcome;
use yew::prelude::*;

use crate::components::results::claim_list::ClaimList;
use crate::components::results::cluster_map::ClusterMap;
use crate::components::results::pod_list::PodList;
use crate::components::results::timeline::Timeline;
use crate::state::embed::ResultsTab as Tab;
use crate::state::moment::{self, MomentShown};
use crate::state::run::{self, RunInfo};
use crate::state::selection::{Related, Selection};

#[derive(Properties, PartialEq)]
pub struct ResultsPanelProps {
    pub run: Option<Rc<RunInfo>>,
    /// Edit-to-result milliseconds of the run with this serial (engine and render).
    pub shown_ms: Option<(u64, f64)>,
    pub related: Rc<Related>,
    pub active: bool,
    pub on_hover: Callback<Option<Selection>>,
    pub on_select: Callback<Selection>,
    #[prop_or_default]
    pub compact: bool,
    /// The view shown first (the only one, `compact`).
    #[prop_or_default]
    pub tab: Tab,
    /// A newer run has been in flight for a while: the spinner shows (the last result stays).
    #[prop_or_default]
    pub busy: bool,
    /// Shown under the results (the explanation panel), without scrolling away with them.
    #[prop_or_default]
    pub drawer: Html,
}

#[component(RunStatus)]
pub fn run_status(props: &ResultsPanelProps) -> Html {
    let Some(run) = &props.run else {
        return html! { <p class="status running" data-testid="run-status" data-state="running">{ "Running…" }</p> };
    };
    let a = &run.analysis;
    let state = run::state(a);
    let ms = props
        .shown_ms
        .filter(|(serial, _)| *serial == run.serial)
        .map(|(_, ms)| ms);
    html! {
        <div class="status-row">
            <p class={classes!("status", state)} data-testid="run-status" data-state={state}
               data-serial={run.serial.to_string()}
               data-busy={props.busy.then_some("true")}
               data-run-ms={ms.map(|m| format!("{m:.1}"))}
               data-engine-ms={format!("{:.1}", run.engine_ms)}
               data-hints-ms={format!("{:.1}", run.hints_ms)}
               role="status" aria-live="polite">
                <span class="dot" />{ a.status_line() }
            </p>
            <span class="run-time muted small" data-testid="run-time"
                  title="Edit-to-result: the engine run and the render that shows it">
                { match ms {
                    Some(ms) => format!("ran at {} in {:.0} ms", run.clock, ms),
                    None => format!("ran at {}", run.clock),
                } }
            </span>
            if props.busy {
                <span class="run-busy small" data-testid="run-spinner" role="status"
                      title="The engine is still running the latest edit; the result above is the previous one">
                    <span class="spinner" aria-hidden="true" />{ "running…" }
                </span>
            }
        </div>
    }
}

#[component(ResultsPanel)]
pub fn results_panel(props: &ResultsPanelProps) -> Html {
    let tab = use_state(|| props.tab);
    // The moment chosen on the timeline (kept across runs: an edit re-runs from its step).
    let chosen = use_state(|| 0usize);
    let shown = {
        let run = props.run.clone();
        use_memo(
            (props.run.as_ref().map(|r| r.serial), *chosen),
            move |(_, i)| run.as_deref().map(|r| moment::shown(r, *i)),
        )
    };
    let Some(run) = &props.run else {
        return html! { <section class="results"><RunStatus ..props.clone_props() /></section> };
    };
    let MomentShown {
        analysis: a,
        index,
        changed,
    } = (*shown).clone().unwrap_or_else(|| moment::shown(run, 0));
    let tab_button = |t: Tab, label: &'static str| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("active"))}
                    onclick={Callback::from(move |_| tab.set(t))}>{ label }</button>
        }
    };
    let output = match &a.outcome {
        Outcome::Ran(r) => r.output_yaml.clone(),
        Outcome::Invalid { .. } => {
            "# Nothing ran: fix the problems listed under the editor.\n".to_owned()
        }
    };
    let body = match *tab {
        Tab::Cluster => html! {
            <>
                <PodList analysis={a.clone()} related={props.related.clone()} active={props.active}
                         on_hover={props.on_hover.clone()} on_select={props.on_select.clone()} />
                <ClusterMap analysis={a.clone()} related={props.related.clone()} active={props.active}
                            on_hover={props.on_hover.clone()} on_select={props.on_select.clone()}
                            {changed} />
            </>
        },
        Tab::Claims => html! {
            <ClaimList analysis={a.clone()} related={props.related.clone()} active={props.active}
                       on_hover={props.on_hover.clone()} on_select={props.on_select.clone()} />
        },
        Tab::Output => html! {
            <>
                if index > 0 {
                    <p class="muted small" data-testid="output-first-moment">
                        { "The output of the first moment; `dra-playground allocate` prints every moment." }
                    </p>
                }
                <pre class="output" data-testid="run-result">{ output.clone() }</pre>
            </>
        },
    };
    html! {
        <section class={classes!("results", props.compact.then_some("compact"))} aria-label="Results">
            <RunStatus ..props.clone_props() />
            if !props.compact {
                <div class="tabs" role="tablist" aria-label="Result views">
                    { tab_button(Tab::Cluster, "Cluster") }
                    { tab_button(Tab::Claims, "Claims") }
                    { tab_button(Tab::Output, "Output YAML") }
                </div>
            }
            <div class="results-body">{ body }</div>
            if let Some(timeline) = &run.timeline {
                <Timeline timeline={timeline.clone()} chosen={index}
                          on_choose={Callback::from(move |i| chosen.set(i))}
                          on_select={props.on_select.clone()} />
            }
            { props.drawer.clone() }
            if *tab != Tab::Output {
                // The output stays in the page for tools and tests, out of sight.
                <pre class="visually-hidden" data-testid="run-result" aria-hidden="true">{ output }</pre>
            }
        </section>
    }
}

impl ResultsPanelProps {
    fn clone_props(&self) -> ResultsPanelProps {
        ResultsPanelProps {
            run: self.run.clone(),
            shown_ms: self.shown_ms,
            related: self.related.clone(),
            active: self.active,
            on_hover: self.on_hover.clone(),
            on_select: self.on_select.clone(),
            compact: self.compact,
            tab: self.tab,
            busy: self.busy,
            drawer: self.drawer.clone(),
        }
    }
}
