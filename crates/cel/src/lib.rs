//! CEL for DRA device selectors, as Kubernetes compiles and evaluates them:
//! a parser of cel-go's grammar (with its syntax errors and macros), a type
//! checker, cost estimator and evaluator of the Kubernetes DRA CEL
//! environment.
//!
//! Pipeline: [`parse`] (with size and depth guards) → [`check`] (types and
//! overloads against [`env`], the declarations of [`library`]) → output type
//! check → [`cost`] (the static estimate) → [`eval::program`] (planning,
//! with what cel-go's optimizer does there, as Kubernetes turns it on:
//! constants folded, `in` over a constant list made a set lookup, see
//! `eval::membership`) → [`eval`] (evaluation with runtime cost tracking).
//!
//! The functions of the environment live in [`library`], one file per
//! library (the standard library, the cel-go extensions, the Kubernetes
//! libraries, DRA's own), each with the declarations, implementations and
//! costs of its functions.

use std::collections::BTreeMap;

use dra_api::api::{Device, DeviceAttribute, DeviceCapacity};

mod check;
mod cost;
mod env;
mod eval;
mod library;
mod parse;
mod types;

pub mod declarations;
pub mod syntax;

use env::decls;
use eval::{device, program, values};
use library::time;
use parse::source;

pub use env::EnvType;

pub(crate) use dra_api::quantity::Quantity;
pub(crate) use dra_api::semver::Version;

/// The runtime cost limit of a selector (resource.k8s.io CELSelectorExpressionMaxCost).
/// API validation also rejects selectors whose estimated cost is above it.
pub const SELECTOR_MAX_COST: u64 = 1_000_000;

/// The longest selector expression API validation accepts, in bytes
/// (CELSelectorExpressionMaxLength).
pub const SELECTOR_MAX_LENGTH: usize = 10 * 1024;

/// API validation's message for a selector whose estimated cost is above
/// [`SELECTOR_MAX_COST`] (a `field.Forbidden` on `expression`).
pub const TOO_COMPLEX: &str = "too complex, exceeds cost limit";

// Programs are shared between threads (the CLI, benchmarks).
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Program>();
    assert_send_sync::<Expression>();
};

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
    /// The expression compiled, but no program could be made from it (a
    /// type conversion of a constant that fails while cel-go plans it):
    /// Kubernetes reports this as an internal error, not an invalid value.
    pub internal: bool,
}

impl CompileError {
    fn program(message: &str) -> CompileError {
        CompileError {
            message: format!("program instantiation failed: {message}"),
            offset: None,
            internal: true,
        }
    }
}

/// A runtime error, with Kubernetes' text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    /// Kubernetes' text of the error (what `DeviceMatches` returns).
    pub message: String,
}

/// What Kubernetes' allocator appends to a "no such key" runtime error
/// (`cel.EnhanceRuntimeError` of k8s.io/dynamic-resource-allocation).
pub const NO_SUCH_KEY_HINT: &str = "consider using CEL optional chaining \
    (.? followed by orValue()) or guarding the check with has() for optional fields";

impl RuntimeError {
    /// The message as the allocator reports it, after `CEL runtime error: `:
    /// a "no such key" error gets [`NO_SUCH_KEY_HINT`] appended.
    pub fn with_hint(&self) -> String {
        if self.message.contains("no such key:") {
            format!("{}. {NO_SUCH_KEY_HINT}", self.message)
        } else {
            self.message.clone()
        }
    }
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

impl<'a> DeviceInput<'a> {
    /// A device of a ResourceSlice of `driver`, as the allocator hands it to
    /// selectors.
    pub fn new(driver: &'a str, device: &'a Device) -> DeviceInput<'a> {
        DeviceInput {
            driver,
            attributes: &device.attributes,
            capacity: &device.capacity,
            allow_multiple_allocations: device.allow_multiple_allocations,
        }
    }
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
    let env = env::env(options, env_type);
    let compiled = compile_in_env(expression, env).map_err(|e| CompileError {
        message: format!("compilation failed: {}", e.message),
        ..e
    })?;
    if compiled.output != types::Type::Bool && compiled.output != env.attribute_type {
        return Err(CompileError {
            message: format!(
                "must evaluate to bool or the unknown type, not {}",
                compiled.output.display()
            ),
            offset: None,
            internal: false,
        });
    }
    if let Some(message) = &compiled.program_error {
        return Err(CompileError::program(message));
    }
    Ok(Program {
        root: compiled.root,
        slots: compiled.slots,
        estimated_cost: compiled.estimated_cost,
        cost_limit: SELECTOR_MAX_COST,
    })
}

