//! Reading a YAML stream's events with `saphyr-parser`, and placing them
//! in the text ([`Positions`]: saphyr counts characters; the engine's
//! positions are lines by `\n`, columns in characters and byte offsets),
//! with the problem that ends the stream (a syntax error, a parser that
//! makes no progress) positioned as every other diagnostic.

use std::cell::Cell;

use saphyr_parser::{Event, Marker, Parser, ScanError};

use crate::diagnostic::{Diagnostic, Pos, Span};

/// What the reader hands over, in the stream's order, positioned as saphyr
/// gives them (see [`Positions`]).
pub(crate) enum Read<'t> {
    /// An event and where it is written.
    Event(Event<'t>, saphyr_parser::Span),
    /// A syntax error: nothing follows it.
    SyntaxError(ScanError),
    /// The parser made no progress: nothing follows it.
    NoProgress,
}

/// Reads the events of `text` and hands each to `on_read`, up to the end of
/// the stream or the problem that ends it. Never panics.
pub(crate) fn read_events<'t>(text: &'t str, mut on_read: impl FnMut(Read<'t>)) {
    let mut parser = Parser::new_from_str(text);
    // A parser that keeps producing events without consuming input would loop;
    // the number of events is bounded by the input's size.
    let mut budget = text.len().saturating_mul(4).saturating_add(64);
    loop {
        if budget == 0 {
            on_read(Read::NoProgress);
            return;
        }
        budget -= 1;
        match parser.next_event() {
            None => return,
            Some(Ok((event, span))) => {
                let end = matches!(event, Event::StreamEnd);
                on_read(Read::Event(event, span));
                if end {
                    return;
                }
            }
            Some(Err(e)) => {
                on_read(Read::SyntaxError(e));
                return;
            }
        }
    }
}

/// Places what [`read_events`] reads from one text in that text.
pub(crate) struct Positions<'t> {
    text: &'t str,
    map: PosMap<'t>,
}

impl<'t> Positions<'t> {
    pub(crate) fn new(text: &'t str) -> Positions<'t> {
        Positions {
            text,
            map: PosMap::new(text),
        }
    }

    /// Where an event is written.
    pub(crate) fn span(&self, span: &saphyr_parser::Span) -> Span {
        self.map.span(span)
    }

    /// The diagnostic of a syntax error.
    pub(crate) fn syntax_error(&self, error: &ScanError) -> Diagnostic {
        syntax_error(self.text, self.map.pos(error.marker()), error.info())
    }

    /// The diagnostic of a parser that made no progress, at the end.
    pub(crate) fn no_progress(&self) -> Diagnostic {
        let end = self.map.pos(&Marker::new(self.text.chars().count(), 1, 0));
        Diagnostic::error(Span::point(end), "YAML parser made no progress")
    }
}

/// A syntax error, at the line that causes it: saphyr notices a line that
/// is no `key: value` pair (such as `–--`, a separator written with an en
/// dash) only at the line after it, where the value it reads as a key has no
/// `:`.
fn syntax_error(text: &str, at: Pos, info: &str) -> Diagnostic {
    let message = format!("YAML syntax error: {info}");
    if !info.contains("simple key expect ':'") {
        return Diagnostic::error(Span::point(at), message);
    }
    let mut offset = 0;
    let mut culprit = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index + 1 >= at.line {
            break;
        }
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            culprit = Some((index + 1, offset, content));
        }
        offset += line.len();
    }
    match culprit {
        Some((line, offset, content))
            if (!content.contains(':') && !content.starts_with('-')) || is_dash_line(content) =>
        {
            let separator = if is_dash_line(content) {
                " (a document separator is `---`, three ASCII hyphens)"
            } else {
                ""
            };
            Diagnostic::error(
                Span::point(Pos {
                    line,
                    column: 1,
                    offset,
                }),
                format!(
                    "{message}: line {line} ({content:?}) is not a `key: value` pair{separator}"
                ),
            )
        }
        _ => Diagnostic::error(Span::point(at), message),
    }
}

