//! The CEL standard library: operators, conversions, `size`, and the
//! string predicates (the time functions are in `time`).

use std::cmp::Ordering;
use std::rc::Rc;

use crate::cost::{
    comparison_estimate, comparison_runtime, computed_size, default_call, mul_factor, Cost,
    CostModel, Est, REGEX_STRING_LENGTH, STRING_TRAVERSAL,
};
use crate::env::decls::{Function, Trait};
use crate::eval::values::{numeric_cmp, Bin, EvalError, EvalResult, Str, Value};
use crate::library::time::{self, Duration, Timestamp};

fn f(name: &'static str, cost: Cost) -> Function {
    Function::new(name, cost)
}

pub fn functions() -> Vec<Function> {
    vec![
        f("_?_:_", Cost::Operator).global("conditional", "bool, A, A -> A", None),
        f("_&&_", Cost::Operator).global("logical_and", "bool, bool -> bool", None),
        f("_||_", Cost::Operator).global("logical_or", "bool, bool -> bool", None),
        f("!_", Cost::Operator).global("logical_not", "bool -> bool", None),
        f("@not_strictly_false", Cost::Operator).global("not_strictly_false", "bool -> bool", None),
        f("_==_", Cost::Operator).global("equals", "A, A -> bool", None),
        f("_!=_", Cost::Operator).global("not_equals", "A, A -> bool", None),
        f("_+_", Cost::Model(&ADD))
            .global("add_bytes", "bytes, bytes -> bytes", None)
            .global("add_double", "double, double -> double", None)
            .global(
                "add_duration_duration",
                "duration, duration -> duration",
                None,
            )
            .global(
                "add_duration_timestamp",
                "duration, timestamp -> timestamp",
                None,
            )
            .global(
                "add_timestamp_duration",
                "timestamp, duration -> timestamp",
                None,
            )
            .global("add_int64", "int, int -> int", None)
            .global("add_list", "list(A), list(A) -> list(A)", None)
            .global("add_string", "string, string -> string", None)
            .global("add_uint64", "uint, uint -> uint", None)
            .singleton(Some(Trait::Adder), add),
        f("_/_", Cost::Fixed(1))
            .global("divide_double", "double, double -> double", None)
            .global("divide_int64", "int, int -> int", None)
            .global("divide_uint64", "uint, uint -> uint", None)
            .singleton(Some(Trait::Divider), divide),
        f("_%_", Cost::Fixed(1))
            .global("modulo_int64", "int, int -> int", None)
            .global("modulo_uint64", "uint, uint -> uint", None)
            .singleton(Some(Trait::Modder), modulo),
        f("_*_", Cost::Fixed(1))
            .global("multiply_double", "double, double -> double", None)
            .global("multiply_int64", "int, int -> int", None)
            .global("multiply_uint64", "uint, uint -> uint", None)
            .singleton(Some(Trait::Multiplier), multiply),
        f("-_", Cost::Fixed(1))
            .global("negate_double", "double -> double", None)
            .global("negate_int64", "int -> int", None)
            .singleton(Some(Trait::Negater), negate),
        f("_-_", Cost::Fixed(1))
            .global("subtract_double", "double, double -> double", None)
            .global(
                "subtract_duration_duration",
                "duration, duration -> duration",
                None,
            )
            .global("subtract_int64", "int, int -> int", None)
            .global(
                "subtract_timestamp_duration",
                "timestamp, duration -> timestamp",
                None,
            )
            .global(
                "subtract_timestamp_timestamp",
                "timestamp, timestamp -> duration",
                None,
            )
            .global("subtract_uint64", "uint, uint -> uint", None)
            .singleton(Some(Trait::Subtractor), subtract),
        relation("_<_", "less", less),
        relation("_<=_", "less_equals", less_equals),
        relation("_>_", "greater", greater),
        relation("_>=_", "greater_equals", greater_equals),
        f("_[_]", Cost::Operator)
            .global("index_list", "list(A), int -> A", None)
            .global("index_map", "map(A, B), A -> B", None)
            .singleton(Some(Trait::Indexer), |a| {
                crate::eval::index_value(&a[0], &a[1])
            }),
        f("@in", Cost::Operator)
            .global("in_list", "A, list(A) -> bool", None)
            .global("in_map", "A, map(A, B) -> bool", None),
        f("size", Cost::Fixed(1))
            .global("size_bytes", "bytes -> int", None)
            .member("bytes_size", "bytes -> int", None)
            .global("size_list", "list(A) -> int", None)
            .member("list_size", "list(A) -> int", None)
            .global("size_map", "map(A, B) -> int", None)
            .member("map_size", "map(A, B) -> int", None)
            .global("size_string", "string -> int", None)
            .member("string_size", "string -> int", None)
            .singleton(Some(Trait::Sizer), size),
        f("type", Cost::Operator).global("type", "A -> type(A)", None),
        f("bool", Cost::Fixed(1))
            .global("bool_to_bool", "bool -> bool", Some(identity))
            .global("string_to_bool", "string -> bool", Some(string_to_bool)),
        f("bytes", Cost::Model(&CONVERSION))
            .global("bytes_to_bytes", "bytes -> bytes", Some(identity))
            .global("string_to_bytes", "string -> bytes", Some(string_to_bytes)),
        f("double", Cost::Fixed(1))
            .global("double_to_double", "double -> double", Some(identity))
            .global("int64_to_double", "int -> double", Some(to_double))
            .global("string_to_double", "string -> double", Some(to_double))
            .global("uint64_to_double", "uint -> double", Some(to_double)),
        f("duration", Cost::Fixed(1))
            .global(
                "duration_to_duration",
                "duration -> duration",
                Some(identity),
            )
            .global(
                "int64_to_duration",
                "int -> duration",
                Some(int_to_duration),
            )
            .global(
                "string_to_duration",
                "string -> duration",
                Some(string_to_duration),
            ),
        f("dyn", Cost::Operator).global("to_dyn", "A -> dyn", None),
        f("int", Cost::Fixed(1))
            .global("int64_to_int64", "int -> int", Some(identity))
            .global("double_to_int64", "double -> int", Some(to_int))
            .global("duration_to_int64", "duration -> int", Some(to_int))
            .global("string_to_int64", "string -> int", Some(to_int))
            .global("timestamp_to_int64", "timestamp -> int", Some(to_int))
            .global("uint64_to_int64", "uint -> int", Some(to_int)),
        f("string", Cost::Model(&CONVERSION))
            .global("string_to_string", "string -> string", Some(identity))
            .global("bool_to_string", "bool -> string", Some(to_string))
            .global("bytes_to_string", "bytes -> string", Some(to_string))
            .global("double_to_string", "double -> string", Some(to_string))
            .global("duration_to_string", "duration -> string", Some(to_string))
            .global("int64_to_string", "int -> string", Some(to_string))
            .global(
                "timestamp_to_string",
                "timestamp -> string",
                Some(to_string),
            )
            .global("uint64_to_string", "uint -> string", Some(to_string)),
        f("timestamp", Cost::Fixed(1))
            .global(
                "timestamp_to_timestamp",
                "timestamp -> timestamp",
                Some(identity),
            )
            .global(
                "int64_to_timestamp",
                "int -> timestamp",
                Some(int_to_timestamp),
            )
            .global(
                "string_to_timestamp",
                "string -> timestamp",
                Some(string_to_timestamp),
            ),
        f("uint", Cost::Fixed(1))
            .global("uint64_to_uint64", "uint -> uint", Some(identity))
            .global("double_to_uint64", "double -> uint", Some(to_uint))
            .global("int64_to_uint64", "int -> uint", Some(to_uint))
            .global("string_to_uint64", "string -> uint", Some(to_uint)),
        f("contains", Cost::Model(&CONTAINS))
            .member("contains_string", "string, string -> bool", Some(contains))
            .no_guards(),
        f("endsWith", Cost::Model(&AFFIX))
            .member(
                "ends_with_string",
                "string, string -> bool",
                Some(ends_with),
            )
            .no_guards(),
        f("startsWith", Cost::Model(&AFFIX))
            .member(
                "starts_with_string",
                "string, string -> bool",
                Some(starts_with),
            )
            .no_guards(),
        f("matches", Cost::Model(&MATCHES))
            .global("matches", "string, string -> bool", None)
            .member("matches_string", "string, string -> bool", None)
            .singleton(Some(Trait::Matcher), matches),
    ]
}

