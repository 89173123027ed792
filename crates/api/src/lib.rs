//! The Kubernetes vocabulary that everything else in DRA Playground speaks:
//! the API types a scenario holds ([`api`]) and the field tree of the
//! core kinds it holds untyped ([`fields`]), every Kubernetes feature gate
//! ([`feature_gates`]), exact `resource.Quantity`
//! ([`quantity`]), semantic versions ([`semver`]), and Kubernetes' rules for
//! names ([`names`]) and resource names ([`resource_names`]).
//!
//! Plain data and pure functions, with no dependency on the rest of the
//! project: the CEL environment (`dra-cel`) and the engine (`dra-engine`,
//! which re-exports these modules under the same names) build on it.

pub mod api;
pub mod feature_gates;
pub mod fields;
pub mod names;
pub mod quantity;
pub mod resource_names;
pub mod semver;
