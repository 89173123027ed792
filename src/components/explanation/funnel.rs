//! The funnel of one request on one node: the devices the node can reach, how many each
//! reason removed (with the values that decided), what the search turned down, and what is
//! left; then the claim's findings.

use dra_playground_web::worker::explanation_view::{
    ClaimExplanationView, FunnelStepView, RequestExplanationView,
};
use yew::prelude::*;

use crate::components::explanation::why_link::{device_links, WhyLink};
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct ClaimFunnelProps {
    pub claim: ClaimExplanationView,
    /// Only this request (and its subrequests); None: every request.
    #[prop_or_default]
    pub request: Option<String>,
}

/// Whether a funnel entry is the request asked for (or one of its subrequests).
pub fn is_request(r: &RequestExplanationView, wanted: &str) -> bool {
    r.request == wanted || r.parent.as_deref() == Some(wanted)
}

#[component(ClaimFunnel)]
pub fn claim_funnel(props: &ClaimFunnelProps) -> Html {
    let requests = props
        .claim
        .requests
        .iter()
        .filter(|r| props.request.as_ref().is_none_or(|w| is_request(r, w)));
    html! {
        <div class="claim-funnel">
            { for requests.map(|r| request_funnel(&props.claim.claim, r)) }
            { for props.claim.findings.iter().map(|f| html! {
                <p class="finding" role="note"><span class="mark" aria-hidden="true">{ "!" }</span>{ f }</p>
            }) }
        </div>
    }
}

fn step(s: &FunnelStepView, search: bool) -> Html {
    html! {
        <li class={classes!("funnel-step", search.then_some("search"))}>
            <span class="count" title={if search { "turned down during the search" } else { "removed" }}>
                { format!("−{}", s.count) }
            </span>
            <div>
                <span class="reason">{ &s.text }</span>
                <span class="devices">{ device_links(&s.devices, s.count) }</span>
                if let Some(d) = &s.detail {
                    <span class="detail" data-testid="deciding-values">{ d }</span>
                }
                if let Some(p) = &s.position {
                    <span class="muted small">{ format!("at line {}, column {}", p.line, p.column) }</span>
                }
            </div>
        </li>
    }
}

fn request_funnel(claim: &str, r: &RequestExplanationView) -> Html {
    let needed = if r.mode == "All" {
        "all matching devices".to_owned()
    } else {
        format!("{} needed", r.needed)
    };
    let ok = !r.picked.is_empty() || r.verdict.starts_with("enough");
    html! {
        <div class="funnel" data-request={r.request.clone()}>
            <p class="funnel-head">
                <strong>{ "request " }<WhyLink to={Selection::Request(claim.to_owned(), r.parent.clone().unwrap_or_else(|| r.request.clone()))}
                                                label={AttrValue::from(r.request.clone())} /></strong>
                <span class="muted">{ format!(" class {}, {needed}", r.class) }</span>
            </p>
            <ol class="funnel-steps">
                <li class="funnel-step start">
                    <span class="count">{ r.reachable }</span>
                    <span>
                        { format!("device{} reachable from this node", if r.reachable == 1 { "" } else { "s" }) }
                        if r.unreachable > 0 {
                            <span class="muted">{ format!(" ({} more not reachable)", r.unreachable) }</span>
                        }
                    </span>
                </li>
                { for r.removed.iter().map(|s| step(s, false)) }
                { for r.search.iter().map(|s| step(s, true)) }
                <li class="funnel-step left">
                    <span class="count">{ format!("={}", r.candidates) }</span>
                    <span>
                        { format!("candidate{}", if r.candidates == 1 { "" } else { "s" }) }
                        if r.candidates > 0 {
                            <span class="devices">{ device_links(&r.candidate_devices, r.candidates) }</span>
                        }
                    </span>
                </li>
            </ol>
            <p class={classes!("verdict", if ok { "ok" } else { "bad" })}>{ format!("→ {}", r.verdict) }</p>
        </div>
    }
}
