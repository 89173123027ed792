//! Running a scenario: the pipeline's entry points and the scheduler's
//! outcomes.

mod entry_points;
mod extended_resources;
mod upstream_quirks;
