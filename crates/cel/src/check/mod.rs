//! The type checker: cel-go's checker (identifier and function resolution,
//! overload resolution with type parameters, comprehensions, aggregate
//! literals), producing a type and a reference for every node.

pub mod validators;

use std::collections::HashMap;

use crate::env::Env;
use crate::parse::ast::*;
use crate::parse::source::{Issue, Source};
use crate::types::{self, format_function, Mapping, Type};

/// What an identifier or call resolved to.
#[derive(Clone, Debug)]
pub enum Reference {
    /// A variable (global or local), by its resolved name.
    Ident(#[allow(dead_code)] String),
    /// A function call with the overloads that may apply.
    Function(Vec<&'static str>),
}

/// The result of checking.
pub struct Checked {
    pub types: HashMap<Id, Type>,
    pub refs: HashMap<Id, Reference>,
}

/// Type-checks `expr` (rewriting qualified names and namespaced calls in
/// place). Returns the issues found, if any.
pub fn check(
    expr: &mut Expr,
    env: &Env,
    source: &Source,
    offsets: &HashMap<Id, usize>,
) -> Result<Checked, Vec<Issue>> {
    let mut c = Checker {
        env,
        source,
        offsets,
        types: HashMap::new(),
        refs: HashMap::new(),
        mapping: Mapping::default(),
        scopes: Vec::new(),
        var_counter: 0,
        issues: Vec::new(),
    };
    c.check(expr);
    if !c.issues.is_empty() {
        return Err(c.issues);
    }
    let mapping = std::mem::take(&mut c.mapping);
    let types = c
        .types
        .into_iter()
        .map(|(id, t)| (id, types::substitute(&mapping, &t, true)))
        .collect();
    Ok(Checked {
        types,
        refs: c.refs,
    })
}

struct Checker<'e> {
    env: &'e Env,
    source: &'e Source,
    offsets: &'e HashMap<Id, usize>,
    types: HashMap<Id, Type>,
    refs: HashMap<Id, Reference>,
    mapping: Mapping,
    /// Local variables, innermost scope last.
    scopes: Vec<HashMap<String, Type>>,
    var_counter: usize,
    issues: Vec<Issue>,
}

impl Checker<'_> {
    fn error(&mut self, id: Id, message: String) {
        let offset = self.offsets.get(&id).copied();
        self.issues.push(self.source.issue_at(offset, message));
    }

    fn set_type(&mut self, id: Id, t: Type) {
        if let Some(old) = self.types.get(&id) {
            if !old.is_exact(&t) {
                let msg = format!(
                    "incompatible type already exists for expression: ({id}) old:{}, new:{}",
                    old.display(),
                    t.display()
                );
                self.error(id, msg);
                return;
            }
        }
        self.types.insert(id, t);
    }

    fn get_type(&self, id: Id) -> Type {
        self.types.get(&id).cloned().unwrap_or(Type::Error)
    }

    fn new_type_var(&mut self) -> Type {
        let t = Type::Param(format!("_var{}", self.var_counter));
        self.var_counter += 1;
        t
    }

    fn is_assignable(&mut self, t1: &Type, t2: &Type) -> bool {
        match types::is_assignable(&self.mapping, t1, t2) {
            Some(m) => {
                self.mapping = m;
                true
            }
            None => false,
        }
    }

    fn lookup_local(&self, name: &str) -> Option<&Type> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    fn lookup_global(&self, name: &str) -> Option<Type> {
        self.env.variables.get(name).cloned()
    }

    fn resolve_simple(&self, name: &str) -> Option<(String, Type)> {
        if !name.starts_with('.') {
            if let Some(t) = self.lookup_local(name) {
                return Some((name.to_string(), t.clone()));
            }
        }
        let candidate = name.trim_start_matches('.');
        let local_shadowed = self.lookup_local(candidate).is_some();
        self.lookup_global(candidate).map(|t| {
            let n = if local_shadowed {
                format!(".{candidate}")
            } else {
                candidate.to_string()
            };
            (n, t)
        })
    }

