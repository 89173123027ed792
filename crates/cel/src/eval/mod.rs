//! The evaluator: walks the planned tree, with cel-go's error semantics
//! (`&&`/`||` absorb errors, comprehensions accumulate them) and its
//! runtime cost tracking.

pub mod device;
pub mod program;
pub mod values;

use std::rc::Rc;

use crate::cost::{comparison_runtime, RuntimeCall};
use crate::env::decls::{no_such_overload, runtime_matches, Trait};
use crate::eval::program::{CallNode, Const, DeviceField, Dispatch, FoldNode, Node};
use crate::eval::values::{equals, EvalError, EvalResult, GoFmt, List, Map, MapData, Str, Value};
use crate::library::stdlib::MATCHES;
use crate::DeviceInput;
use device::DeviceView;

/// A local variable: not yet initialized (lazily computed), or its value.
enum Slot<'a> {
    Empty,
    Lazy(&'a Node),
    Val(Result<Value<'a>, EvalError>),
}

/// The evaluation state.
pub struct Ctx<'a> {
    pub device: &'a DeviceInput<'a>,
    slots: Vec<Slot<'a>>,
    /// Values of the extra variables, by index.
    pub globals: Vec<Option<Value<'a>>>,
    pub cost: u64,
    pub limit: u64,
}

impl<'a> Ctx<'a> {
    pub fn new(device: &'a DeviceInput<'a>, slots: usize, limit: u64) -> Ctx<'a> {
        let mut s = Vec::with_capacity(slots);
        for _ in 0..slots {
            s.push(Slot::Empty);
        }
        Ctx {
            device,
            slots: s,
            globals: Vec::new(),
            cost: 0,
            limit,
        }
    }

    #[inline]
    fn charge(&mut self, c: u64) -> Result<(), EvalError> {
        self.cost = self.cost.saturating_add(c);
        if self.cost > self.limit {
            return Err(EvalError::cost_limit());
        }
        Ok(())
    }
}

fn fatal(r: &Result<Value<'_>, EvalError>) -> bool {
    matches!(r, Err(e) if e.fatal)
}