/// A compiled expression of any result type (for tools and tests; selectors
/// use [`Program`]).
#[derive(Clone, Debug)]
pub struct Expression {
    root: program::Node,
    slots: usize,
    output: types::Type,
    estimated_cost: u64,
    globals: Vec<String>,
    uses_device: bool,
    /// Why no program can be made (see [`CompileError::internal`]).
    program_error: Option<String>,
}

impl Expression {
    /// The expression, unless no program can be made from it.
    fn into_program(self) -> Result<Expression, CompileError> {
        match &self.program_error {
            Some(message) => Err(CompileError::program(message)),
            None => Ok(self),
        }
    }
}

/// Compiles an expression of any type. Errors carry cel-go's issue text
/// (without Kubernetes' "compilation failed: " prefix).
pub fn compile_expression(
    expression: &str,
    options: &CompileOptions,
    env_type: EnvType,
) -> Result<Expression, CompileError> {
    compile_in_env(expression, env::env(options, env_type))?.into_program()
}

/// Like [`compile_expression`], with extra variables declared: each has a
/// name and a type written as in CEL (`int`, `list(string)`,
/// `map(string, dyn)`, `duration`, ...). Bind them with
/// [`Expression::evaluate_with`].
pub fn compile_expression_with_variables(
    expression: &str,
    options: &CompileOptions,
    env_type: EnvType,
    variables: &[(&str, &str)],
) -> Result<Expression, CompileError> {
    let mut e = env::env(options, env_type).clone();
    for (name, ty) in variables {
        e.variables.insert(name.to_string(), decls::parse_type(ty));
        e.globals.push(name.to_string());
    }
    compile_in_env(expression, &e)?.into_program()
}

fn compile_in_env(expression: &str, env: &env::Env) -> Result<Expression, CompileError> {
    let source = source::Source::new(expression);
    let failed = |issues: Vec<source::Issue>| {
        let offset = {
            let mut sorted: Vec<&source::Issue> = issues.iter().collect();
            sorted.sort_by_key(|i| (i.line, i.column));
            sorted.first().and_then(|i| i.offset)
        };
        CompileError {
            message: source.display(&issues),
            offset,
            internal: false,
        }
    };
    let parsed = parse::parse(&source).map_err(failed)?;
    let mut expr = parsed.expr;
    let checked = check::check(&mut expr, env, &source, &parsed.offsets).map_err(failed)?;
    let issues = check::validators::validate(&expr, &checked, &source, &parsed.offsets);
    if !issues.is_empty() {
        return Err(failed(issues));
    }
    let output = checked
        .types
        .get(&expr.id)
        .cloned()
        .unwrap_or(types::Type::Dyn);
    let estimated_cost = cost::estimate::estimate(&expr, &checked, env).max;
    let mut planner = program::Planner::new(&checked, env);
    let root = planner.plan(&expr);
    Ok(Expression {
        root,
        slots: planner.slots,
        output,
        estimated_cost,
        globals: env.globals.clone(),
        uses_device: planner.uses_device,
        program_error: planner.error,
    })
}

/// A CEL value, detached from the evaluation. Its `Display` is the value in
/// CEL literal form, on one line (see [`EvalValue::Other`] for the values
/// that have no literal).
#[derive(Clone, Debug, PartialEq)]
pub enum EvalValue {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Double(f64),
    String(String),
    Bytes(Vec<u8>),
    List(Vec<EvalValue>),
    Map(Vec<(EvalValue, EvalValue)>),
    /// An optional value: `optional.of(v)` or `optional.none()`.
    Optional(Option<Box<EvalValue>>),
    /// Any other value: its CEL type name and its printed form (a quantity's
    /// canonical string, a version, an IP address, a duration such as
    /// `3600s`, a timestamp in RFC 3339, a type name, ...).
    Other {
        type_name: String,
        text: String,
    },
}

