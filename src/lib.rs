//! What the page and its engine worker share: the engine worker itself and the messages
//! between them ([`worker`]), with the explanation as the page shows it. The page is
//! `src/main.rs`; the worker's entry point is `src/bin/engine-worker.rs`.

pub mod worker;
