//! What plain scalars mean (YAML 1.1, as Kubernetes' YAML reader resolves
//! them), and where a character of a scalar's value is written in the text.

use super::{Node, ScalarStyle};
use crate::diagnostic::Pos;

/// The natural type of a plain scalar.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// Empty, `~`, `null`, `Null`, `NULL`.
    Null,
    /// A YAML 1.1 boolean.
    Bool(bool),
    /// An integer that fits in i64.
    Int(i64),
    /// A positive integer beyond i64.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// Anything else: a string.
    Str,
}

/// YAML 1.1 booleans, as go-yaml (and so Kubernetes) reads them.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

/// YAML 1.1 integers: decimal, `0x` hex, `0o` or leading-zero octal, `0b`
/// binary, with an optional sign and `_` separators. Err(true) when it is an
/// integer that does not fit; Err(false) when it is not an integer.
pub fn parse_int(text: &str) -> Result<i128, bool> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let (negative, digits) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, cleaned.as_str()),
    };
    if digits.is_empty() || text.starts_with('_') {
        return Err(false);
    }
    let (radix, body) = if let Some(h) = digits.strip_prefix("0x") {
        (16, h)
    } else if let Some(o) = digits.strip_prefix("0o") {
        (8, o)
    } else if let Some(b) = digits.strip_prefix("0b") {
        (2, b)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(false);
    }
    match i128::from_str_radix(body, radix) {
        Ok(v) => Ok(if negative { -v } else { v }),
        Err(_) => Err(true),
    }
}

/// YAML floats: `1.5`, `-2e3`, `.5`, `.inf`, `-.Inf`, `.nan`.
pub fn parse_float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let body = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mut dots = 0;
    let mut digits = 0;
    for c in mantissa.chars() {
        match c {
            '.' => dots += 1,
            '0'..='9' => digits += 1,
            _ => return None,
        }
    }
    if dots > 1 || digits == 0 {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        if e.is_empty() || !e.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    cleaned.parse().ok()
}

/// The natural type of a plain scalar's text.
pub fn resolve_plain(text: &str) -> Resolved {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Resolved::Null;
    }
    if let Some(b) = parse_bool(text) {
        return Resolved::Bool(b);
    }
    match parse_int(text) {
        Ok(v) => {
            if let Ok(i) = i64::try_from(v) {
                return Resolved::Int(i);
            }
            if let Ok(u) = u64::try_from(v) {
                return Resolved::UInt(u);
            }
            return Resolved::Str;
        }
        Err(true) => return Resolved::Str,
        Err(false) => {}
    }
    match parse_float(text) {
        Some(f) => Resolved::Float(f),
        None => Resolved::Str,
    }
}

/// A cursor over the source text that knows its line and column.
struct Cursor<'t> {
    text: &'t str,
    pos: Pos,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos.offset..)?.chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.text.get(self.pos.offset..)?.chars();
        it.next();
        it.next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos.offset += c.len_utf8();
            if c == '\n' {
                self.pos.line += 1;
                self.pos.column = 1;
            } else {
                self.pos.column += 1;
            }
        }
    }
}