/// `+`: strings and byte strings are read and written once; lists are
/// joined at a cost of 1; numbers, durations and timestamps cost 1.
static ADD: CostModel = CostModel {
    estimate: |call| match (call.overload, call.args) {
        (overload @ ("add_string" | "add_bytes" | "add_list"), [l, r]) => {
            let size = computed_size(l).add(computed_size(r));
            if overload == "add_list" {
                (Est::fixed(1), Some(size))
            } else {
                (size.factor(STRING_TRAVERSAL), Some(size))
            }
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "add_string" | "add_bytes" => mul_factor(call.size(0) + call.size(1), STRING_TRAVERSAL),
        _ => 1,
    },
};

/// `<`, `<=`, `>`, `>=`: strings and byte strings compare up to the
/// shorter's length; other values cost 1.
static COMPARE: CostModel = CostModel {
    estimate: |call| match (call.overload, call.args) {
        (overload, [l, r]) if compares_text(overload) => (comparison_estimate(l, r), None),
        _ => default_call(),
    },
    runtime: |call| {
        if compares_text(call.overload) {
            comparison_runtime(&call.args[0], &call.args[1])
        } else {
            1
        }
    },
};

/// Whether a comparison overload compares strings or byte strings.
fn compares_text(overload: &str) -> bool {
    matches!(
        overload,
        "less_string"
            | "greater_string"
            | "less_equals_string"
            | "greater_equals_string"
            | "less_bytes"
            | "greater_bytes"
            | "less_equals_bytes"
            | "greater_equals_bytes"
    )
}

/// `bytes(string)` and `string(bytes)` read their argument once (the other
/// conversions cost 1); a string's bytes are up to four per character.
static CONVERSION: CostModel = CostModel {
    estimate: |call| match (call.overload, call.args) {
        ("string_to_bytes", [text]) => {
            let size = computed_size(text);
            (
                size.factor(STRING_TRAVERSAL),
                Some(Est {
                    min: size.min,
                    max: size.max.saturating_mul(4),
                }),
            )
        }
        ("bytes_to_string", [bytes]) => {
            let size = computed_size(bytes);
            (
                size.factor(STRING_TRAVERSAL),
                Some(Est {
                    min: size.min / 4,
                    max: size.max,
                }),
            )
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "string_to_bytes" | "bytes_to_string" => call.first_times(STRING_TRAVERSAL),
        _ => 1,
    },
};

/// `contains`: the receiver searched for the argument.
static CONTAINS: CostModel = CostModel {
    estimate: |call| match (call.overload, call.target, call.args) {
        ("contains_string", Some(text), [part]) => {
            let text_cost = computed_size(text).factor(STRING_TRAVERSAL);
            let part_cost = computed_size(part).factor(STRING_TRAVERSAL);
            (text_cost.mul(part_cost), None)
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "contains_string" => {
            let text_cost = mul_factor(call.size(0), STRING_TRAVERSAL);
            let part_cost = mul_factor(call.size(1), STRING_TRAVERSAL);
            text_cost.saturating_mul(part_cost)
        }
        _ => 1,
    },
};

/// `startsWith`, `endsWith`: the prefix or suffix read once (the estimate
/// reads the argument, the runtime cost the receiver, as cel-go does).
static AFFIX: CostModel = CostModel {
    estimate: |call| match (call.overload, call.args) {
        ("starts_with_string" | "ends_with_string", [affix]) => {
            (computed_size(affix).factor(STRING_TRAVERSAL), None)
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "starts_with_string" | "ends_with_string" => call.first_times(STRING_TRAVERSAL),
        _ => 1,
    },
};

/// `matches`: the receiver searched with the pattern, at a cost that grows
/// with both; the global form `matches(text, pattern)` costs 1 (cel-go's own
/// cost, which knows only the member overload).
pub static MATCHES: CostModel = CostModel {
    estimate: |call| match (call.overload, call.target, call.args) {
        ("matches_string", Some(text), [pattern]) => {
            let text_cost = computed_size(text)
                .add(Est::fixed(1))
                .factor(STRING_TRAVERSAL);
            let pattern_cost = computed_size(pattern).factor(REGEX_STRING_LENGTH);
            (text_cost.mul(pattern_cost), None)
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "matches_string" => {
            let text_cost = mul_factor(call.size(0) + 1, STRING_TRAVERSAL);
            let pattern_cost = mul_factor(call.size(1), REGEX_STRING_LENGTH);
            text_cost.saturating_mul(pattern_cost)
        }
        _ => 1,
    },
};

fn relation(name: &'static str, prefix: &'static str, imp: crate::env::decls::Fun) -> Function {
    let ids: &[(&str, &str)] = &[
        ("bool", "bool, bool -> bool"),
        ("int64", "int, int -> bool"),
        ("int64_double", "int, double -> bool"),
        ("int64_uint64", "int, uint -> bool"),
        ("uint64", "uint, uint -> bool"),
        ("uint64_double", "uint, double -> bool"),
        ("uint64_int64", "uint, int -> bool"),
        ("double", "double, double -> bool"),
        ("double_int64", "double, int -> bool"),
        ("double_uint64", "double, uint -> bool"),
        ("string", "string, string -> bool"),
        ("bytes", "bytes, bytes -> bool"),
        ("timestamp", "timestamp, timestamp -> bool"),
        ("duration", "duration, duration -> bool"),
    ];
    let mut func = Function::new(name, Cost::Model(&COMPARE));
    for (suffix, sig) in ids {
        let id: &'static str = Box::leak(format!("{prefix}_{suffix}").into_boxed_str());
        func = func.global(id, sig, None);
    }
    func.singleton(Some(Trait::Comparer), imp)
}

fn identity<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(a[0].clone())
}

fn overflow() -> EvalError {
    EvalError::new("integer overflow")
}

fn uoverflow() -> EvalError {
    EvalError::new("unsigned integer overflow")
}

fn add<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    add_values(&a[0], &a[1])
}

/// `a + b` for any addable values.
pub fn add_values<'a>(lhs: &Value<'a>, rhs: &Value<'a>) -> EvalResult<'a> {
    use Value::*;
    Ok(match (lhs, rhs) {
        (Int(x), Int(y)) => Int(x.checked_add(*y).ok_or_else(overflow)?),
        (Uint(x), Uint(y)) => Uint(x.checked_add(*y).ok_or_else(uoverflow)?),
        (Double(x), Double(y)) => Double(x + y),
        (String(x), String(y)) => {
            let mut s = std::string::String::with_capacity(x.as_str().len() + y.as_str().len());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Value::string(s)
        }
        (Bytes(x), Bytes(y)) => {
            let mut v = x.as_bytes().to_vec();
            v.extend_from_slice(y.as_bytes());
            Bytes(Bin::R(Rc::from(v)))
        }
        (List(x), List(y)) => {
            if x.is_empty() {
                return Ok(rhs.clone());
            }
            if y.is_empty() {
                return Ok(lhs.clone());
            }
            let mut v = x.to_vec();
            v.extend(y.iter());
            Value::list(v)
        }
        (Duration(x), Duration(y)) => Duration(time::add_durations(*x, *y)?),
        (Duration(x), Timestamp(y)) | (Timestamp(y), Duration(x)) => {
            Timestamp(time::add_timestamp(*y, *x)?)
        }
        _ => return Err(EvalError::no_such_overload()),
    })
}

fn subtract<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    use Value::*;
    Ok(match (&a[0], &a[1]) {
        (Int(x), Int(y)) => Int(x.checked_sub(*y).ok_or_else(overflow)?),
        (Uint(x), Uint(y)) => Uint(x.checked_sub(*y).ok_or_else(uoverflow)?),
        (Double(x), Double(y)) => Double(x - y),
        (Duration(x), Duration(y)) => Duration(time::sub_durations(*x, *y)?),
        (Timestamp(x), Duration(y)) => Timestamp(time::sub_timestamp(*x, *y)?),
        (Timestamp(x), Timestamp(y)) => Duration(time::diff_timestamps(*x, *y)?),
        _ => return Err(EvalError::no_such_overload()),
    })
}

fn multiply<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    use Value::*;
    Ok(match (&a[0], &a[1]) {
        (Int(x), Int(y)) => Int(x.checked_mul(*y).ok_or_else(overflow)?),
        (Uint(x), Uint(y)) => Uint(x.checked_mul(*y).ok_or_else(uoverflow)?),
        (Double(x), Double(y)) => Double(x * y),
        _ => return Err(EvalError::no_such_overload()),
    })
}

fn divide<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    use Value::*;
    Ok(match (&a[0], &a[1]) {
        (Int(_), Int(0)) | (Uint(_), Uint(0)) => return Err(EvalError::new("division by zero")),
        (Int(x), Int(y)) => Int(x.checked_div(*y).ok_or_else(overflow)?),
        (Uint(x), Uint(y)) => Uint(x / y),
        (Double(x), Double(y)) => Double(x / y),
        _ => return Err(EvalError::no_such_overload()),
    })
}

