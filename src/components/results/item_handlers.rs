//! The mouse handlers every drawn item of the results shares.

use yew::{Callback, MouseEvent};

use crate::state::selection::Selection;

/// The mouse handlers of a drawn item: hovering shows what belongs to it,
/// leaving clears that, a click selects it (and does not reach the item
/// around it). Returns (enter, leave, click).
pub fn item_handlers(
    on_hover: &Callback<Option<Selection>>,
    on_select: &Callback<Selection>,
    sel: Selection,
) -> (
    Callback<MouseEvent>,
    Callback<MouseEvent>,
    Callback<MouseEvent>,
) {
    let hover = on_hover.clone();
    let hovered = sel.clone();
    let enter = Callback::from(move |_| hover.emit(Some(hovered.clone())));
    let hover = on_hover.clone();
    let leave = Callback::from(move |_| hover.emit(None));
    let on_select = on_select.clone();
    let click = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        on_select.emit(sel.clone())
    });
    (enter, leave, click)
}
