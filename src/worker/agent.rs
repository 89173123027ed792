//! The engine in a Web Worker (yew-agent): the page sends the scenario text,
//! the worker loads it once, runs it (`dra_engine::playground::analyze_keeping_run`)
//! and finds the hints for the editor in it, and sends both back; on demand it explains the
//! run (`dra_engine::explain`) for the explanation panel; with a run, it checks the goals of
//! the lesson open against that run (`lessons`); it completes the editor's text at its cursor
//! (`dra_engine::completion`). A request cannot be
//! interrupted from inside; the page supersedes one in flight by terminating
//! the worker (`platform/engine_client.rs` in the page).
//!
//! **Invariant:** every request gets exactly one reply with its serial: the
//! analysis or the explanation, or `Crashed` when the engine panicked (the
//! worker is then dead; the page starts a new one for the next request).

use std::cell::RefCell;

use dra_engine::allocator::Clock;
use dra_engine::diagnostic::Diagnostic;
use dra_engine::explain::{self, ExplainOptions};
use dra_engine::load::{load_scenario, LoadOptions, LoadedScenario};
use dra_engine::pipeline;
use dra_engine::playground::{analyze_keeping_run, Analysis};
use dra_engine::scheduler::{RunResult, SchedulerOptions};
use dra_engine::timeline::Resumable;
use wasm_bindgen::JsCast;
use yew_agent::worker::{HandlerId, Worker, WorkerScope};
use yew_agent::Registrable;

use crate::worker::explanation_view::{ExplanationView, HintView};
use crate::worker::messages::{CompleteRequest, ExplainRequest, Reply, Request, RunRequest};
use crate::worker::timeline_view::TimelineView;
use crate::worker::{completions, console, lessons, tasks};

/// The worker agent.
pub struct EngineWorker;

thread_local! {
    /// The request being run, for the panic hook to answer.
    static CURRENT: RefCell<Option<(WorkerScope<EngineWorker>, HandlerId, u64)>> =
        const { RefCell::new(None) };
    /// The last run's timeline, for the next run to go on from (`Resumable::resume`).
    static KEPT: RefCell<Option<Resumable>> = const { RefCell::new(None) };
    /// The last run's text and scenario, loaded, when it can run: an explanation of that text
    /// (the page asks for one after the run, of the same worker) does not load it again.
    static LOADED: RefCell<Option<(String, LoadedScenario)>> = const { RefCell::new(None) };
}

/// `performance.now()` in the worker, or 0 where there is none (natively, in tests).
fn now() -> f64 {
    if cfg!(not(target_arch = "wasm32")) {
        return 0.0;
    }
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = Request;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        EngineWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, id: HandlerId) {
        CURRENT.with(|c| *c.borrow_mut() = Some((scope.clone(), id, request.serial())));
        let reply = match request {
            Request::Run(run) => run_reply(run),
            Request::Explain(explain) => explain_reply(explain),
            Request::Render(render) => tasks::render_reply(render),
            Request::Compare(compare) => tasks::compare_reply(compare),
            Request::Eval(eval) => console::evaluate(&eval),
            Request::Complete(at) => complete_reply(&at),
        };
        CURRENT.with(|c| c.borrow_mut().take());
        scope.respond(id, reply);
    }
}

/// Runs a scenario and finds its hints (in the scenario loaded once for both).
fn run_reply(request: RunRequest) -> Reply {
    let started = now();
    let loaded = load_scenario(&request.text, &LoadOptions::default());
    let load_ms = now() - started;
    let started = now();
    let hints = if loaded.has_errors() {
        Vec::new()
    } else {
        explain::hints(&loaded, &request.text)
    };
    let hints_ms = now() - started;
    let completions = Box::new(completions::of(&loaded));
    let started = now();
    let (analysis, first) = analyze_keeping_run(&loaded, &scheduler_options());
    let lessons = request
        .lessons
        .as_ref()
        .map(|query| Box::new(lessons::answer(query, &loaded, first.as_ref())));
    let timeline = first.and_then(|first| timeline(&loaded, &analysis, first));
    let runnable = !pipeline::problems(&loaded).iter().any(Diagnostic::is_error);
    LOADED.with(|l| *l.borrow_mut() = runnable.then_some((request.text, loaded)));
    Reply::Done {
        serial: request.serial,
        analysis: Box::new(analysis),
        hints: hints.iter().map(HintView::from).collect(),
        timeline,
        engine_ms: load_ms + now() - started,
        hints_ms,
        lessons,
        completions,
    }
}

