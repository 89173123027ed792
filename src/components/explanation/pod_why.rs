//! Why a pod ended as it did: the outcome in one sentence, its claims, its scheduling cycle
//! plugin by plugin, and every node tried with its verdict and, where the allocator ran, the
//! funnel of each request. A pod filtered on hundreds of nodes shows them
//! [`NODES_TRIED_PER_PAGE`] at a time, with a filter by name.

use dra_engine::explain::verdict_label;
use dra_playground_web::worker::explanation_view::{
    ClaimStateView, NodeExplanationView, PodExplanationView,
};
use yew::prelude::*;

use crate::components::explanation::cycle_table::CycleTable;
use crate::components::explanation::funnel::ClaimFunnel;
use crate::components::explanation::why_link::WhyLink;
use crate::components::results::list_window::use_list_window;
use crate::state::selection::{main_request, Selection};

/// The nodes tried listed at a time: drawing every one of a large cluster's
/// hundreds would hold up the page for seconds.
pub const NODES_TRIED_PER_PAGE: usize = 50;

/// A claim's state after the run, in words, its devices as links.
pub fn claim_state_words(c: &ClaimStateView) -> Html {
    match c.state.as_str() {
        "allocatedBefore" => html! { "allocated before this pod" },
        "allocated" => html! {
            <>
                { "allocated: " }
                { for c.devices.iter().enumerate().map(|(i, d)| html! {
                    <>
                        if i > 0 { { ", " } }
                        { allocated_device(&c.claim, d) }
                    </>
                }) }
            </>
        },
        _ => html! { "not allocated" },
    }
}

/// One of a claim's allocated devices (`REQUEST: DRIVER/POOL/DEVICE`): the request and the
/// device, each a link.
fn allocated_device(claim: &str, result: &str) -> Html {
    match result.split_once(": ") {
        Some((request, device)) => {
            html! {
                <>
                    <WhyLink to={Selection::Request(claim.to_owned(), main_request(request).to_owned())} label={AttrValue::from(request.to_owned())} />
                    { ": " }
                    <WhyLink to={Selection::Device(device.to_owned())} />
                </>
            }
        }
        None => html! { result },
    }
}

#[derive(Properties, PartialEq)]
pub struct PodWhyProps {
    pub pod: PodExplanationView,
}

/// One node: its verdict, and its funnels (of every claim, or only of `claim`, and then
/// possibly only of its `request`), open or closed.
pub fn node_item(
    node: &NodeExplanationView,
    open: bool,
    claim: Option<&str>,
    request: Option<&str>,
) -> Html {
    let claims: Vec<_> = node
        .claims
        .iter()
        .filter(|c| claim.is_none_or(|wanted| c.claim == wanted))
        .collect();
    let only = request.map(str::to_owned);
    let head = html! {
        <>
            <span class={classes!("verdict-badge", node.verdict.clone())}>{ verdict_label(&node.verdict) }</span>
            <span class="node-label"><WhyLink to={Selection::Node(node.node.clone())} /></span>
            <span class="node-summary">{ node.summary.strip_prefix("chosen: ").unwrap_or(&node.summary) }</span>
        </>
    };
    // The node's link stays outside the disclosure: a summary holds no
    // interactive element (axe's nested-interactive).
    html! {
        <li class="node-why" data-node={node.node.clone()} data-verdict={node.verdict.clone()}>
            <div class="node-line">{ head }</div>
            if !(claims.is_empty() && node.findings.is_empty()) {
                <details open={open}>
                    <summary class="node-details muted small">{ format!("Claims and findings on {}", node.node) }</summary>
                    { for claims.iter().map(|c| html! {
                        <div class="claim-why">
                            <p class="muted small">{ "claim " }<WhyLink to={Selection::Claim(c.claim.clone())} /></p>
                            <ClaimFunnel claim={(*c).clone()} request={only.clone()} />
                        </div>
                    }) }
                    { for node.findings.iter().map(|f| html! {
                        <p class="finding" role="note"><span class="mark" aria-hidden="true">{ "!" }</span>{ f }</p>
                    }) }
                </details>
            }
            if node.details_omitted {
                <span class="muted small">{ " (details left out to keep the explanation small)" }</span>
            }
        </li>
    }
}

#[component(PodWhy)]
pub fn pod_why(props: &PodWhyProps) -> Html {
    let pod = &props.pod;
    let names: Vec<&str> = pod.nodes.iter().map(|n| n.node.as_str()).collect();
    let (window, controls) = use_list_window("nodes tried", &names, NODES_TRIED_PER_PAGE);
    let what = if pod.implicit {
        "Claim standing in for a pod"
    } else {
        "Pod"
    };
    html! {
        <div class="why-pod" data-pod-explained={pod.pod.clone()}>
            <p class="why-title">
                <span class="muted">{ what }</span>{ " " }<strong>{ &pod.pod }</strong>{ ": " }
                { match &pod.node {
                    Some(n) => html! { <span class="ok">{ "scheduled on " }<WhyLink to={Selection::Node(n.clone())} /></span> },
                    None => html! { <span class="bad">{ "unschedulable" }</span> },
                } }
            </p>
            <p class="why-summary" data-testid="why-summary">{ &pod.summary }</p>
            <ul class="why-claims">
                { for pod.claims.iter().map(|c| html! {
                    <li>
                        <span class="muted">{ "claim " }</span><WhyLink to={Selection::Claim(c.claim.clone())} />
                        if let Some(t) = &c.template { <span class="muted">{ format!(" (from template {t})") }</span> }
                        { ": " }{ claim_state_words(c) }
                    </li>
                }) }
            </ul>
            if let Some(cycle) = &pod.scheduling {
                <CycleTable cycle={cycle.clone()} chosen={pod.node.clone()} message={pod.message.clone()} />
            }
            <h4>{ "Nodes" }</h4>
            { controls }
            <ul class="why-nodes">
                { for window.shown.iter().map(|&i| {
                    let n = &pod.nodes[i];
                    node_item(n, n.verdict == "chosen" || i < 2, None, None)
                }) }
            </ul>
            <p class="muted small">
                if pod.not_tried > 0 {
                    { format!("{} more node{} not tried. ", pod.not_tried, if pod.not_tried == 1 { "" } else { "s" }) }
                }
                { format!("The search took {} step{}.", pod.steps, if pod.steps == 1 { "" } else { "s" }) }
            </p>
        </div>
    }
}
