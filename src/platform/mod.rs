//! The browser around the page: its clock, address and root element, the CodeMirror editor
//! bundle, the engine worker's client and the browser's storage. The logic they carry out is
//! decided in `state/`.

pub mod browser;
pub mod editor_js;
pub mod engine_client;
pub mod lesson_progress;
pub mod storage;
