//! The Kubernetes quantity library: `quantity()`, `isQuantity()`, `sign()`,
//! comparisons and arithmetic on `kubernetes.Quantity` values.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::cost::{Cost, STRING_ARGUMENT};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, QuantityRef, Value};
use crate::Quantity;
use dra_api::quantity::Format;

/// The functions, with their costs: parsing reads the string once
/// ([`STRING_ARGUMENT`]); everything else costs 1 (Kubernetes' library cost).
pub fn functions() -> Vec<Function> {
    vec![
        Function::new("quantity", Cost::Model(&STRING_ARGUMENT)).global(
            "string_to_quantity",
            "string -> Quantity",
            Some(quantity),
        ),
        Function::new("isQuantity", Cost::Model(&STRING_ARGUMENT)).global(
            "is_quantity_string",
            "string -> bool",
            Some(is_quantity),
        ),
        Function::new("sign", Cost::Fixed(1)).global(
            "quantity_sign",
            "Quantity -> int",
            Some(sign),
        ),
        Function::new("isGreaterThan", Cost::Fixed(1)).member(
            "quantity_is_greater_than",
            "Quantity, Quantity -> bool",
            Some(is_greater_than),
        ),
        Function::new("isLessThan", Cost::Fixed(1)).member(
            "quantity_is_less_than",
            "Quantity, Quantity -> bool",
            Some(is_less_than),
        ),
        Function::new("compareTo", Cost::Fixed(1)).member(
            "quantity_compare_to",
            "Quantity, Quantity -> int",
            Some(compare_to),
        ),
        Function::new("asApproximateFloat", Cost::Fixed(1)).member(
            "quantity_get_float",
            "Quantity -> double",
            Some(as_approximate_float),
        ),
        Function::new("asInteger", Cost::Fixed(1)).member(
            "quantity_get_int",
            "Quantity -> int",
            Some(as_integer),
        ),
        Function::new("isInteger", Cost::Fixed(1)).member(
            "quantity_is_integer",
            "Quantity -> bool",
            Some(is_integer),
        ),
        Function::new("add", Cost::Fixed(1))
            .member("quantity_add", "Quantity, Quantity -> Quantity", Some(add))
            .member(
                "quantity_add_int",
                "Quantity, int -> Quantity",
                Some(add_int),
            ),
        Function::new("sub", Cost::Fixed(1))
            .member("quantity_sub", "Quantity, Quantity -> Quantity", Some(sub))
            .member(
                "quantity_sub_int",
                "Quantity, int -> Quantity",
                Some(sub_int),
            ),
    ]
}

fn q<'v>(v: &'v Value<'_>) -> Result<&'v Quantity, EvalError> {
    match v {
        Value::Quantity(q) => Ok(q.get()),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn quantity<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    match Quantity::parse(s) {
        Ok(q) => Ok(Value::Quantity(QuantityRef::R(Rc::new(q)))),
        Err(e) => Err(EvalError::new(e.to_string())),
    }
}

fn is_quantity<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    Ok(Value::Bool(Quantity::parse(s).is_ok()))
}

fn sign<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(q(&a[0])?.sign() as i64))
}

fn is_greater_than<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(q(&a[0])?.cmp(q(&a[1])?) == Ordering::Greater))
}

fn is_less_than<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(q(&a[0])?.cmp(q(&a[1])?) == Ordering::Less))
}

fn compare_to<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Int(match q(&a[0])?.cmp(q(&a[1])?) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}

fn as_approximate_float<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Double(q(&a[0])?.as_approximate_f64()))
}

fn as_integer<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match q(&a[0])?.as_i64() {
        Some(i) => Ok(Value::Int(i)),
        None => Err(EvalError::new("cannot convert value to integer")),
    }
}

fn is_integer<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::Bool(q(&a[0])?.as_i64().is_some()))
}

fn result<'a>(r: Option<Quantity>) -> EvalResult<'a> {
    match r {
        Some(q) => Ok(Value::Quantity(QuantityRef::R(Rc::new(q)))),
        None => Err(EvalError::new("quantity overflow")),
    }
}

fn int_quantity(v: &Value<'_>) -> Result<Quantity, EvalError> {
    match v {
        Value::Int(i) => Ok(Quantity::new(*i, Format::DecimalExponent)),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn add<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    result(q(&a[0])?.checked_add(q(&a[1])?))
}

fn add_int<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    result(q(&a[0])?.checked_add(&int_quantity(&a[1])?))
}

fn sub<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    result(q(&a[0])?.checked_sub(q(&a[1])?))
}

fn sub_int<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    result(q(&a[0])?.checked_sub(&int_quantity(&a[1])?))
}
