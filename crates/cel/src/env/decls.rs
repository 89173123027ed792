//! Function declarations: overloads with their signatures (for the checker),
//! their implementations (for the evaluator) and the function's cost (for
//! both), and a small notation to write signatures in.

use crate::cost::Cost;
use crate::eval::values::{EvalError, EvalResult, Value};
use crate::types::Type;

/// An overload's implementation.
pub type Fun = for<'a> fn(&[Value<'a>]) -> EvalResult<'a>;

/// The capabilities cel-go's singleton bindings require of their first operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trait {
    Adder,
    Comparer,
    Divider,
    Indexer,
    Lister,
    Matcher,
    Modder,
    Multiplier,
    Negater,
    Sizer,
    Subtractor,
}

impl Trait {
    /// Whether a runtime value has the trait.
    pub fn held_by(self, v: &Value<'_>) -> bool {
        use Value::*;
        match self {
            Trait::Adder => matches!(
                v,
                Int(_)
                    | Uint(_)
                    | Double(_)
                    | String(_)
                    | Bytes(_)
                    | List(_)
                    | Duration(_)
                    | Timestamp(_)
            ),
            Trait::Comparer => matches!(
                v,
                Bool(_)
                    | Int(_)
                    | Uint(_)
                    | Double(_)
                    | String(_)
                    | Bytes(_)
                    | Duration(_)
                    | Timestamp(_)
            ),
            Trait::Divider => matches!(v, Int(_) | Uint(_) | Double(_)),
            Trait::Indexer => matches!(v, List(_) | Map(_)),
            Trait::Lister => matches!(v, List(_)),
            Trait::Matcher => matches!(v, String(_)),
            Trait::Modder => matches!(v, Int(_) | Uint(_)),
            Trait::Multiplier => matches!(v, Int(_) | Uint(_) | Double(_)),
            Trait::Negater => matches!(v, Bool(_) | Int(_) | Double(_) | Duration(_)),
            Trait::Sizer => matches!(v, String(_) | Bytes(_) | List(_) | Map(_)),
            Trait::Subtractor => {
                matches!(v, Int(_) | Uint(_) | Double(_) | Duration(_) | Timestamp(_))
            }
        }
    }
}

/// One overload of a function.
#[derive(Clone, Debug)]
pub struct Overload {
    pub id: &'static str,
    /// Called as `target.f(args)`; the target is the first argument type.
    pub member: bool,
    pub args: Vec<Type>,
    pub result: Type,
    /// The type parameters used in the signature.
    pub type_params: Vec<String>,
    pub imp: Option<Fun>,
}

/// A function with its overloads.
#[derive(Clone, Debug)]
pub struct Function {
    pub name: &'static str,
    pub overloads: Vec<Overload>,
    /// One implementation for every overload, guarded by an operand trait.
    pub singleton: Option<(Option<Trait>, Fun)>,
    /// Calls of a single resolved overload skip the runtime type guard.
    pub disable_type_guards: bool,
    /// What its calls cost; None on overloads added to a function that
    /// another library declares with its cost ([`Function::more`]).
    pub cost: Option<Cost>,
}

impl Function {
    /// A function of a library, with what its calls cost.
    pub fn new(name: &'static str, cost: Cost) -> Function {
        Function {
            name,
            overloads: Vec::new(),
            singleton: None,
            disable_type_guards: false,
            cost: Some(cost),
        }
    }

    /// More overloads of a function that another library declares and
    /// costs (Kubernetes costs its library functions by name: `indexOf`
    /// costs the same on a list and on a string).
    pub fn more(name: &'static str) -> Function {
        Function {
            cost: None,
            ..Function::new(name, Cost::Operator)
        }
    }

    /// A global overload: `sig` is `"arg, arg -> result"`.
    pub fn global(mut self, id: &'static str, sig: &str, imp: Option<Fun>) -> Function {
        self.overloads.push(overload(id, false, sig, imp));
        self
    }

    /// A member overload: the first argument of `sig` is the target.
    pub fn member(mut self, id: &'static str, sig: &str, imp: Option<Fun>) -> Function {
        self.overloads.push(overload(id, true, sig, imp));
        self
    }

