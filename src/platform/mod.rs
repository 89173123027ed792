//! The browser around the page: the CodeMirror editor bundle, the engine worker's client and
//! the browser's storage.

pub mod editor_js;
pub mod engine_client;
pub mod storage;
