//! The lexer of cel-go's grammar: the longest token at each position (the
//! earlier rule on a tie: keywords before identifiers), and ANTLR's
//! behaviour on text no rule matches: `token recognition error at: '…'`
//! with the text from the token's start to the character that could not be
//! matched, which is skipped.

use super::report::Reporter;
use super::token::*;

/// A token: its type, its place in the text (in characters) and its line
/// and column. Whitespace and comments are hidden tokens. (Expressions are
/// far shorter than 2^32 characters: the guards limit their size.)
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Kind,
    pub hidden: bool,
    /// Char offset of the first character.
    pub start: u32,
    /// Char offset after the last character.
    pub stop: u32,
    /// 1-based.
    pub line: u32,
    /// 0-based, in characters.
    pub column: u32,
}

/// Produces the tokens of a text one at a time.
pub struct Lexer<'a> {
    chars: &'a [char],
    pos: usize,
    line: u32,
    column: u32,
}

/// How the rules fared from one position.
enum Scan {
    /// The longest token: its type and its end.
    Token(Kind, usize),
    /// No rule matched: the index of the character that could not be
    /// matched (the text's length at its end).
    Fail(usize),
}

impl<'a> Lexer<'a> {
    pub fn new(chars: &'a [char]) -> Lexer<'a> {
        Lexer {
            chars,
            pos: 0,
            line: 1,
            column: 0,
        }
    }

    /// The next token (the end of the input once there are no more),
    /// reporting the text no rule matches on the way.
    pub fn next_token(&mut self, reporter: &mut Reporter) -> Token {
        loop {
            let start = self.pos;
            let (line, column) = (self.line, self.column);
            if start >= self.chars.len() {
                return Token {
                    kind: EOF,
                    hidden: false,
                    start: start as u32,
                    stop: start as u32,
                    line,
                    column,
                };
            }
            match self.scan(start) {
                Scan::Token(kind, end) => {
                    self.advance(end);
                    return Token {
                        kind,
                        hidden: kind == WHITESPACE || kind == COMMENT,
                        start: start as u32,
                        stop: end as u32,
                        line,
                        column,
                    };
                }
                Scan::Fail(at) => {
                    let end = (at + 1).min(self.chars.len());
                    let text: String = self.chars[start..end].iter().collect();
                    reporter.syntax_error(
                        line,
                        column,
                        &format!("token recognition error at: '{text}'"),
                    );
                    self.advance(end);
                }
            }
        }
    }

    /// Moves to `end`, counting lines and columns.
    fn advance(&mut self, end: usize) {
        for &c in &self.chars[self.pos..end] {
            if c == '\n' {
                self.line += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.pos = end;
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.at(i) == Some(c)
    }

    fn scan(&self, i: usize) -> Scan {
        let Some(c) = self.at(i) else {
            return Scan::Fail(i);
        };
        let one = |kind| Scan::Token(kind, i + 1);
        let one_or_two = |second: char, two: Kind, one: Kind| {
            if self.is(i + 1, second) {
                Scan::Token(two, i + 2)
            } else {
                Scan::Token(one, i + 1)
            }
        };
        let pair = |kind| {
            if self.is(i + 1, c) {
                Scan::Token(kind, i + 2)
            } else {
                Scan::Fail(i + 1)
            }
        };
        match c {
            '\t' | ' ' | '\r' | '\n' | '\u{c}' => {
                let mut j = i;
                while matches!(self.at(j), Some('\t' | ' ' | '\r' | '\n' | '\u{c}')) {
                    j += 1;
                }
                Scan::Token(WHITESPACE, j)
            }
            '/' if self.is(i + 1, '/') => {
                let mut j = i + 2;
                while matches!(self.at(j), Some(c) if c != '\n') {
                    j += 1;
                }
                Scan::Token(COMMENT, j)
            }
            '=' => pair(EQUALS),
            '&' => pair(LOGICAL_AND),
            '|' => pair(LOGICAL_OR),
            '!' => one_or_two('=', NOT_EQUALS, EXCLAM),
            '<' => one_or_two('=', LESS_EQUALS, LESS),
            '>' => one_or_two('=', GREATER_EQUALS, GREATER),
            '[' => one(LBRACKET),
            ']' => one(RBRACKET),
            '{' => one(LBRACE),
            '}' => one(RBRACE),
            '(' => one(LPAREN),
            ')' => one(RPAREN),
            ',' => one(COMMA),
            '-' => one(MINUS),
            '?' => one(QUESTIONMARK),
            ':' => one(COLON),
            '+' => one(PLUS),
            '*' => one(STAR),
            '/' => one(SLASH),
            '%' => one(PERCENT),
            '.' => match self.fraction(i) {
                Some(end) => Scan::Token(NUM_FLOAT, end),
                None => one(DOT),
            },
            '0'..='9' => self.number(i),
            '"' | '\'' => match self.string(i, false) {
                Ok(end) => Scan::Token(STRING, end),
                Err(at) => Scan::Fail(at),
            },
            '`' => self.escaped_identifier(i),
            c if c.is_ascii_alphabetic() || c == '_' => self.word(i),
            _ => Scan::Fail(i),
        }
    }

    fn digits(&self, mut j: usize) -> usize {
        while matches!(self.at(j), Some('0'..='9')) {
            j += 1;
        }
        j
    }

    /// `'.' DIGIT+ EXPONENT?` at `i`: its end.
    fn fraction(&self, i: usize) -> Option<usize> {
        let end = self.digits(i + 1);
        (end > i + 1).then(|| self.exponent(end).unwrap_or(end))
    }

    /// `('e'|'E') ('+'|'-')? DIGIT+` at `i`: its end.
    fn exponent(&self, i: usize) -> Option<usize> {
        if !matches!(self.at(i), Some('e' | 'E')) {
            return None;
        }
        let mut j = i + 1;
        if matches!(self.at(j), Some('+' | '-')) {
            j += 1;
        }
        let end = self.digits(j);
        (end > j).then_some(end)
    }

    /// NUM_INT, NUM_UINT or NUM_FLOAT at a digit.
    fn number(&self, i: usize) -> Scan {
        if self.is(i, '0') && self.is(i + 1, 'x') {
            let mut j = i + 2;
            while matches!(self.at(j), Some(c) if c.is_ascii_hexdigit()) {
                j += 1;
            }
            if j > i + 2 {
                return if matches!(self.at(j), Some('u' | 'U')) {
                    Scan::Token(NUM_UINT, j + 1)
                } else {
                    Scan::Token(NUM_INT, j)
                };
            }
        }
        let end = self.digits(i);
        if matches!(self.at(end), Some('u' | 'U')) {
            return Scan::Token(NUM_UINT, end + 1);
        }
        if self.is(end, '.') {
            if let Some(float_end) = self.fraction(end) {
                return Scan::Token(NUM_FLOAT, float_end);
            }
        }
        match self.exponent(end) {
            Some(float_end) => Scan::Token(NUM_FLOAT, float_end),
            None => Scan::Token(NUM_INT, end),
        }
    }

    /// An identifier or keyword at a letter or `_`, or a string or bytes
    /// literal its prefix starts.
    fn word(&self, i: usize) -> Scan {
        let mut end = i;
        while matches!(self.at(end), Some(c) if c.is_ascii_alphanumeric() || c == '_') {
            end += 1;
        }
        let word: String = self.chars[i..end].iter().collect();
        let kind = match word.as_str() {
            "in" => IN,
            "true" => TRUE,
            "false" => FALSE,
            "null" => NULL,
            _ => IDENTIFIER,
        };
        // A string prefix: r, b, or b followed by r (any case). When the
        // literal is malformed, the prefix is an identifier.
        let prefix = &self.chars[i..end.min(i + 2)];
        let literal = match prefix {
            ['r' | 'R', ..] => self.string(i + 1, true).ok().map(|e| (STRING, e)),
            ['b' | 'B', 'r' | 'R'] if end == i + 2 => {
                self.string(i + 2, true).ok().map(|e| (BYTES, e))
            }
            ['b' | 'B', ..] => self.string(i + 1, false).ok().map(|e| (BYTES, e)),
            _ => None,
        };
        match literal {
            Some((kind, e)) if e > end => Scan::Token(kind, e),
            _ => Scan::Token(kind, end),
        }
    }

    /// A quoted literal whose quote is at `q` (raw: without escapes): its
    /// end, or where no rule could go on. A triple quote is an empty literal
    /// unless a triple-quoted one follows.
    fn string(&self, q: usize, raw: bool) -> Result<usize, usize> {
        let Some(quote) = self.at(q).filter(|c| matches!(c, '"' | '\'')) else {
            return Err(q);
        };
        if self.is(q + 1, quote) {
            if self.is(q + 2, quote) {
                if let Some(end) = self.triple_quoted(q + 3, quote, raw) {
                    return Ok(end);
                }
            }
            return Ok(q + 2);
        }
        let mut j = q + 1;
        loop {
            match self.at(j) {
                None | Some('\n' | '\r') => return Err(j),
                Some(c) if c == quote => return Ok(j + 1),
                Some('\\') if !raw => j = self.escape(j)?,
                Some(_) => j += 1,
            }
        }
    }

    /// The rest of a triple-quoted literal from its content at `j`: its end
    /// after the first closing triple quote, if any.
    fn triple_quoted(&self, mut j: usize, quote: char, raw: bool) -> Option<usize> {
        loop {
            match self.at(j)? {
                c if c == quote && self.is(j + 1, quote) && self.is(j + 2, quote) => {
                    return Some(j + 3)
                }
                '\\' if !raw => j = self.escape(j).ok()?,
                _ => j += 1,
            }
        }
    }

    /// An escape sequence at the backslash at `j`: its end, or the index of
    /// the character that does not fit.
    fn escape(&self, j: usize) -> Result<usize, usize> {
        let hex = |from: usize, count: usize| {
            for k in from..from + count {
                if !matches!(self.at(k), Some(c) if c.is_ascii_hexdigit()) {
                    return Err(k);
                }
            }
            Ok(from + count)
        };
        match self.at(j + 1) {
            Some('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '"' | '\'' | '\\' | '?' | '`') => {
                Ok(j + 2)
            }
            Some('0'..='3') => {
                for k in j + 2..j + 4 {
                    if !matches!(self.at(k), Some('0'..='7')) {
                        return Err(k);
                    }
                }
                Ok(j + 4)
            }
            Some('x' | 'X') => hex(j + 2, 2),
            Some('u') => hex(j + 2, 4),
            Some('U') => hex(j + 2, 8),
            _ => Err(j + 1),
        }
    }

    /// '`' (LETTER | DIGIT | '_' | '.' | '-' | '/' | ' ')+ '`'.
    fn escaped_identifier(&self, i: usize) -> Scan {
        let mut j = i + 1;
        while matches!(self.at(j), Some(c) if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | ' '))
        {
            j += 1;
        }
        if j > i + 1 && self.is(j, '`') {
            Scan::Token(ESC_IDENTIFIER, j + 1)
        } else {
            Scan::Fail(j)
        }
    }
}
