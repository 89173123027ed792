//! Bad input never panics and never passes silently.

mod fuzz_regressions;
mod load;
mod run;
