//! The CEL console: type an expression, pick a device (or click one in the map), and see its
//! value, type and costs or its error, evaluated in the worker on every keystroke as
//! `dra-playground eval` does; the selector at the editor's cursor comes in with one click.

use std::rc::Rc;

use dra_playground_web::worker::messages::EvalOutcome;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::outcome::Outcome;

/// What the console evaluates first.
const FIRST_EXPRESSION: &str = "device.driver";

/// An evaluation to ask for: the expression, the device, and where the outcome goes.
pub type EvalAsk = (String, Option<String>, Callback<EvalOutcome>);

#[derive(Properties, PartialEq)]
pub struct CelConsoleProps {
    /// The devices of the scenario (`DRIVER/POOL/DEVICE`).
    pub devices: Rc<Vec<String>>,
    /// The device selected in the map, if any (the console follows it).
    pub selected_device: Option<String>,
    /// The latest run's serial (the expression is evaluated again for each run).
    pub run: u64,
    /// The selector at the editor's cursor, if the cursor is on one.
    pub at_cursor: Option<String>,
    /// Evaluates an expression (in the worker).
    pub on_eval: Callback<EvalAsk>,
    /// Closes the console.
    pub on_close: Callback<()>,
}

#[component(CelConsole)]
pub fn cel_console(props: &CelConsoleProps) -> Html {
    let expression = use_state(|| FIRST_EXPRESSION.to_owned());
    let device = use_state(|| props.devices.first().cloned());
    let outcome = use_state(|| None::<EvalOutcome>);
    {
        let device = device.clone();
        use_effect_with(props.selected_device.clone(), move |selected| {
            if let Some(d) = selected {
                device.set(Some(d.clone()));
            }
        });
    }
    {
        let device = device.clone();
        let known = props.devices.clone();
        use_effect_with(known, move |known| {
            if device.as_ref().is_none_or(|d| !known.contains(d)) {
                device.set(known.first().cloned());
            }
        });
    }
    {
        let outcome = outcome.clone();
        let on_eval = props.on_eval.clone();
        use_effect_with(
            ((*expression).clone(), (*device).clone(), props.run),
            move |(expression, device, _)| {
                let outcome = outcome.clone();
                on_eval.emit((
                    expression.clone(),
                    device.clone(),
                    Callback::from(move |o| outcome.set(Some(o))),
                ));
            },
        );
    }
    let oninput = {
        let expression = expression.clone();
        Callback::from(move |e: InputEvent| {
            expression.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let onchange = {
        let device = device.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            device.set((!value.is_empty()).then_some(value));
        })
    };
    let from_editor = props.at_cursor.clone().map(|selector| {
        let expression = expression.clone();
        let shown = selector.clone();
        let onclick = Callback::from(move |_: MouseEvent| expression.set(selector.clone()));
        html! {
            <button class="console-from-editor" {onclick} data-testid="console-from-editor"
                    title={shown.clone()}>{ "Use the selector at the editor's cursor" }</button>
        }
    });
    let picked = (*device).clone().unwrap_or_default();
    html! {
        <section class="cel-console" aria-labelledby="console-heading" data-testid="cel-console">
            <div class="console-head">
                <h2 id="console-heading">{ "CEL console" }</h2>
                <button class="icon" onclick={props.on_close.reform(|_: MouseEvent| ())}
                        aria-label="Close the CEL console" data-testid="console-close">{ "×" }</button>
            </div>
            <label for="console-expression">{ "Expression" }</label>
            <textarea id="console-expression" data-testid="console-expression" rows="3" spellcheck="false"
                      value={(*expression).clone()} {oninput} aria-describedby="console-result" />
            { for from_editor }
            <label for="console-device">{ "Device" }</label>
            <select id="console-device" data-testid="console-device" {onchange}>
                <option value="" selected={picked.is_empty()}>{ "(none)" }</option>
                { for props.devices.iter().map(|d| html! {
                    <option value={d.clone()} selected={*d == picked}>{ d.clone() }</option>
                }) }
            </select>
            <Outcome expression={AttrValue::from((*expression).clone())} outcome={(*outcome).clone()} />
        </section>
    }
}
