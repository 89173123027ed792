//! cel-go's strings extension, version 2: `charAt`, `indexOf`,
//! `lastIndexOf`, `lowerAscii`, `upperAscii`, `replace`, `split`,
//! `substring`, `trim`, `join`, `format` and `strings.quote`. Kubernetes
//! costs most of them itself (its library cost estimator); `indexOf` and
//! `lastIndexOf` cost as the lists library's (`lists::ELEMENTS`).

use crate::cost::{
    computed_size, default_call, list_element_node, read_first, size_estimate, Cost, CostModel,
    Est, RuntimeCall, STRING_TRAVERSAL,
};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};
use crate::parse::ast::{ExprKind, Literal};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("charAt", Cost::Fixed(1)).member(
            "string_char_at_int",
            "string, int -> string",
            Some(char_at),
        ),
        Function::more("indexOf")
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
        Function::more("lastIndexOf")
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
        Function::new("lowerAscii", Cost::Model(&TRAVERSE)).member(
            "string_lower_ascii",
            "string -> string",
            Some(lower_ascii),
        ),
        Function::new("upperAscii", Cost::Model(&TRAVERSE)).member(
            "string_upper_ascii",
            "string -> string",
            Some(upper_ascii),
        ),
        Function::new("replace", Cost::Model(&REPLACE))
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
        Function::new("split", Cost::Model(&SPLIT))
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
        Function::new("substring", Cost::Model(&TRAVERSE))
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
        Function::new("trim", Cost::Model(&TRAVERSE)).member(
            "string_trim",
            "string -> string",
            Some(trim),
        ),
        Function::new("format", Cost::Model(&FORMAT)).member(
            "string_format",
            "string, list(dyn) -> string",
            Some(crate::library::format::string_format),
        ),
        Function::new("strings.quote", Cost::Model(&QUOTE)).global(
            "strings_quote",
            "string -> string",
            Some(quote),
        ),
        Function::new("join", Cost::Model(&JOIN))
            .member("list_join", "list(string) -> string", Some(join))
            .member(
                "list_join_string",
                "list(string), string -> string",
                Some(join),
            ),
    ]
}

/// `lowerAscii`, `upperAscii`, `substring`, `trim`: the receiver read once,
/// a result as long as it.
static TRAVERSE: CostModel = CostModel {
    estimate: |call| match call.target {
        Some(text) => {
            let size = size_estimate(text);
            (size.factor(STRING_TRAVERSAL), Some(size))
        }
        None => default_call(),
    },
    runtime: read_first,
};

/// `replace`: the receiver read twice; the result's size from how many
/// replacements fit.
static REPLACE: CostModel = CostModel {
    estimate: |call| {
        let (Some(text), [old, new, ..]) = (call.target, call.args) else {
            return default_call();
        };
        let size = size_estimate(text);
        let to_replace = size_estimate(old);
        let replace_with = size_estimate(new);
        let mut count = Est { min: 0, max: 0 };
        let mut retained = Est { min: 0, max: 0 };
        if to_replace.min == 0 {
            count.max = if size.max < u64::MAX {
                size.max + 1
            } else {
                size.max
            };
            retained.max = size.max;
        } else if replace_with.max <= to_replace.min {
            count.max = 0;
            retained.max = size.max;
        } else {
            count.max = (size.max as f64 / to_replace.min as f64).ceil() as u64;
        }
        if to_replace.max == 0 {
            count.min = if size.min < u64::MAX {
                size.min + 1
            } else {
                size.min
            };
            retained.min = size.min;
        } else if to_replace.max <= replace_with.min {
            count.min = 0;
            retained.min = size.min;
        } else {
            count.min = (size.min as f64 / to_replace.max as f64).ceil() as u64;
        }
        let result = count.mul(replace_with).add(retained);
        (size.factor(2.0 * STRING_TRAVERSAL), Some(result))
    },
    runtime: read_twice,
};

/// `split`: the receiver read twice; as many parts as the limit allows.
static SPLIT: CostModel = CostModel {
    estimate: |call| {
        let Some(text) = call.target else {
            return default_call();
        };
        let size = size_estimate(text);
        let mut max = size.max;
        if let Some(limit) = call.args.get(1) {
            if let Some(ExprKind::Literal(Literal::Int(i))) = limit.expr.map(|e| &e.kind) {
                max = *i as u64;
            }
        }
        (
            size.factor(2.0 * STRING_TRAVERSAL),
            Some(Est { min: 0, max }),
        )
    },
    runtime: read_twice,
};

/// `join`: the elements and the separators between them, once.
static JOIN: CostModel = CostModel {
    estimate: |call| {
        let Some(list) = call.target else {
            return default_call();
        };
        let list_size = size_estimate(list);
        let mut size = Est { min: 0, max: 0 };
        if let Some(element) = list_element_node(list) {
            size = list_size.mul(size_estimate(&element));
        }
        if let Some(separator) = call.args.first() {
            let separators = Est {
                min: list_size.min.saturating_sub(1),
                max: list_size.max.saturating_sub(1),
            };
            size = size.add(size_estimate(separator).mul(separators));
        }
        (size.factor(STRING_TRAVERSAL), Some(size))
    },
    runtime: |call| {
        if call.args.is_empty() {
            1
        } else {
            crate::cost::mul_factor(call.result.actual_size(), 2.0 * STRING_TRAVERSAL)
        }
    },
};

/// `format`: the format string read once (cel-go's own cost).
static FORMAT: CostModel = CostModel {
    estimate: |call| match call.target {
        Some(text) if call.overload == "string_format" => {
            (computed_size(text).factor(STRING_TRAVERSAL), None)
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "string_format" => call.first_times(STRING_TRAVERSAL),
        _ => 1,
    },
};

/// `strings.quote`: the text read once; quotes and escapes at most double it
/// (cel-go's own cost).
static QUOTE: CostModel = CostModel {
    estimate: |call| match call.args {
        [text] if call.overload == "strings_quote" => {
            let size = computed_size(text);
            (
                size.factor(STRING_TRAVERSAL),
                Some(Est {
                    min: size.min.saturating_add(2),
                    max: size.max.saturating_mul(2).saturating_add(2),
                }),
            )
        }
        _ => default_call(),
    },
    runtime: |call| match call.overload {
        "strings_quote" => call.first_times(STRING_TRAVERSAL),
        _ => 1,
    },
};

/// The runtime cost of reading the receiver twice (`replace`, `split`).
fn read_twice(call: &RuntimeCall<'_, '_>) -> u64 {
    if call.args.is_empty() {
        1
    } else {
        call.first_times(2.0 * STRING_TRAVERSAL)
    }
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