/// Evaluates a node.
pub fn eval<'a>(n: &'a Node, ctx: &mut Ctx<'a>) -> EvalResult<'a> {
    match n {
        Node::Const(c) => Ok(c.to_value()),
        Node::Folded { value, cost } => {
            ctx.charge(*cost)?;
            Ok(value.to_value())
        }
        Node::Error(msg) => Err(EvalError::new(msg.clone())),
        Node::Slot(s) => {
            ctx.charge(1)?;
            read_slot(*s, ctx)
        }
        Node::Global(i) => {
            ctx.charge(1)?;
            match ctx.globals.get(*i).cloned().flatten() {
                Some(v) => Ok(v),
                None => Err(EvalError::new("no such attribute(s): unbound variable")),
            }
        }
        Node::Device => {
            ctx.charge(1)?;
            Ok(Value::Map(Map::Device(DeviceView::Root(ctx.device))))
        }
        Node::DeviceField(f) => {
            ctx.charge(2)?;
            Ok(match f {
                DeviceField::Driver => Value::str(ctx.device.driver),
                DeviceField::AllowMultipleAllocations => {
                    Value::Bool(ctx.device.allow_multiple_allocations.unwrap_or(false))
                }
            })
        }
        Node::AttributeDomain(d) => {
            ctx.charge(3)?;
            Ok(Value::Map(Map::Device(DeviceView::AttributeDomain(
                ctx.device,
                Str::B(d),
            ))))
        }
        Node::CapacityDomain(d) => {
            ctx.charge(3)?;
            Ok(Value::Map(Map::Device(DeviceView::CapacityDomain(
                ctx.device,
                Str::B(d),
            ))))
        }
        Node::Attribute(k) => {
            ctx.charge(4)?;
            let dev = ctx.device;
            match device::lookup_key(dev.attributes, dev.driver, &k.domain, &k.id, &k.qualified) {
                Some(a) => device::attribute_value(a),
                None => Err(EvalError::new(format!("no such key: {}", k.id))),
            }
        }
        Node::Capacity(k) => {
            ctx.charge(4)?;
            let dev = ctx.device;
            match device::lookup_key(dev.capacity, dev.driver, &k.domain, &k.id, &k.qualified) {
                Some(c) => Ok(device::capacity_value(c)),
                None => Err(EvalError::new(format!("no such key: {}", k.id))),
            }
        }
        Node::Select { operand, field } => {
            let v = eval(operand, ctx)?;
            ctx.charge(1)?;
            select(&v, field)
        }
        Node::Has { operand, field } => {
            let v = eval(operand, ctx)?;
            has_field(&v, field)
        }
        Node::OptSelect { operand, field } => {
            let v = eval(operand, ctx)?;
            ctx.charge(1)?;
            let inner = match v {
                Value::Optional(None) => return Ok(Value::Optional(None)),
                Value::Optional(Some(inner)) => (*inner).clone(),
                other => other,
            };
            match has_field(&inner, field)? {
                Value::Bool(true) => Ok(Value::Optional(Some(Rc::new(select(&inner, field)?)))),
                _ => Ok(Value::Optional(None)),
            }
        }
        Node::Index {
            operand,
            index,
            optional_result,
        } => {
            let v = eval(operand, ctx);
            let i = eval(index, ctx);
            let (v, i) = (v?, i?);
            ctx.charge(1)?;
            if *optional_result {
                return match v {
                    Value::Optional(None) => Ok(Value::Optional(None)),
                    Value::Optional(Some(inner)) => opt_index(&inner, &i),
                    other => opt_index(&other, &i),
                };
            }
            index_value(&v, &i)
        }
        Node::OptIndex { operand, index } => {
            let v = eval(operand, ctx);
            let i = eval(index, ctx);
            let (v, i) = (v?, i?);
            ctx.charge(1)?;
            match v {
                Value::Optional(None) => Ok(Value::Optional(None)),
                Value::Optional(Some(inner)) => opt_index(&inner, &i),
                other => opt_index(&other, &i),
            }
        }
        Node::Not(x) => {
            let v = eval(x, ctx)?;
            ctx.charge(1)?;
            match v {
                Value::Bool(b) => Ok(Value::Bool(!b)),
                _ => Err(EvalError::no_such_overload()),
            }
        }
        Node::And(a, b) => logic(a, b, ctx, false),
        Node::Or(a, b) => logic(a, b, ctx, true),
        Node::Cond(c, t, f) => match eval(c, ctx)? {
            Value::Bool(true) => eval(t, ctx),
            Value::Bool(false) => eval(f, ctx),
            _ => Err(EvalError::no_such_overload()),
        },
        Node::Eq(a, b) | Node::Ne(a, b) => {
            let l = eval(a, ctx);
            if fatal(&l) {
                return l;
            }
            let r = eval(b, ctx);
            let (l, r) = (l?, r?);
            ctx.charge(equality_cost(&l, &r))?;
            let eq = equals(&l, &r);
            if matches!(n, Node::Eq(..)) {
                // An error of a typed equality is the result of `==`.
                eq.map(Value::Bool)
            } else {
                Ok(Value::Bool(!matches!(eq, Ok(true))))
            }
        }
        Node::In(a, b, sized) => {
            let l = eval(a, ctx);
            if fatal(&l) {
                return l;
            }
            let r = eval(b, ctx);
            let (l, r) = (l?, r?);
            match &r {
                Value::List(list) => {
                    ctx.charge(if *sized { list.len() as u64 } else { 1 })?;
                    for i in 0..list.len() {
                        if let Some(item) = list.get(i) {
                            if matches!(equals(&l, &item), Ok(true)) {
                                return Ok(Value::Bool(true));
                            }
                        }
                    }
                    Ok(Value::Bool(false))
                }
                Value::Map(m) => {
                    ctx.charge(1)?;
                    Ok(Value::Bool(m.contains(&l)?))
                }
                _ => Err(EvalError::no_such_overload()),
            }
        }
        Node::NotStrictlyFalse(x) => {
            let v = eval(x, ctx);
            if fatal(&v) {
                return v;
            }
            ctx.charge(1)?;
            Ok(match v {
                Ok(Value::Bool(b)) => Value::Bool(b),
                _ => Value::Bool(true),
            })
        }
        Node::TypeOf(x) => {
            let v = eval(x, ctx)?;
            ctx.charge(1)?;
            Ok(Value::Type(Str::B(v.type_name())))
        }
        Node::Dyn(x) => {
            let v = eval(x, ctx)?;
            ctx.charge(1)?;
            Ok(v)
        }
        Node::OptOr(a, b) => {
            let v = eval(a, ctx)?;
            ctx.charge(1)?;
            match v {
                Value::Optional(Some(_)) => Ok(v),
                Value::Optional(None) => eval(b, ctx),
                _ => Err(EvalError::no_such_overload()),
            }
        }
        Node::OptOrValue(a, b) => {
            let v = eval(a, ctx)?;
            ctx.charge(1)?;
            match v {
                Value::Optional(Some(inner)) => Ok((*inner).clone()),
                Value::Optional(None) => eval(b, ctx),
                _ => Err(EvalError::no_such_overload()),
            }
        }
        Node::Matches {
            target,
            regex,
            pattern,
            overload,
        } => {
            let v = eval(target, ctx)?;
            let s = match &v {
                Value::String(s) => s,
                _ => return Err(EvalError::no_such_overload()),
            };
            let result = Value::Bool(regex.is_match(s.as_str()));
            let args = [v.clone(), Value::str(pattern)];
            ctx.charge((MATCHES.runtime)(&RuntimeCall {
                overload,
                args: &args,
                result: &result,
            }))?;
            Ok(result)
        }
        Node::Call(c) => eval_call(c, ctx),
        Node::FindRegex {
            all,
            overload,
            cost,
            args,
            regex,
        } => {
            let vals = eval_args(args, ctx)?;
            let result = crate::library::regex::find_with(regex, *all, &vals)?;
            ctx.charge(cost.runtime(&RuntimeCall {
                overload,
                args: &vals,
                result: &result,
            }))?;
            Ok(result)
        }
        Node::List { elems, optional } => {
            let mut out = Vec::with_capacity(elems.len());
            let mut first_err = None;
            for (e, opt) in elems.iter().zip(optional) {
                match eval(e, ctx) {
                    Ok(v) => {
                        if *opt {
                            match v {
                                Value::Optional(Some(inner)) => out.push((*inner).clone()),
                                Value::Optional(None) => {}
                                other => {
                                    first_err.get_or_insert(EvalError::new(format!(
                                        "cannot initialize optional list element from non-optional value {}",
                                        GoFmt(&other)
                                    )));
                                }
                            }
                        } else {
                            out.push(v);
                        }
                    }
                    Err(e) => {
                        if e.fatal {
                            return Err(e);
                        }
                        first_err.get_or_insert(e);
                    }
                }
            }
            if let Some(e) = first_err {
                return Err(e);
            }
            ctx.charge(10)?;
            Ok(Value::list(out))
        }
        Node::Map { entries } => {
            let mut data = MapData::default();
            let mut first_err = None;
            for (k, v, opt) in entries {
                let kv = eval(k, ctx);
                let vv = eval(v, ctx);
                match (kv, vv) {
                    (Ok(k), Ok(v)) => {
                        if !matches!(
                            k,
                            Value::String(_) | Value::Int(_) | Value::Uint(_) | Value::Bool(_)
                        ) {
                            first_err.get_or_insert(EvalError::new(format!(
                                "unsupported key type: {}",
                                k.type_name()
                            )));
                            continue;
                        }
                        if data.find(&k).is_some() {
                            first_err.get_or_insert(EvalError::new(format!(
                                "insert failed: key {} already exists",
                                GoFmt(&k)
                            )));
                            continue;
                        }
                        if *opt {
                            match v {
                                Value::Optional(Some(inner)) => {
                                    data.entries.push((k, (*inner).clone()))
                                }
                                Value::Optional(None) => {}
                                other => {
                                    first_err.get_or_insert(EvalError::new(format!(
                                        "cannot initialize optional entry '{}' from non-optional value {}",
                                        GoFmt(&k),
                                        GoFmt(&other)
                                    )));
                                }
                            }
                        } else {
                            data.entries.push((k, v));
                        }
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        if e.fatal {
                            return Err(e);
                        }
                        first_err.get_or_insert(e);
                    }
                }
            }
            if let Some(e) = first_err {
                return Err(e);
            }
            ctx.charge(30)?;
            Ok(Value::Map(Map::Owned(Rc::new(data))))
        }
        Node::AccuAppend { slot, elem } => {
            let cur = read_slot(*slot, ctx);
            ctx.charge(1)?;
            let e = eval(elem, ctx)?;
            ctx.charge(10 + 1)?;
            let cur = cur?;
            // Take the list out of the slot so that it can grow in place.
            ctx.slots[*slot] = Slot::Empty;
            match cur {
                Value::List(List::Owned(mut rc)) => {
                    Rc::make_mut(&mut rc).push(e);
                    Ok(Value::List(List::Owned(rc)))
                }
                Value::List(other) => {
                    let mut v = other.to_vec();
                    v.push(e);
                    Ok(Value::list(v))
                }
                _ => Err(EvalError::no_such_overload()),
            }
        }
        Node::Fold(f) => eval_fold(f, ctx),
    }
}

