//! Every case of tests/cel/optimizer-cases.yaml: what cel-go's optimizer
//! (which Kubernetes turns on) does to `in` over constant lists, to maps
//! built by an expression, and to type conversions of constants; above all,
//! which values make the Go runtime panic with "hash of unhashable type".

use crate::support::{load, TestDevice};
use dra_cel::{compile_in, CompileOptions, EnvType};

#[test]
fn optimizer_cases() {
    let data = load("tests/cel/optimizer-cases.yaml");
    let device = TestDevice::from_json(&data["device"]);
    let cases = data["cases"].as_array().expect("a list of cases");
    let mut failures = Vec::new();
    for c in cases {
        let name = c["name"].as_str().unwrap_or("?");
        let expression = c["expression"].as_str().unwrap_or("");
        let options = CompileOptions {
            list_type_attributes: c["listTypeAttributes"].as_bool().unwrap_or(false),
            consumable_capacity: false,
        };
        let expect = &c["expect"];
        let program = match (
            compile_in(expression, &options, EnvType::StoredExpressions),
            expect["compileError"].as_str(),
        ) {
            (Ok(program), None) => program,
            (Err(e), Some(want)) if e.message == want => continue,
            (compiled, want) => {
                let got = compiled.map(|_| "a program").map_err(|e| e.message);
                failures.push(format!("{name}: compiled to {got:?}, want error {want:?}"));
                continue;
            }
        };
        let got = program.evaluate_with_cost(&device.input());
        if let (Ok((_, cost)), Some(want)) = (&got, c["actualCost"].as_u64()) {
            if *cost != want {
                failures.push(format!("{name}: runtime cost {cost}, want {want}"));
            }
        }
        match (
            got,
            expect["result"].as_bool(),
            expect["runtimeError"].as_str(),
        ) {
            (Ok((v, _)), Some(want), None) if v == want => {}
            (Err(e), None, Some(want)) if e.message == want => {}
            (got, result, error) => failures.push(format!(
                "{name}: got {got:?}, want result {result:?} / error {error:?}"
            )),
        }
    }
    assert!(cases.len() >= 40, "{} cases", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
