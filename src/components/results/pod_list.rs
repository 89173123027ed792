//! The pods and where they went: each carries `data-pod="NAMESPACE/NAME"` and either
//! `data-node="NODE"` or `data-unschedulable` (with the reason shown). More than
//! [`PODS_PER_PAGE`] pods are shown a page at a time, with a filter by name.

use std::rc::Rc;

use dra_engine::playground::Analysis;
use yew::prelude::*;

use crate::components::results::list_window::use_list_window;
use crate::state::selection::{Related, Selection};
use dra_engine::render::color_of;

/// The most pods listed at once.
pub const PODS_PER_PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct PodListProps {
    pub analysis: Rc<Analysis>,
    pub related: Rc<Related>,
    pub active: bool,
    pub on_hover: Callback<Option<Selection>>,
    pub on_select: Callback<Selection>,
}

#[component(PodList)]
pub fn pod_list(props: &PodListProps) -> Html {
    let a = &props.analysis;
    let names: Vec<&str> = a.pods.iter().map(|p| p.key.as_str()).collect();
    let (window, controls) = use_list_window("pods", &names, PODS_PER_PAGE);
    if a.pods.is_empty() {
        return html! { <p class="empty">{ "No pods: add a Pod or a ResourceClaim to see where it lands." }</p> };
    }
    html! {
        <>
        { controls }
        <ul class="pod-list" aria-label="Pods">
            { for window.shown.iter().map(|&i| &a.pods[i]).map(|p| {
                let related = props.related.pods.contains(&p.key);
                let sel = Selection::Pod(p.key.clone());
                let on_hover = props.on_hover.clone();
                let s1 = sel.clone();
                let enter = Callback::from(move |_| on_hover.emit(Some(s1.clone())));
                let on_hover = props.on_hover.clone();
                let leave = Callback::from(move |_| on_hover.emit(None));
                let on_select = props.on_select.clone();
                let click = Callback::from(move |_| on_select.emit(sel.clone()));
                let ran = p.node.is_some() || p.unschedulable.is_some();
                html! {
                    <li class={classes!("pod", related.then_some("related"), (props.active && !related).then_some("dim"),
                                        p.node.is_some().then_some("scheduled"), p.unschedulable.is_some().then_some("unschedulable"))}
                        data-pod={p.key.clone()}
                        data-node={p.node.clone()}
                        data-unschedulable={p.unschedulable.is_some().then_some("")}
                        onmouseenter={enter} onmouseleave={leave}>
                        <button class="pod-head" onclick={click}>
                            <span class="pod-name">{ &p.name }</span>
                            if p.namespace != "default" { <span class="ns">{ &p.namespace }</span> }
                            if p.implicit { <span class="tag" title="No Pod in the scenario: the claim ran as a pod of its own">{ "implicit" }</span> }
                            <span class="arrow" aria-hidden="true">{ "→" }</span>
                            { match (&p.node, &p.unschedulable) {
                                (Some(n), _) => html! { <span class="node-name">{ n }</span> },
                                (None, Some(_)) => html! { <span class="bad">{ "unschedulable" }</span> },
                                _ => html! { <span class="muted">{ if ran { "" } else { "not run" } }</span> },
                            } }
                        </button>
                        if !p.claims.is_empty() {
                            <span class="pod-claims">
                                { for p.claims.iter().map(|c| html! {
                                    <span class={classes!("claim-dot", color_of(a, c))} title={c.clone()} />
                                }) }
                            </span>
                        }
                        if let Some(reason) = &p.unschedulable {
                            <p class="why">{ reason }</p>
                        }
                    </li>
                }
            }) }
        </ul>
        </>
    }
}
