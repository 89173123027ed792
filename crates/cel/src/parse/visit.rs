//! The parse tree into our expression tree, as cel-go's parser visits its
//! ANTLR tree: node ids in cel-go's order (but within macro expansions:
//! ids only name nodes), each node at the offset of the token cel-go
//! places it at, macros expanded, and the errors cel-go's
//! visitor reports (reserved identifiers, malformed literals, macro
//! arguments), also on the partial trees syntax errors leave. Visiting
//! stops at cel-go's recursion depth limit.

use std::collections::HashMap;

use super::ast::{self, Expr, ExprKind, Id, ListExpr, MapEntry, MapExpr, StructExpr, StructField};
use super::cst;
use super::lexer::Token;
use super::token::*;
use super::unescape::unescape;

/// cel-go's words that cannot name a variable or a function.
const RESERVED: [&str; 21] = [
    "as",
    "break",
    "const",
    "continue",
    "else",
    "false",
    "for",
    "function",
    "if",
    "import",
    "in",
    "let",
    "loop",
    "package",
    "namespace",
    "null",
    "return",
    "true",
    "var",
    "void",
    "while",
];

/// Visiting went deeper than the limit.
pub struct TooDeep;

pub type Visited = Result<Expr, TooDeep>;

pub struct Visitor<'a> {
    chars: &'a [char],
    next_id: Id,
    /// Char offset of each node (-1: cel-go's "no location").
    pub offsets: HashMap<Id, i64>,
    /// The errors found, at a char offset (-1: before the first character).
    pub errors: Vec<(i64, String)>,
    depth: usize,
    max_depth: usize,
}

