//! The expression tree the checker, the cost estimator and the planner work
//! on: the parser's tree, converted, with the macros of the Kubernetes
//! environment expanded.

/// An expression node id (unique within one expression).
pub type Id = u64;

/// A literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Double(f64),
    String(String),
    Bytes(Vec<u8>),
}

/// An expression with its id.
#[derive(Clone, Debug)]
pub struct Expr {
    pub id: Id,
    pub kind: ExprKind,
}

/// The kinds of expressions.
#[derive(Clone, Debug)]
pub enum ExprKind {
    Literal(Literal),
    Ident(String),
    Select(Box<Select>),
    Call(Box<Call>),
    List(Box<ListExpr>),
    Map(Box<MapExpr>),
    Struct(Box<StructExpr>),
    Comprehension(Box<Comprehension>),
}

#[derive(Clone, Debug)]
pub struct Select {
    pub operand: Expr,
    pub field: String,
    /// `has(operand.field)`.
    pub test_only: bool,
}

#[derive(Clone, Debug)]
pub struct Call {
    pub function: String,
    pub target: Option<Expr>,
    pub args: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub struct ListExpr {
    pub elements: Vec<Expr>,
    /// Indices of `?elem` elements.
    pub optional_indices: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct MapEntry {
    pub key: Expr,
    pub value: Expr,
    pub optional: bool,
}

#[derive(Clone, Debug)]
pub struct MapExpr {
    pub entries: Vec<MapEntry>,
}

#[derive(Clone, Debug)]
pub struct StructField {
    pub id: Id,
    pub name: String,
    pub value: Expr,
    pub optional: bool,
}

#[derive(Clone, Debug)]
pub struct StructExpr {
    pub type_name: String,
    pub fields: Vec<StructField>,
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub iter_range: Expr,
    pub iter_var: String,
    pub iter_var2: Option<String>,
    pub accu_var: String,
    pub accu_init: Expr,
    pub loop_cond: Expr,
    pub loop_step: Expr,
    pub result: Expr,
}

/// The accumulator variable name of cel-go's older macros: a macro's
/// variable may not take it either.
pub const ACCUMULATOR: &str = "__result__";
/// The accumulator variable name of the macros (cel-go's default since it
/// hides the accumulator: no identifier can name it).
pub const HIDDEN_ACCUMULATOR: &str = "@result";
/// The iteration variable of `cel.bind`.
pub const UNUSED_ITER_VAR: &str = "#unused";

impl Expr {
    pub fn new(id: Id, kind: ExprKind) -> Expr {
        Expr { id, kind }
    }

    pub fn as_string_literal(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Literal(Literal::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The dotted name an identifier or a chain of field selections spells.
    pub fn qualified_name(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Ident(n) => Some(n.clone()),
            ExprKind::Select(s) if !s.test_only => {
                let prefix = s.operand.qualified_name()?;
                Some(format!("{prefix}.{}", s.field))
            }
            _ => None,
        }
    }

    /// Whether this comprehension is the expansion of `cel.bind`.
    pub fn is_bind(c: &Comprehension) -> bool {
        matches!(&c.iter_range.kind, ExprKind::List(l) if l.elements.is_empty())
            && matches!(&c.loop_cond.kind, ExprKind::Literal(Literal::Bool(false)))
            && c.accu_var != ACCUMULATOR
            && c.accu_var != HIDDEN_ACCUMULATOR
    }

    /// Calls `f` on every direct child expression.
    pub fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Expr)) {
        match &self.kind {
            ExprKind::Literal(_) | ExprKind::Ident(_) => {}
            ExprKind::Select(s) => f(&s.operand),
            ExprKind::Call(c) => {
                if let Some(t) = &c.target {
                    f(t);
                }
                for a in &c.args {
                    f(a);
                }
            }
            ExprKind::List(l) => {
                for e in &l.elements {
                    f(e);
                }
            }
            ExprKind::Map(m) => {
                for e in &m.entries {
                    f(&e.key);
                    f(&e.value);
                }
            }
            ExprKind::Struct(s) => {
                for fl in &s.fields {
                    f(&fl.value);
                }
            }
            ExprKind::Comprehension(c) => {
                f(&c.iter_range);
                f(&c.accu_init);
                f(&c.loop_cond);
                f(&c.loop_step);
                f(&c.result);
            }
        }
    }
}
