//! cel-go's own parser error cases (`tests/cel/parser-error-cases.yaml`),
//! each parsed within the limits of cel-go's test parser: the exact
//! messages, positions and snippets.

use saphyr::{LoadableYamlNode, Yaml};

use super::limits::Limits;
use super::parse_within;
use super::source::Source;

/// The limits of cel-go's test parser.
const TEST_PARSER: Limits = Limits {
    depth: 32,
    recovery_attempts: 4,
    recovery_lookahead: 4,
    syntax_errors: 100,
};

fn text(y: &Yaml<'_>) -> String {
    y.as_str().expect("a string").to_string()
}

fn limits(case: &Yaml<'_>) -> Limits {
    let mut limits = TEST_PARSER;
    if let Some(own) = case.as_mapping_get("limits") {
        let number = |key: &str| {
            own.as_mapping_get(key)
                .and_then(|v| v.as_integer())
                .map(|n| n as usize)
        };
        limits.recovery_attempts = number("recovery_attempts").unwrap_or(limits.recovery_attempts);
        limits.recovery_lookahead =
            number("recovery_lookahead").unwrap_or(limits.recovery_lookahead);
        limits.syntax_errors = number("syntax_errors").unwrap_or(limits.syntax_errors);
    }
    limits
}

#[test]
fn cel_go_parser_errors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/cel/parser-error-cases.yaml"
    );
    let data = std::fs::read_to_string(path).expect("the cases");
    let docs = Yaml::load_from_str(&data).expect("YAML");
    let cases = docs[0].as_sequence().expect("a list of cases");
    assert_eq!(cases.len(), 67);
    let mut failures = Vec::new();
    for case in cases {
        let input = text(&case["input"]);
        let want = text(&case["error"]);
        let source = Source::new(&input);
        let got = match parse_within(&source, &limits(case)) {
            Ok(_) => "parsed".to_string(),
            Err(issues) => source.display(&issues),
        };
        // The data has no trailing spaces.
        let got: Vec<&str> = got.lines().map(str::trim_end).collect();
        if got.join("\n") != want {
            failures.push(format!("{input}\n got: {}\nwant: {want}", got.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
