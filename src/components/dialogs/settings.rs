//! Kubernetes version, feature gates and validation: the settings form in a dialog; choices
//! rewrite the scenario's Scenario document (SCENARIO.md), so that the settings travel with the
//! scenario.

use dra_engine::playground::Settings;
use dra_engine::scenario_text::ScenarioSettings;
use yew::prelude::*;

use crate::components::dialogs::modal::Modal;
use crate::components::settings_form::SettingsForm;

#[derive(Properties, PartialEq)]
pub struct SettingsDialogProps {
    pub settings: Settings,
    pub on_change: Callback<ScenarioSettings>,
    pub on_close: Callback<()>,
}

#[component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsDialogProps) -> Html {
    html! {
        <Modal title="Kubernetes version and feature gates" on_close={props.on_close.clone()} testid="settings">
            <SettingsForm settings={props.settings.clone()} on_change={props.on_change.clone()} />
        </Modal>
    }
}