/// A line of dashes with some that are not ASCII hyphens (`–--`, `—`).
fn is_dash_line(content: &str) -> bool {
    content
        .chars()
        .all(|c| matches!(c, '-' | '–' | '—' | '‐' | '−'))
        && content.chars().any(|c| c != '-')
}

/// Converts saphyr's character-based markers into positions with byte offsets.
///
/// Line and column are computed from the marker's character index, not taken
/// from saphyr: saphyr counts a lone carriage return as a line break (as the
/// YAML spec does), while every other position of the engine, and the
/// `FILE:LINE:COLUMN` convention of compilers and editors, counts lines by
/// `\n` only. One rule for all positions keeps diagnostics consistent.
struct PosMap<'t> {
    text: &'t str,
    /// Byte offset of each character, when the text is not ASCII.
    byte_of_char: Option<Vec<usize>>,
    /// Where each line starts: (byte offset, character index).
    line_starts: Vec<(usize, usize)>,
    /// The line of the last position asked for: the parser asks in the
    /// order of the text, so the next one is on that line or soon after.
    recent_line: Cell<usize>,
}

/// How many lines past the last position's line are tried one by one
/// before a binary search.
const LINES_STEPPED: usize = 8;

impl<'t> PosMap<'t> {
    fn new(text: &'t str) -> PosMap<'t> {
        let byte_of_char = if text.is_ascii() {
            None
        } else {
            Some(text.char_indices().map(|(i, _)| i).collect())
        };
        let mut line_starts = vec![(0, 0)];
        match &byte_of_char {
            // In ASCII a character is a byte: the line breaks found by
            // memchr.
            None => line_starts.extend(text.match_indices('\n').map(|(i, _)| (i + 1, i + 1))),
            Some(_) => line_starts.extend(
                text.char_indices()
                    .enumerate()
                    .filter(|(_, (_, c))| *c == '\n')
                    .map(|(char_index, (byte, _))| (byte + 1, char_index + 1)),
            ),
        }
        PosMap {
            text,
            byte_of_char,
            line_starts,
            recent_line: Cell::new(1),
        }
    }

    /// The line (1-based) of a byte offset: the number of lines that start
    /// at or before it.
    fn line_of(&self, offset: usize) -> usize {
        let starts = &self.line_starts;
        let starts_at_or_before = |line: usize| starts[line - 1].0 <= offset;
        let mut line = self.recent_line.get();
        if starts_at_or_before(line) {
            let last = (line + LINES_STEPPED).min(starts.len());
            while line < last && starts_at_or_before(line + 1) {
                line += 1;
            }
            if line == last && line < starts.len() && starts_at_or_before(line + 1) {
                line = starts.partition_point(|&(start, _)| start <= offset);
            }
        } else {
            line = starts.partition_point(|&(start, _)| start <= offset).max(1);
        }
        self.recent_line.set(line);
        line
    }

    fn pos(&self, m: &Marker) -> Pos {
        let (offset, char_index) = match &self.byte_of_char {
            None => {
                let offset = m.index().min(self.text.len());
                (offset, offset)
            }
            Some(v) => match v.get(m.index()) {
                Some(&offset) => (offset, m.index()),
                None => (self.text.len(), v.len()),
            },
        };
        let line = self.line_of(offset);
        let (_, line_char) = self.line_starts[line - 1];
        Pos {
            line,
            column: char_index - line_char + 1,
            offset,
        }
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        let start = self.pos(&s.start);
        let end = self.pos(&s.end);
        Span {
            start,
            end: end.max(start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of an offset is the same whatever was asked before: in
    /// order, backwards, or jumping far ahead.
    #[test]
    fn line_of_an_offset_does_not_depend_on_the_order_of_questions() {
        let text = "a\n\nbb\n".repeat(40) + "tail";
        let expected = |offset: usize| 1 + text[..offset].matches('\n').count();
        let map = PosMap::new(&text);
        let offsets: Vec<usize> = (0..=text.len()).collect();
        for offset in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(map.line_of(*offset), expected(*offset), "{offset}");
        }
        for offset in offsets.iter().step_by(37).chain([&0, &text.len()]) {
            assert_eq!(map.line_of(*offset), expected(*offset), "{offset}");
        }
    }
}
