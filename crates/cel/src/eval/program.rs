//! Planning: turns the checked tree into an evaluation tree with variables
//! resolved to slots, overloads resolved to implementations, and the usual
//! `device.attributes["domain"].id` lookups turned into direct lookups.

use std::sync::Arc;

use crate::check::{Checked, Reference};
use crate::cost::Cost;
use crate::env::decls::{Fun, Trait};
use crate::env::Env;
use crate::eval::values::{QuantityRef, SemverRef, Str, Value};
use crate::parse::ast::*;
use crate::types::Type;
use crate::{Quantity, Version};

/// A constant of the program.
#[derive(Clone, Debug)]
pub enum Const {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Double(f64),
    String(String),
    Bytes(Vec<u8>),
    Type(String),
    List(Vec<Const>),
    Quantity(Quantity),
    Semver(Version),
}

impl Const {
    pub fn to_value(&self) -> Value<'_> {
        match self {
            Const::Null => Value::Null,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(i) => Value::Int(*i),
            Const::Uint(u) => Value::Uint(*u),
            Const::Double(d) => Value::Double(*d),
            Const::String(s) => Value::String(Str::B(s)),
            Const::Bytes(b) => Value::Bytes(crate::eval::values::Bin::B(b)),
            Const::Type(t) => Value::Type(Str::B(t)),
            Const::List(l) => Value::List(crate::eval::values::List::Const(l)),
            Const::Quantity(q) => Value::Quantity(QuantityRef::B(q)),
            Const::Semver(v) => Value::Semver(SemverRef::B(v)),
        }
    }
}

/// How a call finds its implementation at runtime.
#[derive(Clone, Debug)]
pub enum Dispatch {
    /// One implementation for every overload, if the first operand has the trait.
    Singleton(Option<Trait>, Fun),
    /// The only overload the checker found, with a runtime type guard.
    Guarded(Fun, Vec<Type>),
    /// The only overload, without a guard.
    Unguarded(Fun),
    /// Any overload of the function whose signature matches at runtime.
    Dynamic(Vec<(Vec<Type>, Fun)>),
    /// No implementation.
    Missing,
}

#[derive(Clone, Debug)]
pub struct CallNode {
    pub function: &'static str,
    /// The overload id when the checker resolved exactly one ("" otherwise).
    pub overload: &'static str,
    /// What a call costs, as its function declares.
    pub cost: Cost,
    pub args: Vec<Node>,
    pub dispatch: Dispatch,
}

#[derive(Clone, Debug)]
pub struct FoldNode {
    pub range: Node,
    pub iter: usize,
    pub iter2: Option<usize>,
    pub accu: usize,
    pub init: Node,
    pub cond: Node,
    pub step: Node,
    pub result: Node,
}

/// A constant attribute or capacity name.
#[derive(Clone, Debug)]
pub struct AttrKey {
    pub domain: String,
    pub id: String,
    /// `domain/id`.
    pub qualified: String,
}

impl AttrKey {
    pub fn new(domain: String, id: String) -> Box<AttrKey> {
        let qualified = format!("{domain}/{id}");
        Box::new(AttrKey {
            domain,
            id,
            qualified,
        })
    }
}

/// The fields of `device` that have direct lookups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceField {
    Driver,
    AllowMultipleAllocations,
}