    fn resolve_qualified(&self, qualifiers: &[String]) -> Option<(String, Type)> {
        if qualifiers.len() == 1 {
            return self.resolve_simple(&qualifiers[0]);
        }
        if !qualifiers[0].starts_with('.') && self.lookup_local(&qualifiers[0]).is_some() {
            return None;
        }
        let name = qualifiers.join(".");
        let candidate = name.trim_start_matches('.');
        self.lookup_global(candidate)
            .map(|t| (candidate.to_string(), t))
    }

    fn check(&mut self, e: &mut Expr) {
        let id = e.id;
        match &mut e.kind {
            ExprKind::Literal(l) => {
                let t = match l {
                    Literal::Null => Type::Null,
                    Literal::Bool(_) => Type::Bool,
                    Literal::Int(_) => Type::Int,
                    Literal::Uint(_) => Type::Uint,
                    Literal::Double(_) => Type::Double,
                    Literal::String(_) => Type::String,
                    Literal::Bytes(_) => Type::Bytes,
                };
                self.set_type(id, t);
            }
            ExprKind::Ident(name) => {
                let name = name.clone();
                match self.resolve_simple(&name) {
                    Some((resolved, t)) => {
                        self.set_type(id, t);
                        self.refs.insert(id, Reference::Ident(resolved.clone()));
                        e.kind = ExprKind::Ident(resolved);
                    }
                    None => {
                        self.set_type(id, Type::Error);
                        self.error(
                            id,
                            format!("undeclared reference to '{name}' (in container '')"),
                        );
                    }
                }
            }
            ExprKind::Select(_) => self.check_select(e),
            ExprKind::Call(_) => self.check_call(e),
            ExprKind::List(_) => self.check_list(e),
            ExprKind::Map(_) => self.check_map(e),
            ExprKind::Struct(_) => self.check_struct(e),
            ExprKind::Comprehension(_) => self.check_comprehension(e),
        }
    }

    fn check_select(&mut self, e: &mut Expr) {
        let id = e.id;
        // A qualified identifier?
        if let Some(q) = qualifiers(e) {
            if let Some((name, t)) = self.resolve_qualified(&q) {
                self.set_type(id, t);
                self.refs.insert(id, Reference::Ident(name.clone()));
                e.kind = ExprKind::Ident(name);
                return;
            }
        }
        let ExprKind::Select(sel) = &mut e.kind else {
            return;
        };
        let test_only = sel.test_only;
        let field = sel.field.clone();
        let mut result = self.check_select_field(id, &mut sel.operand, &field, false);
        if test_only {
            result = Type::Bool;
        }
        let t = types::substitute(&self.mapping, &result, false);
        self.set_type(id, t);
    }

    fn check_select_field(
        &mut self,
        id: Id,
        operand: &mut Expr,
        field: &str,
        optional: bool,
    ) -> Type {
        self.check(operand);
        let operand_type = types::substitute(&self.mapping, &self.get_type(operand.id), false);
        let (target, is_opt) = operand_type.unwrap_optional();
        let target = target.clone();
        let result = match &target {
            Type::Map(_, v) => (**v).clone(),
            Type::Struct(name) => match self.env.structs.get(name) {
                None => {
                    self.error(id, format!("unexpected failed resolution of '{name}'"));
                    Type::Error
                }
                Some(fields) => match fields.get(field) {
                    Some(f) => f.ty.clone(),
                    None => {
                        self.error(id, format!("undefined field '{field}'"));
                        Type::Error
                    }
                },
            },
            Type::Param(_) => {
                self.is_assignable(&Type::Dyn, &target);
                Type::Dyn
            }
            other => {
                if !other.is_dyn_or_error() {
                    self.error(
                        id,
                        format!("type '{}' does not support field selection", other.format()),
                    );
                }
                Type::Dyn
            }
        };
        if is_opt || optional {
            Type::optional(result)
        } else {
            result
        }
    }

