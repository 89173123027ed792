//! One CEL expression evaluated for one device of a scenario, or for none, as `dra-playground
//! eval` prints it and the web app's CEL console shows it: the value in CEL literal form, its
//! type, the estimated and the actual cost, and what the apiserver would say of the expression
//! as a selector.
//!
//! The expression compiles in the environment the apiserver gives a new selector
//! (NewExpressions, declarations chosen by the scenario's feature gates; all of them without a
//! scenario), so that a gate that is off shows as the compile error a user would meet;
//! evaluation is the allocator's. Unlike a selector it may have any type.

use std::collections::BTreeMap;

use crate::api::{device_id, DeviceClass, DeviceClassSpec, DeviceSelector, Object};
use crate::api::{CelDeviceSelector, ObjectMeta};
use crate::cel::{compile_expression, CompileOptions, DeviceInput, EnvType};
use crate::diagnostic::edit_distance;
use crate::features::{Features, GateSet};
use crate::load::LoadedScenario;
use crate::validation;

/// What an expression evaluated to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The value in CEL literal form, on one line: `true`, `3u`, `"a"`, `[1, 2]`,
    /// `optional.of(1)`; a value of a library type as its canonical string (`1Gi`, `1.2.3`).
    pub value: String,
    /// The checked type, as cel-go prints it (`bool`, `list(int)`, `kubernetes.Quantity`).
    pub type_name: String,
    /// The static cost estimate, as the apiserver computes it.
    pub estimated_cost: u64,
    /// The cost of this evaluation, as the allocator tracks it.
    pub actual_cost: u64,
    /// What the apiserver says of the expression as a device selector: None when it accepts
    /// it, else its refusal (`Invalid value: must evaluate to bool ...`, `Forbidden: too
    /// complex, exceeds cost limit`).
    pub as_selector: Option<String>,
}

/// Why there is no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// The expression does not compile: Kubernetes' message (cel-go's issues, or a program
    /// that cannot be made, worded as Kubernetes reports an internal error) and the character
    /// offset in the expression where the first problem is, if known.
    Compile {
        /// The message.
        message: String,
        /// Character offset in the expression.
        offset: Option<usize>,
    },
    /// Evaluating failed, with the allocator's message (`CEL runtime error: ...`).
    Runtime(String),
    /// The expression reads `device` and no device was named.
    NeedsDevice,
    /// The device named is not in the scenario (the message names the closest ones).
    UnknownDevice(String),
}

/// Evaluates `expression` for the device `device` (`DRIVER/POOL/DEVICE`) of `scenario`, with
/// the scenario's feature gates; without a scenario, every gate is on and there is no device.
pub fn evaluate(
    expression: &str,
    scenario: Option<&LoadedScenario>,
    device: Option<&str>,
) -> Result<Evaluation, EvalError> {
    let features = scenario.map_or(Features::ALL, |s| s.features);
    let options = CompileOptions {
        list_type_attributes: features.list_type_attributes,
        consumable_capacity: features.consumable_capacity,
    };
    let no_attributes = BTreeMap::new();
    let no_capacity = BTreeMap::new();
    let input = match (device, scenario) {
        (Some(id), Some(s)) => find_device(s, id).map_err(EvalError::UnknownDevice)?,
        (Some(id), None) => return Err(EvalError::UnknownDevice(no_device(id, Vec::new()))),
        (None, _) => DeviceInput {
            driver: "",
            attributes: &no_attributes,
            capacity: &no_capacity,
            allow_multiple_allocations: None,
        },
    };
    let compiled =
        compile_expression(expression, &options, EnvType::NewExpressions).map_err(|e| {
            EvalError::Compile {
                // A program that cannot be made says so itself (as Kubernetes words it); other
                // errors are the checker's issues.
                message: if e.internal {
                    e.message
                } else {
                    format!("compilation failed: {}", e.message)
                },
                offset: e.offset,
            }
        })?;
    if compiled.uses_device() && device.is_none() {
        return Err(EvalError::NeedsDevice);
    }
    let (value, actual_cost) = compiled
        .evaluate_with_cost(&input)
        .map_err(|e| EvalError::Runtime(format!("CEL runtime error: {}", e.with_hint())))?;
    let gates = scenario.map_or(GateSet::ALL_ON, |s| s.gates);
    Ok(Evaluation {
        value: value.to_string(),
        type_name: compiled.output_type(),
        estimated_cost: compiled.estimated_cost(),
        actual_cost,
        as_selector: as_selector(expression, &gates),
    })
}

/// The apiserver's refusal of `expression` as the selector of a new DeviceClass, if it
/// refuses it.
pub fn as_selector(expression: &str, gates: &GateSet) -> Option<String> {
    let class = DeviceClass {
        metadata: ObjectMeta {
            name: "console".to_owned(),
            ..ObjectMeta::default()
        },
        spec: DeviceClassSpec {
            selectors: vec![DeviceSelector {
                cel: Some(CelDeviceSelector {
                    expression: expression.to_owned(),
                }),
            }],
            ..DeviceClassSpec::default()
        },
    };
    let errors = validation::validate(&Object::DeviceClass(class), gates);
    let refusals: Vec<String> = errors
        .iter()
        .map(|e| match e.detail.as_str() {
            "" => e.kind.text().to_owned(),
            detail => format!("{}: {detail}", e.kind.text()),
        })
        .collect();
    (!refusals.is_empty()).then(|| refusals.join("; "))
}

