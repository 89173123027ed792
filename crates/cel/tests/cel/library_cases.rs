//! The CEL quantity and semver libraries against every vector of
//! tests/cel/quantity-cases.yaml and tests/cel/semver-cases.yaml: the `cel`
//! sections as written, and the parse/compare/arithmetic vectors through the
//! corresponding CEL functions.

use crate::support::{empty_device, load};
use dra_cel::{compile_expression, CompileOptions, EnvType, EvalValue};
use serde_json::Value as Json;

/// A CEL string literal for any text.
fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The outcome of an expression: a typed value, a runtime error or a compile error.
#[derive(Debug, PartialEq)]
enum Outcome {
    Value(String, Json),
    Runtime(String),
    Compile(String),
}

fn run(expr: &str) -> Outcome {
    let compiled =
        match compile_expression(expr, &CompileOptions::default(), EnvType::StoredExpressions) {
            Ok(c) => c,
            Err(e) => return Outcome::Compile(e.message),
        };
    let device = empty_device();
    match compiled.evaluate(&device.input()) {
        Err(e) => Outcome::Runtime(e.message),
        Ok(v) => {
            let (t, j) = match v {
                EvalValue::Bool(b) => ("bool".to_string(), Json::Bool(b)),
                EvalValue::Int(i) => ("int".to_string(), Json::from(i)),
                EvalValue::Uint(u) => ("uint".to_string(), Json::from(u)),
                EvalValue::Double(d) => ("double".to_string(), serde_json::json!(d)),
                EvalValue::String(s) => ("string".to_string(), Json::String(s)),
                EvalValue::Other { type_name, text } => (type_name, Json::String(text)),
                other => ("?".to_string(), Json::String(format!("{other:?}"))),
            };
            Outcome::Value(t, j)
        }
    }
}

fn expected(case: &Json) -> Outcome {
    if let Some(e) = case["compileError"].as_str() {
        return Outcome::Compile(e.to_string());
    }
    if let Some(e) = case["runtimeError"].as_str() {
        return Outcome::Runtime(e.to_string());
    }
    Outcome::Value(
        case["type"].as_str().unwrap_or("").to_string(),
        case["value"].clone(),
    )
}

/// Compares outcomes; the test data's values may be read as text (the
/// loader keeps `value:` scalars as text), so typed values also match
/// their text.
fn same(got: &Outcome, want: &Outcome) -> bool {
    match (got, want) {
        (Outcome::Value(t1, a), Outcome::Value(t2, b)) => {
            if t1 != t2 {
                return false;
            }
            let num = |j: &Json| match j {
                Json::Number(n) => n.as_f64(),
                Json::String(s) => s.parse::<f64>().ok(),
                _ => None,
            };
            match (a, b) {
                (Json::Number(_), _) => num(a).is_some() && num(a) == num(b),
                (Json::Bool(x), Json::String(y)) => x.to_string() == *y,
                _ => a == b,
            }
        }
        _ => got == want,
    }
}

struct Tally {
    name: &'static str,
    ok: usize,
    n: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            ok: 0,
            n: 0,
            failures: Vec::new(),
        }
    }

    fn check(&mut self, label: &str, expr: &str, want: Outcome) {
        self.n += 1;
        let got = run(expr);
        if same(&got, &want) {
            self.ok += 1;
        } else {
            self.failures.push(format!(
                "{label}: {expr}\n  got:  {got:?}\n  want: {want:?}"
            ));
        }
    }

    fn report(&self) -> usize {
        println!("{}: {}/{}", self.name, self.ok, self.n);
        for f in self.failures.iter().take(40) {
            println!("FAIL {f}");
        }
        self.failures.len()
    }
}

fn b(v: &Json) -> Outcome {
    Outcome::Value("bool".into(), v.clone())
}

fn i(v: &Json) -> Outcome {
    Outcome::Value("int".into(), v.clone())
}