fn modulo<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    use Value::*;
    Ok(match (&a[0], &a[1]) {
        (Int(_), Int(0)) | (Uint(_), Uint(0)) => return Err(EvalError::new("modulus by zero")),
        (Int(x), Int(y)) => Int(x.checked_rem(*y).ok_or_else(overflow)?),
        (Uint(x), Uint(y)) => Uint(x % y),
        _ => return Err(EvalError::no_such_overload()),
    })
}

fn negate<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    use Value::*;
    Ok(match &a[0] {
        Int(x) => Int(x.checked_neg().ok_or_else(overflow)?),
        Double(x) => Double(-x),
        Duration(d) => Duration(time::negate_duration(*d)?),
        _ => return Err(EvalError::no_such_overload()),
    })
}

/// cel-go's `Compare`: an ordering, or an error for mismatched types.
pub fn compare(a: &Value<'_>, b: &Value<'_>) -> Result<Ordering, EvalError> {
    use Value::*;
    match (a, b) {
        (Bool(x), Bool(y)) => Ok(x.cmp(y)),
        (Int(_) | Uint(_) | Double(_), Int(_) | Uint(_) | Double(_)) => {
            let nan = matches!(a, Double(d) if d.is_nan()) || matches!(b, Double(d) if d.is_nan());
            if nan {
                return Err(EvalError::new("NaN values cannot be ordered"));
            }
            numeric_cmp(a, b).ok_or_else(EvalError::no_such_overload)
        }
        (String(x), String(y)) => Ok(x.as_str().cmp(y.as_str())),
        (Bytes(x), Bytes(y)) => Ok(x.as_bytes().cmp(y.as_bytes())),
        (Duration(x), Duration(y)) => Ok(x.cmp(y)),
        (Timestamp(x), Timestamp(y)) => Ok(x.cmp(y)),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn less<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(compare(&a[0], &a[1])? == Ordering::Less))
}

