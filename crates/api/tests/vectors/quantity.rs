//! Checks `Quantity` against every parse, compare and arithmetic vector of
//! `tests/cel/quantity-cases.yaml` (produced by running upstream).

use crate::data::{parse_float, Failures, Node};
use dra_api::quantity::{Format, Quantity};

fn format_name(format: Format) -> String {
    format.as_str().to_string()
}

/// Checks one `parse` entry; see the file header for the fields.
fn check_parse(case: &Node, failures: &mut Failures) {
    let input = case.text("input").unwrap_or_default();
    let what = |field: &str| format!("parse {input:?} {field}");
    let parsed = Quantity::parse(input);
    failures.check(
        &what("isQuantity"),
        case.text("isQuantity"),
        &parsed.is_ok().to_string(),
    );
    let q = match parsed {
        Err(error) => {
            failures.check(&what("error"), case.text("error"), &error.to_string());
            return;
        }
        Ok(q) => q,
    };
    if let Some(error) = case.text("error") {
        failures.check(&what("error"), Some(error), &format!("parsed as {q}"));
        return;
    }
    failures.check(&what("string"), case.text("string"), &q.canonical());
    failures.check(
        &what("format"),
        case.text("format"),
        &format_name(q.format()),
    );
    failures.check(&what("sign"), case.text("sign"), &q.sign().to_string());
    failures.check(
        &what("isInteger"),
        case.text("isInteger"),
        &q.is_integer().to_string(),
    );
    match q.as_integer() {
        Ok(n) => failures.check(&what("asInteger"), case.text("asInteger"), &n.to_string()),
        Err(e) => failures.check(
            &what("asIntegerError"),
            case.text("asIntegerError"),
            &e.to_string(),
        ),
    }
    let expected = case.text("asApproximateFloat").map(parse_float);
    let actual = q.as_approximate_f64();
    let same = expected
        .is_some_and(|e| e.to_bits() == actual.to_bits() || (e.is_nan() && actual.is_nan()));
    if !same {
        failures.0.push(format!(
            "{}: expected {expected:?}, got {actual:?}",
            what("asApproximateFloat")
        ));
    }
}

/// Checks one `compare` entry.
fn check_compare(case: &Node, failures: &mut Failures) {
    let (a, b) = (
        case.text("a").unwrap_or_default(),
        case.text("b").unwrap_or_default(),
    );
    let what = |field: &str| format!("compare {a:?} {b:?} {field}");
    let (Ok(x), Ok(y)) = (Quantity::parse(a), Quantity::parse(b)) else {
        failures.0.push(what("parse failed"));
        return;
    };
    let order = x.cmp(&y) as i32;
    failures.check(
        &what("compareTo"),
        case.text("compareTo"),
        &order.to_string(),
    );
    failures.check(&what("equal"), case.text("equal"), &(x == y).to_string());
    failures.check(
        &what("isGreaterThan"),
        case.text("isGreaterThan"),
        &(x > y).to_string(),
    );
    failures.check(
        &what("isLessThan"),
        case.text("isLessThan"),
        &(x < y).to_string(),
    );
}

/// Checks one `arithmetic` entry.
fn check_arithmetic(case: &Node, failures: &mut Failures) {
    let what = case.text("expression").unwrap_or_default().to_string();
    let op = case.text("op").unwrap_or_default();
    let (a, b) = (
        case.text("a").unwrap_or_default(),
        case.text("b").unwrap_or_default(),
    );
    let Ok(x) = Quantity::parse(a) else {
        failures.0.push(format!("{what}: {a:?} does not parse"));
        return;
    };
    let y = if op.ends_with("Int") {
        b.parse::<i64>()
            .map(|n| Quantity::new(n, Format::DecimalExponent))
            .ok()
    } else {
        Quantity::parse(b).ok()
    };
    let Some(y) = y else {
        failures.0.push(format!("{what}: {b:?} does not parse"));
        return;
    };
    let result = match op {
        "add" | "addInt" => x.checked_add(&y),
        "sub" | "subInt" => x.checked_sub(&y),
        _ => None,
    };
    let Some(result) = result else {
        failures.0.push(format!("{what}: no result for op {op:?}"));
        return;
    };
    failures.check(
        &format!("{what} result"),
        case.text("result"),
        &result.canonical(),
    );
    failures.check(
        &format!("{what} resultFormat"),
        case.text("resultFormat"),
        &format_name(result.format()),
    );
}

#[test]
fn quantity_vectors() {
    crate::data::run(
        "quantity-cases.yaml",
        &[
            ("parse", check_parse),
            ("compare", check_compare),
            ("arithmetic", check_arithmetic),
        ],
    );
}
