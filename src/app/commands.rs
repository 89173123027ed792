//! What the playground's controls do. Each command changes the page's state through named
//! actions and does what goes with them outside the state: edits to the scenario text (as
//! undoable edits in the editor, run at once), the engine, the clipboard, the browser's storage
//! and address.

use std::cell::RefCell;
use std::rc::Rc;

use dra_engine::playground::Outcome;
use dra_engine::render::comment_title;
use dra_engine::scenario_text::{with_settings, ScenarioSettings};
use dra_engine::share_link as share;
use dra_playground_web::worker::messages::{Reply, Request};
use dra_playground_web::worker::tasks::RenderRequest;
use gloo_timers::callback::Timeout;
use yew::{Callback, UseReducerDispatcher};

use crate::app::engine::Engine;
use crate::components::editor::scenario_editor::EditorSlot;
use crate::platform::engine_client::run_once;
use crate::platform::{browser, editor_js, storage};
use crate::scenario::gallery::Example;
use crate::scenario::text::{self, Focus};
use crate::state::compare;
use crate::state::reducer::{Action, Dialog, State};
use crate::state::selection::{self, Selection};
use crate::state::share_snippets::snippets;

/// Milliseconds a toast shows.
const TOAST_MS: u32 = 2600;

/// The page's commands; clones share the page.
#[derive(Clone)]
pub struct Commands {
    dispatch: UseReducerDispatcher<State>,
    engine: Engine,
    editor: EditorSlot,
    /// Ends the toast shown.
    toast_timer: Rc<RefCell<Option<Timeout>>>,
}

impl PartialEq for Commands {
    fn eq(&self, other: &Self) -> bool {
        self.dispatch == other.dispatch
            && self.engine == other.engine
            && self.editor == other.editor
            && Rc::ptr_eq(&self.toast_timer, &other.toast_timer)
    }
}

impl Commands {
    /// The commands of the page whose state `dispatch` changes.
    pub fn new(
        dispatch: UseReducerDispatcher<State>,
        engine: Engine,
        editor: EditorSlot,
        toast_timer: Rc<RefCell<Option<Timeout>>>,
    ) -> Commands {
        Commands {
            dispatch,
            engine,
            editor,
            toast_timer,
        }
    }

