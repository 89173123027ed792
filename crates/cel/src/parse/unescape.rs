//! The value of a string or bytes literal from its text, as cel-go decodes
//! it (the lexer has already checked the escape sequences' shape): quotes
//! removed, line breaks normalized to `\n`, escapes decoded unless the
//! literal is raw.

/// The bytes a literal denotes (valid UTF-8 for a string), or cel-go's
/// message for a literal it cannot decode. `text` starts at the quote or
/// the raw prefix (a bytes literal's `b` removed).
pub fn unescape(text: &str, bytes: bool) -> Result<Vec<u8>, &'static str> {
    const MALFORMED: &str = "unable to unescape string";
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let (raw, quoted) = match normalized.strip_prefix(['r', 'R']) {
        Some(rest) => (true, rest),
        None => (false, normalized.as_str()),
    };
    let body = ["'''", "\"\"\"", "'", "\""]
        .iter()
        .find_map(|q| {
            quoted
                .strip_prefix(q)?
                .strip_suffix(q)
                .filter(|_| quoted.len() >= 2 * q.len())
        })
        .ok_or(MALFORMED)?;
    if raw || !body.contains('\\') {
        return Ok(body.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            push_char(&mut out, c);
            continue;
        }
        let Some(e) = chars.next() else {
            return Err("unable to unescape string, found '\\' as last character");
        };
        let simple = match e {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' | '\'' | '"' | '`' | '?' => Some(e),
            _ => None,
        };
        if let Some(s) = simple {
            push_char(&mut out, s);
            continue;
        }
        let (digits, radix) = match e {
            'x' | 'X' => (2, 16),
            'u' | 'U' if bytes => return Err(MALFORMED),
            'u' => (4, 16),
            'U' => (8, 16),
            '0'..='3' => (2, 8),
            _ => return Err(MALFORMED),
        };
        let mut value = if radix == 8 { e as u32 - '0' as u32 } else { 0 };
        for _ in 0..digits {
            let d = chars
                .next()
                .and_then(|d| d.to_digit(radix))
                .ok_or(if radix == 8 {
                    "unable to unescape octal sequence in string"
                } else {
                    MALFORMED
                })?;
            value = value * radix + d;
        }
        if bytes && matches!(e, 'x' | 'X' | '0'..='3') {
            out.push(value as u8);
        } else {
            let c = char::from_u32(value).ok_or("invalid unicode code point")?;
            push_char(&mut out, c);
        }
    }
    Ok(out)
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> Result<String, &'static str> {
        unescape(text, false).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn strings() {
        assert_eq!(string(r#""a\tb""#).unwrap(), "a\tb");
        assert_eq!(string(r#"'\x41\101\u00e9\U0001F600'"#).unwrap(), "AAé😀");
        assert_eq!(string(r#"r"\n""#).unwrap(), "\\n");
        assert_eq!(string("'''a\r\nb'''").unwrap(), "a\nb");
        assert_eq!(string(r#""\xff""#).unwrap(), "\u{ff}");
        assert_eq!(string(r#"'\ud800'"#), Err("invalid unicode code point"));
    }

    #[test]
    fn bytes() {
        assert_eq!(
            unescape(r#""\xff\377é""#, true).unwrap(),
            b"\xff\xff\xc3\xa9"
        );
        assert_eq!(
            unescape(r#""\u0041""#, true),
            Err("unable to unescape string")
        );
    }
}
