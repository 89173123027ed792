//! A dialog over the page: a title, a close button, Escape or a click outside closes it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub title: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub wide: bool,
    #[prop_or_default]
    pub testid: AttrValue,
    pub children: Html,
}

#[component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let close = props.on_close.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close.emit(());
        }
    });
    let close = props.on_close.clone();
    let backdrop = Callback::from(move |_| close.emit(()));
    let close = props.on_close.clone();
    let button = Callback::from(move |_| close.emit(()));
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    html! {
        <div class="backdrop" onclick={backdrop} {onkeydown}>
            <div class={classes!("modal", props.wide.then_some("wide"))} role="dialog" aria-modal="true"
                 aria-label={props.title.clone()} onclick={stop} tabindex="-1" ref={node}
                 data-testid={props.testid.clone()}>
                <header>
                    <h2>{ props.title.clone() }</h2>
                    <button class="icon" aria-label="Close" title="Close (Esc)" onclick={button}>{ "✕" }</button>
                </header>
                <div class="modal-body">{ props.children.clone() }</div>
            </div>
        </div>
    }
}
