//! Import: paste `kubectl get ... -o yaml` output (a List, or any YAML stream) and add it to the
//! scenario or replace the scenario with it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::dialogs::modal::Modal;

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// The pasted text, and whether it replaces the scenario.
    pub on_import: Callback<(String, bool)>,
    pub on_close: Callback<()>,
}

#[component(ImportDialog)]
pub fn import_dialog(props: &ImportDialogProps) -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(a) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                text.set(a.value());
            }
        })
    };
    let import = |replace: bool| {
        let text = text.clone();
        let cb = props.on_import.clone();
        Callback::from(move |_| cb.emit(((*text).clone(), replace)))
    };
    let empty = text.trim().is_empty();
    html! {
        <Modal title="Import from a cluster" on_close={props.on_close.clone()} wide=true testid="import">
            <p class="muted">
                { "Paste the output of " }
                <code>{ "kubectl get deviceclasses,resourceslices,resourceclaims,nodes,pods -o yaml" }</code>
                { " (a List) or any YAML stream of such objects." }
            </p>
            <textarea class="import-text" aria-label="YAML to import" spellcheck="false" rows="14"
                      placeholder="apiVersion: v1\nkind: List\nitems:\n- ..." value={(*text).clone()} {oninput} />
            <div class="actions">
                <button class="primary" disabled={empty} onclick={import(false)}>{ "Add to scenario" }</button>
                <button disabled={empty} onclick={import(true)}>{ "Replace scenario" }</button>
            </div>
        </Modal>
    }
}