fn read_slot<'a>(s: usize, ctx: &mut Ctx<'a>) -> EvalResult<'a> {
    match &ctx.slots[s] {
        Slot::Val(v) => v.clone(),
        Slot::Lazy(init) => {
            let init: &'a Node = init;
            let v = eval(init, ctx);
            if fatal(&v) {
                return v;
            }
            ctx.slots[s] = Slot::Val(v.clone());
            v
        }
        Slot::Empty => Err(EvalError::new("no such attribute(s): local variable")),
    }
}

fn logic<'a>(a: &'a Node, b: &'a Node, ctx: &mut Ctx<'a>, is_or: bool) -> EvalResult<'a> {
    let short = is_or;
    let mut err: Option<EvalError> = None;
    for term in [a, b] {
        match eval(term, ctx) {
            Ok(Value::Bool(v)) => {
                if v == short {
                    return Ok(Value::Bool(short));
                }
            }
            Ok(_) => {
                if err.is_none() {
                    err = Some(EvalError::no_such_overload());
                }
            }
            Err(e) => {
                if e.fatal {
                    return Err(e);
                }
                if err.is_none() {
                    err = Some(e);
                }
            }
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(Value::Bool(!short)),
    }
}

fn eval_fold<'a>(f: &'a FoldNode, ctx: &mut Ctx<'a>) -> EvalResult<'a> {
    let range = eval(&f.range, ctx)?;
    ctx.slots[f.accu] = Slot::Lazy(&f.init);
    let result = if let Some(iter2) = f.iter2 {
        match &range {
            Value::List(l) => {
                let mut i = 0;
                while let Some(item) = l.get(i) {
                    ctx.slots[f.iter] = Slot::Val(Ok(Value::Int(i as i64)));
                    ctx.slots[iter2] = Slot::Val(Ok(item));
                    if !fold_step(f, ctx)? {
                        break;
                    }
                    i += 1;
                }
            }
            Value::Map(m) => {
                for (k, v) in m.entries()? {
                    ctx.slots[f.iter] = Slot::Val(Ok(k));
                    ctx.slots[iter2] = Slot::Val(Ok(v));
                    if !fold_step(f, ctx)? {
                        break;
                    }
                }
            }
            other => {
                return Err(EvalError::new(format!(
                    "unsupported comprehension range type: {}",
                    other.go_type_name()
                )))
            }
        }
        eval(&f.result, ctx)
    } else {
        match &range {
            Value::List(l) => {
                let mut i = 0;
                while let Some(item) = l.get(i) {
                    ctx.slots[f.iter] = Slot::Val(Ok(item));
                    if !fold_step(f, ctx)? {
                        break;
                    }
                    i += 1;
                }
            }
            Value::Map(m) => {
                for k in m.keys() {
                    ctx.slots[f.iter] = Slot::Val(Ok(k));
                    if !fold_step(f, ctx)? {
                        break;
                    }
                }
            }
            other => {
                return Err(EvalError::new(format!(
                    "got '{}', expected iterable type",
                    other.go_type_name()
                )))
            }
        }
        eval(&f.result, ctx)
    };
    ctx.slots[f.iter] = Slot::Empty;
    if let Some(i2) = f.iter2 {
        ctx.slots[i2] = Slot::Empty;
    }
    ctx.slots[f.accu] = Slot::Empty;
    result
}

