//! Every selector of the scenario evaluated on every device, as a table: true, false, or the
//! error with its message.

use dra_engine::explain::{Cell, SelectorMatrix};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SelectorMatrixProps {
    pub matrix: SelectorMatrix,
}

/// `pool/device` of a `driver/pool/device` key, for a narrow column head.
fn short(key: &str) -> &str {
    key.split_once('/').map_or(key, |(_, rest)| rest)
}

fn cell(c: &Cell, device: &str) -> Html {
    let (state, mark, words) = match c {
        Cell::True => ("true", "✓", "true".to_owned()),
        Cell::False => ("false", "·", "false".to_owned()),
        Cell::Error(message) => ("error", "!", format!("error: {message}")),
    };
    html! {
        <td class={classes!("cell", state)} data-cell={state} data-column-device={device.to_owned()} title={words.clone()}>
            <span aria-hidden="true">{ mark }</span>
            <span class="visually-hidden">{ words }</span>
        </td>
    }
}

#[component(SelectorMatrixTable)]
pub fn selector_matrix_table(props: &SelectorMatrixProps) -> Html {
    let m = &props.matrix;
    if m.rows.is_empty() || m.devices.is_empty() {
        return html! {
            <p class="empty" data-testid="selector-matrix">{ "No selectors, or no devices, to evaluate." }</p>
        };
    }
    html! {
        <div class="matrix-wrap" role="region" aria-label="Selectors on devices" tabindex="0">
            <table class="matrix" data-testid="selector-matrix">
                <caption>{ "Every selector on every device: ✓ true, · false, ! error (hover an error for its message)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Selector" }</th>
                        { for m.devices.iter().map(|d| html! {
                            <th scope="col" class="device-col" title={d.clone()} data-column-device={d.clone()}>{ short(d) }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for m.rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row" class="selector">
                                <code>{ &row.expression }</code>
                                <span class="muted small">{ format!("{} of {} · {}", row.matches, row.cells.len(), row.used_by.join(", ")) }</span>
                            </th>
                            { for row.cells.iter().zip(&m.devices).map(|(c, d)| cell(c, d)) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
