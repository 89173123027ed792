//! A CEL selector: arbitrary expression text compiled in the DRA environment
//! with each combination of the optional parts (list-typed attributes,
//! consumable capacity) and, for API validation, in the NewExpressions
//! environment; whatever compiles is evaluated on a fixed device.

#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use dra_engine::api::{DeviceAttribute, DeviceCapacity};
use dra_engine::cel::{compile, compile_in, CompileOptions, DeviceInput, EnvType};
use dra_engine::quantity::Quantity;
use libfuzzer_sys::fuzz_target;

/// Validation refuses longer expressions (10 KiB); a little more is tried.
const MAX_EXPRESSION: usize = 12 * 1024;

struct Device {
    attributes: BTreeMap<String, DeviceAttribute>,
    capacity: BTreeMap<String, DeviceCapacity>,
}

fn device() -> &'static Device {
    static DEVICE: OnceLock<Device> = OnceLock::new();
    DEVICE.get_or_init(|| {
        let attr = |f: &dyn Fn(&mut DeviceAttribute)| {
            let mut a = DeviceAttribute::default();
            f(&mut a);
            a
        };
        let mut attributes = BTreeMap::new();
        attributes.insert("int".into(), attr(&|a| a.int_value = Some(42)));
        attributes.insert("bool".into(), attr(&|a| a.bool_value = Some(true)));
        attributes.insert(
            "string".into(),
            attr(&|a| a.string_value = Some("fish".into())),
        );
        attributes.insert(
            "version".into(),
            attr(&|a| a.version_value = Some("1.2.3-rc.1+b".into())),
        );
        attributes.insert(
            "ints".into(),
            attr(&|a| a.int_values = Some(vec![1, -2, i64::MAX])),
        );
        attributes.insert(
            "strings".into(),
            attr(&|a| a.string_values = Some(vec!["a".into(), "".into()])),
        );
        attributes.insert(
            "bools".into(),
            attr(&|a| a.bool_values = Some(vec![true, false])),
        );
        attributes.insert(
            "versions".into(),
            attr(&|a| a.version_values = Some(vec!["0.0.1".into(), "2.0.0".into()])),
        );
        // Names that the seed expressions (upstream's test table) use.
        attributes.insert(
            "name".into(),
            attr(&|a| a.string_value = Some("fish".into())),
        );
        attributes.insert(
            "names".into(),
            attr(&|a| a.string_values = Some(vec!["fish".into(), "cat".into()])),
        );
        attributes.insert(
            "services".into(),
            attr(&|a| a.string_value = Some("services.example.com".into())),
        );
        attributes.insert(
            "other.example.com/model".into(),
            attr(&|a| a.string_value = Some("a100".into())),
        );
        attributes.insert(
            "other.example.com/min".into(),
            attr(&|a| a.int_value = Some(i64::MIN)),
        );
        let cap = |q: &str| DeviceCapacity {
            value: Quantity::parse(q).expect("quantity"),
            request_policy: None,
        };
        let mut capacity = BTreeMap::new();
        capacity.insert("memory".into(), cap("16Gi"));
        capacity.insert("cores".into(), cap("8"));
        capacity.insert("quantity".into(), cap("1Mi"));
        capacity.insert("name".into(), cap("2Ki"));
        capacity.insert("other.example.com/power".into(), cap("1500m"));
        Device {
            attributes,
            capacity,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_EXPRESSION {
        return;
    }
    let expression = String::from_utf8_lossy(data);
    let chars = expression.chars().count();
    let device = device();
    let mut attempts = Vec::new();
    for list_type_attributes in [false, true] {
        for consumable_capacity in [false, true] {
            let options = CompileOptions {
                list_type_attributes,
                consumable_capacity,
            };
            attempts.push(compile(&expression, &options));
            attempts.push(compile_in(&expression, &options, EnvType::NewExpressions));
        }
    }
    for (i, attempt) in attempts.into_iter().enumerate() {
        match attempt {
            Err(e) => {
                assert!(!e.message.is_empty(), "a compile error without a message");
                // CompileError::offset counts characters.
                if let Some(offset) = e.offset {
                    assert!(
                        offset <= chars,
                        "error offset {offset} past the end ({chars} characters)"
                    );
                }
            }
            Ok(program) => {
                // Evaluate each program once per allowMultipleAllocations
                // setting; twice is enough, the programs mostly agree.
                if i % 2 == 1 {
                    continue;
                }
                for allow_multiple_allocations in [None, Some(true)] {
                    let input = DeviceInput {
                        driver: "dra.example.com",
                        attributes: &device.attributes,
                        capacity: &device.capacity,
                        allow_multiple_allocations,
                    };
                    if let Err(e) = program.evaluate(&input) {
                        assert!(!e.message.is_empty(), "a runtime error without a message");
                    }
                }
            }
        }
    }
});