/// One iteration: the condition, then the step. `Ok(false)` stops the loop.
fn fold_step<'a>(f: &'a FoldNode, ctx: &mut Ctx<'a>) -> Result<bool, EvalError> {
    let cond = eval(&f.cond, ctx);
    match cond {
        Ok(Value::Bool(false)) => return Ok(false),
        Err(e) if e.fatal => return Err(e),
        _ => {}
    }
    let step = eval(&f.step, ctx);
    if fatal(&step) {
        return step.map(|_| false);
    }
    ctx.slots[f.accu] = Slot::Val(step);
    Ok(true)
}

/// `value.field` on a map (or a device view).
pub fn select<'a>(v: &Value<'a>, field: &str) -> EvalResult<'a> {
    match v {
        Value::Map(m) => {
            let key = Value::String(Str::R(Rc::from(field)));
            match m.get(&key)? {
                Some(x) => Ok(x),
                None => Err(EvalError::new(format!("no such key: {field}"))),
            }
        }
        Value::Optional(_) => Err(EvalError::new(format!("no such key: {field}"))),
        _ => Err(EvalError::new(format!("no such key: {field}"))),
    }
}

/// `has(value.field)`.
fn has_field<'a>(v: &Value<'a>, field: &str) -> EvalResult<'a> {
    match v {
        Value::Map(m) => {
            let key = Value::String(Str::R(Rc::from(field)));
            Ok(Value::Bool(m.contains(&key)?))
        }
        Value::Optional(None) => Ok(Value::Bool(false)),
        Value::Optional(Some(inner)) => has_field(inner, field),
        _ => Err(EvalError::new(format!("no such key: {field}"))),
    }
}