    fn check_call(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::Call(call) = &mut e.kind else {
            return;
        };
        if call.function == "_?._" {
            self.check_opt_select(e);
            return;
        }
        for a in call.args.iter_mut() {
            self.check(a);
        }
        let name = call.function.clone();
        if call.target.is_none() {
            let Some(f) = self.env.function(name.trim_start_matches('.')) else {
                self.error(
                    id,
                    format!("undeclared reference to '{name}' (in container '')"),
                );
                self.set_type(id, Type::Error);
                return;
            };
            call.function = f.name.to_string();
            let arg_types: Vec<Type> = call.args.iter().map(|a| self.get_type(a.id)).collect();
            let arg_ids: Vec<Id> = call.args.iter().map(|a| a.id).collect();
            self.resolve_overload(id, f.name, None, &arg_types, &arg_ids);
            return;
        }
        // A namespaced function (`sets.contains(...)`)?
        let target = call.target.as_ref().unwrap();
        if let Some(prefix) = target.qualified_name() {
            let qualified = format!("{prefix}.{name}");
            if let Some(f) = self.env.function(qualified.trim_start_matches('.')) {
                call.function = f.name.to_string();
                call.target = None;
                let arg_types: Vec<Type> = call.args.iter().map(|a| self.get_type(a.id)).collect();
                let arg_ids: Vec<Id> = call.args.iter().map(|a| a.id).collect();
                self.resolve_overload(id, f.name, None, &arg_types, &arg_ids);
                return;
            }
        }
        let target = call.target.as_mut().unwrap();
        self.check(target);
        let target_type = self.get_type(target.id);
        let Some(f) = self.env.function(&name) else {
            self.set_type(id, Type::Error);
            self.error(
                id,
                format!("undeclared reference to '{name}' (in container '')"),
            );
            return;
        };
        let mut arg_types = vec![target_type];
        arg_types.extend(call.args.iter().map(|a| self.get_type(a.id)));
        let mut arg_ids = vec![target.id];
        arg_ids.extend(call.args.iter().map(|a| a.id));
        self.resolve_overload(id, f.name, Some(()), &arg_types, &arg_ids);
    }

    fn check_opt_select(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::Call(call) = &mut e.kind else {
            return;
        };
        if call.args.len() != 2 || call.target.is_some() {
            let t = if call.target.is_some() {
                " member call with"
            } else {
                ""
            };
            let n = call.args.len();
            self.error(
                id,
                format!("unsupported optional field selection: incorrect signature.{t} argument count: {n}"),
            );
            return;
        }
        let Some(field) = call.args[1].as_string_literal().map(str::to_string) else {
            let fid = call.args[1].id;
            self.error(fid, "unsupported optional field selection".to_string());
            return;
        };
        let result = self.check_select_field(id, &mut call.args[0], &field, true);
        let t = types::substitute(&self.mapping, &result, false);
        self.set_type(id, t);
        self.refs
            .insert(id, Reference::Function(vec!["select_optional_field"]));
    }

    fn resolve_overload(
        &mut self,
        id: Id,
        fname: &'static str,
        target: Option<()>,
        arg_types: &[Type],
        arg_ids: &[Id],
    ) {
        let f = match self.env.function(fname) {
            Some(f) => f,
            None => return,
        };
        let is_member = target.is_some();
        let mut result: Option<Type> = None;
        let mut overload_ids: Vec<&'static str> = Vec::new();
        for o in &f.overloads {
            if o.member != is_member {
                continue;
            }
            if fname == "_&&_" || fname == "_||_" {
                let mut failed = false;
                for (i, t) in arg_types.iter().enumerate() {
                    if !self.is_assignable(t, &Type::Bool) {
                        self.error(
                            arg_ids[i],
                            format!("expected type 'bool' but found '{}'", t.format()),
                        );
                        failed = true;
                    }
                }
                if failed {
                    self.set_type(id, Type::Error);
                    return;
                }
                self.set_type(id, Type::Bool);
                self.refs.insert(id, Reference::Function(vec![o.id]));
                return;
            }
            let mut params = o.args.clone();
            let mut res = o.result.clone();
            if !o.type_params.is_empty() {
                let mut subs = Mapping::default();
                for p in &o.type_params {
                    let fresh = self.new_type_var();
                    subs.add(&Type::Param(p.clone()), fresh);
                }
                params = params
                    .iter()
                    .map(|t| types::substitute(&subs, t, false))
                    .collect();
                res = types::substitute(&subs, &res, false);
            }
            if let Some(m) = types::is_assignable_list(&self.mapping, arg_types, &params) {
                self.mapping = m;
                overload_ids.push(o.id);
                let fn_result = types::substitute(&self.mapping, &res, false);
                result = Some(match result {
                    None => fn_result,
                    Some(r) if !r.is_dyn() && !fn_result.is_exact(&r) => Type::Dyn,
                    Some(r) => r,
                });
            }
        }
        match result {
            Some(t) => {
                self.set_type(id, t);
                self.refs.insert(id, Reference::Function(overload_ids));
            }
            None => {
                let args: Vec<Type> = arg_types
                    .iter()
                    .map(|t| types::substitute(&self.mapping, t, true))
                    .collect();
                let sig = format_function(None, &args, is_member);
                self.error(
                    id,
                    format!("found no matching overload for '{fname}' applied to '{sig}'"),
                );
                self.set_type(id, Type::Error);
            }
        }
    }