    /// A callback that runs `command` with its event.
    pub fn callback<E: 'static>(&self, command: impl Fn(&Commands, E) + 'static) -> Callback<E> {
        let commands = self.clone();
        Callback::from(move |e| command(&commands, e))
    }

    /// A callback that dispatches the action made of its event.
    pub fn action<E: 'static>(&self, action: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |e| dispatch.dispatch(action(e)))
    }

    /// Changes the page's state.
    pub fn dispatch(&self, action: Action) {
        self.dispatch.dispatch(action);
    }

    /// The editor's text changed: it runs after a pause in typing.
    pub fn edited(&self, text: String) {
        self.engine.edited(Rc::from(text.as_str()));
    }

    /// Runs the editor's text now.
    pub fn run_now(&self) {
        self.engine.run_text();
    }

    /// Replaces the editor's text as an undoable edit, shows all of it, and runs it at once.
    pub fn load_text(&self, text: String) {
        self.editor.replace_doc(&text);
        self.dispatch(Action::Focus(Focus::All));
        self.engine.run(Rc::from(text.as_str()));
    }

    /// Shows a message for a moment.
    pub fn toast(&self, message: String) {
        self.dispatch(Action::Toast(message));
        let dispatch = self.dispatch.clone();
        *self.toast_timer.borrow_mut() = Some(Timeout::new(TOAST_MS, move || {
            dispatch.dispatch(Action::ToastExpired)
        }));
    }

    /// Copies `text` to the clipboard and says so (`what` names it: "Link").
    pub fn copy(&self, text: String, what: &'static str) {
        let commands = self.clone();
        let promise = editor_js::copy_text(&text);
        wasm_bindgen_futures::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(|v| v.as_bool().unwrap_or(false))
                .unwrap_or(false);
            commands.toast(if ok {
                format!("{what} copied")
            } else {
                format!(
                    "Could not copy the {}: select it and copy by hand",
                    what.to_lowercase()
                )
            });
        });
    }

    /// Opens the share dialog with the link that carries the scenario (copied at once), the
    /// Markdown badge and the iframe that embed it.
    pub fn share(&self) {
        let (origin, path) = browser::base_url();
        let snippets = snippets(
            &format!("{origin}{path}"),
            &self.engine.text(),
            &self.title(),
        );
        if editor_js::available() {
            self.copy(snippets.link.clone(), "Link");
        }
        self.dispatch(Action::Open(Dialog::Share(snippets)));
    }

    /// The scenario's title: its example's, its `# title:` comment, or its Scenario document's
    /// name.
    fn title(&self) -> String {
        let text = self.engine.text();
        Example::by_text(&text)
            .map(|e| e.title().to_owned())
            .or_else(|| comment_title(&text).map(str::to_owned))
            .or_else(|| {
                self.engine
                    .latest()
                    .and_then(|r| r.analysis.settings.name.clone())
            })
            .unwrap_or_else(|| "a DRA scenario".to_owned())
    }

    /// Downloads the scenario as YAML.
    pub fn download(&self) {
        editor_js::download("scenario.yaml", &self.engine.text(), "application/yaml");
    }

    /// Downloads the picture of the run (drawn by an engine worker of its own, as
    /// `dra-playground render` draws it), named after the example.
    pub fn download_image(&self) {
        let text = self.engine.text().to_string();
        let title = self.title();
        let file = Example::by_text(&text).map_or("scenario", |e| e.name);
        let file = format!("{file}.svg");
        let commands = self.clone();
        run_once(
            move |serial| {
                Request::Render(RenderRequest {
                    serial,
                    text,
                    title,
                })
            },
            move |reply| match reply {
                Reply::Rendered { svg, .. } => {
                    editor_js::download(&file, &svg, "image/svg+xml");
                    commands.toast(format!("{file} downloaded"));
                }
                _ => commands.toast("The picture could not be drawn".to_owned()),
            },
        );
    }

    /// Opens the compare view: the scenario as it is against the same under another version.
    pub fn compare(&self) {
        let Some(latest) = self.engine.latest() else {
            return;
        };
        let (left, right) =
            compare::from_playground(&self.engine.text(), &latest.analysis.settings);
        browser::go_to_fragment(&share::compare_fragment(&left, &right));
    }

    /// Copies the claims with status, as the scheduler would write them.
    pub fn copy_claims(&self) {
        match self.engine.latest().as_ref().map(|r| &r.analysis.outcome) {
            Some(Outcome::Ran(r)) if !r.claims_yaml.trim().is_empty() => {
                self.copy(r.claims_yaml.clone(), "Claims with status")
            }
            Some(Outcome::Ran(_)) => self.toast("The scenario has no claims".into()),
            _ => self.toast("Nothing ran: fix the problems first".into()),
        }
    }

    /// Switches from the theme shown (`dark`) to the other, and remembers the choice.
    pub fn toggle_theme(&self, dark: bool) {
        storage::save_theme(if dark { "light" } else { "dark" });
        self.dispatch(Action::ToggleTheme);
    }

    /// Folds the documents `focus` does not show.
    pub fn set_focus(&self, focus: Focus) {
        let folds = text::folds(&self.engine.text(), focus);
        self.editor
            .with(|e| e.set_folds(&serde_json::to_string(&folds).unwrap_or_default()));
        self.dispatch(Action::Focus(focus));
    }

    /// Opens an example of the gallery.
    pub fn open_example(&self, name: &'static str) {
        match Example::by_name(name) {
            Some(e) => {
                self.dispatch(Action::ExampleOpened(name));
                self.load_text(e.text.to_owned());
            }
            None => self.dispatch(Action::CloseDialog),
        }
    }

    /// Adds pasted YAML to the scenario, or replaces the scenario with it.
    pub fn import(&self, yaml: String, replace: bool) {
        let new = if replace {
            yaml
        } else {
            text::append_documents(&self.engine.text(), &yaml)
        };
        self.load_text(new);
        self.dispatch(Action::CloseDialog);
        self.toast(
            if replace {
                "Scenario replaced"
            } else {
                "Imported"
            }
            .into(),
        );
    }

    /// Adds generated hardware at the end of the scenario.
    pub fn add_hardware(&self, yaml: String) {
        let nodes = yaml.matches("\nkind: Node\n").count();
        self.load_text(text::append_documents(&self.engine.text(), &yaml));
        self.dispatch(Action::CloseDialog);
        self.toast(format!(
            "Added {nodes} node{} at the end of the scenario",
            if nodes == 1 { "" } else { "s" }
        ));
    }

    /// Writes new settings in the scenario's Scenario document.
    pub fn change_settings(&self, settings: ScenarioSettings) {
        let name = self
            .engine
            .latest()
            .and_then(|r| r.analysis.settings.name.clone());
        self.load_text(with_settings(
            &self.engine.text(),
            name.as_deref(),
            &settings,
        ));
    }

    /// Keeps the shared scenario shown: it becomes the saved work.
    pub fn keep_shared(&self) {
        self.engine.autosave();
        storage::save_scenario(&self.engine.text());
        browser::clear_fragment();
        self.dispatch(Action::BannerClosed);
        self.toast("The shared scenario is now your saved work".into());
    }

    /// Leaves the shared scenario for the saved work.
    pub fn back_to_saved(&self, saved: &str) {
        self.engine.autosave();
        self.dispatch(Action::BackToSavedWork);
        self.load_text(saved.to_owned());
        browser::clear_fragment();
    }

    /// Closes the banner about the link.
    pub fn dismiss_banner(&self) {
        browser::clear_fragment();
        self.dispatch(Action::BannerClosed);
    }

    /// Brings where an item is written into view in the editor.
    fn reveal(&self, s: &Selection) {
        if let Some(r) = self.engine.latest() {
            if let Some(span) = selection::related(&r.analysis, s).spans.first() {
                let (a, b) = text::range_of(&r.text, span);
                self.editor.with(|e| e.reveal_range(a, b));
            }
        }
    }

    /// A click on an item: selects it and brings where it is written into view, or clears the
    /// selection when it is the one `selected`.
    pub fn click(&self, s: Selection, selected: Option<&Selection>) {
        if selected == Some(&s) {
            self.dispatch(Action::Deselect);
        } else {
            self.reveal(&s);
            self.dispatch(Action::Select(s));
        }
    }

    /// A name in the explanation panel: selects it and brings where it is written into view.
    pub fn follow_link(&self, s: Selection) {
        self.reveal(&s);
        self.dispatch(Action::FollowLink(s));
    }

    /// The editor's cursor moved (a UTF-16 offset): what is written there is selected.
    pub fn cursor_moved(&self, pos: u32) {
        if let Some(r) = self.engine.latest() {
            let byte = text::byte_of(&r.text, pos);
            self.dispatch(Action::CursorOn(selection::at_offset(&r.analysis, byte)));
        }
    }

    /// Moves the editor's cursor to a range (UTF-16 offsets).
    pub fn go_to(&self, (from, to): (u32, u32)) {
        self.editor.with(|e| e.go_to(from, to));
    }
}
