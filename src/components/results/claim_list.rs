//! The claims with their requests and the devices each got, the node selector and the device
//! configuration of their allocation (`data-config-sources`: its sources in order); hovering a
//! claim or a request highlights its devices and where it is written. More than
//! [`CLAIMS_PER_PAGE`] claims are shown a page at a time, with a filter by name.

use std::rc::Rc;

use dra_engine::playground::Analysis;
use yew::prelude::*;

use crate::components::results::item_handlers::item_handlers;
use crate::components::results::list_window::use_list_window;
use crate::state::selection::{Related, Selection};
use dra_engine::render::claim_color;

/// The most claims listed at once.
pub const CLAIMS_PER_PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct ClaimListProps {
    pub analysis: Rc<Analysis>,
    pub related: Rc<Related>,
    pub active: bool,
    pub on_hover: Callback<Option<Selection>>,
    pub on_select: Callback<Selection>,
}

#[component(ClaimList)]
pub fn claim_list(props: &ClaimListProps) -> Html {
    let a = &props.analysis;
    let names: Vec<&str> = a.claims.iter().map(|c| c.key.as_str()).collect();
    let (window, controls) = use_list_window("claims", &names, CLAIMS_PER_PAGE);
    if a.claims.is_empty() {
        return html! { <p class="empty">{ "No ResourceClaims (pods may still use claim templates once they run)." }</p> };
    }
    html! {
        <>
        { controls }
        <ul class="claim-list" aria-label="Claims">
            { for window.shown.iter().map(|&i| (i, &a.claims[i])).map(|(i, c)| {
                let related = props.related.claims.contains(&c.key);
                let (enter, leave, click) = item_handlers(&props.on_hover, &props.on_select, Selection::Claim(c.key.clone()));
                html! {
                    <li class={classes!("claim", related.then_some("related"), (props.active && !related).then_some("dim"))}
                        data-claim-item={c.key.clone()} onmouseenter={enter} onmouseleave={leave}>
                        <button class="claim-head" onclick={click} aria-label={format!("claim {}", c.key)}>
                            <span class={classes!("swatch", claim_color(i))} />
                            <span class="claim-name">{ &c.name }</span>
                            if c.namespace != "default" { <span class="ns">{ &c.namespace }</span> }
                            if let Some(t) = &c.template { <span class="tag" title="made from this ResourceClaimTemplate">{ format!("from {}", t.split('/').nth(1).unwrap_or(t)) }</span> }
                            if c.preallocated { <span class="tag">{ "allocated before" }</span> }
                            <span class={if c.allocated { "ok" } else { "muted" }}>{ if c.allocated { "allocated" } else { "not allocated" } }</span>
                        </button>
                        <ul class="requests">
                            { for c.requests.iter().map(|r| {
                                let (enter, leave, click) = item_handlers(&props.on_hover, &props.on_select, Selection::Request(c.key.clone(), r.name.clone()));
                                let results: Vec<_> = c.results.iter().filter(|x| x.request == r.name || x.request.starts_with(&format!("{}/", r.name))).collect();
                                html! {
                                    <li class="request" data-request-item={r.name.clone()} onmouseenter={enter} onmouseleave={leave}>
                                        <button onclick={click} aria-label={format!("request {} of {}", r.name, c.key)}>
                                            <code>{ &r.name }</code>{ " " }<span class="muted">{ &r.summary }</span>
                                        </button>
                                        if !results.is_empty() {
                                            <ul class="results">
                                                { for results.iter().map(|x| html! {
                                                    <li>
                                                        <span class="arrow">{ "→ " }</span><code>{ &x.device }</code>
                                                        if x.request.contains('/') { <span class="tag">{ x.request.clone() }</span> }
                                                        if x.admin_access { <span class="tag">{ "admin access" }</span> }
                                                        { for x.consumed.iter().map(|v| html! { <span class="tag">{ format!("{} {}", v.name, v.value) }</span> }) }
                                                    </li>
                                                }) }
                                            </ul>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                        if !c.node_selector.is_empty() {
                            <p class="muted small">{ format!("node selector: {}", c.node_selector) }</p>
                        }
                        if !c.config.is_empty() {
                            <div class="claim-config" data-config-sources={c.config.iter().map(|x| x.source.as_str()).collect::<Vec<_>>().join(" ")}>
                                <p class="muted small">{ "Device configuration, in the order the driver applies it (where two set the same thing, the later wins):" }</p>
                                <ol>
                                    { for c.config.iter().map(|x| html! {
                                        <li>
                                            <span class="tag">{ &x.source }</span>{ " " }<code>{ &x.driver }</code>
                                            <span class="muted">{ if x.requests.is_empty() { " for every request ".to_owned() } else { format!(" for {} ", x.requests.join(", ")) } }</span>
                                            <code class="config-parameters">{ &x.parameters }</code>
                                        </li>
                                    }) }
                                </ol>
                            </div>
                        }
                    </li>
                }
            }) }
        </ul>
        </>
    }
}