/// The device named `DRIVER/POOL/DEVICE` (a pool name may hold slashes), as the allocator
/// hands it to selectors; else a message naming the closest devices.
pub fn find_device<'s>(scenario: &'s LoadedScenario, id: &str) -> Result<DeviceInput<'s>, String> {
    let parsed = id
        .split_once('/')
        .and_then(|(driver, rest)| {
            let (pool, device) = rest.rsplit_once('/')?;
            Some((driver, pool, device))
        })
        .filter(|(d, p, n)| !d.is_empty() && !p.is_empty() && !n.is_empty());
    let Some((driver, pool, name)) = parsed else {
        return Err(format!("a device is named DRIVER/POOL/DEVICE, not {id:?}"));
    };
    let mut known = Vec::new();
    for object in &scenario.objects {
        let Object::ResourceSlice(slice) = &object.object else {
            continue;
        };
        let spec = &slice.spec;
        for device in &spec.devices {
            if spec.driver == driver && spec.pool.name == pool && device.name == name {
                return Ok(DeviceInput::new(&spec.driver, device));
            }
            known.push(device_id(&spec.driver, &spec.pool.name, &device.name));
        }
    }
    Err(no_device(id, known))
}

/// "No such device", naming the devices whose names are closest (or some of them).
fn no_device(id: &str, mut known: Vec<String>) -> String {
    const SHOWN: usize = 5;
    if known.is_empty() {
        return format!("no device {id}: the scenario has no devices");
    }
    known.dedup();
    let limit = (id.chars().count() / 4).max(2);
    let mut near: Vec<(usize, &String)> = known
        .iter()
        .map(|k| (edit_distance(id, k), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort();
    if !near.is_empty() {
        let names: Vec<&str> = near.iter().take(SHOWN).map(|(_, k)| k.as_str()).collect();
        return format!("no device {id}; similar names: {}", names.join(", "));
    }
    let more = match known.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    let names: Vec<&str> = known.iter().take(SHOWN).map(String::as_str).collect();
    format!(
        "no device {id}; the scenario's devices: {}{more}",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{self, RunOptions};

    const SCENARIO: &str = include_str!("../../../examples/cel-attributes-and-capacity.yaml");
    const GPU: &str = "gpu.example.com/node-1/gpu-2";

    fn loaded() -> LoadedScenario {
        pipeline::load(SCENARIO, &RunOptions::default())
    }

    #[test]
    fn a_device_expression_gives_its_value_type_and_costs() {
        let s = loaded();
        let e = evaluate(
            r#"device.capacity["gpu.example.com"].memory.compareTo(quantity("64Gi")) >= 0"#,
            Some(&s),
            Some(GPU),
        )
        .expect("evaluates");
        assert_eq!((e.value.as_str(), e.type_name.as_str()), ("true", "bool"));
        assert!(
            e.estimated_cost >= e.actual_cost && e.actual_cost > 0,
            "{e:?}"
        );
        assert_eq!(e.as_selector, None);
        // An attribute is dyn: the apiserver accepts it as a selector (it fails at run time).
        let e = evaluate(
            r#"device.attributes["gpu.example.com"].model"#,
            Some(&s),
            Some(GPU),
        )
        .expect("evaluates");
        assert_eq!((e.value.as_str(), e.as_selector), ("\"a100\"", None));
        let e = evaluate(
            r#"device.capacity["gpu.example.com"].memory"#,
            Some(&s),
            Some(GPU),
        )
        .expect("evaluates");
        assert_eq!(e.value, "80Gi");
        assert!(
            e.as_selector
                .as_deref()
                .is_some_and(|m| m.starts_with("Invalid value: must evaluate to bool")),
            "{:?}",
            e.as_selector
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        let s = loaded();
        match evaluate("device.driver ==", Some(&s), Some(GPU)) {
            Err(EvalError::Compile { message, offset }) => {
                assert!(
                    message.starts_with("compilation failed: ERROR: <input>:1:17"),
                    "{message}"
                );
                assert_eq!(offset, Some(16));
            }
            other => panic!("{other:?}"),
        }
        match evaluate(
            r#"device.attributes["gpu.example.com"].modle"#,
            Some(&s),
            Some(GPU),
        ) {
            Err(EvalError::Runtime(m)) => {
                assert!(
                    m.starts_with("CEL runtime error: no such key: modle"),
                    "{m}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            evaluate("device.driver", Some(&s), None),
            Err(EvalError::NeedsDevice)
        );
        match evaluate("1", Some(&s), Some("gpu.example.com/node-1/gpu-9")) {
            Err(EvalError::UnknownDevice(m)) => assert!(m.contains("similar names"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn without_a_scenario_every_gate_is_on() {
        let e = evaluate("[1, 2].size() * 2", None, None).expect("evaluates");
        assert_eq!((e.value.as_str(), e.type_name.as_str()), ("4", "int"));
    }
}
