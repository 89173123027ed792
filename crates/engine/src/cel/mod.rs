//! CEL for DRA device selectors: compile (parse with the `cel` crate's parser,
//! then type-check in the Kubernetes DRA environment) and evaluate against one
//! device. INTERFACE STUB until the cel branch lands.

use std::collections::BTreeMap;

use crate::api::{DeviceAttribute, DeviceCapacity};

/// Which optional parts of the environment are enabled (by feature gates).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CompileOptions {
    /// DRAListTypeAttributes: list-typed attribute values and `includes`.
    pub list_type_attributes: bool,
    /// DRAConsumableCapacity: `device.allowMultipleAllocations`.
    pub consumable_capacity: bool,
}

/// A compile error, positioned inside the expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Kubernetes' text of the error.
    pub message: String,
    /// Character offset inside the expression where the error is, if known.
    pub offset: Option<usize>,
}

/// A runtime error, with Kubernetes' text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    /// Kubernetes' text of the error.
    pub message: String,
}

/// The device a selector is evaluated against.
#[derive(Clone, Copy, Debug)]
pub struct DeviceInput<'a> {
    /// The driver that publishes the device.
    pub driver: &'a str,
    /// Attributes as published; unqualified names belong to the driver's domain.
    pub attributes: &'a BTreeMap<String, DeviceAttribute>,
    /// Capacities as published; unqualified names belong to the driver's domain.
    pub capacity: &'a BTreeMap<String, DeviceCapacity>,
    /// The device's allowMultipleAllocations field.
    pub allow_multiple_allocations: Option<bool>,
}

/// A compiled selector expression.
#[derive(Clone, Debug)]
pub struct Program {
    _private: (),
}

/// Compiles an expression in the DRA environment.
pub fn compile(_expression: &str, _options: &CompileOptions) -> Result<Program, CompileError> {
    Err(CompileError {
        message: "CEL is not implemented yet".into(),
        offset: None,
    })
}

impl Program {
    /// Evaluates the selector against a device.
    pub fn evaluate(&self, _device: &DeviceInput<'_>) -> Result<bool, RuntimeError> {
        Err(RuntimeError {
            message: "CEL is not implemented yet".into(),
        })
    }

    /// The static cost estimate of the expression, as upstream computes it.
    pub fn estimated_cost(&self) -> u64 {
        0
    }
}