fn less_equals<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(compare(&a[0], &a[1])? != Ordering::Greater))
}

fn greater<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(compare(&a[0], &a[1])? == Ordering::Greater))
}

fn greater_equals<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(compare(&a[0], &a[1])? != Ordering::Less))
}

fn size<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(match &a[0] {
        Value::String(s) => s.as_str().chars().count() as i64,
        Value::Bytes(b) => b.as_bytes().len() as i64,
        Value::List(l) => l.len() as i64,
        Value::Map(m) => m.len() as i64,
        _ => return Err(EvalError::no_such_overload()),
    }))
}

fn conversion_error(from: &Value<'_>, to: &str) -> EvalError {
    EvalError::new(format!(
        "type conversion error from '{}' to '{to}'",
        from.type_name()
    ))
}

fn string_to_bool<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(Value::Bool(true)),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(Value::Bool(false)),
        _ => Err(conversion_error(&a[0], "bool")),
    }
}

fn string_to_bytes<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::String(Str::B(s)) => Ok(Value::Bytes(Bin::B(s.as_bytes()))),
        Value::String(s) => Ok(Value::Bytes(Bin::R(Rc::from(s.as_str().as_bytes())))),
        other => Err(conversion_error(other, "bytes")),
    }
}

/// Go's strconv.ParseFloat, roughly: decimal, exponent, Inf and NaN forms.
fn parse_go_float(s: &str) -> Option<f64> {
    let t = s.strip_prefix('+').unwrap_or(s);
    let lower = t.to_ascii_lowercase();
    let body = lower.strip_prefix('-').unwrap_or(&lower);
    if matches!(body, "inf" | "infinity" | "nan") {
        return s.parse::<f64>().ok().or(Some(if body == "nan" {
            f64::NAN
        } else if lower.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if s.is_empty() || s.contains('_') {
        return None;
    }
    s.parse::<f64>().ok()
}

fn to_double<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Double(match &a[0] {
        Value::Int(i) => *i as f64,
        Value::Uint(u) => *u as f64,
        Value::String(s) => match parse_go_float(s.as_str()) {
            Some(d) => d,
            None => return Err(conversion_error(&a[0], "double")),
        },
        other => return Err(conversion_error(other, "double")),
    }))
}

fn to_int<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(match &a[0] {
        Value::Uint(u) => i64::try_from(*u).map_err(|_| overflow())?,
        Value::Double(d) => {
            // Go: values outside (MinInt64, MaxInt64) overflow.
            if d.is_nan() || *d <= i64::MIN as f64 || *d >= i64::MAX as f64 {
                return Err(overflow());
            }
            d.trunc() as i64
        }
        Value::String(s) => match s.as_str().parse::<i64>() {
            Ok(i) if !s.as_str().starts_with('+') || s.as_str().len() > 1 => i,
            _ => return Err(conversion_error(&a[0], "int")),
        },
        Value::Duration(d) => d.0,
        Value::Timestamp(t) => t.secs,
        other => return Err(conversion_error(other, "int")),
    }))
}

