//! The page's side of the engine worker: carries out what its [`Runner`] decides (which
//! request to send, which reply to deliver, when to replace the worker), and delivers each
//! accepted reply, with the request it answers, as an [`Answer`]. The page's thread never runs
//! the engine, so typing never waits.
//!
//! yew-agent creates the `Worker` object itself and does not hand it out; to be able to
//! terminate it, [`spawn`] catches it as it is constructed (a `Proxy` on the global `Worker`
//! constructor, for the one synchronous call). Should that ever fail, the old worker is only
//! disconnected: it closes itself after its run, and its reply is dropped. The same proxy hands
//! yew-agent the workers of the boot script (js/site/boot.js): the first one it started while the
//! page loaded, so that the engine's download never waits for the page's wasm, and later ones
//! that get the engine's wasm already compiled.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use dra_engine::completion::Completion;
use dra_playground_web::worker::agent::EngineWorker;
use dra_playground_web::worker::messages::{
    CompleteRequest, EvalOutcome, EvalRequest, ExplainScope, LessonsQuery, Reply, Request,
};
use js_sys::{Array, Function, Object, Proxy, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew_agent::worker::WorkerBridge;
use yew_agent::Spawnable;

use crate::platform::browser;
use crate::state::runner::{Answer, Outgoing, Runner};

/// The worker's script, relative to the page: wasm-bindgen's glue followed by the call that
/// loads the worker's wasm, with a hashed name the build writes in
/// `<meta name="dra-engine-worker">` (js/site/worker-files.mjs).
fn worker_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="dra-engine-worker"]"#)
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "./engine-worker.js".to_owned())
}

#[wasm_bindgen]
extern "C" {
    /// A worker for this script URL from the boot script (`undefined` for another URL; an
    /// error without the boot script, as in the component tests).
    #[wasm_bindgen(catch, js_namespace = DraBoot, js_name = startWorker)]
    fn boot_worker(url: &JsValue) -> Result<JsValue, JsValue>;
}

/// The first serial of the requests beside the runner's (the console's evaluations, the
/// editor's completions): they count from here, apart from the runner's serials, so that no
/// reply to one can answer a run or an explanation.
const SIDE_SERIALS: u64 = 1 << 52;

/// A request beside the runner's, sent and not answered yet (sent again to a new worker when
/// the one serving it is replaced); one of each kind, the last asked for.
struct Pending {
    request: Request,
    on_reply: Rc<dyn Fn(Reply)>,
}

/// A handle to the engine worker; clones share it.
#[derive(Clone)]
pub struct EngineClient(Rc<RefCell<Inner>>);

struct Inner {
    runner: Runner,
    worker: Option<Spawned>,
    on_answer: Rc<dyn Fn(Answer)>,
    /// The serial of the last request beside the runner's.
    side_serial: u64,
    /// The last request of each kind beside the runner's, until it is answered.
    pending: Vec<Pending>,
}