impl Expression {
    /// The checked type of the expression, as cel-go prints it (`Type.String()`).
    pub fn output_type(&self) -> String {
        self.output.display()
    }

    /// The static cost estimate.
    pub fn estimated_cost(&self) -> u64 {
        self.estimated_cost
    }

    /// Whether the expression reads the `device` variable (so that its value
    /// depends on the device it is evaluated for).
    pub fn uses_device(&self) -> bool {
        self.uses_device
    }

    /// Evaluates the expression (with the selector cost limit).
    pub fn evaluate(&self, device: &DeviceInput<'_>) -> Result<EvalValue, RuntimeError> {
        self.evaluate_with(device, &[])
    }

    /// Evaluates the expression (with the selector cost limit), also
    /// returning the runtime cost it took, as Kubernetes tracks it.
    pub fn evaluate_with_cost(
        &self,
        device: &DeviceInput<'_>,
    ) -> Result<(EvalValue, u64), RuntimeError> {
        self.run(device, &[])
    }

    /// Evaluates the expression with values for the extra variables.
    pub fn evaluate_with(
        &self,
        device: &DeviceInput<'_>,
        bindings: &[(&str, EvalValue)],
    ) -> Result<EvalValue, RuntimeError> {
        self.run(device, bindings).map(|(value, _)| value)
    }

    fn run(
        &self,
        device: &DeviceInput<'_>,
        bindings: &[(&str, EvalValue)],
    ) -> Result<(EvalValue, u64), RuntimeError> {
        let err = |e: values::EvalError| RuntimeError { message: e.message };
        device::validate_attributes(device.attributes).map_err(err)?;
        let dev: DeviceInput<'_> = *device;
        let mut ctx = eval::Ctx::new(&dev, self.slots, SELECTOR_MAX_COST);
        ctx.globals = self
            .globals
            .iter()
            .map(|g| {
                bindings
                    .iter()
                    .find(|(n, _)| n == g)
                    .map(|(_, v)| attach(v))
            })
            .collect();
        let value = eval::eval(&self.root, &mut ctx).map_err(err)?;
        Ok((detach(&value), ctx.cost))
    }
}

fn attach(v: &EvalValue) -> values::Value<'static> {
    use values::Value as V;
    match v {
        EvalValue::Null => V::Null,
        EvalValue::Bool(b) => V::Bool(*b),
        EvalValue::Int(i) => V::Int(*i),
        EvalValue::Uint(u) => V::Uint(*u),
        EvalValue::Double(d) => V::Double(*d),
        EvalValue::String(s) => V::string(s.clone()),
        EvalValue::Bytes(b) => V::Bytes(values::Bin::R(std::rc::Rc::from(b.as_slice()))),
        EvalValue::List(l) => V::list(l.iter().map(attach).collect()),
        EvalValue::Map(m) => V::Map(values::Map::Owned(std::rc::Rc::new(values::MapData {
            entries: m.iter().map(|(k, v)| (attach(k), attach(v))).collect(),
            hashes_keys: false,
        }))),
        EvalValue::Optional(o) => V::Optional(o.as_ref().map(|v| std::rc::Rc::new(attach(v)))),
        EvalValue::Other { type_name, text } => match type_name.as_str() {
            "google.protobuf.Duration" => match time::parse_duration(text) {
                Some(d) => V::Duration(d),
                None => V::Null,
            },
            "google.protobuf.Timestamp" => match time::parse_rfc3339(text) {
                Some(t) => V::Timestamp(t),
                None => V::Null,
            },
            "type" => V::Type(values::Str::from(text.clone())),
            _ => V::Null,
        },
    }
}

