//! The scenario text: the examples gallery, the edits and offsets the page works with, and
//! line diffs (a lesson's solution), the CEL expression at the cursor (the console), the
//! engine's completion at the cursor as the editor takes it.

pub mod completion_json;
pub mod gallery;
pub mod line_diff;
pub mod selector_at;
pub mod text;