fn list_index(i: &Value<'_>) -> Result<i64, EvalError> {
    match i {
        Value::Int(x) => Ok(*x),
        Value::Uint(u) => i64::try_from(*u)
            .map_err(|_| EvalError::new(format!("unsupported index value {u} in list"))),
        Value::Double(d) => {
            let t = d.trunc();
            if t == *d && *d >= i64::MIN as f64 && *d < i64::MAX as f64 {
                Ok(*d as i64)
            } else {
                Err(EvalError::new(format!(
                    "unsupported index value {} in list",
                    crate::library::format::go_float(*d)
                )))
            }
        }
        other => Err(EvalError::new(format!(
            "unsupported index type '{}' in list",
            other.type_name()
        ))),
    }
}

/// `value[index]`.
pub fn index_value<'a>(v: &Value<'a>, i: &Value<'a>) -> EvalResult<'a> {
    match v {
        Value::List(l) => {
            let idx = list_index(i)?;
            if idx < 0 || idx as usize >= l.len() {
                return Err(EvalError::new(format!("index out of bounds: {}", GoFmt(i))));
            }
            l.get(idx as usize)
                .ok_or_else(|| EvalError::new(format!("index out of bounds: {}", GoFmt(i))))
        }
        Value::Map(m) => match m.get(i)? {
            Some(x) => Ok(x),
            None => Err(EvalError::new(format!("no such key: {}", GoFmt(i)))),
        },
        _ => Err(EvalError::no_such_overload()),
    }
}

fn opt_index<'a>(v: &Value<'a>, i: &Value<'a>) -> EvalResult<'a> {
    match v {
        Value::List(l) => {
            let idx = list_index(i)?;
            if idx < 0 || idx as usize >= l.len() {
                return Ok(Value::Optional(None));
            }
            Ok(Value::Optional(l.get(idx as usize).map(Rc::new)))
        }
        Value::Map(m) => Ok(Value::Optional(m.get(i)?.map(Rc::new))),
        _ => Err(EvalError::no_such_overload()),
    }
}

