//! What expressions cost, as Kubernetes limits them: the static estimate of
//! a checked expression ([`estimate`], cel-go's estimator with the size
//! limits of the `device` variable, [`sizes`]) and the runtime cost of each
//! call, charged by the evaluator.
//!
//! Every function of the environment declares its [`Cost`] where it is
//! declared (`crate::library`): a fixed cost, a [`CostModel`] of its
//! library (the estimate and the runtime cost together), or, for the
//! operators the evaluator implements itself, [`Cost::Operator`]. What
//! several libraries share is here: the vocabulary ([`Est`], [`Node`]), the
//! factors of Kubernetes' cost functions, and the formulas built on them.

pub mod estimate;
pub mod sizes;

use crate::eval::values::Value;
use crate::parse::ast::{ExprKind, Literal};
use crate::types::Type;

/// The cost of reading one character of a string (cel-go's
/// `common.StringTraversalCostFactor`).
pub const STRING_TRAVERSAL: f64 = 0.1;
/// The cost factor of a regular expression's length (cel-go's
/// `common.RegexStringLengthCostFactor`).
pub const REGEX_STRING_LENGTH: f64 = 0.25;
/// The cost of creating a list.
pub const LIST_CREATE: u64 = 10;
/// The cost of creating a map.
pub const MAP_CREATE: u64 = 30;
/// The cost of creating a struct.
pub const STRUCT_CREATE: u64 = 40;

/// How the calls of a function are costed. Every function declares one
/// (`env::decls::Function::new`); an environment with a function of no
/// cost fails `every_function_has_one_cost`.
#[derive(Clone, Copy, Debug)]
pub enum Cost {
    /// The same cost for every call, in the estimate and at runtime (cel-go's
    /// default for a function without a cost of its own is 1).
    Fixed(u64),
    /// Computed from the call by the library that declares the function.
    Model(&'static CostModel),
    /// An operator that the planner gives a node of its own (`&&`, `||`,
    /// `?:`, `!`, `==`, `!=`, `in`, indexing, optional selection, `dyn`,
    /// `type`, `or`/`orValue`): the estimator costs it by its operator rules
    /// (`estimate`) and the evaluator charges it where it evaluates the node
    /// (a call of it that reaches the evaluator as a call costs 1).
    Operator,
}

impl PartialEq for Cost {
    fn eq(&self, other: &Cost) -> bool {
        match (self, other) {
            (Cost::Fixed(a), Cost::Fixed(b)) => a == b,
            // Models are statics: the same model is the same address.
            (Cost::Model(a), Cost::Model(b)) => std::ptr::eq(*a, *b),
            (Cost::Operator, Cost::Operator) => true,
            _ => false,
        }
    }
}

impl Cost {
    /// The runtime cost of one call.
    pub fn runtime(self, call: &RuntimeCall<'_, '_>) -> u64 {
        match self {
            Cost::Fixed(n) => n,
            Cost::Model(model) => (model.runtime)(call),
            Cost::Operator => 1,
        }
    }
}

/// A library's cost of a function: the static estimate and the runtime
/// cost of its calls, side by side. Both see the overload (the runtime one
/// sees `""` when the checker left several), and decide by it where
/// upstream does.
#[derive(Debug)]
pub struct CostModel {
    /// The cost of one call, without its arguments', and the size of its
    /// result when known.
    pub estimate: fn(&EstimateCall<'_, '_>) -> CallEstimate,
    /// The runtime cost of one call.
    pub runtime: fn(&RuntimeCall<'_, '_>) -> u64,
}

/// A call's estimated cost and, when known, the size of its result.
pub type CallEstimate = (Est, Option<Est>);

/// A call as the estimator sees it.
pub struct EstimateCall<'c, 'e> {
    /// The overload the checker resolved (one of the candidates).
    pub overload: &'c str,
    /// The receiver of a member call.
    pub target: Option<&'c Node<'e>>,
    /// The arguments, without the receiver.
    pub args: &'c [Node<'e>],
}

