//! What the page and its engine worker share: the messages between them and
//! the worker itself ([`engine_worker`]), and the explanation as the page shows it
//! ([`explanation_view`], worded in the worker by [`trace_words`]). The page is `src/main.rs`; the
//! worker's entry point is `src/bin/engine-worker.rs`.

pub mod engine_worker;
pub mod explanation_view;
pub mod trace_words;
