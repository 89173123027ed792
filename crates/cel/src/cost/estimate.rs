//! The static cost estimate: cel-go's cost estimator, with the Kubernetes
//! library estimator, the cel-go extension estimators and the DRA size
//! estimator (the declared maximum sizes of the `device` variable).

use std::collections::HashMap;

use crate::check::{Checked, Reference};
use crate::parse::ast::*;
use crate::types::Type;

/// A range (of sizes or of costs), saturating at `u64::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Est {
    pub min: u64,
    pub max: u64,
}

const STRING_TRAVERSAL: f64 = 0.1;
const REGEX_STRING_LENGTH: f64 = 0.25;
const LIST_CREATE: u64 = 10;
const MAP_CREATE: u64 = 30;
const STRUCT_CREATE: u64 = 40;

impl Est {
    pub const UNKNOWN: Est = Est {
        min: 0,
        max: u64::MAX,
    };

    pub fn fixed(v: u64) -> Est {
        Est { min: v, max: v }
    }

    pub fn add(self, o: Est) -> Est {
        Est {
            min: self.min.saturating_add(o.min),
            max: self.max.saturating_add(o.max),
        }
    }

    pub fn mul(self, o: Est) -> Est {
        Est {
            min: mul_sat(self.min, o.min),
            max: mul_sat(self.max, o.max),
        }
    }

    pub fn factor(self, f: f64) -> Est {
        Est {
            min: mul_factor(self.min, f),
            max: mul_factor(self.max, f),
        }
    }

    pub fn union(self, o: Est) -> Est {
        Est {
            min: self.min.min(o.min),
            max: self.max.max(o.max),
        }
    }
}

fn mul_sat(x: u64, y: u64) -> u64 {
    if y != 0 && x > u64::MAX / y {
        u64::MAX
    } else {
        x * y
    }
}

/// Multiplies by a factor, rounding up, saturating (as Go computes it).
pub fn mul_factor(x: u64, y: f64) -> u64 {
    let xf = x as f64;
    if xf > 0.0 && y > 0.0 && xf > (u64::MAX as f64) / y {
        return u64::MAX;
    }
    let c = (xf * y).ceil();
    if c >= 18_446_744_073_709_551_616.0 {
        return u64::MAX;
    }
    c as u64
}

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

/// What the estimator functions see of an argument.
#[derive(Clone, Debug)]
pub struct Node<'e> {
    pub path: Option<Vec<String>>,
    pub ty: Type,
    pub expr: Option<&'e Expr>,
    pub computed: Option<Est>,
}

/// Estimates the worst-case cost of a checked expression.
pub fn estimate(expr: &Expr, checked: &Checked) -> Est {
    let mut c = Coster {
        checked,
        paths: HashMap::new(),
        locals: HashMap::new(),
        sizes: HashMap::new(),
        entries: HashMap::new(),
    };
    c.cost(expr)
}

