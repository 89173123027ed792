//! The lessons panel beside the editor: the track to pick from, and the lesson open with its
//! text, its goals checked live, graded hints and the solution as a diff.

pub mod goal_list;
pub mod lesson_text;
pub mod panel;
pub mod solution_diff;
pub mod track_list;
