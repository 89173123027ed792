//! The CEL expression written at a place of the scenario (a selector's `expression:` value), for
//! the CEL console's "selector at the cursor".

/// The key whose value is a CEL expression.
const KEY: &str = "expression:";

/// The expression on the line holding byte `offset`, if that line is an `expression:` key:
/// a plain or quoted value, or a `|`/`>` block below it.
pub fn expression_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let indent = line.len() - line.trim_start().len();
    let after = line.trim_start().trim_start_matches("- ").trim_start();
    let value = after.strip_prefix(KEY)?.trim();
    let expression = match value.chars().next()? {
        '|' | '>' => block(
            &text[(end + 1).min(text.len())..],
            indent,
            value.starts_with('>'),
        ),
        '"' => unquote_double(value)?,
        '\'' => value
            .strip_prefix('\'')?
            .strip_suffix('\'')?
            .replace("''", "'"),
        _ => value.to_owned(),
    };
    let expression = expression.trim().to_owned();
    (!expression.is_empty()).then_some(expression)
}

/// A block scalar's lines: those indented deeper than its key, joined by newlines (by spaces
/// when folded).
fn block(rest: &str, key_indent: usize, folded: bool) -> String {
    let lines: Vec<&str> = rest
        .lines()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > key_indent)
        .map(str::trim)
        .collect();
    lines.join(if folded { " " } else { "\n" })
}

/// A double-quoted YAML scalar on one line, its common escapes undone.
fn unquote_double(value: &str) -> Option<String> {
    let inner = value.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> Option<String> {
        expression_at(text, text.find(marker).expect("the marker"))
    }

    #[test]
    fn a_plain_or_quoted_expression_on_the_cursor_line() {
        let text = "selectors:\n- cel:\n    expression: device.driver == \"gpu\"\nname: x\n";
        assert_eq!(
            at(text, "driver").as_deref(),
            Some("device.driver == \"gpu\"")
        );
        assert_eq!(at(text, "name: x"), None);
        let quoted = "  - expression: \"device.attributes[\\\"a\\\"].x\"\n";
        assert_eq!(
            at(quoted, "device").as_deref(),
            Some("device.attributes[\"a\"].x")
        );
        let single = "expression: 'it''s'\n";
        assert_eq!(at(single, "it").as_deref(), Some("it's"));
    }

    #[test]
    fn a_block_expression_below_its_key() {
        let text = "    cel:\n      expression: |\n        device.driver == \"a\" &&\n        true\n    other: 1\n";
        assert_eq!(
            at(text, "expression").as_deref(),
            Some("device.driver == \"a\" &&\ntrue")
        );
        let folded = "expression: >-\n  a ||\n  b\n";
        assert_eq!(at(folded, "expression").as_deref(), Some("a || b"));
    }
}
