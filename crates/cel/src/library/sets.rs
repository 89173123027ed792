//! cel-go's sets extension: `sets.contains`, `sets.equivalent`,
//! `sets.intersects` on lists.

use crate::env::decls::Function;
use crate::eval::values::{equals, EvalError, EvalResult, List, Value};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("sets.contains").global(
            "list_sets_contains_list",
            "list(T), list(T) -> bool",
            Some(contains),
        ),
        Function::new("sets.equivalent").global(
            "list_sets_equivalent_list",
            "list(T), list(T) -> bool",
            Some(equivalent),
        ),
        Function::new("sets.intersects").global(
            "list_sets_intersects_list",
            "list(T), list(T) -> bool",
            Some(intersects),
        ),
    ]
}

fn lists<'v, 'a>(a: &'v [Value<'a>]) -> Result<(&'v List<'a>, &'v List<'a>), EvalError> {
    match (&a[0], &a[1]) {
        (Value::List(x), Value::List(y)) => Ok((x, y)),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn has(l: &List<'_>, v: &Value<'_>) -> bool {
    l.iter().any(|item| matches!(equals(v, &item), Ok(true)))
}

fn contains_all(l: &List<'_>, sub: &List<'_>) -> bool {
    sub.iter().all(|v| has(l, &v))
}

fn contains<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (l, sub) = lists(a)?;
    Ok(Value::Bool(contains_all(l, sub)))
}

fn equivalent<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (x, y) = lists(a)?;
    Ok(Value::Bool(contains_all(x, y) && contains_all(y, x)))
}

fn intersects<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (x, y) = lists(a)?;
    Ok(Value::Bool(x.iter().any(|v| has(y, &v))))
}
