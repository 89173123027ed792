//! The scenario under the `?embed` view's results: its text, collapsed, and an "Edit" button.
//! The embed shows a result without the editor bundle; only "Edit" loads it
//! (`editor_js::load`), and the scenario then becomes an editor whose edits run again.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::editor::scenario_editor::{EditorSlot, ScenarioEditor};
use crate::platform::{browser, editor_js};

#[derive(Properties, PartialEq)]
pub struct EmbedScenarioProps {
    pub text: Rc<str>,
    /// Every edit, with the whole text.
    pub on_change: Callback<String>,
    /// No "Edit" button (the embed's `readonly`).
    #[prop_or_default]
    pub read_only: bool,
}

#[derive(Clone, PartialEq)]
enum Editing {
    No,
    Loading,
    Yes,
    Failed,
}

#[component(EmbedScenario)]
pub fn embed_scenario(props: &EmbedScenarioProps) -> Html {
    let editing = use_state(|| Editing::No);
    let slot = use_state(EditorSlot::default);
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| {
            editing.set(Editing::Loading);
            let editing = editing.clone();
            wasm_bindgen_futures::spawn_local(async move {
                editing.set(match editor_js::load().await {
                    Ok(()) => Editing::Yes,
                    Err(_) => Editing::Failed,
                });
            });
        })
    };
    if *editing == Editing::Yes {
        return html! {
            <div class="embed-editor">
                <ScenarioEditor slot={(*slot).clone()} initial={props.text.clone()} dark={browser::prefers_dark()}
                                on_change={props.on_change.clone()} on_cursor={Callback::noop()} />
            </div>
        };
    }
    let loading = *editing == Editing::Loading;
    html! {
        <div class="embed-scenario">
            <details>
                <summary>{ format!("Scenario ({} lines of YAML)", props.text.lines().count()) }</summary>
                <pre data-testid="embed-scenario">{ props.text.to_string() }</pre>
            </details>
            if !props.read_only {
                <button data-testid="embed-edit" disabled={loading} onclick={on_edit}>
                    { if loading { "Loading the editor…" } else { "Edit" } }
                </button>
            }
            if *editing == Editing::Failed {
                <p class="banner warn" role="alert">{ "The editor could not be loaded; “Open in playground” edits the scenario there." }</p>
            }
        </div>
    }
}
