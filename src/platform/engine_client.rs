//! The page's side of the engine worker: sends runs and explanations,
//! delivers the reply of the latest request, and supersedes one in flight.
//!
//! A request in the worker cannot be interrupted, and a pathological scenario
//! can search for a long time. So when a new run is asked for while anything
//! is in flight, the worker is terminated (its thread stops at once) and a new
//! one starts for the new run; replies to anything but the latest request are
//! dropped. An explanation supersedes an explanation the same way, but never
//! a run: it is refused while a run is in flight (the page asks again for the
//! new run's result). The page's thread never runs the engine, so typing
//! never waits.
//!
//! yew-agent creates the `Worker` object itself and does not hand it out; to
//! be able to terminate it, [`spawn`] catches it as it is constructed (a
//! `Proxy` on the global `Worker` constructor, for the one synchronous call).
//! Should that ever fail, the old worker is only disconnected: it closes
//! itself after its run, and its reply is dropped.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use dra_playground_web::worker::agent::EngineWorker;
use dra_playground_web::worker::messages::{ExplainRequest, Reply, Request, RunRequest};
use js_sys::{Array, Function, Object, Proxy, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew_agent::worker::WorkerBridge;
use yew_agent::Spawnable;

/// The worker's loader script, written by trunk next to index.html
/// (`data-loader-shim`), relative to the page: the build gives it a hashed
/// name and writes that in `<meta name="dra-engine-worker">` (js/hash-worker.mjs).
fn worker_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="dra-engine-worker"]"#)
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "./engine-worker_loader.js".to_owned())
}

/// A handle to the engine worker; clones share it.
#[derive(Clone)]
pub struct EngineClient(Rc<RefCell<Inner>>);

struct Inner {
    worker: Option<Spawned>,
    /// The request in flight: its serial, and whether it is a run.
    in_flight: Option<(u64, bool)>,
    /// Workers this client started.
    spawned: u32,
    on_reply: Rc<dyn Fn(Reply)>,
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
    /// A client that hands the reply of each latest request to `on_reply`.
    /// The worker starts with the first request.
    pub fn new(on_reply: impl Fn(Reply) + 'static) -> EngineClient {
        EngineClient(Rc::new(RefCell::new(Inner {
            worker: None,
            in_flight: None,
            spawned: 0,
            on_reply: Rc::new(on_reply),
        })))
    }

    /// Runs the text; a request still in flight is abandoned (its worker terminated).
    pub fn run(&self, request: RunRequest) {
        self.send(Request::Run(request));
    }

    /// Explains a run, superseding an explanation in flight. Refused (false)
    /// while a run is in flight: its result will call for a new explanation.
    pub fn explain(&self, request: ExplainRequest) -> bool {
        if self.0.borrow().in_flight.is_some_and(|(_, run)| run) {
            return false;
        }
        self.send(Request::Explain(request));
        true
    }

    fn send(&self, request: Request) {
        let mut inner = self.0.borrow_mut();
        if inner.in_flight.is_some() {
            if let Some(old) = inner.worker.take() {
                old.stop();
            }
        }
        if inner.worker.is_none() {
            inner.worker = Some(spawn(Rc::downgrade(&self.0)));
            inner.spawned += 1;
            // For tools and tests: how many workers this page started (one, plus one per
            // superseded or crashed request).
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-engine-workers", &inner.spawned.to_string());
            }
        }
        inner.in_flight = Some((request.serial(), matches!(request, Request::Run(_))));
        if let Some(w) = &inner.worker {
            w.bridge.send(request);
        }
    }
}

/// Delivers a reply if it answers the request in flight; a crashed worker is stopped.
fn deliver(inner: &Weak<RefCell<Inner>>, reply: Reply) {
    let Some(inner) = inner.upgrade() else {
        return;
    };
    let on_reply = {
        let mut i = inner.borrow_mut();
        if i.in_flight.map(|(serial, _)| serial) != Some(reply.serial()) {
            return;
        }
        i.in_flight = None;
        if matches!(reply, Reply::Crashed { .. }) {
            if let Some(w) = i.worker.take() {
                w.stop();
            }
        }
        i.on_reply.clone()
    };
    on_reply(reply);
}

/// The worker died (a trap after a panic, or it could not load): the request
/// in flight, if any, is answered as crashed, and the next one starts a new worker.
fn failed(inner: &Weak<RefCell<Inner>>, message: String) {
    let Some(strong) = inner.upgrade() else {
        return;
    };
    let serial = {
        let mut i = strong.borrow_mut();
        if let Some(w) = i.worker.take() {
            w.stop();
        }
        i.in_flight.map(|(serial, _)| serial)
    };
    if let Some(serial) = serial {
        deliver(inner, Reply::Crashed { serial, message });
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

/// Calls `make`, catching the `Worker` object it constructs.
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
                let worker = Reflect::construct(&target, &args)?;
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
