//! Formatting helpers: Go's number formatting, and the string format library.

/// Go's `%v` / `strconv.FormatFloat(d, 'g', -1, 64)` of a float64.
pub fn go_float(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sci = format!("{d:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    format!("{d}")
}

/// The functions of this library.
pub fn functions() -> Vec<super::decls::Function> {
    Vec::new()
}

use super::values::{EvalError, EvalResult, Value};

/// `"...".format([args])` of the strings extension.
pub fn string_format<'a>(_a: &[Value<'a>]) -> EvalResult<'a> {
    Err(EvalError::new("string formatting is not supported yet"))
}
