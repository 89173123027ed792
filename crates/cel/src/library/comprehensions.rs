//! The two-variable comprehensions extension: its macros are expanded by
//! the parser; this is the `cel.@mapInsert` function `transformMap` and
//! `transformMapEntry` accumulate with.

use std::rc::Rc;

use crate::cost::Cost;
use crate::env::decls::Function;
use crate::eval::values::{EvalError, EvalResult, GoFmt, Map, MapData, Value};

pub fn functions() -> Vec<Function> {
    vec![Function::new("cel.@mapInsert", Cost::Fixed(1))
        .global(
            "@mapInsert_map_key_value",
            "map(K, V), K, V -> map(K, V)",
            Some(insert_key_value),
        )
        .global(
            "@mapInsert_map_map",
            "map(K, V), map(K, V) -> map(K, V)",
            Some(insert_map),
        )]
}

fn insert<'a>(m: &Map<'a>, k: Value<'a>, v: Value<'a>) -> EvalResult<'a> {
    if m.contains(&k)? {
        return Err(EvalError::new(format!(
            "insert failed: key {} already exists",
            GoFmt(&k)
        )));
    }
    let mut data = match m {
        Map::Owned(rc) => (**rc).clone(),
        other => MapData {
            entries: other.entries()?,
        },
    };
    data.entries.push((k, v));
    Ok(Value::Map(Map::Owned(Rc::new(data))))
}

fn insert_key_value<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    match &a[0] {
        Value::Map(m) => insert(m, a[1].clone(), a[2].clone()),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn insert_map<'a>(a: &[Value<'a>]) -> EvalResult<'a> {
    let (Value::Map(target), Value::Map(update)) = (&a[0], &a[1]) else {
        return Err(EvalError::no_such_overload());
    };
    let mut out = Value::Map(target.clone());
    for (k, v) in update.entries()? {
        let Value::Map(m) = &out else {
            return Err(EvalError::no_such_overload());
        };
        out = insert(m, k, v)?;
    }
    Ok(out)
}
