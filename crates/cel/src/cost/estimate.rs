//! The static cost estimate: cel-go's cost estimator walking a checked
//! expression, with the sizes of [`super::sizes`], each call costed by the
//! [`Cost`] its function declares, and the rules of the operators the
//! evaluator implements itself.

use std::collections::HashMap;

use super::{
    computed_size, CallEstimate, Cost, Est, EstimateCall, Node, LIST_CREATE, MAP_CREATE,
    STRING_TRAVERSAL, STRUCT_CREATE,
};
use crate::check::{Checked, Reference};
use crate::env::Env;
use crate::parse::ast::*;
use crate::types::Type;

#[derive(Clone, Copy, Debug)]
struct EntrySize {
    list: bool,
    key: Est,
    val: Est,
}

fn entry_union(a: Option<EntrySize>, b: Option<EntrySize>) -> Option<EntrySize> {
    let (a, b) = (a?, b?);
    Some(EntrySize {
        list: a.list,
        key: a.key.union(b.key),
        val: a.val.union(b.val),
    })
}

#[derive(Clone, Debug)]
struct LocalVar {
    path: Option<Vec<String>>,
    size: Option<Est>,
    entry: Option<EntrySize>,
}

/// Estimates the worst-case cost of a checked expression.
pub fn estimate(expr: &Expr, checked: &Checked, env: &Env) -> Est {
    let mut c = Coster {
        checked,
        env,
        paths: HashMap::new(),
        locals: HashMap::new(),
        sizes: HashMap::new(),
        entries: HashMap::new(),
    };
    c.cost(expr)
}

struct Coster<'c> {
    checked: &'c Checked,
    env: &'c Env,
    paths: HashMap<Id, Vec<String>>,
    locals: HashMap<String, Vec<LocalVar>>,
    sizes: HashMap<Id, Est>,
    entries: HashMap<Id, EntrySize>,
}

impl<'c> Coster<'c> {
    fn ty(&self, e: &Expr) -> Type {
        self.checked.types.get(&e.id).cloned().unwrap_or(Type::Dyn)
    }

    fn peek(&self, name: &str) -> Option<&LocalVar> {
        self.locals.get(name).and_then(|v| v.last())
    }

    fn push(&mut self, name: &str, v: LocalVar) {
        self.locals.entry(name.to_string()).or_default().push(v);
    }

    fn pop(&mut self, name: &str) {
        if let Some(v) = self.locals.get_mut(name) {
            v.pop();
        }
    }

    fn path(&self, e: &Expr) -> Option<Vec<String>> {
        if let ExprKind::Ident(n) = &e.kind {
            if let Some(v) = self.peek(n) {
                return v.path.clone();
            }
        }
        self.paths.get(&e.id).cloned()
    }

    fn add_path(&mut self, e: &Expr, path: Option<Vec<String>>) {
        if let Some(p) = path {
            self.paths.insert(e.id, p);
        } else {
            self.paths.remove(&e.id);
        }
    }

