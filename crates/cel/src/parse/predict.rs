//! The choices ANTLR's adaptive prediction makes in cel-go's grammar, by
//! hand: which alternative the next tokens select, looking exactly as far
//! ahead as ANTLR does, and when none fits, the tokens its "no viable
//! alternative" error quotes. Where ANTLR finds two alternatives that both
//! fit (a `-` before a number: a negative literal, or a negation), it takes
//! the first. A loop whose exit could reach the end of its rule never fails
//! here: ANTLR then leaves the loop and reports the error later.

use super::recognizer::{Failure, Recognizer};
use super::token::*;

/// The alternatives of `unary`.
pub enum UnaryAlt {
    Member,
    Not,
    Negate,
}

/// The alternatives of one step of a `member` chain.
pub enum MemberAlt {
    Select,
    Call,
    Index,
}

/// The alternatives of `primary`.
pub enum PrimaryAlt {
    Ident,
    Call,
    Nested,
    List,
    Map,
    Message,
    Literal,
}

/// The alternatives of `literal`.
pub enum LiteralAlt {
    Int,
    Uint,
    Double,
    String,
    Bytes,
    True,
    False,
    Null,
}

/// What may start a list element or a map key.
pub const OPT_EXPR_START: TokenSet = EXPR_START.union(TokenSet::of(&[QUESTIONMARK]));
/// What may start a message field initializer.
pub const FIELD_START: TokenSet = FIELD_NAME.union(TokenSet::of(&[QUESTIONMARK]));

impl Recognizer<'_> {
    /// No alternative fits the tokens up to the `k`-th.
    fn no_viable(&mut self, k: usize) -> Failure {
        Failure::NoViableAlt {
            start: self.lt_index(1),
            offending: self.lt_index(k),
        }
    }

    /// Whether a relation goes on with another relational operator.
    pub fn more_relations(&mut self) -> bool {
        RELATIONS.contains(self.la(1)) && self.precedence() <= 1
    }

    /// Whether a calculation goes on with an operator that binds at least
    /// as tightly as the current precedence allows.
    pub fn more_calc(&mut self) -> bool {
        let la = self.la(1);
        let precedence = self.precedence();
        (PRODUCTS.contains(la) && precedence <= 2) || (SUMS.contains(la) && precedence <= 1)
    }

    /// Whether a member chain goes on with a selection, call or index.
    pub fn more_member(&mut self) -> bool {
        matches!(self.la(1), DOT | LBRACKET)
    }

    /// Whether a list or map goes on with another element after a comma
    /// (rather than ending with a trailing comma).
    pub fn more_after_comma(&mut self, start: TokenSet) -> bool {
        self.la(1) == COMMA && start.contains(self.la(2))
    }

    pub fn unary_alt(&mut self) -> Result<UnaryAlt, Failure> {
        match self.la(1) {
            EXCLAM => Ok(UnaryAlt::Not),
            MINUS => match self.la(2) {
                NUM_INT | NUM_FLOAT => Ok(UnaryAlt::Member),
                k if MEMBER_START.contains(k) => Ok(UnaryAlt::Negate),
                _ => Err(self.no_viable(2)),
            },
            k if MEMBER_START.contains(k) => Ok(UnaryAlt::Member),
            _ => Err(self.no_viable(1)),
        }
    }

    /// After a `-` of a negation: whether another `-` follows (rather than
    /// the member negated).
    pub fn more_negation(&mut self) -> Result<bool, Failure> {
        match self.la(1) {
            MINUS if MEMBER_START.contains(self.la(2)) => Ok(true),
            MINUS => Err(self.no_viable(2)),
            k if MEMBER_START.contains(k) => Ok(false),
            _ => Err(self.no_viable(1)),
        }
    }

    pub fn member_alt(&mut self) -> Result<MemberAlt, Failure> {
        match self.la(1) {
            LBRACKET => Ok(MemberAlt::Index),
            DOT => match self.la(2) {
                QUESTIONMARK | ESC_IDENTIFIER => Ok(MemberAlt::Select),
                IDENTIFIER if self.la(3) == LPAREN => Ok(MemberAlt::Call),
                IDENTIFIER => Ok(MemberAlt::Select),
                _ => Err(self.no_viable(2)),
            },
            _ => Err(self.no_viable(1)),
        }
    }

    pub fn primary_alt(&mut self) -> Result<PrimaryAlt, Failure> {
        let name_at = match self.la(1) {
            LPAREN => return Ok(PrimaryAlt::Nested),
            LBRACKET => return Ok(PrimaryAlt::List),
            LBRACE => return Ok(PrimaryAlt::Map),
            k if LITERAL_START.contains(k) => return Ok(PrimaryAlt::Literal),
            IDENTIFIER => 1,
            DOT if self.la(2) == IDENTIFIER => 2,
            DOT => return Err(self.no_viable(2)),
            _ => return Err(self.no_viable(1)),
        };
        match self.la(name_at + 1) {
            LPAREN => return Ok(PrimaryAlt::Call),
            LBRACE => return Ok(PrimaryAlt::Message),
            _ => {}
        }
        // `a.b.c`: a message name while `{` may follow, else an identifier
        // with selections (or calls).
        let mut k = name_at + 1;
        while self.la(k) == DOT && self.la(k + 1) == IDENTIFIER {
            k += 2;
            if self.la(k) == LBRACE {
                return Ok(PrimaryAlt::Message);
            }
        }
        Ok(PrimaryAlt::Ident)
    }

    pub fn literal_alt(&mut self) -> Result<LiteralAlt, Failure> {
        Ok(match self.la(1) {
            MINUS => match self.la(2) {
                NUM_INT => LiteralAlt::Int,
                NUM_FLOAT => LiteralAlt::Double,
                _ => return Err(self.no_viable(2)),
            },
            NUM_INT => LiteralAlt::Int,
            NUM_UINT => LiteralAlt::Uint,
            NUM_FLOAT => LiteralAlt::Double,
            STRING => LiteralAlt::String,
            BYTES => LiteralAlt::Bytes,
            TRUE => LiteralAlt::True,
            FALSE => LiteralAlt::False,
            NULL => LiteralAlt::Null,
            _ => return Err(self.no_viable(1)),
        })
    }
}