#[test]
fn quantity_cases() {
    let data = load("tests/cel/quantity-cases.yaml");
    let mut cel = Tally::new("quantity cel");
    for c in data["cel"].as_array().unwrap() {
        let expr = c["expression"].as_str().unwrap();
        cel.check(c["name"].as_str().unwrap(), expr, expected(c));
    }
    let mut parse = Tally::new("quantity parse (through CEL)");
    for c in data["parse"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let q = format!("quantity({})", lit(input));
        parse.check(
            input,
            &format!("isQuantity({})", lit(input)),
            b(&c["isQuantity"]),
        );
        if let Some(err) = c["error"].as_str() {
            parse.check(input, &q, Outcome::Runtime(err.to_string()));
            continue;
        }
        parse.check(
            input,
            &q,
            Outcome::Value("kubernetes.Quantity".into(), c["string"].clone()),
        );
        parse.check(input, &format!("sign({q})"), i(&c["sign"]));
        parse.check(input, &format!("{q}.isInteger()"), b(&c["isInteger"]));
        match c["asIntegerError"].as_str() {
            Some(e) => parse.check(
                input,
                &format!("{q}.asInteger()"),
                Outcome::Runtime(e.to_string()),
            ),
            None => parse.check(input, &format!("{q}.asInteger()"), i(&c["asInteger"])),
        }
        parse.check(
            input,
            &format!("{q}.asApproximateFloat()"),
            Outcome::Value("double".into(), c["asApproximateFloat"].clone()),
        );
    }
    let mut compare = Tally::new("quantity compare (through CEL)");
    for c in data["compare"].as_array().unwrap() {
        let a = format!("quantity({})", lit(c["a"].as_str().unwrap()));
        let bq = format!("quantity({})", lit(c["b"].as_str().unwrap()));
        let label = format!("{a} vs {bq}");
        compare.check(&label, &format!("{a}.compareTo({bq})"), i(&c["compareTo"]));
        compare.check(&label, &format!("{a} == {bq}"), b(&c["equal"]));
        compare.check(
            &label,
            &format!("{a}.isGreaterThan({bq})"),
            b(&c["isGreaterThan"]),
        );
        compare.check(
            &label,
            &format!("{a}.isLessThan({bq})"),
            b(&c["isLessThan"]),
        );
    }
    let mut arith = Tally::new("quantity arithmetic (through CEL)");
    for c in data["arithmetic"].as_array().unwrap() {
        let expr = c["expression"].as_str().unwrap();
        let want = match c["error"].as_str().or(c["runtimeError"].as_str()) {
            Some(e) => Outcome::Runtime(e.to_string()),
            None => Outcome::Value("kubernetes.Quantity".into(), c["result"].clone()),
        };
        arith.check(expr, expr, want);
    }
    let failures = cel.report() + parse.report() + compare.report() + arith.report();
    assert_eq!(failures, 0);
}

#[test]
fn semver_cases() {
    let data = load("tests/cel/semver-cases.yaml");
    let mut cel = Tally::new("semver cel");
    for c in data["cel"].as_array().unwrap() {
        let expr = c["expression"].as_str().unwrap();
        cel.check(c["name"].as_str().unwrap(), expr, expected(c));
    }
    let mut parse = Tally::new("semver parse (through CEL)");
    for c in data["parse"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        parse.check(
            input,
            &format!("isSemver({})", lit(input)),
            b(&c["isSemver"]),
        );
        parse.check(
            input,
            &format!("isSemver({}, true)", lit(input)),
            b(&c["isSemverNormalize"]),
        );
        for (key, call) in [
            ("semver", format!("semver({})", lit(input))),
            ("semverNormalize", format!("semver({}, true)", lit(input))),
        ] {
            let v = &c[key];
            if let Some(e) = v["error"].as_str() {
                parse.check(input, &call, Outcome::Runtime(e.to_string()));
                continue;
            }
            parse.check(
                input,
                &call,
                Outcome::Value("kubernetes.Semver".into(), v["string"].clone()),
            );
            for part in ["major", "minor", "patch"] {
                parse.check(input, &format!("{call}.{part}()"), i(&v[part]));
            }
        }
    }
    let mut compare = Tally::new("semver compare (through CEL)");
    for c in data["compare"].as_array().unwrap() {
        let norm = if c["normalize"].as_bool().unwrap_or(false) {
            ", true"
        } else {
            ""
        };
        let a = format!("semver({}{norm})", lit(c["a"].as_str().unwrap()));
        let bv = format!("semver({}{norm})", lit(c["b"].as_str().unwrap()));
        let label = format!("{a} vs {bv}");
        compare.check(&label, &format!("{a}.compareTo({bv})"), i(&c["compareTo"]));
        compare.check(&label, &format!("{a} == {bv}"), b(&c["equal"]));
        compare.check(
            &label,
            &format!("{a}.isGreaterThan({bv})"),
            b(&c["isGreaterThan"]),
        );
        compare.check(
            &label,
            &format!("{a}.isLessThan({bv})"),
            b(&c["isLessThan"]),
        );
    }
    let failures = cel.report() + parse.report() + compare.report();
    assert_eq!(failures, 0);
}
