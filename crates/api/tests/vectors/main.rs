//! `Quantity` and `Version` against the vectors of `tests/cel/` (produced by
//! running upstream): one test binary, one module per file of data.

mod data;
mod quantity;
mod semver;
