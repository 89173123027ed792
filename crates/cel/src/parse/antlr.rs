//! The `cel` crate's parser, converted into our tree, with the Kubernetes
//! environment's extra macros (`cel.bind`, the two-variable comprehensions,
//! `optMap`/`optFlatMap`, `sortBy`) expanded.

use std::collections::HashMap;

use cel::common::ast as cast;
use cel::parser::Parser;

use super::ast::*;
use super::guard;
use super::source::{Issue, Source};
use super::Parsed;

/// Parses `source` (which passed the guards), or returns the parse issues.
pub fn parse(source: &Source, shape: &guard::Shape) -> Result<Parsed, Vec<Issue>> {
    let text = source.text();
    let run = || {
        Parser::new()
            .enable_optional_syntax(true)
            .max_recursion_depth(guard::MAX_DEPTH as u16)
            .parse_with_source_info(text)
    };
    // Shallow expressions (nearly all selectors) parse right here; deeper
    // ones on a thread with a large stack.
    let parsed = if shape.nesting <= 4 && shape.depth <= 24 {
        Some(run())
    } else {
        with_parser_stack(run)
    };
    let Some(parsed) = parsed else {
        return Err(vec![Issue::nowhere(
            "internal error: the parser could not run",
        )]);
    };
    let (expr, info) = match parsed {
        Ok(r) => r,
        Err(errors) => {
            let issues = errors
                .errors
                .iter()
                .map(|e| {
                    let line = e.pos.0 as i64;
                    let mut column = e.pos.1 as i64 - 1;
                    // Errors the parser positions by a node (macro errors)
                    // count the column in bytes; syntax errors and errors at
                    // a token count characters, as cel-go does.
                    if e.expr_id == 0 && !e.msg.starts_with("Syntax error") {
                        column = char_column(text, line, column);
                    }
                    let message = if e.msg.starts_with("Recursion limit") {
                        format!("expression recursion limit exceeded: {}", guard::MAX_DEPTH)
                    } else {
                        e.msg.clone()
                    };
                    if line < 1 {
                        return Issue::nowhere(message);
                    }
                    Issue {
                        line,
                        column: column.max(0),
                        offset: source.offset_of(line, column.max(0)),
                        message,
                    }
                })
                .collect();
            return Err(issues);
        }
    };
    let byte_to_char = ByteToChar::new(text);
    let mut conv = Converter {
        offsets: HashMap::new(),
        next_id: 1,
        issues: Vec::new(),
        source,
    };
    // Offsets of the parser's nodes.
    let mut max_id = 0;
    collect_ids(&expr, &mut max_id);
    for id in 1..=max_id {
        if let Some((start, _)) = info.offset_for(id) {
            conv.offsets
                .insert(id, byte_to_char.char_offset(start as usize));
        }
    }
    conv.next_id = max_id + 1;
    let out = conv.convert(&expr);
    if !conv.issues.is_empty() {
        return Err(conv.issues);
    }
    Ok(Parsed {
        expr: out,
        offsets: conv.offsets,
    })
}

/// The character column of a byte column on a 1-based line of `text`.
fn char_column(text: &str, line: i64, byte_column: i64) -> i64 {
    let Some(line_text) = usize::try_from(line - 1)
        .ok()
        .and_then(|index| text.split('\n').nth(index))
    else {
        return byte_column;
    };
    let bytes = usize::try_from(byte_column)
        .unwrap_or(0)
        .min(line_text.len());
    let prefix = line_text
        .char_indices()
        .take_while(|(i, _)| *i < bytes)
        .count();
    prefix as i64
}