thread_local! {
    /// Engine workers the page started, for every client (the playground's, the compare
    /// view's, one-off tasks').
    static SPAWNED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl Drop for Inner {
    /// A client that goes stops its worker.
    fn drop(&mut self) {
        self.stop_worker();
    }
}

struct Spawned {
    bridge: WorkerBridge<EngineWorker>,
    native: Option<web_sys::Worker>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Spawned {
    /// Stops the worker at once (or, without its handle, after its run).
    fn stop(self) {
        if let Some(w) = &self.native {
            w.terminate();
            w.set_onerror(None);
        }
        drop(self.bridge);
    }
}

impl EngineClient {
    /// A client that hands each accepted reply to `on_answer`. The worker starts with the
    /// first request.
    pub fn new(on_answer: impl Fn(Answer) + 'static) -> EngineClient {
        EngineClient(Rc::new(RefCell::new(Inner {
            runner: Runner::default(),
            worker: None,
            on_answer: Rc::new(on_answer),
            side_serial: SIDE_SERIALS,
            pending: Vec::new(),
        })))
    }

    /// Runs the text now (with the lessons panel's question, if it is open), superseding
    /// anything in flight. Returns the run's serial.
    pub fn run(&self, text: Rc<str>, lessons: Option<LessonsQuery>) -> u64 {
        let mut inner = self.0.borrow_mut();
        let outgoing = inner.runner.begin_run(text, lessons, browser::now());
        let serial = outgoing.request.serial();
        inner.send(outgoing, &self.0);
        serial
    }

    /// Explains the run `run` of `text`, superseding an explanation in flight; nothing is sent
    /// while a run is in flight (its result calls for a new explanation).
    pub fn explain(&self, run: u64, text: &str, scope: ExplainScope) {
        let mut inner = self.0.borrow_mut();
        if let Some(outgoing) = inner.runner.begin_explanation(run, text, scope) {
            inner.send(outgoing, &self.0);
        }
    }

    /// Evaluates a CEL expression for a device of `text` (the CEL console), superseding the
    /// evaluation asked for before; `on_outcome` gets the answer. It waits behind the request
    /// the worker is serving, and follows it to a new worker if that one is replaced.
    pub fn eval(
        &self,
        text: &str,
        expression: String,
        device: Option<String>,
        on_outcome: impl Fn(EvalOutcome) + 'static,
    ) {
        let text = text.to_owned();
        self.side(
            |serial| {
                Request::Eval(EvalRequest {
                    serial,
                    text,
                    expression,
                    device,
                })
            },
            move |reply| match reply {
                Reply::Evaluated { outcome, .. } => on_outcome(outcome),
                Reply::Crashed { message, .. } => on_outcome(EvalOutcome::Error {
                    message: format!("The engine stopped on this expression ({message})."),
                    offset: None,
                }),
                _ => {}
            },
        );
    }

    /// What the editor may complete at byte `offset` of `text`, superseding the completion
    /// asked for before; `on_completion` gets the answer (`None` also when the engine stopped).
    /// It goes as an evaluation does.
    pub fn complete(
        &self,
        text: String,
        offset: usize,
        on_completion: impl Fn(Option<Completion>) + 'static,
    ) {
        self.side(
            |serial| {
                Request::Complete(CompleteRequest {
                    serial,
                    text,
                    offset,
                })
            },
            move |reply| match reply {
                Reply::Completed { completion, .. } => on_completion(completion),
                _ => on_completion(None),
            },
        );
    }

    /// Sends a request beside the runner's (the one `make` builds with its serial), superseding
    /// the one of its kind asked for before; `on_reply` gets its reply.
    fn side(&self, make: impl FnOnce(u64) -> Request, on_reply: impl Fn(Reply) + 'static) {
        let mut inner = self.0.borrow_mut();
        inner.side_serial += 1;
        let request = make(inner.side_serial);
        let kind = std::mem::discriminant(&request);
        inner
            .pending
            .retain(|p| std::mem::discriminant(&p.request) != kind);
        inner.pending.push(Pending {
            request: request.clone(),
            on_reply: Rc::new(on_reply),
        });
        if inner.worker.is_none() {
            inner.start_worker(&self.0);
        }
        if let Some(w) = &inner.worker {
            w.bridge.send(request);
        }
    }

    /// The run `serial` is still in flight.
    pub fn is_running(&self, serial: u64) -> bool {
        self.0.borrow().runner.is_running(serial)
    }

    /// Sends a one-off task (the request `make` builds with its serial), superseding anything
    /// in flight; its reply comes as [`Answer::Task`].
    pub fn task(&self, make: impl FnOnce(u64) -> Request) {
        let mut inner = self.0.borrow_mut();
        let outgoing = inner.runner.begin_task(make);
        inner.send(outgoing, &self.0);
    }
}

/// Runs one task in a worker of its own and hands its reply (or `Crashed`) to `done`; the
/// worker stops once it has answered.
pub fn run_once(make: impl FnOnce(u64) -> Request, done: impl FnOnce(Reply) + 'static) {
    let keep: Rc<RefCell<Option<EngineClient>>> = Rc::default();
    let slot = keep.clone();
    let done = RefCell::new(Some(done));
    let client = EngineClient::new(move |answer| {
        if let Answer::Task(reply) = answer {
            if let Some(done) = done.borrow_mut().take() {
                done(reply);
            }
        }
        // The client goes (and stops its worker) once this answer is delivered.
        slot.borrow_mut().take();
    });
    client.task(make);
    *keep.borrow_mut() = Some(client);
}

impl Inner {
    /// Sends a request, to a new worker when the runner says so or none is running.
    fn send(&mut self, outgoing: Outgoing, this: &Rc<RefCell<Inner>>) {
        if outgoing.replace_worker {
            self.stop_worker();
        }
        let fresh = self.worker.is_none();
        if fresh {
            self.start_worker(this);
        }
        if let Some(w) = &self.worker {
            w.bridge.send(outgoing.request);
            // What the replaced worker had not answered beside the runner's requests follows.
            if fresh {
                for pending in &self.pending {
                    w.bridge.send(pending.request.clone());
                }
            }
        }
    }

    fn start_worker(&mut self, this: &Rc<RefCell<Inner>>) {
        self.worker = Some(spawn(Rc::downgrade(this)));
        let spawned = SPAWNED.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        // For tools and tests: how many workers this page started (one, plus one per
        // superseded or crashed request, per task and per comparison).
        browser::set_root_attribute("data-engine-workers", &spawned.to_string());
    }

    fn stop_worker(&mut self) {
        if let Some(w) = self.worker.take() {
            w.stop();
        }
    }
}

/// Delivers a reply if the runner accepts it (one beside the runner's, if it is the last of its
/// kind asked for); a crashed worker is stopped.
fn deliver(inner: &Weak<RefCell<Inner>>, reply: Reply) {
    let Some(strong) = inner.upgrade() else {
        return;
    };
    if reply.serial() >= SIDE_SERIALS {
        let answered = {
            let mut i = strong.borrow_mut();
            let at = i
                .pending
                .iter()
                .position(|p| p.request.serial() == reply.serial());
            at.map(|at| i.pending.remove(at).on_reply)
        };
        let crashed = match &reply {
            Reply::Crashed { message, .. } => Some(message.clone()),
            _ => None,
        };
        if let Some(on_reply) = answered {
            on_reply(reply);
        }
        if let Some(message) = crashed {
            failed(inner, message);
        }
        return;
    }
    let inner = strong;
    let (answer, on_answer) = {
        let mut i = inner.borrow_mut();
        let Some(accepted) = i.runner.accept(reply) else {
            return;
        };
        if accepted.stop_worker {
            i.stop_worker();
        }
        (accepted.answer, i.on_answer.clone())
    };
    on_answer(answer);
}

/// The worker died (a trap after a panic, or it could not load): it is stopped, the request
/// in flight, if any, is answered as crashed, and the next one starts a new worker.
fn failed(inner: &Weak<RefCell<Inner>>, message: String) {
    let Some(inner) = inner.upgrade() else {
        return;
    };
    let answered = {
        let mut i = inner.borrow_mut();
        i.stop_worker();
        i.runner
            .worker_failed(message)
            .map(|answer| (answer, i.on_answer.clone()))
    };
    if let Some((answer, on_answer)) = answered {
        on_answer(answer);
    }
}

/// Starts a worker whose replies go to `inner`.
fn spawn(inner: Weak<RefCell<Inner>>) -> Spawned {
    let on_output = {
        let inner = inner.clone();
        move |reply: Reply| deliver(&inner, reply)
    };
    let (bridge, native) = catching_worker(|| {
        EngineWorker::spawner()
            .callback(on_output)
            .with_loader(true)
            .as_module(false)
            .spawn(&worker_path())
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // Handled here: not an uncaught error of the page.
        e.prevent_default();
        let message = match e.message() {
            m if m.is_empty() => "the engine worker stopped".to_owned(),
            m => m,
        };
        failed(&inner, message);
    });
    if let Some(w) = &native {
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    }
    Spawned {
        bridge,
        native,
        _on_error: on_error,
    }
}

/// Calls `make`, catching the `Worker` object it constructs (one of the boot script's).
fn catching_worker<T>(make: impl FnOnce() -> T) -> (T, Option<web_sys::Worker>) {
    let global = js_sys::global();
    let key = JsValue::from_str("Worker");
    let Some(native) = Reflect::get(&global, &key)
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
    else {
        return (make(), None);
    };
    let caught: Rc<RefCell<Option<web_sys::Worker>>> = Rc::default();
    let construct = {
        let caught = caught.clone();
        Closure::<dyn FnMut(Function, Array) -> Result<JsValue, JsValue>>::new(
            move |target: Function, args: Array| {
                let worker = match boot_worker(&args.get(0)) {
                    Ok(booted) if !booted.is_undefined() => booted,
                    _ => Reflect::construct(&target, &args)?,
                };
                *caught.borrow_mut() = worker.clone().dyn_into::<web_sys::Worker>().ok();
                Ok(worker)
            },
        )
    };
    let handler = Object::new();
    let proxied = Reflect::set(&handler, &"construct".into(), construct.as_ref()).is_ok()
        && Reflect::set(&global, &key, &Proxy::new(&native, &handler)).is_ok();
    let made = make();
    if proxied {
        let _ = Reflect::set(&global, &key, &native);
    }
    let worker = caught.borrow_mut().take();
    (made, worker)
}