    fn node<'e>(&mut self, e: &'e Expr) -> Node<'e> {
        let mut path = self.path(e);
        if let Some(p) = &path {
            if p.first()
                .is_some_and(|r| r == ACCUMULATOR || r == HIDDEN_ACCUMULATOR)
            {
                path = None;
            }
        }
        let computed = self.compute_size(e);
        Node {
            path,
            ty: self.ty(e),
            expr: Some(e),
            computed,
        }
    }

    fn set_size(&mut self, e: &Expr, s: Option<Est>) {
        if let Some(s) = s {
            self.sizes.insert(e.id, s);
        }
    }

    fn set_entry(&mut self, e: &Expr, s: Option<EntrySize>) {
        if let Some(s) = s {
            self.entries.insert(e.id, s);
        }
    }

    fn compute_entry(&self, e: &Expr) -> Option<EntrySize> {
        if let Some(s) = self.entries.get(&e.id) {
            return Some(*s);
        }
        if let ExprKind::Ident(n) = &e.kind {
            if let Some(v) = self.peek(n) {
                return v.entry;
            }
        }
        None
    }

    fn compute_size(&mut self, e: &Expr) -> Option<Est> {
        if let Some(s) = self.sizes.get(&e.id) {
            return Some(*s);
        }
        if let Some(s) = expr_size(e) {
            return Some(s);
        }
        let node = Node {
            path: self.path(e),
            ty: self.ty(e),
            expr: Some(e),
            computed: None,
        };
        if let Some(s) = super::sizes::device_size(&node) {
            self.sizes.insert(e.id, s);
            return Some(s);
        }
        if is_scalar(&self.ty(e)) {
            return Some(Est::fixed(1));
        }
        if let ExprKind::Ident(n) = &e.kind {
            if let Some(v) = self.peek(n) {
                if let Some(s) = v.size {
                    return Some(s);
                }
            }
        }
        None
    }

    fn size_or_unknown(&mut self, e: &Expr) -> Est {
        self.compute_size(e).unwrap_or(Est::UNKNOWN)
    }

    fn cost(&mut self, e: &Expr) -> Est {
        match &e.kind {
            ExprKind::Literal(_) => Est::fixed(0),
            ExprKind::Ident(n) => {
                let p = match self.peek(n) {
                    Some(v) => v.path.clone(),
                    None => Some(vec![n.clone()]),
                };
                self.add_path(e, p);
                Est::fixed(1)
            }
            ExprKind::Select(s) => {
                if s.test_only {
                    // Presence tests have no cost of their own in Kubernetes.
                    return Est::fixed(0).add(self.cost(&s.operand));
                }
                let mut sum = self.cost(&s.operand);
                match self.ty(&s.operand) {
                    Type::Map(_, _) | Type::Struct(_) | Type::Param(_) => {
                        sum = sum.add(Est::fixed(1));
                    }
                    _ => {}
                }
                // cel-go appends to the operand's path even when it has none.
                let mut p = self.path(&s.operand).unwrap_or_default();
                p.push(s.field.clone());
                self.add_path(e, Some(p));
                sum
            }
            ExprKind::Call(c) => self.cost_call(e, c),
            ExprKind::List(l) => {
                let mut sum = Est::fixed(0);
                let mut item = Est {
                    min: if l.elements.is_empty() { 0 } else { u64::MAX },
                    max: 0,
                };
                for el in &l.elements {
                    sum = sum.add(self.cost(el));
                    let s = self.size_or_unknown(el);
                    item = item.union(s);
                }
                self.set_entry(
                    e,
                    Some(EntrySize {
                        list: true,
                        key: Est::fixed(1),
                        val: item,
                    }),
                );
                sum.add(Est::fixed(LIST_CREATE))
            }
            ExprKind::Map(m) => {
                let mut sum = Est::fixed(0);
                let empty = m.entries.is_empty();
                let mut ks = Est {
                    min: if empty { 0 } else { u64::MAX },
                    max: 0,
                };
                let mut vs = ks;
                for en in &m.entries {
                    sum = sum.add(self.cost(&en.key));
                    sum = sum.add(self.cost(&en.value));
                    let k = self.size_or_unknown(&en.key);
                    ks = ks.union(k);
                    let v = self.size_or_unknown(&en.value);
                    vs = vs.union(v);
                }
                self.set_entry(
                    e,
                    Some(EntrySize {
                        list: false,
                        key: ks,
                        val: vs,
                    }),
                );
                sum.add(Est::fixed(MAP_CREATE))
            }
            ExprKind::Struct(s) => {
                let mut sum = Est::fixed(0);
                for f in &s.fields {
                    sum = sum.add(self.cost(&f.value));
                }
                sum.add(Est::fixed(STRUCT_CREATE))
            }
            ExprKind::Comprehension(c) => {
                if Expr::is_bind(c) {
                    self.cost_bind(e, c)
                } else {
                    self.cost_comprehension(e, c)
                }
            }
        }
    }

    fn push_local(&mut self, name: &str, e: &Expr) {
        let path = self.path(e);
        let entry = self.compute_entry(e);
        let size = self.compute_size(e);
        self.push(name, LocalVar { path, size, entry });
    }

    fn range_container_is_list(&self, range: &Expr, entry: Option<EntrySize>) -> bool {
        match entry {
            Some(es) => es.list,
            None => matches!(self.ty(range), Type::List(_)),
        }
    }

    fn cost_comprehension(&mut self, e: &Expr, c: &Comprehension) -> Est {
        let mut sum = self.cost(&c.iter_range);
        sum = sum.add(self.cost(&c.accu_init));
        self.push_local(&c.accu_var, &c.accu_init);
        let entry = self.compute_entry(&c.iter_range);
        let is_list = self.range_container_is_list(&c.iter_range, entry);
        let base = self.path(&c.iter_range);
        let with = |p: &Option<Vec<String>>, s: &str| -> Option<Vec<String>> {
            let mut v = p.clone().unwrap_or_default();
            v.push(s.to_string());
            Some(v)
        };
        if let Some(v2) = &c.iter_var2 {
            let key_path = with(&base, if is_list { "@indices" } else { "@keys" });
            self.push(
                &c.iter_var,
                LocalVar {
                    path: key_path,
                    size: entry.map(|x| x.key),
                    entry: None,
                },
            );
            let val_path = with(&base, if is_list { "@items" } else { "@values" });
            self.push(
                v2,
                LocalVar {
                    path: val_path,
                    size: entry.map(|x| x.val),
                    entry: None,
                },
            );
        } else {
            let (p, size) = if is_list {
                (with(&base, "@items"), entry.map(|x| x.val))
            } else {
                (with(&base, "@keys"), entry.map(|x| x.key))
            };
            self.push(
                &c.iter_var,
                LocalVar {
                    path: p,
                    size,
                    entry: None,
                },
            );
        }
        let loop_cost = self.cost(&c.loop_cond);
        let step_cost = self.cost(&c.loop_step);
        self.pop(&c.iter_var);
        if let Some(v2) = &c.iter_var2 {
            self.pop(v2);
        }
        sum = sum.add(self.cost(&c.result));
        self.pop(&c.accu_var);
        let range_cnt = self.size_or_unknown(&c.iter_range);
        let range_cost = range_cnt.mul(step_cost.add(loop_cost));
        sum = sum.add(range_cost);
        match &c.accu_init.kind {
            ExprKind::Literal(_) => {
                let s = self.compute_size(&c.accu_init);
                self.set_size(e, s);
            }
            ExprKind::List(_) | ExprKind::Map(_) => {
                self.set_size(e, Some(range_cnt));
                let se = self.compute_entry(&c.loop_step);
                self.set_entry(e, se);
            }
            _ => {}
        }
        sum
    }

    fn cost_bind(&mut self, e: &Expr, c: &Comprehension) -> Est {
        let mut sum = self.cost(&c.iter_range);
        sum = sum.add(self.cost(&c.accu_init));
        self.push_local(&c.accu_var, &c.accu_init);
        sum = sum.add(self.cost(&c.result));
        self.pop(&c.accu_var);
        let s = self.compute_size(&c.result);
        self.set_size(e, s);
        let en = self.compute_entry(&c.result);
        self.set_entry(e, en);
        sum
    }

    fn cost_call(&mut self, e: &Expr, call: &Call) -> Est {
        if call.function == "dyn" && call.args.len() == 1 {
            let arg = &call.args[0];
            let ac = self.cost(arg);
            let s = self.compute_size(arg);
            self.set_size(e, s);
            let en = self.compute_entry(arg);
            self.set_entry(e, en);
            return Est::fixed(1).add(ac);
        }
        let mut arg_costs = Vec::with_capacity(call.args.len());
        let mut arg_nodes = Vec::with_capacity(call.args.len());
        for a in &call.args {
            arg_costs.push(self.cost(a));
            arg_nodes.push(self.node(a));
        }
        let overloads: Vec<&'static str> = match self.checked.refs.get(&e.id) {
            Some(Reference::Function(ids)) => ids.clone(),
            _ => Vec::new(),
        };
        if overloads.is_empty() {
            return Est::fixed(0);
        }
        let mut sum = Est::fixed(0);
        let mut target_node = None;
        if let Some(t) = &call.target {
            sum = sum.add(self.cost(t));
            target_node = Some(self.node(t));
        }
        let mut fn_cost = Est {
            min: u64::MAX,
            max: 0,
        };
        let mut result_size: Option<Est> = None;
        for o in &overloads {
            let candidate = EstimateCall {
                overload: o,
                target: target_node.as_ref(),
                args: &arg_nodes,
            };
            let (cost, rs) = self.function_cost(e, &call.function, &candidate, &arg_costs);
            fn_cost = fn_cost.union(cost);
            if let Some(r) = rs {
                result_size = Some(match result_size {
                    None => r,
                    Some(x) => x.union(r),
                });
            }
            match *o {
                "index_list" | "index_map" if !call.args.is_empty() => {
                    result_size = self.compute_entry(&call.args[0]).map(|x| x.val);
                    let mut p = self.path(&call.args[0]).unwrap_or_default();
                    p.push(
                        if *o == "index_list" {
                            "@items"
                        } else {
                            "@values"
                        }
                        .into(),
                    );
                    self.add_path(e, Some(p));
                }
                _ => {}
            }
            if result_size.is_none() {
                result_size = self.compute_size(e);
            }
        }
        self.set_size(e, result_size);
        sum.add(fn_cost)
    }

    /// One candidate overload's cost of a call (its arguments' included)
    /// and the size of its result, by the cost its function declares.
    fn function_cost(
        &mut self,
        e: &Expr,
        function: &str,
        call: &EstimateCall<'_, '_>,
        arg_costs: &[Est],
    ) -> CallEstimate {
        let arg_sum = arg_costs.iter().fold(Est::fixed(0), |a, b| a.add(*b));
        let args = call.args;
        if matches!(call.overload, "add_string" | "add_bytes" | "add_list") && args.len() == 2 {
            // The entries of a concatenation are those of either side.
            let entry = entry_union(
                args[0].expr.and_then(|x| self.compute_entry(x)),
                args[1].expr.and_then(|x| self.compute_entry(x)),
            );
            self.set_entry(e, entry);
        }
        // cel-go's default for a function without a cost of its own; every
        // function declares one (`every_function_has_one_cost`).
        let declared = self
            .env
            .function(function)
            .and_then(|f| f.cost)
            .unwrap_or(Cost::Fixed(1));
        match declared {
            Cost::Fixed(n) => (Est::fixed(n).add(arg_sum), None),
            Cost::Model(model) => {
                let (cost, result_size) = (model.estimate)(call);
                (cost.add(arg_sum), result_size)
            }
            Cost::Operator => self.operator_cost(e, call, arg_costs, arg_sum),
        }
    }

    /// The operators' rules: the short-circuiting `&&`, `||` and `?:` cost
    /// what their operands may cost; equality compares sizes (Kubernetes'
    /// library types at costs of their own); `in` a list reads the list.
    fn operator_cost(
        &mut self,
        e: &Expr,
        call: &EstimateCall<'_, '_>,
        arg_costs: &[Est],
        arg_sum: Est,
    ) -> CallEstimate {
        let args = call.args;
        match call.overload {
            "logical_or" | "logical_and" => {
                let lhs = arg_costs[0];
                let rhs = arg_costs[1];
                (
                    Est {
                        min: lhs.min,
                        max: lhs.add(rhs).max,
                    },
                    None,
                )
            }
            "conditional" => {
                let s1 = computed_size(&args[1]);
                let s2 = computed_size(&args[2]);
                let size = s1.union(s2);
                let en = entry_union(
                    args[1].expr.and_then(|x| self.compute_entry(x)),
                    args[2].expr.and_then(|x| self.compute_entry(x)),
                );
                self.set_entry(e, en);
                let c = arg_costs[0].add(arg_costs[1].union(arg_costs[2]));
                (c, Some(size))
            }
            "equals" | "not_equals" if args.len() == 2 => {
                let own = match call.overload {
                    "equals" => library_type_equality(&args[0], &args[1]),
                    _ => None,
                };
                let own = own.unwrap_or_else(|| super::comparison_estimate(&args[0], &args[1]));
                (own.add(arg_sum), None)
            }
            "in_list" if args.len() == 2 => {
                (computed_size(&args[1]).factor(1.0).add(arg_sum), None)
            }
            _ => (Est::fixed(1).add(arg_sum), None),
        }
    }
}

