//! What expressions cost, as Kubernetes limits them: the static estimate of
//! a checked expression ([`estimate`], cel-go's estimator with the size
//! limits of the `device` variable) and the runtime cost of each call
//! ([`runtime`]).

pub mod estimate;
pub mod runtime;
