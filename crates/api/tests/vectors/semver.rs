//! Checks `Version` against every parse and compare vector of
//! `tests/cel/semver-cases.yaml` (produced by running upstream).

use crate::data::{Failures, Node};
use dra_api::semver::{SemverError, Version};

/// Checks one parse result against a `semver` or `semverNormalize` entry.
fn check_version(
    what: &str,
    expected: Option<&Node>,
    actual: Result<Version, SemverError>,
    failures: &mut Failures,
) {
    let Some(expected) = expected else {
        failures.0.push(format!("{what}: no expectation"));
        return;
    };
    let version = match actual {
        Err(error) => {
            failures.check(
                &format!("{what} error"),
                expected.text("error"),
                &error.to_string(),
            );
            return;
        }
        Ok(version) => version,
    };
    let field = |name: &str| format!("{what} {name}");
    failures.check(
        &field("string"),
        expected.text("string"),
        &version.to_string(),
    );
    // CEL converts the uint64 numbers to int64 with wrap-around.
    failures.check(
        &field("major"),
        expected.text("major"),
        &(version.major as i64).to_string(),
    );
    failures.check(
        &field("minor"),
        expected.text("minor"),
        &(version.minor as i64).to_string(),
    );
    failures.check(
        &field("patch"),
        expected.text("patch"),
        &(version.patch as i64).to_string(),
    );
    let texts = |items: &[Node]| -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Node::Scalar(text) => text.clone(),
                _ => String::from("<not a scalar>"),
            })
            .collect()
    };
    let pre: Vec<String> = version.pre.iter().map(ToString::to_string).collect();
    failures.check(
        &field("pre"),
        Some(&texts(expected.list("pre")).join(",")),
        &pre.join(","),
    );
    failures.check(
        &field("build"),
        Some(&texts(expected.list("build")).join(",")),
        &version.build.join(","),
    );
}

/// Checks one `parse` entry: strict and normalized parsing.
fn check_parse(case: &Node, failures: &mut Failures) {
    let input = case.text("input").unwrap_or_default();
    let strict = Version::parse(input);
    failures.check(
        &format!("isSemver({input:?})"),
        case.text("isSemver"),
        &strict.is_ok().to_string(),
    );
    check_version(
        &format!("semver({input:?})"),
        case.get("semver"),
        strict,
        failures,
    );
    let normalized = Version::parse_normalized(input);
    let what = format!("semver({input:?}, true)");
    failures.check(
        &format!("is{what}"),
        case.text("isSemverNormalize"),
        &normalized.is_ok().to_string(),
    );
    check_version(&what, case.get("semverNormalize"), normalized, failures);
}

/// Checks one `compare` entry.
fn check_compare(case: &Node, failures: &mut Failures) {
    let (a, b) = (
        case.text("a").unwrap_or_default(),
        case.text("b").unwrap_or_default(),
    );
    let normalize = case.text("normalize") == Some("true");
    let what = |field: &str| format!("compare {a:?} {b:?} (normalize {normalize}) {field}");
    let parse = if normalize {
        Version::parse_normalized
    } else {
        Version::parse
    };
    let (Ok(x), Ok(y)) = (parse(a), parse(b)) else {
        failures.0.push(what("parse failed"));
        return;
    };
    failures.check(
        &what("compareTo"),
        case.text("compareTo"),
        &(x.cmp(&y) as i32).to_string(),
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

#[test]
fn semver_vectors() {
    crate::data::run(
        "semver-cases.yaml",
        &[("parse", check_parse), ("compare", check_compare)],
    );
}
