//! The tree of an expression as the parser builds it (macros expanded),
//! with where each node is written, for tools that look inside an
//! expression (the engine's explanations of a selector that did not
//! match).

use std::collections::HashMap;

pub use crate::parse::ast::{
    Call, Comprehension, Expr, ExprKind, Id, ListExpr, Literal, MapEntry, MapExpr, Select,
    StructExpr, StructField,
};
use crate::parse::{self, source::Source};

/// A parsed expression and the byte offset of each of its nodes.
pub struct Tree {
    pub expr: Expr,
    byte_offsets: HashMap<Id, usize>,
}

impl Tree {
    /// The byte offset in the expression where a node is written (the
    /// operator of a call, the `.` of a selection, ...).
    pub fn offset(&self, id: Id) -> Option<usize> {
        self.byte_offsets.get(&id).copied()
    }
}

/// The tree of `expression`, as selectors are parsed; None when it does
/// not parse.
pub fn parse(expression: &str) -> Option<Tree> {
    let parsed = parse::parse(&Source::new(expression)).ok()?;
    let byte_at: Vec<usize> = expression
        .char_indices()
        .map(|(byte, _)| byte)
        .chain([expression.len()])
        .collect();
    let byte_offsets = parsed
        .offsets
        .into_iter()
        .filter_map(|(id, char_offset)| Some((id, *byte_at.get(char_offset)?)))
        .collect();
    Some(Tree {
        expr: parsed.expr,
        byte_offsets,
    })
}
