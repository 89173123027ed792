//! Kubernetes version and feature gates: choices here rewrite the scenario's Scenario document
//! (SCENARIO.md), so that the settings travel with the scenario. Also the switch to skip the
//! apiserver's validation.

use std::collections::BTreeMap;

use dra_engine::features::KUBERNETES_VERSIONS;
use dra_engine::playground::Settings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::dialogs::modal::Modal;

/// New settings: Kubernetes version (None: every gate on unless named) and gate overrides.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsChange {
    pub version: Option<String>,
    pub gates: BTreeMap<String, bool>,
}

#[derive(Properties, PartialEq)]
pub struct SettingsDialogProps {
    pub settings: Settings,
    pub skip_validation: bool,
    pub on_change: Callback<SettingsChange>,
    pub on_skip_validation: Callback<bool>,
    pub on_close: Callback<()>,
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsDialogProps) -> Html {
    let s = &props.settings;
    let on_version = {
        let cb = props.on_change.clone();
        let gates = s.feature_gates.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            cb.emit(SettingsChange {
                version: (!v.is_empty()).then_some(v),
                gates: gates.clone(),
            })
        })
    };
    let on_skip = {
        let cb = props.on_skip_validation.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                cb.emit(i.checked());
            }
        })
    };
    html! {
        <Modal title="Kubernetes version and feature gates" on_close={props.on_close.clone()} testid="settings">
            <label class="field">
                <span>{ "Kubernetes version" }</span>
                <select onchange={on_version} aria-label="Kubernetes version" data-testid="k8s-version">
                    <option value="" selected={s.kubernetes_version.is_none()}>{ "Not set: every gate on" }</option>
                    { for KUBERNETES_VERSIONS.iter().map(|v| html! {
                        <option value={*v} selected={s.kubernetes_version.as_deref() == Some(*v)}>{ format!("{v} defaults") }</option>
                    }) }
                </select>
            </label>
            <table class="gates">
                <thead><tr><th>{ "Feature gate" }</th><th>{ "Setting" }</th><th>{ "In effect" }</th></tr></thead>
                <tbody>
                { for s.effective.iter().map(|(gate, on)| {
                    let current = s.feature_gates.get(gate).copied();
                    let cb = props.on_change.clone();
                    let (version, gates, name) = (s.kubernetes_version.clone(), s.feature_gates.clone(), gate.clone());
                    let onchange = Callback::from(move |e: Event| {
                        let mut gates = gates.clone();
                        match select_value(&e).as_str() {
                            "on" => { gates.insert(name.clone(), true); }
                            "off" => { gates.insert(name.clone(), false); }
                            _ => { gates.remove(&name); }
                        }
                        cb.emit(SettingsChange { version: version.clone(), gates })
                    });
                    html! {
                        <tr>
                            <td><code>{ gate }</code></td>
                            <td>
                                <select {onchange} aria-label={format!("{gate} setting")} data-gate={gate.clone()}>
                                    <option value="" selected={current.is_none()}>{ "default" }</option>
                                    <option value="on" selected={current == Some(true)}>{ "on" }</option>
                                    <option value="off" selected={current == Some(false)}>{ "off" }</option>
                                </select>
                            </td>
                            <td class={if *on { "ok" } else { "muted" }}>{ if *on { "on" } else { "off" } }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <label class="check">
                <input type="checkbox" checked={props.skip_validation} onchange={on_skip} />
                { " Skip the apiserver's validation (objects from another Kubernetes version, as the allocator meets them)" }
            </label>
        </Modal>
    }
}
