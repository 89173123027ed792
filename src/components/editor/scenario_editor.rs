//! The scenario editor: CodeMirror 6 (js/editor.js) mounted in a div, or a plain textarea while
//! the editor bundle is not loaded. The boot script (js/site/boot.js) fetches the bundle once the
//! engine's wasm has arrived, so that it does not delay the first result; the textarea then
//! becomes the editor, with the text as it is by then. Without the bundle (it failed, or no boot
//! script, as in the component tests) the textarea stays. The App drives the editor through an
//! [`EditorSlot`].

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::editor_js::{self, EditorHandle, YamlCompleter};

/// Where the App reaches the editor instance once it exists. What the App sets before then (the
/// text it loads, the lint markers of a run) is kept for the editor to start with.
#[derive(Clone, Default)]
pub struct EditorSlot {
    handle: Rc<RefCell<Option<EditorHandle>>>,
    /// The text while there is no editor: loaded by the App or typed into the textarea.
    text: Rc<RefCell<Option<String>>>,
    /// The last lint markers (JSON), for an editor created after the run they belong to.
    diagnostics: Rc<RefCell<Option<String>>>,
    /// The last completions (JSON), for an editor created after the run they belong to.
    completions: Rc<RefCell<Option<String>>>,
    /// What the editor asks to complete YAML, for an editor created later.
    yaml_completer: Rc<RefCell<Option<Rc<YamlCompleter>>>>,
}

impl PartialEq for EditorSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.handle, &other.handle)
    }
}

impl EditorSlot {
    /// Runs `f` on the editor, if there is one.
    pub fn with<R>(&self, f: impl FnOnce(&EditorHandle) -> R) -> Option<R> {
        self.handle.borrow().as_ref().map(f)
    }

    /// Replaces the whole text (an undoable edit in the editor), or the text the editor will
    /// start with.
    pub fn replace_doc(&self, text: &str) {
        if self.with(|e| e.replace_doc(text)).is_none() {
            *self.text.borrow_mut() = Some(text.to_owned());
        }
    }

    /// Sets the lint markers, now and for an editor created later.
    pub fn set_diagnostics(&self, json: String) {
        self.with(|e| e.set_diagnostics(&json));
        *self.diagnostics.borrow_mut() = Some(json);
    }

    /// Sets what the editor completes in CEL expressions, now and for an editor created later.
    pub fn set_completions(&self, json: String) {
        self.with(|e| e.set_completions(&json));
        *self.completions.borrow_mut() = Some(json);
    }

    /// Sets what the editor asks to complete YAML, now and for an editor created later.
    pub fn set_yaml_completer(&self, completer: Rc<YamlCompleter>) {
        self.with(|e| e.set_yaml_completer(&completer));
        *self.yaml_completer.borrow_mut() = Some(completer);
    }

    /// Puts a new editor in the slot, with the lint markers and completions set so far.
    fn attach(&self, handle: EditorHandle) {
        if let Some(completer) = self.yaml_completer.borrow().as_deref() {
            handle.set_yaml_completer(completer);
        }
        if let Some(json) = self.diagnostics.borrow().as_deref() {
            handle.set_diagnostics(json);
        }
        if let Some(json) = self.completions.borrow().as_deref() {
            handle.set_completions(json);
        }
        *self.handle.borrow_mut() = Some(handle);
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
    let bundled = use_state(editor_js::available);
    {
        let bundled = bundled.clone();
        use_effect_with((), move |_| {
            if !*bundled {
                wasm_bindgen_futures::spawn_local(async move {
                    if editor_js::load().await.is_ok() {
                        bundled.set(true);
                    }
                });
            }
        });
    }
    let bundled = *bundled;

    {
        let host = host.clone();
        let slot = props.slot.clone();
        let initial = props.initial.clone();
        let (dark, read_only) = (props.dark, props.read_only);
        let callbacks = callbacks.clone();
        use_effect_with(bundled, move |&bundled| {
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
                    let text = slot.text.borrow_mut().take();
                    let text = text.as_deref().unwrap_or(&initial);
                    let handle = editor_js::create_editor(
                        &el, text, read_only, dark, &on_change, &on_cursor,
                    );
                    slot.attach(handle);
                    keep = Some((on_change, on_cursor));
                }
            }
            move || {
                if let Some(h) = slot.handle.borrow_mut().take() {
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
        let slot = props.slot.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                let text = area.value();
                *slot.text.borrow_mut() = Some(text.clone());
                cb.emit(text);
            }
        });
        html! {
            <textarea class="editor-fallback" data-testid="editor" aria-label="Scenario (Kubernetes YAML)"
                      spellcheck="false" readonly={props.read_only} value={props.initial.to_string()} {oninput} />
        }
    }
}