/// Runs the parser. The generated parser needs a lot of stack per nesting
/// level (several times more in unoptimized builds), so on platforms with
/// threads it runs on a thread with a large stack. `None` only if it could
/// run neither there nor here.
fn with_parser_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Option<T> {
    #[cfg(not(target_family = "wasm"))]
    {
        const STACK: usize = 64 << 20;
        let cell = std::sync::Mutex::new(Some(f));
        let take = || cell.lock().ok().and_then(|mut g| g.take());
        let on_thread = std::thread::scope(|s| {
            let handle = std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(s, || take().map(|f| f()))
                .ok()?;
            match handle.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        // If no thread could be started, parse here.
        on_thread.or_else(|| take().map(|f| f()))
    }
    #[cfg(target_family = "wasm")]
    {
        Some(f())
    }
}

fn collect_ids(e: &cast::IdedExpr, max: &mut u64) {
    *max = (*max).max(e.id);
    match &e.expr {
        cast::Expr::Call(c) => {
            if let Some(t) = &c.target {
                collect_ids(t, max);
            }
            for a in &c.args {
                collect_ids(a, max);
            }
        }
        cast::Expr::Comprehension(c) => {
            for x in [
                &c.iter_range,
                &c.accu_init,
                &c.loop_cond,
                &c.loop_step,
                &c.result,
            ] {
                collect_ids(x, max);
            }
        }
        cast::Expr::List(l) => {
            for x in &l.elements {
                collect_ids(x, max);
            }
        }
        cast::Expr::Map(m) => {
            for en in &m.entries {
                *max = (*max).max(en.id);
                if let cast::EntryExpr::MapEntry(me) = &en.expr {
                    collect_ids(&me.key, max);
                    collect_ids(&me.value, max);
                }
            }
        }
        cast::Expr::Struct(s) => {
            for en in &s.entries {
                *max = (*max).max(en.id);
                if let cast::EntryExpr::StructField(f) = &en.expr {
                    collect_ids(&f.value, max);
                }
            }
        }
        cast::Expr::Select(s) => collect_ids(&s.operand, max),
        _ => {}
    }
}

/// Converts the parser's byte offsets into char offsets.
struct ByteToChar {
    ascii: bool,
    /// For non-ASCII text: char offset of every byte offset.
    map: Vec<usize>,
}

impl ByteToChar {
    fn new(text: &str) -> ByteToChar {
        if text.is_ascii() {
            return ByteToChar {
                ascii: true,
                map: Vec::new(),
            };
        }
        let mut map = vec![0; text.len() + 1];
        let mut ci = 0;
        for (bi, ch) in text.char_indices() {
            for k in 0..ch.len_utf8() {
                map[bi + k] = ci;
            }
            ci += 1;
        }
        map[text.len()] = ci;
        ByteToChar { ascii: false, map }
    }

    fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            self.map.get(byte).copied().unwrap_or(byte)
        }
    }
}

struct Converter<'s> {
    offsets: HashMap<Id, usize>,
    next_id: Id,
    issues: Vec<Issue>,
    source: &'s Source,
}