/// The moments of a scenario with steps, from its first moment's run (a scenario with errors has
/// none); `None` without steps. The timeline goes on from the previous run's where an edit left
/// its first moments unchanged (`Resumable::resume`).
fn timeline(
    loaded: &LoadedScenario,
    analysis: &Analysis,
    first: RunResult,
) -> Option<Box<TimelineView>> {
    let previous = KEPT.with(|k| k.borrow_mut().take());
    if !loaded.has_steps() {
        return None;
    }
    let options = scheduler_options();
    let timeline = match previous {
        Some(previous) => Resumable::resume(previous, loaded, first, &options),
        None => Resumable::run(loaded, first, &options),
    };
    let view = TimelineView::new(loaded, analysis, &timeline);
    KEPT.with(|k| *k.borrow_mut() = Some(timeline));
    Some(Box::new(view))
}

/// What the editor may complete at its cursor.
fn complete_reply(request: &CompleteRequest) -> Reply {
    Reply::Completed {
        serial: request.serial,
        completion: dra_engine::completion::complete(&request.text, request.offset),
    }
}

/// Explains a run of a scenario, as much as asked.
fn explain_reply(request: ExplainRequest) -> Reply {
    let started = now();
    let options = explain_options(&request);
    let kept = LOADED.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(text, _)| *text == request.text)
            .map(|(text, loaded)| explain::explain_loaded(loaded, text, &options))
    });
    let explanation = match kept {
        Some(explanation) => Some(explanation),
        None => explain::explain(&request.text, &options).ok(),
    }
    .map(|e| Box::new(ExplanationView::from(&e)));
    Reply::Explained {
        serial: request.serial,
        explanation,
        engine_ms: now() - started,
    }
}

/// The engine's options for a request: the trace and the matrix only when asked for.
fn explain_options(request: &ExplainRequest) -> ExplainOptions {
    ExplainOptions {
        trace: request.scope.trace,
        matrix: request.scope.matrix,
        pods: request.scope.pods.clone(),
        scheduler: scheduler_options(),
        ..ExplainOptions::default()
    }
}

/// The scheduler's options in the worker: the page's clock, so that a
/// scenario's `spec.searchBudget.maxMillis` stops a long search.
fn scheduler_options() -> SchedulerOptions {
    SchedulerOptions {
        clock: Some(Clock(now)),
        ..SchedulerOptions::default()
    }
}

