//! The scenario text: the examples gallery, and the edits and offsets the page works with.

pub mod gallery;
pub mod text;
