//! The editor side: the scenario editor and the problems under it.

pub mod problem_list;
pub mod scenario_editor;