/// An evaluation node.
#[derive(Clone, Debug)]
pub enum Node {
    Const(Const),
    /// A constant that stands for a call already made (its runtime cost is
    /// still charged).
    Folded {
        value: Const,
        cost: u64,
    },
    Slot(usize),
    /// A variable declared on top of the environment.
    Global(usize),
    Device,
    DeviceField(DeviceField),
    /// `device.attributes[domain]`.
    AttributeDomain(String),
    /// `device.capacity[domain]`.
    CapacityDomain(String),
    /// `device.attributes[domain].id`.
    Attribute(Box<AttrKey>),
    /// `device.capacity[domain].id`.
    Capacity(Box<AttrKey>),
    Select {
        operand: Box<Node>,
        field: String,
    },
    Has {
        operand: Box<Node>,
        field: String,
    },
    OptSelect {
        operand: Box<Node>,
        field: String,
    },
    Index {
        operand: Box<Node>,
        index: Box<Node>,
        optional_result: bool,
    },
    OptIndex {
        operand: Box<Node>,
        index: Box<Node>,
    },
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cond(Box<Node>, Box<Node>, Box<Node>),
    Eq(Box<Node>, Box<Node>),
    Ne(Box<Node>, Box<Node>),
    /// `a in b`; `sized` when the checker resolved it to `in_list` only
    /// (the runtime cost is then the list size, else 1).
    In(Box<Node>, Box<Node>, bool),
    NotStrictlyFalse(Box<Node>),
    TypeOf(Box<Node>),
    Dyn(Box<Node>),
    OptOr(Box<Node>, Box<Node>),
    OptOrValue(Box<Node>, Box<Node>),
    Matches {
        target: Box<Node>,
        regex: Arc<regex::Regex>,
        /// The pattern, and the overload, for the runtime cost.
        pattern: String,
        overload: &'static str,
    },
    /// `find`/`findAll` with a constant pattern.
    FindRegex {
        all: bool,
        overload: &'static str,
        cost: Cost,
        args: Vec<Node>,
        regex: Arc<regex::Regex>,
    },
    Call(Box<CallNode>),
    List {
        elems: Vec<Node>,
        optional: Vec<bool>,
    },
    Map {
        entries: Vec<(Node, Node, bool)>,
    },
    /// `accu + [elem]` inside a comprehension, appending in place.
    AccuAppend {
        slot: usize,
        elem: Box<Node>,
    },
    Fold(Box<FoldNode>),
    /// A runtime error found while planning (e.g. an invalid constant regex).
    Error(String),
}

pub struct Planner<'c> {
    checked: &'c Checked,
    env: &'c Env,
    scopes: Vec<(String, usize)>,
    pub slots: usize,
    /// Whether the plan reads the `device` variable.
    pub uses_device: bool,
}

