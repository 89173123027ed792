//! The page's requests to the engine worker, decided without a browser: what is in flight,
//! which reply answers it and which answers a superseded request, and when the worker must be
//! replaced. `platform/engine_client.rs` carries out what the runner decides.
//!
//! The worker serves one request at a time and cannot be interrupted (a pathological scenario
//! can search for a long time). So a request sent while another is in flight replaces the
//! worker: the old one is terminated with its request, and a new one serves the new request. A
//! run supersedes anything in flight; an explanation supersedes an explanation but never a run:
//! it is refused while a run is in flight (the run's result asks again). A one-off task (a
//! picture, a comparison) supersedes anything in flight; the page sends tasks to a runner of
//! their own, so that they never compete with its runs. Only the reply to the request in
//! flight is accepted; any other reply answers a superseded request and is stale.

use std::rc::Rc;

use dra_playground_web::worker::messages::{
    ExplainRequest, ExplainScope, LessonsQuery, Reply, Request, RunRequest,
};

/// Milliseconds between the last keystroke and the run: one frame at 60 Hz, so that the events
/// of one keystroke or paste make one run, and the result follows typing within a frame or two.
/// A keystroke that comes while a run is in flight supersedes it (see [`Runner::begin_run`]):
/// typing never waits for the engine, and only the latest text's result is shown.
pub const DEBOUNCE_MS: u32 = 16;

/// A run sent to the worker and not answered yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingRun {
    /// The request's serial.
    pub serial: u64,
    /// The text sent.
    pub text: Rc<str>,
    /// `performance.now()` when it was sent (for the edit-to-result time).
    pub started: f64,
}

/// An explanation sent to the worker and not answered yet.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingExplanation {
    /// The request's serial.
    pub serial: u64,
    /// The serial of the run it explains.
    pub run: u64,
    /// What was asked.
    pub scope: ExplainScope,
}

/// The one request in flight.
#[derive(Clone, Debug, PartialEq)]
enum InFlight {
    Run(PendingRun),
    Explanation(PendingExplanation),
    /// A one-off task, by serial.
    Task(u64),
}

impl InFlight {
    fn serial(&self) -> u64 {
        match self {
            InFlight::Run(r) => r.serial,
            InFlight::Explanation(e) => e.serial,
            InFlight::Task(serial) => *serial,
        }
    }
}

/// A request to send.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// What to send.
    pub request: Request,
    /// Another request is in flight: terminate the worker that serves it and send this one to
    /// a new worker.
    pub replace_worker: bool,
}

/// A reply that answers the request in flight, with that request.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The reply to a run (or `Crashed`).
    Run(PendingRun, Reply),
    /// The reply to an explanation (or `Crashed`).
    Explanation(PendingExplanation, Reply),
    /// The reply to a task (or `Crashed`).
    Task(Reply),
}

/// A reply the runner accepted.
#[derive(Clone, Debug)]
pub struct Accepted {
    /// What it answers.
    pub answer: Answer,
    /// The engine panicked on the request and its worker is dead: stop it (the next request
    /// starts a new one).
    pub stop_worker: bool,
}

/// The requests of one page (or one embed) to its engine worker.
#[derive(Debug, Default)]
pub struct Runner {
    /// The serial of the last request; serials increase with every request.
    serial: u64,
    in_flight: Option<InFlight>,
}

impl Runner {
    /// Begins a run of `text`, superseding anything in flight, with the lessons panel's
    /// question if it is open. `started` is the page's clock.
    pub fn begin_run(
        &mut self,
        text: Rc<str>,
        lessons: Option<LessonsQuery>,
        started: f64,
    ) -> Outgoing {
        self.serial += 1;
        let request = Request::Run(RunRequest {
            serial: self.serial,
            text: text.to_string(),
            lessons,
        });
        let pending = InFlight::Run(PendingRun {
            serial: self.serial,
            text,
            started,
        });
        let replace_worker = self.in_flight.replace(pending).is_some();
        Outgoing {
            request,
            replace_worker,
        }
    }

