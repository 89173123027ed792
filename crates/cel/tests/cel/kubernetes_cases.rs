//! Every case of tests/cel/kubernetes-cel-cases.yaml (the upstream TestCEL
//! and TestCELFeatureCombinations tables): compile errors, runtime errors,
//! results and exact estimated costs.

use crate::support::{load, TestDevice};
use dra_cel::{compile_in, CompileOptions, EnvType};

#[test]
fn kubernetes_cel_cases() {
    let cases = load("tests/cel/kubernetes-cel-cases.yaml");
    let cases = cases.as_array().expect("a list of cases");
    let mut failures = Vec::new();
    let (mut compile_ok, mut runtime_ok, mut result_ok, mut cost_ok) = (0, 0, 0, 0);
    let (mut compile_n, mut runtime_n, mut result_n, mut cost_n) = (0, 0, 0, 0);
    let (mut actual_ok, mut actual_n) = (0, 0);
    for c in cases {
        let name = c["name"].as_str().unwrap_or("?");
        let expr = c["expression"].as_str().unwrap_or("");
        let f = &c["features"];
        let options = CompileOptions {
            list_type_attributes: f["EnableListTypeAttributes"].as_bool().unwrap_or(false),
            consumable_capacity: f["EnableConsumableCapacity"].as_bool().unwrap_or(false),
        };
        let env = match c["envType"].as_str() {
            Some("NewExpressions") => EnvType::NewExpressions,
            _ => EnvType::StoredExpressions,
        };
        let expect = &c["expect"];
        let device = TestDevice::from_json(&c["device"]);
        let compiled = compile_in(expr, &options, env);
        if let Some(want) = expect["compileError"].as_str() {
            compile_n += 1;
            match &compiled {
                Err(e) if e.message == want => compile_ok += 1,
                Err(e) => failures.push(format!(
                    "{name}: compile error\n  got:  {}\n  want: {want}",
                    e.message
                )),
                Ok(_) => failures.push(format!("{name}: compiled, want error {want}")),
            }
            continue;
        }
        let program = match compiled {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: compile error {}", e.message));
                continue;
            }
        };
        if let Some(want) = expect["cost"].as_u64() {
            cost_n += 1;
            if program.estimated_cost() == want {
                cost_ok += 1;
            } else {
                failures.push(format!(
                    "{name}: cost {} want {want}",
                    program.estimated_cost()
                ));
            }
        }
        let got = program.evaluate_with_cost(&device.input());
        // The runtime cost is not asserted upstream (only that it stays
        // within the estimate); the data records it for reference.
        if let (Ok((_, actual)), Some(want)) = (&got, c["info"]["actualCost"].as_u64()) {
            actual_n += 1;
            if *actual == want {
                actual_ok += 1;
            } else {
                failures.push(format!("{name}: actual cost {actual} want {want}"));
            }
        }
        let got = got.map(|(b, _)| b);
        if let Some(want) = expect["runtimeError"].as_str() {
            runtime_n += 1;
            match got {
                Err(e) if e.message == want => runtime_ok += 1,
                Err(e) => failures.push(format!(
                    "{name}: runtime error\n  got:  {}\n  want: {want}",
                    e.message
                )),
                Ok(v) => failures.push(format!("{name}: result {v}, want error {want}")),
            }
        } else if let Some(want) = expect["result"].as_bool() {
            result_n += 1;
            match got {
                Ok(v) if v == want => result_ok += 1,
                Ok(v) => failures.push(format!("{name}: result {v} want {want}")),
                Err(e) => failures.push(format!("{name}: runtime error {} want {want}", e.message)),
            }
        } else {
            failures.push(format!("{name}: no expected outcome in the test data"));
        }
    }
    println!(
        "kubernetes-cel-cases: {} cases; compile errors {compile_ok}/{compile_n}, runtime errors {runtime_ok}/{runtime_n}, results {result_ok}/{result_n}, costs {cost_ok}/{cost_n}, runtime costs of successful evaluations {actual_ok}/{actual_n}",
        cases.len()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}