struct Coster<'c> {
    checked: &'c Checked,
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
        if let Some(s) = estimate_size(&node) {
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
            let (cost, rs) = self.function_cost(
                e,
                &call.function,
                o,
                target_node.as_ref(),
                &arg_nodes,
                &arg_costs,
            );
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

    #[allow(clippy::too_many_arguments)]
    fn function_cost(
        &mut self,
        e: &Expr,
        function: &str,
        overload: &str,
        target: Option<&Node<'_>>,
        args: &[Node<'_>],
        arg_costs: &[Est],
    ) -> (Est, Option<Est>) {
        let arg_sum = arg_costs.iter().fold(Est::fixed(0), |a, b| a.add(*b));
        if let Some((c, rs)) = extension_estimate(overload, target, args) {
            return (c.add(arg_sum), rs);
        }
        if let Some((c, rs)) = library_estimate(function, overload, target, args) {
            return (c.add(arg_sum), rs);
        }
        let size_of = |n: &Node<'_>| n.computed.unwrap_or(Est::UNKNOWN);
        match overload {
            "string_to_bytes" if args.len() == 1 => {
                let sz = size_of(&args[0]);
                return (
                    sz.factor(STRING_TRAVERSAL).add(arg_sum),
                    Some(Est {
                        min: sz.min,
                        max: sz.max.saturating_mul(4),
                    }),
                );
            }
            "bytes_to_string" if args.len() == 1 => {
                let sz = size_of(&args[0]);
                return (
                    sz.factor(STRING_TRAVERSAL).add(arg_sum),
                    Some(Est {
                        min: sz.min / 4,
                        max: sz.max,
                    }),
                );
            }
            "strings_quote" if args.len() == 1 => {
                let sz = size_of(&args[0]);
                return (
                    sz.factor(STRING_TRAVERSAL).add(arg_sum),
                    Some(Est {
                        min: sz.min.saturating_add(2),
                        max: sz.max.saturating_mul(2).saturating_add(2),
                    }),
                );
            }
            "string_format" => {
                if let Some(t) = target {
                    return (size_of(t).factor(STRING_TRAVERSAL).add(arg_sum), None);
                }
            }
            "starts_with_string" | "ends_with_string" if args.len() == 1 => {
                return (
                    size_of(&args[0]).factor(STRING_TRAVERSAL).add(arg_sum),
                    None,
                );
            }
            "in_list" if args.len() == 2 => {
                return (size_of(&args[1]).factor(1.0).add(arg_sum), None);
            }
            "matches_string" => {
                if let (Some(t), 1) = (target, args.len()) {
                    let str_cost = size_of(t).add(Est::fixed(1)).factor(STRING_TRAVERSAL);
                    let regex_cost = size_of(&args[0]).factor(REGEX_STRING_LENGTH);
                    return (str_cost.mul(regex_cost).add(arg_sum), None);
                }
            }
            "contains_string" => {
                if let (Some(t), 1) = (target, args.len()) {
                    let a = size_of(t).factor(STRING_TRAVERSAL);
                    let b = size_of(&args[0]).factor(STRING_TRAVERSAL);
                    return (a.mul(b).add(arg_sum), None);
                }
            }
            "logical_or" | "logical_and" => {
                let lhs = arg_costs[0];
                let rhs = arg_costs[1];
                return (
                    Est {
                        min: lhs.min,
                        max: lhs.add(rhs).max,
                    },
                    None,
                );
            }
            "conditional" => {
                let s1 = size_of(&args[1]);
                let s2 = size_of(&args[2]);
                let size = s1.union(s2);
                let en = entry_union(
                    args[1].expr.and_then(|x| self.compute_entry(x)),
                    args[2].expr.and_then(|x| self.compute_entry(x)),
                );
                self.set_entry(e, en);
                let c = arg_costs[0].add(arg_costs[1].union(arg_costs[2]));
                return (c, Some(size));
            }
            "add_string" | "add_bytes" | "add_list" if args.len() == 2 => {
                let l = size_of(&args[0]);
                let r = size_of(&args[1]);
                let rs = l.add(r);
                let en = entry_union(
                    args[0].expr.and_then(|x| self.compute_entry(x)),
                    args[1].expr.and_then(|x| self.compute_entry(x)),
                );
                self.set_entry(e, en);
                if overload == "add_list" {
                    return (Est::fixed(1).add(arg_sum), Some(rs));
                }
                return (rs.factor(STRING_TRAVERSAL).add(arg_sum), Some(rs));
            }
            "less_string"
            | "greater_string"
            | "less_equals_string"
            | "greater_equals_string"
            | "less_bytes"
            | "greater_bytes"
            | "less_equals_bytes"
            | "greater_equals_bytes"
            | "equals"
            | "not_equals" => {
                let l = size_of(&args[0]);
                let r = size_of(&args[1]);
                let smallest_max = l.max.min(r.max);
                let min = if smallest_max > 0 { 1 } else { 0 };
                return (
                    Est {
                        min,
                        max: smallest_max,
                    }
                    .factor(STRING_TRAVERSAL)
                    .add(arg_sum),
                    None,
                );
            }
            _ => {}
        }
        (Est::fixed(1).add(arg_sum), None)
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

/// The declared size limits of the `device` variable, by path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Decl {
    Device,
    Driver,
    MultiAlloc,
    Attributes,
    AttributeDomain,
    AttributeValue,
    Capacity,
    CapacityDomain,
    Quantity,
    DomainKey,
    IdKey,
}

impl Decl {
    fn max_elements(self) -> u64 {
        match self {
            Decl::Device => 0,
            Decl::Driver => 63,
            Decl::MultiAlloc => 1,
            Decl::Attributes | Decl::AttributeDomain | Decl::Capacity | Decl::CapacityDomain => 32,
            Decl::AttributeValue => 64,
            Decl::Quantity => 0,
            Decl::DomainKey => 63,
            Decl::IdKey => 32,
        }
    }

    fn elem(self) -> Option<Decl> {
        match self {
            Decl::Attributes => Some(Decl::AttributeDomain),
            Decl::AttributeDomain => Some(Decl::AttributeValue),
            Decl::Capacity => Some(Decl::CapacityDomain),
            Decl::CapacityDomain => Some(Decl::Quantity),
            _ => None,
        }
    }

    fn key(self) -> Option<Decl> {
        match self {
            Decl::Attributes | Decl::Capacity => Some(Decl::DomainKey),
            Decl::AttributeDomain | Decl::CapacityDomain => Some(Decl::IdKey),
            _ => None,
        }
    }

    fn field(self, name: &str) -> Option<Decl> {
        match (self, name) {
            (Decl::Device, "driver") => Some(Decl::Driver),
            (Decl::Device, "allowMultipleAllocations") => Some(Decl::MultiAlloc),
            (Decl::Device, "attributes") => Some(Decl::Attributes),
            (Decl::Device, "capacity") => Some(Decl::Capacity),
            _ => None,
        }
    }
}

/// The DRA size estimator (sizes reachable through `device`).
pub fn estimate_size(n: &Node<'_>) -> Option<Est> {
    let path = n.path.as_ref()?;
    if path.first().map(String::as_str) != Some("device") {
        return None;
    }
    let mut cur = Decl::Device;
    for name in &path[1..] {
        cur = match name.as_str() {
            "@items" | "@values" => cur.elem()?,
            "@keys" => cur.key()?,
            other => match cur.field(other) {
                Some(d) => d,
                None if cur.elem() == Some(Decl::AttributeValue) => Decl::AttributeValue,
                None => return None,
            },
        };
    }
    Some(Est {
        min: 0,
        max: cur.max_elements(),
    })
}

fn size_estimate(n: &Node<'_>) -> Est {
    if let Some(s) = n.computed {
        return s;
    }
    estimate_size(n).unwrap_or(Est::UNKNOWN)
}

fn list_element_node<'e>(list: &Node<'e>) -> Option<Node<'e>> {
    let elem = match &list.ty {
        Type::List(e) => (**e).clone(),
        Type::Map(k, _) => (**k).clone(),
        Type::Opaque(_, p) if !p.is_empty() => p[0].clone(),
        Type::TypeOf(Some(p)) => (**p).clone(),
        _ => return None,
    };
    let path = list.path.as_ref().map(|p| {
        let mut v = p.clone();
        v.push("@items".into());
        v
    });
    Some(Node {
        path,
        ty: elem,
        expr: None,
        computed: None,
    })
}

