//! CEL for DRA selectors.
