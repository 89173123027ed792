//! The scenario editor: CodeMirror 6 (js/editor.js) mounted in a div, or a plain textarea when
//! the editor bundle is not loaded. The App drives it through an [`EditorSlot`].

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::editor_js::{self, EditorHandle};

/// Where the App reaches the editor instance once it exists.
#[derive(Clone, Default)]
pub struct EditorSlot(pub Rc<RefCell<Option<EditorHandle>>>);

impl PartialEq for EditorSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl EditorSlot {
    /// Runs `f` on the editor, if there is one.
    pub fn with<R>(&self, f: impl FnOnce(&EditorHandle) -> R) -> Option<R> {
        self.0.borrow().as_ref().map(f)
    }
}

#[derive(Properties, PartialEq)]
pub struct ScenarioEditorProps {
    pub slot: EditorSlot,
    /// The text when the editor is created.
    pub initial: Rc<str>,
    pub dark: bool,
    #[prop_or_default]
    pub read_only: bool,
    /// Every edit, with the whole text.
    pub on_change: Callback<String>,
    /// The cursor moved (UTF-16 offset).
    pub on_cursor: Callback<u32>,
}

#[component(ScenarioEditor)]
pub fn scenario_editor(props: &ScenarioEditorProps) -> Html {
    let host = use_node_ref();
    let callbacks = use_mut_ref(|| (props.on_change.clone(), props.on_cursor.clone()));
    *callbacks.borrow_mut() = (props.on_change.clone(), props.on_cursor.clone());
    let bundled = editor_js::available();

    {
        let host = host.clone();
        let slot = props.slot.clone();
        let initial = props.initial.clone();
        let (dark, read_only) = (props.dark, props.read_only);
        let callbacks = callbacks.clone();
        use_effect_with((), move |_| {
            let mut keep = None;
            if bundled {
                if let Some(el) = host.cast::<web_sys::HtmlElement>() {
                    let cb = callbacks.clone();
                    let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
                        let f = cb.borrow().0.clone();
                        f.emit(text)
                    });
                    let cb = callbacks.clone();
                    let on_cursor = Closure::<dyn FnMut(u32)>::new(move |pos: u32| {
                        let f = cb.borrow().1.clone();
                        f.emit(pos)
                    });
                    let handle = editor_js::create_editor(
                        &el, &initial, read_only, dark, &on_change, &on_cursor,
                    );
                    *slot.0.borrow_mut() = Some(handle);
                    keep = Some((on_change, on_cursor));
                }
            }
            move || {
                if let Some(h) = slot.0.borrow_mut().take() {
                    h.destroy();
                }
                drop(keep);
            }
        });
    }
    {
        let slot = props.slot.clone();
        use_effect_with(props.dark, move |dark| {
            slot.with(|e| e.set_dark(*dark));
        });
    }

    if bundled {
        html! { <div class="editor-host" ref={host} data-testid="editor" /> }
    } else {
        let cb = props.on_change.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                cb.emit(area.value());
            }
        });
        html! {
            <textarea class="editor-fallback" data-testid="editor" aria-label="Scenario (Kubernetes YAML)"
                      spellcheck="false" readonly={props.read_only} value={props.initial.to_string()} {oninput} />
        }
    }
}