/// The longest name of a named format (`kubernetes.NamedFormat`).
const MAX_FORMAT_SIZE: u64 = 64;

/// What comparing two values of one of Kubernetes' library types costs
/// (its library cost estimator's `_==_`); None for other types.
fn library_type_equality(l: &Node<'_>, r: &Node<'_>) -> Option<Est> {
    if l.ty != r.ty {
        return None;
    }
    let one = Some(Est::fixed(1));
    match &l.ty {
        Type::Opaque(n, _) if n == "net.IP" || n == "net.CIDR" => one,
        Type::Struct(n) => match n.as_str() {
            "kubernetes.Quantity"
            | "kubernetes.Semver"
            | "kubernetes.authorization.Authorizer"
            | "kubernetes.authorization.PathCheck"
            | "kubernetes.authorization.GroupCheck"
            | "kubernetes.authorization.ResourceCheck"
            | "kubernetes.authorization.Decision" => one,
            "kubernetes.NamedFormat" => Some(
                Est {
                    min: 1,
                    max: MAX_FORMAT_SIZE,
                }
                .factor(STRING_TRAVERSAL),
            ),
            "kubernetes.URL" => {
                let mut size = Est::fixed(1);
                if let Some(rs) = r.computed {
                    size = rs.union(rs);
                }
                Some(
                    Est {
                        min: 1,
                        max: size.max,
                    }
                    .factor(STRING_TRAVERSAL),
                )
            }
            _ => None,
        },
        _ => None,
    }
}

/// The size of a literal, list or map expression.
fn expr_size(e: &Expr) -> Option<Est> {
    let v = match &e.kind {
        ExprKind::Literal(l) => match l {
            Literal::String(s) => s.chars().count() as u64,
            Literal::Bytes(b) => b.len() as u64,
            _ => 1,
        },
        ExprKind::List(l) => l.elements.len() as u64,
        ExprKind::Map(m) => m.entries.len() as u64,
        _ => return None,
    };
    Some(Est::fixed(v))
}

fn is_scalar(t: &Type) -> bool {
    match t {
        Type::Bool | Type::Double | Type::Duration | Type::Int | Type::Timestamp | Type::Uint => {
            true
        }
        Type::Opaque(n, p) if n == "optional_type" && p.len() == 1 => is_scalar(&p[0]),
        _ => false,
    }
}
