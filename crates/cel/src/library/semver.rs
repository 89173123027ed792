//! The Kubernetes semver library: `semver()`, `isSemver()` (optionally
//! normalizing), comparisons and `major`/`minor`/`patch`.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::cost::{Cost, STRING_ARGUMENT};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, SemverRef, Value};
use crate::Version;

/// The functions, with their costs: parsing reads the string once
/// ([`STRING_ARGUMENT`]), the rest costs 1; the comparisons are the quantity
/// library's functions (costed there), with overloads for versions.
pub fn functions() -> Vec<Function> {
    vec![
        Function::new("semver", Cost::Model(&STRING_ARGUMENT))
            .global("string_to_semver", "string -> Semver", Some(semver))
            .global(
                "string_bool_to_semver",
                "string, bool -> Semver",
                Some(semver),
            ),
        Function::new("isSemver", Cost::Model(&STRING_ARGUMENT))
            .global("is_semver_string", "string -> bool", Some(is_semver))
            .global(
                "is_semver_string_bool",
                "string, bool -> bool",
                Some(is_semver),
            ),
        Function::more("isGreaterThan").member(
            "semver_is_greater_than",
            "Semver, Semver -> bool",
            Some(is_greater_than),
        ),
        Function::more("isLessThan").member(
            "semver_is_less_than",
            "Semver, Semver -> bool",
            Some(is_less_than),
        ),
        Function::more("compareTo").member(
            "semver_compare_to",
            "Semver, Semver -> int",
            Some(compare_to),
        ),
        Function::new("major", Cost::Fixed(1)).member("semver_major", "Semver -> int", Some(major)),
        Function::new("minor", Cost::Fixed(1)).member("semver_minor", "Semver -> int", Some(minor)),
        Function::new("patch", Cost::Fixed(1)).member("semver_patch", "Semver -> int", Some(patch)),
    ]
}

fn parse(a: &[Value<'_>]) -> Result<Result<Version, String>, EvalError> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    let normalize = match a.get(1) {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(EvalError::no_such_overload()),
    };
    Ok(if normalize {
        Version::parse_normalized(s).map_err(|e| e.to_string())
    } else {
        Version::parse(s).map_err(|e| e.to_string())
    })
}

fn semver<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match parse(a)? {
        Ok(v) => Ok(Value::Semver(SemverRef::R(Rc::new(v)))),
        Err(e) => Err(EvalError::new(e)),
    }
}

fn is_semver<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(parse(a)?.is_ok()))
}

fn v<'v>(x: &'v Value<'_>) -> Result<&'v Version, EvalError> {
    match x {
        Value::Semver(s) => Ok(s.get()),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn is_greater_than<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(v(&a[0])?.cmp(v(&a[1])?) == Ordering::Greater))
}

fn is_less_than<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(v(&a[0])?.cmp(v(&a[1])?) == Ordering::Less))
}

fn compare_to<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(match v(&a[0])?.cmp(v(&a[1])?) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}

fn major<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(v(&a[0])?.major as i64))
}

fn minor<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(v(&a[0])?.minor as i64))
}

fn patch<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(v(&a[0])?.patch as i64))
}
