//! CEL compile errors land on their character inside the YAML document,
//! whatever the style of the scalar that holds the expression: the loader
//! maps `CompileError.offset` through quoting, escapes, line folding and
//! block indentation. Each case goes through loading (with
//! validation, which compiles the selectors) and checks the diagnostic's
//! line and column against the place of the offending word in the text.

use crate::support::load_validated;

/// A DeviceClass whose selector's `expression` key is followed by `value`
/// (the scalar as written, from its first character on).
fn class(value: &str) -> String {
    format!(
        "apiVersion: resource.k8s.io/v1\n\
         kind: DeviceClass\n\
         metadata:\n  \
           name: gpu\n\
         spec:\n  \
           selectors:\n  \
           - cel:\n      \
               expression: {value}\n"
    )
}

/// 1-based line and column (in characters) of the `nth` occurrence of
/// `word` in `text`.
fn position_of(text: &str, word: &str, nth: usize) -> (usize, usize) {
    let offset = text
        .match_indices(word)
        .nth(nth)
        .unwrap_or_else(|| panic!("{word} #{nth} in {text}"))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The line and column of the one CEL error of the scenario.
fn error_position(text: &str) -> (usize, usize, String) {
    let loaded = load_validated(text);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{text}\n{errors:#?}");
    let d = errors[0];
    (d.span.start.line, d.span.start.column, d.message.clone())
}

#[test]
fn undeclared_reference_in_every_scalar_style() {
    // Each value holds `nosuch` once, where the error is.
    let cases = [
        ("plain", "device.driver == \"a\" && nosuch"),
        (
            "plain, folded over lines",
            "device.driver == \"a\" &&\n        device.driver != \"b\" &&\n        nosuch",
        ),
        ("single-quoted", "'device.driver == ''a'' && nosuch'"),
        (
            "single-quoted, folded",
            "'device.driver == ''a'' &&\n        nosuch'",
        ),
        (
            "double-quoted with escapes",
            "\"device.driver == \\\"\\u00e9\\x41\\\"\\t&& nosuch\"",
        ),
        (
            "double-quoted, folded, escaped line break",
            "\"device.driver == \\\"a\\\" &&\n        device.driver != \\\n        \\\"b\\\" && nosuch\"",
        ),
        (
            "literal block",
            "|\n        device.driver == \"a\" &&\n          nosuch",
        ),
        (
            "literal block, strip, blank line",
            "|-\n        device.driver == \"a\"\n\n        && nosuch",
        ),
        (
            "literal block, explicit indentation",
            "|2\n          device.driver == \"a\" &&\n          nosuch",
        ),
        (
            "folded block",
            ">\n        device.driver == \"a\" &&\n        device.driver != \"b\" &&\n        nosuch",
        ),
        (
            "folded block, keep, more-indented line",
            ">+\n        device.driver == \"a\" &&\n          device.driver != \"b\" &&\n        nosuch\n",
        ),
        (
            "plain, characters beyond ASCII before the error",
            "device.driver == \"é☺\" && nosuch",
        ),
        (
            "literal block, characters beyond ASCII before the error",
            "|\n        device.driver == \"日本\" && nosuch",
        ),
    ];
    for (style, value) in cases {
        let text = class(value);
        let want = position_of(&text, "nosuch", 0);
        let (line, column, message) = error_position(&text);
        assert!(
            message.contains("undeclared reference to 'nosuch'"),
            "{style}: {message}"
        );
        assert_eq!((line, column), want, "{style}:\n{text}\n{message}");
    }
}

#[test]
fn syntax_and_type_errors_land_on_their_character() {
    // The error is at the second occurrence of the marker (the first one
    // is inside the expression, before it).
    let cases = [
        // A syntax error: at the unexpected token.
        ("'device.driver == ''a'' &&  && true'", "&&", 1),
        // A type error: at the operator of the call with no overload.
        (
            "|\n        device.driver == \"a\" ||\n          device.driver + 1 == 2",
            "+",
            0,
        ),
        // Homogeneous literal: at the first element of another type.
        ("\"[1, 2, \\\"three\\\"].size() == 3\"", "\\\"three", 0),
        // An invalid regex literal: at the argument.
        (
            ">\n        device.driver.matches(\n        \"[\")",
            "\"[\"",
            0,
        ),
    ];
    for (value, marker, nth) in cases {
        let text = class(value);
        let want = position_of(&text, marker, nth);
        let (line, column, message) = error_position(&text);
        assert!(message.contains("compilation failed"), "{message}");
        assert_eq!((line, column), want, "{value}:\n{text}\n{message}");
    }
}
