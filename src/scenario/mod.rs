//! The scenario text: the examples gallery, the edits and offsets the page works with, and
//! line diffs (a lesson's solution).

pub mod gallery;
pub mod line_diff;
pub mod text;