fn to_uint<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Uint(match &a[0] {
        Value::Int(i) => u64::try_from(*i).map_err(|_| uoverflow())?,
        Value::Double(d) => {
            if d.is_nan() || *d < 0.0 || *d >= 1.844_674_407_370_955_2e19 {
                return Err(uoverflow());
            }
            d.trunc() as u64
        }
        Value::String(s) => match s.as_str().parse::<u64>() {
            Ok(u) if !s.as_str().starts_with('+') => u,
            _ => return Err(conversion_error(&a[0], "uint")),
        },
        other => return Err(conversion_error(other, "uint")),
    }))
}

fn to_string<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(match &a[0] {
        Value::String(_) => a[0].clone(),
        Value::Bool(b) => Value::str(if *b { "true" } else { "false" }),
        Value::Int(i) => Value::string(i.to_string()),
        Value::Uint(u) => Value::string(u.to_string()),
        Value::Double(d) => Value::string(crate::library::format::go_float(*d)),
        Value::Bytes(b) => match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Value::string(s.to_string()),
            Err(_) => {
                return Err(EvalError::new(
                    "invalid UTF-8 in bytes, cannot convert to string",
                ))
            }
        },
        Value::Duration(d) => Value::string(time::duration_string(*d)),
        Value::Timestamp(t) => Value::string(time::timestamp_string(*t)),
        other => return Err(conversion_error(other, "string")),
    })
}

