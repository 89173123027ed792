//! Share: the link that carries the scenario, a Markdown badge that opens it (for READMEs and
//! docs without scripts or iframes), the iframe snippet that embeds it, and the picture of the
//! run to download (the cluster map as SVG, for pages that show it as an image).

use yew::prelude::*;

use crate::components::dialogs::modal::Modal;
use crate::state::share_snippets::Snippets;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub snippets: Snippets,
    pub on_copy: Callback<(String, &'static str)>,
    pub on_download_image: Callback<()>,
    pub on_close: Callback<()>,
}

/// One snippet: what it is for, the text in a read-only field, and its copy button.
fn snippet(
    props: &ShareDialogProps,
    label: String,
    text: &str,
    what: &'static str,
    testid: &'static str,
    primary: bool,
) -> Html {
    let copy = {
        let cb = props.on_copy.clone();
        let text = text.to_owned();
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
        <label class="field">
            <span>{ label }</span>
            <div class="copy-row">
                <input readonly=true value={text.to_owned()} data-testid={testid} aria-label={what} onfocus={select_all} />
                <button class={classes!(primary.then_some("primary"))} onclick={copy}>{ format!("Copy {}", what.to_lowercase()) }</button>
            </div>
        </label>
    }
}

#[component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let s = &props.snippets;
    let download = props.on_download_image.reform(|_: MouseEvent| ());
    html! {
        <Modal title="Share" on_close={props.on_close.clone()} testid="share">
            { snippet(props, format!("Link ({} characters; the scenario is in the link itself, nothing is uploaded)", s.link.len()), &s.link, "Link", "share-url", true) }
            { snippet(props, "Markdown: a badge that opens the scenario, for READMEs and docs that allow no script".to_owned(), &s.markdown, "Markdown", "share-markdown", false) }
            { snippet(props, "Embed in a page or a blog post (a compact view; 600×400 fits)".to_owned(), &s.iframe, "Embed code", "embed-code", false) }
            <div class="field">
                <span>{ "A picture of the cluster map for docs that cannot run scripts (the same as " }<code>{ "dra-playground render" }</code>{ " draws)" }</span>
                <div class="copy-row">
                    <button onclick={download} data-testid="download-image">{ "Download image (SVG)" }</button>
                </div>
            </div>
            <p class="muted small">{ "On pages you write, embed.js turns each " }<code>{ "<pre class=\"dra-playground\">" }</code>{ " into a live embed: see the README." }</p>
        </Modal>
    }
}