impl<'a> Visitor<'a> {
    pub fn new(chars: &'a [char], max_depth: usize) -> Visitor<'a> {
        Visitor {
            chars,
            next_id: 1,
            offsets: HashMap::new(),
            errors: Vec::new(),
            depth: 0,
            max_depth,
        }
    }

    /// A new node id at a char offset.
    pub fn id_at(&mut self, offset: i64) -> Id {
        let id = self.next_id;
        self.next_id += 1;
        self.offsets.insert(id, offset);
        id
    }

    fn id(&mut self, t: &Token) -> Id {
        self.id_at(t.start.into())
    }

    pub fn offset(&self, id: Id) -> i64 {
        self.offsets.get(&id).copied().unwrap_or(-1)
    }

    fn text(&self, t: &Token) -> String {
        self.chars[t.start as usize..t.stop as usize]
            .iter()
            .collect()
    }

    /// A node standing for something that did not parse.
    pub fn unspecified(&mut self, offset: i64) -> Expr {
        let id = self.id_at(offset);
        Expr::new(id, ExprKind::Literal(ast::Literal::Null))
    }

    /// Reports an error at an offset; the node standing for the culprit.
    pub fn error(&mut self, offset: i64, message: String) -> Expr {
        let e = self.unspecified(offset);
        self.errors.push((offset, message));
        e
    }

    fn deeper(&mut self) -> Result<(), TooDeep> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(TooDeep);
        }
        Ok(())
    }

    fn call(&mut self, id: Id, function: &str, target: Option<Expr>, args: Vec<Expr>) -> Expr {
        Expr::new(
            id,
            ExprKind::Call(Box::new(ast::Call {
                function: function.to_string(),
                target,
                args,
            })),
        )
    }

    /// A call, or the expansion of the macro it names.
    pub fn call_or_macro(
        &mut self,
        id: Id,
        function: &str,
        target: Option<Expr>,
        args: Vec<Expr>,
    ) -> Expr {
        match self.expand_macro(id, function, target, args) {
            Ok(expanded) => expanded,
            Err((target, args)) => self.call(id, function, target, args),
        }
    }

    /// Our tree of a parse tree.
    pub fn tree(&mut self, node: &cst::Node) -> Visited {
        use cst::Node as N;
        match node {
            N::Ternary(cond, op, if_true, if_false) => {
                self.ternary(cond, op, if_true, if_false.as_deref())
            }
            N::Logic(op, first, rest) => self.logic(*op, first, rest),
            N::Binary(left, op, right) => self.binary(left, op, right),
            N::Not(ops, member) => self.unary(ops, Some(member), "!_"),
            N::Negate(ops, member) => self.unary(ops, member.as_deref(), "-_"),
            N::Select {
                operand,
                op,
                optional,
                field,
            } => self.select(operand, op, *optional, field.as_ref()),
            N::MemberCall {
                operand,
                name,
                open,
                args,
            } => self.member_call(operand, name, open, args),
            N::Index {
                operand,
                op,
                optional,
                index,
            } => self.index(operand, op, *optional, index.as_deref()),
            N::Ident {
                start,
                leading_dot,
                name,
            } => Ok(match self.global_name(start, *leading_dot, name) {
                Ok(global) => {
                    let id = self.id(name);
                    Expr::new(id, ExprKind::Ident(global))
                }
                Err(reserved) => reserved,
            }),
            N::Call {
                start,
                leading_dot,
                name,
                open,
                args,
            } => match self.global_name(start, *leading_dot, name) {
                Ok(function) => {
                    let id = self.id(open);
                    let args = self.trees(args)?;
                    Ok(self.call_or_macro(id, &function, None, args))
                }
                Err(reserved) => Ok(reserved),
            },
            N::List(op, elements) => self.list(op, elements),
            N::Map(op, entries) => self.map(op, entries),
            N::Message {
                leading_dot,
                names,
                open,
                fields,
            } => self.message(*leading_dot, names, open, fields.as_ref()),
            N::Literal(l) => Ok(self.literal(l)),
            N::UnaryError => {
                let id = self.id_at(-1);
                let error = ast::Literal::String("<<error>>".into());
                Ok(Expr::new(id, ExprKind::Literal(error)))
            }
            N::PrimaryError => Ok(self.unspecified(-1)),
        }
    }

    /// `cond ? if_true : if_false`
    fn ternary(
        &mut self,
        cond: &cst::Node,
        op: &Token,
        if_true: &cst::Node,
        if_false: Option<&cst::Node>,
    ) -> Visited {
        self.deeper()?;
        let cond = self.tree(cond)?;
        let id = self.id(op);
        let if_true = self.tree(if_true)?;
        let if_false = self.optional_tree(if_false)?;
        self.depth -= 1;
        Ok(self.call_or_macro(id, "_?_:_", None, vec![cond, if_true, if_false]))
    }

    /// `first op term op term …` of one logical operator.
    fn logic(&mut self, op: Kind, first: &cst::Node, rest: &[(Token, cst::Tree)]) -> Visited {
        let function = if op == LOGICAL_OR { "_||_" } else { "_&&_" };
        let mut terms = vec![self.tree(first)?];
        let mut ops = Vec::with_capacity(rest.len());
        for (op, term) in rest {
            terms.push(self.tree(term)?);
            ops.push(self.id(op));
        }
        Ok(self.balanced(function, terms, &ops))
    }

    /// `left op right` (a relation or a calculation).
    fn binary(&mut self, left: &cst::Node, op: &Token, right: &cst::Node) -> Visited {
        self.deeper()?;
        let lhs = self.tree(left)?;
        let id = self.id(op);
        let rhs = self.tree(right)?;
        self.depth -= 1;
        Ok(self.call_or_macro(id, operator(op.kind), None, vec![lhs, rhs]))
    }

    /// `operand.field` or `operand.?field`.
    fn select(
        &mut self,
        operand: &cst::Node,
        op: &Token,
        optional: bool,
        field: Option<&cst::EscapeIdent>,
    ) -> Visited {
        self.deeper()?;
        let operand = self.tree(operand)?;
        self.depth -= 1;
        let Some(field) = field else {
            return Ok(self.unspecified(op.start.into()));
        };
        let at = escape_ident_start(field).start.into();
        let name = match self.field_name(field) {
            Ok(name) => name,
            Err(message) => {
                self.error(at, message.to_string());
                String::new()
            }
        };
        if optional {
            let name_id = self.id_at(at);
            let name = Expr::new(name_id, ExprKind::Literal(ast::Literal::String(name)));
            let id = self.id(op);
            return Ok(self.call(id, "_?._", None, vec![operand, name]));
        }
        let id = self.id(op);
        Ok(Expr::new(
            id,
            ExprKind::Select(Box::new(ast::Select {
                operand,
                field: name,
                test_only: false,
            })),
        ))
    }

    /// `operand.name(args)`.
    fn member_call(
        &mut self,
        operand: &cst::Node,
        name: &Token,
        open: &Token,
        args: &[cst::Tree],
    ) -> Visited {
        self.deeper()?;
        let operand = self.tree(operand)?;
        let name = self.text(name);
        let id = self.id(open);
        let args = self.trees(args)?;
        self.depth -= 1;
        Ok(self.call_or_macro(id, &name, Some(operand), args))
    }

    /// `operand[index]` or `operand[?index]`.
    fn index(
        &mut self,
        operand: &cst::Node,
        op: &Token,
        optional: bool,
        index: Option<&cst::Node>,
    ) -> Visited {
        self.deeper()?;
        let target = self.tree(operand)?;
        let id = self.id(op);
        let index = self.optional_tree(index)?;
        self.depth -= 1;
        let function = if optional { "_[?_]" } else { "_[_]" };
        Ok(self.call_or_macro(id, function, None, vec![target, index]))
    }

    fn list(&mut self, op: &Token, elements: &[cst::Opt<cst::Tree>]) -> Visited {
        let id = self.id(op);
        let mut list = ListExpr {
            elements: Vec::with_capacity(elements.len()),
            optional_indices: Vec::new(),
        };
        for (i, element) in elements.iter().enumerate() {
            list.elements
                .push(self.optional_tree(element.value.as_deref())?);
            if element.optional {
                list.optional_indices.push(i);
            }
        }
        Ok(Expr::new(id, ExprKind::List(Box::new(list))))
    }

    fn map(&mut self, op: &Token, entries: &cst::Entries<cst::Opt<cst::Tree>>) -> Visited {
        let id = self.id(op);
        let mut map = MapExpr {
            entries: Vec::with_capacity(entries.values.len()),
        };
        for (key, (_, value)) in entries.keys.iter().zip(&entries.values) {
            let key_expr = self.optional_tree(key.value.as_deref())?;
            let value = self.tree(value)?;
            map.entries.push(MapEntry {
                key: key_expr,
                value,
                optional: key.optional,
            });
        }
        Ok(Expr::new(id, ExprKind::Map(Box::new(map))))
    }

    fn message(
        &mut self,
        leading_dot: bool,
        names: &[Token],
        open: &Token,
        fields: Option<&cst::Fields>,
    ) -> Visited {
        let names: Vec<String> = names.iter().map(|t| self.text(t)).collect();
        let dot = if leading_dot { "." } else { "" };
        let type_name = format!("{dot}{}", names.join("."));
        let id = self.id(open);
        let fields = match fields {
            Some(fields) => self.fields(fields)?,
            None => Vec::new(),
        };
        Ok(Expr::new(
            id,
            ExprKind::Struct(Box::new(StructExpr { type_name, fields })),
        ))
    }

    fn trees(&mut self, list: &[cst::Tree]) -> Result<Vec<Expr>, TooDeep> {
        list.iter().map(|e| self.tree(e)).collect()
    }

    /// A tree, or what stands for one that did not parse.
    fn optional_tree(&mut self, e: Option<&cst::Node>) -> Visited {
        match e {
            Some(e) => self.tree(e),
            None => Ok(self.unspecified(-1)),
        }
    }

    /// `!` or `-` repeated before `member`: an even number cancels out.
    fn unary(&mut self, ops: &[Token], member: Option<&cst::Node>, function: &str) -> Visited {
        if ops.len().is_multiple_of(2) {
            return self.optional_tree(member);
        }
        let id = self.id(&ops[0]);
        let target = self.optional_tree(member)?;
        Ok(self.call_or_macro(id, function, None, vec![target]))
    }

    /// A chain of `&&` or `||` as a balanced tree of calls, each at its
    /// operator.
    fn balanced(&mut self, function: &str, mut terms: Vec<Expr>, ops: &[Id]) -> Expr {
        if ops.is_empty() {
            return terms.remove(0);
        }
        let mut terms: Vec<Option<Expr>> = terms.into_iter().map(Some).collect();
        self.balanced_range(function, &mut terms, ops, 0, ops.len() - 1)
    }

    fn balanced_range(
        &mut self,
        function: &str,
        terms: &mut [Option<Expr>],
        ops: &[Id],
        lo: usize,
        hi: usize,
    ) -> Expr {
        let mid = (lo + hi).div_ceil(2);
        let left = if mid == lo {
            terms[mid].take()
        } else {
            Some(self.balanced_range(function, terms, ops, lo, mid - 1))
        };
        let right = if mid == hi {
            terms[mid + 1].take()
        } else {
            Some(self.balanced_range(function, terms, ops, mid + 1, hi))
        };
        let args = left.into_iter().chain(right).collect();
        self.call(ops[mid], function, None, args)
    }

    /// A field's name; backquoted names are not enabled in Kubernetes'
    /// environment.
    fn field_name(&self, field: &cst::EscapeIdent) -> Result<String, &'static str> {
        match field {
            cst::EscapeIdent::Simple(t) => Ok(self.text(t)),
            cst::EscapeIdent::Escaped(_) => Err("unsupported syntax: '`'"),
            cst::EscapeIdent::Error(_) => Err("unsupported ident kind"),
        }
    }

    /// The name of a global identifier or function (with its leading dot);
    /// a reserved word is reported at the name's first token.
    fn global_name(
        &mut self,
        start: &Token,
        leading_dot: bool,
        name: &Token,
    ) -> Result<String, Expr> {
        let text = self.text(name);
        if RESERVED.contains(&text.as_str()) {
            return Err(self.error(start.start as i64, format!("reserved identifier: {text}")));
        }
        Ok(if leading_dot {
            format!(".{text}")
        } else {
            text
        })
    }

    fn fields(&mut self, fields: &cst::Fields) -> Result<Vec<StructField>, TooDeep> {
        let mut out = Vec::new();
        for (i, field) in fields.entries.keys.iter().enumerate() {
            let Some((colon, value)) = fields.entries.values.get(i) else {
                // A field without its value: nothing more is visited.
                return Ok(Vec::new());
            };
            let id = self.id(colon);
            let name = match &field.value {
                Some(name) => self.field_name(name),
                None => Err("unsupported ident kind"),
            };
            let name = match name {
                Ok(name) => name,
                Err(message) => {
                    self.error(fields.start.start as i64, message.to_string());
                    continue;
                }
            };
            let value = self.tree(value)?;
            out.push(StructField {
                id,
                name,
                value,
                optional: field.optional,
            });
        }
        Ok(out)
    }

    fn literal(&mut self, l: &cst::Literal) -> Expr {
        use ast::Literal as L;
        let (start, value) = match l {
            cst::Literal::Int(start, t) => {
                let sign = if start.kind == MINUS { "-" } else { "" };
                let text = self.text(t);
                let parsed = match text.strip_prefix("0x") {
                    Some(hex) => i64::from_str_radix(&format!("{sign}{hex}"), 16),
                    None => format!("{sign}{text}").parse(),
                };
                match parsed {
                    Ok(i) => (start, L::Int(i)),
                    Err(_) => return self.error(start.start as i64, "invalid int literal".into()),
                }
            }
            cst::Literal::Uint(start, t) => {
                let text = self.text(t);
                let digits = &text[..text.len() - 1];
                let parsed = match digits.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => digits.parse(),
                };
                match parsed {
                    Ok(u) => (start, L::Uint(u)),
                    Err(_) => return self.error(start.start as i64, "invalid uint literal".into()),
                }
            }
            cst::Literal::Double(start, t) => {
                let sign = if start.kind == MINUS { "-" } else { "" };
                match format!("{sign}{}", self.text(t)).parse::<f64>() {
                    Ok(d) if d.is_finite() => (start, L::Double(d)),
                    _ => return self.error(start.start as i64, "invalid double literal".into()),
                }
            }
            cst::Literal::String(start, t) => {
                let text = self.text(t);
                let value = match unescape(&text, false) {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(message) => {
                        self.errors.push((start.start as i64, message.to_string()));
                        text
                    }
                };
                (start, L::String(value))
            }
            cst::Literal::Bytes(start, t) => {
                let text = self.text(t);
                let value = match unescape(&text[1..], true) {
                    Ok(bytes) => bytes,
                    Err(message) => {
                        self.errors.push((start.start as i64, message.to_string()));
                        text.as_bytes()[1..].to_vec()
                    }
                };
                (start, L::Bytes(value))
            }
            cst::Literal::True(t) => (t, L::Bool(true)),
            cst::Literal::False(t) => (t, L::Bool(false)),
            cst::Literal::Null(t) => (t, L::Null),
            cst::Literal::Error => return self.unspecified(-1),
        };
        let id = self.id(start);
        Expr::new(id, ExprKind::Literal(value))
    }
}

fn escape_ident_start(e: &cst::EscapeIdent) -> &Token {
    match e {
        cst::EscapeIdent::Simple(t) | cst::EscapeIdent::Escaped(t) | cst::EscapeIdent::Error(t) => {
            t
        }
    }
}

/// The function of a binary operator.
fn operator(kind: Kind) -> &'static str {
    match kind {
        EQUALS => "_==_",
        NOT_EQUALS => "_!=_",
        IN => "@in",
        LESS => "_<_",
        LESS_EQUALS => "_<=_",
        GREATER_EQUALS => "_>=_",
        GREATER => "_>_",
        PLUS => "_+_",
        MINUS => "_-_",
        STAR => "_*_",
        SLASH => "_/_",
        _ => "_%_",
    }
}
