//! The macros of Kubernetes' CEL environment, expanded as cel-go expands
//! them while parsing: the standard ones (`has`, `all`, `exists`,
//! `exists_one`/`existsOne`, `map`, `filter`), `cel.bind`, the
//! two-variable comprehensions, `optMap`/`optFlatMap` and `sortBy`. The
//! nodes a macro makes are placed where the macro is called; a malformed
//! argument is reported at the argument.

use super::ast::*;
use super::visit::Visitor;

/// Every macro this module expands, with how it is written (the names a
/// person may call; [`crate::declarations`] offers them). A test holds the
/// list to the expansions below.
pub(crate) const MACROS: &[(&str, &str)] = &[
    ("has", "has(e.f) -> bool"),
    ("all", "list.all(x, p) -> bool"),
    ("exists", "list.exists(x, p) -> bool"),
    ("exists_one", "list.exists_one(x, p) -> bool"),
    ("existsOne", "list.existsOne(x, p) -> bool"),
    ("map", "list.map(x, e) -> list"),
    ("filter", "list.filter(x, p) -> list"),
    ("bind", "cel.bind(x, init, e)"),
    ("transformList", "map.transformList(k, v, e) -> list"),
    ("transformMap", "map.transformMap(k, v, e) -> map"),
    ("transformMapEntry", "map.transformMapEntry(k, v, e) -> map"),
    ("optMap", "optional.optMap(x, e) -> optional"),
    ("optFlatMap", "optional.optFlatMap(x, e) -> optional"),
    ("sortBy", "list.sortBy(x, key) -> list"),
];

/// The name of the list `sortBy` binds while it sorts.
const SORT_BY_INPUT: &str = "@__sortBy_input__";

/// What a macro did: expanded, declined (the call stays a call), or
/// refused with an error at a node.
enum Expansion {
    Expanded(Expr),
    Declined(Option<Expr>, Vec<Expr>),
    Refused(Id, String),
}

/// The three standard quantifiers.
#[derive(Clone, Copy)]
enum Quantifier {
    All,
    Exists,
    ExistsOne,
}

/// The two-variable transformations.
#[derive(Clone, Copy)]
enum Transform {
    List,
    Map,
    MapEntry,
}

impl Visitor<'_> {
    /// Expands the macro a call names, if any; otherwise gives back the
    /// call's target and arguments. A refused expansion is reported and
    /// stands for the call.
    pub(super) fn expand_macro(
        &mut self,
        id: Id,
        function: &str,
        target: Option<Expr>,
        args: Vec<Expr>,
    ) -> Result<Expr, (Option<Expr>, Vec<Expr>)> {
        let at = self.offset(id);
        let mut m = Maker { v: self, at };
        let expansion = match (target, function, args.len()) {
            (None, "has", 1) => m.has(args),
            (Some(t), "all", 2) => m.quantifier(Quantifier::All, t, args),
            (Some(t), "exists", 2) => m.quantifier(Quantifier::Exists, t, args),
            (Some(t), "exists_one" | "existsOne", 2) => {
                m.quantifier(Quantifier::ExistsOne, t, args)
            }
            (Some(t), "map", 2 | 3) => m.map(t, args),
            (Some(t), "filter", 2) => m.filter(t, args),
            (Some(t), "bind", 3) => m.bind(t, args),
            (Some(t), "all", 3) => m.quantifier2(Quantifier::All, t, args),
            (Some(t), "exists", 3) => m.quantifier2(Quantifier::Exists, t, args),
            (Some(t), "exists_one" | "existsOne", 3) => {
                m.quantifier2(Quantifier::ExistsOne, t, args)
            }
            (Some(t), "transformList", 3 | 4) => m.transform(Transform::List, t, args),
            (Some(t), "transformMap", 3 | 4) => m.transform(Transform::Map, t, args),
            (Some(t), "transformMapEntry", 3 | 4) => m.transform(Transform::MapEntry, t, args),
            (Some(t), "optMap", 2) => m.opt_map(true, t, args),
            (Some(t), "optFlatMap", 2) => m.opt_map(false, t, args),
            (Some(t), "sortBy", 2) => m.sort_by(t, args),
            (target, _, _) => Expansion::Declined(target, args),
        };
        match expansion {
            Expansion::Expanded(e) => Ok(e),
            Expansion::Declined(target, args) => Err((target, args)),
            Expansion::Refused(culprit, message) => {
                let offset = self.offset(culprit);
                Ok(self.error(offset, message))
            }
        }
    }
}

/// Makes the nodes of one expansion, at the macro call's offset.
struct Maker<'v, 'a> {
    v: &'v mut Visitor<'a>,
    at: i64,
}

/// The name a macro argument must be.
fn ident_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(name) => Some(name.clone()),
        _ => None,
    }
}

