//! The parse tree of the `cel` crate's parser, which this crate builds on,
//! for tools that look inside an expression by its source offsets (the
//! engine's explanations of a selector that did not match).

pub use cel::common::ast::*;

/// The parse tree of `expression` with its source offsets, as the parser
/// reads selectors (optional syntax on); None when it does not parse.
pub fn parse(expression: &str) -> Option<(IdedExpr, SourceInfo)> {
    cel::parser::Parser::new()
        .enable_optional_syntax(true)
        .parse_with_source_info(expression)
        .ok()
}
