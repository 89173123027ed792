//! The page's side of the engine worker: sends runs, delivers the reply of
//! the latest one, and supersedes a run in flight.
//!
//! A run in the worker cannot be interrupted, and a pathological scenario can
//! search for a long time. So when a new run is asked for while one is in
//! flight, the worker is terminated (its thread stops at once) and a new one
//! starts for the new run; replies to anything but the latest request are
//! dropped. The page's thread never runs the engine, so typing never waits.
//!
//! yew-agent creates the `Worker` object itself and does not hand it out; to
//! be able to terminate it, [`spawn`] catches it as it is constructed (a
//! `Proxy` on the global `Worker` constructor, for the one synchronous call).
//! Should that ever fail, the old worker is only disconnected: it closes
//! itself after its run, and its reply is dropped.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use dra_playground_web::engine_worker::{EngineWorker, RunReply, RunRequest};
use js_sys::{Array, Function, Object, Proxy, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew_agent::worker::WorkerBridge;
use yew_agent::Spawnable;

/// The worker's loader script, written by trunk next to index.html
/// (`data-loader-shim`), relative to the page.
const WORKER_PATH: &str = "./engine-worker_loader.js";

/// A handle to the engine worker; clones share it.
#[derive(Clone)]
pub struct EngineClient(Rc<RefCell<Inner>>);

struct Inner {
    worker: Option<Spawned>,
    /// The serial of the run in flight.
    in_flight: Option<u64>,
    /// Workers this client started.
    spawned: u32,
    on_reply: Rc<dyn Fn(RunReply)>,
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
    /// A client that hands the reply of each latest run to `on_reply`. The
    /// worker starts with the first run.
    pub fn new(on_reply: impl Fn(RunReply) + 'static) -> EngineClient {
        EngineClient(Rc::new(RefCell::new(Inner {
            worker: None,
            in_flight: None,
            spawned: 0,
            on_reply: Rc::new(on_reply),
        })))
    }

    /// Runs the text; a run still in flight is abandoned (its worker terminated).
    pub fn run(&self, request: RunRequest) {
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
            // superseded or crashed run).
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-engine-workers", &inner.spawned.to_string());
            }
        }
        inner.in_flight = Some(request.serial);
        if let Some(w) = &inner.worker {
            w.bridge.send(request);
        }
    }
}

/// Delivers a reply if it answers the run in flight; a crashed worker is stopped.
fn deliver(inner: &Weak<RefCell<Inner>>, reply: RunReply) {
    let Some(inner) = inner.upgrade() else {
        return;
    };
    let on_reply = {
        let mut i = inner.borrow_mut();
        if i.in_flight != Some(reply.serial()) {
            return;
        }
        i.in_flight = None;
        if matches!(reply, RunReply::Crashed { .. }) {
            if let Some(w) = i.worker.take() {
                w.stop();
            }
        }
        i.on_reply.clone()
    };
    on_reply(reply);
}

/// The worker died (a trap after a panic, or it could not load): the run in
/// flight, if any, is answered as crashed, and the next run starts a new worker.
fn failed(inner: &Weak<RefCell<Inner>>, message: String) {
    let Some(strong) = inner.upgrade() else {
        return;
    };
    let serial = {
        let mut i = strong.borrow_mut();
        if let Some(w) = i.worker.take() {
            w.stop();
        }
        i.in_flight
    };
    if let Some(serial) = serial {
        deliver(inner, RunReply::Crashed { serial, message });
    }
}

/// Starts a worker whose replies go to `inner`.
fn spawn(inner: Weak<RefCell<Inner>>) -> Spawned {
    let on_output = {
        let inner = inner.clone();
        move |reply: RunReply| deliver(&inner, reply)
    };
    let (bridge, native) = catching_worker(|| {
        EngineWorker::spawner()
            .callback(on_output)
            .with_loader(true)
            .as_module(false)
            .spawn(WORKER_PATH)
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
