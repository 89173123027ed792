//! The notice above the workspace about the link the page was opened with: a shared scenario
//! shown over different saved work (keep it, or go back to the saved work), or a link that
//! could not be read.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::boot::Banner;

#[derive(Properties, PartialEq)]
pub struct LinkBannerProps {
    /// The notice, if any.
    pub banner: Option<Banner>,
    /// Keeps the shared scenario (it becomes the saved work).
    pub on_keep: Callback<()>,
    /// Goes back to the saved work.
    pub on_back: Callback<Rc<str>>,
    /// Closes the notice.
    pub on_dismiss: Callback<()>,
}

#[component(LinkBanner)]
pub fn link_banner(props: &LinkBannerProps) -> Html {
    match &props.banner {
        Some(Banner::Shared { saved }) => {
            let saved = saved.clone();
            html! {
                <div class="banner info" role="status" data-testid="shared-banner">
                    <span>{ "You opened a shared scenario. Your own saved work is kept: nothing is saved over it while you look at this one." }</span>
                    <button class="primary" onclick={props.on_keep.reform(|_: MouseEvent| ())} data-testid="keep-shared">{ "Keep this scenario" }</button>
                    <button onclick={props.on_back.reform(move |_: MouseEvent| saved.clone())} data-testid="back-to-mine">{ "Back to my work" }</button>
                </div>
            }
        }
        Some(Banner::LinkError(message)) => html! {
            <div class="banner warn" role="alert" data-testid="link-error">
                <span>{ message.clone() }</span>
                <button onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "Dismiss" }</button>
            </div>
        },
        None => html! {},
    }
}