    pub fn singleton(mut self, t: Option<Trait>, imp: Fun) -> Function {
        self.singleton = Some((t, imp));
        self
    }

    pub fn no_guards(mut self) -> Function {
        self.disable_type_guards = true;
        self
    }

    pub fn find(&self, id: &str) -> Option<&Overload> {
        self.overloads.iter().find(|o| o.id == id)
    }
}

fn overload(id: &'static str, member: bool, sig: &str, imp: Option<Fun>) -> Overload {
    let (args, result) = match sig.rsplit_once("->") {
        Some((a, r)) => (a, r),
        None => ("", sig),
    };
    let args: Vec<Type> = split_top(args)
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_type(s.trim()))
        .collect();
    let result = parse_type(result.trim());
    let mut type_params = Vec::new();
    for t in args.iter().chain(std::iter::once(&result)) {
        collect_params(t, &mut type_params);
    }
    Overload {
        id,
        member,
        args,
        result,
        type_params,
        imp,
    }
}

fn collect_params(t: &Type, out: &mut Vec<String>) {
    if let Type::Param(n) = t {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    for p in t.parameters() {
        collect_params(p, out);
    }
}

/// Splits at top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// Parses the signature notation: `int`, `list(A)`, `map(string, dyn)`,
/// `optional(A)`, `type(A)`, `Quantity`, ...; single capital letters (and
/// `K`, `V`) are type parameters.
pub fn parse_type(s: &str) -> Type {
    let s = s.trim();
    if let Some(open) = s.find('(') {
        let name = &s[..open];
        let inner = &s[open + 1..s.len() - 1];
        let params: Vec<Type> = split_top(inner).into_iter().map(parse_type).collect();
        return match name {
            "list" => Type::list(params[0].clone()),
            "map" => Type::map(params[0].clone(), params[1].clone()),
            "optional" => Type::optional(params[0].clone()),
            "type" => Type::type_of(params[0].clone()),
            other => Type::Opaque(other.to_string(), params),
        };
    }
    match s {
        "dyn" => Type::Dyn,
        "any" => Type::Any,
        "bool" => Type::Bool,
        "bytes" => Type::Bytes,
        "double" => Type::Double,
        "duration" => Type::Duration,
        "int" => Type::Int,
        "null" => Type::Null,
        "string" => Type::String,
        "timestamp" => Type::Timestamp,
        "uint" => Type::Uint,
        "type" => Type::TypeOf(None),
        "Quantity" => Type::object("kubernetes.Quantity"),
        "Semver" => Type::object("kubernetes.Semver"),
        "URL" => Type::object("kubernetes.URL"),
        "Format" => Type::object("kubernetes.NamedFormat"),
        "IP" => Type::opaque("net.IP"),
        "CIDR" => Type::opaque("net.CIDR"),
        p if p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()) => Type::param(p),
        other => Type::object(other),
    }
}

/// cel-go's `MaybeNoSuchOverload`: the "no such overload" error naming the
/// function and the runtime argument types.
pub fn no_such_overload(function: &str, args: &[Value<'_>]) -> EvalError {
    let names: Vec<&str> = args.iter().map(|a| a.type_name()).collect();
    EvalError::new(format!(
        "no such overload: {function}({})",
        names.join(", ")
    ))
}

/// Whether a runtime value matches a declared argument type (cel-go's
/// `IsAssignableRuntimeType`).
pub fn runtime_matches(t: &Type, v: &Value<'_>) -> bool {
    match t {
        Type::Dyn | Type::Any | Type::Param(_) => true,
        Type::List(elem) => match v {
            Value::List(l) => match l.get(0) {
                None => true,
                Some(first) => runtime_matches(elem, &first),
            },
            _ => false,
        },
        Type::Map(k, val) => match v {
            Value::Map(m) => match m.keys().into_iter().next() {
                None => true,
                Some(key) => {
                    let value = m.get(&key).ok().flatten().unwrap_or(Value::Null);
                    runtime_matches(k, &key) && runtime_matches(val, &value)
                }
            },
            _ => false,
        },
        Type::Null => matches!(v, Value::Null),
        other => other.type_name() == v.type_name(),
    }
}
