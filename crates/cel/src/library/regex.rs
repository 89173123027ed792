//! Regular expressions (RE2 syntax, as Go's regexp reads it) and the
//! Kubernetes regex library: `find` and `findAll`.

use crate::cost::{
    default_call, size_estimate, Cost, CostModel, Est, REGEX_STRING_LENGTH, STRING_TRAVERSAL,
};
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, Value};

/// Translates the RE2 features whose meaning differs in the `regex` crate:
/// Perl classes and word boundaries are ASCII-only in RE2.
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('W') => out.push_str("[^0-9A-Za-z_]"),
            Some('s') => out.push_str("[\\t\\n\\f\\r ]"),
            Some('S') => out.push_str("[^\\t\\n\\f\\r ]"),
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Compiles a pattern, or returns Go's style of error message.
pub fn compile(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&translate(pattern))
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let text = e.to_string();
            let detail = text.lines().last().unwrap_or("").trim();
            let detail = detail.strip_prefix("error: ").unwrap_or(detail);
            format!("error parsing regexp: {detail}: `{pattern}`")
        })
}

/// `find` and `findAll`: the receiver searched with the pattern, at a cost
/// that grows with both (Kubernetes' regex library cost).
pub static FIND: CostModel = CostModel {
    estimate: |call| {
        let (Some(text), Some(pattern)) = (call.target, call.args.first()) else {
            return default_call();
        };
        let size = size_estimate(text);
        let text_cost = size.add(Est::fixed(1)).factor(STRING_TRAVERSAL);
        let pattern_cost = size_estimate(pattern).factor(REGEX_STRING_LENGTH);
        (
            text_cost.mul(pattern_cost),
            Some(Est {
                min: 0,
                max: size.max,
            }),
        )
    },
    runtime: |call| {
        if call.args.len() < 2 {
            return 1;
        }
        let text_cost = crate::cost::mul_factor(call.size(0) + 1, STRING_TRAVERSAL);
        let pattern_cost = crate::cost::mul_factor(call.size(1), REGEX_STRING_LENGTH);
        text_cost.saturating_mul(pattern_cost)
    },
};

pub fn functions() -> Vec<Function> {
    vec![
        Function::new("find", Cost::Model(&FIND)).member(
            "string_find_string",
            "string, string -> string",
            Some(find),
        ),
        Function::new("findAll", Cost::Model(&FIND))
            .member(
                "string_find_all_string",
                "string, string -> list(string)",
                Some(find_all),
            )
            .member(
                "string_find_all_string_int",
                "string, string, int -> list(string)",
                Some(find_all),
            ),
    ]
}

fn find<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    let p = a[1].as_str().ok_or_else(EvalError::no_such_overload)?;
    let re = compile(p).map_err(|e| EvalError::new(format!("Illegal regex: {e}")))?;
    find_with(&re, false, a)
}

fn find_all<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    let p = a[1].as_str().ok_or_else(EvalError::no_such_overload)?;
    let re = compile(p).map_err(|e| EvalError::new(format!("Illegal regex: {e}")))?;
    find_with(&re, true, a)
}

/// `find` (first match or "") or `findAll` (up to the optional limit) with
/// a compiled pattern.
pub fn find_with<'a>(re: &regex::Regex, all: bool, a: &[Value<'a>]) -> EvalResult<'a> {
    let s = a[0].as_str().ok_or_else(EvalError::no_such_overload)?;
    if !all {
        return Ok(Value::string(
            re.find(s)
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        ));
    }
    let n = match a.get(2) {
        None => -1,
        Some(Value::Int(n)) => *n,
        Some(_) => return Err(EvalError::no_such_overload()),
    };
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let out = re
        .find_iter(s)
        .take(limit)
        .map(|m| Value::string(m.as_str().to_string()))
        .collect();
    Ok(Value::list(out))
}
