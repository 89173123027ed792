//! CEL for DRA device selectors, as Kubernetes compiles and evaluates them:
//! the `cel` crate's parser, then our own type checker, cost estimator and
//! evaluator of the Kubernetes DRA CEL environment.
//!
//! Pipeline: [`parse`] (with size and depth guards) → [`checker`] → output
//! type check → [`cost`] (the static estimate) → [`program`] (planning) →
//! [`eval`] (evaluation with runtime cost tracking).

use std::collections::BTreeMap;

use crate::api::{DeviceAttribute, DeviceCapacity};

mod ast;
mod authz;
mod checker;
mod comprehensions;
mod cost;
mod decls;
mod device;
mod dra;
mod env;
mod eval;
mod format;
mod glue;
mod guard;
mod ip;
mod lists;
mod optional;
mod parse;
mod program;
mod quantity;
mod regex;
mod runtime_cost;
mod semver;
mod sets;
mod source;
mod stdlib;
mod strings;
mod time;
mod types;
mod url;
mod values;

pub use env::EnvType;

pub(crate) use crate::quantity::Quantity;
pub(crate) use crate::semver::Version;

/// The runtime cost limit of a selector (resource.k8s.io CELSelectorExpressionMaxCost).
pub const SELECTOR_MAX_COST: u64 = 1_000_000;

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
    root: program::Node,
    slots: usize,
    estimated_cost: u64,
    cost_limit: u64,
}

/// Compiles an expression in the DRA environment the scheduler uses
/// (Kubernetes' `StoredExpressions`: every declaration, whatever the
/// feature gates).
pub fn compile(expression: &str, options: &CompileOptions) -> Result<Program, CompileError> {
    compile_in(expression, options, EnvType::StoredExpressions)
}

/// Compiles an expression in the given environment: `NewExpressions` is
/// what API validation uses for new selectors (declarations gated by the
/// feature gates).
pub fn compile_in(
    expression: &str,
    options: &CompileOptions,
    env_type: EnvType,
) -> Result<Program, CompileError> {
    let source = source::Source::new(expression);
    let failed = |issues: Vec<source::Issue>| {
        let offset = {
            let mut sorted: Vec<&source::Issue> = issues.iter().collect();
            sorted.sort_by_key(|i| (i.line, i.column));
            sorted.first().and_then(|i| i.offset)
        };
        CompileError {
            message: format!("compilation failed: {}", source.display(&issues)),
            offset,
        }
    };
    let parsed = parse::parse(&source).map_err(failed)?;
    let env = env::env(options, env_type);
    let mut expr = parsed.expr;
    let checked = checker::check(&mut expr, env, &source, &parsed.offsets).map_err(failed)?;
    let output = checked
        .types
        .get(&expr.id)
        .cloned()
        .unwrap_or(types::Type::Dyn);
    if output != types::Type::Bool && output != env.attribute_type {
        return Err(CompileError {
            message: format!(
                "must evaluate to bool or the unknown type, not {}",
                output.display()
            ),
            offset: None,
        });
    }
    let estimated_cost = cost::estimate(&expr, &checked).max;
    let mut planner = program::Planner::new(&checked, env);
    let root = planner.plan(&expr);
    Ok(Program {
        root,
        slots: planner.slots,
        estimated_cost,
        cost_limit: SELECTOR_MAX_COST,
    })
}

impl Program {
    /// Evaluates the selector against a device.
    pub fn evaluate(&self, device: &DeviceInput<'_>) -> Result<bool, RuntimeError> {
        self.evaluate_with_cost(device).map(|(b, _)| b)
    }

    /// Evaluates the selector, also returning the runtime cost it took.
    pub fn evaluate_with_cost(
        &self,
        device: &DeviceInput<'_>,
    ) -> Result<(bool, u64), RuntimeError> {
        let err = |e: values::EvalError| RuntimeError { message: e.message };
        device::validate_attributes(device.attributes).map_err(err)?;
        let dev: DeviceInput<'_> = *device;
        let mut ctx = eval::Ctx::new(&dev, self.slots, self.cost_limit);
        let value = eval::eval(&self.root, &mut ctx).map_err(err)?;
        match value {
            values::Value::Bool(b) => Ok((b, ctx.cost)),
            other => {
                let name = other.type_name();
                let short = match name {
                    "list" | "map" => name,
                    _ => name,
                };
                Err(RuntimeError {
                    message: format!(
                        "CEL result of type {short} could not be converted to bool: type conversion error from {} to 'bool'",
                        conversion_name(&other)
                    ),
                })
            }
        }
    }

    /// The static cost estimate of the expression, as upstream computes it.
    pub fn estimated_cost(&self) -> u64 {
        self.estimated_cost
    }

    /// The same program with another runtime cost limit.
    pub fn with_cost_limit(mut self, limit: u64) -> Program {
        self.cost_limit = limit;
        self
    }
}

/// How cel-go names a value type in "type conversion error from X".
fn conversion_name(v: &values::Value<'_>) -> String {
    match v {
        values::Value::List(_) => "list".into(),
        values::Value::Map(_) => "map".into(),
        values::Value::Int(_) => "Int".into(),
        values::Value::Uint(_) => "Uint".into(),
        values::Value::Double(_) => "Double".into(),
        values::Value::String(_) => "String".into(),
        other => format!("'{}'", other.type_name()),
    }
}
