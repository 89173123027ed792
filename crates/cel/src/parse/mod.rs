//! Parsing: cel-go's grammar, syntax errors and macros, behind the size and
//! depth guards, into our tree.
//!
//! The lexer ([`lexer`]) and the rules ([`rules`]) take the steps of
//! cel-go's ANTLR-generated parser, with ANTLR's error reporting and
//! recovery ([`recognizer`], [`predict`], [`grammar`]), so that syntax
//! errors read as cel-go's; they build a parse tree shaped as ANTLR's
//! ([`cst`]), which [`visit`] turns into our tree ([`ast`]) as cel-go's
//! visitor does, expanding the macros ([`macros`]).

pub mod ast;
#[cfg(test)]
mod cel_go_cases;
#[cfg(test)]
mod corpus;
mod cst;
mod grammar;
pub mod guard;
mod lexer;
mod limits;
pub mod literal;
pub(crate) mod macros;
mod predict;
#[cfg(test)]
mod properties;
mod recognizer;
mod report;
mod rules;
pub mod source;
mod token;
mod unescape;
mod visit;

use std::collections::HashMap;

use crate::parse::ast::*;
use crate::parse::source::{Issue, Source};

use limits::Limits;
use recognizer::Recognizer;
use report::Stop;

/// A parsed expression.
pub struct Parsed {
    pub expr: Expr,
    /// Char offset of every node.
    pub offsets: HashMap<Id, usize>,
}

/// Parses `source`, or returns the parse issues.
pub fn parse(source: &Source) -> Result<Parsed, Vec<Issue>> {
    check_guards(source)?;
    parse_within(source, &Limits::DEFAULT)
}

/// Rejects what is too large or too deeply nested to parse safely.
fn check_guards(source: &Source) -> Result<(), Vec<Issue>> {
    let text = source.text();
    let size = text.chars().count();
    if size > guard::MAX_CODE_POINTS {
        return Err(vec![Issue::nowhere(format!(
            "expression code point size exceeds limit: size: {size}, limit {}",
            guard::MAX_CODE_POINTS
        ))]);
    }
    let shape = guard::shape(text);
    if shape.nesting > guard::MAX_NESTING {
        return Err(vec![Issue::nowhere(format!(
            "expression recursion limit exceeded: {}",
            guard::MAX_NESTING
        ))]);
    }
    if shape.depth > guard::MAX_DEPTH {
        return Err(vec![Issue::nowhere("max recursion depth exceeded")]);
    }
    Ok(())
}

/// Parses `source` within `limits`, or returns the parse issues.
fn parse_within(source: &Source, limits: &Limits) -> Result<Parsed, Vec<Issue>> {
    let chars: Vec<char> = source.text().chars().collect();
    let mut recognizer = Recognizer::new(&chars, *limits);
    let tree = rules::Rules { r: &mut recognizer }.start();
    let reporter = recognizer.reporter;
    let mut issues: Vec<Issue> = reporter
        .errors
        .into_iter()
        .map(|e| {
            let (line, column) = (e.line as i64, e.column as i64);
            Issue {
                line,
                column,
                message: e.message,
                offset: source.offset_of(line, column),
            }
        })
        .collect();
    let tree = match (reporter.stopped, tree) {
        (None, Some(tree)) => tree,
        (stopped, _) => {
            if let Some(Stop::Limit(message)) = stopped {
                issues.push(Issue::nowhere(message));
            }
            return Err(issues);
        }
    };
    let mut visitor = visit::Visitor::new(&chars, limits.depth);
    let expr = visitor.tree(&tree);
    for (offset, message) in std::mem::take(&mut visitor.errors) {
        issues.push(issue_at_offset(source, offset, message));
    }
    match expr {
        Err(visit::TooDeep) => {
            issues.push(Issue::nowhere("max recursion depth exceeded"));
            Err(issues)
        }
        Ok(_) if !issues.is_empty() => Err(issues),
        Ok(expr) => Ok(Parsed {
            expr,
            offsets: visitor
                .offsets
                .into_iter()
                .filter_map(|(id, o)| Some((id, usize::try_from(o).ok()?)))
                .collect(),
        }),
    }
}

/// An issue at a char offset; cel-go places the offset -1 (a node without
/// a location) at column -1 of the first line.
fn issue_at_offset(source: &Source, offset: i64, message: String) -> Issue {
    match usize::try_from(offset) {
        Ok(o) => source.issue_at(Some(o), message),
        Err(_) => Issue {
            line: 1,
            column: -1,
            message,
            offset: None,
        },
    }
}
