//! The CEL console's evaluations in the worker: the expression for a device of the scenario,
//! through the engine's `eval` (as `dra-playground eval` does).

use dra_engine::eval::{self, EvalError};
use dra_engine::load::{load_scenario, LoadOptions};

use crate::worker::messages::{EvalOutcome, EvalRequest, Reply};

/// The message for an expression that reads `device` with no device picked.
pub const PICK_A_DEVICE: &str =
    "This expression reads `device`: pick a device (or click one in the map).";

/// Evaluates the request's expression for its device in its scenario.
pub fn evaluate(request: &EvalRequest) -> Reply {
    let loaded = load_scenario(&request.text, &LoadOptions::default());
    let outcome = match eval::evaluate(
        &request.expression,
        Some(&loaded),
        request.device.as_deref(),
    ) {
        Ok(e) => EvalOutcome::Value {
            value: e.value,
            type_name: e.type_name,
            estimated_cost: e.estimated_cost,
            actual_cost: e.actual_cost,
            as_selector: e.as_selector,
        },
        Err(EvalError::Compile { message, offset }) => EvalOutcome::Error { message, offset },
        Err(EvalError::Runtime(message) | EvalError::UnknownDevice(message)) => {
            EvalOutcome::Error {
                message,
                offset: None,
            }
        }
        Err(EvalError::NeedsDevice) => EvalOutcome::Error {
            message: PICK_A_DEVICE.to_owned(),
            offset: None,
        },
    };
    Reply::Evaluated {
        serial: request.serial,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CEL: &str = include_str!("../../examples/cel-attributes-and-capacity.yaml");

    fn outcome(expression: &str, device: Option<&str>) -> EvalOutcome {
        let Reply::Evaluated { serial: 4, outcome } = evaluate(&EvalRequest {
            serial: 4,
            text: CEL.to_owned(),
            expression: expression.to_owned(),
            device: device.map(str::to_owned),
        }) else {
            panic!("not an evaluation");
        };
        outcome
    }

    #[test]
    fn a_value_comes_with_its_type_and_costs() {
        let EvalOutcome::Value {
            value,
            type_name,
            estimated_cost,
            actual_cost,
            as_selector,
        } = outcome("1 + 2 == 3", None)
        else {
            panic!("no value");
        };
        assert_eq!((value.as_str(), type_name.as_str()), ("true", "bool"));
        assert!(actual_cost <= estimated_cost);
        assert_eq!(as_selector, None);
        let EvalOutcome::Value {
            value, as_selector, ..
        } = outcome("[1, 2].size()", None)
        else {
            panic!("no value");
        };
        assert_eq!(value, "2");
        assert!(as_selector.is_some_and(|s| s.contains("bool")));
    }

    #[test]
    fn an_error_has_its_position_and_a_device_is_asked_for() {
        let EvalOutcome::Error { message, offset } = outcome("1 +", None) else {
            panic!("no error");
        };
        assert!(message.contains("compilation failed"), "{message}");
        assert!(offset.is_some());
        assert_eq!(
            outcome("device.driver", None),
            EvalOutcome::Error {
                message: PICK_A_DEVICE.to_owned(),
                offset: None
            }
        );
        let EvalOutcome::Error { message, .. } = outcome("device.driver", Some("no/such/device"))
        else {
            panic!("no error");
        };
        assert!(!message.is_empty());
    }

    #[test]
    fn a_device_of_the_scenario_is_read() {
        let analysis = dra_engine::playground::analyze(CEL, &Default::default());
        let device = analysis
            .nodes
            .iter()
            .flat_map(|n| &n.pools)
            .flat_map(|p| &p.devices)
            .next()
            .expect("a device");
        let EvalOutcome::Value { value, .. } = outcome("device.driver", Some(&device.key)) else {
            panic!("no value");
        };
        assert_eq!(value, format!("{:?}", device.driver));
    }
}
