//! One side of a comparison: its label, its settings (which rewrite that side's Scenario
//! document), its status, the problems that kept it from running, its pods and cluster map
//! with what differs from the other side marked, and a link that opens it in the playground.

use std::rc::Rc;

use dra_engine::compare::Comparison;
use dra_engine::scenario_text::with_settings;
use dra_engine::share_link as share;
use yew::prelude::*;

use crate::components::results::cluster_map::ClusterMap;
use crate::components::results::pod_list::PodList;
use crate::components::settings_form::SettingsForm;
use crate::platform::browser;
use crate::state::compare::{changed, Which};

#[derive(Properties, PartialEq)]
pub struct CompareSideProps {
    pub which: Which,
    pub comparison: Rc<Comparison>,
    /// The side's scenario.
    pub text: Rc<str>,
    /// The side's scenario, edited (new settings).
    pub on_edit: Callback<String>,
}

#[component(CompareSide)]
pub fn compare_side(props: &CompareSideProps) -> Html {
    let side = match props.which {
        Which::Left => &props.comparison.left,
        Which::Right => &props.comparison.right,
    };
    let analysis = Rc::new(side.analysis.clone());
    let related = Rc::new(changed(&props.comparison, props.which));
    let on_settings = {
        let text = props.text.clone();
        let name = analysis.settings.name.clone();
        let on_edit = props.on_edit.clone();
        Callback::from(move |settings| {
            on_edit.emit(with_settings(&text, name.as_deref(), &settings))
        })
    };
    let (origin, path) = browser::base_url();
    let open = format!("{origin}{path}{}", share::fragment(&props.text));
    let errors: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    html! {
        <section class="compare-side" data-side={props.which.name()} aria-label={format!("{} side: {}", props.which.name(), side.label)}>
            <header class="compare-side-head">
                <h2 data-testid="side-label">{ side.label.clone() }</h2>
                <a class="button" href={open} data-testid="open-side">{ "Open in the playground" }</a>
            </header>
            <details class="compare-settings">
                <summary>{ "Kubernetes version and feature gates" }</summary>
                <SettingsForm settings={analysis.settings.clone()} on_change={on_settings} side={Some(props.which.name())} />
            </details>
            <p class="status" data-testid="side-status">{ analysis.status_line() }</p>
            if !errors.is_empty() {
                <ul class="problems">
                    { for errors.iter().map(|d| html! {
                        <li class="problem error">{ format!("line {}, column {}: {}", d.span.start.line, d.span.start.column, d.message) }</li>
                    }) }
                </ul>
            }
            <PodList analysis={analysis.clone()} related={related.clone()} active={false}
                     on_hover={Callback::noop()} on_select={Callback::noop()} />
            <ClusterMap {analysis} {related} active={false} on_hover={Callback::noop()} on_select={Callback::noop()} />
        </section>
    }
}
