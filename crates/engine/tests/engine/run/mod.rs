//! Running a scenario: the pipeline's entry points and the scheduler's
//! outcomes (its cycle plugin by plugin, its configuration document).

mod allocator_variants;
mod controller_tables;
mod device_taint_rules;
mod entry_points;
mod extended_resources;
mod live_state;
mod scheduler_configuration;
mod scheduling_cycle;
mod shared_claims;
mod timeline;
mod timeline_map;
mod timeline_resume;
mod timeline_rules;
mod upstream_quirks;
