//! The engine as the playground page uses it: the editor's text runs a frame after a keystroke
//! (or at once), a run that takes long shows the spinner, each run autosaves its text (unless
//! a shared scenario is shown over saved work; while a lesson is open, as the work on it), and every answer becomes an action on the
//! page's state. Which request is sent and which reply counts is the [`EngineClient`]'s (and
//! its runner's) business.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use dra_playground_web::worker::messages::{EvalOutcome, ExplainScope, LessonsQuery};
use gloo_timers::callback::Timeout;
use yew::UseReducerDispatcher;

use crate::platform::browser;
use crate::platform::engine_client::EngineClient;
use crate::platform::{lesson_progress, storage};
use crate::scenario::completion_json;
use crate::scenario::text::byte_of;
use crate::state::explained;
use crate::state::reducer::{Action, State};
use crate::state::run::{self, RunInfo};
use crate::state::runner::{Answer, DEBOUNCE_MS};

/// Milliseconds a run may take before the spinner shows.
const SPINNER_MS: u32 = 200;

/// A handle to the page's engine session; clones share it.
#[derive(Clone)]
pub struct Engine(Rc<RefCell<Session>>);

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

struct Session {
    client: EngineClient,
    dispatch: UseReducerDispatcher<State>,
    /// The editor's text as of the last change.
    text: Rc<str>,
    /// The latest run answered.
    latest: Option<Rc<RunInfo>>,
    /// Runs save their text in the browser.
    autosave: bool,
    /// The lessons panel is open: runs ask about the lessons (and never save their text as the
    /// scenario).
    lessons: Option<LessonsQuery>,
    /// The lesson whose work runs save (None until its start is in the editor).
    lesson_work: Option<String>,
    /// The frame after an edit.
    debounce: Option<Timeout>,
    /// Shows the spinner if the run in flight takes long.
    spinner: Option<Timeout>,
}

impl Engine {
    /// A session over `text` (the editor's first text) whose answers go to `dispatch`. Nothing
    /// runs yet.
    pub fn new(text: Rc<str>, autosave: bool, dispatch: UseReducerDispatcher<State>) -> Engine {
        Engine(Rc::new_cyclic(|session: &Weak<RefCell<Session>>| {
            let session = session.clone();
            RefCell::new(Session {
                client: EngineClient::new(move |answer| answered(&session, answer)),
                dispatch,
                text,
                latest: None,
                autosave,
                lessons: None,
                lesson_work: None,
                debounce: None,
                spinner: None,
            })
        }))
    }

    /// The editor's text as of the last change.
    pub fn text(&self) -> Rc<str> {
        self.0.borrow().text.clone()
    }

    /// The latest run answered.
    pub fn latest(&self) -> Option<Rc<RunInfo>> {
        self.0.borrow().latest.clone()
    }

    /// The editor's text changed: it runs a frame later (a new change within the frame starts
    /// it again), superseding the run in flight.
    pub fn edited(&self, text: Rc<str>) {
        let mut session = self.0.borrow_mut();
        session.text = text;
        let this = Rc::downgrade(&self.0);
        session.debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
            if let Some(session) = this.upgrade() {
                Engine(session).run_text();
            }
        }));
    }

    /// Runs `text` now, superseding the run in flight.
    pub fn run(&self, text: Rc<str>) {
        self.0.borrow_mut().text = text;
        self.run_text();
    }

    /// Runs the editor's text now, superseding the run in flight.
    pub fn run_text(&self) {
        let (client, text, lessons) = {
            let mut session = self.0.borrow_mut();
            session.debounce = None;
            match (&session.lessons, &session.lesson_work) {
                (_, Some(lesson)) => lesson_progress::save_work(lesson, &session.text),
                (None, None) if session.autosave => {
                    storage::save_scenario(&session.text);
                }
                _ => {}
            }
            (
                session.client.clone(),
                session.text.clone(),
                session.lessons.clone(),
            )
        };
        let serial = client.run(text, lessons);
        let spinner = {
            let dispatch = self.0.borrow().dispatch.clone();
            Timeout::new(SPINNER_MS, move || {
                if client.is_running(serial) {
                    dispatch.dispatch(Action::RunSlow);
                }
            })
        };
        self.0.borrow_mut().spinner = Some(spinner);
    }

    /// Explains the latest run as far as `scope` asks (nothing while a run is in flight: its
    /// result asks again).
    pub fn explain(&self, scope: ExplainScope) {
        let (client, latest) = {
            let session = self.0.borrow();
            let Some(latest) = session.latest.clone() else {
                return;
            };
            (session.client.clone(), latest)
        };
        client.explain(latest.serial, &latest.text, scope);
    }

    /// Evaluates a CEL expression for a device of the editor's text (the CEL console).
    pub fn eval(
        &self,
        expression: String,
        device: Option<String>,
        on_outcome: impl Fn(EvalOutcome) + 'static,
    ) {
        let (client, text) = {
            let session = self.0.borrow();
            (session.client.clone(), session.text.clone())
        };
        client.eval(&text, expression, device, on_outcome);
    }

    /// What the editor may complete at `cursor` (a UTF-16 offset) of `text`; `on_json` gets the
    /// answer as the editor's glue takes it (`scenario::completion_json`).
    pub fn complete(&self, text: String, cursor: u32, on_json: impl Fn(String) + 'static) {
        let client = self.0.borrow().client.clone();
        let offset = byte_of(&text, cursor);
        let shared = Rc::<str>::from(text.as_str());
        client.complete(text, offset, move |completion| {
            on_json(completion_json::to_json(&shared, completion.as_ref()));
        });
    }

    /// Runs ask about the lessons from now on (None: the lessons panel closed), and save their
    /// text as the work on `lesson_work`, if any.
    pub fn set_lessons(&self, lessons: Option<LessonsQuery>, lesson_work: Option<String>) {
        let mut session = self.0.borrow_mut();
        session.lessons = lessons;
        session.lesson_work = lesson_work;
    }

    /// Runs save their text from now on.
    pub fn autosave(&self) {
        self.0.borrow_mut().autosave = true;
    }
}

/// An answer of the worker, as an action on the page's state.
fn answered(session: &Weak<RefCell<Session>>, answer: Answer) {
    let Some(session) = session.upgrade() else {
        return;
    };
    let action = match answer {
        Answer::Run(pending, reply) => {
            let info = Rc::new(run::finish(
                pending,
                reply,
                browser::now(),
                browser::clock(),
            ));
            let mut s = session.borrow_mut();
            s.spinner = None;
            s.latest = Some(info.clone());
            Action::RunFinished(info)
        }
        Answer::Explanation(pending, reply) => Action::Explained(Rc::new(explained::finish(
            reply,
            pending.run,
            pending.scope,
        ))),
        // The playground's client sends no tasks (they go to workers of their own).
        Answer::Task(_) => return,
    };
    let dispatch = session.borrow().dispatch.clone();
    dispatch.dispatch(action);
}