    /// Begins an explanation of the run `run` of `text`, superseding an explanation in flight;
    /// None (nothing sent) while a run is in flight.
    pub fn begin_explanation(
        &mut self,
        run: u64,
        text: &str,
        scope: ExplainScope,
    ) -> Option<Outgoing> {
        if matches!(self.in_flight, Some(InFlight::Run(_))) {
            return None;
        }
        self.serial += 1;
        let request = Request::Explain(ExplainRequest {
            serial: self.serial,
            text: text.to_owned(),
            scope: scope.clone(),
        });
        let pending = InFlight::Explanation(PendingExplanation {
            serial: self.serial,
            run,
            scope,
        });
        let replace_worker = self.in_flight.replace(pending).is_some();
        Some(Outgoing {
            request,
            replace_worker,
        })
    }

    /// Begins a one-off task, the request `make` builds with its serial, superseding anything
    /// in flight.
    pub fn begin_task(&mut self, make: impl FnOnce(u64) -> Request) -> Outgoing {
        self.serial += 1;
        let request = make(self.serial);
        let replace_worker = self
            .in_flight
            .replace(InFlight::Task(self.serial))
            .is_some();
        Outgoing {
            request,
            replace_worker,
        }
    }

    /// Accepts a reply if it answers the request in flight (which is then answered); None for a
    /// stale reply (to a superseded request).
    pub fn accept(&mut self, reply: Reply) -> Option<Accepted> {
        if self.in_flight.as_ref().map(InFlight::serial) != Some(reply.serial()) {
            return None;
        }
        let stop_worker = matches!(reply, Reply::Crashed { .. });
        let answer = match self.in_flight.take()? {
            InFlight::Run(run) => Answer::Run(run, reply),
            InFlight::Explanation(explanation) => Answer::Explanation(explanation, reply),
            InFlight::Task(_) => Answer::Task(reply),
        };
        Some(Accepted {
            answer,
            stop_worker,
        })
    }

    /// The worker died (a trap after a panic, or it could not load): the request in flight, if
    /// any, is answered as crashed with `message`.
    pub fn worker_failed(&mut self, message: String) -> Option<Answer> {
        let serial = self.in_flight.as_ref()?.serial();
        self.accept(Reply::Crashed { serial, message })
            .map(|accepted| accepted.answer)
    }

    /// The run `serial` is still in flight.
    pub fn is_running(&self, serial: u64) -> bool {
        matches!(&self.in_flight, Some(InFlight::Run(r)) if r.serial == serial)
    }
}

#[cfg(test)]
mod tests {
    use dra_engine::playground::Analysis;

    use super::*;

    fn done(serial: u64) -> Reply {
        Reply::Done {
            serial,
            analysis: Box::new(Analysis::failed("test")),
            hints: Vec::new(),
            timeline: None,
            engine_ms: 1.0,
            hints_ms: 0.0,
            lessons: None,
            completions: Box::default(),
        }
    }

    fn explained(serial: u64) -> Reply {
        Reply::Explained {
            serial,
            explanation: None,
            engine_ms: 1.0,
        }
    }

    fn run(runner: &mut Runner, text: &str) -> Outgoing {
        runner.begin_run(Rc::from(text), None, 0.0)
    }

    fn explain(runner: &mut Runner, run: u64) -> Option<Outgoing> {
        runner.begin_explanation(run, "text", ExplainScope::default())
    }

    #[test]
    fn a_run_replaces_the_worker_only_while_something_is_in_flight() {
        let mut runner = Runner::default();
        let first = run(&mut runner, "a");
        assert!(!first.replace_worker);
        assert!(matches!(&first.request, Request::Run(r) if r.serial == 1 && r.text == "a"));
        let second = run(&mut runner, "b");
        assert!(second.replace_worker);
        assert_eq!(second.request.serial(), 2);
        assert!(runner.accept(done(2)).is_some());
        assert!(!run(&mut runner, "c").replace_worker);
    }

    #[test]
    fn an_edit_runs_within_a_frame_and_supersedes_the_run_in_flight() {
        // A run starts one frame (60 Hz) after the last keystroke at most.
        const { assert!(DEBOUNCE_MS <= 1000 / 60) };
        let mut runner = Runner::default();
        run(&mut runner, "a");
        // The next keystroke's run does not wait for the one in flight: it goes to a new worker.
        let next = run(&mut runner, "ab");
        assert!(next.replace_worker);
        assert!(matches!(&next.request, Request::Run(r) if r.serial == 2 && r.text == "ab"));
        assert!(!runner.is_running(1) && runner.is_running(2));
        // The superseded run's reply, should it still come, is never shown.
        assert!(runner.accept(done(1)).is_none());
        assert!(matches!(
            runner.accept(done(2)).map(|a| a.answer),
            Some(Answer::Run(p, _)) if &*p.text == "ab"
        ));
    }

