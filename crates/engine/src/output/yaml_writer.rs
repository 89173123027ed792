//! Writes JSON-like values as block-style YAML.
//!
//! Strings are written plain only when YAML cannot read them as anything but
//! that string (no number, boolean or null look-alikes under YAML 1.1 or 1.2,
//! no indicator characters); everything else is double-quoted with JSON
//! escapes, which YAML reads back unchanged.

use serde_json::Value;

/// Writes a stream of documents separated by `---`.
pub fn write_stream(documents: &[Value]) -> String {
    let mut out = String::new();
    for (index, document) in documents.iter().enumerate() {
        if index > 0 {
            out.push_str("---\n");
        }
        write_document(&mut out, document);
    }
    out
}

fn write_document(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

/// YAML reads a key written before its `:` only up to 1024 characters; a
/// longer one needs the explicit `? KEY` form, its value on a `:` line.
const MAX_IMPLICIT_KEY_CHARS: usize = 1000;

fn write_mapping(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (index, (key, value)) in map.iter().enumerate() {
        // The first key of a mapping nested in a sequence item shares the "- " line.
        if index > 0 || !out.ends_with("- ") {
            push_indent(out, indent);
        }
        let key = string_text(key);
        if key.chars().count() > MAX_IMPLICIT_KEY_CHARS {
            out.push_str("? ");
            out.push_str(&key);
            out.push('\n');
            push_indent(out, indent);
        } else {
            out.push_str(&key);
        }
        out.push(':');
        write_nested(out, value, indent);
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for (index, item) in items.iter().enumerate() {
        if index > 0 || !out.ends_with("- ") {
            push_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_mapping(out, map, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_sequence(out, inner, indent + 2),
            scalar => {
                out.push_str(&scalar_text(scalar));
                out.push('\n');
            }
        }
    }
}

/// Writes the value of a mapping entry whose `key:` is already written.
fn write_nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_mapping(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_sequence(out, items, indent);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

fn string_text(s: &str) -> String {
    if is_safe_plain(s) {
        s.to_owned()
    } else {
        // A JSON string literal is a valid YAML double-quoted scalar.
        Value::String(s.to_owned()).to_string()
    }
}

/// True when `s` reads back as the same string if written without quotes.
fn is_safe_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || first == '/' || first == '_') {
        return false;
    }
    if s.ends_with([' ', ':']) || s.contains(": ") || s.contains(" #") {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':' | ' ' | '+'))
    {
        return false;
    }
    !looks_like_non_string(s)
}

/// Words that YAML 1.1 or 1.2 would read as booleans, null, or special floats.
fn looks_like_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    let lower = s.to_ascii_lowercase();
    SPECIAL.contains(&lower.as_str()) || lower.starts_with(".inf") || lower == ".nan"
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_nested_mappings_and_sequences() {
        let doc = json!({
            "kind": "Pod",
            "metadata": {"name": "pod-0"},
            "spec": {"resourceClaims": [{"name": "a", "resourceClaimName": "b"}], "empty": []},
            "list": [["x"], 1, true],
        });
        let text = write_stream(&[doc]);
        assert_eq!(
            text,
            "kind: Pod\nmetadata:\n  name: pod-0\nspec:\n  resourceClaims:\n  - name: a\n    resourceClaimName: b\n  empty: []\nlist:\n- - x\n- 1\n- true\n"
        );
    }

    #[test]
    fn quotes_strings_that_would_read_as_other_types() {
        for s in [
            "False", "yes", "1", "1.5", "", "a: b", "-x", "null", "~", "on", "12Gi",
        ] {
            assert!(string_text(s).starts_with('"'), "{s:?} must be quoted");
        }
        for s in [
            "node-1",
            "gpu.example.com/model",
            "Unschedulable",
            "metadata.name",
        ] {
            assert_eq!(string_text(s), s);
        }
    }

    #[test]
    fn keys_too_long_for_yaml_to_read_are_written_explicitly() {
        let long = "k".repeat(1500);
        let value = json!({
            "spec": {
                "short": 1,
                (long.clone()): "scalar",
                (format!("{long}-map")): {"a": 1},
                (format!("{long}-list")): ["x", {"b": 2}],
            },
            "items": [{(long.clone()): true, "after": "x"}],
        });
        let text = write_stream(std::slice::from_ref(&value));
        assert!(
            text.contains(&format!("  ? {long}\n  : scalar\n")),
            "{text}"
        );
        let parsed = crate::yaml::parse(&text);
        assert!(
            parsed.diagnostics.is_empty(),
            "{:?}\n{text}",
            parsed.diagnostics
        );
        let back: Value = crate::yaml::from_node(
            &parsed.documents[0].root,
            &crate::yaml::FieldPath::default(),
            &mut crate::yaml::SpanTable::default(),
        )
        .expect("the YAML reads back");
        assert_eq!(back, value, "{text}");
    }

    #[test]
    fn separates_documents() {
        let text = write_stream(&[json!({"a": 1}), json!({"b": "x\ny"})]);
        assert_eq!(text, "a: 1\n---\nb: \"x\\ny\"\n");
    }
}