    fn join_types(&mut self, _id: Id, previous: Option<Type>, current: Type) -> Type {
        match previous {
            None => current,
            Some(p) => {
                if self.is_assignable(&p, &current) {
                    types::most_general(&p, &current)
                } else {
                    Type::Dyn
                }
            }
        }
    }

    fn check_list(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::List(list) = &mut e.kind else {
            return;
        };
        let mut elem_type: Option<Type> = None;
        let optionals = list.optional_indices.clone();
        for (i, el) in list.elements.iter_mut().enumerate() {
            self.check(el);
            let mut t = self.get_type(el.id);
            if optionals.contains(&i) {
                let (inner, is_opt) = t.unwrap_optional();
                let inner = inner.clone();
                if !is_opt && !inner.is_dyn() {
                    self.error(
                        el.id,
                        format!(
                            "expected type '{}' but found '{}'",
                            Type::optional(inner.clone()).format(),
                            inner.format()
                        ),
                    );
                }
                t = inner;
            }
            elem_type = Some(self.join_types(el.id, elem_type, t));
        }
        let elem = match elem_type {
            Some(t) => t,
            None => self.new_type_var(),
        };
        self.set_type(id, Type::list(elem));
    }

    fn check_map(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::Map(map) = &mut e.kind else {
            return;
        };
        let mut key_type: Option<Type> = None;
        let mut value_type: Option<Type> = None;
        for entry in map.entries.iter_mut() {
            self.check(&mut entry.key);
            let kt = self.get_type(entry.key.id);
            key_type = Some(self.join_types(entry.key.id, key_type, kt));
            self.check(&mut entry.value);
            let mut vt = self.get_type(entry.value.id);
            if entry.optional {
                let (inner, is_opt) = vt.unwrap_optional();
                let inner = inner.clone();
                if !is_opt && !inner.is_dyn() {
                    self.error(
                        entry.value.id,
                        format!(
                            "expected type '{}' but found '{}'",
                            Type::optional(inner.clone()).format(),
                            inner.format()
                        ),
                    );
                }
                vt = inner;
            }
            value_type = Some(self.join_types(entry.value.id, value_type, vt));
        }
        let (k, v) = match (key_type, value_type) {
            (Some(k), Some(v)) => (k, v),
            _ => (self.new_type_var(), self.new_type_var()),
        };
        self.set_type(id, Type::map(k, v));
    }

