//! The allocator's own tests: upstream's test table, and the agreement of
//! the funnel with the search.

mod funnel_agreement;
mod upstream_table;
