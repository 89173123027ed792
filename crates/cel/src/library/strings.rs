//! cel-go's strings extension, version 2: `charAt`, `indexOf`,
//! `lastIndexOf`, `lowerAscii`, `upperAscii`, `replace`, `split`,
//! `substring`, `trim`, `join`, `format` and `strings.quote`.

use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("charAt").member(
            "string_char_at_int",
            "string, int -> string",
            Some(char_at),
        ),
        Function::new("indexOf")
            .member(
                "string_index_of_string",
                "string, string -> int",
                Some(index_of),
            )
            .member(
                "string_index_of_string_int",
                "string, string, int -> int",
                Some(index_of),
            ),
        Function::new("lastIndexOf")
            .member(
                "string_last_index_of_string",
                "string, string -> int",
                Some(last_index_of),
            )
            .member(
                "string_last_index_of_string_int",
                "string, string, int -> int",
                Some(last_index_of),
            ),
        Function::new("lowerAscii").member(
            "string_lower_ascii",
            "string -> string",
            Some(lower_ascii),
        ),
        Function::new("upperAscii").member(
            "string_upper_ascii",
            "string -> string",
            Some(upper_ascii),
        ),
        Function::new("replace")
            .member(
                "string_replace_string_string",
                "string, string, string -> string",
                Some(replace),
            )
            .member(
                "string_replace_string_string_int",
                "string, string, string, int -> string",
                Some(replace),
            ),
        Function::new("split")
            .member(
                "string_split_string",
                "string, string -> list(string)",
                Some(split),
            )
            .member(
                "string_split_string_int",
                "string, string, int -> list(string)",
                Some(split),
            ),
        Function::new("substring")
            .member(
                "string_substring_int",
                "string, int -> string",
                Some(substring),
            )
            .member(
                "string_substring_int_int",
                "string, int, int -> string",
                Some(substring),
            ),
        Function::new("trim").member("string_trim", "string -> string", Some(trim)),
        Function::new("format").member(
            "string_format",
            "string, list(dyn) -> string",
            Some(crate::library::format::string_format),
        ),
        Function::new("strings.quote").global("strings_quote", "string -> string", Some(quote)),
        Function::new("join")
            .member("list_join", "list(string) -> string", Some(join))
            .member(
                "list_join_string",
                "list(string), string -> string",
                Some(join),
            ),
    ]
}

fn s<'v>(v: &'v Value<'_>) -> Result<&'v str, EvalError> {
    v.as_str().ok_or_else(EvalError::no_such_overload)
}

fn int(v: &Value<'_>) -> Result<i64, EvalError> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn out_of_range(i: i64) -> EvalError {
    EvalError::new(format!("index out of range: {i}"))
}

fn char_at<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let text = s(&a[0])?;
    let i = int(&a[1])?;
    let n = text.chars().count() as i64;
    if i < 0 || i > n {
        return Err(out_of_range(i));
    }
    Ok(match text.chars().nth(i as usize) {
        Some(c) => Value::string(c.to_string()),
        None => Value::str(""),
    })
}

fn index_of<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let text = s(&a[0])?;
    let sub = s(&a[1])?;
    let offset = match a.get(2) {
        Some(v) => int(v)?,
        None => 0,
    };
    if sub.is_empty() {
        return Ok(Value::Int(offset));
    }
    let runes: Vec<char> = text.chars().collect();
    let subr: Vec<char> = sub.chars().collect();
    if offset < 0 {
        return Err(out_of_range(offset));
    }
    let off = offset as usize;
    if off >= runes.len() {
        return Ok(Value::Int(-1));
    }
    if subr.len() <= runes.len() {
        for i in off..=(runes.len() - subr.len()) {
            if runes[i..i + subr.len()] == subr[..] {
                return Ok(Value::Int(i as i64));
            }
        }
    }
    Ok(Value::Int(-1))
}