fn equality_cost(l: &Value<'_>, r: &Value<'_>) -> u64 {
    if matches!(
        l,
        Value::Quantity(_)
            | Value::Semver(_)
            | Value::Ip(_)
            | Value::Cidr(_)
            | Value::Url(_)
            | Value::Format(_)
    ) {
        return 1;
    }
    comparison_runtime(l, r)
}

/// Small argument buffers without allocation for up to three arguments.
fn eval_args<'a>(args: &'a [Node], ctx: &mut Ctx<'a>) -> Result<Vec<Value<'a>>, EvalError> {
    let mut out = Vec::with_capacity(args.len());
    let mut err = None;
    for a in args {
        match eval(a, ctx) {
            Ok(v) => out.push(v),
            Err(e) => {
                if e.fatal {
                    return Err(e);
                }
                if err.is_none() {
                    err = Some(e);
                }
                out.push(Value::Null);
            }
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

fn eval_call<'a>(c: &'a CallNode, ctx: &mut Ctx<'a>) -> EvalResult<'a> {
    let args = eval_args(&c.args, ctx)?;
    let result = invoke(c, &args)?;
    ctx.charge(c.cost.runtime(&RuntimeCall {
        overload: c.overload,
        args: &args,
        result: &result,
    }))?;
    Ok(result)
}

/// Calls the implementation of a call node on evaluated arguments.
pub fn invoke<'a>(c: &CallNode, args: &[Value<'a>]) -> EvalResult<'a> {
    match &c.dispatch {
        Dispatch::Singleton(t, f) => {
            if let (Some(t), Some(a0)) = (t, args.first()) {
                if !t.held_by(a0) {
                    return Err(missing_trait(c.function, a0, *t));
                }
            }
            f(args)
        }
        Dispatch::Guarded(f, types) => {
            if types.len() == args.len()
                && types.iter().zip(args).all(|(t, a)| runtime_matches(t, a))
            {
                f(args)
            } else {
                Err(no_such_overload(c.function, args))
            }
        }
        Dispatch::Unguarded(f) => f(args),
        Dispatch::Dynamic(all) => {
            for (types, f) in all {
                if types.len() == args.len()
                    && types.iter().zip(args).all(|(t, a)| runtime_matches(t, a))
                {
                    return f(args);
                }
            }
            Err(no_such_overload(c.function, args))
        }
        Dispatch::Missing => Err(EvalError::new(format!("no such overload: {}", c.function))),
    }
}

fn missing_trait(function: &str, a0: &Value<'_>, _t: Trait) -> EvalError {
    // Receiver types answer with a bare "no such overload".
    if matches!(
        a0,
        Value::String(_) | Value::Duration(_) | Value::Timestamp(_)
    ) {
        EvalError::no_such_overload()
    } else {
        EvalError::new(format!("no such overload: {function}"))
    }
}

/// Precomputes calls of pure functions on constants (`quantity("1Gi")`,
/// `semver("1.0.0")`, ...), keeping their runtime cost.
pub fn fold_constant_call(node: CallNode) -> Node {
    const FOLDABLE: [&str; 4] = ["quantity", "semver", "isQuantity", "isSemver"];
    if !FOLDABLE.contains(&node.function) || !node.args.iter().all(|a| matches!(a, Node::Const(_)))
    {
        return Node::Call(Box::new(node));
    }
    let args: Vec<Value<'_>> = node
        .args
        .iter()
        .map(|a| match a {
            Node::Const(c) => c.to_value(),
            _ => Value::Null,
        })
        .collect();
    let folded = match invoke(&node, &args) {
        Ok(v) => {
            let cost = node.cost.runtime(&RuntimeCall {
                overload: node.overload,
                args: &args,
                result: &v,
            });
            match v {
                Value::Quantity(q) => Some((Const::Quantity(q.get().clone()), cost)),
                Value::Semver(s) => Some((Const::Semver(s.get().clone()), cost)),
                Value::Bool(b) => Some((Const::Bool(b), cost)),
                _ => None,
            }
        }
        Err(_) => None,
    };
    drop(args);
    match folded {
        Some((value, cost)) => Node::Folded { value, cost },
        None => Node::Call(Box::new(node)),
    }
}