/// A call as the evaluator sees it.
pub struct RuntimeCall<'c, 'v> {
    /// The overload the checker resolved, or `""` when it left several.
    pub overload: &'c str,
    /// The evaluated arguments, the receiver first.
    pub args: &'c [Value<'v>],
    /// The result.
    pub result: &'c Value<'v>,
}

impl RuntimeCall<'_, '_> {
    /// The actual size of argument `i` (0 when absent).
    pub fn size(&self, i: usize) -> u64 {
        self.args.get(i).map_or(0, Value::actual_size)
    }

    /// A factor of the size of the first argument (the receiver), rounded up.
    pub fn first_times(&self, factor: f64) -> u64 {
        mul_factor(self.size(0), factor)
    }
}

/// A range (of sizes or of costs), saturating at `u64::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Est {
    pub min: u64,
    pub max: u64,
}

impl Est {
    pub const UNKNOWN: Est = Est {
        min: 0,
        max: u64::MAX,
    };

    pub fn fixed(v: u64) -> Est {
        Est { min: v, max: v }
    }

    pub fn add(self, o: Est) -> Est {
        Est {
            min: self.min.saturating_add(o.min),
            max: self.max.saturating_add(o.max),
        }
    }

    pub fn mul(self, o: Est) -> Est {
        Est {
            min: mul_sat(self.min, o.min),
            max: mul_sat(self.max, o.max),
        }
    }

    pub fn factor(self, f: f64) -> Est {
        Est {
            min: mul_factor(self.min, f),
            max: mul_factor(self.max, f),
        }
    }

    pub fn union(self, o: Est) -> Est {
        Est {
            min: self.min.min(o.min),
            max: self.max.max(o.max),
        }
    }
}

fn mul_sat(x: u64, y: u64) -> u64 {
    if y != 0 && x > u64::MAX / y {
        u64::MAX
    } else {
        x * y
    }
}

/// Multiplies by a factor, rounding up, saturating (as Go computes it).
pub fn mul_factor(x: u64, y: f64) -> u64 {
    let xf = x as f64;
    if xf > 0.0 && y > 0.0 && xf > (u64::MAX as f64) / y {
        return u64::MAX;
    }
    let c = (xf * y).ceil();
    if c >= 18_446_744_073_709_551_616.0 {
        return u64::MAX;
    }
    c as u64
}

/// What the estimator knows of an argument.
#[derive(Clone, Debug)]
pub struct Node<'e> {
    /// Where its value comes from, as cel-go's size estimator names it
    /// (`device`, `attributes`, `@items`, ...).
    pub path: Option<Vec<String>>,
    pub ty: Type,
    pub expr: Option<&'e crate::parse::ast::Expr>,
    /// Its size, as far as the estimator worked it out.
    pub computed: Option<Est>,
}

/// cel-go's estimate of a call without a cost of its own: 1, and a result
/// of unknown size.
pub fn default_call() -> CallEstimate {
    (Est::fixed(1), None)
}

/// The size of an argument, as the Kubernetes and extension libraries'
/// estimators read it: computed, else from the declared sizes of `device`.
pub fn size_estimate(n: &Node<'_>) -> Est {
    if let Some(s) = n.computed {
        return s;
    }
    sizes::device_size(n).unwrap_or(Est::UNKNOWN)
}

/// The size of an argument, as cel-go's own estimator reads it: computed,
/// else unknown.
pub fn computed_size(n: &Node<'_>) -> Est {
    n.computed.unwrap_or(Est::UNKNOWN)
}

/// The elements of a list (the keys of a map), for estimators that cost
/// them one by one.
pub fn list_element_node<'e>(list: &Node<'e>) -> Option<Node<'e>> {
    let elem = match &list.ty {
        Type::List(e) => (**e).clone(),
        Type::Map(k, _) => (**k).clone(),
        Type::Opaque(_, p) if !p.is_empty() => p[0].clone(),
        Type::TypeOf(Some(p)) => (**p).clone(),
        _ => return None,
    };
    let path = list.path.as_ref().map(|p| {
        let mut v = p.clone();
        v.push("@items".into());
        v
    });
    Some(Node {
        path,
        ty: elem,
        expr: None,
        computed: None,
    })
}