/// Whether a variable would hide the accumulator.
fn is_accumulator(name: &str) -> bool {
    name == ACCUMULATOR || name == HIDDEN_ACCUMULATOR
}

const OVERWRITES: &str = "iteration variable overwrites accumulator variable";

impl Maker<'_, '_> {
    fn node(&mut self, kind: ExprKind) -> Expr {
        let id = self.v.id_at(self.at);
        Expr::new(id, kind)
    }

    fn literal(&mut self, l: Literal) -> Expr {
        self.node(ExprKind::Literal(l))
    }

    fn ident(&mut self, name: &str) -> Expr {
        self.node(ExprKind::Ident(name.to_string()))
    }

    fn accu(&mut self) -> Expr {
        self.ident(HIDDEN_ACCUMULATOR)
    }

    fn call(&mut self, function: &str, args: Vec<Expr>) -> Expr {
        self.member_call(function, None, args)
    }

    fn member_call(&mut self, function: &str, target: Option<Expr>, args: Vec<Expr>) -> Expr {
        self.node(ExprKind::Call(Box::new(Call {
            function: function.to_string(),
            target,
            args,
        })))
    }

    fn list(&mut self, elements: Vec<Expr>) -> Expr {
        self.node(ExprKind::List(Box::new(ListExpr {
            elements,
            optional_indices: Vec::new(),
        })))
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension(
        &mut self,
        iter_range: Expr,
        iter_var: &str,
        iter_var2: Option<String>,
        accu_var: &str,
        accu_init: Expr,
        loop_cond: Expr,
        loop_step: Expr,
        result: Expr,
    ) -> Expr {
        self.node(ExprKind::Comprehension(Box::new(Comprehension {
            iter_range,
            iter_var: iter_var.to_string(),
            iter_var2,
            accu_var: accu_var.to_string(),
            accu_init,
            loop_cond,
            loop_step,
            result,
        })))
    }

    /// `cel.bind`'s form: `var` bound to `init` in `body`.
    fn bind(&mut self, target: Expr, mut args: Vec<Expr>) -> Expansion {
        if !matches!(&target.kind, ExprKind::Ident(t) if t == "cel") {
            return Expansion::Declined(Some(target), args);
        }
        let Some(var) = ident_name(&args[0]) else {
            return Expansion::Refused(
                args[0].id,
                "cel.bind() variable names must be simple identifiers".into(),
            );
        };
        let body = args.pop().expect("three arguments");
        let init = args.pop().expect("three arguments");
        Expansion::Expanded(self.bound(&var, init, body))
    }

    /// `body` with `var` bound to `init` (a comprehension over nothing).
    fn bound(&mut self, var: &str, init: Expr, body: Expr) -> Expr {
        let range = self.list(Vec::new());
        let cond = self.literal(Literal::Bool(false));
        let step = self.ident(var);
        self.comprehension(range, UNUSED_ITER_VAR, None, var, init, cond, step, body)
    }

    fn has(&mut self, mut args: Vec<Expr>) -> Expansion {
        let arg = args.pop().expect("one argument");
        match arg.kind {
            ExprKind::Select(s) => {
                Expansion::Expanded(self.node(ExprKind::Select(Box::new(Select {
                    operand: s.operand,
                    field: s.field,
                    test_only: true,
                }))))
            }
            _ => Expansion::Refused(arg.id, "invalid argument to has() macro".into()),
        }
    }

    /// The accumulator's start, loop condition, step and result of a
    /// quantifier over `predicate`.
    fn quantify(&mut self, kind: Quantifier, predicate: Expr) -> [Expr; 4] {
        match kind {
            Quantifier::All => {
                let init = self.literal(Literal::Bool(true));
                let a = self.accu();
                let cond = self.call("@not_strictly_false", vec![a]);
                let a = self.accu();
                let step = self.call("_&&_", vec![a, predicate]);
                [init, cond, step, self.accu()]
            }
            Quantifier::Exists => {
                let init = self.literal(Literal::Bool(false));
                let a = self.accu();
                let not = self.call("!_", vec![a]);
                let cond = self.call("@not_strictly_false", vec![not]);
                let a = self.accu();
                let step = self.call("_||_", vec![a, predicate]);
                [init, cond, step, self.accu()]
            }
            Quantifier::ExistsOne => {
                let init = self.literal(Literal::Int(0));
                let cond = self.literal(Literal::Bool(true));
                let a = self.accu();
                let one = self.literal(Literal::Int(1));
                let add = self.call("_+_", vec![a, one]);
                let a = self.accu();
                let step = self.call("_?_:_", vec![predicate, add, a]);
                let a = self.accu();
                let one = self.literal(Literal::Int(1));
                let result = self.call("_==_", vec![a, one]);
                [init, cond, step, result]
            }
        }
    }

    /// The name of a comprehension's variable: an identifier that does not
    /// hide the accumulator. `not_ident`: the complaint about another
    /// expression.
    fn iter_var(arg: &Expr, not_ident: &str) -> Result<String, Expansion> {
        match ident_name(arg) {
            None => Err(Expansion::Refused(arg.id, not_ident.into())),
            Some(var) if is_accumulator(&var) => Err(Expansion::Refused(arg.id, OVERWRITES.into())),
            Some(var) => Ok(var),
        }
    }

    /// A comprehension over `range` with the standard accumulator.
    fn fold(&mut self, range: Expr, vars: (String, Option<String>), parts: [Expr; 4]) -> Expansion {
        let [init, cond, step, result] = parts;
        Expansion::Expanded(self.comprehension(
            range,
            &vars.0,
            vars.1,
            HIDDEN_ACCUMULATOR,
            init,
            cond,
            step,
            result,
        ))
    }

    fn quantifier(&mut self, kind: Quantifier, target: Expr, mut args: Vec<Expr>) -> Expansion {
        let var = match Self::iter_var(&args[0], "argument must be a simple name") {
            Ok(var) => var,
            Err(refused) => return refused,
        };
        let predicate = args.pop().expect("two arguments");
        let parts = self.quantify(kind, predicate);
        self.fold(target, (var, None), parts)
    }

    /// `map(x, f)` and `map(x, p, f)` over `range`.
    fn map(&mut self, range: Expr, mut args: Vec<Expr>) -> Expansion {
        let var = match Self::iter_var(&args[0], "argument is not an identifier") {
            Ok(var) => var,
            Err(refused) => return refused,
        };
        let transform = args.pop().expect("two or three arguments");
        let filter = (args.len() == 2).then(|| args.pop().expect("a filter"));
        let init = self.list(Vec::new());
        let cond = self.literal(Literal::Bool(true));
        let a = self.accu();
        let single = self.list(vec![transform]);
        let mut step = self.call("_+_", vec![a, single]);
        if let Some(filter) = filter {
            let a = self.accu();
            step = self.call("_?_:_", vec![filter, step, a]);
        }
        let result = self.accu();
        self.fold(range, (var, None), [init, cond, step, result])
    }

    /// `filter(x, p)`: `map(x, p, x)`.
    fn filter(&mut self, target: Expr, args: Vec<Expr>) -> Expansion {
        let element = args[0].clone();
        let mut args = args;
        args.push(element);
        self.map(target, args)
    }

    /// The two variables of a two-variable comprehension.
    fn iter_vars(&self, first: &Expr, second: &Expr) -> Result<(String, String), (Id, String)> {
        let name = |e: &Expr| {
            ident_name(e).ok_or_else(|| (e.id, "argument must be a simple name".to_string()))
        };
        let v1 = name(first)?;
        let v2 = name(second)?;
        if v1 == v2 {
            return Err((second.id, format!("duplicate variable name: {v1}")));
        }
        if is_accumulator(&v1) {
            return Err((first.id, OVERWRITES.into()));
        }
        if is_accumulator(&v2) {
            return Err((second.id, OVERWRITES.into()));
        }
        Ok((v1, v2))
    }

    fn quantifier2(&mut self, kind: Quantifier, target: Expr, mut args: Vec<Expr>) -> Expansion {
        let (v1, v2) = match self.iter_vars(&args[0], &args[1]) {
            Ok(vars) => vars,
            Err((id, message)) => return Expansion::Refused(id, message),
        };
        let predicate = args.pop().expect("three arguments");
        let parts = self.quantify(kind, predicate);
        self.fold(target, (v1, Some(v2)), parts)
    }

    fn transform(&mut self, kind: Transform, target: Expr, mut args: Vec<Expr>) -> Expansion {
        let (v1, v2) = match self.iter_vars(&args[0], &args[1]) {
            Ok(vars) => vars,
            Err((id, message)) => return Expansion::Refused(id, message),
        };
        let transform = args.pop().expect("three or four arguments");
        let filter = (args.len() == 3).then(|| args.pop().expect("a filter"));
        let a = self.accu();
        let mut step = match kind {
            Transform::List => {
                let single = self.list(vec![transform]);
                self.call("_+_", vec![a, single])
            }
            Transform::Map => {
                let key = self.ident(&v1);
                self.call("cel.@mapInsert", vec![a, key, transform])
            }
            Transform::MapEntry => self.call("cel.@mapInsert", vec![a, transform]),
        };
        if let Some(filter) = filter {
            let a = self.accu();
            step = self.call("_?_:_", vec![filter, step, a]);
        }
        let init = match kind {
            Transform::List => self.list(Vec::new()),
            Transform::Map | Transform::MapEntry => self.node(ExprKind::Map(Box::new(MapExpr {
                entries: Vec::new(),
            }))),
        };
        let cond = self.literal(Literal::Bool(true));
        let result = self.accu();
        self.fold(target, (v1, Some(v2)), [init, cond, step, result])
    }

    /// `optMap` (`map`: the value wrapped in an optional) and `optFlatMap`.
    fn opt_map(&mut self, map: bool, target: Expr, mut args: Vec<Expr>) -> Expansion {
        let Some(var) = ident_name(&args[0]) else {
            let name = if map { "optMap" } else { "optFlatMap" };
            return Expansion::Refused(
                args[0].id,
                format!("{name}() variable name must be a simple identifier"),
            );
        };
        let body = args.pop().expect("two arguments");
        let copy = self.copy(&target);
        let has_value = self.member_call("hasValue", Some(target), Vec::new());
        let value = self.member_call("value", Some(copy), Vec::new());
        let mut then = self.bound(&var, value, body);
        if map {
            then = self.call("optional.of", vec![then]);
        }
        let none = self.call("optional.none", Vec::new());
        Expansion::Expanded(self.call("_?_:_", vec![has_value, then, none]))
    }

    /// `list.sortBy(e, key)`: `list` bound to a hidden name, sorted by the
    /// keys `map(e, key)` gives.
    fn sort_by(&mut self, target: Expr, args: Vec<Expr>) -> Expansion {
        if !matches!(
            target.kind,
            ExprKind::List(_)
                | ExprKind::Select(_)
                | ExprKind::Ident(_)
                | ExprKind::Comprehension(_)
                | ExprKind::Call(_)
        ) {
            return Expansion::Refused(
                target.id,
                "sortBy can only be applied to a list, identifier, comprehension, call or select expression".into(),
            );
        }
        let range = self.ident(SORT_BY_INPUT);
        let keys = match self.map(range, args) {
            Expansion::Expanded(keys) => keys,
            other => return other,
        };
        let receiver = self.ident(SORT_BY_INPUT);
        let sorted = self.member_call("@sortByAssociatedKeys", Some(receiver), vec![keys]);
        Expansion::Expanded(self.bound(SORT_BY_INPUT, target, sorted))
    }

    /// A copy of `e` with new ids, each node at the offset of the node it
    /// copies.
    fn copy(&mut self, e: &Expr) -> Expr {
        let at = self.v.offset(e.id);
        let id = self.v.id_at(at);
        let kind = match &e.kind {
            ExprKind::Literal(_) | ExprKind::Ident(_) => e.kind.clone(),
            ExprKind::Select(s) => ExprKind::Select(Box::new(Select {
                operand: self.copy(&s.operand),
                field: s.field.clone(),
                test_only: s.test_only,
            })),
            ExprKind::Call(c) => {
                let args = c.args.iter().map(|a| self.copy(a)).collect();
                let target = c.target.as_ref().map(|t| self.copy(t));
                ExprKind::Call(Box::new(Call {
                    function: c.function.clone(),
                    target,
                    args,
                }))
            }
            ExprKind::List(l) => ExprKind::List(Box::new(ListExpr {
                elements: l.elements.iter().map(|x| self.copy(x)).collect(),
                optional_indices: l.optional_indices.clone(),
            })),
            ExprKind::Map(m) => {
                let mut entries = Vec::with_capacity(m.entries.len());
                for en in &m.entries {
                    entries.push(MapEntry {
                        key: self.copy(&en.key),
                        value: self.copy(&en.value),
                        optional: en.optional,
                    });
                }
                ExprKind::Map(Box::new(MapExpr { entries }))
            }
            ExprKind::Struct(s) => {
                let mut fields = Vec::with_capacity(s.fields.len());
                for f in &s.fields {
                    let field_id = self.v.id_at(self.at);
                    fields.push(StructField {
                        id: field_id,
                        name: f.name.clone(),
                        value: self.copy(&f.value),
                        optional: f.optional,
                    });
                }
                ExprKind::Struct(Box::new(StructExpr {
                    type_name: s.type_name.clone(),
                    fields,
                }))
            }
            ExprKind::Comprehension(c) => ExprKind::Comprehension(Box::new(Comprehension {
                iter_range: self.copy(&c.iter_range),
                iter_var: c.iter_var.clone(),
                iter_var2: c.iter_var2.clone(),
                accu_var: c.accu_var.clone(),
                accu_init: self.copy(&c.accu_init),
                loop_cond: self.copy(&c.loop_cond),
                loop_step: self.copy(&c.loop_step),
                result: self.copy(&c.result),
            })),
        };
        Expr::new(id, kind)
    }
}
