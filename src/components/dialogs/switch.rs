//! The dialog open, if any, with what each needs and what each does.

use std::rc::Rc;

use dra_engine::playground::{Analysis, Settings};
use dra_engine::scenario_text::ScenarioSettings;
use yew::prelude::*;

use crate::components::dialogs::examples::ExamplesDialog;
use crate::components::dialogs::hardware::HardwareDialog;
use crate::components::dialogs::import::ImportDialog;
use crate::components::dialogs::settings::SettingsDialog;
use crate::components::dialogs::share::ShareDialog;
use crate::state::reducer::Dialog;

#[derive(Properties, PartialEq)]
pub struct DialogSwitchProps {
    /// The dialog open.
    pub dialog: Option<Dialog>,
    /// The latest run's analysis (the hardware dialog completes what it has).
    pub analysis: Option<Rc<Analysis>>,
    /// The latest run's settings.
    pub settings: Settings,
    /// Opens an example, by name.
    pub on_pick_example: Callback<&'static str>,
    /// Imports YAML: the text, and whether it replaces the scenario.
    pub on_import: Callback<(String, bool)>,
    /// Adds generated hardware.
    pub on_add_hardware: Callback<String>,
    /// New settings for the Scenario document.
    pub on_settings: Callback<ScenarioSettings>,
    /// Copies a text (and what it is, "Link").
    pub on_copy: Callback<(String, &'static str)>,
    /// Downloads the picture of the run.
    pub on_download_image: Callback<()>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

#[component(DialogSwitch)]
pub fn dialog_switch(props: &DialogSwitchProps) -> Html {
    let on_close = props.on_close.clone();
    match props.dialog.clone() {
        Some(Dialog::Examples) => {
            html! { <ExamplesDialog on_pick={props.on_pick_example.clone()} {on_close} /> }
        }
        Some(Dialog::Import) => {
            html! { <ImportDialog on_import={props.on_import.clone()} {on_close} /> }
        }
        Some(Dialog::Hardware) => html! {
            <HardwareDialog analysis={props.analysis.clone()} on_add={props.on_add_hardware.clone()} {on_close} />
        },
        Some(Dialog::Settings) => html! {
            <SettingsDialog settings={props.settings.clone()} on_change={props.on_settings.clone()} {on_close} />
        },
        Some(Dialog::Share(snippets)) => html! {
            <ShareDialog {snippets} on_copy={props.on_copy.clone()}
                         on_download_image={props.on_download_image.clone()} {on_close} />
        },
        None => html! {},
    }
}