/// An argument's integer literal, as a size (`default` when it is none).
pub fn literal_uint(n: &Node<'_>, default: u64) -> u64 {
    match n.expr.map(|e| &e.kind) {
        Some(ExprKind::Literal(Literal::Int(i))) => {
            if *i < 0 {
                0
            } else {
                *i as u64
            }
        }
        _ => default,
    }
}

/// cel-go's cost of comparing two strings or byte strings (and of its
/// equality on any values): a tenth of the shorter one's length.
pub fn comparison_estimate(l: &Node<'_>, r: &Node<'_>) -> Est {
    let smallest_max = computed_size(l).max.min(computed_size(r).max);
    let min = if smallest_max > 0 { 1 } else { 0 };
    Est {
        min,
        max: smallest_max,
    }
    .factor(STRING_TRAVERSAL)
}

/// The runtime cost of comparing two values (see [`comparison_estimate`]).
pub fn comparison_runtime(l: &Value<'_>, r: &Value<'_>) -> u64 {
    mul_factor(l.actual_size().min(r.actual_size()), STRING_TRAVERSAL)
}

/// The estimate of a call that makes a list of `size` elements at `factor`
/// per element (the cel-go lists extension's estimators).
pub fn allocating_list_call(factor: f64, size: Est) -> CallEstimate {
    let cost = size
        .factor(factor)
        .add(Est::fixed(1))
        .add(Est::fixed(LIST_CREATE));
    (cost, Some(size))
}

/// The runtime cost of a call that made a list of `size` elements at
/// `factor` per element.
pub fn allocating_list_runtime(factor: f64, size: u64) -> u64 {
    (size as f64 * factor) as u64 + 1 + LIST_CREATE
}

/// The runtime cost of comparing every element of a list with every other
/// (sorting, distinct).
pub fn self_compare_runtime(list: &Value<'_>) -> u64 {
    let size = list.actual_size();
    let mut factor = 2.0;
    if size == 0 {
        return allocating_list_runtime(factor, 0);
    }
    if let Value::List(items) = list {
        if let Some(Value::String(_) | Value::Bytes(_)) = items.get(0) {
            factor += STRING_TRAVERSAL;
        }
    }
    allocating_list_runtime(factor, size * size)
}

/// The runtime cost of reading every character of a value (the strings and
/// bytes it holds; 1 for anything else).
pub fn traversal_runtime(v: &Value<'_>) -> u64 {
    match v {
        Value::String(s) => (s.as_str().len() as f64 * STRING_TRAVERSAL) as u64,
        Value::Bytes(b) => (b.as_bytes().len() as f64 * STRING_TRAVERSAL) as u64,
        Value::List(l) => l.iter().map(|x| traversal_runtime(&x)).sum(),
        Value::Map(m) => match m.entries() {
            Ok(es) => es
                .iter()
                .map(|(k, v)| traversal_runtime(k) + traversal_runtime(v))
                .sum(),
            Err(_) => 1,
        },
        _ => 1,
    }
}

/// Kubernetes' cost of a function that reads its one string argument: a
/// tenth of its length (`quantity`, `semver`, `cidr`, `isIP`, ...).
pub static STRING_ARGUMENT: CostModel = CostModel {
    estimate: |call| match call.args.first() {
        Some(arg) => (size_estimate(arg).factor(STRING_TRAVERSAL), None),
        None => default_call(),
    },
    runtime: read_first,
};

/// The runtime cost of reading the first argument (the receiver of a
/// member call) once; 1 without arguments.
pub fn read_first(call: &RuntimeCall<'_, '_>) -> u64 {
    if call.args.is_empty() {
        1
    } else {
        call.first_times(STRING_TRAVERSAL)
    }
}
