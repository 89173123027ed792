//! The functions of the DRA CEL environment, one file per library: the CEL
//! standard library (`stdlib`, with `time` for durations and timestamps),
//! the cel-go extensions Kubernetes enables (`optional`, `strings` with
//! `format`, `lists`, `sets`, `comprehensions`), the Kubernetes libraries
//! (`regex`, `quantity`, `semver`, `url`, `ip` with CIDRs, `named_format`,
//! `authz`) and DRA's own (`dra`).

pub mod authz;
pub mod comprehensions;
pub mod dra;
pub mod format;
pub mod ip;
pub mod lists;
pub mod named_format;
pub mod optional;
pub mod quantity;
pub mod regex;
pub mod semver;
pub mod sets;
pub mod stdlib;
pub mod strings;
pub mod time;
pub mod url;
