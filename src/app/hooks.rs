//! The playground's effects: what follows a render outside the components (the first run, the
//! editor's markers and highlights, its YAML completion, the explanation asked of the worker, the theme on the root
//! element, the keyboard shortcuts).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::app::commands::Commands;
use crate::app::engine::Engine;
use crate::components::editor::scenario_editor::EditorSlot;
use crate::platform::browser::{self, WindowListener};
use crate::platform::editor_js::YamlCompleter;
use crate::state::problems::{self, Problem};
use crate::state::reducer::{Action, State};
use crate::state::run::RunInfo;
use crate::state::selection::{self, Related, Selection};

/// The first run, of the text the page opens with.
#[hook]
pub fn use_first_run(engine: &Engine) {
    let engine = engine.clone();
    use_effect_with((), move |_| engine.run_text());
}

/// After each run is drawn: its problems as the editor's lint markers, the names it completes
/// in CEL expressions, and the edit-to-result time.
#[hook]
pub fn use_run_drawn(
    editor: &EditorSlot,
    run: Option<Rc<RunInfo>>,
    problems: Rc<Vec<Problem>>,
    commands: &Commands,
) {
    let editor = editor.clone();
    let commands = commands.clone();
    use_effect_with(run.as_ref().map(|r| r.serial), move |_| {
        if let Some(r) = run {
            editor.set_diagnostics(problems::lint_json(&problems));
            editor.set_completions(serde_json::to_string(&*r.completions).unwrap_or_default());
            commands.dispatch(Action::RunShown {
                serial: r.serial,
                ms: browser::now() - r.started,
            });
        }
    });
}

/// Completion in YAML: the editor asks the engine, in the worker, what to offer at its cursor.
#[hook]
pub fn use_yaml_completion(editor: &EditorSlot, engine: &Engine) {
    let editor = editor.clone();
    let engine = engine.clone();
    use_effect_with((), move |_| {
        let completer: YamlCompleter = Closure::new(
            move |text: String, cursor: u32, resolve: js_sys::Function| {
                engine.complete(text, cursor, move |json| {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&json));
                });
            },
        );
        editor.set_yaml_completer(Rc::new(completer));
    });
}

/// The explanation the panel shows, asked of the worker after each run and when the selection
/// or the panel's open sections change (only what the panel shows, and only when the one held
/// is not already it).
#[hook]
pub fn use_explanation(engine: &Engine, state: &State) {
    let engine = engine.clone();
    let scope = state.explain_scope();
    let fresh = state.explanation_is_fresh(scope.as_ref());
    let serial = state.run.as_ref().map(|r| r.serial);
    use_effect_with((serial, scope), move |(_, scope)| {
        if let (Some(scope), false) = (scope.clone(), fresh) {
            engine.explain(scope);
        }
    });
}

/// What belongs to the item in focus, highlighted in the editor too.
#[hook]
pub fn use_highlights(
    editor: &EditorSlot,
    run: Option<Rc<RunInfo>>,
    in_focus: Option<Selection>,
    related: Rc<Related>,
) {
    let editor = editor.clone();
    let serial = run.as_ref().map(|r| r.serial);
    use_effect_with((in_focus, serial), move |_| {
        if let Some(r) = run {
            editor.with(|e| e.set_highlights(&selection::highlights_json(&r.text, &related)));
        }
    });
}

/// The theme on the root element.
#[hook]
pub fn use_theme(dark: bool) {
    use_effect_with(dark, move |dark| {
        browser::set_root_attribute("data-theme", if *dark { "dark" } else { "light" });
    });
}

/// Keyboard shortcuts, inside the editor too: Ctrl/Cmd+Enter runs, Ctrl/Cmd+S shares.
#[hook]
pub fn use_shortcuts(commands: &Commands) {
    let commands = commands.clone();
    use_effect_with((), move |_| {
        let listener = WindowListener::keys(move |e: web_sys::KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                return;
            }
            let command: fn(&Commands) = match e.key().as_str() {
                "Enter" => Commands::run_now,
                "s" | "S" => Commands::share,
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            command(&commands);
        });
        move || drop(listener)
    });
}