fn literal_uint(n: &Node<'_>, default: u64) -> u64 {
    match n.expr.map(|e| &e.kind) {
        Some(ExprKind::Literal(Literal::Int(i))) => {
            if *i < 0 {
                0
            } else {
                *i as u64
            }
        }
        _ => default,
    }
}

fn allocating_list_call(factor: f64, size: Est) -> (Est, Option<Est>) {
    let cost = size
        .factor(factor)
        .add(Est::fixed(1))
        .add(Est::fixed(LIST_CREATE));
    (cost, Some(size))
}

/// The cost estimators registered by the cel-go extension libraries.
fn extension_estimate(
    overload: &str,
    target: Option<&Node<'_>>,
    args: &[Node<'_>],
) -> Option<(Est, Option<Est>)> {
    match overload {
        "list_slice" => {
            let t = target?;
            if args.len() != 2 {
                return None;
            }
            let sz = size_estimate(t);
            let start = literal_uint(&args[0], 0);
            let end = literal_uint(&args[1], sz.max);
            Some(allocating_list_call(
                1.0,
                Est::fixed(end.wrapping_sub(start)),
            ))
        }
        "lists_range" => {
            if target.is_some() || args.len() != 1 {
                return None;
            }
            Some(allocating_list_call(
                1.0,
                Est::fixed(literal_uint(&args[0], u64::MAX)),
            ))
        }
        "list_reverse" => {
            let t = target?;
            if !args.is_empty() {
                return None;
            }
            Some(allocating_list_call(1.0, size_estimate(t)))
        }
        "list_flatten" | "list_flatten_int" => {
            let t = target?;
            if args.len() > 1 {
                return None;
            }
            let depth = if args.len() == 1 {
                literal_uint(&args[0], u64::MAX)
            } else {
                1
            };
            Some(allocating_list_call(depth as f64, size_estimate(t)))
        }
        "list_distinct" => {
            let t = target?;
            if !args.is_empty() {
                return None;
            }
            let sz = size_estimate(t);
            Some(allocating_list_call(2.0, sz.mul(sz)))
        }
        "list_sets_contains_list" | "list_sets_intersects_list" | "list_sets_equivalent_list" => {
            if args.len() != 2 {
                return None;
            }
            let factor = if overload == "list_sets_equivalent_list" {
                2.0
            } else {
                1.0
            };
            let a = size_estimate(&args[0]);
            let b = size_estimate(&args[1]);
            Some((a.mul(b).factor(factor).add(Est::fixed(1)), None))
        }
        o if o.starts_with("list_") && o.ends_with("_sort") => {
            let t = target?;
            if !args.is_empty() {
                return None;
            }
            let elem = &o["list_".len()..o.len() - "_sort".len()];
            Some(sort_cost(t, elem))
        }
        o if o.starts_with("list_") && o.ends_with("_sortByAssociatedKeys") => {
            target?;
            if args.len() != 1 {
                return None;
            }
            let elem = &o["list_".len()..o.len() - "_sortByAssociatedKeys".len()];
            Some(sort_cost(&args[0], elem))
        }
        _ => None,
    }
}

fn sort_cost(n: &Node<'_>, elem: &str) -> (Est, Option<Est>) {
    let sz = size_estimate(n);
    let mut factor = 2.0;
    if elem == "string" || elem == "bytes" {
        factor += STRING_TRAVERSAL;
    }
    allocating_list_call(factor, sz.mul(sz))
}

const MAX_NAME_FORMAT_REGEX_SIZE: f64 = 128.0;
const MAX_FORMAT_SIZE: u64 = 64;

/// The Kubernetes library cost estimator (plus DRA's `includes`).
fn library_estimate(
    function: &str,
    overload: &str,
    target: Option<&Node<'_>>,
    args: &[Node<'_>],
) -> Option<(Est, Option<Est>)> {
    let one = || Some((Est::fixed(1), None));
    match function {
        "includes" if overload == "dra_includes_dyn_dyn" => {
            target?;
            Some((Est { min: 0, max: 48 }, None))
        }
        "check" => Some((Est::fixed(350000), None)),
        "serviceAccount" | "path" | "group" | "resource" | "subresource" | "namespace" | "name"
        | "allowed" | "reason" | "error" | "errored" => one(),
        "fieldSelector" | "labelSelector" => {
            if args.len() == 1 {
                let len = size_estimate(&args[0]);
                let parse = len.factor(STRING_TRAVERSAL);
                let reqs = len.factor(0.5).factor((LIST_CREATE + STRUCT_CREATE) as f64);
                return Some((Est::fixed(LIST_CREATE).add(parse).add(reqs), None));
            }
            None
        }
        "isSorted" | "sum" | "max" | "min" | "indexOf" | "lastIndexOf" => {
            let t = target?;
            let mut el_cost = Est::fixed(1);
            if let Some(el) = list_element_node(t) {
                if matches!(el.ty, Type::String | Type::Bytes) {
                    let sz = size_estimate(&el);
                    el_cost = el_cost.add(sz.factor(STRING_TRAVERSAL));
                }
                return Some((size_estimate(t).mul(el_cost), None));
            }
            Some((size_estimate(t).factor(STRING_TRAVERSAL), None))
        }
        "url" | "jsonpatch.escapeKey" => {
            if args.len() == 1 {
                let sz = size_estimate(&args[0]);
                return Some((sz.factor(STRING_TRAVERSAL), Some(sz)));
            }
            None
        }
        "lowerAscii" | "upperAscii" | "substring" | "trim" => {
            let t = target?;
            let sz = size_estimate(t);
            Some((sz.factor(STRING_TRAVERSAL), Some(sz)))
        }
        "replace" => {
            let t = target?;
            if args.len() < 2 {
                return None;
            }
            let sz = size_estimate(t);
            let to_replace = size_estimate(&args[0]);
            let replace_with = size_estimate(&args[1]);
            let mut count = Est { min: 0, max: 0 };
            let mut retained = Est { min: 0, max: 0 };
            if to_replace.min == 0 {
                count.max = if sz.max < u64::MAX {
                    sz.max + 1
                } else {
                    sz.max
                };
                retained.max = sz.max;
            } else if replace_with.max <= to_replace.min {
                count.max = 0;
                retained.max = sz.max;
            } else {
                count.max = (sz.max as f64 / to_replace.min as f64).ceil() as u64;
            }
            if to_replace.max == 0 {
                count.min = if sz.min < u64::MAX {
                    sz.min + 1
                } else {
                    sz.min
                };
                retained.min = sz.min;
            } else if to_replace.max <= replace_with.min {
                count.min = 0;
                retained.min = sz.min;
            } else {
                count.min = (sz.min as f64 / to_replace.max as f64).ceil() as u64;
            }
            let size = count.mul(replace_with).add(retained);
            Some((sz.factor(2.0 * STRING_TRAVERSAL), Some(size)))
        }
        "split" => {
            let t = target?;
            let sz = size_estimate(t);
            let mut max = sz.max;
            if args.len() > 1 {
                if let Some(ExprKind::Literal(Literal::Int(i))) = args[1].expr.map(|e| &e.kind) {
                    max = *i as u64;
                }
            }
            Some((sz.factor(2.0 * STRING_TRAVERSAL), Some(Est { min: 0, max })))
        }
        "join" => {
            let t = target?;
            let list_size = size_estimate(t);
            let mut sz = Est { min: 0, max: 0 };
            if let Some(el) = list_element_node(t) {
                let elem_size = size_estimate(&el);
                sz = list_size.mul(elem_size);
            }
            if !args.is_empty() {
                let sep = size_estimate(&args[0]);
                let min_sep = list_size.min.saturating_sub(1);
                let max_sep = list_size.max.saturating_sub(1);
                sz = sz.add(sep.mul(Est {
                    min: min_sep,
                    max: max_sep,
                }));
            }
            Some((sz.factor(STRING_TRAVERSAL), Some(sz)))
        }
        "find" | "findAll" => {
            let t = target?;
            if args.is_empty() {
                return None;
            }
            let sz = size_estimate(t);
            let str_cost = sz.add(Est::fixed(1)).factor(STRING_TRAVERSAL);
            let regex_cost = size_estimate(&args[0]).factor(REGEX_STRING_LENGTH);
            Some((
                str_cost.mul(regex_cost),
                Some(Est {
                    min: 0,
                    max: sz.max,
                }),
            ))
        }
        "cidr" | "isIP" | "isCIDR" => {
            if args.is_empty() {
                return None;
            }
            Some((size_estimate(&args[0]).factor(STRING_TRAVERSAL), None))
        }
        "ip" => {
            if overload == "cidr_ip" {
                return one();
            }
            if args.is_empty() {
                return None;
            }
            Some((size_estimate(&args[0]).factor(STRING_TRAVERSAL), None))
        }
        "ip.isCanonical" => {
            if args.is_empty() {
                return None;
            }
            Some((size_estimate(&args[0]).factor(2.0 * STRING_TRAVERSAL), None))
        }
        "masked"
        | "prefixLength"
        | "family"
        | "isUnspecified"
        | "isLoopback"
        | "isLinkLocalMulticast"
        | "isLinkLocalUnicast"
        | "isGlobalUnicast" => one(),
        "containsIP" => {
            if args.is_empty() {
                return None;
            }
            let sz = Est { min: 4, max: 16 };
            let mut c = sz.add(sz).factor(STRING_TRAVERSAL);
            if overload == "cidr_contains_ip_string" {
                c = c.add(size_estimate(&args[0]).factor(STRING_TRAVERSAL));
            }
            Some((c, None))
        }
        "containsCIDR" => {
            if args.is_empty() {
                return None;
            }
            let sz = Est { min: 4, max: 16 };
            let mut c = sz.add(sz).factor(STRING_TRAVERSAL);
            c = c.add(sz.factor(STRING_TRAVERSAL));
            c = c.add(Est::fixed(1));
            if overload == "cidr_contains_cidr_string" {
                c = c.add(size_estimate(&args[0]).factor(STRING_TRAVERSAL));
            }
            Some((c, None))
        }
        "quantity" | "isQuantity" | "semver" | "isSemver" => {
            if args.is_empty() {
                return None;
            }
            Some((size_estimate(&args[0]).factor(STRING_TRAVERSAL), None))
        }
        "validate" => {
            if args.is_empty() {
                return None;
            }
            let sz = size_estimate(&args[0]);
            Some((
                sz.factor(STRING_TRAVERSAL)
                    .factor(MAX_NAME_FORMAT_REGEX_SIZE * REGEX_STRING_LENGTH),
                None,
            ))
        }
        "format.named" => one(),
        "sign" | "asInteger" | "isInteger" | "asApproximateFloat" | "isGreaterThan"
        | "isLessThan" | "compareTo" | "add" | "sub" | "major" | "minor" | "patch" => one(),
        "getScheme" | "getHostname" | "getHost" | "getPort" | "getEscapedPath" | "getQuery" => {
            one()
        }
        "_==_" => {
            if args.len() != 2 {
                return None;
            }
            let (l, r) = (&args[0], &args[1]);
            if l.ty != r.ty {
                return None;
            }
            match &l.ty {
                Type::Opaque(n, _) if n == "net.IP" || n == "net.CIDR" => one(),
                Type::Struct(n) => match n.as_str() {
                    "kubernetes.Quantity"
                    | "kubernetes.Semver"
                    | "kubernetes.authorization.Authorizer"
                    | "kubernetes.authorization.PathCheck"
                    | "kubernetes.authorization.GroupCheck"
                    | "kubernetes.authorization.ResourceCheck"
                    | "kubernetes.authorization.Decision" => one(),
                    "kubernetes.NamedFormat" => Some((
                        Est {
                            min: 1,
                            max: MAX_FORMAT_SIZE,
                        }
                        .factor(STRING_TRAVERSAL),
                        None,
                    )),
                    "kubernetes.URL" => {
                        let mut size = Est::fixed(1);
                        if let Some(rs) = r.computed {
                            size = rs.union(rs);
                        }
                        Some((
                            Est {
                                min: 1,
                                max: size.max,
                            }
                            .factor(STRING_TRAVERSAL),
                            None,
                        ))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}
