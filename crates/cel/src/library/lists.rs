//! List functions: cel-go's lists extension (version 3: `slice`,
//! `flatten`, `sort`, `sortBy`, `lists.range`, `reverse`, `distinct`) and
//! the Kubernetes lists library (`isSorted`, `sum`, `min`, `max`,
//! `indexOf`, `lastIndexOf`).

use std::cmp::Ordering;

use crate::cost::{
    allocating_list_call, allocating_list_runtime, default_call, list_element_node, literal_uint,
    self_compare_runtime, size_estimate, traversal_runtime, CallEstimate, Cost, CostModel, Est,
    Node, RuntimeCall, STRING_TRAVERSAL,
};
use crate::env::decls::{Function, Trait};
use crate::eval::values::{equals, EvalError, EvalResult, GoFmt, Value};
use crate::library::stdlib::compare;
use crate::types::Type;

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
    let mut sort = Function::new("sort", Cost::Model(&SORT));
    let mut sort_by = Function::new("@sortByAssociatedKeys", Cost::Model(&SORT_BY));
    let mut is_sorted = Function::new("isSorted", Cost::Model(&ELEMENTS));
    let mut max = Function::new("max", Cost::Model(&ELEMENTS));
    let mut min = Function::new("min", Cost::Model(&ELEMENTS));
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
    let mut sum = Function::new("sum", Cost::Model(&ELEMENTS));
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
        Function::new("slice", Cost::Model(&SLICE)).member(
            "list_slice",
            "list(T), int, int -> list(T)",
            Some(slice),
        ),
        Function::new("flatten", Cost::Model(&FLATTEN))
            .member("list_flatten", "list(list(T)) -> list(T)", Some(flatten))
            .member(
                "list_flatten_int",
                "list(dyn), int -> list(dyn)",
                Some(flatten),
            )
            .no_guards(),
        sort.singleton(Some(Trait::Lister), sort_impl),
        sort_by.singleton(Some(Trait::Lister), sort_by_impl),
        Function::new("lists.range", Cost::Model(&RANGE)).global(
            "lists_range",
            "int -> list(int)",
            Some(range),
        ),
        Function::new("reverse", Cost::Model(&REVERSE)).member(
            "list_reverse",
            "list(T) -> list(T)",
            Some(reverse),
        ),
        Function::new("distinct", Cost::Model(&DISTINCT)).member(
            "list_distinct",
            "list(T) -> list(T)",
            Some(distinct),
        ),
        is_sorted,
        sum,
        max,
        min,
        Function::new("indexOf", Cost::Model(&ELEMENTS)).member(
            "list_a_index_of_int",
            "list(A), A -> int",
            Some(index_of),
        ),
        Function::new("lastIndexOf", Cost::Model(&ELEMENTS)).member(
            "list_a_last_index_of_int",
            "list(A), A -> int",
            Some(last_index_of),
        ),
    ]
}

/// `slice`: a list of `end - start` elements (cel-go's lists extension).
static SLICE: CostModel = CostModel {
    estimate: |call| match (call.target, call.args) {
        (Some(list), [start, end]) => {
            let size = size_estimate(list);
            let start = literal_uint(start, 0);
            let end = literal_uint(end, size.max);
            allocating_list_call(1.0, Est::fixed(end.wrapping_sub(start)))
        }
        _ => default_call(),
    },
    runtime: made_list,
};

/// `lists.range(n)`: a list of `n` elements.
static RANGE: CostModel = CostModel {
    estimate: |call| match (call.target, call.args) {
        (None, [n]) => allocating_list_call(1.0, Est::fixed(literal_uint(n, u64::MAX))),
        _ => default_call(),
    },
    runtime: made_list,
};

/// `reverse`: a list as long as the receiver.
static REVERSE: CostModel = CostModel {
    estimate: |call| match (call.target, call.args) {
        (Some(list), []) => allocating_list_call(1.0, size_estimate(list)),
        _ => default_call(),
    },
    runtime: made_list,
};

