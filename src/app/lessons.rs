//! What the lessons panel's controls do: open the track or a lesson (its link in the address
//! bar, its kept work or its start in the editor), close it (the learner's own scenario comes
//! back), and, after each run, load a lesson's start when it arrives and remember a solved
//! lesson; a `#lesson=NAME` link followed inside the page opens its lesson without a reload.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::commands::Commands;
use crate::app::engine::Engine;
use crate::platform::browser::{self, WindowListener};
use crate::platform::{lesson_progress, storage};
use crate::scenario::gallery;
use crate::state::lessons::{self, Lessons};
use crate::state::run::RunInfo;

/// The lessons panel's controls, over its state.
#[derive(Clone)]
pub struct LessonCommands {
    pub state: UseStateHandle<Lessons>,
    pub engine: Engine,
    pub commands: Commands,
}

impl LessonCommands {
    fn set(&self, lessons: Lessons) {
        self.engine
            .set_lessons(lessons.query(), lessons.work_saved());
        self.state.set(lessons);
    }

    /// Shows the track (the lesson open, if any, stays in the editor).
    pub fn list(&self) {
        self.set(Lessons {
            panel: true,
            open: None,
            awaiting_start: false,
            ..(*self.state).clone()
        });
        browser::clear_fragment();
        self.commands.run_now();
    }

    /// Opens a lesson: the work kept on it, else (when the worker sends it) its start.
    pub fn open(&self, name: String) {
        let work = lesson_progress::work(&name);
        set_fragment(&lessons::fragment(&name));
        self.set(Lessons {
            panel: true,
            open: Some(name),
            awaiting_start: work.is_none(),
            lesson_in_editor: true,
            ..(*self.state).clone()
        });
        match work {
            Some(text) => self.commands.load_text(text),
            None => self.commands.run_now(),
        }
    }

    /// Closes the panel: the learner's own scenario comes back.
    pub fn close(&self) {
        let lesson_in_editor = self.state.lesson_in_editor;
        self.set(Lessons {
            panel: false,
            open: None,
            awaiting_start: false,
            lesson_in_editor: false,
            ..(*self.state).clone()
        });
        browser::clear_fragment();
        if lesson_in_editor {
            let own = storage::load_scenario().unwrap_or_else(|| gallery::DEFAULT.text.to_owned());
            self.commands.load_text(own);
        } else {
            self.commands.run_now();
        }
    }

    /// Replaces the lesson's scenario (with its solution, or its start again).
    pub fn load(&self, text: String) {
        self.commands.load_text(text);
    }

    /// After a run: the lesson's start replaces the editor's text once it arrives, and a solved
    /// lesson is remembered.
    fn answered(&self, run: &RunInfo) {
        let Some(reply) = &run.lessons else {
            return;
        };
        let Some(view) = self.state.view(reply) else {
            return;
        };
        if self.state.awaiting_start {
            self.set(Lessons {
                awaiting_start: false,
                ..(*self.state).clone()
            });
            self.commands.load_text(view.start.clone());
        } else if view.solved && !self.state.is_solved(&view.name) {
            lesson_progress::mark_solved(&view.name);
            self.state.set(Lessons {
                solved: lesson_progress::solved(),
                ..(*self.state).clone()
            });
        }
    }
}

/// Puts a fragment in the address bar without a new history entry.
fn set_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// The lessons' effect after each run.
#[hook]
pub fn use_lesson_runs(lessons: &LessonCommands, run: Option<Rc<RunInfo>>) {
    let lessons = lessons.clone();
    use_effect_with(run.as_ref().map(|r| r.serial), move |_| {
        if let Some(run) = run {
            lessons.answered(&run);
        }
    });
}

/// A `#lesson=NAME` link followed inside the page (a `hashchange`) opens that lesson, unless it
/// is open already. The listener is made again with each state of the panel, so that opening
/// starts from the panel as it is.
#[hook]
pub fn use_lesson_links(lessons: &LessonCommands) {
    let commands = lessons.clone();
    use_effect_with((*lessons.state).clone(), move |current| {
        let open = current.open.clone();
        let listener = WindowListener::new("hashchange", false, move |_| {
            if let Some(name) = lessons::from_fragment(&browser::fragment()) {
                if Some(&name) != open.as_ref() {
                    commands.open(name);
                }
            }
        });
        move || drop(listener)
    });
}
