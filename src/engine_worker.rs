//! The engine in a Web Worker (yew-agent): the page sends the scenario text,
//! the worker runs `dra_engine::playground::analyze` and sends the analysis
//! back. A run cannot be interrupted from inside; the page supersedes a run
//! in flight by terminating the worker (`engine_client.rs` in the page).
//!
//! **Invariant:** every request gets exactly one reply with its serial: the
//! analysis, or `Crashed` when the engine panicked (the worker is then dead;
//! the page starts a new one for the next run).

use std::cell::RefCell;

use dra_engine::playground::{analyze, Analysis};
use dra_engine::RunOptions;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use yew_agent::worker::{HandlerId, Worker, WorkerScope};
use yew_agent::Registrable;

/// A run for the worker to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunRequest {
    /// Increases with every run the page asks for.
    pub serial: u64,
    /// The scenario text.
    pub text: String,
    /// Hand the objects to the allocator unvalidated.
    pub skip_validation: bool,
}

/// The worker's answer to one request.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum RunReply {
    /// The run completed (or found the scenario invalid).
    Done {
        /// The request's serial.
        serial: u64,
        /// What the engine made of the text.
        analysis: Box<Analysis>,
        /// Milliseconds spent in the engine, measured in the worker.
        engine_ms: f64,
    },
    /// The engine panicked on this scenario.
    Crashed {
        /// The request's serial.
        serial: u64,
        /// The panic message.
        message: String,
    },
}

impl RunReply {
    /// The serial of the request this answers.
    pub fn serial(&self) -> u64 {
        match self {
            RunReply::Done { serial, .. } | RunReply::Crashed { serial, .. } => *serial,
        }
    }
}

/// The worker agent.
pub struct EngineWorker;

thread_local! {
    /// The request being run, for the panic hook to answer.
    static CURRENT: RefCell<Option<(WorkerScope<EngineWorker>, HandlerId, u64)>> =
        const { RefCell::new(None) };
}

/// `performance.now()` in the worker, or 0 where there is none.
fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = RunRequest;
    type Output = RunReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        EngineWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: RunRequest, id: HandlerId) {
        CURRENT.with(|c| *c.borrow_mut() = Some((scope.clone(), id, request.serial)));
        let started = now();
        let analysis = analyze(
            &request.text,
            &RunOptions {
                skip_validation: request.skip_validation,
            },
        );
        let engine_ms = now() - started;
        CURRENT.with(|c| c.borrow_mut().take());
        scope.respond(
            id,
            RunReply::Done {
                serial: request.serial,
                analysis: Box::new(analysis),
                engine_ms,
            },
        );
    }
}

/// The worker's entry point: answers a panic with `Crashed`, then serves runs.
pub fn register() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("engine worker: {message}").into());
        if let Some((scope, id, serial)) = CURRENT.with(|c| c.borrow_mut().take()) {
            scope.respond(id, RunReply::Crashed { serial, message });
        }
    }));
    EngineWorker::registrar().register();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What yew-agent's default codec does to every message (bincode 2, standard config).
    fn round_trip(reply: &RunReply) -> RunReply {
        let bytes = bincode::serde::encode_to_vec(reply, bincode::config::standard())
            .expect("the reply encodes");
        let (back, _) = bincode::serde::decode_from_slice(&bytes, bincode::config::standard())
            .expect("the reply decodes");
        back
    }

    #[test]
    fn every_example_analysis_crosses_to_the_page_unchanged() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut count = 0;
        for entry in std::fs::read_dir(dir).expect("examples/") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|x| x != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("an example");
            let analysis = analyze(&text, &RunOptions::default());
            let reply = RunReply::Done {
                serial: 7,
                analysis: Box::new(analysis.clone()),
                engine_ms: 1.5,
            };
            match round_trip(&reply) {
                RunReply::Done {
                    serial: 7,
                    analysis: back,
                    ..
                } => assert_eq!(*back, analysis, "{}", path.display()),
                other => panic!("{}: {other:?}", path.display()),
            }
            count += 1;
        }
        assert!(count >= 15);
        let crashed = RunReply::Crashed {
            serial: 3,
            message: "boom".into(),
        };
        assert_eq!(round_trip(&crashed).serial(), 3);
    }
}