impl<'c> Planner<'c> {
    pub fn new(checked: &'c Checked, env: &'c Env) -> Planner<'c> {
        Planner {
            checked,
            env,
            scopes: Vec::new(),
            slots: 0,
            uses_device: false,
        }
    }

    fn ty(&self, e: &Expr) -> Type {
        self.checked.types.get(&e.id).cloned().unwrap_or(Type::Dyn)
    }

    fn overloads(&self, e: &Expr) -> Vec<&'static str> {
        match self.checked.refs.get(&e.id) {
            Some(Reference::Function(ids)) => ids.clone(),
            _ => Vec::new(),
        }
    }

    /// What a call of `function` costs, as it declares (cel-go's default of 1
    /// for none: every function declares one, `every_function_has_one_cost`).
    fn cost_of(&self, function: &str) -> Cost {
        self.env
            .function(function)
            .and_then(|f| f.cost)
            .unwrap_or(Cost::Fixed(1))
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.scopes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, s)| *s)
    }

    fn new_slot(&mut self, name: &str) -> usize {
        let s = self.slots;
        self.slots += 1;
        self.scopes.push((name.to_string(), s));
        s
    }

    pub fn plan(&mut self, e: &Expr) -> Node {
        match &e.kind {
            ExprKind::Literal(l) => Node::Const(match l {
                Literal::Null => Const::Null,
                Literal::Bool(b) => Const::Bool(*b),
                Literal::Int(i) => Const::Int(*i),
                Literal::Uint(u) => Const::Uint(*u),
                Literal::Double(d) => Const::Double(*d),
                Literal::String(s) => Const::String(s.clone()),
                Literal::Bytes(b) => Const::Bytes(b.clone()),
            }),
            ExprKind::Ident(name) => self.plan_ident(name),
            ExprKind::Select(s) => self.plan_select(s),
            ExprKind::Call(c) => self.plan_call(e, c),
            ExprKind::List(l) => {
                let elems = l.elements.iter().map(|x| self.plan(x)).collect::<Vec<_>>();
                let optional = (0..elems.len())
                    .map(|i| l.optional_indices.contains(&i))
                    .collect::<Vec<_>>();
                // A list of constants is a constant.
                if !optional.iter().any(|o| *o) && elems.iter().all(|n| matches!(n, Node::Const(_)))
                {
                    let items = elems
                        .into_iter()
                        .filter_map(|n| match n {
                            Node::Const(c) => Some(c),
                            _ => None,
                        })
                        .collect();
                    return Node::Const(Const::List(items));
                }
                Node::List { elems, optional }
            }
            ExprKind::Map(m) => Node::Map {
                entries: m
                    .entries
                    .iter()
                    .map(|en| (self.plan(&en.key), self.plan(&en.value), en.optional))
                    .collect(),
            },
            ExprKind::Struct(s) => Node::Error(format!("unknown type '{}'", s.type_name)),
            ExprKind::Comprehension(c) => self.plan_fold(c),
        }
    }

    fn plan_ident(&mut self, name: &str) -> Node {
        if !name.starts_with('.') {
            if let Some(s) = self.lookup(name) {
                return Node::Slot(s);
            }
        }
        let name = name.trim_start_matches('.');
        if let Some(i) = self.env.globals.iter().position(|g| g == name) {
            return Node::Global(i);
        }
        if name == "device" {
            self.uses_device = true;
            return Node::Device;
        }
        match self.env.variables.get(name) {
            Some(Type::TypeOf(Some(t))) => Node::Const(Const::Type(t.type_name().to_string())),
            _ => Node::Error(format!("no such attribute(s): {name}")),
        }
    }

    fn plan_select(&mut self, s: &Select) -> Node {
        let operand = self.plan(&s.operand);
        if s.test_only {
            return Node::Has {
                operand: Box::new(operand),
                field: s.field.clone(),
            };
        }
        match (&operand, s.field.as_str()) {
            (Node::Device, "driver") => return Node::DeviceField(DeviceField::Driver),
            (Node::Device, "allowMultipleAllocations") => {
                return Node::DeviceField(DeviceField::AllowMultipleAllocations)
            }
            _ => {}
        }
        // `device.attributes.domain` is `device.attributes["domain"]`.
        if let Node::Select {
            operand: inner,
            field,
        } = &operand
        {
            if matches!(**inner, Node::Device) {
                if field == "attributes" {
                    return Node::AttributeDomain(s.field.clone());
                }
                if field == "capacity" {
                    return Node::CapacityDomain(s.field.clone());
                }
            }
        }
        if let Some((attrs, domain)) = device_domain(&operand) {
            let key = AttrKey::new(domain, s.field.clone());
            return if attrs {
                Node::Attribute(key)
            } else {
                Node::Capacity(key)
            };
        }
        // Selecting on an optional yields an optional.
        if self.ty(&s.operand).is_optional() {
            return Node::OptSelect {
                operand: Box::new(operand),
                field: s.field.clone(),
            };
        }
        Node::Select {
            operand: Box::new(operand),
            field: s.field.clone(),
        }
    }

    fn plan_fold(&mut self, c: &Comprehension) -> Node {
        let range = self.plan(&c.iter_range);
        let init = self.plan(&c.accu_init);
        let mark = self.scopes.len();
        let accu = self.new_slot(&c.accu_var);
        let iter = self.new_slot(&c.iter_var);
        let iter2 = c.iter_var2.as_ref().map(|v| self.new_slot(v));
        let cond = self.plan(&c.loop_cond);
        let step = self.plan_step(&c.loop_step, accu);
        // The result does not see the iteration variables.
        self.scopes.truncate(mark + 1);
        let result = self.plan(&c.result);
        self.scopes.truncate(mark);
        Node::Fold(Box::new(FoldNode {
            range,
            iter,
            iter2,
            accu,
            init,
            cond,
            step,
            result,
        }))
    }

    /// The step of a comprehension; `accu + [x]` appends in place.
    fn plan_step(&mut self, step: &Expr, accu: usize) -> Node {
        let node = self.plan(step);
        node_accu_append(node, accu)
    }

    fn plan_call(&mut self, e: &Expr, c: &Call) -> Node {
        let f = c.function.as_str();
        let mut args: Vec<&Expr> = Vec::new();
        if let Some(t) = &c.target {
            args.push(t);
        }
        args.extend(c.args.iter());
        let b = |p: &mut Self, x: &Expr| Box::new(p.plan(x));
        match (f, args.len()) {
            ("_&&_", 2) => return Node::And(b(self, args[0]), b(self, args[1])),
            ("_||_", 2) => return Node::Or(b(self, args[0]), b(self, args[1])),
            ("!_", 1) => return Node::Not(b(self, args[0])),
            ("_?_:_", 3) => {
                return Node::Cond(b(self, args[0]), b(self, args[1]), b(self, args[2]))
            }
            ("_==_", 2) => return Node::Eq(b(self, args[0]), b(self, args[1])),
            ("_!=_", 2) => return Node::Ne(b(self, args[0]), b(self, args[1])),
            ("@in", 2) => {
                let sized = self.overloads(e) == ["in_list"];
                return Node::In(b(self, args[0]), b(self, args[1]), sized);
            }
            ("@not_strictly_false", 1) => return Node::NotStrictlyFalse(b(self, args[0])),
            ("dyn", 1) => return Node::Dyn(b(self, args[0])),
            ("type", 1) => return Node::TypeOf(b(self, args[0])),
            ("_?._", 2) => {
                let field = args[1].as_string_literal().unwrap_or_default().to_string();
                return Node::OptSelect {
                    operand: b(self, args[0]),
                    field,
                };
            }
            ("_[?_]", 2) => {
                return Node::OptIndex {
                    operand: b(self, args[0]),
                    index: b(self, args[1]),
                }
            }
            ("_[_]", 2) => {
                let operand = self.plan(args[0]);
                let index = self.plan(args[1]);
                if let (
                    Node::Select {
                        operand: inner,
                        field,
                    },
                    Node::Const(Const::String(dom)),
                ) = (&operand, &index)
                {
                    if matches!(**inner, Node::Device) {
                        if field == "attributes" {
                            return Node::AttributeDomain(dom.clone());
                        }
                        if field == "capacity" {
                            return Node::CapacityDomain(dom.clone());
                        }
                    }
                }
                if let (Some((attrs, domain)), Node::Const(Const::String(id))) =
                    (device_domain(&operand), &index)
                {
                    let key = AttrKey::new(domain, id.clone());
                    return if attrs {
                        Node::Attribute(key)
                    } else {
                        Node::Capacity(key)
                    };
                }
                let optional_result = self.ty(args[0]).is_optional();
                return Node::Index {
                    operand: Box::new(operand),
                    index: Box::new(index),
                    optional_result,
                };
            }
            ("or", 2) if self.ty(args[0]).is_optional() => {
                return Node::OptOr(b(self, args[0]), b(self, args[1]))
            }
            ("orValue", 2) if self.ty(args[0]).is_optional() => {
                return Node::OptOrValue(b(self, args[0]), b(self, args[1]))
            }
            ("find", 2) | ("findAll", 2) | ("findAll", 3) => {
                if let Some(pat) = args[1].as_string_literal() {
                    // A constant pattern is compiled once; one that does not
                    // compile fails every call without being compiled again.
                    let re = match crate::library::regex::compile(pat) {
                        Ok(re) => re,
                        Err(msg) => return Node::Error(format!("Illegal regex: {msg}")),
                    };
                    let overloads = self.overloads(e);
                    let planned: Vec<Node> = args.iter().map(|a| self.plan(a)).collect();
                    return Node::FindRegex {
                        all: f == "findAll",
                        overload: overloads.first().copied().unwrap_or(""),
                        cost: self.cost_of(f),
                        args: planned,
                        regex: Arc::new(re),
                    };
                }
            }
            ("matches", 2) => {
                if let Some(pat) = args[1].as_string_literal() {
                    let target = b(self, args[0]);
                    return match crate::library::regex::compile(pat) {
                        Ok(re) => Node::Matches {
                            target,
                            regex: Arc::new(re),
                            pattern: pat.to_string(),
                            overload: single(&self.overloads(e)),
                        },
                        Err(msg) => Node::Error(msg),
                    };
                }
            }
            _ => {}
        }
        let overloads = self.overloads(e);
        let planned: Vec<Node> = args.iter().map(|a| self.plan(a)).collect();
        let Some(func) = self.env.function(f) else {
            return Node::Error(format!("no such overload: {f}"));
        };
        let overload = single(&overloads);
        let dispatch = if let Some((t, imp)) = func.singleton {
            Dispatch::Singleton(t, imp)
        } else if overloads.len() == 1 {
            match func
                .find(overloads[0])
                .and_then(|o| o.imp.map(|i| (i, o.args.clone())))
            {
                Some((imp, types)) => {
                    if func.disable_type_guards {
                        Dispatch::Unguarded(imp)
                    } else {
                        Dispatch::Guarded(imp, types)
                    }
                }
                None => Dispatch::Missing,
            }
        } else {
            let all: Vec<(Vec<Type>, Fun)> = func
                .overloads
                .iter()
                .filter_map(|o| o.imp.map(|i| (o.args.clone(), i)))
                .collect();
            if all.is_empty() {
                Dispatch::Missing
            } else {
                Dispatch::Dynamic(all)
            }
        };
        let node = CallNode {
            function: func.name,
            overload,
            cost: self.cost_of(f),
            args: planned,
            dispatch,
        };
        crate::eval::fold_constant_call(node)
    }
}