/// Where the character at `char_offset` of a scalar's value is written in
/// `text` (the whole scenario): undoes quoting, escapes, line folding and
/// block indentation. An offset at or past the end gives the position after
/// the last character. For non-scalars, the node's start.
pub fn source_position(text: &str, node: &Node, char_offset: usize) -> Pos {
    let Some(scalar) = node.as_scalar() else {
        return node.span.start;
    };
    let mut cur = Cursor {
        text,
        pos: node.span.start,
    };
    if text.get(cur.pos.offset..).is_none() {
        return node.span.start;
    }
    let limit = node.span.end.offset.max(cur.pos.offset);
    let quoted = matches!(
        scalar.style,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
    );
    // Skip node properties (`&anchor`, `!tag`) and, for quoted scalars, the opening quote.
    if quoted {
        let quote = if scalar.style == ScalarStyle::SingleQuoted {
            '\''
        } else {
            '"'
        };
        while let Some(c) = cur.peek() {
            cur.bump();
            if c == quote || cur.pos.offset >= limit {
                break;
            }
        }
    } else if scalar.style == ScalarStyle::Plain {
        while matches!(cur.peek(), Some('!' | '&')) && cur.pos.offset < limit {
            while let Some(c) = cur.peek() {
                if c == ' ' || c == '\n' || cur.pos.offset >= limit {
                    break;
                }
                cur.bump();
            }
            while matches!(cur.peek(), Some(' ' | '\t' | '\n' | '\r')) && cur.pos.offset < limit {
                cur.bump();
            }
        }
    }
    let value: Vec<char> = scalar.text.chars().collect();
    let target = char_offset.min(value.len());
    let dq = scalar.style == ScalarStyle::DoubleQuoted;
    let sq = scalar.style == ScalarStyle::SingleQuoted;
    let mut i = 0;
    while i < target && cur.pos.offset < limit {
        let Some(c) = cur.peek() else { break };
        let v = value[i];
        if dq && c == '\\' {
            cur.bump();
            match cur.peek() {
                Some('\n' | '\r') => {
                    cur.bump();
                    continue;
                }
                Some(e) => {
                    let extra = match e {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    cur.bump();
                    for _ in 0..extra {
                        cur.bump();
                    }
                    i += 1;
                    continue;
                }
                None => break,
            }
        }
        if sq && c == '\'' {
            if cur.peek2() == Some('\'') {
                cur.bump();
                cur.bump();
                i += 1;
                continue;
            }
            break; // the closing quote
        }
        if v == c {
            cur.bump();
            i += 1;
            continue;
        }
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            cur.bump();
            continue;
        }
        if matches!(v, ' ' | '\n') {
            i += 1;
            continue;
        }
        break;
    }
    // Skip indentation and folding in front of the target character.
    if let Some(&v) = value.get(target) {
        if !matches!(v, ' ' | '\t' | '\n') {
            while matches!(cur.peek(), Some(' ' | '\t' | '\n' | '\r')) && cur.pos.offset < limit {
                cur.bump();
            }
        }
    }
    cur.pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn plain_resolution() {
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("Yes"), Resolved::Bool(true));
        assert_eq!(resolve_plain("off"), Resolved::Bool(false));
        assert_eq!(resolve_plain("0x1f"), Resolved::Int(31));
        assert_eq!(resolve_plain("010"), Resolved::Int(8));
        assert_eq!(resolve_plain("-1_000"), Resolved::Int(-1000));
        assert_eq!(resolve_plain("1.0"), Resolved::Float(1.0));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(
            resolve_plain("18446744073709551615"),
            Resolved::UInt(u64::MAX)
        );
        assert_eq!(resolve_plain("99999999999999999999999"), Resolved::Str);
        assert_eq!(resolve_plain("1.2.3"), Resolved::Str);
        assert_eq!(resolve_plain("inf"), Resolved::Str);
        assert_eq!(resolve_plain("10Gi"), Resolved::Str);
        assert_eq!(resolve_plain("yesno"), Resolved::Str);
    }

    /// Finds the position of `needle`'s first character inside the value of `key`.
    fn locate(text: &str, key: &str, needle: &str) -> (usize, usize) {
        let parsed = parse(text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let node = parsed.documents[0].root.get(key).unwrap();
        let value = node.as_str().unwrap();
        let offset = value.chars().count() - value[value.find(needle).unwrap()..].chars().count();
        let pos = source_position(text, node, offset);
        assert!(text[pos.offset..].starts_with(needle.chars().next().unwrap()));
        (pos.line, pos.column)
    }

    #[test]
    fn positions_inside_scalars() {
        assert_eq!(locate("e: device.driver == 'x'\n", "e", "driver"), (1, 11));
        assert_eq!(
            locate("e: \"a \\\"q\\\" \\u00e9 zz\"\n", "e", "zz"),
            (1, 20)
        );
        assert_eq!(locate("e: 'it''s zz'\n", "e", "zz"), (1, 11));
        assert_eq!(locate("e: |\n  line one\n  line zz\n", "e", "zz"), (3, 8));
        assert_eq!(locate("e: >\n  line one\n  line zz\n", "e", "zz"), (3, 8));
        assert_eq!(locate("e: plain\n   continued zz\n", "e", "zz"), (2, 14));
        assert_eq!(locate("e: \"folded\n   quoted zz\"\n", "e", "zz"), (2, 11));
        assert_eq!(locate("e: &a !!str tagged zz\n", "e", "zz"), (1, 20));
    }
}
