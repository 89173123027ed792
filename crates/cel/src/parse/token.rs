//! The tokens of CEL's grammar, numbered as cel-go's ANTLR grammar numbers
//! them (the number orders them in messages), with the names syntax errors
//! print, and sets of them.

use std::fmt;

/// A token type: ANTLR's number, or [`EOF`].
pub type Kind = u8;

/// The end of the input (ANTLR's -1; bit 0 of a [`TokenSet`]).
pub const EOF: Kind = 0;
pub const EQUALS: Kind = 1;
pub const NOT_EQUALS: Kind = 2;
pub const IN: Kind = 3;
pub const LESS: Kind = 4;
pub const LESS_EQUALS: Kind = 5;
pub const GREATER_EQUALS: Kind = 6;
pub const GREATER: Kind = 7;
pub const LOGICAL_AND: Kind = 8;
pub const LOGICAL_OR: Kind = 9;
pub const LBRACKET: Kind = 10;
pub const RBRACKET: Kind = 11;
pub const LBRACE: Kind = 12;
pub const RBRACE: Kind = 13;
pub const LPAREN: Kind = 14;
pub const RPAREN: Kind = 15;
pub const DOT: Kind = 16;
pub const COMMA: Kind = 17;
pub const MINUS: Kind = 18;
pub const EXCLAM: Kind = 19;
pub const QUESTIONMARK: Kind = 20;
pub const COLON: Kind = 21;
pub const PLUS: Kind = 22;
pub const STAR: Kind = 23;
pub const SLASH: Kind = 24;
pub const PERCENT: Kind = 25;
pub const TRUE: Kind = 26;
pub const FALSE: Kind = 27;
pub const NULL: Kind = 28;
pub const WHITESPACE: Kind = 29;
pub const COMMENT: Kind = 30;
pub const NUM_FLOAT: Kind = 31;
pub const NUM_INT: Kind = 32;
pub const NUM_UINT: Kind = 33;
pub const STRING: Kind = 34;
pub const BYTES: Kind = 35;
pub const IDENTIFIER: Kind = 36;
pub const ESC_IDENTIFIER: Kind = 37;

/// How a token type is named in a syntax error: its literal text quoted,
/// or its symbolic name.
pub fn name(kind: Kind) -> &'static str {
    const NAMES: [&str; 38] = [
        "<EOF>",
        "'=='",
        "'!='",
        "'in'",
        "'<'",
        "'<='",
        "'>='",
        "'>'",
        "'&&'",
        "'||'",
        "'['",
        "']'",
        "'{'",
        "'}'",
        "'('",
        "')'",
        "'.'",
        "','",
        "'-'",
        "'!'",
        "'?'",
        "':'",
        "'+'",
        "'*'",
        "'/'",
        "'%'",
        "'true'",
        "'false'",
        "'null'",
        "WHITESPACE",
        "COMMENT",
        "NUM_FLOAT",
        "NUM_INT",
        "NUM_UINT",
        "STRING",
        "BYTES",
        "IDENTIFIER",
        "ESC_IDENTIFIER",
    ];
    NAMES[kind as usize]
}

/// A set of token types.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenSet(pub u64);

impl TokenSet {
    pub const EMPTY: TokenSet = TokenSet(0);

    /// The set of the given kinds.
    pub const fn of(kinds: &[Kind]) -> TokenSet {
        let mut bits = 0u64;
        let mut i = 0;
        while i < kinds.len() {
            bits |= 1 << kinds[i];
            i += 1;
        }
        TokenSet(bits)
    }

    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind) != 0
    }

    /// The lowest token type of the set.
    pub fn first(self) -> Kind {
        self.0.trailing_zeros() as Kind
    }

    pub const fn union(self, other: TokenSet) -> TokenSet {
        TokenSet(self.0 | other.0)
    }

    fn kinds(self) -> impl Iterator<Item = Kind> {
        (0..64u8).filter(move |k| self.0 & (1 << k) != 0)
    }
}

/// ANTLR's way of printing an expected set: one name, or `{a, b}` in
/// token-number order.
impl fmt::Display for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.kinds().map(name).collect();
        match names.as_slice() {
            [one] => f.write_str(one),
            _ => write!(f, "{{{}}}", names.join(", ")),
        }
    }
}

/// The tokens an expression can start with.
pub const EXPR_START: TokenSet = TokenSet::of(&[
    LBRACKET, LBRACE, LPAREN, DOT, MINUS, EXCLAM, TRUE, FALSE, NULL, NUM_FLOAT, NUM_INT, NUM_UINT,
    STRING, BYTES, IDENTIFIER,
]);
/// The tokens a member (a primary) can start with: an expression's, but `!`.
pub const MEMBER_START: TokenSet = TokenSet(EXPR_START.0 & !(1 << EXCLAM));
/// The tokens a literal can start with.
pub const LITERAL_START: TokenSet = TokenSet::of(&[
    MINUS, TRUE, FALSE, NULL, NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES,
]);
/// The relational operators.
pub const RELATIONS: TokenSet = TokenSet::of(&[
    EQUALS,
    NOT_EQUALS,
    IN,
    LESS,
    LESS_EQUALS,
    GREATER_EQUALS,
    GREATER,
]);
/// `*`, `/` and `%`.
pub const PRODUCTS: TokenSet = TokenSet::of(&[STAR, SLASH, PERCENT]);
/// `+` and `-`.
pub const SUMS: TokenSet = TokenSet::of(&[MINUS, PLUS]);
/// A field name: plain or escaped.
pub const FIELD_NAME: TokenSet = TokenSet::of(&[IDENTIFIER, ESC_IDENTIFIER]);
