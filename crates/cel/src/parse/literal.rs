//! A value in CEL literal form, on one line: what `dra-playground eval`
//! prints. Values with a literal print as one (`true`, `3`, `3u`, `2.5`,
//! `"a"`, `b"\x00"`, `[1, 2]`, `{"a": 1}`, `null`); doubles without one as
//! the conversion that makes them (`double("NaN")`); optionals as
//! `optional.of(v)` / `optional.none()`; values of library types (a
//! quantity, a version, an IP address, a duration, ...) as their canonical
//! string, unquoted (`1Gi`, `1.2.3`).

use std::fmt::{self, Write};

use crate::EvalValue;

impl fmt::Display for EvalValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalValue::Null => f.write_str("null"),
            EvalValue::Bool(b) => write!(f, "{b}"),
            EvalValue::Int(i) => write!(f, "{i}"),
            EvalValue::Uint(u) => write!(f, "{u}u"),
            EvalValue::Double(d) => double(*d, f),
            EvalValue::String(s) => string(s, f),
            EvalValue::Bytes(b) => bytes(b, f),
            EvalValue::List(items) => {
                f.write_char('[')?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_char(']')
            }
            EvalValue::Map(entries) => {
                f.write_char('{')?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_char('}')
            }
            EvalValue::Optional(None) => f.write_str("optional.none()"),
            EvalValue::Optional(Some(v)) => write!(f, "optional.of({v})"),
            EvalValue::Other { text, .. } => f.write_str(text),
        }
    }
}

fn double(d: f64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if d.is_nan() {
        f.write_str("double(\"NaN\")")
    } else if d.is_infinite() {
        let sign = if d < 0.0 { "-" } else { "" };
        write!(f, "double(\"{sign}Infinity\")")
    } else {
        // Rust's shortest round-trip form always has a '.' or an exponent,
        // as a CEL double literal needs: 1.0, 0.1, 1e100, 5e-324.
        write!(f, "{d:?}")
    }
}

fn string(s: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{7}' => f.write_str("\\a")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            '\u{b}' => f.write_str("\\v")?,
            c if c.is_control() => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

fn bytes(b: &[u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("b\"")?;
    for &byte in b {
        match byte {
            b'"' => f.write_str("\\\"")?,
            b'\\' => f.write_str("\\\\")?,
            b' '..=b'~' => f.write_char(byte as char)?,
            _ => write!(f, "\\x{byte:02x}")?,
        }
    }
    f.write_char('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other(type_name: &str, text: &str) -> EvalValue {
        EvalValue::Other {
            type_name: type_name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn literals() {
        let cases = [
            (EvalValue::Null, "null"),
            (EvalValue::Bool(true), "true"),
            (EvalValue::Int(-3), "-3"),
            (EvalValue::Uint(3), "3u"),
            (EvalValue::Double(1.0), "1.0"),
            (EvalValue::Double(0.1), "0.1"),
            (EvalValue::Double(1e100), "1e100"),
            (EvalValue::Double(-0.0), "-0.0"),
            (EvalValue::Double(f64::NAN), "double(\"NaN\")"),
            (
                EvalValue::Double(f64::NEG_INFINITY),
                "double(\"-Infinity\")",
            ),
            (
                EvalValue::String("a\"b\\c\nd☺\u{1}".into()),
                r#""a\"b\\c\nd☺\u0001""#,
            ),
            (
                EvalValue::Bytes(vec![b'a', 0, 0xff, b'"']),
                r#"b"a\x00\xff\"""#,
            ),
            (
                EvalValue::List(vec![EvalValue::Int(1), EvalValue::String("x".into())]),
                r#"[1, "x"]"#,
            ),
            (EvalValue::List(vec![]), "[]"),
            (
                EvalValue::Map(vec![
                    (EvalValue::String("a".into()), EvalValue::Int(1)),
                    (EvalValue::Int(2), EvalValue::List(vec![])),
                ]),
                r#"{"a": 1, 2: []}"#,
            ),
            (EvalValue::Map(vec![]), "{}"),
            (EvalValue::Optional(None), "optional.none()"),
            (
                EvalValue::Optional(Some(Box::new(EvalValue::String("a".into())))),
                r#"optional.of("a")"#,
            ),
            (other("kubernetes.Quantity", "1Gi"), "1Gi"),
            (other("type", "int"), "int"),
        ];
        for (value, want) in cases {
            assert_eq!(value.to_string(), want, "{value:?}");
        }
    }
}
