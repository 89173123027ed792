//! DRA's own CEL function: `includes` (list-type attributes).

use crate::env::decls::Function;
use crate::eval::values::{equals, EvalError, EvalResult, Value};

/// The longest list `includes` accepts.
const MAX_VALUES: usize = 48;

pub fn functions() -> Vec<Function> {
    vec![Function::new("includes").member(
        "dra_includes_dyn_dyn",
        "dyn, dyn -> bool",
        Some(includes),
    )]
}

fn includes<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    if let Value::List(list) = &a[0] {
        for (i, item) in list.iter().enumerate() {
            if i >= MAX_VALUES {
                return Err(EvalError::new(format!(
                    "'includes' function cannot be applied to lists longer than {MAX_VALUES} values"
                )));
            }
            if matches!(equals(&item, &a[1]), Ok(true)) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(matches!(equals(&a[0], &a[1]), Ok(true))))
}
