//! The allocator's own tests: upstream's test table, the agreement of the
//! funnel with the search, and runs with the search memo as without it.

pub(crate) mod funnel_agreement;
pub(crate) mod memo_agreement;
mod upstream_table;
