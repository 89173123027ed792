//! The compile errors Kubernetes gives for selectors, with cel-go's exact
//! text (position, snippet and caret) and the offset the loader maps into
//! the YAML document: one case per kind of error the checker and the AST
//! validators of Kubernetes' environment report. Also the runtime error
//! hint of the allocator.

use dra_cel::{
    compile, compile_expression, CompileOptions, EnvType, RuntimeError, NO_SUCH_KEY_HINT,
};

const ALL: CompileOptions = CompileOptions {
    list_type_attributes: true,
    consumable_capacity: true,
};

/// Compiles a selector; returns Kubernetes' message and the offset.
fn selector_error(expression: &str) -> (String, Option<usize>) {
    let e = compile(expression, &ALL).expect_err(expression);
    (e.message, e.offset)
}

#[test]
fn each_kind_of_compile_error() {
    // (expression, cel-go's issue line, the offset of the caret)
    let cases = [
        (
            "device.driver == nosuch",
            "ERROR: <input>:1:18: undeclared reference to 'nosuch' (in container '')",
            17,
        ),
        (
            "device.driver.startsWith(1)",
            "ERROR: <input>:1:25: found no matching overload for 'startsWith' applied to 'string.(int)'",
            24,
        ),
        (
            "device.driver + 1 == \"a\"",
            "ERROR: <input>:1:15: found no matching overload for '_+_' applied to '(string, int)'",
            14,
        ),
        (
            "device.drivers == \"a\"",
            "ERROR: <input>:1:7: undefined field 'drivers'",
            6,
        ),
        (
            "size([1, \"two\"]) == 2",
            "ERROR: <input>:1:10: expected type 'int' but found 'string'",
            9,
        ),
        (
            "size({\"a\": 1, \"b\": true}) == 2",
            "ERROR: <input>:1:20: expected type 'int' but found 'bool'",
            19,
        ),
        (
            "device.driver.matches(\"[\")",
            "ERROR: <input>:1:23: invalid matches argument",
            22,
        ),
        (
            "duration(\"1x\") > duration(\"1s\")",
            "ERROR: <input>:1:10: invalid duration argument",
            9,
        ),
        (
            "timestamp(\"yesterday\") < timestamp(\"2024-01-01T00:00:00Z\")",
            "ERROR: <input>:1:11: invalid timestamp argument",
            10,
        ),
        (
            "(device.driver == \"a\" ? 1 : \"one\") == 1",
            "ERROR: <input>:1:23: found no matching overload for '_?_:_' applied to '(bool, int, string)'",
            22,
        ),
        (
            "device.driver == \"a\" &&\n  device.attributes[\"x\"].y.z(",
            "ERROR: <input>:2:30: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', ')', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
            53,
        ),
    ];
    for (expression, issue, offset) in cases {
        let e =
            compile_expression(expression, &ALL, EnvType::NewExpressions).expect_err(expression);
        let first = e.message.lines().next().unwrap_or_default();
        assert_eq!(first, issue, "{expression}");
        assert_eq!(e.offset, Some(offset), "{expression}");
        // The snippet and the caret under the offending character.
        let line = issue.split(':').nth(2).unwrap().parse::<usize>().unwrap();
        let column = issue.split(':').nth(3).unwrap().parse::<usize>().unwrap();
        let snippet = expression.lines().nth(line - 1).unwrap();
        let caret = format!("{}^", ".".repeat(column - 1));
        assert_eq!(
            e.message,
            format!("{issue}\n | {snippet}\n | {caret}"),
            "{expression}"
        );
        // A selector's error is the same, after Kubernetes' prefix.
        assert_eq!(
            selector_error(expression),
            (format!("compilation failed: {}", e.message), Some(offset))
        );
    }
}

#[test]
fn a_selector_must_evaluate_to_bool() {
    assert_eq!(
        selector_error("device.attributes[\"x\"].size()"),
        (
            "must evaluate to bool or the unknown type, not int".into(),
            None
        )
    );
    assert_eq!(
        selector_error("device.driver").0,
        "must evaluate to bool or the unknown type, not string"
    );
    // The unknown type (an attribute value) is accepted.
    assert!(compile("device.attributes[\"x\"].y", &ALL).is_ok());
}

#[test]
fn gated_declarations_in_new_expressions() {
    let none = CompileOptions::default();
    let e = compile_expression(
        "device.allowMultipleAllocations",
        &none,
        EnvType::NewExpressions,
    )
    .expect_err("gate off");
    assert_eq!(
        e.message.lines().next(),
        Some("ERROR: <input>:1:7: undefined field 'allowMultipleAllocations'")
    );
    let e = compile_expression(
        "device.attributes[\"x\"].y.includes(1)",
        &none,
        EnvType::NewExpressions,
    )
    .expect_err("gate off");
    assert_eq!(
        e.message.lines().next(),
        Some("ERROR: <input>:1:34: undeclared reference to 'includes' (in container '')")
    );
    // Stored expressions keep every declaration.
    assert!(compile_expression(
        "device.allowMultipleAllocations",
        &none,
        EnvType::StoredExpressions
    )
    .is_ok());
}

#[test]
fn the_allocator_hint_on_no_such_key() {
    let e = RuntimeError {
        message: "no such key: model".into(),
    };
    assert_eq!(
        e.with_hint(),
        "no such key: model. consider using CEL optional chaining (.? followed by orValue()) or guarding the check with has() for optional fields"
    );
    assert!(NO_SUCH_KEY_HINT.starts_with("consider"));
    let other = RuntimeError {
        message: "division by zero".into(),
    };
    assert_eq!(other.with_hint(), "division by zero");
}

#[test]
fn macro_errors_count_columns_in_characters() {
    // The parser positions macro errors by byte offset; after non-ASCII text
    // the column and the offset must still count characters.
    for text in ["eee", "ééé"] {
        let expression = format!("device.attributes.all([\"{text}\"].n, i)");
        let (message, offset) = selector_error(&expression);
        assert!(
            message.contains("<input>:1:30: argument must be a simple name"),
            "{text}: {message}"
        );
        assert_eq!(offset, Some(29), "{text}");
    }
}

#[test]
fn the_macros_accumulator_has_no_name_an_expression_can_use() {
    // cel-go's macros accumulate in `@result`, which no identifier spells:
    // `__result__` (its older name) is an ordinary, here undeclared, name.
    let e = compile_expression("[1].all(x, __result__)", &ALL, EnvType::NewExpressions)
        .expect_err("undeclared");
    assert_eq!(
        e.message.lines().next(),
        Some("ERROR: <input>:1:12: undeclared reference to '__result__' (in container '')")
    );
}