fn int_to_duration<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::Int(i) => Ok(Value::Duration(Duration(*i))),
        other => Err(conversion_error(other, "google.protobuf.Duration")),
    }
}

fn string_to_duration<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::String(s) => match time::parse_duration(s.as_str()) {
            Some(d) => Ok(Value::Duration(d)),
            None => Err(conversion_error(&a[0], "google.protobuf.Duration")),
        },
        other => Err(conversion_error(other, "google.protobuf.Duration")),
    }
}

fn int_to_timestamp<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::Int(i) => {
            let t = Timestamp { secs: *i, nanos: 0 };
            time::check_timestamp(t).map(Value::Timestamp)
        }
        other => Err(conversion_error(other, "google.protobuf.Timestamp")),
    }
}

fn string_to_timestamp<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::String(s) => match time::parse_rfc3339(s.as_str()) {
            Some(t) => time::check_timestamp(t).map(Value::Timestamp),
            None => Err(conversion_error(&a[0], "google.protobuf.Timestamp")),
        },
        other => Err(conversion_error(other, "google.protobuf.Timestamp")),
    }
}

fn two_strings<'v>(a: &'v [Value<'_>]) -> Result<(&'v str, &'v str), EvalError> {
    match (&a[0], &a[1]) {
        (Value::String(x), Value::String(y)) => Ok((x.as_str(), y.as_str())),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn contains<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (s, sub) = two_strings(a)?;
    Ok(Value::Bool(s.contains(sub)))
}

fn starts_with<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (s, p) = two_strings(a)?;
    Ok(Value::Bool(s.starts_with(p)))
}

fn ends_with<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (s, p) = two_strings(a)?;
    Ok(Value::Bool(s.ends_with(p)))
}

fn matches<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (s, p) = two_strings(a)?;
    let re = crate::library::regex::compile(p).map_err(EvalError::new)?;
    Ok(Value::Bool(re.is_match(s)))
}
