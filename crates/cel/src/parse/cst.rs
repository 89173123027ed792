//! The parse tree, shaped as the contexts of cel-go's ANTLR grammar: after
//! a syntax error a context holds what was parsed before the error (the
//! missing parts are `None`), and the tree builder reports what cel-go's
//! tree visitor reports on such partial trees.

use super::lexer::Token;

/// `conditionalOr ('?' conditionalOr ':' expr)?`
pub struct Expr {
    pub e: Or,
    /// The `?` with its first branch, and the second branch if it parsed.
    pub ternary: Option<(Token, Box<Or>, Option<Box<Expr>>)>,
}

/// `conditionalAnd ('||' conditionalAnd)*`
pub struct Or {
    pub e: And,
    pub rest: Vec<(Token, And)>,
}

/// `relation ('&&' relation)*`
pub struct And {
    pub e: Relation,
    pub rest: Vec<(Token, Relation)>,
}

/// `calc | relation op relation`
pub enum Relation {
    Calc(Calc),
    Binary(Box<Relation>, Token, Box<Relation>),
}

/// `unary | calc op calc`
pub enum Calc {
    Unary(Unary),
    Binary(Box<Calc>, Token, Box<Calc>),
}

/// The alternatives of `unary`.
pub enum Unary {
    Member(Member),
    /// `'!'+ member`
    Not(Vec<Token>, Box<Member>),
    /// `'-'+ member`: no member when what followed the signs was no member.
    Negate(Vec<Token>, Option<Box<Member>>),
    /// No alternative matched.
    Error,
}

/// The alternatives of `member`.
pub enum Member {
    Primary(Primary),
    /// `member '.' '?'? escapeIdent`
    Select {
        operand: Box<Member>,
        op: Token,
        optional: bool,
        field: Option<EscapeIdent>,
    },
    /// `member '.' IDENTIFIER '(' exprList? ')'`
    Call {
        operand: Box<Member>,
        name: Token,
        open: Token,
        args: Vec<Expr>,
    },
    /// `member '[' '?'? expr ']'`
    Index {
        operand: Box<Member>,
        op: Token,
        optional: bool,
        index: Option<Box<Expr>>,
    },
}

/// The alternatives of `primary`. `start` is the first token.
pub enum Primary {
    /// `'.'? IDENTIFIER`
    Ident {
        start: Token,
        leading_dot: bool,
        name: Token,
    },
    /// `'.'? IDENTIFIER '(' exprList? ')'`
    Call {
        start: Token,
        leading_dot: bool,
        name: Token,
        open: Token,
        args: Vec<Expr>,
    },
    /// `'(' expr ')'`
    Nested(Box<Expr>),
    /// `'[' listInit? ','? ']'`
    List(Token, Vec<OptExpr>),
    /// `'{' mapInitializerList? ','? '}'`
    Map(Token, MapEntries),
    /// `'.'? IDENTIFIER ('.' IDENTIFIER)* '{' fieldInitializerList? ','? '}'`
    Message {
        leading_dot: bool,
        names: Vec<Token>,
        open: Token,
        fields: Option<Fields>,
    },
    Literal(Literal),
    /// No alternative matched.
    Error,
}

/// `'?'? expr` (optExpr) or `'?'? escapeIdent` (optField): no value when
/// none started there.
pub struct Opt<T> {
    pub optional: bool,
    pub value: Option<T>,
}

pub type OptExpr = Opt<Expr>;
pub type OptField = Opt<EscapeIdent>;

/// `optExpr ':' expr (',' optExpr ':' expr)*`: keys, and the `:` and
/// value of each key that got as far (none when the map is empty).
#[derive(Default)]
pub struct MapEntries {
    pub keys: Vec<OptExpr>,
    pub values: Vec<(Token, Expr)>,
}

/// `optField ':' expr (',' optField ':' expr)*`, with its first token.
pub struct Fields {
    pub start: Token,
    pub names: Vec<OptField>,
    pub values: Vec<(Token, Expr)>,
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
