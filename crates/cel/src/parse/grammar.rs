//! Facts about cel-go's generated ANTLR parser that its error messages and
//! its error recovery depend on, by the number ANTLR gives each state of the
//! grammar's network (ATN): what can follow a state (the expected tokens of
//! a syntax error, the tokens a recovery stops at), and which states resync
//! by skipping tokens. Only the states where the parser can report an error
//! or recover are listed.

use super::token::*;

/// An ATN state of cel-go's parser.
pub type State = u16;

/// What can follow a state within its rule: tokens, and whether the rule
/// can end there (then what follows the rule's invocation counts too).
#[derive(Clone, Copy)]
pub struct Next {
    pub tokens: TokenSet,
    pub can_end: bool,
}

const fn only(tokens: TokenSet) -> Next {
    Next {
        tokens,
        can_end: false,
    }
}

const fn or_end(tokens: TokenSet) -> Next {
    Next {
        tokens,
        can_end: true,
    }
}

const END: Next = or_end(TokenSet::EMPTY);

/// What may follow the `(` of a call: an argument, or the `)`.
const ARGS: TokenSet = EXPR_START.union(TokenSet::of(&[RPAREN]));
/// What may start a list element or a map key.
const OPT_EXPR: TokenSet = EXPR_START.union(TokenSet::of(&[QUESTIONMARK]));
const SELECT: TokenSet = TokenSet::of(&[LBRACKET, DOT]);

/// What can follow `state` (the states where the parser synchronizes or
/// matches a token that may be missing, and the states after such tokens).
pub fn next(state: State) -> Next {
    match state {
        36 | 147 | 185 => END,
        41 | 99 | 204 | 208 | 222 | 226 | 90 => only(EXPR_START),
        81 => only(PRODUCTS.union(SUMS)),
        88 => only(TokenSet::of(&[EXCLAM])),
        94 => only(TokenSet::of(&[MINUS])),
        96 | 184 => only(MEMBER_START),
        107 | 216 => only(FIELD_NAME.union(TokenSet::of(&[QUESTIONMARK]))),
        115 | 141 => only(ARGS),
        121 | 238 => only(OPT_EXPR),
        125 | 127 => or_end(SELECT),
        126 => only(SELECT),
        132 | 136 | 165 => only(TokenSet::of(&[DOT, IDENTIFIER])),
        150 => only(OPT_EXPR.union(TokenSet::of(&[RBRACKET, COMMA]))),
        153 => only(TokenSet::of(&[RBRACKET, COMMA])),
        158 => only(OPT_EXPR.union(TokenSet::of(&[RBRACE, COMMA]))),
        161 | 180 => only(TokenSet::of(&[RBRACE, COMMA])),
        172 | 174 => only(TokenSet::of(&[LBRACE, DOT])),
        177 => only(FIELD_NAME.union(TokenSet::of(&[RBRACE, COMMA, QUESTIONMARK]))),
        235 => only(FIELD_NAME),
        243 => only(TokenSet::of(&[MINUS, NUM_INT])),
        248 => only(TokenSet::of(&[MINUS, NUM_FLOAT])),
        256 => only(LITERAL_START),
        _ => unreachable!("no syntax error is reported at state {state}"),
    }
}

/// What can follow a rule invoked at `state`, within the invoking rule.
pub fn follow(state: State) -> Next {
    match state {
        34 => only(TokenSet::of(&[EOF])),
        37 => or_end(TokenSet::of(&[QUESTIONMARK])),
        39 | 202 | 206 | 220 | 224 => only(TokenSet::of(&[COLON])),
        41 | 86 | 92 | 98 | 183 | 218 | 240 => END,
        45 | 47 => or_end(TokenSet::of(&[LOGICAL_OR])),
        53 | 55 => or_end(TokenSet::of(&[LOGICAL_AND])),
        62 | 66 => or_end(RELATIONS),
        73 | 77 | 80 => or_end(PRODUCTS.union(SUMS)),
        102 | 109 => or_end(SELECT),
        114 | 140 | 145 => only(TokenSet::of(&[RPAREN])),
        123 => only(TokenSet::of(&[RBRACKET])),
        149 => only(TokenSet::of(&[RBRACKET, COMMA])),
        157 | 176 => only(TokenSet::of(&[RBRACE, COMMA])),
        186 | 188 | 194 | 196 | 204 | 208 | 222 | 226 => or_end(TokenSet::of(&[COMMA])),
        _ => unreachable!("no rule is invoked at state {state}"),
    }
}

/// Whether a state is the loop-back of a `(…)+` or `(…)*` loop: there, an
/// unexpected token is reported as extraneous and skipped (elsewhere the
/// parser tries to delete one token, or fails).
pub fn is_loop_back(state: State) -> bool {
    matches!(state, 90 | 96 | 174)
}
