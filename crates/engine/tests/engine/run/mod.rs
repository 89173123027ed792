//! Running a scenario: the pipeline's entry points and the scheduler's
//! outcomes.

mod device_taint_rules;
mod entry_points;
mod extended_resources;
mod live_state;
mod upstream_quirks;