    #[test]
    fn the_reply_to_a_superseded_run_is_stale() {
        let mut runner = Runner::default();
        run(&mut runner, "old");
        run(&mut runner, "new");
        assert!(runner.accept(done(1)).is_none());
        assert!(runner.is_running(2));
        let accepted = runner.accept(done(2)).expect("the latest run's reply");
        assert!(!accepted.stop_worker);
        match accepted.answer {
            Answer::Run(pending, reply) => {
                assert_eq!((pending.serial, &*pending.text), (2, "new"));
                assert_eq!(reply.serial(), 2);
            }
            other => panic!("not a run: {other:?}"),
        }
        // Answered once: the same reply again is stale.
        assert!(runner.accept(done(2)).is_none());
        assert!(!runner.is_running(2));
    }

    #[test]
    fn an_explanation_waits_for_the_run_in_flight() {
        let mut runner = Runner::default();
        run(&mut runner, "a");
        assert!(explain(&mut runner, 1).is_none());
        runner.accept(done(1));
        let first = explain(&mut runner, 1).expect("sent once the run is answered");
        assert!(!first.replace_worker);
        assert!(matches!(&first.request, Request::Explain(e) if e.serial == 2 && e.text == "text"));
    }

    #[test]
    fn an_explanation_supersedes_an_explanation() {
        let mut runner = Runner::default();
        explain(&mut runner, 1);
        let second = explain(&mut runner, 1).expect("sent");
        assert!(second.replace_worker);
        assert!(runner.accept(explained(1)).is_none());
        let accepted = runner.accept(explained(2)).expect("the latest explanation");
        assert!(
            matches!(accepted.answer, Answer::Explanation(p, _) if p.serial == 2 && p.run == 1)
        );
    }

    #[test]
    fn a_run_supersedes_an_explanation() {
        let mut runner = Runner::default();
        explain(&mut runner, 1);
        assert!(run(&mut runner, "a").replace_worker);
        assert!(runner.accept(explained(1)).is_none());
        assert!(runner.is_running(2));
    }

    #[test]
    fn a_crash_stops_the_worker() {
        let mut runner = Runner::default();
        run(&mut runner, "a");
        let crashed = Reply::Crashed {
            serial: 1,
            message: "boom".into(),
        };
        let accepted = runner.accept(crashed).expect("answers the run");
        assert!(accepted.stop_worker);
        assert!(matches!(
            accepted.answer,
            Answer::Run(_, Reply::Crashed { .. })
        ));
    }

    #[test]
    fn a_dead_worker_answers_the_request_in_flight_as_crashed() {
        let mut runner = Runner::default();
        assert!(runner.worker_failed("gone".into()).is_none());
        run(&mut runner, "a");
        match runner.worker_failed("gone".into()) {
            Some(Answer::Run(p, Reply::Crashed { serial, message })) => {
                assert_eq!((p.serial, serial, message.as_str()), (1, 1, "gone"));
            }
            other => panic!("not a crashed run: {other:?}"),
        }
        // The next run goes to a new worker, not replacing anything.
        assert!(!run(&mut runner, "b").replace_worker);
    }

    #[test]
    fn a_task_supersedes_the_task_in_flight_and_its_reply_is_the_answer() {
        use dra_playground_web::worker::tasks::RenderRequest;
        let mut runner = Runner::default();
        let render = |runner: &mut Runner| {
            runner.begin_task(|serial| {
                Request::Render(RenderRequest {
                    serial,
                    text: "t".into(),
                    title: "x".into(),
                })
            })
        };
        let first = render(&mut runner);
        assert!(!first.replace_worker && first.request.serial() == 1);
        let second = render(&mut runner);
        assert!(second.replace_worker && second.request.serial() == 2);
        let rendered = |serial| Reply::Rendered {
            serial,
            svg: "<svg/>".into(),
        };
        assert!(runner.accept(rendered(1)).is_none(), "stale");
        let accepted = runner.accept(rendered(2)).expect("the answer");
        assert!(matches!(
            accepted.answer,
            Answer::Task(Reply::Rendered { serial: 2, .. })
        ));
        assert!(!accepted.stop_worker);
    }
}