/// The worker's entry point: answers a panic with `Crashed`, then serves runs.
pub fn register() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("engine worker: {message}").into());
        if let Some((scope, id, serial)) = CURRENT.with(|c| c.borrow_mut().take()) {
            scope.respond(id, Reply::Crashed { serial, message });
        }
    }));
    EngineWorker::registrar().register();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::messages::{ExplainScope, LessonsQuery};

    /// What yew-agent's default codec does to every message (bincode 2, standard config).
    fn round_trip(reply: &Reply) -> Reply {
        let bytes = bincode::serde::encode_to_vec(reply, bincode::config::standard())
            .expect("the reply encodes");
        let (back, _) = bincode::serde::decode_from_slice(&bytes, bincode::config::standard())
            .expect("the reply decodes");
        back
    }

    fn examples() -> Vec<(std::path::PathBuf, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("examples/") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|x| x == "yaml") {
                let text = std::fs::read_to_string(&path).expect("an example");
                found.push((path, text));
            }
        }
        assert!(found.len() >= 15);
        found
    }

    #[test]
    fn every_example_analysis_crosses_to_the_page_unchanged() {
        for (path, text) in examples() {
            let Reply::Done {
                analysis,
                hints,
                timeline,
                ..
            } = run_reply(RunRequest {
                serial: 7,
                text: text.clone(),
                lessons: None,
            })
            else {
                panic!("{}: not a run", path.display());
            };
            // Loaded once for both, the run is the one `analyze` gives (share IDs aside,
            // which count up in the process).
            let expected = dra_engine::playground::analyze(&text, &Default::default());
            assert_eq!(analysis.status_line(), expected.status_line());
            assert_eq!(analysis.pods, expected.pods, "{}", path.display());
            let reply = Reply::Done {
                serial: 7,
                analysis: analysis.clone(),
                hints: hints.clone(),
                timeline: timeline.clone(),
                engine_ms: 1.5,
                hints_ms: 0.5,
                lessons: None,
                completions: Box::default(),
            };
            match round_trip(&reply) {
                Reply::Done {
                    serial: 7,
                    analysis: back,
                    hints: hints_back,
                    timeline: timeline_back,
                    ..
                } => {
                    assert_eq!(back, analysis, "{}", path.display());
                    assert_eq!(hints_back, hints, "{}", path.display());
                    assert_eq!(timeline_back, timeline, "{}", path.display());
                }
                other => panic!("{}: {other:?}", path.display()),
            }
        }
        let crashed = Reply::Crashed {
            serial: 3,
            message: "boom".into(),
        };
        assert_eq!(round_trip(&crashed).serial(), 3);
    }

    #[test]
    fn every_example_explanation_crosses_to_the_page_unchanged() {
        for (path, text) in examples() {
            let request = ExplainRequest {
                serial: 9,
                text: text.clone(),
                scope: ExplainScope {
                    pods: Vec::new(),
                    trace: true,
                    matrix: true,
                },
            };
            let expected = explain::explain(&text, &explain_options(&request)).ok();
            let Reply::Explained {
                serial: 9,
                explanation,
                ..
            } = round_trip(&explain_reply(request))
            else {
                panic!("{}: not an explanation", path.display());
            };
            let expected = expected.map(|e| Box::new(ExplanationView::from(&e)));
            assert_eq!(explanation, expected, "{}", path.display());
        }
    }

    fn timeline_of(text: &str) -> Option<Box<TimelineView>> {
        let Reply::Done { timeline, .. } = run_reply(RunRequest {
            serial: 1,
            text: text.into(),
            lessons: None,
        }) else {
            panic!("not a run");
        };
        timeline
    }

    #[test]
    fn a_run_with_steps_carries_its_moments_and_one_without_none() {
        let text = include_str!("../../examples/gpu-failure-eviction.yaml");
        let timeline = timeline_of(text).expect("the example has steps");
        let names: Vec<(&str, &str)> = timeline
            .moments
            .iter()
            .map(|m| (m.name.as_str(), m.time.as_str()))
            .collect();
        assert_eq!(names, [("start", "0s"), ("gpu-0-fails", "30s")]);
        let failure = &timeline.moments[1];
        let evicted = failure
            .events
            .iter()
            .find(|e| e.kind == "Evicted")
            .expect("an eviction");
        assert!(evicted.message.contains("NoExecute"), "{}", evicted.message);
        let bound: Vec<&str> = failure
            .pods
            .iter()
            .filter(|p| p.state == "bound")
            .filter_map(|p| p.node.as_deref())
            .collect();
        assert_eq!(bound, ["node-1"]);
        assert!(
            timeline_of(include_str!("../../examples/shared-claim-vs-template.yaml")).is_none()
        );
        let broken = text.replace("at: 30s", "at: soon");
        assert!(
            timeline_of(&broken).is_none(),
            "a scenario with errors has no moments"
        );
    }

    #[test]
    fn a_completion_crosses_to_the_page_with_the_scenario_names() {
        let text = include_str!("../../examples/first-gpu-claim.yaml");
        let at = text.find("deviceClassName: ").expect("a class name") + "deviceClassName: ".len();
        let Reply::Completed {
            serial: 4,
            completion: Some(completion),
        } = round_trip(&complete_reply(&CompleteRequest {
            serial: 4,
            text: text.into(),
            offset: at,
        }))
        else {
            panic!("no completion");
        };
        let classes: Vec<&str> = completion
            .options
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        assert_eq!(classes, ["gpu.example.com"]);
        assert_eq!(&text[completion.from..completion.to], "gpu.example.com");
    }

    #[test]
    fn a_run_checks_the_goals_of_the_lesson_open() {
        let lessons_of = |text: &str| {
            let Reply::Done { lessons, .. } = run_reply(RunRequest {
                serial: 1,
                text: text.into(),
                lessons: Some(LessonsQuery {
                    open: Some("first-claim".into()),
                }),
            }) else {
                panic!("not a run");
            };
            lessons.expect("asked").open.expect("open").expect("read")
        };
        let lesson = lessons_of("");
        assert!(!lesson.solved);
        assert!(!lessons_of(&lesson.start).solved);
        let solved = lessons_of(&lesson.solution);
        assert!(solved.solved, "{:?}", solved.checks);
    }

    #[test]
    fn an_edit_to_the_last_step_runs_that_step_again_and_keeps_the_others() {
        let text = include_str!("../../examples/gpu-failure-eviction.yaml");
        let first = timeline_of(text).expect("moments");
        assert_eq!(first.first_run, 0, "nothing to go on from");
        let edited = text.replace("value: uncorrectable", "value: flaky");
        let resumed = timeline_of(&edited).expect("moments");
        assert_eq!(resumed.first_run, 1, "the first moment kept");
        // What a fresh worker (another thread) gives for the edited text.
        let fresh = std::thread::spawn(move || timeline_of(&edited))
            .join()
            .expect("no panic")
            .expect("moments");
        assert_eq!(fresh.first_run, 0);
        assert_eq!(resumed.moments.len(), fresh.moments.len());
        for (a, b) in resumed.moments.iter().zip(&fresh.moments) {
            assert_eq!(
                (&a.name, &a.events, &a.pods, &a.map),
                (&b.name, &b.events, &b.pods, &b.map)
            );
        }
        assert!(resumed.moments[1].events[0].message.contains("flaky"));
        assert!(
            resumed.moments[1].millis.is_some(),
            "the step re-run is timed"
        );
    }

    #[test]
    fn a_typo_in_an_attribute_name_gets_a_hint_with_its_position() {
        let text = include_str!("../../examples/broken-attribute-typo.yaml");
        let Reply::Done { hints, .. } = run_reply(RunRequest {
            serial: 1,
            text: text.into(),
            lessons: None,
        }) else {
            panic!("not a run");
        };
        let hint = hints.first().expect("a hint");
        assert!(hint.message.contains("did you mean"), "{}", hint.message);
        let line = text
            .lines()
            .position(|l| l.contains(".modle"))
            .expect("the typo")
            + 1;
        assert_eq!(hint.position.map(|p| p.line), Some(line));
    }

    #[test]
    fn the_trace_and_the_matrix_are_computed_only_when_asked_for() {
        let text = include_str!("../../examples/match-attribute-pcie-root.yaml");
        let request = ExplainRequest {
            serial: 1,
            text: text.into(),
            scope: ExplainScope::default(),
        };
        let plain = explain::explain(text, &explain_options(&request)).expect("valid");
        assert!(plain.matrix.is_none());
        assert!(plain
            .pods
            .iter()
            .flat_map(|p| &p.nodes)
            .all(|n| n.search.is_none()));
    }
}