/// The overload the checker resolved, when it resolved exactly one ("" when
/// it left several).
fn single(overloads: &[&'static str]) -> &'static str {
    match overloads {
        [one] => one,
        _ => "",
    }
}

/// If `n` is a planned `device.attributes[domain]` / `device.capacity[domain]`,
/// whether it is attributes, and the domain.
pub fn device_domain(n: &Node) -> Option<(bool, String)> {
    match n {
        Node::AttributeDomain(d) => Some((true, d.clone())),
        Node::CapacityDomain(d) => Some((false, d.clone())),
        _ => None,
    }
}

fn node_accu_append(node: Node, accu: usize) -> Node {
    match node {
        Node::Call(c) if c.function == "_+_" && c.args.len() == 2 => {
            let is_append = matches!(c.args[0], Node::Slot(s) if s == accu)
                && matches!(&c.args[1], Node::List { elems, optional } if elems.len() == 1 && !optional[0]);
            if is_append {
                let CallNode { mut args, .. } = *c;
                let list = args.pop();
                if let Some(Node::List { mut elems, .. }) = list {
                    let elem = elems.pop().unwrap_or(Node::Const(Const::Null));
                    return Node::AccuAppend {
                        slot: accu,
                        elem: Box::new(elem),
                    };
                }
                return Node::Error("invalid append".into());
            }
            Node::Call(c)
        }
        Node::Cond(c, t, f) => Node::Cond(
            c,
            Box::new(node_accu_append(*t, accu)),
            Box::new(node_accu_append(*f, accu)),
        ),
        other => other,
    }
}
