//! Formatting: Go's number formatting, and the strings extension's
//! `format` (the version Kubernetes pins: `%s %d %f %e %b %x %X %o`, with
//! numbers printed for the en_US locale) and its compile-time check.

use crate::check::Checked;
use crate::eval::values::{EvalError, EvalResult, Value};
use crate::parse::ast::{Expr, ExprKind, Id};
use crate::types::Type;

/// Go's `%v` / `strconv.FormatFloat(d, 'g', -1, 64)` of a float64.
pub fn go_float(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sci = format!("{d:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    format!("{d}")
}

/// Go's `%q` of a string.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A float in fixed notation as the en_US message printer prints it:
/// grouped thousands, `∞`, `NaN`.
fn fixed_en_us(d: f64, precision: usize) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let plain = format!("{:.*}", precision, d.abs());
    let (int_part, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (plain.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if d.is_sign_negative() && d != 0.0 {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// A float in scientific notation as the en_US message printer prints it:
/// `1.052033 × 10⁰³`.
fn scientific_en_us(d: f64, precision: usize) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let s = format!("{:.*e}", precision, d);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut e = String::new();
    if exp < 0 {
        e.push('⁻');
    }
    let digits = format!("{:02}", exp.abs());
    for c in digits.chars() {
        e.push(SUP[c.to_digit(10).unwrap_or(0) as usize]);
    }
    format!("{mant}\u{202f}×\u{202f}10{e}")
}

fn clause_error(kind: &str, v: &Value<'_>) -> String {
    let t = v.type_name();
    match kind {
        "s" => format!("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given {t}"),
        "d" => format!("decimal clause can only be used on integers, was given {t}"),
        "f" => format!("fixed-point clause can only be used on doubles, was given {t}"),
        "e" => format!("scientific clause can only be used on doubles, was given {t}"),
        "b" => format!("only integers and bools can be formatted as binary, was given {t}"),
        "x" => format!("only integers, byte buffers, and strings can be formatted as hex, was given {t}"),
        _ => format!("octal clause can only be used on integers, was given {t}"),
    }
}

/// `%s` of a value.
fn format_string(v: &Value<'_>) -> Result<String, String> {
    Ok(match v {
        Value::List(_) => return format_list(v),
        Value::Map(_) => return format_map(v),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Double(d) => go_float(*d),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.as_str().to_string(),
        Value::Timestamp(t) => crate::library::time::timestamp_string(*t),
        Value::Duration(d) => crate::library::time::duration_string(*d),
        Value::Bytes(b) => match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => s.to_string(),
            Err(_) => return Err("could not convert argument \"invalid UTF-8 in bytes, cannot convert to string\" to string".into()),
        },
        Value::Type(t) => t.as_str().to_string(),
        Value::Null => "null".into(),
        other => return Err(clause_error("s", other)),
    })
}

/// A list or map member: formatted by its type, then quoted as CEL would.
fn format_member(v: &Value<'_>) -> Result<String, String> {
    let text = match v {
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::String(_) | Value::Bytes(_) | Value::Bool(_) | Value::Null | Value::Type(_) => {
            format_string(v)?
        }
        Value::Timestamp(t) => format!(
            "timestamp({})",
            go_quote(&crate::library::time::timestamp_string(*t))
        ),
        Value::Duration(d) => format!(
            "duration({})",
            go_quote(&crate::library::time::duration_string(*d))
        ),
        Value::List(_) => format_list(v)?,
        Value::Map(_) => format_map(v)?,
        Value::Double(d) => format!("{:.6}", d),
        other => return Err(format!("no formatting function for {}", other.type_name())),
    };
    Ok(match v {
        Value::String(_) => go_quote(&text),
        Value::Bytes(_) => format!("b{}", go_quote(&text)),
        Value::Double(d) if d.is_nan() || d.is_infinite() => go_quote(&if d.is_nan() {
            "NaN".to_string()
        } else {
            go_float(*d)
        }),
        _ => text,
    })
}

fn format_list(v: &Value<'_>) -> Result<String, String> {
    let Value::List(l) = v else {
        return Err(clause_error("s", v));
    };
    let mut parts = Vec::with_capacity(l.len());
    for item in l.iter() {
        parts.push(format_member(&item)?);
    }
    Ok(format!("[{}]", parts.join(", ")))
}

fn format_map(v: &Value<'_>) -> Result<String, String> {
    let Value::Map(m) = v else {
        return Err(clause_error("s", v));
    };
    let mut pairs = Vec::new();
    for (k, val) in m.entries().map_err(|e| e.message)? {
        let key = match &k {
            Value::String(_) | Value::Bool(_) => format_string(&k)?,
            Value::Int(i) => i.to_string(),
            Value::Uint(u) => u.to_string(),
            other => {
                return Err(format!(
                    "no formatting function for map key of type {}",
                    other.type_name()
                ))
            }
        };
        let key = if matches!(k, Value::String(_)) {
            go_quote(&key)
        } else {
            key
        };
        pairs.push((key, format_member(&val)?));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let parts: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
    Ok(format!("{{{}}}", parts.join(", ")))
}

/// A double argument of `%f`/`%e` (the strings "NaN", "Infinity" and
/// "-Infinity" are accepted too).
fn float_arg(v: &Value<'_>, kind: &str) -> Result<f64, String> {
    match v {
        Value::Double(d) => Ok(*d),
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(clause_error(kind, v)),
        },
        _ => Err(clause_error(kind, v)),
    }
}

fn hex(v: &Value<'_>, upper: bool) -> Result<String, String> {
    let s = match v {
        Value::String(s) => s.as_str().bytes().map(|b| format!("{b:02x}")).collect(),
        Value::Bytes(b) => b.as_bytes().iter().map(|b| format!("{b:02x}")).collect(),
        Value::Int(i) => {
            if *i < 0 {
                format!("-{:x}", i.unsigned_abs())
            } else {
                format!("{i:x}")
            }
        }
        Value::Uint(u) => format!("{u:x}"),
        other => return Err(clause_error("x", other)),
    };
    Ok(if upper { s.to_uppercase() } else { s })
}

fn signed(i: i64, radix: u32) -> String {
    let abs = i.unsigned_abs();
    let digits = match radix {
        2 => format!("{abs:b}"),
        _ => format!("{abs:o}"),
    };
    if i < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Formats one clause of kind `verb` with `precision`.
fn format_clause(verb: char, precision: Option<usize>, v: &Value<'_>) -> Result<String, String> {
    match verb {
        's' => format_string(v),
        'd' => match v {
            Value::Int(i) => Ok(i.to_string()),
            Value::Uint(u) => Ok(u.to_string()),
            other => Err(clause_error("d", other)),
        },
        'f' => Ok(fixed_en_us(float_arg(v, "f")?, precision.unwrap_or(6))),
        'e' => Ok(scientific_en_us(float_arg(v, "e")?, precision.unwrap_or(6))),
        'b' => match v {
            Value::Int(i) => Ok(signed(*i, 2)),
            Value::Uint(u) => Ok(format!("{u:b}")),
            Value::Bool(b) => Ok(if *b { "1" } else { "0" }.into()),
            other => Err(clause_error("b", other)),
        },
        'x' | 'X' => hex(v, verb == 'X'),
        _ => match v {
            Value::Int(i) => Ok(signed(*i, 8)),
            Value::Uint(u) => Ok(format!("{u:o}")),
            other => Err(clause_error("o", other)),
        },
    }
}

/// One parsed clause: its verb and precision, and how many bytes it took
/// after the `%`.
fn parse_clause(rest: &[u8]) -> Result<(char, Option<usize>, usize), String> {
    let mut i = 0;
    let mut precision = None;
    if rest.first() == Some(&b'.') {
        i = 1;
        let start = i;
        loop {
            if i >= rest.len() {
                return Err("could not parse formatting clause: error while parsing precision: could not find end of precision specifier".into());
            }
            if !rest[i].is_ascii_digit() {
                break;
            }
            i += 1;
        }
        let digits = std::str::from_utf8(&rest[start..i]).unwrap_or("");
        precision = Some(digits.parse::<usize>().map_err(|_| {
            format!("could not parse formatting clause: error while parsing precision: error while converting precision to integer: strconv.Atoi: parsing {}: invalid syntax", go_quote(digits))
        })?);
    }
    let Some(&c) = rest.get(i) else {
        return Err("could not parse formatting clause: unexpected end of string".into());
    };
    let verb = c as char;
    if !matches!(verb, 's' | 'd' | 'f' | 'e' | 'b' | 'x' | 'X' | 'o') {
        let shown = std::str::from_utf8(&rest[i..])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or(verb);
        return Err(format!(
            "could not parse formatting clause: unrecognized formatting clause \"{shown}\""
        ));
    }
    Ok((verb, precision, i + 1))
}

/// Walks a format string; `clause(index, verb, precision)` formats the
/// argument at `index`.
fn walk_format(
    format: &str,
    arg_count: usize,
    mut clause: impl FnMut(usize, char, Option<usize>) -> Result<String, String>,
) -> Result<(String, usize), String> {
    let b = format.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut arg = 0;
    while i < b.len() {
        if b[i] != b'%' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'%') {
            out.push(b'%');
            i += 2;
            continue;
        }
        if arg >= arg_count {
            return Err(format!("index {arg} out of range"));
        }
        if i + 1 >= b.len() {
            return Err("unexpected end of string".into());
        }
        let (verb, precision, read) = parse_clause(&b[i + 1..])?;
        let text = clause(arg, verb, precision)?;
        out.extend_from_slice(text.as_bytes());
        i += 1 + read;
        arg += 1;
    }
    Ok((String::from_utf8_lossy(&out).into_owned(), arg))
}

/// `"...".format([args])`.
pub fn string_format<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (Value::String(f), Value::List(args)) = (&a[0], &a[1]) else {
        return Err(EvalError::no_such_overload());
    };
    let (out, _) = walk_format(f.as_str(), args.len(), |i, verb, precision| {
        let v = args.get(i).unwrap_or(Value::Null);
        format_clause(verb, precision, &v).map_err(|e| format!("error during formatting: {e}"))
    })
    .map_err(EvalError::new)?;
    Ok(Value::string(out))
}

/// The strings extension's compile-time check of a literal format string
/// against a list literal of arguments: the id and message of the first
/// problem, if any.
pub fn validate_format_call(
    format: &str,
    args: &Expr,
    call_id: Id,
    checked: &Checked,
) -> Option<(Id, String)> {
    let ExprKind::List(list) = &args.kind else {
        return None;
    };
    let elems = &list.elements;
    let ty = |id: Id| checked.types.get(&id).cloned().unwrap_or(Type::Dyn);
    let mut bad: Option<Id> = None;
    let result = walk_format(format, usize::MAX, |i, verb, _| {
        let Some(el) = elems.get(i) else {
            return Err(format!("index {i} out of range"));
        };
        let t = ty(el.id);
        if matches!(t, Type::Dyn) {
            return Ok(String::new());
        }
        let ok = match verb {
            's' => match string_clause_ok(el, &ty) {
                Ok(()) => true,
                Err(id) => {
                    bad = Some(id);
                    let t = ty(id);
                    return Err(format!(
                        "error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given {}",
                        t.type_name()
                    ));
                }
            },
            'd' | 'o' => matches!(t, Type::Int | Type::Uint),
            'f' | 'e' => matches!(t, Type::Double | Type::String),
            'b' => matches!(t, Type::Int | Type::Uint | Type::Bool),
            _ => matches!(t, Type::Int | Type::Uint | Type::String | Type::Bytes),
        };
        if ok {
            return Ok(String::new());
        }
        bad = Some(el.id);
        let kind = match verb {
            'd' => "decimal clause can only be used on integers",
            'o' => "octal clause can only be used on integers",
            'f' => "fixed-point clause can only be used on doubles",
            'e' => "scientific clause can only be used on doubles",
            'b' => "only integers and bools can be formatted as binary",
            _ => "only integers, byte buffers, and strings can be formatted as hex",
        };
        Err(format!(
            "error during formatting: {kind}, was given {}",
            t.type_name()
        ))
    });
    match result {
        Err(msg) => Some((bad.unwrap_or(call_id), msg)),
        Ok((_, used)) if elems.len() > used => Some((
            call_id,
            format!(
                "too many arguments supplied to string.format (expected {used}, got {})",
                elems.len()
            ),
        )),
        Ok(_) => None,
    }
}

fn string_clause_ok(e: &Expr, ty: &impl Fn(Id) -> Type) -> Result<(), Id> {
    let t = ty(e.id);
    let ok = matches!(
        t,
        Type::Dyn
            | Type::List(_)
            | Type::Map(_, _)
            | Type::Int
            | Type::Uint
            | Type::Double
            | Type::Bool
            | Type::String
            | Type::Timestamp
            | Type::Bytes
            | Type::Duration
            | Type::TypeOf(_)
            | Type::Null
    );
    if !ok {
        return Err(e.id);
    }
    match &e.kind {
        ExprKind::List(l) => {
            for el in &l.elements {
                string_clause_ok(el, ty)?;
            }
        }
        ExprKind::Map(m) => {
            for en in &m.entries {
                string_clause_ok(&en.key, ty)?;
                string_clause_ok(&en.value, ty)?;
            }
        }
        _ => {}
    }
    Ok(())
}
