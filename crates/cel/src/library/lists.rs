//! List functions: cel-go's lists extension (version 3: `slice`,
//! `flatten`, `sort`, `sortBy`, `lists.range`, `reverse`, `distinct`) and
//! the Kubernetes lists library (`isSorted`, `sum`, `min`, `max`,
//! `indexOf`, `lastIndexOf`).

use std::cmp::Ordering;

use crate::env::decls::{Function, Trait};
use crate::eval::values::{equals, EvalError, EvalResult, GoFmt, Value};
use crate::library::stdlib::compare;

const COMPARABLE: [&str; 8] = [
    "int",
    "uint",
    "double",
    "bool",
    "duration",
    "timestamp",
    "string",
    "bytes",
];
const SUMMABLE: [&str; 4] = ["int", "uint", "double", "duration"];

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

pub fn functions() -> Vec<Function> {
    let mut sort = Function::new("sort");
    let mut sort_by = Function::new("@sortByAssociatedKeys");
    let mut is_sorted = Function::new("isSorted");
    let mut max = Function::new("max");
    let mut min = Function::new("min");
    for t in COMPARABLE {
        sort = sort.member(
            leak(format!("list_{t}_sort")),
            &format!("list({t}) -> list({t})"),
            None,
        );
        sort_by = sort_by.member(
            leak(format!("list_{t}_sortByAssociatedKeys")),
            &format!("list(T), list({t}) -> list(T)"),
            None,
        );
        is_sorted = is_sorted.member(
            leak(format!("list_{t}_is_sorted_bool")),
            &format!("list({t}) -> bool"),
            Some(is_sorted_impl),
        );
        max = max.member(
            leak(format!("list_{t}_max_{t}")),
            &format!("list({t}) -> {t}"),
            Some(max_impl),
        );
        min = min.member(
            leak(format!("list_{t}_min_{t}")),
            &format!("list({t}) -> {t}"),
            Some(min_impl),
        );
    }
    let mut sum = Function::new("sum");
    for t in SUMMABLE {
        let imp: crate::env::decls::Fun = match t {
            "int" => sum_int,
            "uint" => sum_uint,
            "double" => sum_double,
            _ => sum_duration,
        };
        sum = sum.member(
            leak(format!("list_{t}_sum_{t}")),
            &format!("list({t}) -> {t}"),
            Some(imp),
        );
    }
    vec![
        Function::new("slice").member("list_slice", "list(T), int, int -> list(T)", Some(slice)),
        Function::new("flatten")
            .member("list_flatten", "list(list(T)) -> list(T)", Some(flatten))
            .member(
                "list_flatten_int",
                "list(dyn), int -> list(dyn)",
                Some(flatten),
            )
            .no_guards(),
        sort.singleton(Some(Trait::Lister), sort_impl),
        sort_by.singleton(Some(Trait::Lister), sort_by_impl),
        Function::new("lists.range").global("lists_range", "int -> list(int)", Some(range)),
        Function::new("reverse").member("list_reverse", "list(T) -> list(T)", Some(reverse)),
        Function::new("distinct").member("list_distinct", "list(T) -> list(T)", Some(distinct)),
        is_sorted,
        sum,
        max,
        min,
        Function::new("indexOf").member("list_a_index_of_int", "list(A), A -> int", Some(index_of)),
        Function::new("lastIndexOf").member(
            "list_a_last_index_of_int",
            "list(A), A -> int",
            Some(last_index_of),
        ),
    ]
}

fn list<'v, 'a>(v: &'v Value<'a>) -> Result<&'v crate::eval::values::List<'a>, EvalError> {
    match v {
        Value::List(l) => Ok(l),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn int(v: &Value<'_>) -> Result<i64, EvalError> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn slice<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let l = list(&a[0])?;
    let (start, end) = (int(&a[1])?, int(&a[2])?);
    if start < 0 || end < 0 {
        return Err(EvalError::new(format!(
            "cannot slice({start}, {end}), negative indexes not supported"
        )));
    }
    if start > end {
        return Err(EvalError::new(format!(
            "cannot slice({start}, {end}), start index must be less than or equal to end index"
        )));
    }
    if (l.len() as i64) < end {
        return Err(EvalError::new(format!(
            "cannot slice({start}, {end}), list is length {}",
            l.len()
        )));
    }
    Ok(Value::list(
        (start as usize..end as usize)
            .filter_map(|i| l.get(i))
            .collect(),
    ))
}

fn flatten_into<'a>(l: &crate::eval::values::List<'a>, depth: i64, out: &mut Vec<Value<'a>>) {
    for v in l.iter() {
        match &v {
            Value::List(inner) if depth > 0 => flatten_into(inner, depth - 1, out),
            _ => out.push(v),
        }
    }
}

fn flatten<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let Value::List(l) = &a[0] else {
        return Err(match a.get(1) {
            Some(d) => EvalError::new(format!(
                "no such overload: {}.flatten({})",
                a[0].type_name(),
                d.type_name()
            )),
            None => EvalError::new(format!("no such overload: {}.flatten()", a[0].type_name())),
        });
    };
    let depth = match a.get(1) {
        Some(Value::Int(d)) => *d,
        Some(d) => {
            return Err(EvalError::new(format!(
                "no such overload: {}.flatten({})",
                a[0].type_name(),
                d.type_name()
            )))
        }
        None => 1,
    };
    if depth < 0 {
        return Err(EvalError::new("level must be non-negative"));
    }
    let mut out = Vec::new();
    flatten_into(l, depth, &mut out);
    Ok(Value::list(out))
}

