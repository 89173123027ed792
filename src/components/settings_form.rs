//! The scenario's settings as a form: the Kubernetes version, each feature gate (default, on,
//! off, and what is in effect), and skipping the apiserver's validation. Every choice emits the
//! settings to write into the Scenario document (SCENARIO.md), so that they travel with the
//! scenario: the text stays the one source of truth. Used by the settings dialog and by each
//! side of the compare view (`data-side`).

use dra_engine::features::KUBERNETES_VERSIONS;
use dra_engine::playground::Settings;
use dra_engine::scenario_text::ScenarioSettings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsFormProps {
    /// The settings in effect, as the latest run read them.
    pub settings: Settings,
    /// New settings to write.
    pub on_change: Callback<ScenarioSettings>,
    /// Which side of a comparison the form is for (`data-side`), if any.
    #[prop_or_default]
    pub side: Option<&'static str>,
}

/// The settings the Scenario document writes now.
fn written(s: &Settings) -> ScenarioSettings {
    ScenarioSettings {
        version: s.kubernetes_version.clone(),
        gates: s.feature_gates.clone(),
        skip_validation: s.skip_validation,
    }
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A callback that emits the written settings changed by `edit` with the event.
fn changing(
    props: &SettingsFormProps,
    edit: impl Fn(&mut ScenarioSettings, &Event) + 'static,
) -> Callback<Event> {
    let cb = props.on_change.clone();
    let current = written(&props.settings);
    Callback::from(move |e: Event| {
        let mut next = current.clone();
        edit(&mut next, &e);
        cb.emit(next);
    })
}

#[component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let s = &props.settings;
    let on_version = changing(props, |next, e| {
        let v = select_value(e);
        next.version = (!v.is_empty()).then_some(v);
    });
    let on_skip = changing(props, |next, e| {
        if let Some(i) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            next.skip_validation = i.checked();
        }
    });
    html! {
        <div class="settings-form" data-side={props.side}>
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
                    let name = gate.clone();
                    let onchange = changing(props, move |next, e| {
                        match select_value(e).as_str() {
                            "on" => { next.gates.insert(name.clone(), true); }
                            "off" => { next.gates.insert(name.clone(), false); }
                            _ => { next.gates.remove(&name); }
                        }
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
                <input type="checkbox" checked={s.skip_validation} onchange={on_skip} data-testid="skip-validation" />
                { " Skip the apiserver's validation (objects from another Kubernetes version, as the allocator meets them): writes " }
                <code>{ "skipValidation: true" }</code>
            </label>
        </div>
    }
}
