//! The engine's behaviour, in one test binary sharing `support`:
//!
//! - `load`: decoding and its errors, conversion from v1beta1/v1beta2,
//!   feature gates, the apiserver's validation, CEL errors' positions, the
//!   limits on input, and every conformance scenario loading cleanly;
//! - `run`: the entry points agreeing, the scheduling cycle's filters and
//!   scores, the KubeSchedulerConfiguration document, extended resources
//!   backed by DRA, live state, shared claims, and upstream's quirks kept
//!   for identical results;
//! - `robustness`: mutated and garbage input never panics, and the fuzzers'
//!   reproducers stay fixed;
//! - `lessons`: the lesson track (lessons/), every start and solution
//!   against the lesson's goals;
//! - `corpus`: the paste corpus (tests/corpus), every file as pasted, every
//!   `# expect:` line.

mod corpus;
mod lessons;
mod load;
mod robustness;
mod run;
mod support;