fn sort_by_keys<'a>(items: &[Value<'a>], keys: &[Value<'a>]) -> EvalResult<'a> {
    if items.len() != keys.len() {
        return Err(EvalError::new(format!(
            "@sortByAssociatedKeys() expected a list of the same size as the associated keys list, but got {} and {} elements respectively",
            items.len(),
            keys.len()
        )));
    }
    if items.is_empty() {
        return Ok(Value::list(Vec::new()));
    }
    let first = &keys[0];
    if !Trait::Comparer.held_by(first) {
        return Err(EvalError::new("list elements must be comparable"));
    }
    if keys.iter().any(|k| k.type_name() != first.type_name()) {
        return Err(EvalError::new("list elements must have the same type"));
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by(|&i, &j| compare(&keys[i], &keys[j]).unwrap_or(Ordering::Equal));
    Ok(Value::list(
        idx.into_iter().map(|i| items[i].clone()).collect(),
    ))
}

fn sort_impl<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let items = list(&a[0])?.to_vec();
    sort_by_keys(&items, &items)
}

fn sort_by_impl<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let items = list(&a[0])?.to_vec();
    let keys = list(&a[1])?.to_vec();
    sort_by_keys(&items, &keys)
}

fn range<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let n = int(&a[0])?;
    // Its runtime cost is at least n: beyond the selector limit it can only
    // fail, so fail before allocating.
    if n > crate::SELECTOR_MAX_COST as i64 {
        return Err(EvalError::cost_limit());
    }
    Ok(Value::list((0..n.max(0)).map(Value::Int).collect()))
}

fn reverse<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let mut v = list(&a[0])?.to_vec();
    v.reverse();
    Ok(Value::list(v))
}

fn distinct<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let l = list(&a[0])?;
    let mut out: Vec<Value<'a>> = Vec::new();
    for v in l.iter() {
        if !out.iter().any(|o| matches!(equals(&v, o), Ok(true))) {
            out.push(v);
        }
    }
    Ok(Value::list(out))
}

fn is_sorted_impl<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let l = list(&a[0])?;
    let mut prev: Option<Value<'a>> = None;
    for next in l.iter() {
        if !Trait::Comparer.held_by(&next) {
            return Err(EvalError::no_such_overload());
        }
        if let Some(p) = &prev {
            if compare(p, &next)? == Ordering::Greater {
                return Ok(Value::Bool(false));
            }
        }
        prev = Some(next);
    }
    Ok(Value::Bool(true))
}

fn extreme<'a>(a: &[Value<'a>], name: &str, prefer: Ordering) -> EvalResult<'a> {
    let l = list(&a[0])?;
    let mut result: Option<Value<'a>> = None;
    for next in l.iter() {
        if !Trait::Comparer.held_by(&next) {
            return Err(EvalError::no_such_overload());
        }
        result = Some(match result {
            None => next,
            Some(r) => {
                if compare(&r, &next)? == prefer {
                    next
                } else {
                    r
                }
            }
        });
    }
    result.ok_or_else(|| EvalError::new(format!("{name} called on empty list")))
}

fn max_impl<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    extreme(a, "max", Ordering::Less)
}

fn min_impl<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    extreme(a, "min", Ordering::Greater)
}

fn sum_from<'a>(a: &[Value<'a>], zero: Value<'a>) -> EvalResult<'a> {
    let l = list(&a[0])?;
    let mut acc = zero;
    for next in l.iter() {
        if !Trait::Adder.held_by(&next) {
            return Err(EvalError::no_such_overload());
        }
        acc = crate::library::stdlib::add_values(&acc, &next)?;
    }
    Ok(acc)
}

fn sum_int<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    sum_from(a, Value::Int(0))
}

fn sum_uint<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    sum_from(a, Value::Uint(0))
}

fn sum_double<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    sum_from(a, Value::Double(0.0))
}

fn sum_duration<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    sum_from(a, Value::Duration(crate::library::time::Duration(0)))
}

fn index_of<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let l = list(&a[0])?;
    for (i, v) in l.iter().enumerate() {
        if matches!(equals(&v, &a[1]), Ok(true)) {
            return Ok(Value::Int(i as i64));
        }
    }
    Ok(Value::Int(-1))
}

fn last_index_of<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let l = list(&a[0])?;
    for i in (0..l.len()).rev() {
        if let Some(v) = l.get(i) {
            if matches!(equals(&v, &a[1]), Ok(true)) {
                return Ok(Value::Int(i as i64));
            }
        }
    }
    Ok(Value::Int(-1))
}

#[allow(dead_code)]
fn describe(v: &Value<'_>) -> String {
    GoFmt(v).to_string()
}
