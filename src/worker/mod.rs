//! The engine's Web Worker, shared by the page (which sends it requests) and the worker's own
//! entry point (which serves them): the agent ([`agent`]), the messages between them
//! ([`messages`]), the explanation as the panel shows it ([`explanation_view`], with the
//! search trace worded by [`trace_words`] and the scheduling cycle in [`cycle_view`]), one-off
//! tasks: a picture, a comparison ([`tasks`]), the lesson track with its goal checks
//! ([`lessons`]), the CEL console's evaluations ([`console`]), the names the editor
//! completes in CEL expressions ([`completions`]), and a scenario's moments in time as the
//! timeline shows them ([`timeline_view`], the cluster map of each as its changes:
//! [`moment_map`]).

pub mod agent;
pub mod completions;
pub mod console;
pub mod cycle_view;
pub mod explanation_view;
pub mod lessons;
pub mod messages;
pub mod moment_map;
pub mod tasks;
pub mod timeline_view;
pub mod trace_words;
