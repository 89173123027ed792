//! What the page and its engine worker share: the messages between them and
//! the worker itself ([`engine_worker`]). The page is `src/main.rs`; the
//! worker's entry point is `src/bin/engine-worker.rs`.

pub mod engine_worker;
