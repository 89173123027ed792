//! The engine's Web Worker, shared by the page (which sends it requests) and the worker's own
//! entry point (which serves them): the agent ([`agent`]), the messages between them
//! ([`messages`]), the explanation as the panel shows it ([`explanation_view`], with the
//! search trace worded by [`trace_words`] and the scheduling cycle in [`cycle_view`]), and
//! one-off tasks: a picture, a comparison ([`tasks`]), and a scenario's moments in time as the
//! timeline shows them ([`timeline_view`]).

pub mod agent;
pub mod cycle_view;
pub mod explanation_view;
pub mod messages;
pub mod tasks;
pub mod timeline_view;
pub mod trace_words;
