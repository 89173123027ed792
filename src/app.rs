//! The page: the built-in example scenario and the outcome of running it.

use yew::prelude::*;

use crate::engine_bridge::{self, RunView};
use crate::example::{FIRST_GPU_CLAIM, FIRST_GPU_CLAIM_NAME};

#[component(App)]
pub fn app() -> Html {
    // None until the first render has been painted; then the run's outcome.
    let outcome = use_state(|| None::<RunView>);
    {
        let outcome = outcome.clone();
        use_effect_with((), move |_| {
            outcome.set(Some(engine_bridge::run(FIRST_GPU_CLAIM)));
        });
    }

    let (state, label, text) = match &*outcome {
        None => ("running", "Running…", ""),
        Some(view) => (view.state.as_str(), view.state.label(), view.text.as_str()),
    };

    html! {
        <main class="playground">
            <header>
                <h1>{ "DRA Playground" }</h1>
                <p class="tagline">
                    { "Kubernetes Dynamic Resource Allocation, simulated in your browser." }
                </p>
            </header>
            <section class="panel">
                <h2>{ "Scenario " }<code>{ FIRST_GPU_CLAIM_NAME }</code></h2>
                <pre data-testid="scenario">{ FIRST_GPU_CLAIM }</pre>
            </section>
            <section class="panel">
                <h2>{ "Result" }</h2>
                <p data-testid="run-status" data-state={state} class={classes!("status", state)}>
                    { label }
                </p>
                <pre data-testid="run-result">{ text }</pre>
            </section>
        </main>
    }
}
