//! The examples gallery: one card per example with its title and lesson.

use yew::prelude::*;

use crate::components::dialogs::modal::Modal;
use crate::scenario::gallery::EXAMPLES;

#[derive(Properties, PartialEq)]
pub struct ExamplesDialogProps {
    pub on_pick: Callback<&'static str>,
    pub on_close: Callback<()>,
}

#[component(ExamplesDialog)]
pub fn examples_dialog(props: &ExamplesDialogProps) -> Html {
    html! {
        <Modal title="Examples" on_close={props.on_close.clone()} wide=true testid="examples">
            <p class="muted">{ "Each example teaches one thing about DRA. Opening one replaces the editor's text (Undo brings yours back)." }</p>
            <ul class="gallery">
                { for EXAMPLES.iter().map(|e| {
                    let pick = props.on_pick.clone();
                    let name = e.name;
                    let broken = name.starts_with("broken-");
                    html! {
                        <li>
                            <button class={classes!("example-card", broken.then_some("broken"))} data-example={name}
                                    onclick={Callback::from(move |_| pick.emit(name))}>
                                <strong>{ e.title() }</strong>
                                <span>{ e.lesson() }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </Modal>
    }
}
