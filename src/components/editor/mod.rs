//! The editor side: the pane with its tabs and run button, the scenario editor, and the
//! problems under it.

pub mod pane;
pub mod problem_list;
pub mod scenario_editor;