fn detach(v: &values::Value<'_>) -> EvalValue {
    use values::Value as V;
    match v {
        V::Null => EvalValue::Null,
        V::Bool(b) => EvalValue::Bool(*b),
        V::Int(i) => EvalValue::Int(*i),
        V::Uint(u) => EvalValue::Uint(*u),
        V::Double(d) => EvalValue::Double(*d),
        V::String(s) => EvalValue::String(s.as_str().to_string()),
        V::Bytes(b) => EvalValue::Bytes(b.as_bytes().to_vec()),
        V::List(l) => EvalValue::List(l.iter().map(|x| detach(&x)).collect()),
        V::Map(m) => EvalValue::Map(
            m.entries()
                .unwrap_or_default()
                .iter()
                .map(|(k, v)| (detach(k), detach(v)))
                .collect(),
        ),
        V::Optional(o) => EvalValue::Optional(o.as_ref().map(|v| Box::new(detach(v)))),
        other => EvalValue::Other {
            type_name: other.type_name().to_string(),
            text: values::display(other),
        },
    }
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
            // An optional converts as the value it holds.
            values::Value::Optional(Some(inner)) if matches!(*inner, values::Value::Bool(_)) => {
                Ok((matches!(*inner, values::Value::Bool(true)), ctx.cost))
            }
            other => Err(RuntimeError {
                message: format!(
                    "CEL result of type {} could not be converted to bool: {}",
                    other.type_name(),
                    bool_conversion_error(&other)
                ),
            }),
        }
    }

    /// The static cost estimate of the expression, as upstream computes it.
    pub fn estimated_cost(&self) -> u64 {
        self.estimated_cost
    }

    /// Whether API validation rejects the selector as too expensive
    /// (estimated cost above [`SELECTOR_MAX_COST`]; see [`TOO_COMPLEX`]).
    pub fn exceeds_cost_limit(&self) -> bool {
        self.estimated_cost > SELECTOR_MAX_COST
    }

    /// The same program with another runtime cost limit.
    pub fn with_cost_limit(mut self, limit: u64) -> Program {
        self.cost_limit = limit;
        self
    }
}

/// cel-go's error converting a non-bool result to a Go bool.
fn bool_conversion_error(v: &values::Value<'_>) -> String {
    use values::Value as V;
    match v {
        V::Int(_) => "unsupported type conversion from 'int' to bool".into(),
        V::Uint(_) => "unsupported type conversion from 'uint' to bool".into(),
        V::Double(_) => "type conversion error from Double to 'bool'".into(),
        V::String(_) => "unsupported native conversion from string to 'bool'".into(),
        V::Bytes(_) => "type conversion error from Bytes to 'bool'".into(),
        V::List(_) => "type conversion error from list to 'bool'".into(),
        V::Map(_) => "type conversion error from map to 'bool'".into(),
        V::Null => "type conversion error from 'null_type' to 'bool'".into(),
        V::Duration(_) => "type conversion error from 'Duration' to 'bool'".into(),
        V::Timestamp(_) => "type conversion error from 'Timestamp' to 'bool'".into(),
        V::Type(_) => "type conversion not supported for 'type'".into(),
        V::Optional(None) => "optional.none() dereference".into(),
        V::Optional(Some(inner)) => bool_conversion_error(inner),
        V::Quantity(_) => "type conversion error from 'Quantity' to 'bool'".into(),
        V::Semver(_) => "type conversion error from 'Semver' to 'bool'".into(),
        V::Url(_) => "type conversion error from 'URL' to 'bool'".into(),
        V::Ip(_) => "type conversion error from 'IP' to 'bool'".into(),
        V::Cidr(_) => "type conversion error from 'CIDR' to 'bool'".into(),
        V::Format(_) => "type conversion error from 'Format' to 'bool'".into(),
        V::Bool(_) => String::new(),
    }
}

/// Go's `time.ParseDuration` (`90s`, `1m30s`, `1.5h`), in nanoseconds; None
/// when the text is not a duration or it overflows.
pub fn parse_go_duration(text: &str) -> Option<i64> {
    library::time::parse_duration(text).map(|d| d.0)
}