/// `flatten(depth)`: the receiver's elements, `depth` times.
static FLATTEN: CostModel = CostModel {
    estimate: |call| match (call.target, call.args) {
        (Some(list), args) if args.len() <= 1 => {
            let depth = match args {
                [depth] => literal_uint(depth, u64::MAX),
                _ => 1,
            };
            allocating_list_call(depth as f64, size_estimate(list))
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "list_flatten" | "list_flatten_int" => {
            let depth = match call.args.get(1) {
                Some(Value::Int(d)) => *d as f64,
                _ => 1.0,
            };
            allocating_list_runtime(depth, call.size(0))
        }
        _ => 1,
    },
};

/// `distinct`: every element compared with every other.
static DISTINCT: CostModel = CostModel {
    estimate: |call| match (call.target, call.args) {
        (Some(list), []) => {
            let size = size_estimate(list);
            allocating_list_call(2.0, size.mul(size))
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "list_distinct" => call.args.first().map_or(1, self_compare_runtime),
        _ => 1,
    },
};

/// `sort`: every element compared with every other.
static SORT: CostModel = CostModel {
    estimate: |call| match (call.target, call.args, sorted_type(call.overload, "_sort")) {
        (Some(list), [], Some(elem)) => sort_estimate(list, elem),
        _ => default_call(),
    },
    runtime: |call| match sorted_type(call.overload, "_sort") {
        Some(_) => call.args.first().map_or(1, self_compare_runtime),
        None => 1,
    },
};

/// `sortBy` (`@sortByAssociatedKeys`): every key compared with every other.
static SORT_BY: CostModel = CostModel {
    estimate: |call| match (
        call.target,
        call.args,
        sorted_type(call.overload, "_sortByAssociatedKeys"),
    ) {
        (Some(_), [keys], Some(elem)) => sort_estimate(keys, elem),
        _ => default_call(),
    },
    runtime: |call| match sorted_type(call.overload, "_sortByAssociatedKeys") {
        Some(_) => call.args.get(1).map_or(1, self_compare_runtime),
        None => 1,
    },
};

/// `isSorted`, `sum`, `max`, `min`, `indexOf`, `lastIndexOf` (on lists, and
/// on strings for the strings extension's `indexOf` and `lastIndexOf`:
/// Kubernetes costs them by name): every element read once.
pub static ELEMENTS: CostModel = CostModel {
    estimate: |call| {
        let Some(list) = call.target else {
            return default_call();
        };
        let Some(element) = list_element_node(list) else {
            return (size_estimate(list).factor(STRING_TRAVERSAL), None);
        };
        let mut per_element = Est::fixed(1);
        if matches!(element.ty, Type::String | Type::Bytes) {
            per_element = per_element.add(size_estimate(&element).factor(STRING_TRAVERSAL));
        }
        (size_estimate(list).mul(per_element), None)
    },
    runtime: |call| call.args.first().map_or(0, traversal_runtime),
};

/// The runtime cost of a call that made the list it returns.
fn made_list(call: &RuntimeCall<'_, '_>) -> u64 {
    match call.overload {
        "list_slice" | "lists_range" | "list_reverse" => {
            allocating_list_runtime(1.0, call.result.actual_size())
        }
        _ => 1,
    }
}

/// The element type of a `list_<type><suffix>` overload.
fn sorted_type<'o>(overload: &'o str, suffix: &str) -> Option<&'o str> {
    overload.strip_prefix("list_")?.strip_suffix(suffix)
}

/// The estimate of sorting `list`, of elements of type `elem`.
fn sort_estimate(list: &Node<'_>, elem: &str) -> CallEstimate {
    let size = size_estimate(list);
    let mut factor = 2.0;
    if elem == "string" || elem == "bytes" {
        factor += STRING_TRAVERSAL;
    }
    allocating_list_call(factor, size.mul(size))
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
