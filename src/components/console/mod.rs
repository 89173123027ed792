//! The CEL console: an expression evaluated on every keystroke for a device of the scenario.

pub mod cel_console;
pub mod outcome;
