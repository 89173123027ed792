//! Why a claim (or one of its requests) ended as it did: its state for each pod that uses it,
//! and for every node where the allocator ran, the funnel of its requests.

use std::rc::Rc;

use dra_playground_web::worker::explanation_view::ExplanationView;
use yew::prelude::*;

use crate::components::explanation::pod_why::{claim_state_words, node_item};
use crate::components::explanation::why_link::WhyLink;
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct ClaimWhyProps {
    pub explanation: Rc<ExplanationView>,
    /// `namespace/name`.
    pub claim: String,
    /// Only this request.
    #[prop_or_default]
    pub request: Option<String>,
}

#[component(ClaimWhy)]
pub fn claim_why(props: &ClaimWhyProps) -> Html {
    let users: Vec<_> = props
        .explanation
        .pods
        .iter()
        .filter_map(|p| Some((p, p.claims.iter().find(|c| c.claim == props.claim)?)))
        .collect();
    let title = match &props.request {
        Some(r) => format!("request {r} of claim {}", props.claim),
        None => format!("claim {}", props.claim),
    };
    html! {
        <div class="why-claim" data-claim-explained={props.claim.clone()}>
            <p class="why-title"><span class="muted">{ "Claim" }</span>{ " " }<strong>{ title }</strong></p>
            if users.is_empty() {
                <p class="why-summary">{ "No pod uses this claim, so the scheduler never tried to allocate it." }</p>
            }
            { for users.iter().map(|(pod, state)| html! {
                <section class="why-use">
                    <p class="why-summary" data-testid="why-summary">
                        { "For pod " }<WhyLink to={Selection::Pod(pod.pod.clone())} />{ ": " }{ claim_state_words(state) }{ "." }
                        if pod.node.is_none() {
                            <span class="bad">{ format!(" The pod is unschedulable: {}", pod.summary) }</span>
                        }
                    </p>
                    <ul class="why-nodes">
                        { for pod.nodes.iter().enumerate().map(|(i, n)| {
                            node_item(n, n.verdict == "chosen" || i < 2, Some(&props.claim), props.request.as_deref())
                        }) }
                    </ul>
                </section>
            }) }
        </div>
    }
}
