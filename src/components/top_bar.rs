//! The top bar: the brand, and the actions on the scenario (lessons, the CEL console, examples,
//! hardware, import, the Kubernetes version and feature gates, download, copy the claims, compare,
//! share, the theme).

use dra_engine::playground::Settings;
use yew::prelude::*;

use crate::state::reducer::Dialog;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The latest run's settings, for the version button's label.
    pub settings: Settings,
    /// The dark theme is on.
    pub dark: bool,
    /// Opens a dialog.
    pub on_open: Callback<Dialog>,
    /// Downloads the scenario.
    pub on_download: Callback<()>,
    /// Copies the claims with status.
    pub on_copy_claims: Callback<()>,
    /// Shares the scenario.
    pub on_share: Callback<()>,
    /// Opens the compare view (the scenario under another version).
    pub on_compare: Callback<()>,
    /// Switches the theme.
    pub on_toggle_theme: Callback<()>,
    /// Shows the lessons.
    pub on_lessons: Callback<()>,
    /// Opens or closes the CEL console.
    pub on_console: Callback<()>,
}

/// The version button's label: the Kubernetes version and the gates set, in a few words.
fn version_label(settings: &Settings) -> String {
    match (&settings.kubernetes_version, settings.feature_gates.len()) {
        (Some(v), 0) => format!("Kubernetes {v}"),
        (Some(v), n) => format!("Kubernetes {v} +{n} gate{}", if n == 1 { "" } else { "s" }),
        (None, 0) => "All gates on".to_owned(),
        (None, n) => format!("All gates on, {n} set"),
    }
}

#[component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let open = |d: Dialog| props.on_open.reform(move |_: MouseEvent| d.clone());
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let dark = props.dark;
    html! {
        <header class="topbar">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true" />
                <h1>{ "DRA Playground" }</h1>
                <span class="tagline">{ "Kubernetes Dynamic Resource Allocation, simulated in your browser" }</span>
            </div>
            <nav class="actions" aria-label="Actions">
                <button onclick={click(&props.on_lessons)} data-testid="open-lessons" title="Guided lessons with tasks the playground checks">{ "Lessons" }</button>
                <button onclick={click(&props.on_console)} data-testid="open-console" title="Evaluate CEL expressions on the scenario's devices">{ "CEL console" }</button>
                <button onclick={open(Dialog::Examples)} data-testid="open-examples">{ "Examples" }</button>
                <button onclick={open(Dialog::Hardware)} data-testid="open-hardware">{ "Add hardware" }</button>
                <button onclick={open(Dialog::Import)} data-testid="open-import">{ "Import" }</button>
                <button onclick={open(Dialog::Settings)} data-testid="open-settings" title="Kubernetes version and feature gates">{ version_label(&props.settings) }</button>
                <span class="sep" />
                <button onclick={click(&props.on_download)} title="Download the scenario as YAML">{ "Download" }</button>
                <button onclick={click(&props.on_copy_claims)} title="Copy the claims with status, as the scheduler would write them">{ "Copy claims" }</button>
                <button onclick={click(&props.on_compare)} data-testid="open-compare"
                        title="The scenario side by side under another Kubernetes version or gate set, with what changes">{ "Compare" }</button>
                <button class="primary" onclick={click(&props.on_share)} data-testid="share"
                        title="Copy a link that holds the scenario (Ctrl+S)" aria-keyshortcuts="Control+S">{ "Share" }</button>
                <button class="icon" onclick={click(&props.on_toggle_theme)} aria-label={if dark { "Switch to the light theme" } else { "Switch to the dark theme" }}
                        title="Light or dark theme" data-testid="theme">{ if dark { "☀" } else { "☾" } }</button>
            </nav>
        </header>
    }
}
