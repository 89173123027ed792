//! cel-go's optional library: `optional.of`, `optional.ofNonZeroValue`,
//! `optional.none`, `value`, `hasValue`, `or`, `orValue` (the last two are
//! evaluated lazily by the evaluator), optional selection and indexing,
//! `first`, `last`, `optional.unwrap` and `unwrapOpt`.

use std::rc::Rc;

use crate::cost::Cost;
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, GoFmt, Value};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("optional.of", Cost::Fixed(1)).global(
            "optional_of",
            "V -> optional(V)",
            Some(of),
        ),
        Function::new("optional.ofNonZeroValue", Cost::Fixed(1)).global(
            "optional_ofNonZeroValue",
            "V -> optional(V)",
            Some(of_non_zero),
        ),
        Function::new("optional.none", Cost::Fixed(1)).global(
            "optional_none",
            " -> optional(V)",
            Some(none),
        ),
        Function::new("value", Cost::Fixed(1)).member(
            "optional_value",
            "optional(V) -> V",
            Some(value),
        ),
        Function::new("hasValue", Cost::Fixed(1)).member(
            "optional_hasValue",
            "optional(V) -> bool",
            Some(has_value),
        ),
        Function::new("or", Cost::Operator).member(
            "optional_or_optional",
            "optional(V), optional(V) -> optional(V)",
            None,
        ),
        Function::new("orValue", Cost::Operator).member(
            "optional_orValue_value",
            "optional(V), V -> V",
            None,
        ),
        Function::new("_?._", Cost::Operator).global(
            "select_optional_field",
            "dyn, string -> optional(V)",
            None,
        ),
        Function::new("_[?_]", Cost::Operator)
            .global(
                "list_optindex_optional_int",
                "list(V), int -> optional(V)",
                None,
            )
            .global(
                "optional_list_optindex_optional_int",
                "optional(list(V)), int -> optional(V)",
                None,
            )
            .global(
                "map_optindex_optional_value",
                "map(K, V), K -> optional(V)",
                None,
            )
            .global(
                "optional_map_optindex_optional_value",
                "optional(map(K, V)), K -> optional(V)",
                None,
            ),
        Function::more("_[_]")
            .global(
                "optional_list_index_int",
                "optional(list(V)), int -> optional(V)",
                None,
            )
            .global(
                "optional_map_index_value",
                "optional(map(K, V)), K -> optional(V)",
                None,
            ),
        Function::new("last", Cost::Fixed(1)).member(
            "list_last",
            "list(V) -> optional(V)",
            Some(last),
        ),
        Function::new("first", Cost::Fixed(1)).member(
            "list_first",
            "list(V) -> optional(V)",
            Some(first),
        ),
        Function::new("optional.unwrap", Cost::Fixed(1)).global(
            "optional_unwrap",
            "list(optional(V)) -> list(V)",
            Some(unwrap),
        ),
        Function::new("unwrapOpt", Cost::Fixed(1)).member(
            "optional_unwrapOpt",
            "list(optional(V)) -> list(V)",
            Some(unwrap),
        ),
    ]
}

fn some<'a>(v: Value<'a>) -> Value<'a> {
    Value::Optional(Some(Rc::new(v)))
}

fn of<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(some(a[0].clone()))
}

/// cel-go's `IsZeroValue`.
pub fn is_zero(v: &Value<'_>) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Int(i) => *i == 0,
        Value::Uint(u) => *u == 0,
        Value::Double(d) => *d == 0.0,
        Value::String(s) => s.as_str().is_empty(),
        Value::Bytes(b) => b.as_bytes().is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Map(m) => m.is_empty(),
        Value::Duration(d) => d.0 == 0,
        Value::Timestamp(t) => t.secs == -62_135_596_800 && t.nanos == 0,
        _ => false,
    }
}

fn of_non_zero<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    if is_zero(&a[0]) {
        Ok(Value::Optional(None))
    } else {
        Ok(some(a[0].clone()))
    }
}

fn none<'a>(_a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Optional(None))
}

fn value<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::Optional(Some(v)) => Ok((**v).clone()),
        Value::Optional(None) => Err(EvalError::new("optional.none() dereference")),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn has_value<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::Optional(o) => Ok(Value::Bool(o.is_some())),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn last<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::List(l) => Ok(match l.len() {
            0 => Value::Optional(None),
            n => Value::Optional(l.get(n - 1).map(Rc::new)),
        }),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn first<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::List(l) => Ok(Value::Optional(l.get(0).map(Rc::new))),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn unwrap<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let Value::List(l) = &a[0] else {
        return Err(EvalError::no_such_overload());
    };
    let mut out = Vec::new();
    for item in l.iter() {
        match item {
            Value::Optional(Some(v)) => out.push((*v).clone()),
            Value::Optional(None) => {}
            other => {
                return Err(EvalError::new(format!(
                    "value {} is not optional",
                    GoFmt(&other)
                )))
            }
        }
    }
    Ok(Value::list(out))
}
