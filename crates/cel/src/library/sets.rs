//! cel-go's sets extension: `sets.contains`, `sets.equivalent`,
//! `sets.intersects` on lists.

use crate::cost::{default_call, size_estimate, Cost, CostModel, Est};
use crate::env::decls::Function;
use crate::eval::values::{equals, EvalError, EvalResult, List, Value};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("sets.contains", Cost::Model(&SETS)).global(
            "list_sets_contains_list",
            "list(T), list(T) -> bool",
            Some(contains),
        ),
        Function::new("sets.equivalent", Cost::Model(&SETS)).global(
            "list_sets_equivalent_list",
            "list(T), list(T) -> bool",
            Some(equivalent),
        ),
        Function::new("sets.intersects", Cost::Model(&SETS)).global(
            "list_sets_intersects_list",
            "list(T), list(T) -> bool",
            Some(intersects),
        ),
    ]
}

/// Every element of one list looked up in the other (`sets.equivalent`:
/// both ways).
static SETS: CostModel = CostModel {
    estimate: |call| match call.args {
        [a, b] => {
            let factor = both_ways(call.overload);
            let pairs = size_estimate(a).mul(size_estimate(b));
            (pairs.factor(factor).add(Est::fixed(1)), None)
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "list_sets_contains_list" | "list_sets_intersects_list" | "list_sets_equivalent_list" => {
            let factor = both_ways(call.overload);
            1 + (call.size(0).saturating_mul(call.size(1)) as f64 * factor) as u64
        }
        _ => 1,
    },
};

/// 2 for `sets.equivalent`, which looks both ways; 1 otherwise.
fn both_ways(overload: &str) -> f64 {
    if overload == "list_sets_equivalent_list" {
        2.0
    } else {
        1.0
    }
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
