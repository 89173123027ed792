//! Nothing may panic or overflow the stack: malformed input, deeply nested
//! input, very long input and random token soup all end in an error or a
//! value.

use crate::support::TestDevice;
use dra_cel::{compile, compile_expression, CompileOptions, EnvType};

fn device() -> TestDevice {
    TestDevice::from_json(&serde_json::json!({
        "driver": "dra.example.com",
        "attributes": {
            "a": {"int": 1}, "b": {"string": "x"}, "c": {"bool": true},
            "v": {"version": "1.2.3"}, "l": {"ints": [1, 2, 3]},
            "other.example.com/d": {"strings": ["p", "q"]}
        },
        "capacity": {"mem": {"value": "1Gi"}}
    }))
}

/// Compiles and evaluates; only the absence of a panic matters.
fn exercise(expr: &str) {
    let dev = device();
    let opts = CompileOptions {
        list_type_attributes: true,
        consumable_capacity: true,
    };
    if let Ok(p) = compile(expr, &opts) {
        let _ = p.evaluate(&dev.input());
    }
    if let Ok(e) = compile_expression(expr, &opts, EnvType::NewExpressions) {
        let _ = e.evaluate(&dev.input());
    }
}

/// Runs `f` on a thread with a small stack, like a browser's wasm stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

#[test]
fn malformed_input_is_an_error() {
    for src in [
        "",
        " ",
        "1 +",
        "?!",
        "a.b(",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "{1:",
        "[1,",
        "a ? b",
        "a ? b :",
        "\"abc",
        "'\\q'",
        "1.e",
        "0x",
        "18446744073709551616",
        "9223372036854775808",
        "`a`",
        "a.`b c`",
        "has(a)",
        "has(a.b, c)",
        "a.exists(1, 2)",
        "in",
        "!!",
        "--",
        ".",
        "..",
        "a..b",
        "a.?b",
        "[?a]",
        "{?1: 2}",
        "x.all(i, v)",
        "cel.bind(1, 2, 3)",
        "cel.bind(x)",
        "x.map()",
        "Foo{a: 1}",
        "device.attributes[",
        "device.attributes[\"x\"].",
        "1 in",
        "b'\\xff'",
        "r'\\n'",
        "'''a\nb'''",
        "\u{0}",
        "\u{ff}",
        "é",
        "1 ÷ 2",
        "a\n+\n",
        "//comment only",
        "1 // c\n +",
        "[1, 2, 3].sortBy(x)",
        "[1].transformList(i, v)",
        "{}.transformMap(k, v, k, v, k)",
        "optional.none().optMap(1, 2)",
        "x.optFlatMap(y)",
        "1.sortBy(x, x)",
        "device.attributes.exists(d, d)",
        "1/0 == 1",
        "9223372036854775807 + 1 > 0",
        "-9223372036854775808 / -1 == 1",
        "'a'.substring(5) == ''",
        "[1][5] == 1",
        "{'a':1}['b'] == 1",
        "'x'.matches('(') ",
        "'x'.find('[')",
        "int('x') == 1",
        "duration('1x') == duration('1s')",
        "timestamp('bad') == timestamp('bad')",
        "quantity('x').isInteger()",
        "semver('x').major() == 1",
        "ip('x') == ip('y')",
        "cidr('x').ip() == ip('y')",
        "url('::').getHost() == ''",
        "'%d'.format(['a']) == ''",
        "[1, 'a'] == [1]",
        "{1: 'a', 'b': 2}.size() == 2",
        "dyn(1) < 'a'",
        "type(1) == int",
    ] {
        exercise(src);
    }
}

#[test]
fn deep_nesting_is_rejected_without_overflow() {
    on_small_stack(|| {
        for depth in [50usize, 200, 260, 1000, 20000] {
            let cases = [
                format!("{}true{}", "(".repeat(depth), ")".repeat(depth)),
                format!("{}1{} == 1", "[".repeat(depth), "]".repeat(depth)),
                format!("{}1{}", "{1:".repeat(depth), "}".repeat(depth)),
                format!("{}true", "!".repeat(depth)),
                format!("{}1 == 1", "-".repeat(depth)),
                format!("1{} == 1", " + 1".repeat(depth)),
                format!("true{}", " && true".repeat(depth)),
                format!("a{}", ".b".repeat(depth)),
                format!("device{}", "[\"x\"]".repeat(depth)),
                format!("{}1{} == 1", "f(".repeat(depth), ")".repeat(depth)),
                format!("{}false", "true ? true : ".repeat(depth)),
                format!("[1]{}", ".all(x, true)".repeat(depth.min(3000))),
                format!("{}x{}", "[1].exists(x, ".repeat(depth), ")".repeat(depth)),
            ];
            for c in &cases {
                exercise(c);
            }
        }
    });
}

#[test]
fn moderately_nested_input_still_compiles() {
    on_small_stack(|| {
        let opts = CompileOptions::default();
        let e = format!("{}true{}", "(".repeat(60), ")".repeat(60));
        assert!(compile(&e, &opts).is_ok());
        let e = format!("1{} > 0", " + 1".repeat(100));
        assert!(compile(&e, &opts).is_ok());
        let e = format!("true{}", " && true".repeat(2000));
        assert!(compile(&e, &opts).is_ok());
    });
}

#[test]
fn long_input_is_rejected() {
    let e = format!("'{}' == ''", "a".repeat(200_000));
    let err = compile(&e, &CompileOptions::default()).unwrap_err();
    assert!(
        err.message
            .contains("expression code point size exceeds limit"),
        "{}",
        err.message
    );
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_token_soup_never_panics() {
    let tokens = [
        "device",
        ".",
        "attributes",
        "capacity",
        "driver",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "\"dra.example.com\"",
        "'a'",
        "1",
        "2u",
        "3.5",
        "-",
        "+",
        "*",
        "/",
        "%",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "&&",
        "||",
        "!",
        "?",
        ":",
        ",",
        "in",
        "true",
        "false",
        "null",
        "x",
        "y",
        "exists",
        "all",
        "map",
        "filter",
        "exists_one",
        "has",
        "size",
        "quantity",
        "semver",
        "isGreaterThan",
        "compareTo",
        "includes",
        "cel",
        "bind",
        "optional",
        "of",
        "none",
        "?.",
        "[?",
        "b'x'",
        "r'\\d'",
        "matches",
        "find",
        "split",
        "join",
        "int",
        "string",
        "dyn",
        "type",
        "timestamp",
        "duration",
        "ip",
        "cidr",
        "url",
        "sets",
        "contains",
        "lists",
        "range",
        "sort",
        "sortBy",
        "transformList",
        "transformMap",
        "format",
        "'%s'",
        " ",
    ];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    on_small_stack(move || {
        for _ in 0..6000 {
            let n = 1 + (rng.next() % 25) as usize;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(rng.pick(&tokens));
            }
            exercise(&s);
        }
    });
}
