//! Why a device ended as it did: who holds it, and why the requests that could have wanted
//! it did not get it, with the values that decided.

use dra_playground_web::worker::explanation_view::DeviceExplanationView;
use yew::prelude::*;

use crate::components::explanation::why_link::WhyLink;
use crate::state::selection::{main_request, Selection};

/// Requests named per reason.
const SHOWN: usize = 4;

#[derive(Properties, PartialEq)]
pub struct DeviceWhyProps {
    pub device: DeviceExplanationView,
}

#[component(DeviceWhy)]
pub fn device_why(props: &DeviceWhyProps) -> Html {
    let d = &props.device;
    html! {
        <div class="why-device" data-device-explained={d.device.clone()}>
            <p class="why-title">
                <span class="muted">{ "Device" }</span>{ " " }<strong>{ &d.device }</strong>
                if let Some(n) = &d.node { <span class="muted">{ " on node " }<WhyLink to={Selection::Node(n.clone())} /></span> }
            </p>
            <p class="why-summary" data-testid="why-summary">{ &d.summary }</p>
            if !d.allocations.is_empty() {
                <ul class="why-claims">
                    { for d.allocations.iter().map(|u| html! {
                        <li class="ok">
                            { "Allocated to claim " }<WhyLink to={Selection::Claim(u.claim.clone())} />
                            { " for request " }
                            <WhyLink to={Selection::Request(u.claim.clone(), main_request(&u.request).to_owned())} label={AttrValue::from(u.request.clone())} />
                            { match &u.pod {
                                Some(p) => html! { <>{ ", by pod " }<WhyLink to={Selection::Pod(p.clone())} /></> },
                                None => html! { " (in the input)" },
                            } }
                        </li>
                    }) }
                </ul>
            }
            if !d.rejections.is_empty() {
                <h4>{ "Why requests did not get it" }</h4>
                <ul class="rejections">
                    { for d.rejections.iter().map(|r| html! {
                        <li class="rejection">
                            <span class="count">{ format!("{}×", r.count) }</span>
                            <div>
                                <span class="reason">{ &r.text }</span>
                                if let Some(detail) = &r.detail {
                                    <span class="detail" data-testid="deciding-values">{ detail }</span>
                                }
                                <ul class="muted small">
                                    { for r.requests.iter().take(SHOWN).map(|q| html! { <li>{ q }</li> }) }
                                    if r.count > SHOWN.min(r.requests.len()) { <li>{ "…" }</li> }
                                </ul>
                            </div>
                        </li>
                    }) }
                </ul>
            }
            if d.other_classes > 0 {
                <p class="muted small">{ format!("{} request{} of classes that do not select it.", d.other_classes, if d.other_classes == 1 { "" } else { "s" }) }</p>
            }
        </div>
    }
}
