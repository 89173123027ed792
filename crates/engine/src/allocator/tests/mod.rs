//! The allocator's own tests: upstream's test table, the agreement of the
//! funnel with the search, and runs with the search memo as without it
//! (and with the scheduler's kept failures as without them).

mod failed_cycles_agreement;
mod funnel_agreement;
mod memo_agreement;
mod upstream_table;