impl Converter<'_> {
    /// A new node id placed where `at` is.
    fn new_id(&mut self, at: Id) -> Id {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(o) = self.offsets.get(&at).copied() {
            self.offsets.insert(id, o);
        }
        id
    }

    fn node(&mut self, at: Id, kind: ExprKind) -> Expr {
        let id = self.new_id(at);
        Expr::new(id, kind)
    }

    fn error(&mut self, at: Id, message: &str) -> Expr {
        let offset = self.offsets.get(&at).copied();
        self.issues.push(self.source.issue_at(offset, message));
        Expr::new(at, ExprKind::Literal(Literal::Null))
    }

    fn convert(&mut self, e: &cast::IdedExpr) -> Expr {
        let id = e.id;
        match &e.expr {
            cast::Expr::Unspecified => Expr::new(id, ExprKind::Literal(Literal::Null)),
            cast::Expr::Literal(l) => Expr::new(id, ExprKind::Literal(convert_literal(l))),
            cast::Expr::Ident(name) => {
                let name = if name == HIDDEN_ACCUMULATOR {
                    ACCUMULATOR.to_string()
                } else {
                    name.clone()
                };
                Expr::new(id, ExprKind::Ident(name))
            }
            cast::Expr::Select(s) => {
                let operand = self.convert(&s.operand);
                Expr::new(
                    id,
                    ExprKind::Select(Box::new(Select {
                        operand,
                        field: s.field.clone(),
                        test_only: s.test,
                    })),
                )
            }
            cast::Expr::Call(c) => self.convert_call(id, c),
            cast::Expr::List(l) => {
                let elements = l.elements.iter().map(|x| self.convert(x)).collect();
                Expr::new(
                    id,
                    ExprKind::List(Box::new(ListExpr {
                        elements,
                        optional_indices: l.optional_indices.clone(),
                    })),
                )
            }
            cast::Expr::Map(m) => {
                let mut entries = Vec::with_capacity(m.entries.len());
                for en in &m.entries {
                    if let cast::EntryExpr::MapEntry(me) = &en.expr {
                        let key = self.convert(&me.key);
                        let value = self.convert(&me.value);
                        entries.push(MapEntry {
                            key,
                            value,
                            optional: me.optional,
                        });
                    }
                }
                Expr::new(id, ExprKind::Map(Box::new(MapExpr { entries })))
            }
            cast::Expr::Struct(s) => {
                let mut fields = Vec::with_capacity(s.entries.len());
                for en in &s.entries {
                    if let cast::EntryExpr::StructField(f) = &en.expr {
                        let value = self.convert(&f.value);
                        fields.push(StructField {
                            id: en.id,
                            name: f.field.clone(),
                            value,
                            optional: f.optional,
                        });
                    }
                }
                Expr::new(
                    id,
                    ExprKind::Struct(Box::new(StructExpr {
                        type_name: s.type_name.clone(),
                        fields,
                    })),
                )
            }
            cast::Expr::Comprehension(c) => {
                let accu_var = if c.accu_var == HIDDEN_ACCUMULATOR {
                    ACCUMULATOR.to_string()
                } else {
                    c.accu_var.clone()
                };
                if c.iter_var == ACCUMULATOR || c.iter_var == HIDDEN_ACCUMULATOR {
                    return self.error(id, "iteration variable overwrites accumulator variable");
                }
                let comp = Comprehension {
                    iter_range: self.convert(&c.iter_range),
                    iter_var: c.iter_var.clone(),
                    iter_var2: c.iter_var2.clone(),
                    accu_var,
                    accu_init: self.convert(&c.accu_init),
                    loop_cond: self.convert(&c.loop_cond),
                    loop_step: self.convert(&c.loop_step),
                    result: self.convert(&c.result),
                };
                Expr::new(id, ExprKind::Comprehension(Box::new(comp)))
            }
        }
    }

    fn convert_call(&mut self, id: Id, c: &cast::CallExpr) -> Expr {
        let n = c.args.len();
        let name = c.func_name.as_str();
        if let Some(target) = &c.target {
            let is_cel_ns = matches!(&target.expr, cast::Expr::Ident(t) if t == "cel");
            match (name, n) {
                ("bind", 3) if is_cel_ns => return self.expand_bind(id, c),
                ("all" | "exists" | "existsOne" | "exists_one", 3)
                | ("transformList" | "transformMap" | "transformMapEntry", 3 | 4) => {
                    return self.expand_two_var(id, name, target, &c.args);
                }
                ("optMap" | "optFlatMap", 2) => {
                    return self.expand_opt_map(id, name == "optMap", target, &c.args);
                }
                ("sortBy", 2) => return self.expand_sort_by(id, target, &c.args),
                _ => {}
            }
        }
        let target = c.target.as_ref().map(|t| self.convert(t));
        let args = c.args.iter().map(|a| self.convert(a)).collect();
        Expr::new(
            id,
            ExprKind::Call(Box::new(Call {
                function: name.to_string(),
                target,
                args,
            })),
        )
    }

    fn ident(&mut self, at: Id, name: &str) -> Expr {
        self.node(at, ExprKind::Ident(name.to_string()))
    }

    fn lit(&mut self, at: Id, l: Literal) -> Expr {
        self.node(at, ExprKind::Literal(l))
    }

    fn call(&mut self, at: Id, function: &str, target: Option<Expr>, args: Vec<Expr>) -> Expr {
        self.node(
            at,
            ExprKind::Call(Box::new(Call {
                function: function.to_string(),
                target,
                args,
            })),
        )
    }

    fn empty_list(&mut self, at: Id) -> Expr {
        self.node(
            at,
            ExprKind::List(Box::new(ListExpr {
                elements: Vec::new(),
                optional_indices: Vec::new(),
            })),
        )
    }

    fn bind_comprehension(&mut self, at: Id, id: Id, var: &str, init: Expr, body: Expr) -> Expr {
        let range = self.empty_list(at);
        let cond = self.lit(at, Literal::Bool(false));
        let step = self.ident(at, var);
        Expr::new(
            id,
            ExprKind::Comprehension(Box::new(Comprehension {
                iter_range: range,
                iter_var: UNUSED_ITER_VAR.to_string(),
                iter_var2: None,
                accu_var: var.to_string(),
                accu_init: init,
                loop_cond: cond,
                loop_step: step,
                result: body,
            })),
        )
    }

    fn expand_bind(&mut self, id: Id, c: &cast::CallExpr) -> Expr {
        let var = match &c.args[0].expr {
            cast::Expr::Ident(v) => v.clone(),
            _ => {
                return self.error(
                    c.args[0].id,
                    "cel.bind() variable names must be simple identifiers",
                )
            }
        };
        let init = self.convert(&c.args[1]);
        let body = self.convert(&c.args[2]);
        let cid = self.new_id(id);
        self.bind_comprehension(id, cid, &var, init, body)
    }

    fn iter_var(&mut self, e: &cast::IdedExpr) -> Option<String> {
        match &e.expr {
            cast::Expr::Ident(v) => Some(v.clone()),
            _ => {
                self.error(e.id, "argument must be a simple name");
                None
            }
        }
    }

    fn expand_two_var(
        &mut self,
        id: Id,
        name: &str,
        target: &cast::IdedExpr,
        args: &[cast::IdedExpr],
    ) -> Expr {
        let Some(v1) = self.iter_var(&args[0]) else {
            return Expr::new(id, ExprKind::Literal(Literal::Null));
        };
        let Some(v2) = self.iter_var(&args[1]) else {
            return Expr::new(id, ExprKind::Literal(Literal::Null));
        };
        if v1 == v2 {
            return self.error(args[1].id, &format!("duplicate variable name: {v1}"));
        }
        if v1 == ACCUMULATOR || v1 == HIDDEN_ACCUMULATOR {
            return self.error(
                args[0].id,
                "iteration variable overwrites accumulator variable",
            );
        }
        if v2 == ACCUMULATOR || v2 == HIDDEN_ACCUMULATOR {
            return self.error(
                args[1].id,
                "iteration variable overwrites accumulator variable",
            );
        }
        let range = self.convert(target);
        let rest: Vec<Expr> = args[2..].iter().map(|a| self.convert(a)).collect();
        let accu = |c: &mut Self| c.ident(id, ACCUMULATOR);
        let (init, cond, step, result) = match name {
            "all" => {
                let init = self.lit(id, Literal::Bool(true));
                let a = accu(self);
                let cond = self.call(id, "@not_strictly_false", None, vec![a]);
                let a = accu(self);
                let step = self.call(id, "_&&_", None, vec![a, rest[0].clone()]);
                (init, cond, step, accu(self))
            }
            "exists" => {
                let init = self.lit(id, Literal::Bool(false));
                let a = accu(self);
                let not = self.call(id, "!_", None, vec![a]);
                let cond = self.call(id, "@not_strictly_false", None, vec![not]);
                let a = accu(self);
                let step = self.call(id, "_||_", None, vec![a, rest[0].clone()]);
                (init, cond, step, accu(self))
            }
            "existsOne" | "exists_one" => {
                let init = self.lit(id, Literal::Int(0));
                let cond = self.lit(id, Literal::Bool(true));
                let a = accu(self);
                let one = self.lit(id, Literal::Int(1));
                let add = self.call(id, "_+_", None, vec![a, one]);
                let a = accu(self);
                let step = self.call(id, "_?_:_", None, vec![rest[0].clone(), add, a]);
                let a = accu(self);
                let one = self.lit(id, Literal::Int(1));
                let result = self.call(id, "_==_", None, vec![a, one]);
                (init, cond, step, result)
            }
            "transformList" => {
                let (filter, transform) = if rest.len() == 2 {
                    (Some(rest[0].clone()), rest[1].clone())
                } else {
                    (None, rest[0].clone())
                };
                let init = self.empty_list(id);
                let cond = self.lit(id, Literal::Bool(true));
                let a = accu(self);
                let single = self.node(
                    id,
                    ExprKind::List(Box::new(ListExpr {
                        elements: vec![transform],
                        optional_indices: Vec::new(),
                    })),
                );
                let mut step = self.call(id, "_+_", None, vec![a, single]);
                if let Some(f) = filter {
                    let a = accu(self);
                    step = self.call(id, "_?_:_", None, vec![f, step, a]);
                }
                (init, cond, step, accu(self))
            }
            _ => {
                // transformMap and transformMapEntry.
                let (filter, transform) = if rest.len() == 2 {
                    (Some(rest[0].clone()), rest[1].clone())
                } else {
                    (None, rest[0].clone())
                };
                let init = self.node(
                    id,
                    ExprKind::Map(Box::new(MapExpr {
                        entries: Vec::new(),
                    })),
                );
                let cond = self.lit(id, Literal::Bool(true));
                let a = accu(self);
                let mut step = if name == "transformMap" {
                    let k = self.ident(id, &v1);
                    self.call(id, "cel.@mapInsert", None, vec![a, k, transform])
                } else {
                    self.call(id, "cel.@mapInsert", None, vec![a, transform])
                };
                if let Some(f) = filter {
                    let a = accu(self);
                    step = self.call(id, "_?_:_", None, vec![f, step, a]);
                }
                (init, cond, step, accu(self))
            }
        };
        let cid = self.new_id(id);
        Expr::new(
            cid,
            ExprKind::Comprehension(Box::new(Comprehension {
                iter_range: range,
                iter_var: v1,
                iter_var2: Some(v2),
                accu_var: ACCUMULATOR.to_string(),
                accu_init: init,
                loop_cond: cond,
                loop_step: step,
                result,
            })),
        )
    }

    fn expand_opt_map(
        &mut self,
        id: Id,
        is_map: bool,
        target: &cast::IdedExpr,
        args: &[cast::IdedExpr],
    ) -> Expr {
        let var = match &args[0].expr {
            cast::Expr::Ident(v) => v.clone(),
            _ => {
                let msg = if is_map {
                    "optMap() variable name must be a simple identifier"
                } else {
                    "optFlatMap() variable name must be a simple identifier"
                };
                return self.error(args[0].id, msg);
            }
        };
        let t1 = self.convert(target);
        let t2 = self.copy_with_new_ids(&t1);
        let body = self.convert(&args[1]);
        let has_value = self.call(id, "hasValue", Some(t1), vec![]);
        let value = self.call(id, "value", Some(t2), vec![]);
        let cid = self.new_id(id);
        let bind = self.bind_comprehension(id, cid, &var, value, body);
        let then = if is_map {
            self.call(id, "optional.of", None, vec![bind])
        } else {
            bind
        };
        let none = self.call(id, "optional.none", None, vec![]);
        let cond_id = self.new_id(id);
        Expr::new(
            cond_id,
            ExprKind::Call(Box::new(Call {
                function: "_?_:_".to_string(),
                target: None,
                args: vec![has_value, then, none],
            })),
        )
    }

    /// `list.sortBy(e, key)` becomes
    /// `cel.bind(@__sortBy_input__, list, @__sortBy_input__.@sortByAssociatedKeys(@__sortBy_input__.map(e, key)))`.
    fn expand_sort_by(&mut self, id: Id, target: &cast::IdedExpr, args: &[cast::IdedExpr]) -> Expr {
        let allowed = matches!(
            target.expr,
            cast::Expr::List(_)
                | cast::Expr::Ident(_)
                | cast::Expr::Comprehension(_)
                | cast::Expr::Call(_)
                | cast::Expr::Select(_)
        );
        if !allowed {
            return self.error(
                target.id,
                "sortBy can only be applied to a list, identifier, comprehension, call or select expression",
            );
        }
        let var = match &args[0].expr {
            cast::Expr::Ident(v) => v.clone(),
            _ => return self.error(args[0].id, "argument is not an identifier"),
        };
        const INPUT: &str = "@__sortBy_input__";
        let input = self.convert(target);
        let key = self.convert(&args[1]);
        // input.map(var, key)
        let range = self.ident(id, INPUT);
        let init = self.empty_list(id);
        let cond = self.lit(id, Literal::Bool(true));
        let a = self.ident(id, ACCUMULATOR);
        let single = self.node(
            id,
            ExprKind::List(Box::new(ListExpr {
                elements: vec![key],
                optional_indices: Vec::new(),
            })),
        );
        let step = self.call(id, "_+_", None, vec![a, single]);
        let result = self.ident(id, ACCUMULATOR);
        let map = self.node(
            id,
            ExprKind::Comprehension(Box::new(Comprehension {
                iter_range: range,
                iter_var: var,
                iter_var2: None,
                accu_var: ACCUMULATOR.to_string(),
                accu_init: init,
                loop_cond: cond,
                loop_step: step,
                result,
            })),
        );
        let recv = self.ident(id, INPUT);
        let sorted = self.call(id, "@sortByAssociatedKeys", Some(recv), vec![map]);
        let cid = self.new_id(id);
        self.bind_comprehension(id, cid, INPUT, input, sorted)
    }

    /// A copy of `e` with fresh ids (at the same places).
    fn copy_with_new_ids(&mut self, e: &Expr) -> Expr {
        let mut out = e.clone();
        self.renumber(&mut out);
        out
    }

    fn renumber(&mut self, e: &mut Expr) {
        e.id = self.new_id(e.id);
        match &mut e.kind {
            ExprKind::Literal(_) | ExprKind::Ident(_) => {}
            ExprKind::Select(s) => self.renumber(&mut s.operand),
            ExprKind::Call(c) => {
                if let Some(t) = &mut c.target {
                    self.renumber(t);
                }
                for a in &mut c.args {
                    self.renumber(a);
                }
            }
            ExprKind::List(l) => {
                for x in &mut l.elements {
                    self.renumber(x);
                }
            }
            ExprKind::Map(m) => {
                for en in &mut m.entries {
                    self.renumber(&mut en.key);
                    self.renumber(&mut en.value);
                }
            }
            ExprKind::Struct(s) => {
                for f in &mut s.fields {
                    f.id = self.new_id(f.id);
                    self.renumber(&mut f.value);
                }
            }
            ExprKind::Comprehension(c) => {
                self.renumber(&mut c.iter_range);
                self.renumber(&mut c.accu_init);
                self.renumber(&mut c.loop_cond);
                self.renumber(&mut c.loop_step);
                self.renumber(&mut c.result);
            }
        }
    }
}

fn convert_literal(l: &cast::LiteralValue) -> Literal {
    match l {
        cast::LiteralValue::Boolean(b) => Literal::Bool(*b.inner()),
        cast::LiteralValue::Bytes(b) => Literal::Bytes(b.inner().to_vec()),
        cast::LiteralValue::Double(d) => Literal::Double(*d.inner()),
        cast::LiteralValue::Int(i) => Literal::Int(*i.inner()),
        cast::LiteralValue::Null => Literal::Null,
        cast::LiteralValue::String(s) => Literal::String(s.inner().to_string()),
        cast::LiteralValue::UInt(u) => Literal::Uint(*u.inner()),
    }
}