    fn check_struct(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::Struct(s) = &mut e.kind else {
            return;
        };
        let name = s.type_name.trim_start_matches('.').to_string();
        if !self.env.structs.contains_key(&name) {
            self.error(
                id,
                format!(
                    "undeclared reference to '{}' (in container '')",
                    s.type_name
                ),
            );
            self.set_type(id, Type::Error);
            return;
        }
        s.type_name = name.clone();
        self.refs.insert(id, Reference::Ident(name.clone()));
        self.set_type(id, Type::Struct(name.clone()));
        for f in s.fields.iter_mut() {
            self.check(&mut f.value);
            let field_type = match self.env.struct_field(&name, &f.name) {
                Some(fd) => fd.ty.clone(),
                None => {
                    let fname = f.name.clone();
                    self.error(f.id, format!("undefined field '{fname}'"));
                    Type::Error
                }
            };
            let mut vt = self.get_type(f.value.id);
            if f.optional {
                let (inner, is_opt) = vt.unwrap_optional();
                let inner = inner.clone();
                if !is_opt && !inner.is_dyn() {
                    self.error(
                        f.value.id,
                        format!(
                            "expected type '{}' but found '{}'",
                            Type::optional(inner.clone()).format(),
                            inner.format()
                        ),
                    );
                }
                vt = inner;
            }
            if !self.is_assignable(&field_type, &vt) {
                let fname = f.name.clone();
                self.error(
                    f.id,
                    format!(
                        "expected type of field '{fname}' is '{}' but provided type is '{}'",
                        field_type.format(),
                        vt.format()
                    ),
                );
            }
        }
    }

    fn check_comprehension(&mut self, e: &mut Expr) {
        let id = e.id;
        let ExprKind::Comprehension(c) = &mut e.kind else {
            return;
        };
        self.check(&mut c.iter_range);
        self.check(&mut c.accu_init);
        let range_type = types::substitute(&self.mapping, &self.get_type(c.iter_range.id), false);
        let accu_type = self.get_type(c.accu_init.id);
        let mut accu_scope = HashMap::new();
        accu_scope.insert(c.accu_var.clone(), accu_type.clone());
        self.scopes.push(accu_scope);
        let two = c.iter_var2.is_some();
        let (var_type, var2_type) = match &range_type {
            Type::List(elem) => {
                if two {
                    (Type::Int, Some((**elem).clone()))
                } else {
                    ((**elem).clone(), None)
                }
            }
            Type::Map(k, v) => ((**k).clone(), if two { Some((**v).clone()) } else { None }),
            Type::Dyn | Type::Error | Type::Param(_) => {
                self.is_assignable(&Type::Dyn, &range_type);
                (Type::Dyn, if two { Some(Type::Dyn) } else { None })
            }
            other => {
                let rid = c.iter_range.id;
                let msg = format!(
                    "expression of type '{}' cannot be range of a comprehension (must be list, map, or dynamic)",
                    other.format()
                );
                self.error(rid, msg);
                (Type::Error, if two { Some(Type::Error) } else { None })
            }
        };
        let mut loop_scope = HashMap::new();
        loop_scope.insert(c.iter_var.clone(), var_type);
        if let (Some(v2), Some(t2)) = (&c.iter_var2, var2_type) {
            loop_scope.insert(v2.clone(), t2);
        }
        self.scopes.push(loop_scope);
        self.check(&mut c.loop_cond);
        self.assert_type(c.loop_cond.id, &Type::Bool);
        self.check(&mut c.loop_step);
        self.assert_type(c.loop_step.id, &accu_type);
        self.scopes.pop();
        self.check(&mut c.result);
        self.scopes.pop();
        let t = types::substitute(&self.mapping, &self.get_type(c.result.id), false);
        self.set_type(id, t);
    }

    fn assert_type(&mut self, id: Id, t: &Type) {
        let actual = self.get_type(id);
        if !self.is_assignable(t, &actual) {
            self.error(
                id,
                format!(
                    "expected type '{}' but found '{}'",
                    t.format(),
                    actual.format()
                ),
            );
        }
    }
}

/// The names of a chain of field selections on an identifier, root first.
fn qualifiers(e: &Expr) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = e;
    loop {
        match &cur.kind {
            ExprKind::Select(s) => {
                if s.test_only {
                    return None;
                }
                out.push(s.field.clone());
                cur = &s.operand;
            }
            ExprKind::Ident(n) => {
                out.push(n.clone());
                out.reverse();
                return Some(out);
            }
            _ => return None,
        }
    }
}
