//! Share: the link that carries the scenario, and the iframe snippet that embeds it.

use yew::prelude::*;

use crate::components::dialogs::modal::Modal;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub link: AttrValue,
    pub embed_code: AttrValue,
    pub on_copy: Callback<(String, &'static str)>,
    pub on_close: Callback<()>,
}

#[component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let copy = |text: &AttrValue, what: &'static str| {
        let cb = props.on_copy.clone();
        let text = text.to_string();
        Callback::from(move |_| cb.emit((text.clone(), what)))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        use wasm_bindgen::JsCast;
        if let Some(i) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            i.select();
        }
    });
    html! {
        <Modal title="Share" on_close={props.on_close.clone()} testid="share">
            <label class="field">
                <span>{ format!("Link ({} characters; the scenario is in the link itself, nothing is uploaded)", props.link.len()) }</span>
                <div class="copy-row">
                    <input readonly=true value={props.link.clone()} data-testid="share-url" aria-label="Share link" onfocus={select_all.clone()} />
                    <button class="primary" onclick={copy(&props.link, "Link")}>{ "Copy link" }</button>
                </div>
            </label>
            <label class="field">
                <span>{ "Embed in a page or a blog post (a compact, read-only view; 600×400 fits)" }</span>
                <div class="copy-row">
                    <input readonly=true value={props.embed_code.clone()} data-testid="embed-code" aria-label="Embed code" onfocus={select_all} />
                    <button onclick={copy(&props.embed_code, "Embed code")}>{ "Copy embed code" }</button>
                </div>
            </label>
        </Modal>
    }
}