fn last_index_of<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let text = s(&a[0])?;
    let sub = s(&a[1])?;
    let runes: Vec<char> = text.chars().collect();
    let offset = match a.get(2) {
        Some(v) => int(v)?,
        None => {
            if sub.is_empty() {
                return Ok(Value::Int(runes.len() as i64));
            }
            if text.len() < sub.len() {
                return Ok(Value::Int(-1));
            }
            runes.len() as i64 - 1
        }
    };
    if sub.is_empty() {
        return Ok(Value::Int(offset));
    }
    let subr: Vec<char> = sub.chars().collect();
    if offset < 0 {
        return Err(out_of_range(offset));
    }
    let mut off = offset as usize;
    if off >= runes.len() {
        return Ok(Value::Int(-1));
    }
    if subr.len() > runes.len() {
        return Ok(Value::Int(-1));
    }
    if off > runes.len() - subr.len() {
        off = runes.len() - subr.len();
    }
    for i in (0..=off).rev() {
        if runes[i..i + subr.len()] == subr[..] {
            return Ok(Value::Int(i as i64));
        }
    }
    Ok(Value::Int(-1))
}

fn lower_ascii<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(s(&a[0])?.to_ascii_lowercase()))
}

fn upper_ascii<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(s(&a[0])?.to_ascii_uppercase()))
}

/// Go's `strings.Replace`.
fn go_replace(text: &str, old: &str, new: &str, n: i64) -> String {
    if n == 0 || old == new {
        return text.to_string();
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    if old.is_empty() {
        let mut out = String::new();
        let mut count = 0;
        for c in text.chars() {
            if count < limit {
                out.push_str(new);
                count += 1;
            }
            out.push(c);
        }
        if count < limit {
            out.push_str(new);
        }
        return out;
    }
    text.replacen(old, new, limit)
}

fn replace<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let n = match a.get(3) {
        Some(v) => int(v)?,
        None => -1,
    };
    Ok(Value::string(go_replace(
        s(&a[0])?,
        s(&a[1])?,
        s(&a[2])?,
        n,
    )))
}

/// Go's `strings.SplitN`.
fn go_split(text: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    if sep.is_empty() {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            if out.len() + 1 == limit {
                out.push(chars[i..].iter().collect());
                return out;
            }
            out.push(c.to_string());
        }
        return out;
    }
    text.splitn(limit, sep).map(str::to_string).collect()
}

fn split<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let n = match a.get(2) {
        Some(v) => int(v)?,
        None => -1,
    };
    Ok(Value::list(
        go_split(s(&a[0])?, s(&a[1])?, n)
            .into_iter()
            .map(Value::string)
            .collect(),
    ))
}

fn substring<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let text = s(&a[0])?;
    let runes: Vec<char> = text.chars().collect();
    let l = runes.len() as i64;
    let start = int(&a[1])?;
    let end = match a.get(2) {
        Some(v) => {
            let end = int(v)?;
            if start > end {
                return Err(EvalError::new(format!(
                    "invalid substring range. start: {start}, end: {end}"
                )));
            }
            Some(end)
        }
        None => None,
    };
    if start < 0 || start > l {
        return Err(out_of_range(start));
    }
    let end = end.unwrap_or(l);
    if end < 0 || end > l {
        return Err(out_of_range(end));
    }
    Ok(Value::string(
        runes[start as usize..end as usize].iter().collect(),
    ))
}

fn trim<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    Ok(Value::string(
        s(&a[0])?.trim_matches(char::is_whitespace).to_string(),
    ))
}

fn quote<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let text = s(&a[0])?;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            other => out.push(other),
        }
    }
    out.push('"');
    Ok(Value::string(out))
}

fn join<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let Value::List(list) = &a[0] else {
        return Err(EvalError::no_such_overload());
    };
    let sep = match a.get(1) {
        Some(v) => s(v)?,
        None => "",
    };
    let mut out = String::new();
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match &item {
            Value::String(x) => out.push_str(x.as_str()),
            other => {
                return Err(EvalError::new(format!(
                    "join: invalid input: {}",
                    crate::eval::values::GoFmt(other)
                )))
            }
        }
    }
    Ok(Value::string(out))
}
