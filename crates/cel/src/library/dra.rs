//! DRA's own CEL function: `includes` (list-type attributes).

use crate::cost::{default_call, Cost, CostModel, Est};
use crate::env::decls::Function;
use crate::eval::values::{equals, EvalError, EvalResult, Value};

/// The longest list `includes` accepts.
const MAX_VALUES: usize = 48;

/// `includes`: at most every value of a list attribute compared (the
/// estimate); a runtime cost of 1, as Kubernetes tracks it.
static INCLUDES: CostModel = CostModel {
    estimate: |call| match call.target {
        Some(_) if call.overload == "dra_includes_dyn_dyn" => (
            Est {
                min: 0,
                max: MAX_VALUES as u64,
            },
            None,
        ),
        _ => default_call(),
    },
    runtime: |_| 1,
};

pub fn functions() -> Vec<Function> {
    vec![Function::new("includes", Cost::Model(&INCLUDES)).member(
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
