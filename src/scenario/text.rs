//! Text helpers between the engine (byte offsets, lines and columns) and CodeMirror (UTF-16
//! offsets), and the edits the app makes to the scenario text: the folds of a focused view,
//! documents appended (the documents of the stream and the Scenario document's settings are
//! the engine's `scenario_text`).

use dra_engine::diagnostic::Span;
use dra_engine::scenario_text::documents;

/// A byte offset as a UTF-16 offset.
pub fn utf16_of(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    if text.is_ascii() {
        return byte as u32;
    }
    text[..byte].encode_utf16().count() as u32
}

/// A UTF-16 offset as a byte offset.
pub fn byte_of(text: &str, utf16: u32) -> usize {
    if text.is_ascii() {
        return (utf16 as usize).min(text.len());
    }
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The byte offset of a 1-based line and column (in characters), clamped to the line's end
/// and the text's end.
pub fn byte_at(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| i)
}

/// The end of the word (a name, possibly qualified) that starts at a byte offset: at least
/// one character further when there is one, so that a marker has something to underline.
pub fn word_end(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let Some(rest) = text.get(byte..) else {
        return byte;
    };
    let word = rest
        .find(|c: char| !(c.is_alphanumeric() || "_.-/".contains(c)))
        .unwrap_or(rest.len());
    let at_least = rest.chars().next().map_or(0, |c| c.len_utf8());
    byte + word.max(at_least)
}

/// A span as a UTF-16 `[from, to]` range.
pub fn range_of(text: &str, span: &Span) -> (u32, u32) {
    (
        utf16_of(text, span.start.offset),
        utf16_of(text, span.end.offset),
    )
}

/// Which documents the editor shows unfolded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Every document.
    All,
    /// DeviceClasses, claims, claim templates and pods.
    Workloads,
    /// ResourceSlices and Nodes.
    Hardware,
}

impl Focus {
    fn shows(self, kind: Option<&str>) -> bool {
        match (self, kind) {
            (Focus::All, _) | (_, None) | (_, Some("List")) => true,
            (Focus::Workloads, Some(k)) => matches!(
                k,
                "DeviceClass" | "ResourceClaim" | "ResourceClaimTemplate" | "Pod"
            ),
            (Focus::Hardware, Some(k)) => matches!(k, "ResourceSlice" | "Node"),
        }
    }
}

/// The UTF-16 ranges to fold so that only the focused documents are open: each other document
/// folds from the end of its `kind:` line (or first line) to its end.
pub fn folds(text: &str, focus: Focus) -> Vec<(u32, u32)> {
    documents(text)
        .into_iter()
        .filter(|d| !focus.shows(d.kind.as_deref()))
        .filter_map(|d| {
            let body = &text[d.start..d.end];
            let first_end = body.find('\n')?;
            let end = body.trim_end_matches('\n').len();
            (end > first_end).then(|| {
                (
                    utf16_of(text, d.start + first_end),
                    utf16_of(text, d.start + end),
                )
            })
        })
        .collect()
}

/// The text with more documents appended.
pub fn append_documents(text: &str, more: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.is_empty() {
        return more.to_owned();
    }
    let sep = if trimmed.ends_with("---") {
        "\n"
    } else {
        "\n---\n"
    };
    format!("{trimmed}{sep}{}", more.trim_start_matches("---\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# title\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: p\n";

    #[test]
    fn utf16_offsets_count_code_units() {
        let t = "a: é😀\nb";
        assert_eq!(utf16_of(t, t.len()), 8);
        assert_eq!(byte_of(t, 8), t.len());
        assert_eq!(byte_of(t, 3), 3);
    }

    #[test]
    fn hardware_focus_folds_the_pod() {
        let f = folds(TEXT, Focus::Hardware);
        assert_eq!(f.len(), 1);
        let docs = documents(TEXT);
        assert_eq!(f[0].0 as usize, docs[1].start + "kind: Pod".len());
    }

    #[test]
    fn appended_documents_get_a_separator() {
        assert_eq!(append_documents("a: 1\n", "b: 2\n"), "a: 1\n---\nb: 2\n");
        assert_eq!(append_documents("", "b: 2\n"), "b: 2\n");
    }

    #[test]
    fn lines_and_columns_are_counted_in_characters() {
        let text = "a: 1\nnäme: modle == x\n";
        let at = byte_at(text, 2, 7);
        assert_eq!(&text[at..word_end(text, at)], "modle");
        assert_eq!(byte_at(text, 9, 1), text.len());
        assert_eq!(byte_at(text, 1, 99), 4);
        assert_eq!(word_end(text, text.len()), text.len());
    }
}
