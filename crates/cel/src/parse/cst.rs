//! The parse tree, shaped as the contexts of cel-go's ANTLR grammar that
//! its tree visitor looks at (the contexts with no operator, which the
//! visitor looks through, are left out). After a syntax error a node holds
//! what was parsed before the error (the missing parts are `None`), and the
//! tree builder reports what cel-go's visitor reports on such partial
//! trees. Nodes are boxed, so that the parser's frames stay small.

use super::lexer::Token;
use super::token::Kind;

pub type Tree = Box<Node>;

pub enum Node {
    /// `cond ? a : b`: no `b` when it did not parse.
    Ternary(Tree, Token, Tree, Option<Tree>),
    /// `a || b || …` or `a && b && …`: the operator, the first term, and
    /// the others with the operator before each.
    Logic(Kind, Tree, Vec<(Token, Tree)>),
    /// A relation or a calculation: `a op b`.
    Binary(Tree, Token, Tree),
    /// `'!'+ member`
    Not(Vec<Token>, Tree),
    /// `'-'+ member`: no member when what followed the signs was no member.
    Negate(Vec<Token>, Option<Tree>),
    /// `member '.' '?'? escapeIdent`
    Select {
        operand: Tree,
        op: Token,
        optional: bool,
        field: Option<EscapeIdent>,
    },
    /// `member '.' IDENTIFIER '(' exprList? ')'`
    MemberCall {
        operand: Tree,
        name: Token,
        open: Token,
        args: Vec<Tree>,
    },
    /// `member '[' '?'? expr ']'`
    Index {
        operand: Tree,
        op: Token,
        optional: bool,
        index: Option<Tree>,
    },
    /// `'.'? IDENTIFIER`, whose first token is `start`.
    Ident {
        start: Token,
        leading_dot: bool,
        name: Token,
    },
    /// `'.'? IDENTIFIER '(' exprList? ')'`, whose first token is `start`.
    Call {
        start: Token,
        leading_dot: bool,
        name: Token,
        open: Token,
        args: Vec<Tree>,
    },
    /// `'[' listInit? ','? ']'`
    List(Token, Vec<Opt<Tree>>),
    /// `'{' mapInitializerList? ','? '}'`
    Map(Token, Entries<Opt<Tree>>),
    /// `'.'? IDENTIFIER ('.' IDENTIFIER)* '{' fieldInitializerList? ','? '}'`
    Message {
        leading_dot: bool,
        names: Vec<Token>,
        open: Token,
        fields: Option<Fields>,
    },
    Literal(Literal),
    /// No alternative of `unary` matched.
    UnaryError,
    /// No alternative of `primary` matched.
    PrimaryError,
}

/// `'?'? expr` (optExpr) or `'?'? escapeIdent` (optField): no value when
/// none started there.
pub struct Opt<T> {
    pub optional: bool,
    pub value: Option<T>,
}

/// `key ':' expr (',' key ':' expr)*`: the keys, and the `:` and value of
/// each key that got as far (none when there are no entries).
pub struct Entries<K> {
    pub keys: Vec<K>,
    pub values: Vec<(Token, Tree)>,
}

impl<K> Default for Entries<K> {
    fn default() -> Self {
        Entries {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

/// A message's field initializers, with their first token.
pub struct Fields {
    pub start: Token,
    pub entries: Entries<Opt<EscapeIdent>>,
}

/// The alternatives of `escapeIdent`.
pub enum EscapeIdent {
    Simple(Token),
    Escaped(Token),
    /// No alternative matched (its first token).
    Error(Token),
}

/// The alternatives of `literal`, each with its first token (the sign of a
/// negative number) and its number or text token.
pub enum Literal {
    Int(Token, Token),
    Uint(Token, Token),
    Double(Token, Token),
    String(Token, Token),
    Bytes(Token, Token),
    True(Token),
    False(Token),
    Null(Token),
    /// No alternative matched.
    Error,
}
