//! Add hardware: a preset kind of node (engine `presets`), how many, and how many devices each;
//! the generated Nodes and ResourceSlices (and missing DeviceClasses) are appended as YAML.

use std::rc::Rc;

use dra_engine::playground::Analysis;
use dra_engine::presets::{self, Options, Preset};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::dialogs::modal::Modal;

#[derive(Properties, PartialEq)]
pub struct HardwareDialogProps {
    pub analysis: Option<Rc<Analysis>>,
    /// The YAML to append.
    pub on_add: Callback<String>,
    pub on_close: Callback<()>,
}

fn number(e: &Event) -> Option<usize> {
    e.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .value()
        .parse()
        .ok()
}

/// The YAML for a preset, numbering nodes after those already there and leaving out classes
/// that exist.
pub fn preset_yaml(
    analysis: Option<&Analysis>,
    preset: Preset,
    nodes: usize,
    devices: usize,
) -> String {
    let probe = presets::node_names(
        preset,
        &Options {
            nodes: 1,
            ..Options::default()
        },
    );
    let prefix = probe[0]
        .rsplit_once('-')
        .map_or("node", |(p, _)| p)
        .to_owned();
    let taken = analysis
        .map(|a| {
            a.nodes
                .iter()
                .filter_map(|n| {
                    n.name
                        .strip_prefix(&format!("{prefix}-"))?
                        .parse::<usize>()
                        .ok()
                })
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let classes_exist = analysis.is_some_and(|a| {
        preset
            .device_classes()
            .iter()
            .all(|(name, _)| a.classes.iter().any(|c| c.name == *name))
    });
    // Slices name nodes that have no Node document only while there is no Node document at all
    // (SCENARIO.md): write those nodes out, so that adding Nodes keeps them.
    let implied: String = analysis
        .filter(|a| a.nodes.iter().all(|n| n.span.is_none()))
        .map(|a| {
            a.nodes
                .iter()
                .filter(|n| !n.shared && n.span.is_none() && !n.pools.is_empty())
                .map(|n| {
                    format!(
                        "apiVersion: v1\nkind: Node\nmetadata:\n  name: {}\n---\n",
                        n.name
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    implied
        + &presets::generate(
            preset,
            &Options {
                nodes,
                first_node: taken + 1,
                node_prefix: None,
                devices_per_node: Some(devices),
                device_classes: !classes_exist,
            },
        )
}

#[component(HardwareDialog)]
pub fn hardware_dialog(props: &HardwareDialogProps) -> Html {
    let preset = use_state(|| Preset::NvidiaGpu);
    let nodes = use_state(|| 1usize);
    let devices = use_state(|| Preset::NvidiaGpu.default_devices());
    let pick = |p: Preset| {
        let (preset, devices) = (preset.clone(), devices.clone());
        Callback::from(move |_| {
            preset.set(p);
            devices.set(p.default_devices());
        })
    };
    let on_nodes = {
        let nodes = nodes.clone();
        Callback::from(move |e: Event| {
            if let Some(n) = number(&e) {
                nodes.set(n.clamp(1, presets::MAX_NODES));
            }
        })
    };
    let on_devices = {
        let devices = devices.clone();
        Callback::from(move |e: Event| {
            if let Some(n) = number(&e) {
                devices.set(n.clamp(1, presets::MAX_DEVICES_PER_NODE));
            }
        })
    };
    let add = {
        let (preset, nodes, devices) = (preset.clone(), nodes.clone(), devices.clone());
        let analysis = props.analysis.clone();
        let cb = props.on_add.clone();
        Callback::from(move |_| {
            cb.emit(preset_yaml(analysis.as_deref(), *preset, *nodes, *devices))
        })
    };
    html! {
        <Modal title="Add hardware" on_close={props.on_close.clone()} testid="hardware">
            <fieldset class="presets">
                <legend>{ "Kind of node" }</legend>
                { for Preset::ALL.iter().map(|p| html! {
                    <label class="radio">
                        <input type="radio" name="preset" checked={*preset == *p} onchange={pick(*p)} data-preset={p.name()} />
                        <span><strong>{ p.title() }</strong><br/><span class="muted small">{ format!("driver {}", p.driver()) }</span></span>
                    </label>
                }) }
            </fieldset>
            <div class="row">
                <label>{ "Nodes " }<input type="number" min="1" max={presets::MAX_NODES.to_string()} value={nodes.to_string()} onchange={on_nodes} aria-label="Number of nodes" /></label>
                <label>{ "Devices per node " }<input type="number" min="1" max={presets::MAX_DEVICES_PER_NODE.to_string()} value={devices.to_string()} onchange={on_devices} aria-label="Devices per node" /></label>
            </div>
            <p class="muted small">{ "Appends the Nodes and ResourceSlices (and any missing DeviceClass) to the scenario, ready to edit." }</p>
            <div class="actions"><button class="primary" onclick={add} data-testid="add-hardware">{ "Add" }</button></div>
        </Modal>
    }
}
