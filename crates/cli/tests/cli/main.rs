//! The `dra-playground` binary against the command-line contract of
//! SCENARIO.md, one module per command (`allocate`, `explain`, `eval`,
//! `generate`, `share`) or concern (the search budget, the limits on
//! input), sharing `support` with the conformance runner.

mod allocate;
mod budget;
mod diff;
mod eval;
mod explain;
mod generate;
mod limits;
mod render;
mod share;
mod steps;
#[path = "../support/mod.rs"]
mod support;
